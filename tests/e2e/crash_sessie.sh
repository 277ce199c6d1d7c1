# Crash consistency of a live session: the regie's line mode (werkplaats
# sessie --eenvoudig), fed through a pipe with the two werkvormen of
# Molenwijk's sprint 1 in the regie language, is killed with SIGKILL at many
# points in the middle of its steps, and started again with the lines it had
# not stored yet; the database then holds exactly what an uninterrupted
# session with the same input stores (canonical_db in lib.sh).
#
# Every input line stores exactly one row (a fact, a presence or the close),
# so the rows in the database after a kill say how many lines were stored;
# the facilitator would read the same from the confirmations on screen.
# Right after each kill, the database must hold every line whole or not at
# all: a new deelnemer is also present in the session (a regression test:
# the two used to be stored in two transactions).
#
# The kill points are deterministic, as in crash_run.sh: strace kills the
# process as it enters its k-th pwrite64; without a usable strace, right
# after the k-th line of output instead.
. "$(dirname "$0")/lib.sh"

command -v sqlite3 > /dev/null 2>&1 || { echo "1..0 # SKIP sqlite3 ontbreekt (tools/deps.sh --test)"; exit 0; }

export WERKPLAATS_VANDAAG=2026-01-20
cp "$WP_TOP/casus/molenwijk.yaml" "$WP_TOP/casus/molenwijk.draaiboek.yaml" "$T/"
VG=${WP_VALGRIND:-}
kill_mode
mode=$KILL_MODE eenheid=schrijfactie
[ "$mode" = strace ] || { eenheid=uitvoerregel; echo "# strace kan hier niet traceren; de kill valt na de k-de uitvoerregel"; }

# The inputs: the draaiboek's sprint 1 sessions as regie lines, each with a
# new deelnemer joining after the first step change.
wp --db draaiboek.db run --stil molenwijk.draaiboek.yaml
check_rc "de draaiboek draait (voor de invoer)" 0
for id in 1 2; do
    regie_lines_of "$T/draaiboek.db" "$id" | awk -v id="$id" '{ print } /^volgende$/ && !done { print "+gast" id " bewoners Gast " id; done = 1 }' \
        > "$T/invoer$id"
done
check "de invoer is gemaakt" test "$(grep -c '^+gast' "$T/invoer1" "$T/invoer2" | grep -c ':1$')" -eq 2

# The traject the sessions run in: the draaiboek's deelnemers, sprint 1 started.
{
    printf 'draaiboek:\n  casus: molenwijk.yaml\n  zaad: 11\n'
    sed -n '/^deelnemers:/,/^sprints:/p' "$T/molenwijk.draaiboek.yaml" | sed '$d'
} > "$T/deelnemers.yaml"
wp --db start1.db run --stil deelnemers.yaml
wp --db start1.db sprint start 1
check_rc "sprint 1 loopt" 0

# rows DB: facts (but the clock's pauses), presences and closed sessions.
rows() {
    sqlite3 "$1" "SELECT (SELECT count(*) FROM feit WHERE soort NOT IN ('pauze', 'hervatting'))
                       + (SELECT count(*) FROM aanwezig) + (SELECT count(*) FROM sessie WHERE status = 'gesloten')"
}

# sessie DB INPUT [VALGRIND]: the werkvorm of the session live on DB.
sessie() {
    (cd "$T" && ${3:-} "$WERKPLAATS" --db "$1" sessie --werkvorm "$werkvorm" --eenvoudig < "$2") > "$T/out" 2> "$T/err"
    RC=$?
}

# killed DB K: the session on DB with the whole input, killed at point K (kill_at in lib.sh).
killed() {
    kill_at "$2" "$invoer" --db "$1" sessie --werkvorm "$werkvorm" --eenvoudig
}

nr=0
for id in 1 2; do
    werkvorm=$(sqlite3 "$T/draaiboek.db" "SELECT werkvorm FROM sessie WHERE id = $id")
    invoer="$T/invoer$id"
    start="$T/start$id.db"
    regels=$(wc -l < "$invoer")
    voor=$(rows "$start")

    # The uninterrupted session.
    cp "$start" "$T/heel$id.db"
    sessie "heel$id.db" "$invoer" "$VG"
    check_rc "$werkvorm: in één keer, zonder weigeringen" 0
    check_out "$werkvorm: gesloten" "Werkvorm $werkvorm gesloten"
    canonical_db "$T/heel$id.db" > "$T/heel$id.sql"
    check "$werkvorm: elke regel bewaart precies één rij ($regels regels)" \
        test "$(( $(rows "$T/heel$id.db") - voor - 1 ))" -eq "$((regels - 1))"
    cp "$T/heel$id.db" "$T/start$((id + 1)).db"

    # Calibration: the writes in all, and where steps begin, people join and
    # the werkvorm closes ("WRITES SOORT").
    cp "$start" "$T/ijk.db"
    if [ "$mode" = strace ]; then
        (cd "$T" && ASAN_OPTIONS=$WP_UNTRACED_ASAN strace -o "$T/spoor" -e trace=pwrite64,write -s 40 "$WERKPLAATS" --db ijk.db sessie \
            --werkvorm "$werkvorm" --eenvoudig < "$invoer") > /dev/null 2>&1
        awk '/^pwrite64\(/ { n++ }
             /^write\(1, "\\nStap [0-9]+ van/ { s = $0; sub(/^write\(1, "\\nStap /, "", s); sub(/ .*/, "", s); print n, "stap", s }
             /^write\(1, "deelnemer gast/ { print n, "gast", "-" }
             /^write\(1, "Werkvorm [a-z_]+ gesloten/ { print n, "sluit", "-" }
             END { print n, "einde", "-" }' "$T/spoor" > "$T/merken"
    else
        sessie ijk.db "$invoer"
        awk '/^Stap [0-9]+ van/ { s = $2; print NR - 1, "stap", s }
             /^deelnemer gast/ { print NR, "gast", "-" }
             /^Werkvorm [a-z_]+ gesloten/ { print NR, "sluit", "-" }
             END { print NR, "einde", "-" }' "$T/out" > "$T/merken"
    fi
    N=$(awk '$2 == "einde" { print $1 }' "$T/merken")
    check "$werkvorm: de ijkrun telt $N en ziet de gast en het sluiten" \
        test "$(grep -c ' gast ' "$T/merken")" -eq 1 -a "$(grep -c ' sluit ' "$T/merken")" -eq 1

    # The points: 15 spread evenly, the commit of the first two step changes,
    # of the new deelnemer and of the close (M-1: before the commit frame; for
    # the close also M, a torn commit frame). Each: "K what".
    {
        i=0
        while [ $i -lt 15 ]; do
            k=$(( (2 * i + 1) * N / 30 + 1 ))
            awk -v k="$k" '$1 >= k { exit } $2 == "stap" { s = $3 } END { print k, "midden in stap " (s == "" ? 1 : s) }' \
                "$T/merken"
            i=$((i + 1))
        done
        awk -v mode="$mode" '
            $2 == "stap" && $3 <= 3 && $3 > 1 { print (mode == "strace" ? $1 - 1 : $1), "de wissel naar stap " $3 }
            $2 == "gast" { print (mode == "strace" ? $1 - 1 : $1), "de nieuwe deelnemer" }
            $2 == "sluit" && mode == "strace" { print $1 - 1, "het sluiten, voor de commit"; print $1, "het sluiten, halve commit" }
            $2 == "sluit" && mode != "strace" { print $1, "het sluiten" }' "$T/merken"
    } > "$T/punten"

    while read -r k wat; do
        nr=$((nr + 1))
        db="k$nr.db"
        cp "$start" "$T/$db"
        killed "$db" "$k"
        ok=0
        [ "$mode" = regel ] || [ "$KILL_RC" -eq 137 ] || { echo "#   niet gedood (exit $KILL_RC)"; ok=1; }
        half=$(sqlite3 "$T/$db" "SELECT count(*) FROM deelnemer d WHERE id LIKE 'gast%'
                                 AND NOT EXISTS (SELECT 1 FROM aanwezig a WHERE a.deelnemer = d.id)")
        [ "$half" -eq 0 ] || { echo "#   een nieuwe deelnemer is opgeslagen maar niet aanwezig"; ok=1; }
        bewaard=$(( $(rows "$T/$db") - voor - 1 ))
        [ "$bewaard" -ge 0 ] || bewaard=0
        RC=0
        if [ "$bewaard" -lt $((regels - 1)) ]; then
            tail -n +$((bewaard + 1)) "$invoer" > "$T/rest"
            if [ $((nr % 10)) -eq 0 ]; then sessie "$db" "$T/rest" "$VG"; else sessie "$db" "$T/rest"; fi
        fi
        [ "$RC" -eq 0 ] || { echo "#   verder gaan gaf exit $RC: $(tail -3 "$T/err")"; ok=1; }
        canonical_db "$T/$db" > "$T/na.sql"
        if ! cmp -s "$T/heel$id.sql" "$T/na.sql"; then
            echo "#   de database verschilt van de sessie in één keer:"
            diff "$T/heel$id.sql" "$T/na.sql" | head -10 | cut -c1-200 | sed 's/^/#   /'
            ok=1
        fi
        tap $ok "$werkvorm: kill -9 bij $eenheid $k van $N ($wat; $bewaard regels bewaard), verder met de rest: dezelfde database"
        rm -f "$T/$db" "$T/$db-wal" "$T/$db-shm"
    done < "$T/punten"
done

done_testing
