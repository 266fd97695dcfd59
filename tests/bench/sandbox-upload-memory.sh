#!/usr/bin/env bash
# The built-in sandbox's memory while it receives one large upload (default 400 MB): runs
# `partner-console-cli sandbox` under /usr/bin/time, uploads a generated STL to it with
# `partner-console-cli upload`, checks the stored file is the one sent, and prints the
# sandbox's peak resident set and its resident set once the upload is done. Pass the CLI of
# another build (an older one, say) as OTHER_CLI to print both side by side in one run.
#   tests/bench/sandbox-upload-memory.sh [BUILD_DIR] [TRIANGLES] [OTHER_CLI]
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${1:-$top/build/dev}
triangles=${2:-8000000} # 50 bytes each: 400 MB
other=${3:-}
cli=$build/app/partner-console-cli
generate=$build/tests/bench/stl-generate
for tool in "$cli" "$generate" /usr/bin/time ${other:+"$other"}; do
    [[ -x "$tool" ]] || { echo "missing $tool (build partner-console-cli and stl-generate)" >&2; exit 1; }
done

work=$(mktemp -d)
sandbox_pid=""
cleanup() {
    [[ -n "$sandbox_pid" ]] && kill "$sandbox_pid" 2>/dev/null && wait "$sandbox_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

file=$work/large.stl
"$generate" "$file" "$triangles" >/dev/null
echo "upload of $(stat -c %s "$file") bytes"
unset QT_LOGGING_RULES

# One sandbox, one upload: "LABEL: peak ... KiB, after the upload ... KiB".
measure() {
    local label=$1 tool=$2 run=$work/$1
    mkdir -p "$run"
    /usr/bin/time -f "%M" -o "$run/time" \
        "$tool" sandbox --json --data-dir "$run/sandbox" \
        >"$run/sandbox.out" 2>"$run/sandbox.err" &
    sandbox_pid=$!
    for _ in $(seq 100); do [[ -s "$run/sandbox.out" ]] && break; sleep 0.1; done
    local base
    base=$(sed -n 's/.*"base_url":"\([^"]*\)".*/\1/p' "$run/sandbox.out" | head -1)
    [[ -n "$base" ]] || { echo "the sandbox did not start" >&2; cat "$run/sandbox.err" >&2; exit 1; }
    local server
    server=$(pgrep -P "$sandbox_pid" | head -1)
    PARTNER_CONSOLE_API_KEY=$(sed -n 's/.*"api_key":"\([^"]*\)".*/\1/p' "$run/sandbox.out" | head -1) \
        "$tool" --json --base-url "$base" --data-dir "$run/client" \
        upload "$file" --email bench@example.com --value 1.00 >"$run/events" 2>"$run/cli.err" ||
        { echo "$label: the upload failed" >&2; cat "$run/cli.err" >&2; exit 1; }
    local after
    after=$(awk '/^VmRSS:/ { print $2 }' "/proc/$server/status")
    cmp -s "$file" "$run"/sandbox/sandbox/files/*.stl ||
        { echo "$label: the stored file differs from the one sent" >&2; exit 1; }
    kill -INT "$server"
    wait "$sandbox_pid" || true
    sandbox_pid=""
    printf '%-8s sandbox peak %9s KiB, after the upload %9s KiB\n' "$label:" "$(cat "$run/time")" "$after"
    rm -rf "$run"
}

[[ -n "$other" ]] && measure other "$other"
measure this "$cli"
