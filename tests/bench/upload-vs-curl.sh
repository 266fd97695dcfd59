#!/usr/bin/env bash
# Uploads one large STL (default 250 MB) to the same local sandbox endpoint with
# `partner-console-cli upload` and with `curl -F stl_file=@FILE`, in one run, and prints
#  - the CLI's peak memory (/usr/bin/time) against its idle footprint (`queue list` on the
#    same data folder) and against curl's;
#  - upload throughput in MB/s: curl's whole transfer, the CLI's upload phase (from its
#    "uploading" event to its result) and the CLI's whole command (which also inspects the
#    file, hashes it, and hashes it again right before the upload).
# Needs a release build:  cmake --preset release && cmake --build --preset release
#   tests/bench/upload-vs-curl.sh [BUILD_DIR] [RUNS] [TRIANGLES]
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${1:-$top/build/release}
runs=${2:-3}
triangles=${3:-5000000} # 50 bytes each: 250 MB
cli=$build/app/partner-console-cli
generate=$build/tests/bench/stl-generate
for tool in "$cli" "$generate" /usr/bin/time; do
    [[ -x "$tool" ]] || { echo "missing $tool (build the release preset first)" >&2; exit 1; }
done
command -v curl >/dev/null || { echo "curl is not installed" >&2; exit 1; }

work=$(mktemp -d)
sandbox_pid=""
cleanup() {
    [[ -n "$sandbox_pid" ]] && kill "$sandbox_pid" 2>/dev/null && wait "$sandbox_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

file=$work/large.stl
"$generate" "$file" "$triangles" >/dev/null
size=$(stat -c %s "$file")
cat "$file" >/dev/null # warm the page cache for both

key=bench-sandbox-key
"$cli" sandbox --json --api-key "$key" >"$work/sandbox.out" 2>"$work/sandbox.err" &
sandbox_pid=$!
for _ in $(seq 100); do [[ -s "$work/sandbox.out" ]] && break; sleep 0.1; done
base=$(sed -n 's/.*"base_url":"\([^"]*\)".*/\1/p' "$work/sandbox.out" | head -1)
[[ -n "$base" ]] || { echo "the sandbox did not start" >&2; cat "$work/sandbox.err" >&2; exit 1; }
export PARTNER_CONSOLE_API_KEY=$key
unset QT_LOGGING_RULES

now() { date +%s.%N; }
mbps() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", b / s / 1e6 }'; }

# One CLI upload into a fresh data folder: "command-s upload-s peak-KiB idle-KiB".
cli_upload() {
    local data=$work/data-$1
    rm -rf "$data"
    /usr/bin/time -f "%M" -o "$work/idle.time" \
        "$cli" --base-url "$base" --data-dir "$data" queue list >/dev/null 2>&1
    local start end
    start=$(now)
    /usr/bin/time -f "%M" -o "$work/cli.time" \
        "$cli" --json --base-url "$base" --data-dir "$data" \
        upload "$file" --email bench@example.com --value 1.00 2>"$work/cli.err" |
        while IFS= read -r line; do printf '%s %s\n' "$(now)" "$line"; done >"$work/events"
    end=$(now)
    grep -q '"state":"done"' "$work/events" || { echo "CLI upload failed" >&2; cat "$work/cli.err" >&2; exit 1; }
    local up_start up_end
    up_start=$(grep -m1 '"event":"state".*"state":"uploading"' "$work/events" | cut -d' ' -f1)
    up_end=$(grep -m1 '"event":"result"' "$work/events" | cut -d' ' -f1)
    echo "$(awk -v a="$start" -v b="$end" 'BEGIN{print b-a}') \
$(awk -v a="$up_start" -v b="$up_end" 'BEGIN{print b-a}') $(cat "$work/cli.time") $(cat "$work/idle.time")"
}

# One curl upload for a fresh token: "seconds peak-KiB".
curl_upload() {
    local token
    token=$("$cli" --base-url "$base" token)
    local url="${base}api_upload_partner_stl?api_key=$key&token=$token&receiver_email=bench%40example.com&print_value=1.00&print_value_currency=USD"
    /usr/bin/time -f "%M" -o "$work/curl.time" \
        curl -sS -o "$work/curl.out" -w '%{time_total}\n' -F "stl_file=@$file" "$url" >"$work/curl.s"
    grep -q '"ok"' "$work/curl.out" || { echo "curl upload failed" >&2; cat "$work/curl.out" >&2; exit 1; }
    echo "$(cat "$work/curl.s") $(cat "$work/curl.time")"
}

best_cli="" best_curl=""
for ((i = 0; i < runs; ++i)); do
    read -r c_s c_up c_kb c_idle < <(cli_upload "$i")
    read -r k_s k_kb < <(curl_upload)
    if [[ -z "$best_cli" ]] || awk "BEGIN{exit !($c_up < ${best_cli[1]})}"; then
        best_cli=("$c_s" "$c_up" "$c_kb" "$c_idle")
    fi
    if [[ -z "$best_curl" ]] || awk "BEGIN{exit !($k_s < ${best_curl[0]})}"; then
        best_curl=("$k_s" "$k_kb")
    fi
done

echo "file: $((size / 1000000)) MB ($triangles triangles), best of $runs, one sandbox at $base"
printf '%-34s %10s %10s\n' "" "MB/s" "peak MiB"
printf '%-34s %10s %10.1f\n' "curl -F stl_file=@FILE" "$(mbps "$size" "${best_curl[0]}")" \
    "$(awk -v k="${best_curl[1]}" 'BEGIN{print k/1024}')"
printf '%-34s %10s %10.1f\n' "partner-console-cli, upload phase" \
    "$(mbps "$size" "${best_cli[1]}")" "$(awk -v k="${best_cli[2]}" 'BEGIN{print k/1024}')"
printf '%-34s %10s\n' "partner-console-cli, whole command" "$(mbps "$size" "${best_cli[0]}")"
printf '%-34s %10s %10.1f\n' "partner-console-cli idle (queue list)" "" \
    "$(awk -v k="${best_cli[3]}" 'BEGIN{print k/1024}')"
awk -v c="${best_cli[2]}" -v i="${best_cli[3]}" -v up="${best_cli[1]}" -v k="${best_curl[0]}" 'BEGIN {
    printf "CLI peak above idle: %.1f MiB (target <= 32 MiB)\n", (c - i) / 1024
    printf "CLI upload throughput / curl: %.2f (target >= 0.5)\n", k / up
}'
