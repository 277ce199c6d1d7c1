#!/bin/sh
# make demo: runs the whole Molenwijk traject (casus/molenwijk.draaiboek.yaml)
# into a fresh database, printing progress (sprint, werkvorm, step) while it
# works, then says where the results are and, per sprint, what it delivered
# and what the next sprint took from it.
#
#   tools/demo.sh BINARY        (the Makefile builds BINARY first)
#   WP_DEMO_DIR=map             another folder than build/demo
#
# Only the binary and POSIX tools (sed, awk) are used, so a fresh machine
# needs nothing beyond what `make` installs.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
out=${WP_DEMO_DIR:-$top/build/demo}
db="$out/werkplaats.db"

rm -rf "$out"
mkdir -p "$out"
cd "$top"

wp() { "$bin" --db "$db" "$@"; }

# resultaat SPRINT KEY: one result of a closed sprint, as indented JSON.
resultaat() { wp resultaat --sprint "$1" "$2"; }

# velden INDENT FIELD...: from indented JSON (as 'resultaat' prints it), the
# listed fields of every object whose fields stand at INDENT spaces and that
# has them all, one object per line ("a | b").
velden() {
    awk -v ind="$1" -v want="$*" '
        BEGIN { n = split(want, w, " "); pad = sprintf("%" ind "s", ""); }
        function flush(   i, s) {
            s = ""
            for (i = 2; i <= n; i++) {
                if (!(w[i] in v)) { split("", v); return }
                s = s (s == "" ? "" : " | ") v[w[i]]
            }
            print s
            split("", v)
        }
        index($0, pad "\"") == 1 && substr($0, ind + 1, 1) == "\"" {
            line = substr($0, ind + 2); k = line; sub(/".*/, "", k)
            val = line; sub(/^[^"]*": */, "", val); sub(/,$/, "", val)
            if (val ~ /^"/) { sub(/^"/, "", val); sub(/"$/, "", val); gsub(/\\"/, "\"", val) }
            v[k] = val; next
        }
        index($0, substr(pad, 3) "}") == 1 && length($0) <= ind { flush() }
        END { flush() }'
}

# The top-level keys of a sprint's result.
sleutels() { wp resultaat --sprint "$1" | sed -n 's/^  "\([a-z_]*\)": .*/\1/p'; }

# What the werkvormen of a sprint declare they need (their 'nodig').
nodig() {
    "$bin" werkvormen --json --sprint "$1" |
        awk '/^      "nodig": \[/ { in_n = 1; next } in_n && /^      \]/ { in_n = 0 } in_n { gsub(/[ ",]/, ""); print }' |
        sort -u
}

echo "== De Molenwijk: een traject van zeven sprints =="
echo "draaiboek: casus/molenwijk.draaiboek.yaml (casus: casus/molenwijk.yaml)"
echo "database:  $db"
echo
begin=$(date +%s%N)
wp run casus/molenwijk.draaiboek.yaml
eind=$(date +%s%N)
ms=$(( (eind - begin) / 1000000 ))

echo
echo "== Status =="
wp status

echo
echo "== Wat elke sprint opleverde, en wat de volgende sprint ervan nam =="
kop() { echo; echo "Sprint $1: $2"; echo "  opgeleverd: $(sleutels "$1" | tr '\n' ' ' | sed 's/ $//; s/ /, /g')"; }

kop 1 "Zien en voelen"
echo "  hoofdvraag: $(resultaat 1 hoofdvraag | velden 2 vraag)"
echo "  zwaarste punt: $(resultaat 1 situatie | velden 6 tekst stemmen | head -1 | sed 's/ | \([0-9]*\)$/ (\1 stemmen)/')"
echo "  onderaan de glijbaan (klaar om te handelen): $(resultaat 1 glijbaan | velden 6 betrokkene positie |
    sed -n 's/ | onder$//p' | tr '\n' ' ' | sed 's/ $//; s/ /, /g')"

kop 2 "Dit is er aan de hand"
echo "  zwaarste pijnen:"
resultaat 2 pijnen | velden 4 tekst stemmen | head -3 | sed 's/^/    - /; s/ | \([0-9]*\)$/ (\1 stemmen)/'
echo "  zwaarste knelpunt naast de cijfers: $(resultaat 2 diagnose | velden 6 tekst stemmen | head -1 |
    sed 's/ | \([0-9]*\)$/ (\1 stemmen)/')"

kop 3 "Wijkwens(en)"
echo "  ontwerpbrief, het probleem: $(resultaat 3 ontwerpbrief | velden 2 probleem)"
echo "  wijkwensen met consent in de ontwerpbrief:"
resultaat 3 ontwerpbrief | velden 6 id tekst | sed 's/^/    - /'

kop 4 "Ideeën"
echo "  gekozen ideeën (idee | bij wijkwens | stemmen):"
resultaat 4 gekozen_ideeen | velden 4 id bij stemmen tekst | sed 's/^/    - /'
resultaat 4 gekozen_ideeen | velden 4 id waarschuwing | sed -n 's/^\([^|]*\) | \(.*\)/  let op, \1 \2/p'

kop 5 "Prototypen"
resultaat 5 prototypes | velden 4 id idee naam | sed 's/^/    - /'

kop 6 "Testen"
echo "  afgevallen:"
resultaat 6 testuitkomsten | velden 6 prototype reden | sed 's/^/    - /'
echo "  overgebleven interventies:"
resultaat 6 interventies | velden 4 id naam | sed 's/^/    - /'

kop 7 "Verankeren"
echo "  definitieve interventies (id | eigenaar | gremium | wanneer):"
resultaat 7 definitieve_interventies | velden 4 id eigenaar gremium wanneer | sed 's/^/    - /'

echo
echo "== De overdracht: wat elke sprint las uit de sprint ervoor =="
for nr in 1 2 3 4 5 6; do
    volgende=$((nr + 1))
    genomen=$(for k in $(nodig "$volgende"); do sleutels "$nr" | grep -Fx "$k" || true; done | tr '\n' ' ' |
        sed 's/ $//; s/ /, /g')
    echo "  sprint $nr -> sprint $volgende: ${genomen:-(niets rechtstreeks)}"
done

echo
echo "Klaar in $ms ms. Alles staat in $db; bekijk het met:"
echo "  $bin --db $db status"
echo "  $bin --db $db resultaat --sprint N [SLEUTEL]"
echo "  $bin --db $db sleutelfactoren"
