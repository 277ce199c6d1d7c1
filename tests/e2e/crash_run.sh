# Crash consistency of `werkplaats run`: the Molenwijk draaiboek is killed
# with SIGKILL at more than fifty points spread over the whole run, among
# them right around every sprint close and every session close (the frozen
# results); each time the same command on the same database
# finishes the traject, and the database then holds exactly what an
# uninterrupted run stores (canonical_db in lib.sh: every table and column
# but the wall-clock moments).
#
# The kill points are deterministic: strace stops the process with SIGKILL
# as it enters its k-th pwrite64 (SQLite writes each WAL frame as a 24-byte
# header and a page, so k falls between any two writes, inside transactions
# and checkpoints too). A calibrating run under strace counts the writes and
# marks where the progress lines of sprint and session closes come. Without
# a usable strace (no ptrace) the process is killed right after its k-th
# progress line instead, read from a pipe.
#
# Under `make valgrind` every tenth resuming run goes through valgrind, the
# others run the binary directly: a killed process has nothing to check.
. "$(dirname "$0")/lib.sh"

command -v sqlite3 > /dev/null 2>&1 || { echo "1..0 # SKIP sqlite3 ontbreekt (tools/deps.sh --test)"; exit 0; }

export WERKPLAATS_VANDAAG=2026-06-01
cp "$WP_TOP/casus/molenwijk.yaml" "$WP_TOP/casus/molenwijk.draaiboek.yaml" "$T/"
VG=${WP_VALGRIND:-}

# The uninterrupted run everything is compared with.
wp --db heel.db run molenwijk.draaiboek.yaml
check_rc "de draaiboek in één keer" 0
cp "$T/out" "$T/voortgang"
canonical_db "$T/heel.db" > "$T/heel.sql"
check_klok "de weggelaten kolommen bevatten alleen kloktijden" "$T/heel.db"
check "de vergelijking ziet alle 7 gesloten sprints" grep -q "^7,7,'Verankeren','gesloten'," "$T/heel.sql"

kill_mode
mode=$KILL_MODE eenheid=schrijfactie
[ "$mode" = strace ] || { eenheid=voortgangsregel; echo "# strace kan hier niet traceren; de kill valt na de k-de voortgangsregel"; }

# --- calibration: N writes in all, and the marks --------------------------------
# merken: "WRITES SOORT TEKST" for every progress line that opens a sprint or
# werkvorm or says a session (resultaat) or sprint (gesloten) closed; WRITES is
# how many pwrite64 (or progress lines) came before it.
if [ "$mode" = strace ]; then
    (cd "$T" && ASAN_OPTIONS=$WP_UNTRACED_ASAN strace -o "$T/spoor" -e trace=pwrite64,write -s 40 "$WERKPLAATS" --db ijk.db run \
        molenwijk.draaiboek.yaml) > /dev/null 2>&1
    awk '/^pwrite64\(/ { n++ }
         /^write\(1, "Sprint [0-9]: /  { s = $0; sub(/^write\(1, "/, "", s); sub(/:.*/, "", s); print n, "begin", s }
         /^write\(1, "  werkvorm /     { s = $0; sub(/^write\(1, "  werkvorm /, "", s); sub(/ .*/, "", s); print n, "werkvorm", s }
         /^write\(1, "    resultaat: / { print n, "sessie", "sluit" }
         /^write\(1, "Sprint gesloten/ { print n, "sprint", "sluit" }
         END { print n, "einde", "-" }' "$T/spoor" > "$T/merken"
else
    awk '/^Sprint [0-9]: /  { s = $0; sub(/:.*/, "", s); print NR - 1, "begin", s }
         /^  werkvorm /     { s = $2; print NR - 1, "werkvorm", s }
         /^    resultaat: / { print NR, "sessie", "sluit" }
         /^Sprint gesloten/ { print NR, "sprint", "sluit" }
         END { print NR, "einde", "-" }' "$T/voortgang" > "$T/merken"
fi
N=$(awk '$2 == "einde" { print $1 }' "$T/merken")
check "de ijkrun telt de schrijfacties ($N) en de sluitmomenten" \
    test "$N" -gt 100 -a "$(grep -c ' sprint sluit' "$T/merken")" -eq 7 -a "$(grep -c ' sessie sluit' "$T/merken")" -eq 14

# The kill points: 50 spread evenly over the run, then around every sprint
# and session close: M is the number of writes made before the progress line
# that says it closed. When each transaction commits by itself, write M is
# the page of the close's commit frame: at M-1 the commit frame is not
# begun, at M it is torn (its header written, its page not), at M+1 the
# close is stored and nothing after. When the replay batches transactions
# (store_batch_begin), these are simply the writes closest to the close.
# For the fourteen session closes only M-1 is added, to keep the test short.
# Each point: "K what".
{
    i=0
    while [ $i -lt 50 ]; do
        k=$(( (2 * i + 1) * N / 100 + 1 ))
        awk -v k="$k" '$1 >= k { exit } $2 == "begin" { s = "in " $3 " " $4; w = "" } $2 == "werkvorm" { w = ", werkvorm " $3 }
                       END { print k, (s == "" ? "bij het openen van het traject" : s w) }' "$T/merken"
        i=$((i + 1))
    done
    awk -v mode="$mode" '
        $2 == "begin" { s = $3 " " $4 } $2 == "werkvorm" { w = $3 }
        $2 == "sprint" && mode == "strace" { print $1 - 1, s " sluit, M-1"; print $1, s " sluit, M"
                                             print $1 + 1, s " sluit, M+1" }
        $2 == "sessie" && mode == "strace" { print $1 - 1, "werkvorm " w " sluit, M-1" }
        $2 == "sprint" && mode != "strace" { print $1, s " gesloten" }
        $2 == "sessie" && mode != "strace" { print $1, "werkvorm " w " gesloten" }' "$T/merken"
} > "$T/punten"

# killed DB K: the draaiboek on DB, killed at point K (kill_at in lib.sh).
killed() {
    kill_at "$2" /dev/null --db "$1" run molenwijk.draaiboek.yaml
}

# resume DB NR: the same run again on DB, through valgrind for every tenth.
resume() {
    if [ $(($2 % 10)) -eq 0 ]; then WP_VALGRIND=$VG; else WP_VALGRIND=; fi
    wp --db "$1" run molenwijk.draaiboek.yaml
    WP_VALGRIND=$VG
}

# same DESC DB: DB finished and holds what the uninterrupted run holds.
same() {
    canonical_db "$2" > "$T/na.sql"
    ok=0
    [ "$RC" -eq 0 ] || { echo "#   hervatten gaf exit $RC: $(tail -3 "$T/err")"; ok=1; }
    [ "$(sqlite3 "$2" 'PRAGMA integrity_check')" = ok ] || { echo "#   integrity_check faalt"; ok=1; }
    [ -z "$(sqlite3 "$2" 'PRAGMA foreign_key_check')" ] || { echo "#   foreign_key_check faalt"; ok=1; }
    if ! cmp -s "$T/heel.sql" "$T/na.sql"; then
        echo "#   de database verschilt van de run in één keer:"
        diff "$T/heel.sql" "$T/na.sql" | head -10 | cut -c1-200 | sed 's/^/#   /'
        ok=1
    fi
    tap $ok "$1"
}

nr=0
gedood=0
while read -r k wat; do
    nr=$((nr + 1))
    db="$T/k$nr.db"
    killed "$db" "$k"
    [ "$KILL_RC" -eq 137 ] && gedood=$((gedood + 1))
    resume "$db" "$nr"
    same "kill -9 bij $eenheid $k van $N ($wat): hervat tot dezelfde database" "$db"
    rm -f "$db" "$db-wal" "$db-shm"
done < "$T/punten"
# (after a progress line the run may end before the kill lands: counted only under strace)
[ "$mode" = regel ] || check "elk van de $nr processen is echt gedood ($gedood keer SIGKILL)" test "$gedood" -eq "$nr"

# A chain on one database: every resuming run is killed too, the i-th after
# i twelfths of the writes a whole run makes, until one finishes (a run
# replays from the last commit, which with batched replay may be the start;
# a run that finds work stored needs fewer writes, so the chain is shorter).
stap=$((N / 12 + 1))
keten=0
while [ $keten -lt 20 ]; do
    keten=$((keten + 1))
    killed "$T/keten.db" $((keten * stap))
    [ "$KILL_RC" -eq 137 ] || break
done
RC=$KILL_RC
check "een keten van $keten runs op één database, elk later gedood, komt aan het eind" test "$keten" -ge 5 -a "$RC" -eq 0
same "... met dezelfde database als in één keer" "$T/keten.db"

done_testing
