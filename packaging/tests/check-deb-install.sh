#!/usr/bin/env bash
# packaging_deb_install: the package as a user gets it. Checks its control fields, that
# this machine satisfies its Depends, unpacks it into an empty folder (dpkg -x: the files
# only, as dpkg would install them, without needing root or touching the system) and runs
# the unpacked programs: both report the build's version, and "partner-console-cli
# sandbox" answers HTTP on its port and exits cleanly on SIGTERM.
# Usage: check-deb-install.sh DEBDIR BUILD_CLI BUILD_GUI VERSION_FILE DEB_REVISION
source "$(dirname "$0")/lib.sh"
need_tool dpkg-deb dpkg
need_tool file file

deb=$(find_deb "$1")
build_cli=$2
build_gui=$3
version=$(head -n1 "$4")
revision=$5

work=$(mktemp -d)
sandbox_pid=
cleanup() {
    [[ -z $sandbox_pid ]] || kill -KILL "$sandbox_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
root=$work/root
# The programs run with a home of their own: nothing of the user's data, settings or
# keychain is read or written.
export HOME=$work/home XDG_CONFIG_HOME=$work/home/.config XDG_DATA_HOME=$work/home/.local/share
export XDG_CACHE_HOME=$work/home/.cache
# The GUI only prints its version, but constructs its QApplication first.
export QT_QPA_PLATFORM=offscreen
mkdir -p "$HOME"
unset PARTNER_CONSOLE_API_KEY PARTNER_CONSOLE_DATA_DIR

echo "== control fields of $deb"
dpkg-deb --info "$deb"
field() { dpkg-deb --field "$deb" "$1"; }
[[ $(field Package) == partner-console ]] || fail "Package: $(field Package)"
[[ $(field Version) == "$version-$revision" ]] ||
    fail "Version: $(field Version), the build says $version-$revision"
[[ $(field Architecture) == "$(dpkg --print-architecture)" ]] ||
    fail "Architecture: $(field Architecture)"
[[ $(field Section) == graphics ]] || fail "Section: $(field Section)"
maintainer_pattern='^[^<]+ <[^@>]+@[^>]+>$'
[[ $(field Maintainer) =~ $maintainer_pattern ]] ||
    fail "Maintainer is not 'Name <e-mail>': $(field Maintainer)"
[[ $(field Homepage) == https://* ]] || fail "Homepage: $(field Homepage)"
description=$(field Description)
(($(wc -l <<<"$description") >= 5)) || fail "the Description has no long text"
(($(head -n1 <<<"$description" | wc -c) <= 80)) || fail "the Description's synopsis is too long"
depends=$(field Depends)
# shlibdeps worked when the libraries the programs link are there with versions.
depends_names=$(tr ',' '\n' <<<"$depends" | sed -E 's/^ +//; s/[ (|].*//')
for package in libc6 libstdc++6 libqt6core6 libqt6widgets6 libqt6webenginewidgets6 \
    libqt6keychain1 libqt6sql6-sqlite libqt6webenginecore6-bin; do
    grep -qxF "$package" <<<"$depends_names" || fail "Depends lacks $package: $depends"
done

echo "== Depends satisfied on this machine"
# Each comma-separated group is "pkg (op version) | pkg ..."; one alternative must be
# installed in a matching version.
IFS=',' read -ra groups <<<"$depends"
for group in "${groups[@]}"; do
    satisfied=
    IFS='|' read -ra alternatives <<<"$group"
    for alternative in "${alternatives[@]}"; do
        read -r package op wanted <<<"$(sed -E 's/[()]//g' <<<"$alternative")"
        installed=$(dpkg-query -W -f='${Status} ${Version}' "$package" 2>/dev/null |
            sed -n 's/^install ok installed //p') || true
        [[ -n $installed ]] || continue
        if [[ -z ${op:-} ]] || dpkg --compare-versions "$installed" "$op" "$wanted"; then
            satisfied=yes
            break
        fi
    done
    [[ -n $satisfied ]] || fail "not satisfied here:$group"
done

echo "== unpacking into $root"
dpkg-deb --extract "$deb" "$root"
find "$root" -type f -o -type l | sed "s|^$root||" | sort
expected=(
    /usr/bin/partner-console
    /usr/bin/partner-console-cli
    /usr/share/applications/com.sendshapes.PartnerConsole.desktop
    /usr/share/metainfo/com.sendshapes.PartnerConsole.metainfo.xml
    /usr/share/mime/packages/com.sendshapes.PartnerConsole.xml
    /usr/share/icons/hicolor/scalable/apps/partner-console.svg
    /usr/share/man/man1/partner-console.1.gz
    /usr/share/man/man1/partner-console-cli.1.gz
    /usr/share/doc/partner-console/copyright
    /usr/share/doc/partner-console/changelog.Debian.gz
)
for size in 16 24 32 48 64 128 256; do
    expected+=("/usr/share/icons/hicolor/${size}x${size}/apps/partner-console.png")
    file "$root/usr/share/icons/hicolor/${size}x${size}/apps/partner-console.png" |
        grep -q "PNG image data, $size x $size," || fail "the ${size}x${size} icon is not $size px"
done
for path in "${expected[@]}"; do
    [[ -f $root$path ]] || fail "the package lacks $path"
done
for program in partner-console partner-console-cli; do
    file "$root/usr/bin/$program" | grep -q ', stripped' || fail "$program is not stripped"
done
zcat "$root/usr/share/man/man1/partner-console-cli.1.gz" | grep -q '^\.SS sandbox$' ||
    fail "the CLI's manual page lacks its commands"
zcat "$root/usr/share/doc/partner-console/changelog.Debian.gz" |
    grep -q "^partner-console ($version-$revision) " || fail "changelog.Debian names another version"

echo "== versions"
built=$("$build_cli" --version)
unpacked=$("$root/usr/bin/partner-console-cli" --version)
echo "build: $built; package: $unpacked"
[[ $unpacked == "partner-console-cli $version" ]] ||
    fail "the packaged CLI says '$unpacked', expected 'partner-console-cli $version'"
[[ $unpacked == "$built" ]] || fail "the packaged and the built CLI differ"
gui_built=$("$build_gui" --version 2>/dev/null)
gui_unpacked=$("$root/usr/bin/partner-console" --version 2>/dev/null)
echo "GUI build: $gui_built; GUI package: $gui_unpacked"
[[ $gui_unpacked == "partner-console $version" ]] ||
    fail "the packaged GUI says '$gui_unpacked', expected 'partner-console $version'"
[[ $gui_unpacked == "$gui_built" ]] || fail "the packaged and the built GUI differ"

echo "== sandbox"
# --json: the first line of standard output is {"base_url": ..., ...} once it listens.
"$root/usr/bin/partner-console-cli" --json sandbox --port 0 \
    >"$work/sandbox.out" 2>"$work/sandbox.err" &
sandbox_pid=$!
base_url=
for _ in $(seq 150); do
    base_url=$(sed -n 's/.*"base_url": *"\([^"]*\)".*/\1/p' "$work/sandbox.out" | head -n1)
    [[ -z $base_url ]] || break
    kill -0 "$sandbox_pid" 2>/dev/null || {
        cat "$work/sandbox.err"
        fail "the sandbox exited before it listened"
    }
    sleep 0.2
done
[[ -n $base_url ]] || fail "the sandbox did not report its address within 30 s"
echo "sandbox listening at $base_url"
[[ $base_url =~ ^http://127\.0\.0\.1:([0-9]+)(/.*)$ ]] || fail "unexpected address $base_url"
port=${BASH_REMATCH[1]}
path=${BASH_REMATCH[2]}
# One HTTP request with bash's own /dev/tcp: no curl needed. Any HTTP answer will do (a
# request without the sandbox's key gets an error status).
exec 3<>"/dev/tcp/127.0.0.1/$port" || fail "cannot connect to port $port"
printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n\r\n' "$path" "$port" >&3
read -r -t 10 status_line <&3 || fail "no answer from the sandbox"
exec 3<&-
echo "answer: ${status_line%$'\r'}"
[[ $status_line == HTTP/1.[01]\ [0-9][0-9][0-9]* ]] || fail "not an HTTP answer: $status_line"

kill -TERM "$sandbox_pid"
for _ in $(seq 50); do
    kill -0 "$sandbox_pid" 2>/dev/null || break
    sleep 0.2
done
kill -0 "$sandbox_pid" 2>/dev/null && fail "the sandbox still runs 10 s after SIGTERM"
rc=0
wait "$sandbox_pid" || rc=$?
sandbox_pid=
cat "$work/sandbox.err"
((rc == 0)) || fail "the sandbox exited with $rc after SIGTERM"
echo "package install OK: $deb"
