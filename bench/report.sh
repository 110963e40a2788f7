#!/usr/bin/env bash
# bench/report.sh — how long the committee's annual report takes to make for a Stockholm-sized
# municipality's year, as PDF, ODT and DOCX, next to the same report of the demo municipality.
#
#   bench/report.sh path/to/insyn        (make bench builds a Release binary and runs this)
#
# In a temporary directory, `insyn generate --year Y` (Y: last year, a whole year) makes a
# Stockholm-sized municipality as docs/testing.md describes it: 2,000 organisations, 10,000
# units, 20,000 agreements, and the year's control and follow-up — 1,000,000 signals gone
# through in weekly coordinators' meetings, every provider's credit and tax check, IVO's
# documents, event-driven follow-ups, sanctions and early terminations, 500,000 placements over
# five years, and the year's control plan with its sample, both surveys and in-depth
# follow-ups. `insyn demo` makes the demo municipality, Sjöbacka, whose report of this year is
# the baseline: the same command on a small municipality, measured in the same run on the
# same machine. hyperfine then times `insyn report annual DB --year Y --format F --out FILE`
# for F = pdf, odt and docx on each, a process each run as the officer's command line or a
# download starts one.
#
# It prints the mean and standard deviation of each, the ratio Stockholm/Sjöbacka per format,
# and whether the aim is met: the Stockholm-sized report made in under a second in every format
# (the mean, and the slowest run). Nothing here asserts a time in a test. Environment:
# BENCH_RUNS (default 10), BENCH_KEEP=1 keeps the temporary directory, BENCH_SIGNALS and
# BENCH_PLACEMENTS smaller volumes for a quick try (the aim is then not judged).
set -euo pipefail

RUNS=${BENCH_RUNS:-10}
SIGNALS=${BENCH_SIGNALS:-1000000}
PLACEMENTS=${BENCH_PLACEMENTS:-500000}
ORGANISATIONS=2000 UNITS=10000 AGREEMENTS=20000
AIM_MS=1000

if [ $# -ne 1 ] || [ ! -x "$1" ]; then
    echo "usage: bench/report.sh PATH/TO/insyn (a Release build)" >&2
    exit 1
fi
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
for tool in hyperfine python3 sqlite3; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is missing (scripts/install-deps.sh --bench installs it)" >&2; exit 2; }
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/insyn-report-bench.XXXXXX")
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if [ "${BENCH_KEEP:-}" = 1 ]; then echo "bench: kept $WORK"; else rm -rf "$WORK"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
trap 'echo "bench: failed at line $LINENO: $BASH_COMMAND" >&2' ERR

say() { printf 'bench: %s\n' "$*"; }

# ---- data ----
THIS_YEAR=$(TZ=Europe/Stockholm date +%Y)
YEAR=$((THIS_YEAR - 1))
BIG=$WORK/stockholm.db DEMO=$WORK/sjobacka.db
say "generating a Stockholm-sized $YEAR: $ORGANISATIONS organisations, $UNITS units, $AGREEMENTS agreements, $SIGNALS signals, $PLACEMENTS placements"
START=$(date +%s)
"$BIN" generate "$BIG" --organisations "$ORGANISATIONS" --units "$UNITS" --agreements "$AGREEMENTS" \
    --year "$YEAR" --signals "$SIGNALS" --placements "$PLACEMENTS" >/dev/null
GENERATED=$(( $(date +%s) - START ))
say "generated in ${GENERATED} s, $(( $(stat -c %s "$BIG") / 1048576 )) MB"
"$BIN" demo "$DEMO" >/dev/null
# the year's volume as the report counts it, to print beside the times
count() { sqlite3 "$1" "SELECT count(*) FROM signal WHERE occurred_on BETWEEN '$2-01-01' AND '$2-12-31'"; }
BIG_SIGNALS=$(count "$BIG" "$YEAR")
DEMO_SIGNALS=$(count "$DEMO" "$THIS_YEAR")

# every report is made once before it is timed: a failure stops here, not inside hyperfine
for f in pdf odt docx; do
    "$BIN" report annual "$BIG" --year "$YEAR" --format "$f" --out "$WORK/stockholm.$f" >/dev/null
    "$BIN" report annual "$DEMO" --year "$THIS_YEAR" --format "$f" --out "$WORK/sjobacka.$f" >/dev/null
done
PAGES=$(command -v pdfinfo >/dev/null && pdfinfo "$WORK/stockholm.pdf" | awk '/^Pages:/ { print $2 }' || echo "?")

# ---- measure ----
say "hyperfine: $RUNS runs of each after 2 warm-up runs"
for f in pdf odt docx; do
    hyperfine -N --warmup 2 --runs "$RUNS" --style basic --export-json "$WORK/$f.json" \
        --command-name "stockholm $f" \
        "$BIN report annual $BIG --year $YEAR --format $f --out $WORK/stockholm.$f" \
        --command-name "sjobacka $f" \
        "$BIN report annual $DEMO --year $THIS_YEAR --format $f --out $WORK/sjobacka.$f" \
        >"$WORK/$f.hyperfine"
done

# ---- report ----
echo
printf 'insyn annual report benchmark: %s (%d signals in %d, %d pages as PDF) against Sjöbacka (%d signals in %d)\n' \
    "Stockholm-sized" "$BIG_SIGNALS" "$YEAR" "$PAGES" "$DEMO_SIGNALS" "$THIS_YEAR"
printf 'hyperfine: %d runs each; %s CPUs (%s)\n\n' "$RUNS" "$(nproc)" \
    "$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
python3 - "$WORK" "$AIM_MS" "$SIGNALS" "$PLACEMENTS" <<'EOF'
import json, sys
work, aim = sys.argv[1], float(sys.argv[2])
full = int(sys.argv[3]) >= 1000000 and int(sys.argv[4]) >= 500000
print(f"{'':8} {'Stockholm ms':>14} {'± ms':>7} {'slowest':>8} {'Sjöbacka ms':>12} {'± ms':>7} {'ratio':>7}")
met = True
for f in ('pdf', 'odt', 'docx'):
    big, demo = json.load(open(f'{work}/{f}.json'))['results']
    ms = lambda r, k: r[k] * 1000
    print(f"{f:8} {ms(big, 'mean'):14.1f} {ms(big, 'stddev'):7.1f} {ms(big, 'max'):8.1f} "
          f"{ms(demo, 'mean'):12.1f} {ms(demo, 'stddev'):7.1f} {big['mean'] / demo['mean']:7.2f}")
    met = met and ms(big, 'max') < aim
print()
if not full:
    print('A smaller volume than Stockholm\'s was asked for: the aim is not judged.')
elif met:
    print(f'Aim met: the Stockholm-sized annual report is made in under {aim / 1000:g} s in every format, '
          'its slowest run included.')
else:
    print(f'Aim NOT met: a Stockholm-sized annual report took {aim / 1000:g} s or more. Profile it: '
          'perf record --call-graph dwarf insyn report annual ...')
EOF
