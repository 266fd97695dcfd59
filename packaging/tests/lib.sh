# Shared by the packaging checks (sourced): strict mode, messages, tools, the .deb.

set -euo pipefail

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

# need_tool COMMAND DEBIAN_PACKAGE: the checks' tools come from packaging/debian-packages.txt.
need_tool() {
    command -v "$1" >/dev/null 2>&1 ||
        fail "$1 is not installed: run packaging/install-deps.sh (Debian package $2)"
}

# The one .deb that packaging_deb (build-deb.sh) left in DIR.
find_deb() {
    local dir=$1
    local debs=("$dir"/partner-console_*.deb)
    [[ -e ${debs[0]} ]] || fail "no partner-console_*.deb in $dir (run the packaging_deb test)"
    ((${#debs[@]} == 1)) || fail "more than one .deb in $dir: ${debs[*]}"
    echo "${debs[0]}"
}
