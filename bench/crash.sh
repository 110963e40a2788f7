#!/usr/bin/env bash
# bench/crash.sh — crash safety, measured (issue 11, point 5): 10,000 API writes by 8 clients at
# a running insyn, killed with SIGKILL 5 times at random moments and started again; then every
# write acknowledged with 2xx must be there, nothing half-written, and `insyn audit verify` must
# pass. It prints the counts and the time taken. The work is done by bench/crash.mjs (node, no
# npm packages); this wrapper checks the tools and passes the binary on.
#
#   bench/crash.sh path/to/insyn [--writes N] [--kills K] [--clients C] [--seed S] [--db URL] [--keep]
#
# (make bench runs it with the defaults.) --db names the database: empty (the default) is a new
# SQLite file in a temporary directory; a PostgreSQL URL is refused until insyn has that backend.
# Environment: INSYN_CRASH_DB for --db, BENCH_KEEP=1 keeps the database. Exit 0 when every check
# holds, 1 when one does not, 2 when the run could not be made.
set -euo pipefail

if [ $# -lt 1 ] || [ ! -x "$1" ]; then
    echo "usage: bench/crash.sh PATH/TO/insyn [--writes N] [--kills K] [--clients C] [--seed S] [--db URL] [--keep]" >&2
    exit 1
fi
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
for tool in node sqlite3; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is missing (scripts/install-deps.sh installs it)" >&2; exit 2; }
done
exec node "$(dirname "$0")/crash.mjs" --bin "$BIN" "$@"
