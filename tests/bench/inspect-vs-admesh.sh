#!/usr/bin/env bash
# Measures `partner-console-cli inspect` against Debian's admesh on the same generated files,
# in one run, warm page cache, and prints the ratios. Needs a release build and admesh:
#   cmake --preset release && cmake --build --preset release
#   apt-get install admesh      (packaging/install-deps.sh installs it)
#   tests/bench/inspect-vs-admesh.sh [BUILD_DIR] [RUNS]
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${1:-$top/build/release}
runs=${2:-3}
cli=$build/app/partner-console-cli
generate=$build/tests/bench/stl-generate
for tool in "$cli" "$generate" /usr/bin/time; do
    [[ -x "$tool" ]] || { echo "missing $tool (build the release preset first)" >&2; exit 1; }
done
command -v admesh >/dev/null || { echo "admesh is not installed: apt-get install admesh" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$generate" "$work/torus-5m.stl" 5000000 >/dev/null
"$generate" "$work/torus-1m.stl" 1000000 >/dev/null
"$generate" "$work/torus-1m-ascii.stl" 1000000 --ascii >/dev/null

# Best of $runs: "seconds peak-KiB".
measure() {
    local best_s="" best_kb=""
    for ((i = 0; i < runs; ++i)); do
        /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>&1 || true
        read -r s kb <"$work/time"
        if [[ -z "$best_s" ]] || awk "BEGIN{exit !($s < $best_s)}"; then best_s=$s; best_kb=$kb; fi
    done
    echo "$best_s $best_kb"
}

printf '%-28s %10s %10s %10s %10s %9s %9s\n' case "ours s" "ours MiB" "admesh s" "admesh MiB" speed-up "mem ratio"
for case in torus-5m torus-1m torus-1m-ascii; do
    file="$work/$case.stl"
    cat "$file" >/dev/null # warm the page cache
    read -r ours_s ours_kb < <(measure "$cli" inspect --json "$file")
    read -r ad_s ad_kb < <(measure admesh "$file")
    awk -v c="full $case" -v os="$ours_s" -v ok="$ours_kb" -v as="$ad_s" -v ak="$ad_kb" 'BEGIN {
        printf "%-28s %10.2f %10.1f %10.2f %10.1f %8.1fx %9.2f\n", c, os, ok/1024, as, ak/1024,
               (os > 0 ? as/os : 0), (ak > 0 ? ok/ak : 0) }'
done

file="$work/torus-5m.stl"
bytes=$(stat -c %s "$file")
read -r quick_s quick_kb < <(measure "$cli" inspect --quick --json "$file")
awk -v s="$quick_s" -v kb="$quick_kb" -v b="$bytes" 'BEGIN {
    printf "quick path torus-5m (process): %.3f s, %.2f GB/s, %.1f MiB peak\n", s, (s > 0 ? b/s/1e9 : 0), kb/1024 }'
read -r thumb_s thumb_kb < <(measure "$cli" inspect --json --thumbnail "$work/t.png" "$file")
read -r full_s full_kb < <(measure "$cli" inspect --json "$file")
awk -v t="$thumb_s" -v f="$full_s" 'BEGIN {
    printf "thumbnail 256x256 of torus-5m: inspect with thumbnail %.2f s, without %.2f s\n", t, f }'

if [[ -x "$build/tests/bench/bench_stl" ]]; then
    echo "In-process figures (Google Benchmark):"
    "$build/tests/bench/bench_stl" --benchmark_counters_tabular=true 2>/dev/null | grep -E 'BM_|Benchmark'
fi
