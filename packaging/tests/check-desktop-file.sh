#!/usr/bin/env bash
# packaging_desktop_file: the desktop entry passes desktop-file-validate with neither errors
# nor warnings (hints are shown but allowed), and declares what single-instance file
# opening relies on.
# Usage: check-desktop-file.sh FILE.desktop
source "$(dirname "$0")/lib.sh"
need_tool desktop-file-validate desktop-file-utils

desktop=$1
output=$(desktop-file-validate "$desktop" 2>&1) || {
    echo "$output"
    fail "desktop-file-validate rejected $desktop"
}
[[ -z $output ]] || echo "$output"
if grep -E ': (error|warning): ' <<<"$output"; then
    fail "desktop-file-validate reported problems"
fi

grep -qx 'Exec=partner-console %F' "$desktop" || fail "Exec must be 'partner-console %F'"
for type in model/stl application/sla application/vnd.ms-pki.stl application/x-stl \
    model/x.stl-ascii model/x.stl-binary; do
    grep -E "^MimeType=(.*;)?${type//./\\.};" "$desktop" >/dev/null || fail "MimeType lacks $type"
done
echo "desktop entry OK: $desktop"
