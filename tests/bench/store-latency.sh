#!/usr/bin/env bash
# The order store across a slow network: round trips and wall time of four flows on a
# PostgreSQL server reached through latency-proxy with 0, 10 and 50 ms each way, and the same
# flows on SQLite (no proxy) beside them.
#
#   a) one status answer stored     (store-latency-op update-status: OrderStore::updateOrderStatus)
#   a2) the order read back          (store-latency-op read-order, as the poller does after a)
#   b) `partner-console-cli upload` of one small STL on the built-in sandbox (open included)
#   c) `partner-console-cli orders` with ORDERS orders in the store (open included)
#   d) opening the store: `partner-console-cli queue list` on an empty queue
#   o) the store's open() alone      (store-latency-op, open only)
#
#   tests/bench/store-latency.sh [BUILD_DIR]
# Environment: DELAYS ("0 10 50"), ORDERS (10000), RUNS (3: the wall time is the median of
# RUNS, the round trips those of the last run; they do not vary), STL (a small corpus file).
# Needs the build's partner-console-cli, latency-proxy and store-latency-op, and Debian's
# postgresql package (tests/postgres/pg-cluster.sh runs a throw-away server). Prints one
# markdown table per delay. Round trips count the client's turns on the wire (latency-proxy);
# each new connection adds one more for its TCP handshake, which the proxy does not delay.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${1:-$top/build/dev}
delays=${DELAYS:-0 10 50}
order_count=${ORDERS:-10000}
runs=${RUNS:-3}
stl=${STL:-$top/../shared/stl-corpus/trimesh__20mm-xyz-cube.stl}
cli=$build/app/partner-console-cli
proxy_bin=$build/tests/bench/latency-proxy
op=$build/tests/bench/store-latency-op
for tool in "$cli" "$proxy_bin" "$op"; do
    [[ -x "$tool" ]] || {
        echo "missing $tool: cmake --build $build --target partner-console-cli latency-proxy store-latency-op" >&2
        exit 1
    }
done
[[ -f "$stl" ]] || { echo "no STL file at $stl (set STL=FILE)" >&2; exit 1; }

work=$(mktemp -d /tmp/store-latency.XXXXXX)
proxy_pid=""
cleanup() {
    [[ -n "$proxy_pid" ]] && kill "$proxy_pid" 2>/dev/null && wait "$proxy_pid" 2>/dev/null
    "$top/tests/postgres/pg-cluster.sh" stop "$work/pg" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

# A home of our own: no settings, keychain entry or team database of the user's.
export HOME=$work/home XDG_CONFIG_HOME=$work/home/config XDG_DATA_HOME=$work/home/data
export XDG_CACHE_HOME=$work/home/cache LC_ALL=C.UTF-8 LANGUAGE=
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME"
unset QT_LOGGING_RULES PARTNER_CONSOLE_DATABASE PARTNER_CONSOLE_API_KEY PARTNER_CONSOLE_DATA_DIR
export QT_LOGGING_RULES="*.info=false"

echo "Starting a throw-away PostgreSQL server and seeding $order_count orders..." >&2
"$top/tests/postgres/pg-cluster.sh" start "$work/pg" >&2
direct_url=$(cat "$work/pg/url")
PARTNER_CONSOLE_DATABASE_PASSWORD=$(cat "$work/pg/password")
export PARTNER_CONSOLE_DATABASE_PASSWORD
pg_port=${direct_url##*:}
pg_port=${pg_port%%/*}
"$op" --database "$direct_url" seed "$order_count" >/dev/null
sqlite_dir=$work/sqlite
"$op" --data-dir "$sqlite_dir" seed "$order_count" >/dev/null
team_dir=$work/team # the team console's own folder: its locks and its built-in sandbox

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
now_ns() { date +%s%N; }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

proxy_report() { # the proxy's counters as JSON, written on SIGUSR1
    rm -f "$work/stats.json"
    kill -USR1 "$proxy_pid"
    for _ in $(seq 100); do [[ -s "$work/stats.json" ]] && break; sleep 0.02; done
    cat "$work/stats.json"
}
json_field() { sed -n "s/.*\"$1\":\([0-9.]*\).*/\1/p"; }

upload_number=0
delay=0
# run_flow FLOW DATABASE_ARGS...: runs the flow once; prints "wall_ms"
run_flow() {
    local flow=$1
    shift
    local start end
    case "$flow" in
    o)
        "$op" "$@" open >"$work/op.out"
        json_field open_ms <"$work/op.out" | tail -1
        return
        ;;
    a | a2)
        local operation=update-status
        [[ $flow == a2 ]] && operation=read-order
        # Opened first; the counters are reset once it waits, so only the operation counts.
        rm -f "$work/go"
        mkfifo "$work/go"
        "$op" "$@" --wait "$operation" <"$work/go" >"$work/op.out" &
        local op_pid=$!
        exec 9>"$work/go"
        for _ in $(seq 3000); do grep -q opened "$work/op.out" 2>/dev/null && break; sleep 0.01; done
        if [[ -n "$proxy_pid" ]]; then
            kill -USR2 "$proxy_pid"
            sleep 0.05
        fi
        echo go >&9
        for _ in $(seq 3000); do grep -q op_ms "$work/op.out" 2>/dev/null && break; sleep 0.01; done
        if [[ -n "$proxy_pid" ]]; then
            sleep "$(awk -v d="$delay" 'BEGIN { print 2 * d / 1000 + 0.05 }')" # the last bytes
            proxy_report >"$work/op-stats.json"
        fi
        echo done >&9 # now it may close the store
        exec 9>&-
        wait "$op_pid"
        json_field op_ms <"$work/op.out" | tail -1
        return
        ;;
    esac
    start=$(now_ns)
    case "$flow" in
    b)
        upload_number=$((upload_number + 1))
        "$cli" "$@" upload "$stl" --email "bench$upload_number@example.com" --value 10 \
            >"$work/flow.out" 2>&1
        ;;
    c) "$cli" "$@" orders >"$work/flow.out" 2>&1 ;;
    d) "$cli" "$@" queue list >"$work/flow.out" 2>&1 ;;
    esac
    end=$(now_ns)
    echo $(((end - start) / 1000000))
}

flows=(a a2 b c d o)
declare -A flow_name=(
    [a]="a) store one status answer (updateOrderStatus)"
    [a2]="a2) read the order back (order)"
    [b]="b) CLI upload of one small STL (sandbox)"
    [c]="c) CLI orders, $order_count orders"
    [d]="d) CLI queue list (opens the store)"
    [o]="o) OrderStore::open alone"
)

# SQLite once (no network): median wall time per flow.
declare -A sqlite_ms
for flow in "${flows[@]}"; do
    sqlite_ms[$flow]=$(for _ in $(seq "$runs"); do run_flow "$flow" --data-dir "$sqlite_dir"; done | median)
done

for delay in $delays; do
    port=$(free_port)
    "$proxy_bin" --listen "$port" --target "127.0.0.1:$pg_port" --delay "$delay" \
        --stats "$work/stats.json" >"$work/proxy.out" 2>&1 &
    proxy_pid=$!
    for _ in $(seq 100); do grep -q listening "$work/proxy.out" && break; sleep 0.05; done
    url="postgresql://pc_test@127.0.0.1:$port/pc_test"
    echo
    echo "### PostgreSQL $delay ms each way (round trip $((2 * delay)) ms)"
    echo
    echo "| flow | round trips | connections | bytes to server / client | wall ms (median of $runs) | SQLite wall ms |"
    echo "|---|---:|---:|---:|---:|---:|"
    for flow in "${flows[@]}"; do
        times=()
        stats=""
        for _ in $(seq "$runs"); do
            kill -USR2 "$proxy_pid"
            sleep 0.05
            if [[ $flow == a || $flow == a2 || $flow == o ]]; then
                times+=("$(run_flow "$flow" --database "$url")")
            else
                times+=("$(run_flow "$flow" --data-dir "$team_dir" --database "$url")")
            fi
            sleep $(awk -v d="$delay" 'BEGIN { print 2 * d / 1000 + 0.05 }') # the last bytes
            if [[ $flow == a || $flow == a2 ]]; then
                stats=$(cat "$work/op-stats.json") # before the store closed
            else
                stats=$(proxy_report)
            fi
        done
        wall=$(printf '%s\n' "${times[@]}" | median)
        printf '| %s | %s | %s | %s / %s | %.0f | %.0f |\n' "${flow_name[$flow]}" \
            "$(json_field round_trips <<<"$stats")" "$(json_field connections <<<"$stats")" \
            "$(json_field bytes_to_server <<<"$stats")" "$(json_field bytes_to_client <<<"$stats")" \
            "$wall" "${sqlite_ms[$flow]}"
    done
    kill "$proxy_pid"
    wait "$proxy_pid" 2>/dev/null || true
    proxy_pid=""
done
