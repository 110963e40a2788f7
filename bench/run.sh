#!/usr/bin/env bash
# bench/run.sh — how fast insyn answers with a Stockholm-sized registry on SQLite and on
# PostgreSQL, next to nginx serving the same overview page as a static file, in one run.
#
#   bench/run.sh path/to/insyn        (make bench builds a Release binary and runs this)
#
# In a temporary directory: `insyn generate` makes the same 2,000 organisations, 10,000 units
# and 20,000 agreements in a SQLite file and in a PostgreSQL database of a throw-away cluster
# started here (Debian's server: initdb, a free loopback port, trust for the user insyn on
# loopback only, default settings; as root the server runs as postgres, which refuses root).
# A user and an API token are added to each. For each backend in turn, insyn serves on a free
# loopback port (alone: the other backend's server is stopped), the user logs in through the
# login form, and wrk (2 threads, 64 connections, 10 s) measures
#   (a) GET /oversikt (the overview page) with the session cookie,
#   (b) GET /api/v1/agreements?page=1 with the session cookie;
# then, once,
#   (c) nginx (2 workers) serving a saved copy of the overview HTML as a static file.
# It prints requests/s and p99 latency of each, the ratio overview/nginx per backend, and
# whether the aims of issue 11 (point 7) are met: the overview at least 0.5 of nginx's static
# rate on SQLite and at least 0.25 on PostgreSQL; the API list's p99 under 50 ms at 64
# connections on both. An aim missed is reported, never a failure of the run. Everything
# listens on 127.0.0.1 only; every process started here, the cluster included, is stopped on
# exit. Environment: BENCH_DURATION (default 10s), BENCH_KEEP=1 keeps the temporary directory
# (the cluster is stopped all the same).
set -euo pipefail

THREADS=2
CONNECTIONS=64
DURATION=${BENCH_DURATION:-10s}
ORGANISATIONS=2000 UNITS=10000 AGREEMENTS=20000
EMAIL=bench@example.org
PASSWORD=bench-password-2026
AIM_RATIO_SQLITE=0.5 AIM_RATIO_POSTGRESQL=0.25 AIM_P99_MS=50

if [ $# -ne 1 ] || [ ! -x "$1" ]; then
    echo "usage: bench/run.sh PATH/TO/insyn (a Release build)" >&2
    exit 1
fi
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
for tool in wrk nginx curl psql pg_config; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is missing (scripts/install-deps.sh --bench installs it)" >&2; exit 2; }
done
NGINX=$(command -v nginx)
PG_BIN=$(pg_config --bindir)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/insyn-bench.XXXXXX")
# nginx's workers (nobody) and the PostgreSQL server (postgres) run as other users when
# started by root: they must be able to reach their own directories below this one
chmod 711 "$WORK"
INSYN_PID='' NGINX_PID='' PG_DATA=''
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    for pid in $INSYN_PID $NGINX_PID; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in $INSYN_PID $NGINX_PID; do
        wait "$pid" 2>/dev/null || true
    done
    if [ -n "$PG_DATA" ]; then
        as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -w -m fast stop >/dev/null 2>&1 || true
    fi
    if [ "${BENCH_KEEP:-}" = 1 ]; then echo "bench: kept $WORK"; else rm -rf "$WORK"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
trap 'echo "bench: failed at line $LINENO: $BASH_COMMAND" >&2' ERR

say() { printf 'bench: %s\n' "$*"; }

# PostgreSQL's server programs refuse to run as root
as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
    local port
    for _ in $(seq 50); do
        port=$((20000 + RANDOM % 40000))
        if port_free "$port"; then echo "$port"; return 0; fi
    done
    echo "bench: no free port" >&2
    return 1
}

# ---- a throw-away PostgreSQL cluster ----
start_postgres() {
    local dir=$WORK/pg port
    mkdir "$dir"
    [ "$(id -u)" != 0 ] || chown postgres: "$dir"
    as_postgres "$PG_BIN/initdb" -D "$dir/data" -U insyn --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 2; }
    port=$(free_port)
    PG_DATA=$dir/data
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$dir/server.log" -w \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1" start >/dev/null \
        || { cat "$dir/server.log" >&2; exit 2; }
    "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U insyn bench
    PG_URL=postgresql://insyn@127.0.0.1:$port/bench
}

# ---- data: the same data set on both backends ----
SQLITE_DB=$WORK/bench.db
start_postgres
say "PostgreSQL $("$PG_BIN/postgres" --version | awk '{ print $3 }') listens on ${PG_URL%/*}"
declare -A DB=([sqlite]=$SQLITE_DB [postgresql]=$PG_URL) TOKEN=()
for backend in sqlite postgresql; do
    say "generating $ORGANISATIONS organisations, $UNITS units, $AGREEMENTS agreements on $backend"
    START=$(date +%s)
    "$BIN" generate "${DB[$backend]}" --organisations "$ORGANISATIONS" --units "$UNITS" --agreements "$AGREEMENTS" >/dev/null
    say "generated in $(( $(date +%s) - START )) s"
    printf '%s\n' "$PASSWORD" | "$BIN" user add "${DB[$backend]}" --email "$EMAIL" --role strategist --name "Bench Strateg" >/dev/null
    TOKEN[$backend]=$("$BIN" token create "${DB[$backend]}" --email "$EMAIL")
done
# the planner's statistics and the visibility map as autovacuum leaves them within a minute:
# the run measures a settled database, not a race with autovacuum
psql -X -q -d "$PG_URL" -c 'VACUUM ANALYZE'

# ---- insyn on a free port (it binds port 0 and prints the one it got) ----
start_insyn() { # BACKEND; sets INSYN_PID and BASE
    local out=$WORK/insyn-$1.out err=$WORK/insyn-$1.err
    "$BIN" serve --db "${DB[$1]}" --listen 127.0.0.1:0 >"$out" 2>"$err" &
    INSYN_PID=$!
    BASE=
    for _ in $(seq 100); do
        BASE=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$out" 2>/dev/null || true)
        [ -n "$BASE" ] && break
        kill -0 "$INSYN_PID" 2>/dev/null || { cat "$err" >&2; exit 2; }
        sleep 0.1
    done
    [ -n "$BASE" ] || { echo "bench: insyn did not start on $1" >&2; exit 2; }
    say "insyn on $1 listens on $BASE"
}
stop_insyn() {
    kill "$INSYN_PID"
    wait "$INSYN_PID" || true
    INSYN_PID=
}

# ---- log in through the form: the pre-login cookie and the form's csrf field ----
login() { # sets COOKIE
    local jar=$WORK/cookies.txt page csrf status session
    rm -f "$jar"
    page=$(curl -sS -c "$jar" "$BASE/login")
    csrf=$(printf '%s' "$page" | grep -o 'name="csrf" value="[0-9a-f]*"' | head -n1 | sed 's/.*value="\([0-9a-f]*\)"/\1/' || true)
    [ -n "$csrf" ] || { echo "bench: no csrf field on /login" >&2; exit 2; }
    status=$(curl -sS -o /dev/null -w '%{http_code}' -b "$jar" -c "$jar" \
        --data-urlencode "csrf=$csrf" --data-urlencode "email=$EMAIL" \
        --data-urlencode "password=$PASSWORD" --data-urlencode "next=/oversikt" "$BASE/login")
    session=$(awk '$6 == "insyn_session" { print $7 }' "$jar")
    if [ "$status" != 303 ] || [ -z "$session" ]; then
        echo "bench: login failed (HTTP $status)" >&2
        exit 2
    fi
    COOKIE="Cookie: insyn_session=$session"
}

# every measured URL must answer 200, or wrk would count redirects as answers
check_ok() { # URL [curl options]
    local url=$1 code
    shift
    code=$(curl -sS -o /dev/null -w '%{http_code}' "$@" "$url")
    [ "$code" = 200 ] || { echo "bench: $url answered $code" >&2; exit 2; }
}

# ---- measure ----
# wrk's p99 ("99%  12.34ms") in milliseconds
p99_ms() {
    awk '$1 == "99%" {
        v = $2; unit = v; sub(/^[0-9.]+/, "", unit); sub(/[a-z]+$/, "", v)
        f = unit == "us" ? 0.001 : unit == "ms" ? 1 : unit == "s" ? 1000 : unit == "m" ? 60000 : -1
        printf "%.2f", v * f }' "$1"
}
rps() { awk '$1 == "Requests/sec:" { print $2 }' "$1"; }
errors() { awk '/Non-2xx or 3xx responses:/ { n += $NF } /Socket errors:/ { gsub(/[^0-9 ]/, " "); for (i = 1; i <= NF; i++) n += $i } END { print n + 0 }' "$1"; }

measure() { # NAME URL [wrk options]
    local name=$1 url=$2
    shift 2
    say "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency $url"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" "$url" >"$WORK/$name.wrk"
}

mkdir -p "$WORK/www" "$WORK/nginx"
LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
for backend in sqlite postgresql; do
    start_insyn "$backend"
    login
    check_ok "$BASE/oversikt" -H "$COOKIE"
    check_ok "$BASE/api/v1/agreements?page=1" -H "$COOKIE"
    check_ok "$BASE/api/v1/agreements?page=1" -H "Authorization: Bearer ${TOKEN[$backend]}"
    if [ "$backend" = sqlite ]; then
        # nginx serves the overview as SQLite's insyn renders it: the same data on both
        curl -sS -H "$COOKIE" "$BASE/oversikt" -o "$WORK/www/oversikt.html"
        grep -q '<h1>Översikt' "$WORK/www/oversikt.html" || { echo "bench: /oversikt is not the overview" >&2; exit 2; }
    fi
    measure "$backend-overview" "$BASE/oversikt" -H "$COOKIE"
    measure "$backend-api" "$BASE/api/v1/agreements?page=1" -H "$COOKIE"
    check_ok "$BASE/oversikt" -H "$COOKIE" # the session was valid to the end
    stop_insyn
done
PAGE_BYTES=$(wc -c <"$WORK/www/oversikt.html")

# ---- nginx serving the saved copy of the overview ----
chmod 755 "$WORK/www"
chmod 644 "$WORK/www/oversikt.html"
NGINX_URL=
for _ in $(seq 20); do
    PORT=$(free_port)
    cat >"$WORK/nginx/nginx.conf" <<EOF
worker_processes 2;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    default_type text/html;
    client_body_temp_path $WORK/nginx/body;
    proxy_temp_path $WORK/nginx/proxy;
    fastcgi_temp_path $WORK/nginx/fastcgi;
    uwsgi_temp_path $WORK/nginx/uwsgi;
    scgi_temp_path $WORK/nginx/scgi;
    server {
        listen 127.0.0.1:$PORT;
        root $WORK/www;
    }
}
EOF
    "$NGINX" -p "$WORK/nginx" -e "$WORK/nginx/error.log" -c "$WORK/nginx/nginx.conf" 2>>"$WORK/nginx/stderr" &
    NGINX_PID=$!
    for _ in $(seq 50); do
        if curl -s -o /dev/null "http://127.0.0.1:$PORT/oversikt.html" 2>/dev/null; then
            NGINX_URL=http://127.0.0.1:$PORT
            break 2
        fi
        kill -0 "$NGINX_PID" 2>/dev/null || break
        sleep 0.1
    done
    kill "$NGINX_PID" 2>/dev/null || true
    wait "$NGINX_PID" 2>/dev/null || true
    NGINX_PID=
done
[ -n "$NGINX_URL" ] || { echo "bench: nginx did not start:" >&2; cat "$WORK/nginx/stderr" "$WORK/nginx/error.log" >&2 2>/dev/null; exit 2; }
check_ok "$NGINX_URL/oversikt.html"
say "nginx listens on $NGINX_URL"
measure nginx "$NGINX_URL/oversikt.html"

# ---- report ----
echo
printf 'insyn benchmark: %d organisations, %d units, %d agreements; overview page %d bytes\n' \
    "$ORGANISATIONS" "$UNITS" "$AGREEMENTS" "$PAGE_BYTES"
printf 'wrk: %d threads, %d connections, %s each; %s CPUs; load average before the run %s\n\n' \
    "$THREADS" "$CONNECTIONS" "$DURATION" "$(nproc)" "$LOAD"
printf '%-48s %12s %10s %8s\n' "" "requests/s" "p99 ms" "errors"
row() { printf '%-48s %12s %10s %8s\n' "$1" "$(rps "$WORK/$2.wrk")" "$(p99_ms "$WORK/$2.wrk")" "$(errors "$WORK/$2.wrk")"; }
row "(a) insyn, SQLite      GET /oversikt" sqlite-overview
row "(b) insyn, SQLite      GET /api/v1/agreements" sqlite-api
row "(a) insyn, PostgreSQL  GET /oversikt" postgresql-overview
row "(b) insyn, PostgreSQL  GET /api/v1/agreements" postgresql-api
row "(c) nginx              static copy of /oversikt" nginx
echo

verdict() { if [ "$1" = 1 ]; then echo "met"; else echo "not met"; fi; }
missed=0
for backend in sqlite postgresql; do
    label=$([ "$backend" = sqlite ] && echo SQLite || echo PostgreSQL)
    aim=$([ "$backend" = sqlite ] && echo "$AIM_RATIO_SQLITE" || echo "$AIM_RATIO_POSTGRESQL")
    ratio=$(awk -v a="$(rps "$WORK/$backend-overview.wrk")" -v b="$(rps "$WORK/nginx.wrk")" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
    ratio_ok=$(awk -v r="$ratio" -v aim="$aim" -v e="$(errors "$WORK/$backend-overview.wrk")" 'BEGIN { print ((r >= aim && e == 0) ? 1 : 0) }')
    p99=$(p99_ms "$WORK/$backend-api.wrk")
    api_ok=$(awk -v p="$p99" -v aim="$AIM_P99_MS" -v e="$(errors "$WORK/$backend-api.wrk")" 'BEGIN { print ((p >= 0 && p < aim && e == 0) ? 1 : 0) }')
    printf '%-11s overview/nginx %5s (aim: at least %s) — %s\n' "$label" "$ratio" "$aim" "$(verdict "$ratio_ok")"
    printf '%-11s API list p99 %6s ms (aim: under %s ms at %d connections, no errors) — %s\n' \
        "$label" "$p99" "$AIM_P99_MS" "$CONNECTIONS" "$(verdict "$api_ok")"
    [ "$ratio_ok$api_ok" = 11 ] || missed=1
done
if [ "$missed" = 0 ]; then
    echo "All aims met."
else
    echo "Aims missed: profile the server (perf record -g -p PID, or valgrind --tool=callgrind)."
fi
