#!/usr/bin/env bash
# packaging_metainfo: the AppStream metainfo passes "appstreamcli validate" without network
# access (the screenshots' URLs are not fetched) with neither errors nor warnings.
# Usage: check-metainfo.sh FILE.metainfo.xml
source "$(dirname "$0")/lib.sh"
need_tool appstreamcli appstream

metainfo=$1
# appstreamcli exits non-zero on errors and warnings; infos and pedantic notes pass.
appstreamcli validate --no-net --explain "$metainfo" || fail "appstreamcli validate failed"

# What the validator accepts as optional but a software centre needs from this component.
for element in '<description>' '<launchable type="desktop-id">' '<content_rating type="oars-' \
    '<screenshot type="default">' '<release version=' '<binary>partner-console</binary>' \
    '<binary>partner-console-cli</binary>' '<mediatype>model/stl</mediatype>' '<url type="homepage">'; do
    grep -qF "$element" "$metainfo" || fail "the metainfo lacks $element"
done
echo "metainfo OK: $metainfo"
