#!/usr/bin/env bash
# bench/run.sh — how fast insyn answers with a Stockholm-sized registry, next to nginx
# serving the same overview page as a static file.
#
#   bench/run.sh path/to/insyn        (make bench builds a Release binary and runs this)
#
# In a temporary directory: `insyn generate` makes 2,000 organisations, 10,000 units and
# 20,000 agreements; a user and an API token are added; insyn serves on a free loopback
# port and the user logs in through the login form. wrk (2 threads, 64 connections, 10 s)
# then measures, one after the other:
#   (a) GET /oversikt (the overview page) with the session cookie,
#   (b) GET /api/v1/agreements?page=1 with the session cookie,
#   (c) nginx (2 workers) serving a saved copy of the overview HTML as a static file.
# It prints requests/s and p99 latency of each, the ratio insyn/nginx for the overview,
# and whether the aims are met: the overview at no less than a quarter of nginx's static
# rate, and p99 under 50 ms. Everything listens on 127.0.0.1 only; every process started
# here is stopped on exit. Environment: BENCH_DURATION (default 10s), BENCH_KEEP=1 keeps
# the temporary directory.
set -euo pipefail

THREADS=2
CONNECTIONS=64
DURATION=${BENCH_DURATION:-10s}
ORGANISATIONS=2000 UNITS=10000 AGREEMENTS=20000
EMAIL=bench@example.org
PASSWORD=bench-password-2026

if [ $# -ne 1 ] || [ ! -x "$1" ]; then
    echo "usage: bench/run.sh PATH/TO/insyn (a Release build)" >&2
    exit 1
fi
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
for tool in wrk nginx curl; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is missing (scripts/install-deps.sh --bench installs it)" >&2; exit 2; }
done
NGINX=$(command -v nginx)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/insyn-bench.XXXXXX")
INSYN_PID= NGINX_PID=
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    for pid in $INSYN_PID $NGINX_PID; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in $INSYN_PID $NGINX_PID; do
        wait "$pid" 2>/dev/null || true
    done
    if [ "${BENCH_KEEP:-}" = 1 ]; then echo "bench: kept $WORK"; else rm -rf "$WORK"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
trap 'echo "bench: failed at line $LINENO: $BASH_COMMAND" >&2' ERR

say() { printf 'bench: %s\n' "$*"; }

# ---- data ----
DB=$WORK/bench.db
say "generating $ORGANISATIONS organisations, $UNITS units, $AGREEMENTS agreements"
"$BIN" generate "$DB" --organisations "$ORGANISATIONS" --units "$UNITS" --agreements "$AGREEMENTS" >/dev/null
printf '%s\n' "$PASSWORD" | "$BIN" user add "$DB" --email "$EMAIL" --role strategist --name "Bench Strateg" >/dev/null
TOKEN=$("$BIN" token create "$DB" --email "$EMAIL")

# ---- insyn on a free port (it binds port 0 and prints the one it got) ----
"$BIN" serve --db "$DB" --listen 127.0.0.1:0 >"$WORK/insyn.out" 2>"$WORK/insyn.err" &
INSYN_PID=$!
BASE=
for _ in $(seq 100); do
    BASE=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$WORK/insyn.out" 2>/dev/null || true)
    [ -n "$BASE" ] && break
    kill -0 "$INSYN_PID" 2>/dev/null || { cat "$WORK/insyn.err" >&2; exit 2; }
    sleep 0.1
done
[ -n "$BASE" ] || { echo "bench: insyn did not start" >&2; exit 2; }
say "insyn listens on $BASE"

# ---- log in through the form: the pre-login cookie and the form's csrf field ----
JAR=$WORK/cookies.txt
LOGIN_PAGE=$(curl -sS -c "$JAR" "$BASE/login")
CSRF=$(printf '%s' "$LOGIN_PAGE" | grep -o 'name="csrf" value="[0-9a-f]*"' | head -n1 | sed 's/.*value="\([0-9a-f]*\)"/\1/' || true)
[ -n "$CSRF" ] || { echo "bench: no csrf field on /login" >&2; exit 2; }
STATUS=$(curl -sS -o /dev/null -w '%{http_code}' -b "$JAR" -c "$JAR" \
    --data-urlencode "csrf=$CSRF" --data-urlencode "email=$EMAIL" \
    --data-urlencode "password=$PASSWORD" --data-urlencode "next=/oversikt" "$BASE/login")
SESSION=$(awk '$6 == "insyn_session" { print $7 }' "$JAR")
[ "$STATUS" = 303 ] && [ -n "$SESSION" ] || { echo "bench: login failed (HTTP $STATUS)" >&2; exit 2; }
COOKIE="Cookie: insyn_session=$SESSION"

# every measured URL must answer 200 with the session, or wrk would count redirects as answers
check_ok() { # URL [curl options]
    local url=$1; shift
    local code
    code=$(curl -sS -o /dev/null -w '%{http_code}' "$@" "$url")
    [ "$code" = 200 ] || { echo "bench: $url answered $code" >&2; exit 2; }
}
check_ok "$BASE/oversikt" -H "$COOKIE"
check_ok "$BASE/api/v1/agreements?page=1" -H "$COOKIE"
check_ok "$BASE/api/v1/agreements?page=1" -H "Authorization: Bearer $TOKEN"

# ---- nginx serving a saved copy of the overview ----
mkdir -p "$WORK/www" "$WORK/nginx"
curl -sS -H "$COOKIE" "$BASE/oversikt" -o "$WORK/www/oversikt.html"
grep -q '<h1>Översikt' "$WORK/www/oversikt.html" || { echo "bench: /oversikt is not the overview" >&2; exit 2; }
PAGE_BYTES=$(wc -c <"$WORK/www/oversikt.html")
# nginx's workers run as nobody when started by root: they must be able to read the copy
chmod 711 "$WORK"
chmod 755 "$WORK/www"
chmod 644 "$WORK/www/oversikt.html"

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
NGINX_URL=
for _ in $(seq 20); do
    PORT=$((20000 + RANDOM % 40000))
    port_free "$PORT" || continue
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
    local name=$1 url=$2; shift 2
    say "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency $url"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" "$url" >"$WORK/$name.wrk"
}
measure dashboard "$BASE/oversikt" -H "$COOKIE"
measure api "$BASE/api/v1/agreements?page=1" -H "$COOKIE"
measure nginx "$NGINX_URL/oversikt.html"
# the session must still have been valid at the end
check_ok "$BASE/oversikt" -H "$COOKIE"

# ---- report ----
echo
printf 'insyn benchmark: %d organisations, %d units, %d agreements; overview page %d bytes\n' \
    "$ORGANISATIONS" "$UNITS" "$AGREEMENTS" "$PAGE_BYTES"
printf 'wrk: %d threads, %d connections, %s each; %s CPUs\n\n' "$THREADS" "$CONNECTIONS" "$DURATION" "$(nproc)"
printf '%-44s %12s %10s %8s\n' "" "requests/s" "p99 ms" "errors"
row() { printf '%-44s %12s %10s %8s\n' "$1" "$(rps "$WORK/$2.wrk")" "$(p99_ms "$WORK/$2.wrk")" "$(errors "$WORK/$2.wrk")"; }
row "(a) insyn  GET /oversikt (logged in)" dashboard
row "(b) insyn  GET /api/v1/agreements?page=1" api
row "(c) nginx  static copy of /oversikt" nginx
echo

RATIO=$(awk -v a="$(rps "$WORK/dashboard.wrk")" -v b="$(rps "$WORK/nginx.wrk")" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
verdict() { if [ "$1" = 1 ]; then echo "met"; else echo "NOT met"; fi; }
ratio_ok=$(awk -v r="$RATIO" 'BEGIN { print ((r >= 0.25) ? 1 : 0) }')
dash_ok=$(awk -v p="$(p99_ms "$WORK/dashboard.wrk")" -v e="$(errors "$WORK/dashboard.wrk")" 'BEGIN { print ((p >= 0 && p < 50 && e == 0) ? 1 : 0) }')
api_ok=$(awk -v p="$(p99_ms "$WORK/api.wrk")" -v e="$(errors "$WORK/api.wrk")" 'BEGIN { print ((p >= 0 && p < 50 && e == 0) ? 1 : 0) }')
printf 'overview insyn/nginx: %s (aim: at least 0.25) — %s\n' "$RATIO" "$(verdict "$ratio_ok")"
printf 'overview p99 under 50 ms, no errors — %s\n' "$(verdict "$dash_ok")"
printf 'API list p99 under 50 ms, no errors — %s\n' "$(verdict "$api_ok")"
if [ "$ratio_ok$dash_ok$api_ok" = 111 ]; then
    echo "All aims met."
else
    echo "Aims missed: profile the server (perf record -g -p PID, or valgrind --tool=callgrind)."
fi
