# The whole Molenwijk traject (seven sprints, fourteen werkvormen) run live
# through the regie's line mode, with the inputs of casus/molenwijk.draaiboek.yaml
# written in the regie language, gives the same facts and the same results as
# `werkplaats run` on the draaiboek. The lines are made from the facts the
# draaiboek stored, so every kind of input the real werkvormen take goes
# through the regie language once. The registers of the sleutelfactoren
# (afspraken, houdingen, reflectie) are kept outside the werkvormen and are
# not part of this comparison.
. "$(dirname "$0")/lib.sh"

cp "$WP_TOP/casus/molenwijk.yaml" "$WP_TOP/casus/molenwijk.draaiboek.yaml" "$T/"
A="$T/draaiboek.db"
B="$T/live.db"
qa() { sqlite3 "$A" "$1"; }

wp --db draaiboek.db run --stil molenwijk.draaiboek.yaml
check_rc "de draaiboek draait" 0

# The same traject and the same deelnemers, in the same order (pseudonyms
# number people per group in the order they joined).
{
    printf 'draaiboek:\n  casus: molenwijk.yaml\n  zaad: %s\n' "$(qa 'select zaad from traject')"
    sed -n '/^deelnemers:/,/^sprints:/p' "$T/molenwijk.draaiboek.yaml" | sed '$d'
} > "$T/deelnemers.yaml"
wp --db live.db run --stil deelnemers.yaml
check_rc "een traject met dezelfde deelnemers" 0

failed_sessions=0
for sprint in $(qa "select nr from sprint order by nr"); do
    wp --db live.db sprint start "$sprint"
    [ "$RC" -eq 0 ] || failed_sessions=$((failed_sessions + 1))
    for id in $(qa "select id from sessie where sprint = $sprint order by id"); do
        werkvorm=$(qa "select werkvorm from sessie where id = $id")
        label=$(qa "select label from sessie where id = $id")
        regie_lines_of "$A" "$id" > "$T/sessie-$id.txt"
        (cd "$T" && WERKPLAATS_VANDAAG="$(qa "select datum from sessie where id = $id")" \
            ${WP_VALGRIND:-} "$WERKPLAATS" --db live.db sessie --werkvorm "$werkvorm" --label "$label" \
            --eenvoudig < "sessie-$id.txt") > "$T/out" 2> "$T/err"
        RC=$?
        check_rc "sprint $sprint, $werkvorm: live zonder weigeringen" 0
        check_out "sprint $sprint, $werkvorm: gesloten" "Werkvorm $werkvorm gesloten"
    done
    qa "select g.document || ' ' || g.betrokkene || ' ' || g.datum from goedkeuring g
        where exists (select 1 from sessie s where s.sprint = $sprint
                      and exists (select 1 from json_each(s.levert) where value = g.document))
        order by g.rowid" | while read -r document wie datum; do
        wp --db live.db goedkeuring "$document" "$wie" --datum "$datum" || true
    done
    wp --db live.db sprint sluit "$sprint"
    check_rc "sprint $sprint sluit live" 0
done

facts="select s.werkvorm, s.label, f.volgnr, f.soort, f.stap, f.deelnemer, f.ref, f.tekst, f.veld, f.omgevingen,
       f.waarde, f.data, f.doel from feit f join sessie s on s.id = f.sessie order by f.id"
sqlite3 "$A" "$facts" > "$T/feiten.draaiboek"
sqlite3 "$B" "$facts" > "$T/feiten.live"
check "dezelfde feiten in dezelfde volgorde" cmp "$T/feiten.draaiboek" "$T/feiten.live"
check "honderden feiten" test "$(wc -l < "$T/feiten.live")" -gt 200
sqlite3 "$A" "select label, resultaat from sessie order by id" > "$T/resultaten.draaiboek"
sqlite3 "$B" "select label, resultaat from sessie order by id" > "$T/resultaten.live"
check "hetzelfde resultaat van elke werkvorm" cmp "$T/resultaten.draaiboek" "$T/resultaten.live"
wp --db draaiboek.db resultaat
cp "$T/out" "$T/traject.draaiboek"
wp --db live.db resultaat
check "hetzelfde resultaat van het hele traject" cmp "$T/traject.draaiboek" "$T/out"

done_testing
