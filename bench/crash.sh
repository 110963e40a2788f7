#!/usr/bin/env bash
# bench/crash.sh — crash safety, measured (issue 11, point 5): 10,000 API writes by 8 clients at
# a running insyn, killed with SIGKILL 5 times at random moments and started again; then every
# write acknowledged with 2xx must be there, nothing half-written, the database sound and
# `insyn audit verify` must pass. It prints the counts and the time taken. The work is done by
# bench/crash.mjs (node, no npm packages); this wrapper checks the tools and passes the binary on.
#
#   bench/crash.sh path/to/insyn [--writes N] [--kills K] [--clients C] [--seed S] [--db URL] [--keep]
#
# Without --db (make bench) it runs on both backends, one after the other: a new SQLite file in
# a temporary directory, then a throw-away PostgreSQL cluster (`--db postgresql`: initdb in a
# temporary directory, a free loopback port, stopped and removed at the end). With --db (or
# INSYN_CRASH_DB) it runs once on that database: sqlite:PATH or a path, a
# postgresql://USER@HOST:PORT/DBNAME that holds no insyn data, or `postgresql`. BENCH_KEEP=1
# keeps the database. Exit 0 when every check holds, 1 when one does not, 2 when a run could
# not be made.
set -euo pipefail

if [ $# -lt 1 ] || [ ! -x "$1" ]; then
    echo "usage: bench/crash.sh PATH/TO/insyn [--writes N] [--kills K] [--clients C] [--seed S] [--db URL] [--keep]" >&2
    exit 1
fi
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
for tool in node sqlite3 psql pg_config; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is missing (scripts/install-deps.sh installs it)" >&2; exit 2; }
done
CRASH=$(dirname "$0")/crash.mjs

db_given=${INSYN_CRASH_DB:+1}
for arg in "$@"; do
    case $arg in --db | --db=*) db_given=1 ;; esac
done
if [ -n "$db_given" ]; then
    exec node "$CRASH" --bin "$BIN" "$@"
fi

# both backends, even when the first fails; the worse exit code is the answer
rc=0
for db in '' postgresql; do
    code=0
    node "$CRASH" --bin "$BIN" --db "$db" "$@" || code=$?
    if [ "$code" -gt "$rc" ]; then rc=$code; fi
    echo
done
exit "$rc"
