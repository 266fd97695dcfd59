#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests of the PostgreSQL store (team mode).
#
#   pg-cluster.sh start DIR   initdb into a new folder under /tmp (DIR/cluster names it; the
#                             server's user must reach it, and a clone under /root is not
#                             reachable for `postgres`), start the server on 127.0.0.1 on a
#                             free port with its socket in that folder, create the role
#                             pc_test with a random password and the database pc_test. Writes:
#                               DIR/url       postgresql://pc_test@127.0.0.1:PORT/pc_test
#                               DIR/password  the role's password (mode 600)
#                             An old cluster in DIR is stopped and removed first.
#   pg-cluster.sh stop DIR    stops the server and removes its folder and DIR.
#   pg-cluster.sh restart DIR [SECONDS]
#                             stops the server of DIR (fast: its connections are ended) and
#                             starts it again on the same port with the same data, after
#                             SECONDS (default 0) of being away. For the reconnection tests,
#                             on a cluster of their own: never on the shared CTest fixture,
#                             whose other suites would lose their connections.
#
# Run as root, the server runs as the `postgres` user that Debian's postgresql package
# creates (PostgreSQL refuses to run as root). CTest runs it as a fixture (tests/CMakeLists.txt):
# the suites that need the server get DIR in PARTNER_CONSOLE_TEST_POSTGRES.
set -euo pipefail

action=${1:-}
dir=${2:-}
if [[ -z "$action" || -z "$dir" ]]; then
    echo "usage: $0 start|stop|restart DIR" >&2
    exit 2
fi

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [[ -z "$bindir" || ! -x "$bindir/initdb" ]]; then
    echo "pg-cluster: PostgreSQL's server programs are not installed (Debian package" \
        "'postgresql'). Run packaging/install-deps.sh, then run the tests again." >&2
    exit 1
fi

as_owner=()
if ((EUID == 0)); then
    if ! id postgres >/dev/null 2>&1; then
        echo "pg-cluster: running as root needs the 'postgres' user (Debian package" \
            "'postgresql')." >&2
        exit 1
    fi
    as_owner=(runuser -u postgres --)
fi

stop_cluster() {
    local cluster
    cluster=$(cat "$dir/cluster" 2>/dev/null || true)
    if [[ -n "$cluster" && -f "$cluster/data/postmaster.pid" ]]; then
        "${as_owner[@]}" "$bindir/pg_ctl" -D "$cluster/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    [[ -n "$cluster" && "$cluster" == /tmp/pc-pgcluster.* ]] && rm -rf "$cluster"
    rm -rf "$dir"
}

# Starts the server of $cluster on port $1 (the same options at every start).
start_server() {
    # fsync off: a throw-away cluster need not survive a power cut, and the tests run
    # faster. max_connections: three consoles with several connections each, plus tests.
    "${as_owner[@]}" "$bindir/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w -t 30 \
        -o "-h 127.0.0.1 -p $1 -k $cluster/socket -c fsync=off -c max_connections=200" \
        start >/dev/null
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

case "$action" in
stop)
    stop_cluster
    ;;
start)
    stop_cluster
    mkdir -p "$dir"
    cluster=$(mktemp -d /tmp/pc-pgcluster.XXXXXX)
    echo "$cluster" >"$dir/cluster"
    mkdir -p "$cluster/data" "$cluster/socket"
    ((EUID == 0)) && chown -R postgres: "$cluster"
    password=$(head -c 24 /dev/urandom | base64 | tr -d '/+=' | head -c 24)
    superpass="$cluster/superuser-password"
    head -c 24 /dev/urandom | base64 | tr -d '/+=' >"$superpass"
    ((EUID == 0)) && chown postgres: "$superpass"
    chmod 600 "$superpass"
    # scram-sha-256 for every connection: the tests check that the console gets the password
    # from where it should, so the server must ask for it.
    "${as_owner[@]}" "$bindir/initdb" -D "$cluster/data" -U pc_admin --pwfile="$superpass" \
        -A scram-sha-256 -E UTF8 --locale=C.UTF-8 --no-sync >"$cluster/initdb.log" 2>&1 || {
        cat "$cluster/initdb.log" >&2
        exit 1
    }
    for attempt in 1 2 3 4 5; do
        port=$(free_port)
        if start_server "$port"; then
            break
        fi
        port=""
    done
    if [[ -z "$port" ]]; then
        echo "pg-cluster: the server did not start; its log:" >&2
        cat "$cluster/server.log" >&2
        exit 1
    fi
    export PGPASSWORD
    PGPASSWORD=$(cat "$superpass")
    "$bindir/psql" -q -h 127.0.0.1 -p "$port" -U pc_admin -d postgres -v ON_ERROR_STOP=1 <<EOF
CREATE ROLE pc_test LOGIN CREATEDB PASSWORD '$password';
CREATE DATABASE pc_test OWNER pc_test;
EOF
    echo "postgresql://pc_test@127.0.0.1:$port/pc_test" >"$dir/url"
    (umask 077 && echo "$password" >"$dir/password")
    echo "pg-cluster: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on" \
        "127.0.0.1:$port, data in $cluster/data"
    ;;
restart)
    cluster=$(cat "$dir/cluster" 2>/dev/null || true)
    url=$(cat "$dir/url" 2>/dev/null || true)
    if [[ -z "$cluster" || ! -d "$cluster/data" || -z "$url" ]]; then
        echo "pg-cluster: no cluster in $dir to restart" >&2
        exit 1
    fi
    port=${url##*:}
    port=${port%%/*}
    "${as_owner[@]}" "$bindir/pg_ctl" -D "$cluster/data" -m fast -w -t 30 stop >/dev/null
    sleep "${3:-0}"
    # The port was free a moment ago; start_server fails (and says so) if something took it.
    start_server "$port" || {
        echo "pg-cluster: the server did not start again; its log:" >&2
        tail -n 20 "$cluster/server.log" >&2
        exit 1
    }
    echo "pg-cluster: restarted on 127.0.0.1:$port"
    ;;
*)
    echo "usage: $0 start|stop|restart DIR" >&2
    exit 2
    ;;
esac
