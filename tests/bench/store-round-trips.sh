#!/usr/bin/env bash
# Round trips per order store call on PostgreSQL: starts a throw-away server
# (tests/postgres/pg-cluster.sh) that logs every statement, runs store-round-trips (built in
# tests/bench) on it and counts the statements the store's connection sent for each call.
#
#   tests/bench/store-round-trips.sh BUILD-DIR       e.g. build/dev
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:?usage: $0 BUILD-DIR}
tool="$build/tests/bench/store-round-trips"
dir=$(mktemp -d /tmp/pc-roundtrips.XXXXXX)
[[ -n "${PC_KEEP_LOG:-}" ]] || trap '"$here/../postgres/pg-cluster.sh" stop "$dir" >/dev/null 2>&1 || true' EXIT
"$here/../postgres/pg-cluster.sh" start "$dir" >/dev/null
cluster=$(cat "$dir/cluster")
url=$(cat "$dir/url")
port=${url##*:}
port=${port%%/*}
bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
PGPASSWORD=$(cat "$cluster/superuser-password") "$bindir/psql" -q -h 127.0.0.1 -p "$port" \
    -U pc_admin -d postgres -v ON_ERROR_STOP=1 >/dev/null <<SQL
ALTER SYSTEM SET log_statement = 'all';
ALTER SYSTEM SET log_line_prefix = '%p ';
SELECT pg_reload_conf();
SQL
sleep 1
log="$cluster/server.log"
# A whole upload of one file with the CLI (token, upload, order), all its connections.
cli="$build/app/partner-console-cli"
stl="$here/../../../shared/stl-corpus/admesh__block.stl"
if [[ -x "$cli" && -f "$stl" ]]; then
    data=$(mktemp -d /tmp/pc-roundtrips-data.XXXXXX)
    upload() {
        "$cli" --data-dir "$data" --database "$url" --database-password-file "$dir/password" \
            upload --email "$1" --value 1.00 "$stl" >/dev/null 2>&1 || true
    }
    upload first@example.com # creates the schema: not counted
    sleep 1
    before=$(wc -l <"$log")
    upload second@example.com
    sleep 1
    tail -n +"$((before + 1))" "$log" | grep -c ' statement: ' | xargs printf '%-30s %d\n' 'cli-upload-one-file'
    if [[ -n "${PC_STATEMENTS:-}" ]]; then
        tail -n +"$((before + 1))" "$log" | grep ' statement: ' | cut -c1-150 >"$PC_STATEMENTS"
    fi
    rm -rf "$data"
fi
output=$("$tool" "$url" "$dir/password")
pid=$(sed -n 's/^store pid //p' <<<"$output")
sleep 1
awk -v pid="$pid" '
    /statement: SELECT .pc-mark / { if (name != "") printf "%-30s %d\n", name, count;
                                    name = $0; sub(/.*pc-mark /, "", name); sub(/.$/, "", name);
                                    count = 0; next }
    $1 == pid && / statement: / { count++ }
' "$cluster/server.log" | grep -v '^end '
