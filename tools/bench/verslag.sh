#!/bin/sh
# verslag.sh: writes BENCHMARKS.md (and the plot beside it) from the
# figures of one bench run; see tools/bench/README.md.
#
#   tools/bench/verslag.sh NA.tsv VOOR.tsv BENCHMARKS.md
#
# NA.tsv is this run (tools/bench/bench.sh), VOOR.tsv the first measurement,
# before the fixes (tools/bench/voor.tsv, kept in the repository). Lines:
#   size  what  wall_s  cpu_s  rss_kb  facts  sessions
# and for the live latency (size 0): live|live-vloer  median_ms  p99_ms  max_ms.
set -eu

na=$1 voor=$2 md=$3
here=$(cd "$(dirname "$0")" && pwd)
svg=${md%.md}.svg
awk -f "$here/plot.awk" "$na" "$voor" > "$svg"

cpu=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')
ram=$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)
disk=$(df -hT . | awk 'NR == 2 {print $2 ", " $3 " (" $1 ")"}')
# The load before the bench began (bench.sh), not the bench's own.
load=${BENCH_LOAD:-$(cut -d' ' -f1-3 /proc/loadavg)}
busy=$(echo "$load" | awk -v n="$(nproc)" '{print ($1 > n / 2) ? "ja" : "nee"}')
commit=$(git rev-parse --short HEAD 2>/dev/null || echo onbekend)

{
cat <<EOF
# Benchmarks

Wat de werkplaats kost naarmate een traject groeit, naast wat de onderdelen
waarop hij gebouwd is minimaal kosten (de *vloer*). Dit bestand en
\`$(basename "$svg")\` zijn geschreven door \`make bench\` (commit $commit,
$(date -u '+%Y-%m-%d %H:%M UTC')).

## De machine

| | |
|---|---|
| processor | $cpu, $(nproc) kernen |
| geheugen | $ram |
| schijf | $disk |
| systeem | $(uname -sr), $(gcc --version | head -1) |
| onderdelen | SQLite $(sqlite3 --version | cut -d' ' -f1), $(lua5.4 -v 2>&1 | cut -d' ' -f1-2), \`-O2 -DNDEBUG\` |
| belasting | load average $load (1, 5, 15 min) vlak voor de meting |
EOF
if [ "$busy" = ja ]; then
    cat <<'EOF'

**Gemeten op een drukke machine**: andere processen gebruikten de kernen en
de schijf tegelijk. De wandkloktijden zijn daardoor hoger en grilliger dan op
een rustige machine; de CPU-tijden (van het proces zelf) zijn betrouwbaarder.
Draai `make bench` opnieuw op een rustige machine voor de echte cijfers.
EOF
fi
cat <<'EOF'

## Opnieuw meten

    make bench                                   # alle maten, schrijft BENCHMARKS.md
    BENCH_SIZES="1000 10000" BENCH_MD= make bench  # snel, zonder verslag

`make bench` bouwt met optimalisatie in `build-bench/`, maakt per maat een
synthetische draaiboek (`tools/bench/genereer.c`: de Molenwijk-draaiboek in
rondes van de veertien werkvormen, aangevuld met bijdragen van 40 tot 220
tekens) en meet `werkplaats run` in een nieuwe database, `rapport` in HTML en
JSON en `status`: wandkloktijd, CPU-tijd en piekgeheugen (RSS) van het proces
zelf (`tools/bench/meet.c`, via `wait4`). Een *feit* is hier een bijdrage,
stem, plaatsing of besluit; de stapwisselingen tellen niet mee.

De vloeren, in dezelfde run: `sqlite3` die dezelfde feiten (alle kolommen)
als CSV in een gelijke tabel met dezelfde sleutels en indexen importeert, in
één transactie; `lua5.4 -e ''` (een Lua-toestand starten, wat elke werkvorm
doet); een leeg C-programma dat de database opent en één rij leest
(`tools/bench/opendb.c`); en voor een live feit één INSERT in een eigen
transactie met dezelfde instellingen (`tools/bench/latentie.c`).

## Waar de werkplaats staat

EOF
awk -F'\t' -v voor="$voor" '
function fmt(s) { return s >= 10 ? sprintf("%.1f s", s) : s >= 1 ? sprintf("%.2f s", s) : sprintf("%.1f ms", s * 1000) }
$1 > 0 { w[$1, $2] = $3; c[$1, $2] = $4; r[$1, $2] = $5; f[$1] = $6; if (!($1 in seen)) { seen[$1] = 1; sizes[++ns] = $1 } }
$2 == "live" { lm = $3; lp = $4 }
$2 == "live-vloer" { vm = $3; vp = $4 }
END {
    big = sizes[ns]; small = sizes[1]
    print "| doel | gemeten | oordeel |"
    print "|---|---|---|"
    # 1. cost per fact flat: the largest growth of CPU time per fact from one size to the next.
    worst = 0
    for (i = 2; i <= ns; i++) {
        g = (c[sizes[i], "run"] / f[sizes[i]]) / (c[sizes[i - 1], "run"] / f[sizes[i - 1]])
        if (g > worst) worst = g
        steps = steps sprintf("%s%.0f µs", i == 2 ? "" : " → ", 1e6 * c[sizes[i], "run"] / f[sizes[i]])
    }
    steps = sprintf("%.0f µs → ", 1e6 * c[small, "run"] / f[small]) steps
    printf "| kosten per feit vlak van %d tot %d feiten | run, CPU per feit: %s; grootste groei per stap ×%.2f | %s |\n", \
           f[small], f[big], steps, worst, worst <= 1.3 ? "gehaald" : "niet gehaald"
    q = w[big, "run"] / w[big, "vloer-sqlite3"]
    printf "| draaien van %d feiten binnen 3× de sqlite3-import | %s tegen %s: ×%.1f (CPU ×%.1f) | %s |\n", f[big], \
           fmt(w[big, "run"]), fmt(w[big, "vloer-sqlite3"]), q, c[big, "run"] / c[big, "vloer-sqlite3"], \
           q <= 3 ? "gehaald" : "niet gehaald"
    if (lp == "")
        print "| een live feit duurzaam opgeslagen, p99 onder 5 ms | niet gemeten | - |"
    else
        printf "| een live feit duurzaam opgeslagen, p99 onder 5 ms | p99 %.2f ms (mediaan %.2f ms); vloer p99 %.2f ms | %s |\n", \
               lp, lm, vp, lp < 5 ? "gehaald" : (vp >= 5 ? "niet gehaald: de vloer zelf (fsync) haalt het hier niet" : "niet gehaald")
    printf "| `status` onder 20 ms bij %d feiten | %s (CPU %s); na een wijziging de eerste keer %s, daarna weer %s | %s |\n", \
           f[big], fmt(w[big, "status"]), fmt(c[big, "status"]), fmt(w[big, "status-nieuw"]), fmt(w[big, "status"]), \
           w[big, "status"] < 0.020 ? "gehaald" : "niet gehaald"
    # From 10^4 facts on, sessions have their full size (at 10^3 they are
    # smaller, see genereer.c); from there on the peak may not grow.
    from = ns > 1 && small < 10000 ? 2 : 1
    lo = hi = r[sizes[from], "run"]
    for (i = from; i <= ns; i++) { if (r[sizes[i], "run"] < lo) lo = r[sizes[i], "run"]; if (r[sizes[i], "run"] > hi) hi = r[sizes[i], "run"] }
    printf "| piekgeheugen van een run onafhankelijk van het aantal feiten | %.1f tot %.1f MiB van %d tot %d feiten (%.1f MiB bij %d, met kleinere sessies) | %s |\n", \
           lo / 1024, hi / 1024, f[sizes[from]], f[big], r[small, "run"] / 1024, f[small], hi <= 1.25 * lo ? "gehaald" : "niet gehaald"
}' "$na"
cat <<EOF

![Tijd per feit tegen het aantal feiten](./$(basename "$svg"))

## Per maat

Tijd per feit is wandkloktijd gedeeld door het aantal feiten; *× vloer* deelt
door de vloer van die stap (\`run\`: de sqlite3-import; \`rapport\` en
\`status\`: het lege C-programma dat de database opent). \`status-nieuw\`
is de eerste \`status\` na een wijziging (hier: de run), die de controle van
de sleutelfactoren uitrekent en bewaart; \`status\` is elke volgende, die de
bewaarde controle terugleest (mediaan van 11). \`run\` en zijn vloer zijn
om en om gemeten, standaard drie keer (\`BENCH_ROUNDS\`); de tabellen geven
van elk de middelste: op een gedeelde machine kan één meting een kwart
afwijken.
EOF
awk -F'\t' '
function fmt(s) { return s >= 10 ? sprintf("%.1f s", s) : s >= 1 ? sprintf("%.2f s", s) : sprintf("%.1f ms", s * 1000) }
$1 > 0 { w[$1, $2] = $3; c[$1, $2] = $4; r[$1, $2] = $5; f[$1] = $6; s[$1] = $7; if (!($1 in seen)) { seen[$1] = 1; sizes[++ns] = $1 } }
END {
    n = split("run rapport-html rapport-json status status-nieuw vloer-sqlite3 vloer-c", steps, " ")
    for (i = 1; i <= ns; i++) {
        z = sizes[i]
        printf "\n### %d feiten (%d sessies)\n\n", f[z], s[z]
        print "| stap | wand | CPU | piek-RSS | per feit | × vloer |"
        print "|---|---|---|---|---|---|"
        for (k = 1; k <= n; k++) {
            st = steps[k]
            if (!((z, st) in w)) continue
            fl = st == "run" ? "vloer-sqlite3" : (st ~ /^vloer/ ? "" : "vloer-c")
            printf "| %s | %s | %s | %.1f MiB | %.1f µs | %s |\n", st, fmt(w[z, st]), fmt(c[z, st]), r[z, st] / 1024, \
                   1e6 * w[z, st] / f[z], fl == "" ? "-" : sprintf("%.1f", w[z, st] / w[z, fl])
        }
    }
}' "$na"
awk -F'\t' '
$2 == "lua" { printf "\nLua starten (`lua5.4 -e '"''"'`, mediaan van 21): %.1f ms wand, %.1f ms CPU.\n", $3 * 1000, $4 * 1000 }
$2 == "live" { lm = $3; lp = $4; lx = $5 }
$2 == "live-vloer" { vm = $3; vp = $4; vx = $5 }
END {
    print "\n## Een live feit\n"
    print "Het pad van een toetsaanslag in het regiescherm: `regie_line` leest de regel, `sessie_add` slaat de"
    print "bijdrage op in een eigen transactie (WAL, `synchronous=FULL`: op de schijf voordat hij getoond wordt) en"
    print "het scherm leest de sessie terug. `BENCH_LIVE` feiten (standaard 10.000), in sessies van 250 (een grote workshop).\n"
    print "| | mediaan | p99 | max |"
    print "|---|---|---|---|"
    printf "| werkplaats | %.2f ms | %.2f ms | %.2f ms |\n", lm, lp, lx
    printf "| vloer: één INSERT, eigen transactie | %.2f ms | %.2f ms | %.2f ms |\n", vm, vp, vx
    printf "| × vloer | %.1f | %.1f | |\n", lm / vm, lp / vp
}' "$na"
cat <<'EOF'

## Voor en na

De eerste meting, vóór de verbeteringen hieronder (`tools/bench/voor.tsv`),
naast deze run. Vergelijk vooral de CPU-tijden: de wandkloktijden van voor
en na zijn niet bij dezelfde drukte op de machine gemeten. Bij 10^6 feiten is
voor niet gemeten: van 10^4 naar 10^5 feiten groeide de CPU-tijd van `run`
×18 en die van het HTML-rapport ×40, dus 10^6 had ruim tien minuten voor
`run` en meer dan een half uur per rapport gekost.

EOF
awk -F'\t' '
function fmt(s) { return s >= 10 ? sprintf("%.1f s", s) : s >= 1 ? sprintf("%.2f s", s) : sprintf("%.1f ms", s * 1000) }
FNR == 1 { file++ }
$1 > 0 { key = file SUBSEP $1 SUBSEP $2; w[key] = $3; c[key] = $4; r[key] = $5; if (file == 2 && !($1 in seen)) { seen[$1] = 1; sizes[++ns] = $1 } }
END {
    print "| feiten | stap | voor: wand | voor: CPU | voor: RSS | na: wand | na: CPU | na: RSS |"
    print "|---|---|---|---|---|---|---|---|"
    n = split("run rapport-html rapport-json status status-nieuw", steps, " ")
    for (i = 1; i <= ns; i++)
        for (k = 1; k <= n; k++) {
            a = 1 SUBSEP sizes[i] SUBSEP steps[k]; b = 2 SUBSEP sizes[i] SUBSEP steps[k]
            if (!(b in w)) continue
            printf "| %d | %s | %s | %s | %s | %s | %s | %.1f MiB |\n", sizes[i], steps[k], \
                   (a in w) ? fmt(w[a]) : "-", (a in w) ? fmt(c[a]) : "-", (a in w) ? sprintf("%.1f MiB", r[a] / 1024) : "-", \
                   fmt(w[b]), fmt(c[b]), r[b] / 1024
        }
}' "$voor" "$na"
echo
cat "$here/analyse.md"
} > "$md"
