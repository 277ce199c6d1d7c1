#!/bin/sh
# make demo: runs the whole Molenwijk traject (casus/molenwijk.draaiboek.yaml)
# into a fresh database, printing progress while it works, then says where
# the results are and, per sprint, what it delivered and what the next sprint
# took from it.
#
#   tools/demo.sh BINARY        (the Makefile builds BINARY first)
#   WP_DEMO_DIR=map             another folder than build/demo
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
out=${WP_DEMO_DIR:-$top/build/demo}
db="$out/werkplaats.db"

rm -rf "$out"
mkdir -p "$out"
cd "$top"

echo "== De Molenwijk: een traject van zeven sprints =="
echo "draaiboek: casus/molenwijk.draaiboek.yaml"
echo "database:  $db"
echo
begin=$(date +%s%N)
"$bin" --db "$db" run casus/molenwijk.draaiboek.yaml
eind=$(date +%s%N)
ms=$(( (eind - begin) / 1000000 ))

echo
echo "== Status =="
"$bin" --db "$db" status

# What the werkvormen of a sprint read from earlier sprints (their 'nodig').
nodig_van_sprint() {
    for f in werkvormen/*.lua; do
        if grep -q "^  sprint = $1,\$" "$f"; then
            sed -n 's/^  nodig = { *\(.*\) *},$/\1/p' "$f"
        fi
    done | tr -d '"' | tr ',' '\n' | sed 's/^ *//; s/ *$//' | grep -v '^$' | sort -u | tr '\n' ' '
}

echo
echo "== Wat elke sprint opleverde en wat de volgende ervan nam =="
for nr in 1 2 3 4 5 6 7; do
    echo
    "$bin" --db "$db" resultaat "$nr" --kort 2> /dev/null || "$bin" --db "$db" resultaat "$nr" 2> /dev/null | head -40 || true
    if [ "$nr" -lt 7 ]; then
        echo "  -> sprint $((nr + 1)) las: $(nodig_van_sprint $((nr + 1)))"
    fi
done

echo
echo "Klaar in $ms ms. Alles staat in $db:"
echo "  $bin --db $db status"
echo "  $bin --db $db resultaat N"
