#!/usr/bin/env bash
# packaging_lintian: lintian finds no error and no warning in the package. Informational
# tags are listed but accepted; an overridden tag needs a reason in
# packaging/debian/lintian-overrides (installed with the package).
# Usage: check-lintian.sh DEBDIR
source "$(dirname "$0")/lib.sh"
need_tool lintian lintian

deb=$(find_deb "$1")
# --no-cfg: a developer's ~/.config/lintian/lintianrc must not change the verdict.
# (--show-overrides would make overridden tags count for --fail-on.)
lintian --no-cfg --fail-on error,warning --display-info "$deb" ||
    fail "lintian found errors or warnings in $deb"
echo "lintian OK: $deb"
