# Storage faults: a database file that is not SQLite, truncated or full of
# garbage; a read-only file; a full disk (a file size limit, and a small
# tmpfs where this machine lets us mount one); a database locked by another
# process. Each command gives exit 1 and a Dutch message that names the
# database and says what to do, and the database holds exactly what it held
# before (or, for an interrupted run, resumes to what an uninterrupted run
# stores). Two werkplaats processes adding afspraken or facts at once lose
# none; `werkplaats run` has the database alone.
. "$(dirname "$0")/lib.sh"

command -v sqlite3 > /dev/null 2>&1 || { echo "1..0 # SKIP sqlite3 ontbreekt (tools/deps.sh --test)"; exit 0; }

export WERKPLAATS_VANDAAG=2026-06-01
cp "$WP_TOP/casus/molenwijk.yaml" "$WP_TOP/casus/molenwijk.draaiboek.yaml" "$T/"
FIX="$WP_TOP/tests/fixtures/sessie"
skip() { echo "ok $((TAP_N + 1)) - $1 # SKIP $2"; TAP_N=$((TAP_N + 1)); }

wp --db basis.db start molenwijk.yaml --zaad 7
wp --db basis.db sprint start 1
wp --db basis.db afspraak nieuw --wie wijkagent --wat "Uren navragen" --gremium driehoek --deadline 2026-07-01
check_rc "een traject met een afspraak" 0

# unchanged DESC DB BEFORE: DB holds what the dump BEFORE holds.
unchanged() {
    canonical_db "$2" > "$T/na.sql" 2> /dev/null
    cmp -s "$3" "$T/na.sql"; tap $? "$1"
}
canonical_db "$T/basis.db" > "$T/basis.sql"

# --- files that are not (whole) werkplaats databases ------------------------------
printf 'Dit is een boodschappenlijst, geen database.\n' > "$T/tekst.db"
cp "$T/tekst.db" "$T/tekst.orig"
size=$(wc -c < "$T/basis.db")
head -c $((size / 2)) "$T/basis.db" > "$T/half.db"
cp "$T/basis.db" "$T/rommel.db"
yes 'rommel' | head -c 8192 | dd of="$T/rommel.db" bs=4096 seek=1 conv=notrunc 2> /dev/null
cp "$T/basis.db" "$T/kop.db"
printf 'GEEN SQLITE HIER' | dd of="$T/kop.db" conv=notrunc 2> /dev/null
for geval in "tekst:geen SQLite-bestand" "half:afgekapt" "rommel:met rommel in het midden" "kop:met een kapotte kop"; do
    naam=${geval%%:*} wat=${geval#*:}
    cp "$T/$naam.db" "$T/$naam.voor"
    for opdracht in status "afspraak nieuw --wie boa --wat Toezicht" "run molenwijk.draaiboek.yaml"; do
        # shellcheck disable=SC2086
        wp --db "$naam.db" $opdracht
        check_rc "een database $wat: '${opdracht%% *}' weigert" 1
        check_err "... noemt de database en wat te doen" "database $naam.db"
        check_err "... en zegt wat er aan de hand is" "het bestand is beschadigd of geen werkplaats-database; zet een reservekopie terug"
        check "... en laat het bestand zoals het was" cmp -s "$T/$naam.db" "$T/$naam.voor"
    done
    check "... zonder -wal of -shm ernaast" test ! -e "$T/$naam.db-wal" -a ! -e "$T/$naam.db-shm"
done

# --- a damaged page inside one table --------------------------------------------------
# The file opens, but reading one table stops on a damaged page. A command
# that reads it must say so, not take the rows it got for all there are (a
# report that says no one approved the ontwerpbrief; a vergeet that leaves
# a name it did not get to read).
wp --db pagina.db run molenwijk.draaiboek.yaml
check_rc "een traject om te beschadigen" 0
sqlite3 "$T/pagina.db" "PRAGMA wal_checkpoint(TRUNCATE)" > /dev/null
if [ "$(sqlite3 "$T/pagina.db" "SELECT count(*) FROM dbstat WHERE name = 'goedkeuring'" 2> /dev/null)" = "" ]; then
    skip "beschadigde pagina's" "sqlite3 zonder dbstat"
else
    # damage DB TABLE: zeroes the page type of TABLE's first page, which
    # SQLite refuses as soon as it reads the page. (Garbage in the cell
    # pointers instead can first read as rows of garbage, differently from run
    # to run: not a test that says the same every time.)
    damage() {
        page=$(sqlite3 "$T/$1" "SELECT pageno FROM dbstat WHERE name = '$2' ORDER BY pageno LIMIT 1")
        size=$(sqlite3 "$T/$1" "PRAGMA page_size")
        printf '\000' | dd of="$T/$1" bs=1 seek=$(( (page - 1) * size )) conv=notrunc 2> /dev/null
    }
    for tabel in goedkeuring deelnemer sessie sprint; do
        cp "$T/pagina.db" "$T/pagina-$tabel.db"
        damage "pagina-$tabel.db" "$tabel"
        wp --db "pagina-$tabel.db" rapport --formaat json -o "rapport-$tabel.json"
        check_rc "een beschadigde pagina in '$tabel': rapport weigert" 1
        check_err "... noemt de database" "database pagina-$tabel.db: "
        check_err "... en zegt dat hij beschadigd is" "het bestand is beschadigd of geen werkplaats-database"
        check "... en schrijft geen rapport" test ! -e "$T/rapport-$tabel.json"
        if [ "$tabel" = goedkeuring ]; then
            check_err "... met wat hij niet kon lezen" "goedkeuringen lezen: database disk image is malformed"
        fi
    done
    cp "$T/pagina.db" "$T/pagina-reflectie.db"
    damage pagina-reflectie.db reflectie
    wie=$(sqlite3 "$T/pagina.db" "SELECT id FROM deelnemer WHERE naam IS NOT NULL ORDER BY id LIMIT 1")
    naam=$(sqlite3 "$T/pagina.db" "SELECT naam FROM deelnemer WHERE id = '$wie'")
    wp --db pagina-reflectie.db vergeet "$wie" --ja
    check_rc "vergeet met een beschadigde pagina in 'reflectie' weigert" 1
    check_err "... met wat hij niet kon lezen" "teksten lezen: database disk image is malformed"
    check "... en wist niets half: de naam staat er nog" \
        test "$(sqlite3 "$T/pagina-reflectie.db" "SELECT naam FROM deelnemer WHERE id = '$wie'")" = "$naam"
    check "... en niets in het privacylog" \
        test "$(sqlite3 "$T/pagina-reflectie.db" "SELECT count(*) FROM privacylog")" = 0
fi

# --- a read-only database file -------------------------------------------------------
# Root may write any file, so as root the commands run as 'nobody', from a
# copy of the binary and its werkvormen that 'nobody' can reach.
mkdir -p "$T/ro"
cp "$T/basis.db" "$T/ro/basis.db"
chmod 0444 "$T/ro/basis.db"
ALS="" BIN=$WERKPLAATS
if [ "$(id -u)" -eq 0 ]; then
    if command -v setpriv > /dev/null 2>&1; then
        mkdir -p "$T/ro/bin"
        BIN="$T/ro/bin/werkplaats"
        cp "$WERKPLAATS" "$BIN"
        cp -r "$WP_TOP/werkvormen" "$T/ro/werkvormen"
        chown -R nobody "$T/ro"
        chmod 0755 "$T" "$T/ro"
        ALS="setpriv --reuid=nobody --regid=nogroup --clear-groups"
    else
        ALS=none
    fi
fi
if [ "$ALS" = none ]; then
    skip "een alleen-lezen database" "als root zonder setpriv"
else
    als() { (cd "$T/ro" && $ALS "$BIN" "$@") > "$T/out" 2> "$T/err"; RC=$?; }
    als --db basis.db status
    check_rc "een alleen-lezen database: status leest hem gewoon" 0
    check_out "... met het traject" "Traject Molenwijk"
    als --db basis.db afspraak nieuw --wie boa --wat Toezicht
    check_rc "... een afspraak vastleggen weigert" 1
    check_err "... met de database en wat te doen" \
        "database basis.db: afspraak opslaan: attempt to write a readonly database (de database is alleen-lezen; controleer de rechten van het bestand en de map)"
    als --db basis.db run ../molenwijk.draaiboek.yaml
    check_rc "... een draaiboek draaien weigert" 1
    check_err "... met dezelfde uitleg" "(de database is alleen-lezen; controleer de rechten van het bestand en de map)"
    unchanged "... en de database is niet veranderd" "$T/ro/basis.db" "$T/basis.sql"
fi

# --- a full disk: a file size limit (ulimit -f) ---------------------------------------
# werkplaats ignores SIGXFSZ, so the write fails with EFBIG instead of the
# signal killing it. A run that hits the limit stops with exit 1; without
# the limit it resumes to what an uninterrupted run stores.
wp --db heel.db run --stil molenwijk.draaiboek.yaml
canonical_db "$T/heel.db" > "$T/heel.sql"
# (half the size the database ends at, in blocks of 512 bytes: past it even
# the WAL that keeps what could not be checkpointed overflows)
grens=$(( $(wc -c < "$T/heel.db") / 1024 ))
(ulimit -f "$grens" && cd "$T" && ${WP_VALGRIND:-} "$WERKPLAATS" --db vol.db run --stil molenwijk.draaiboek.yaml) > "$T/out" 2> "$T/err"
RC=$?
check_rc "een run tegen de grens van de bestandsgrootte stopt" 1
check_err "... met de database en wat te doen" "database vol.db: opslaan: disk I/O error: File too large (de schijf is vol of het bestand mag niet groter worden; maak ruimte vrij en probeer het opnieuw: wat niet is opgeslagen, staat er ook niet half in)"
check "... en laat een gave database achter" test "$(sqlite3 "$T/vol.db" 'PRAGMA integrity_check')" = ok
wp --db vol.db run --stil molenwijk.draaiboek.yaml
check_rc "... met ruimte gaat dezelfde run verder" 0
unchanged "... tot precies wat een run in één keer opslaat" "$T/vol.db" "$T/heel.sql"

# --- a full disk: a small tmpfs (only where this process may mount one) -----------------
mkdir -p "$T/klein"
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=600k tmpfs "$T/klein" 2> /dev/null; then
    cp "$T/molenwijk.yaml" "$T/molenwijk.draaiboek.yaml" "$T/klein/"
    (cd "$T/klein" && ${WP_VALGRIND:-} "$WERKPLAATS" --db klein.db run --stil molenwijk.draaiboek.yaml) > "$T/out" 2> "$T/err"
    RC=$?
    check_rc "een run op een volle tmpfs stopt" 1
    check_err "... en zegt dat de schijf vol is" "(de schijf is vol of het bestand mag niet groter worden; maak ruimte vrij"
    check_err "... en noemt de database" "database klein.db: "
    mkdir -p "$T/groot"
    cp "$T/klein/klein.db" "$T/klein/molenwijk.yaml" "$T/klein/molenwijk.draaiboek.yaml" "$T/groot/"
    [ -e "$T/klein/klein.db-wal" ] && cp "$T/klein/klein.db-wal" "$T/groot/"
    umount "$T/klein"
    (cd "$T/groot" && "$WERKPLAATS" --db klein.db run --stil molenwijk.draaiboek.yaml) > "$T/out" 2> "$T/err"
    RC=$?
    check_rc "... op een schijf met ruimte gaat hij verder" 0
    unchanged "... tot precies wat een run in één keer opslaat" "$T/groot/klein.db" "$T/heel.sql"
else
    skip "een volle tmpfs" "mount -t tmpfs mag hier niet"
fi

# --- locked by another process ------------------------------------------------------------
# sqlite3 holds the write lock until told to let go (through a fifo).
cp "$T/basis.db" "$T/slot.db"
mkfifo "$T/slot.in" "$T/slot.uit"
sqlite3 "$T/slot.db" < "$T/slot.in" > "$T/slot.uit" 2>&1 &
houder=$!
exec 7> "$T/slot.in"
printf 'BEGIN EXCLUSIVE;\nSELECT %s;\n' "'vast'" >&7
read -r vast < "$T/slot.uit"
check "sqlite3 houdt de database vast" test "$vast" = vast
wp --db slot.db afspraak nieuw --wie boa --wat Toezicht
check_rc "een vergrendelde database: een afspraak vastleggen weigert" 1
check_err "... met de database en wat te doen" \
    "database slot.db: transactie beginnen: database is locked (een ander proces, zoals een tweede werkplaats of sqlite3, houdt de database bezet; probeer het opnieuw als dat klaar is)"
wp --db slot.db status
check_rc "... lezen kan intussen wel" 0
printf 'COMMIT;\n.quit\n' >&7
exec 7>&-
wait "$houder"
unchanged "... en niets half opgeslagen" "$T/slot.db" "$T/basis.sql"
wp --db slot.db afspraak nieuw --wie boa --wat Toezicht
check_rc "... los gelaten: de afspraak komt erin" 0

# --- two werkplaats processes at once lose nothing -----------------------------------------
cp "$T/basis.db" "$T/samen.db"
afspraken() { # afspraken WHO N
    i=0
    while [ $i -lt "$2" ]; do
        i=$((i + 1))
        (cd "$T" && ${WP_VALGRIND:-} "$WERKPLAATS" --db samen.db afspraak nieuw --wie "$1" --wat "Afspraak $i van $1") \
            > /dev/null 2>> "$T/samen.err" || echo fout >> "$T/samen.err"
    done
}
: > "$T/samen.err"
afspraken wijkagent 12 &
een=$!
afspraken boa 12
wait "$een"
check "twee processen tegelijk: geen foutmelding" test ! -s "$T/samen.err"
check "... en alle 24 afspraken (plus de ene van tevoren) staan erin" \
    test "$(sqlite3 "$T/samen.db" "SELECT count(*) || ' ' || count(DISTINCT wat) FROM afspraak")" = "25 25"

# Two live sessions of the same werkvorm, adding contributions at once.
printf '+anna bewoners Anna\nvolgende\n' > "$T/in"
wp --db samen.db --werkvormen "$FIX" sessie --werkvorm sessiekaart --eenvoudig < "$T/in"
for wie in anna bram; do
    i=0
    : > "$T/in.$wie"
    while [ $i -lt 15 ]; do i=$((i + 1)); printf '@anna ziet: %s %d\n' "$wie" $i >> "$T/in.$wie"; done
done
(cd "$T" && ${WP_VALGRIND:-} "$WERKPLAATS" --db samen.db --werkvormen "$FIX" sessie --werkvorm sessiekaart --eenvoudig \
    < "$T/in.anna" > /dev/null 2> "$T/anna.err"; echo $? > "$T/anna.rc") &
een=$!
(cd "$T" && ${WP_VALGRIND:-} "$WERKPLAATS" --db samen.db --werkvormen "$FIX" sessie --werkvorm sessiekaart --eenvoudig \
    < "$T/in.bram" > /dev/null 2> "$T/bram.err"; echo $? > "$T/bram.rc")
wait "$een"
check "twee live sessies tegelijk slagen" test "$(cat "$T/anna.rc") $(cat "$T/bram.rc")" = "0 0"
check "... alle 30 bijdragen staan erin, elk één keer" \
    test "$(sqlite3 "$T/samen.db" "SELECT count(*) || ' ' || count(DISTINCT tekst) || ' ' || count(DISTINCT ref) FROM feit WHERE soort = 'bijdrage'")" = "30 30 30"
check "... met elk een eigen volgnummer" \
    test "$(sqlite3 "$T/samen.db" "SELECT max(volgnr) = count(*) FROM feit")" = 1

# --- two runs on one database --------------------------------------------------------------
# A run is held still (strace stops it with SIGSTOP halfway through its
# writes, counted in a run of its own);
# meanwhile a second run and any other command are refused, and a run is
# refused while a live session has the database open.
kill_mode
if [ "$KILL_MODE" = strace ]; then
    (cd "$T" && ASAN_OPTIONS=$WP_UNTRACED_ASAN strace -o "$T/tel.spoor" -e trace=pwrite64 "$WERKPLAATS" --db tel.db run \
        --stil molenwijk.draaiboek.yaml) > /dev/null 2>&1
    helft=$(( $(grep -c '^pwrite64' "$T/tel.spoor") / 2 ))
    # strace logs "stopped by SIGSTOP" once the run is really stopped (not
    # merely at one of the stops strace makes at every system call).
    (cd "$T" && ASAN_OPTIONS=$WP_UNTRACED_ASAN exec strace -o "$T/eerste.spoor" -e trace=pwrite64 -e inject=pwrite64:signal=STOP:when="$helft" \
        "$WERKPLAATS" --db twee.db run --stil molenwijk.draaiboek.yaml) > /dev/null 2> "$T/eerste.err" &
    tracer=$!
    n=0
    while ! grep -q 'stopped by SIGSTOP' "$T/eerste.spoor" 2> /dev/null && [ $n -lt 1200 ]; do sleep 0.1; n=$((n + 1)); done
    check "de eerste run staat stil halverwege" grep -q 'stopped by SIGSTOP' "$T/eerste.spoor"
    wp --db twee.db run --stil molenwijk.draaiboek.yaml
    check_rc "een tweede run op dezelfde database weigert" 1
    check_err "... met wat te doen" "werkplaats: database twee.db wordt al gebruikt door een ander werkplaats-proces; wacht tot dat klaar is en draai de draaiboek dan opnieuw (hij gaat verder waar de database stopte)"
    wp --db twee.db status
    check_rc "status tijdens een run weigert" 1
    check_err "... en zegt waarom" "werkplaats: database twee.db wordt al gebruikt door een ander werkplaats-proces dat een draaiboek draait (werkplaats run); wacht tot dat klaar is en probeer het dan opnieuw"
    for eerste in $(ps -o pid= --ppid "$tracer"); do kill -CONT "$eerste"; done
    wait "$tracer"
    RC=$?
    check_rc "de eerste run maakt het af" 0
    unchanged "... tot precies wat een run in één keer opslaat" "$T/twee.db" "$T/heel.sql"
else
    skip "een tweede run naast een stilgezette run" "strace kan hier niet traceren"
fi
cp "$T/basis.db" "$T/open.db"
mkfifo "$T/open.in"
(cd "$T" && "$WERKPLAATS" --db open.db --werkvormen "$FIX" sessie --werkvorm sessiekaart --eenvoudig < "$T/open.in" \
    > "$T/open.out" 2>&1) &
sessie=$!
exec 8> "$T/open.in"
printf 'volgende\n' >&8
n=0
while ! grep -q 'Stap 2 van' "$T/open.out" && [ $n -lt 1200 ]; do sleep 0.1; n=$((n + 1)); done
wp --db open.db run --stil molenwijk.draaiboek.yaml
check_rc "een run terwijl een live sessie de database open heeft, weigert" 1
check_err "... met wat te doen" "database open.db wordt al gebruikt door een ander werkplaats-proces; wacht tot dat klaar is"
exec 8>&-
wait "$sessie"
check "... en de sessie gaat gewoon door" grep -q 'Gestopt; de klok staat stil.' "$T/open.out"

done_testing
