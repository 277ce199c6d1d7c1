# The hostile corpus (tests/hostile/*.lua) through a real workshop: each
# attack runs as a werkvorm in a draaiboek, into a database that already holds
# the facts and result of an earlier werkvorm. The attack sits in resultaat
# (as written) and, where it is not about resultaat's return value, also in
# the bij_stap hook. Each run must end with exit 1 (never 3 or a signal) and
# the attack's documented message (the "-- verwacht:" lines, which
# werkvormen/README.md §11 lists), and the facts, sessions and sprints stored
# before must be exactly what they were. test_plugin.c runs the same corpus
# against the plugin host alone.
#
# Under valgrind every run is 20-50x slower, so there only one attack of each
# kind in the issue's list runs (VALGRIND_SET below), in resultaat, and one in
# bij_stap; all of them run in both hooks in every normal and sanitizer build.
. "$(dirname "$0")/lib.sh"

command -v sqlite3 > /dev/null 2>&1 || { echo "1..0 # SKIP sqlite3 ontbreekt (tools/deps.sh --test)"; exit 0; }

VALGRIND_SET=" io os_execute require load_binair string_dump debug string_metatable getmetatable_wp \
lus_coroutine lus geheugen geheugen_rep recursie fout_tabel fout_groot yield_c gc kaart_groot metatable_kring "

cp "$WP_TOP/casus/molenwijk.yaml" "$T/"
cat > "$T/basis.yaml" <<'EOF'
draaiboek: { naam: "Vijandig", casus: molenwijk.yaml, zaad: 7 }
sprints:
  - sprint: 1
    werkvormen:
      - werkvorm: socrates
        aanwezig: [wijkagent, wijkmanager]
        stappen:
          - stap: situatie
            invoer:
              - { id: s1, wie: wijkagent, tekst: "Op het plein wordt gedeald", omgevingen: [crimineel] }
              - { id: s2, wie: wijkmanager, tekst: "Bewoners melden niets meer", omgevingen: [sociaal] }
EOF

# The stored state that no werkvorm may change: everything but the hostile
# werkvorm's own (open) session and its step facts.
state() {
    sqlite3 "$1" "SELECT * FROM traject; SELECT * FROM deelnemer ORDER BY id; SELECT * FROM sprint ORDER BY nr;
                  SELECT * FROM sessie WHERE werkvorm = 'socrates';
                  SELECT f.* FROM feit f JOIN sessie s ON s.id = f.sessie WHERE s.werkvorm = 'socrates' ORDER BY f.id;
                  SELECT count(*) FROM afspraak; SELECT count(*) FROM houding;"
}

# The base: socrates ran and closed (its facts and result stored); sprint 1
# stays open because the sprint still misses results (exit 1, expected).
wp --db basis.db run basis.yaml
check_err "de basis: socrates is gesloten, sprint 1 blijft open" "sprint 1 kan niet sluiten: resultaat 'glijbaan' ontbreekt"
state "$T/basis.db" > "$T/voor"
[ "$(sqlite3 "$T/basis.db" "SELECT count(*) FROM feit WHERE soort = 'bijdrage'")" = 2 ]
tap $? "de basis heeft twee bijdragen opgeslagen"

# Sets WERKPLAATS_LUA_* from a "-- limieten:" line, the way test_plugin.c does.
limits() { # limits FILE
    geheugen=""; instructies=""; tijd=""
    for tok in $(sed -n 's/^-- limieten: //p' "$1"); do
        case "$tok" in
            geheugen_mb=*) geheugen=${tok#*=} ;;
            instructies=*) instructies=${tok#*=} ;;
            tijd_ms=*) tijd=${tok#*=} ;;
        esac
    done
    # Under valgrind the wall clock would stop a memory or instruction attack
    # first: give it room, unless the time limit is what the attack tests.
    if [ -n "${WP_VALGRIND:-}" ] && ! grep -q '^-- verwacht: .*tijdlimiet' "$1"; then tijd=3600000; fi
}

# attack NAME FILE HOOK: runs the werkvorm in FILE after socrates in a copy of the base.
attack() {
    name=$1; file=$2; hook=$3
    id=$(sed -n 's/^ *id = "\([^"]*\)".*/\1/p' "$file" | head -1)
    rm -rf "$T/w" && mkdir "$T/w"
    # Named after its id, so that a werkvorm that fails to load is explained
    # by its own messages. A second step, so that the draaiboek moves once
    # and bij_stap runs.
    sed 's/^\(  stappen = { { id = "a", titel = "A", instructie = "A", \)duur = 5, invoer = "geen" } },$/\1duur = 4, invoer = "geen" },\
    { id = "b", titel = "B", instructie = "B", duur = 1, invoer = "geen" } },/' "$file" > "$T/w/$id.lua"
    cp "$T/basis.db" "$T/aanval.db"
    { cat "$T/basis.yaml"; printf '      - werkvorm: %s\n        stappen:\n          - stap: a\n          - stap: b\n' "$id"; } \
        > "$T/aanval.yaml"
    limits "$file"
    (cd "$T" && env ${geheugen:+WERKPLAATS_LUA_GEHEUGEN_MB=$geheugen} ${instructies:+WERKPLAATS_LUA_INSTRUCTIES=$instructies} \
        ${tijd:+WERKPLAATS_LUA_TIJD_MS=$tijd} ${WP_VALGRIND:-} "$WERKPLAATS" --db aanval.db --werkvormen w run aanval.yaml) \
        > "$T/out" 2> "$T/err"
    RC=$?
    check_rc "$name ($hook): de engine stopt de werkvorm netjes" 1
    sed -n 's/^-- verwacht: //p' "$file" > "$T/verwacht"
    while IFS= read -r v; do
        check_err "$name ($hook): de melding '$v'" "$v"
    done < "$T/verwacht"
    # A 4 MiB error text (fout_groot) must not flood the facilitator's screen.
    [ "$(wc -c < "$T/err")" -lt 8192 ]
    tap $? "$name ($hook): de melding is kort (minder dan 8 KiB)"
    state "$T/aanval.db" > "$T/na"
    cmp -s "$T/voor" "$T/na"
    tap $? "$name ($hook): de opgeslagen feiten, sessies en sprints zijn onveranderd"
    sessie=$(sqlite3 "$T/aanval.db" "SELECT status || '|' || coalesce(json_extract(resultaat, '$.situatie'), '-')
                                      FROM sessie WHERE werkvorm = '$id'")
    case "$hook" in
        laden) [ -z "$sessie" ]; tap $? "$name ($hook): er is geen sessie geopend" ;;
        resultaat) [ "$sessie" = "open|-" ]; tap $? "$name ($hook): de sessie blijft open, zonder resultaat" ;;
        # A failing hook is reported and changes nothing: the step is taken
        # and the werkvorm closes with its own result.
        bij_stap) [ "$sessie" = "gesloten|1" ]; tap $? "$name ($hook): de werkvorm sluit gewoon, met zijn eigen resultaat" ;;
    esac
}

for f in "$WP_TOP"/tests/hostile/*.lua; do
    name=$(basename "$f" .lua)
    if [ -n "${WP_VALGRIND:-}" ]; then case "$VALGRIND_SET" in *" $name "*) ;; *) continue ;; esac; fi
    # The author guide lists every attack with its messages.
    row=$(grep -F -e "| \`$name\` |" -e "| \`$name\` (" "$WP_TOP/werkvormen/README.md")
    ok=1; [ -n "$row" ] && ok=0
    sed -n 's/^-- verwacht: //p' "$f" > "$T/verwacht"
    while IFS= read -r v; do
        case "$row" in *"\`$v\`"*) ;; *) ok=1 ;; esac
    done < "$T/verwacht"
    tap "$ok" "$name: staat met zijn melding in de tabel van werkvormen/README.md §11"
    hook=$(sed -n 's/^-- bij: //p' "$f"); hook=${hook:-resultaat}
    attack "$name" "$f" "$hook"
    # The same attack in the step hook: resultaat gives a good answer and
    # bij_stap (run when the draaiboek moves to step b) does the harm.
    # Attacks on what resultaat returns only make sense in resultaat. Under
    # valgrind one attack in bij_stap is enough (lus_bij_stap is there by
    # itself): the hook's path is the same for every attack.
    case "$hook:$name" in
        resultaat:resultaat_*|resultaat:rep_leeg) continue ;;
        resultaat:*) ;;
        *) continue ;;
    esac
    if [ -n "${WP_VALGRIND:-}" ] && [ "$name" != io ]; then continue; fi
    sed 's/^  resultaat = aanval,$/  resultaat = function() return { situatie = 1 } end,\n  bij_stap = aanval,/' \
        "$f" > "$T/$name.lua"
    attack "$name" "$T/$name.lua" bij_stap
done

# After all that the same database still takes a good werkvorm.
wp --db basis.db status
check_rc "status werkt nog op de database" 0

done_testing
