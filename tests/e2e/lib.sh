# Shared by the end-to-end scripts: a scratch folder, a way to run werkplaats
# in it, TAP assertions, and a few helpers at the end (a canonical dump of a
# database, a session as regie lines). Each script sources this file and
# calls `done_testing`.
#
#   wp ARGS...              runs werkplaats in $T; sets RC, and $T/out, $T/err
#   check_rc  DESC CODE     the last run exited with CODE
#   check_out DESC TEXT     the last run's standard output contains TEXT
#   check_err DESC TEXT     the last run's standard error contains TEXT
#   check     DESC CMD...   CMD succeeds
set -u
: "${WERKPLAATS:?run through tests/run.sh or set WERKPLAATS}"
: "${WP_TOP:?run through tests/run.sh or set WP_TOP}"
T=$(mktemp -d "${TMPDIR:-/tmp}/werkplaats-e2e.XXXXXX")
trap 'rm -rf "$T"' EXIT
TAP_N=0
TAP_FAILED=0
RC=0

tap() { # tap STATUS DESC
    TAP_N=$((TAP_N + 1))
    if [ "$1" -eq 0 ]; then
        echo "ok $TAP_N - $2"
    else
        TAP_FAILED=$((TAP_FAILED + 1))
        echo "not ok $TAP_N - $2"
        if [ -f "$T/out" ]; then sed 's/^/#   out: /' "$T/out" | tail -15; fi
        if [ -f "$T/err" ]; then sed 's/^/#   err: /' "$T/err" | tail -15; fi
    fi
}

wp() {
    # shellcheck disable=SC2086
    (cd "$T" && ${WP_VALGRIND:-} "$WERKPLAATS" "$@") > "$T/out" 2> "$T/err"
    RC=$?
}

check_rc()  { [ "$RC" -eq "$2" ]; tap $? "$1 (exit $RC, verwacht $2)"; }
check_out() { grep -qF -- "$2" "$T/out"; tap $? "$1"; }
check_err() { grep -qF -- "$2" "$T/err"; tap $? "$1"; }
check_no_out() { ! grep -qF -- "$2" "$T/out"; tap $? "$1"; }
check()     { desc=$1; shift; "$@" > /dev/null 2>&1; tap $? "$desc"; }

done_testing() {
    echo "1..$TAP_N"
    [ "$TAP_FAILED" -eq 0 ]
}

# canonical_db DB: the whole database as text that two runs with the same
# input share: the schema, then every table's rows in rowid order (the ids
# are compared too: facts point at each other by id). Left out are only the
# columns in WP_KLOKKOLOMMEN, which hold the wall-clock moment a row was
# written (clock_now_iso) and so differ between any two runs; check_klok
# asserts they hold nothing else. Dates come from WERKPLAATS_VANDAAG.
# Left out too are the stored sleutelfactoren check's model and kern: a copy
# of what the other tables say (with their clock times inside); it counts only
# while wijziging.teller stands where it was stored, and that is compared.
WP_KLOKKOLOMMEN="traject.aangemaakt sprint.gestart sprint.gesloten sessie.geopend sessie.gesloten feit.tijd
afspraak.aangemaakt houding.tijd reflectie.tijd planning.aangemaakt privacylog.tijd"
WP_AFGELEID="sleutelfactoren_stand.model sleutelfactoren_stand.kern"
canonical_db() {
    skip="'$(echo $WP_KLOKKOLOMMEN $WP_AFGELEID | sed "s/ /','/g")'"
    sqlite3 "$1" "SELECT 'schema ' || (SELECT user_version FROM pragma_user_version);
                  SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name"
    for t in $(sqlite3 "$1" "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"); do
        cols=$(sqlite3 "$1" "SELECT group_concat('\"' || name || '\"', ', ') FROM pragma_table_info('$t')
                             WHERE '$t.' || name NOT IN ($skip)")
        echo "== $t"
        sqlite3 -quote "$1" "SELECT rowid, $cols FROM \"$t\" ORDER BY rowid"
    done
}

# check_klok DESC DB: the left-out columns hold only clock times (or NULL).
check_klok() {
    n=0
    for tc in $WP_KLOKKOLOMMEN; do
        n=$((n + $(sqlite3 "$2" "SELECT count(*) FROM ${tc%%.*} WHERE ${tc#*.} IS NOT NULL AND ${tc#*.}
            NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'")))
    done
    [ "$n" -eq 0 ]; tap $? "$1"
}

# regie_lines_of DB SESSION_ID: a session of a draaiboek run as lines of the
# regie language: who is present, then every step change and input as the
# draaiboek stored them, one line per fact, then 'sluit' (twice: a draaiboek
# may end a werkvorm before its last step, which the regie asks to confirm).
regie_lines_of() {
    sqlite3 "$1" "select '+' || d.id || ' ' || d.groep from aanwezig a join deelnemer d on d.id = a.deelnemer
        where a.sessie = $2 order by d.rowid"
    sqlite3 "$1" "select case f.soort
        when 'stap' then 'volgende'
        when 'bijdrage' then
            coalesce('@' || f.deelnemer || ' ', '')
            || coalesce((select group_concat('#' || value, ' ') from json_each(f.omgevingen)) || ' ', '')
            || case when json_extract(f.data, '\$.gevoelig') then '! ' else '' end
            || case when f.ref = 'b' || f.volgnr then '' else '=' || f.ref || ' ' end
            || coalesce('^' || json_extract(f.data, '\$.bij') || ' ', '')
            || coalesce(f.veld || ': ', '') || f.tekst
        when 'stem' then '@' || f.deelnemer || ' ' || f.ref || '=' || cast(f.waarde as integer)
        when 'plaatsing' then
            coalesce('@' || f.deelnemer || ' ', '') || f.ref || ' ' || cast(f.waarde as integer)
            || coalesce(': ' || f.tekst, '')
        when 'besluit' then
            'besluit ' || coalesce('@' || f.deelnemer || ' ', '') || json_extract(f.data, '\$.uitkomst') || ': '
            || f.tekst || coalesce((select group_concat(' | bezwaar' || coalesce(' @' || json_extract(value, '\$.wie'), '')
               || ': ' || json_extract(value, '\$.tekst')
               || coalesce(' => opgelost: ' || json_extract(value, '\$.opgelost'), ''), '')
               from json_each(json_extract(f.data, '\$.bezwaren'))), '')
        end from feit f where f.sessie = $2 and f.volgnr > 1 order by f.volgnr"
    printf 'sluit\nsluit\n'
}

# kill_mode: how kill_at stops werkplaats: "strace" when strace can trace
# here, else "regel"; WP_KILL_MODE=regel tries the latter. Sets KILL_MODE.
kill_mode() {
    if [ "${WP_KILL_MODE:-}" = regel ]; then KILL_MODE=regel
    elif strace -o /dev/null -e trace=none true > /dev/null 2>&1; then KILL_MODE=strace; else KILL_MODE=regel; fi
}

# LeakSanitizer stops the world with ptrace, which it cannot do under strace:
# a run that ends under strace goes without leak checking (ASan still checks).
WP_UNTRACED_ASAN="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"

# kill_at K INPUT ARGS...: runs werkplaats ARGS in $T, reading INPUT, and
# kills it with SIGKILL at point K: as it enters its K-th pwrite64 (strace
# injects the signal, so the point is the same in every run), or in mode
# "regel" right after its K-th line of output, read from a pipe. Sets
# KILL_RC, the exit status the shell saw (137: killed before the end).
kill_at() {
    k=$1 input=$2
    shift 2
    if [ "$KILL_MODE" = strace ]; then
        # (the outer braces keep the shell's own "Killed" out of the log)
        KILL_RC=$({ (cd "$T" && ASAN_OPTIONS=$WP_UNTRACED_ASAN exec strace -o /dev/null -e trace=pwrite64 -e inject=pwrite64:signal=KILL:when="$k" \
            "$WERKPLAATS" "$@" < "$input") > /dev/null 2>&1; echo $?; } 2> /dev/null)
    else
        rm -f "$T/pijp"
        mkfifo "$T/pijp"
        (cd "$T" && exec "$WERKPLAATS" "$@" < "$input" > "$T/pijp" 2> /dev/null) &
        pid=$!
        { head -n "$k" > /dev/null; kill -KILL "$pid" 2> /dev/null; cat > /dev/null; } < "$T/pijp"
        wait "$pid"
        KILL_RC=$?
    fi
}
