#!/usr/bin/env bash
# packaging_mime: the shared-mime-info package file merges with the system's
# freedesktop.org.xml into a database in which the legacy STL names are aliases of
# model/stl, and a file named *.stl is model/stl; every type the desktop entry declares is
# known there.
# Usage: check-mime.sh PACKAGE.xml FILE.desktop
source "$(dirname "$0")/lib.sh"
need_tool update-mime-database shared-mime-info

package_xml=$1
desktop=$2
system_xml=/usr/share/mime/packages/freedesktop.org.xml
[[ -f $system_xml ]] || fail "$system_xml is missing (Debian package shared-mime-info)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/mime/packages"
cp "$system_xml" "$package_xml" "$work/mime/packages/"
# Its note that the folder is not in XDG_DATA_DIRS is expected: shown only on failure.
update-mime-database "$work/mime" >"$work/log" 2>&1 || {
    cat "$work/log"
    fail "update-mime-database rejected $package_xml"
}

for alias in application/sla application/vnd.ms-pki.stl application/x-stl \
    model/x.stl-ascii model/x.stl-binary; do
    grep -qx "$alias model/stl" "$work/mime/aliases" || fail "$alias is not an alias of model/stl"
done
grep -qx '\*\.stl' <(sed -n 's/^[0-9]*:model\/stl:\([^:]*\).*/\1/p' "$work/mime/globs2") ||
    fail "*.stl does not map to model/stl"

declared=$(sed -n 's/^MimeType=//p' "$desktop" | tr ';' '\n' | grep -v '^$')
for type in $declared; do
    [[ -f $work/mime/${type}.xml ]] || grep -q "^$type " "$work/mime/aliases" ||
        fail "the desktop entry declares $type, unknown to the MIME database"
done
echo "MIME types OK"
