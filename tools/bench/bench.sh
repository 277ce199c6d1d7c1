#!/bin/sh
# bench.sh: measures the engine at growing scale against its floors and
# writes BENCHMARKS.md; see tools/bench/README.md. Started by `make bench`:
#
#   tools/bench/bench.sh BUILD      (BUILD: build-bench, with werkplaats and bench/)
#
# Settings (environment):
#   BENCH_SIZES   the sizes in facts          (default "1000 10000 100000 1000000")
#   BENCH_LIVE    live facts to time          (default 10000, in sessions of 250)
#   BENCH_ROUNDS  run and its floor, each     (default 3, alternately; the median counts)
#   BENCH_TSV     where the figures go        (default BUILD/bench/na.tsv)
#   BENCH_MD      the report; empty: none     (default BENCHMARKS.md)
#   BENCH_BIN     the werkplaats to measure   (default BUILD/werkplaats)
set -eu

build=${1:?gebruik: tools/bench/bench.sh BUILD}
src=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "$build" && pwd)
cd "$src"                    # werkplaats finds its werkvormen here
tools=$build/bench
sizes=${BENCH_SIZES:-1000 10000 100000 1000000}
live=${BENCH_LIVE:-10000}
rounds=${BENCH_ROUNDS:-3}
tsv=${BENCH_TSV:-$tools/na.tsv}
md=${BENCH_MD-BENCHMARKS.md}
bin=${BENCH_BIN:-$build/werkplaats}
work=$tools/work
meet=$tools/meet

rm -rf "$work"
mkdir -p "$work"
# How busy the machine was before the bench added its own load.
BENCH_LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
export BENCH_LOAD
: > "$tsv"

# One line per measurement: size, what, wall s, cpu s, peak RSS KiB, facts, sessions.
record() {  # size facts sessions -- meet output
    size=$1 facts=$2 sessions=$3
    shift 3
    "$@" | awk -v n="$size" -v f="$facts" -v s="$sessions" 'BEGIN{OFS="\t"} {print n, $1, $2, $3, $4, f, s}' >> "$tsv"
}

echo "bench: vloeren (lua5.4 -e '')"
record 0 0 0 "$meet" -n 21 lua -- lua5.4 -e ''

# The table the sqlite3 floor imports into: the engine's feit table with its
# keys and indexes, without the references to other tables.
cat > "$work/vloer.sql" <<'EOF'
CREATE TABLE feit (id INTEGER PRIMARY KEY, sessie INTEGER NOT NULL, volgnr INTEGER NOT NULL,
  soort TEXT NOT NULL, stap TEXT NOT NULL, deelnemer TEXT, ref TEXT, tekst TEXT, veld TEXT,
  omgevingen TEXT, waarde REAL, data TEXT, doel INTEGER, tijd TEXT NOT NULL, bron TEXT,
  UNIQUE (sessie, volgnr));
CREATE INDEX feit_per_stap ON feit(sessie, stap, soort, deelnemer);
CREATE INDEX feit_ref ON feit(sessie, ref) WHERE ref IS NOT NULL;
CREATE INDEX feit_doel ON feit(doel) WHERE doel IS NOT NULL;
PRAGMA journal_mode=WAL;
PRAGMA synchronous=NORMAL;
BEGIN;
.import --csv feiten.csv feit
COMMIT;
EOF

# The middle one of the measurements in the files given (by wall time).
middle() {
    cat "$@" | sort -t "$(printf '\t')" -k2,2g | sed -n "$(( ($# + 1) / 2 ))p"
}

for n in $sizes; do
    echo "bench: $n feiten"
    yaml=$work/$n.draaiboek.yaml db=$work/$n.db
    "$tools/genereer" "$src/casus/molenwijk.draaiboek.yaml" "$n" "$src/casus/molenwijk.yaml" > "$yaml"
    # run and its floor, the sqlite3 import of the same facts as CSV,
    # alternately $rounds times: on a shared machine one measurement of
    # each can be a quarter off, in either direction. The median of each
    # is recorded. The last run's database is the one measured after.
    rm -f "$work"/run.*.tsv "$work"/vloer.*.tsv
    for k in $(seq "$rounds"); do
        rm -f "$db"*
        # The run's progress lines and werkvorm messages are not what is measured.
        "$meet" run -- "$bin" --db "$db" run --stil "$yaml" > "$work/run.$k.tsv" 2> "$work/$n.run.log" || {
            cat "$work/$n.run.log" >&2
            exit 1
        }
        [ "$k" -gt 1 ] || sqlite3 -csv "$db" "SELECT * FROM feit ORDER BY id" > "$work/feiten.csv"
        rm -f "$work/vloer.db"*
        sync
        "$meet" vloer-sqlite3 -- sh -c "cd '$work' && sqlite3 vloer.db < vloer.sql" > "$work/vloer.$k.tsv"
    done
    facts=$(sqlite3 "$db" "SELECT count(*) FROM feit WHERE soort IN ('bijdrage','stem','plaatsing','besluit')")
    sessions=$(sqlite3 "$db" "SELECT count(*) FROM sessie")
    record "$n" "$facts" "$sessions" middle "$work"/run.*.tsv
    # What the run left for the kernel to write back is not the next step's
    # cost (at 10^6 facts it made status take twice its time here).
    sync
    record "$n" "$facts" "$sessions" "$meet" rapport-html -- "$bin" --db "$db" rapport --formaat html -o "$work/$n.html"
    record "$n" "$facts" "$sessions" "$meet" rapport-json -- "$bin" --db "$db" rapport --formaat json -o "$work/$n.json"
    # status is what people wait for. The first status after a change (here:
    # the run) computes the sleutelfactoren check and stores it; every next
    # one reads it back while nothing changes.
    record "$n" "$facts" "$sessions" "$meet" status-nieuw -- "$bin" --db "$db" status
    sync
    record "$n" "$facts" "$sessions" "$meet" -n 11 status -- "$bin" --db "$db" status
    record "$n" "$facts" "$sessions" "$meet" -n 11 vloer-c -- "$tools/opendb" "$db"
    record "$n" "$facts" "$sessions" middle "$work"/vloer.*.tsv
    rm -f "$work/feiten.csv" "$work/vloer.db"* "$yaml" "$work/$n.html" "$work/$n.json"
    [ "$n" = "${sizes##* }" ] || rm -f "$db"*
done

echo "bench: $live live feiten"
mkdir -p "$work/live"
"$tools/latentie" "$work/live" "$src" "$live" 250 | awk 'BEGIN{OFS="\t"} {print 0, $1, $2, $3, $4, 0, 0}' >> "$tsv"

if [ -n "$md" ]; then
    "$src/tools/bench/verslag.sh" "$tsv" "$src/tools/bench/voor.tsv" "$md"
    echo "bench: $md geschreven"
fi
