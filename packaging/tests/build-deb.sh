#!/usr/bin/env bash
# packaging_deb: builds the Debian package of this build tree with CPack into a folder of
# its own (the fixture the lintian and install checks use). The build must be complete:
# ctest runs after the build.
# Usage: build-deb.sh BUILD/CPackConfig.cmake OUTDIR
source "$(dirname "$0")/lib.sh"
need_tool cpack cmake
need_tool dpkg-shlibdeps dpkg-dev
need_tool strip binutils

config=$1
out=$2
rm -rf "$out"
mkdir -p "$out"
cpack --config "$config" -G DEB -B "$out" || fail "cpack failed"
deb=$(find_deb "$out")
# CPack's staging copy is large (the unstripped programs) and no longer needed.
rm -rf "$out/_CPack_Packages"
echo "built $deb ($(du -h "$deb" | cut -f1))"
