#!/usr/bin/env bash
# The window's event-loop lateness in team mode, its PostgreSQL server DELAY ms away (each
# way, through latency-proxy), under Xvfb with the lateness probe on
# (PARTNER_CONSOLE_LATENESS_FILE). Scenarios, one window run:
#   start  launch to window on screen (xdotool finds the window visible) and to the order
#          table filled (the "Main window shown" log line: written from the event loop's first
#          turn; the session reads every order before the window is built, so the table holds
#          them by then)
#   poll   following OPEN_ORDERS printing orders (uploaded before by another console, the
#          CLI, on the same database and sandbox) for POLL_SECONDS: each is asked about every
#          15-30 s
#   drop   DROP_FILES files handed to the running window at once by a second start
#          (`partner-console FILE...`), until it logs their arrival, plus SETTLE_SECONDS
#   stall  the database route goes silent (the proxy holds every byte) for CUT_SECONDS, then
#          comes back; until the window logs the store connection restored (at most 30 s
#          more; a stall short enough for the connection to survive is never "lost"), plus
#          SETTLE_SECONDS
#   cut    every database connection reset and new ones refused for CUT_SECONDS, then back,
#          as for stall
# A late tick counts in every scenario its blocked stretch (from when it was due until it
# fired) overlaps.
# For each: the largest lateness and the number of ticks over 50 ms (from the probe's list
# of ticks over 16 ms and their times) and the client's database round trips (proxy).
# With STRACE=1 the poll scenario is also watched from outside: strace -tt -T of the GUI
# thread's poll/ppoll calls; a gap between the end of one wait and the start of the next is
# time the thread was busy, and its largest gaps should match the probe's late ticks.
#
#   tests/bench/window-lateness.sh [BUILD_DIR]
# Environment: DISPLAY_NUMBER (84), DELAY (50), OPEN_ORDERS (50), DROP_FILES (200),
# POLL_SECONDS (45), SETTLE_SECONDS (10), CUT_SECONDS (20), STRACE (1), KEEP (keep the work
# folder: its path is printed).
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${1:-$top/build/dev}
display_number=${DISPLAY_NUMBER:-84}
delay=${DELAY:-50}
open_orders=${OPEN_ORDERS:-50}
drop_files=${DROP_FILES:-200}
poll_seconds=${POLL_SECONDS:-45}
settle_seconds=${SETTLE_SECONDS:-10}
cut_seconds=${CUT_SECONDS:-20}
use_strace=${STRACE:-1}
gui=$build/app/partner-console
cli=$build/app/partner-console-cli
proxy_bin=$build/tests/bench/latency-proxy
generate=$build/tests/bench/stl-generate
for tool in "$gui" "$cli" "$proxy_bin" "$generate"; do
    [[ -x "$tool" ]] || {
        echo "missing $tool: cmake --build $build --target partner-console partner-console-cli latency-proxy stl-generate" >&2
        exit 1
    }
done
for tool in Xvfb xdotool python3; do
    command -v "$tool" >/dev/null || { echo "$tool is not installed" >&2; exit 1; }
done
[[ $use_strace == 1 ]] && ! command -v strace >/dev/null && { echo "strace is not installed (or STRACE=0)" >&2; exit 1; }

work=$(mktemp -d /tmp/window-lateness.XXXXXX)
xvfb_pid="" proxy_pid="" gui_pid="" strace_pid=""
cleanup() {
    for pid in $strace_pid $gui_pid $proxy_pid $xvfb_pid; do
        kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    done
    "$top/tests/postgres/pg-cluster.sh" stop "$work/pg" >/dev/null 2>&1 || true
    if [[ -n "${KEEP:-}" ]]; then echo "work folder kept: $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

now_ns() { date +%s%N; }
utc_now() { date -u +%Y-%m-%dT%H:%M:%S.%3NZ; }
say() { echo "[$(date -u +%T)] $*" >&2; }

# A home of our own: no settings, keychain entry or team database of the user's.
export HOME=$work/home XDG_CONFIG_HOME=$work/home/config XDG_DATA_HOME=$work/home/data
export XDG_CACHE_HOME=$work/home/cache XDG_RUNTIME_DIR=$work/home/runtime LC_ALL=C.UTF-8 LANGUAGE=
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
unset PARTNER_CONSOLE_API_KEY PARTNER_CONSOLE_DATABASE
data=$work/data
export PARTNER_CONSOLE_DATA_DIR=$data QTWEBENGINE_DISABLE_SANDBOX=1
export QT_LOGGING_RULES="pc.*.debug=true"

say "PostgreSQL server, $open_orders open orders uploaded by the CLI, $drop_files files to drop"
"$top/tests/postgres/pg-cluster.sh" start "$work/pg" >&2
direct_url=$(cat "$work/pg/url")
PARTNER_CONSOLE_DATABASE_PASSWORD=$(cat "$work/pg/password")
export PARTNER_CONSOLE_DATABASE_PASSWORD
pg_port=${direct_url##*:}
pg_port=${pg_port%%/*}
mkdir -p "$work/seed" "$work/drop" "$XDG_CONFIG_HOME/DesignStreaming"
# The sandbox starts each print a second after its upload and runs it in real time, for the
# CLI that uploads the open orders and for the window: the orders are printing while the
# window follows them (every 15-30 s each).
cat >"$XDG_CONFIG_HOME/DesignStreaming/partner-console.conf" <<'CONF'
[sandbox]
speed=1
auto_print_seconds=1
outcome=success
CONF
for i in $(seq "$open_orders"); do "$generate" "$work/seed/open-$i.stl" $((100 + i)) >/dev/null; done
for i in $(seq "$drop_files"); do "$generate" "$work/drop/dropped-$i.stl" $((1000 + i)) >/dev/null; done
# Straight to the server (no proxy): the other console's uploads are not measured.
"$cli" --data-dir "$data" --database "$direct_url" upload "$work/seed" \
    --email seed@example.com --value 10 --parallel 4 >"$work/seed.out" 2>&1 || {
    echo "seeding failed:" >&2
    tail -n 20 "$work/seed.out" >&2
    exit 1
}

if [[ ! -e /tmp/.X11-unix/X$display_number ]]; then
    Xvfb ":$display_number" -screen 0 1400x900x24 -nolisten tcp >/dev/null 2>&1 &
    xvfb_pid=$!
    for _ in $(seq 100); do [[ -e /tmp/.X11-unix/X$display_number ]] && break; sleep 0.05; done
fi
export DISPLAY=:$display_number

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkfifo "$work/proxy.ctl"
"$proxy_bin" --listen "$port" --target "127.0.0.1:$pg_port" --delay "$delay" \
    --stats "$work/stats.json" <"$work/proxy.ctl" >"$work/proxy.out" 2>&1 &
proxy_pid=$!
exec 8>"$work/proxy.ctl"
for _ in $(seq 100); do grep -q listening "$work/proxy.out" && break; sleep 0.05; done
proxy_url="postgresql://pc_test@127.0.0.1:$port/pc_test"

proxy_round_trips() {
    rm -f "$work/stats.json"
    kill -USR1 "$proxy_pid"
    for _ in $(seq 100); do [[ -s "$work/stats.json" ]] && break; sleep 0.02; done
    sed -n 's/.*"round_trips":\([0-9]*\).*/\1/p' "$work/stats.json"
}
# Waits until the window's log has a line matching $1 (at most $2 seconds); true if it came.
wait_for_log() {
    local deadline=$(($(date +%s) + $2))
    while (($(date +%s) < deadline)); do
        grep -q "$1" "$work/window.log" 2>/dev/null && return 0
        sleep 0.1
    done
    return 1
}
# Each log line with the wall-clock time it arrived (ns since the epoch) in front.
stamp_lines() { while IFS= read -r line; do printf '%s %s\n' "$(now_ns)" "$line"; done; }

scenarios=()
declare -A scenario_start scenario_end scenario_trips
begin_scenario() {
    scenarios+=("$1")
    scenario_start[$1]=$(utc_now)
    kill -USR2 "$proxy_pid"
}
end_scenario() {
    scenario_end[$1]=$(utc_now)
    scenario_trips[$1]=$(proxy_round_trips)
}

say "window on display :$display_number, database $delay ms away each way"
launched=$(now_ns)
PARTNER_CONSOLE_DATABASE=$proxy_url PARTNER_CONSOLE_LATENESS_FILE=$work/lateness.json \
    "$gui" --environment sandbox \
    2> >(stamp_lines >"$work/window.log") >/dev/null &
gui_pid=$!
scenario_start[start]=$(utc_now)
on_screen=""
for _ in $(seq 1200); do
    if xdotool search --onlyvisible --pid "$gui_pid" >/dev/null 2>&1; then
        on_screen=$(now_ns)
        break
    fi
    sleep 0.05
done
wait_for_log "Main window shown" 120 || { echo "the window did not come up; its log:" >&2; tail -n 30 "$work/window.log" >&2; exit 1; }
shown=$(grep -m1 "Main window shown" "$work/window.log" | cut -d' ' -f1)
scenarios+=(start)
end_scenario start
xdotool search --onlyvisible --pid "$gui_pid" windowsize 1300 850 >/dev/null 2>&1 || true

say "poll: following $open_orders open orders for $poll_seconds s"
if [[ $use_strace == 1 ]]; then
    strace -tt -T -e trace=poll,ppoll -p "$gui_pid" -o "$work/strace.txt" 2>/dev/null &
    strace_pid=$!
    sleep 0.5
fi
begin_scenario poll
sleep "$poll_seconds"
end_scenario poll
if [[ -n "$strace_pid" ]]; then
    kill "$strace_pid" 2>/dev/null && wait "$strace_pid" 2>/dev/null || true
    strace_pid=""
fi

say "drop: $drop_files files handed over by a second start"
begin_scenario drop
dropped=$(now_ns)
# In the background: the second start waits for the window to take the files, and a window
# busy for longer than that makes it give up with a message (which it also shows in a box).
PARTNER_CONSOLE_DATABASE=$proxy_url "$gui" "$work/drop"/*.stl >/dev/null 2>"$work/second-start.log" &
second_pid=$!
wait_for_log "arrived:" 1200 || say "no arrival logged within 1200 s"
if kill -0 "$second_pid" 2>/dev/null; then
    say "the second start is still running after the files arrived (a message box?): ended"
    import -window root "$work/second-start.png" 2>/dev/null || true
    kill "$second_pid" 2>/dev/null || true
fi
wait "$second_pid" 2>/dev/null || true
grep -v "^pc\." "$work/second-start.log" | sed 's/^/  second start said: /' >&2 || true
sleep "$settle_seconds"
end_scenario drop
import -window root "$work/after-drop.png" 2>/dev/null || true

say "stall: the database route silent for $cut_seconds s"
restored_before=$(grep -c "store connection restored" "$work/window.log" || true)
begin_scenario stall
echo stall >&8
sleep "$cut_seconds"
echo restore >&8
for _ in $(seq 300); do
    (($(grep -c "store connection restored" "$work/window.log" || true) > restored_before)) && break
    sleep 0.1
done
sleep "$settle_seconds"
end_scenario stall

say "cut: connections reset and refused for $cut_seconds s"
restored_before=$(grep -c "store connection restored" "$work/window.log" || true)
begin_scenario cut
echo cut >&8
sleep "$cut_seconds"
echo restore >&8
for _ in $(seq 300); do
    (($(grep -c "store connection restored" "$work/window.log" || true) > restored_before)) && break
    sleep 0.1
done
sleep "$settle_seconds"
end_scenario cut
import -window root "$work/after-cut.png" 2>/dev/null || true

kill -TERM "$gui_pid"
for _ in $(seq 300); do kill -0 "$gui_pid" 2>/dev/null || break; sleep 0.1; done
wait "$gui_pid" 2>/dev/null || true
gui_pid=""

echo
echo "### Window, team database $delay ms away each way ($open_orders open orders, $drop_files files dropped)"
echo
awk -v l="$launched" -v s="$on_screen" -v f="$shown" 'BEGIN {
    printf "Launch to window on screen (xdotool sees it visible): %s ms; to the order table filled (\"Main window shown\" logged): %.0f ms\n\n",
        (s == "" ? "not seen" : sprintf("%.0f", (s - l) / 1e6)), (f - l) / 1e6 }'
handed=$(grep -m1 "Another start handed over" "$work/window.log" | cut -d' ' -f1 || true)
arrived=$(grep -m1 "arrived:" "$work/window.log" | cut -d' ' -f1 || true)
awk -v d="$dropped" -v h="$handed" -v a="$arrived" -v n="$drop_files" 'BEGIN {
    printf "%s files dropped: the window took them %s ms after the second start began, and all had arrived (\"arrived:\" logged) after %s ms\n\n", n,
        (h == "" ? "(not logged)" : sprintf("%.0f", (h - d) / 1e6)), (a == "" ? "(not logged)" : sprintf("%.0f", (a - d) / 1e6)) }'
for name in "${scenarios[@]}"; do
    echo "$name ${scenario_start[$name]} ${scenario_end[$name]} ${scenario_trips[$name]}"
done >"$work/scenarios.txt"
python3 "$top/tests/bench/window-lateness-report.py" "$work"
