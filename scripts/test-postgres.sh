#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests, on 127.0.0.1 with trust authentication: for running them as root,
# where the embedded server the tests otherwise start cannot run (PostgreSQL refuses root). .ci/run uses it too.
#
#   eval "$(scripts/test-postgres.sh start)"   start it (once) and export what the tests read
#   scripts/test-postgres.sh env               print those variables again
#   scripts/test-postgres.sh stop              stop it and remove its files
#
# The server lives in $BELLWETHER_TEST_PG_DIR (default: /tmp/bellwether-test-pg). The tests create a database of
# their own per test on it and drop it afterwards.
set -euo pipefail

dir=${BELLWETHER_TEST_PG_DIR:-${TMPDIR:-/tmp}/bellwether-test-pg}
user=bw

# As root, PostgreSQL's programs run as the postgres user; as anyone else, as that user.
as_server() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

server_bin() {
    if ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
        if [ "$(id -u)" = 0 ]; then
            echo "Installing PostgreSQL (apt-get install postgresql)" >&2
            (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2
        else
            echo "PostgreSQL is not installed: apt-get install postgresql (or run the tests as this user: they start an embedded one)" >&2
            exit 1
        fi
    fi
    ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1
}

free_port() {
    local port=55432
    while (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
        port=$((port + 1))
    done
    echo "$port"
}

print_env() {
    local port
    port=$(cat "$dir/port")
    echo "export BELLWETHER_TEST_PG_URL=jdbc:postgresql://127.0.0.1:$port/$user BELLWETHER_DB_USER=$user"
}

running() {
    [ -f "$dir/port" ] && [ -d "$dir/data" ] && as_server "$(server_bin)/pg_ctl" -D "$dir/data" status >/dev/null 2>&1
}

case "${1:-}" in
    start)
        if ! running; then
            bin=$(server_bin)
            rm -rf "$dir"
            mkdir -p "$dir"
            [ "$(id -u)" = 0 ] && chown postgres "$dir"
            port=$(free_port)
            as_server "$bin/initdb" -D "$dir/data" -U "$user" --auth=trust >/dev/null
            as_server "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w start \
                -o "-p $port -k $dir -c listen_addresses=127.0.0.1" >/dev/null
            as_server "$bin/createdb" -h 127.0.0.1 -p "$port" -U "$user" "$user"
            echo "$port" >"$dir/port"
            echo "PostgreSQL for the tests on 127.0.0.1:$port (files in $dir)" >&2
        fi
        print_env
        ;;
    env)
        running || { echo "No test server in $dir: scripts/test-postgres.sh start" >&2; exit 1; }
        print_env
        ;;
    stop)
        if [ -d "$dir/data" ]; then
            as_server "$(server_bin)/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
        fi
        rm -rf "$dir"
        ;;
    *)
        echo "usage: $0 start|env|stop" >&2
        exit 2
        ;;
esac
