# The whole Molenwijk traject from its draaiboek: every sprint's result has
# the values the contributions, votes, placements and decisions in the
# draaiboek imply; one changed vote changes the ranking (and what the next
# sprints read); running twice changes nothing; an interrupted run resumes
# to the same database as an uninterrupted one.
. "$(dirname "$0")/lib.sh"

command -v sqlite3 > /dev/null 2>&1 || { echo "1..0 # SKIP sqlite3 ontbreekt (tools/deps.sh --test)"; exit 0; }

cp "$WP_TOP/casus/molenwijk.yaml" "$WP_TOP/casus/molenwijk.draaiboek.yaml" "$T/"
DB="$T/werkplaats.db"

# r SPRINT PATH: a value from the frozen result of a sprint (JSON path as in SQLite).
r() { sqlite3 "$1" "SELECT json_extract(resultaat, '$3') FROM sprint WHERE nr = $2"; }
# eq DESC ACTUAL EXPECTED
eq() {
    if [ "$2" = "$3" ]; then tap 0 "$1"; else tap 1 "$1"; echo "#   kreeg:    '$2'"; echo "#   verwacht: '$3'"; fi
}
# starts DESC ACTUAL PREFIX
starts() {
    case "$2" in "$3"*) tap 0 "$1" ;; *) tap 1 "$1"; echo "#   kreeg: '$2'"; echo "#   begint niet met: '$3'" ;; esac
}
# contains DESC ACTUAL PART
contains() {
    case "$2" in *"$3"*) tap 0 "$1" ;; *) tap 1 "$1"; echo "#   kreeg: '$2'"; echo "#   zonder: '$3'" ;; esac
}
# canonical DB: the database as SQL text, without the moments things happened.
canonical() {
    # Also inside the stored sleutelfactoren check, which quotes clock times.
    sqlite3 "$1" .dump | sed -E "s/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z/T/g"
}

wp --db "$DB" run molenwijk.draaiboek.yaml
check_rc "het hele Molenwijk-traject draait" 0
check_out "de voortgang noemt sprint 7" "Sprint 7"
check_out "de voortgang noemt een werkvorm" "werkvorm aanname_analyse"
eq "alle zeven sprints zijn gesloten" "$(sqlite3 "$DB" "SELECT count(*) FROM sprint WHERE status = 'gesloten'")" 7
eq "veertien werkvormen zijn gedaan en gesloten" \
   "$(sqlite3 "$DB" "SELECT count(*) FROM sessie WHERE status = 'gesloten'")" 14

# --- sprint 1: Zien en voelen ------------------------------------------------
starts "sprint 1: de aangescherpte hoofdvraag" "$(r "$DB" 1 '$.hoofdvraag.vraag')" \
    "Hoe maken we het Molenplein en de Sluisstraat samen met bewoners, ondernemers en jongeren weer tot een plek"
eq "sprint 1: de hoofdvraag is aangescherpt" "$(r "$DB" 1 '$.hoofdvraag.aangescherpt')" 1
eq "sprint 1: zes aannames" "$(r "$DB" 1 '$.hoofdvraag.aannames[#-1].id')" a6
eq "sprint 1: het zwaarste punt van de situatie" "$(r "$DB" 1 '$.situatie.punten[0].id')" s3
eq "sprint 1: ... met 8 stemmen" "$(r "$DB" 1 '$.situatie.punten[0].stemmen')" 8
eq "sprint 1: daarna het dealen op het plein met 7" "$(r "$DB" 1 '$.situatie.punten[1].id') $(r "$DB" 1 '$.situatie.punten[1].stemmen')" "s1 7"
eq "sprint 1: de sterkste observatie van de safari" "$(r "$DB" 1 '$.observaties[0].id') $(r "$DB" 1 '$.observaties[0].stemmen')" "o13 5"
eq "sprint 1: de wijkagent staat onderaan de glijbaan (gemiddeld 2,67)" \
   "$(sqlite3 "$DB" "SELECT json_extract(p.value, '\$.positie') || ' ' || json_extract(p.value, '\$.waarde') FROM sprint, json_each(sprint.resultaat, '\$.glijbaan.posities') p WHERE nr = 1 AND json_extract(p.value, '\$.betrokkene') = 'wijkagent'")" \
   "onder 2.67"
eq "sprint 1: boven op de glijbaan: corporatie en wethouder" \
   "$(r "$DB" 1 '$.glijbaan.per_positie.boven[0]') $(r "$DB" 1 '$.glijbaan.per_positie.boven[1]')" "corporatie wethouder"
eq "sprint 1: zeven betrokkenen onderaan" "$(sqlite3 "$DB" "SELECT json_array_length(resultaat, '\$.glijbaan.per_positie.onder') FROM sprint WHERE nr = 1")" 7

# --- sprint 2: Dit is er aan de hand ---------------------------------------
eq "sprint 2: de zwaarste pijn" "$(r "$DB" 2 '$.pijnen[0].id') $(r "$DB" 2 '$.pijnen[0].stemmen')" "pw2 10"
starts "sprint 2: ... is dat melden geen zin heeft" "$(r "$DB" 2 '$.pijnen[0].tekst')" "Ze meldt niets meer"
eq "sprint 2: die pijn wegen bewoners en ondernemers" \
   "$(r "$DB" 2 '$.pijnen[0].stemmen_per_groep.bewoners') $(r "$DB" 2 '$.pijnen[0].stemmen_per_groep.ondernemers')" "6 4"
eq "sprint 2: jongeren wegen de pijn van het gesloten honk" "$(r "$DB" 2 '$.pijnen[2].id') $(r "$DB" 2 '$.pijnen[2].stemmen_per_groep.jongeren')" "pw3 4"
eq "sprint 2: de zwaarste winst" "$(r "$DB" 2 '$.winsten[0].id')" wi4
eq "sprint 2: de persona van de empathiekaart" "$(r "$DB" 2 '$.empathiekaart.persona' | cut -c1-9)" "Naima, 39"
eq "sprint 2: het zwaarste knelpunt van 'Toon me je leven'" "$(r "$DB" 2 '$.diagnose.knelpunten[0].id') $(r "$DB" 2 '$.diagnose.knelpunten[0].stemmen')" "d14 6"
eq "sprint 2: de diagnose legt vier criminele cijfers naast de verhalen" \
   "$(sqlite3 "$DB" "SELECT json_array_length(resultaat, '\$.diagnose.per_omgeving.crimineel.indicatoren') FROM sprint WHERE nr = 2")" 4
eq "sprint 2: woninginbraken zijn gestegen" \
   "$(sqlite3 "$DB" "SELECT json_extract(i.value, '\$.trend') FROM sprint, json_each(sprint.resultaat, '\$.diagnose.per_omgeving.crimineel.indicatoren') i WHERE nr = 2 AND json_extract(i.value, '\$.id') = 'woninginbraken'")" gestegen

# --- sprint 3: Wijkwens(en) --------------------------------------------------
eq "sprint 3: het dieptepunt van de klantreis" "$(r "$DB" 3 '$.klantreis.dieptepunten[0].id') $(r "$DB" 3 '$.klantreis.dieptepunten[0].emotie')" "m8 -2.75"
starts "sprint 3: ... is 's avonds over het plein" "$(r "$DB" 3 '$.klantreis.dieptepunten[0].tekst')" "21.30 Terug van de voetbal"
eq "sprint 3: het hoogtepunt is de bakker" "$(r "$DB" 3 '$.klantreis.hoogtepunt.id')" m5
eq "sprint 3: het moment bouwt voort op een pijn uit sprint 2" "$(r "$DB" 3 '$.klantreis.momenten[7].bij')" pw1
eq "sprint 3: de wijkwens met de meeste stemmen" "$(r "$DB" 3 '$.wijkwensen[0].id') $(r "$DB" 3 '$.wijkwensen[0].stemmen')" "ww1 9"
starts "sprint 3: het probleem in de ontwerpbrief" "$(r "$DB" 3 '$.ontwerpbrief.probleem')" \
    "Het Molenplein en de Sluisstraat zijn van niemand geworden"
eq "sprint 3: vier wijkwensen met consent in de ontwerpbrief" \
   "$(sqlite3 "$DB" "SELECT group_concat(json_extract(w.value, '\$.id'), ' ') FROM sprint, json_each(sprint.resultaat, '\$.ontwerpbrief.wijkwensen') w WHERE nr = 3")" "ww1 ww3 ww2 ww4"
eq "sprint 3: het voorstel van de ondernemers is aangehouden, met een open bezwaar" \
   "$(r "$DB" 3 '$.besluiten[4].voorstel') $(r "$DB" 3 '$.besluiten[4].uitkomst') $(r "$DB" 3 '$.besluiten[4].open_bezwaren')" "vs5 aangehouden 1"
eq "sprint 3: het bezwaar van de jongerenraad en hoe het is opgelost" \
   "$(r "$DB" 3 '$.besluiten[0].bezwaren[0].groep')|$(r "$DB" 3 '$.besluiten[0].bezwaren[0].opgelost' | cut -c1-32)" \
   "jongeren|Jongeren staan met name in het v"
eq "sprint 3: de consentronde van vs1" "$(r "$DB" 3 '$.besluiten[0].ronde.instemming') $(r "$DB" 3 '$.besluiten[0].ronde.bezwaar')" "5 1"
contains "sprint 3: de ontwerpbrief noemt de cijfers" "$(r "$DB" 3 '$.ontwerpbrief.feiten')" "Woninginbraken: 9,8 per 1.000 woningen"
contains "sprint 3: en de eerdere sprints" "$(r "$DB" 3 '$.ontwerpbrief.eerdere_sprints[0]')" "Sprint 1 (Zien en voelen)"
eq "sprint 3: negen sleutelbetrokkenen keurden de ontwerpbrief goed" \
   "$(sqlite3 "$DB" "SELECT count(*) FROM goedkeuring WHERE document = 'ontwerpbrief'")" 9

# --- sprint 4: Ideeën ---------------------------------------------------------
eq "sprint 4: de gekozen ideeën, uit beide werkvormen" \
   "$(sqlite3 "$DB" "SELECT group_concat(json_extract(i.value, '\$.id'), ' ') FROM sprint, json_each(sprint.resultaat, '\$.gekozen_ideeen') i WHERE nr = 4")" \
   "i2 h3 i7 i5 h5"
eq "sprint 4: elk idee hoort bij een wijkwens (het honk bij ww3)" "$(r "$DB" 4 '$.gekozen_ideeen[0].bij')" ww3
eq "sprint 4: negentien ideeën in totaal" "$(sqlite3 "$DB" "SELECT json_array_length(resultaat, '\$.ideeen') FROM sprint WHERE nr = 4")" 19
contains "sprint 4: het camera-idee lijkt op het mislukte cameratoezicht" "$(r "$DB" 4 '$.gekozen_ideeen[3].waarschuwing')" "Cameratoezicht Sluisstraat"
eq "sprint 4: ... en dat staat erbij" "$(r "$DB" 4 '$.gekozen_ideeen[3].lijkt_op.id')" cameratoezicht
eq "sprint 4: het maatjesidee valt af, met de reden" \
   "$(sqlite3 "$DB" "SELECT json_extract(i.value, '\$.reden') FROM sprint, json_each(sprint.resultaat, '\$.ideeen') i WHERE nr = 4 AND json_extract(i.value, '\$.id') = 'i9'")" \
   "niet bij de beste 5 (4 stemmen; de laatst gekozene had er 5)"

# --- sprint 5: Prototypen -----------------------------------------------------
eq "sprint 5: vijf prototypes, één per gekozen idee" \
   "$(sqlite3 "$DB" "SELECT group_concat(json_extract(p.value, '\$.id') || '<' || json_extract(p.value, '\$.idee'), ' ') FROM sprint, json_each(sprint.resultaat, '\$.prototypes') p WHERE nr = 5")" \
   "pt-honk<i2 pt-terugbel<h3 pt-plein<i7 pt-camera<i5 pt-portiek<h5"
eq "sprint 5: het honk is in het bordspel en het rollenspel gespeeld" \
   "$(sqlite3 "$DB" "SELECT json_array_length(resultaat, '\$.prototypes[0].scenarios') || ' ' || json_array_length(resultaat, '\$.prototypes[0].rollen') FROM sprint WHERE nr = 5")" "4 1"
eq "sprint 5: de scenario's met de camera's pakken slecht uit" "$(r "$DB" 5 '$.prototypes[3].scenarios[1].oordeel')" -1.67

# --- sprint 6: Testen -----------------------------------------------------------
eq "sprint 6: de camera's vallen af in de sabotagesessie" \
   "$(r "$DB" 6 '$.testuitkomsten.afgevallen[0].prototype') $(r "$DB" 6 '$.testuitkomsten.afgevallen[0].werkvorm')" "pt-camera sabotage"
eq "sprint 6: de zwaarste bedreiging van de camera's" \
   "$(r "$DB" 6 '$.testuitkomsten.sabotage[3].bedreigingen[0].id') $(r "$DB" 6 '$.testuitkomsten.sabotage[3].bedreigingen[0].stemmen')" "bd10 13"
eq "sprint 6: de overgebleven interventies" \
   "$(sqlite3 "$DB" "SELECT group_concat(json_extract(i.value, '\$.id'), ' ') FROM sprint, json_each(sprint.resultaat, '\$.interventies') i WHERE nr = 6")" \
   "iv-honk iv-terugbel iv-plein iv-portiek"
eq "sprint 6: A/B voor het honk: variant B wint" \
   "$(r "$DB" 6 '$.testuitkomsten.ab[0].prototype') $(r "$DB" 6 '$.testuitkomsten.ab[0].winnaar') $(r "$DB" 6 '$.testuitkomsten.ab[0].totaal.a') $(r "$DB" 6 '$.testuitkomsten.ab[0].totaal.b')" \
   "pt-honk b 3.22 3.56"
eq "sprint 6: A/B voor het terugbellen: variant A wint" "$(r "$DB" 6 '$.testuitkomsten.ab[1].winnaar')" a
starts "sprint 6: het honk gaat verder met de winnende variant" "$(r "$DB" 6 '$.interventies[0].variant')" "Open op vijf avonden"
eq "sprint 6: de risico's van het honk op volgorde" "$(r "$DB" 6 '$.interventies[0].risicos[0].stemmen') $(r "$DB" 6 '$.interventies[0].risicos[1].stemmen')" "8 7"

# --- sprint 7: Verankeren -------------------------------------------------------
eq "sprint 7: vier definitieve interventies met eigenaar en gremium" \
   "$(sqlite3 "$DB" "SELECT group_concat(json_extract(d.value, '\$.id') || ':' || json_extract(d.value, '\$.eigenaar') || '@' || json_extract(d.value, '\$.gremium'), ' ') FROM sprint, json_each(sprint.resultaat, '\$.definitieve_interventies') d WHERE nr = 7")" \
   "di-honk:jongerenwerker@wijkteam di-terugbel:wijkmanager@wijkoverleg di-plein:wijkmanager@wijkoverleg di-portiek:corporatie@wijkoverleg"
eq "sprint 7: het honk begint op 2026-09-15" "$(r "$DB" 7 '$.definitieve_interventies[0].wanneer')" 2026-09-15
eq "sprint 7: de belangrijkste aanname met het minste bewijs komt eerst" \
   "$(r "$DB" 7 '$.aannames[0].id') $(r "$DB" 7 '$.aannames[0].kwadrant')" "aa4 eerst toetsen"
eq "sprint 7: negen afspraken, de wethouder via het college" \
   "$(sqlite3 "$DB" "SELECT json_array_length(resultaat, '\$.afspraken') || ' ' || json_extract(resultaat, '\$.afspraken[2].wie') || ' ' || json_extract(resultaat, '\$.afspraken[2].gremium') || ' ' || json_extract(resultaat, '\$.afspraken[2].deadline') FROM sessie WHERE werkvorm = 'aanname_analyse'")" \
   "9 wethouder college 2026-09-29"
starts "sprint 7: de zwaarste les uit de feedback" "$(r "$DB" 7 '$.lessen[0].soort') $(r "$DB" 7 '$.lessen[0].stemmen') $(r "$DB" 7 '$.lessen[0].tekst')" \
    "uitzoeken 8 Ik vraag me af wat er na drie jaar"

# --- running again changes nothing ------------------------------------------------
canonical "$DB" > "$T/na-een.sql"
wp --db "$DB" run molenwijk.draaiboek.yaml
check_rc "een tweede run in dezelfde database slaagt" 0
check_out "en zegt dat de sprints al gesloten zijn" "al gesloten"
canonical "$DB" > "$T/na-twee.sql"
check "een tweede run verandert niets aan de database" cmp -s "$T/na-een.sql" "$T/na-twee.sql"

# --- one changed vote changes the ranking, and what the next sprints read ---------
sed 's/{ wie: wijkagent, op: s3, aantal: 1 }/{ wie: wijkagent, op: s1, aantal: 1 }/' \
    "$T/molenwijk.draaiboek.yaml" > "$T/anders.draaiboek.yaml"
check "de kopie heeft één stem verzet" sh -c "! cmp -s '$T/molenwijk.draaiboek.yaml' '$T/anders.draaiboek.yaml'"
wp --db "$T/anders.db" run anders.draaiboek.yaml
check_rc "de draaiboek met één andere stem draait" 0
eq "één stem verzet: het dealen op het plein staat nu bovenaan" \
   "$(r "$T/anders.db" 1 '$.situatie.punten[0].id') $(r "$T/anders.db" 1 '$.situatie.punten[0].stemmen')" "s1 8"
eq "één stem verzet: het niet-melden zakt naar twee" "$(r "$T/anders.db" 1 '$.situatie.punten[1].id') $(r "$T/anders.db" 1 '$.situatie.punten[1].stemmen')" "s3 7"
contains "één stem verzet: de ontwerpbrief van sprint 3 noemt het nieuwe zwaarste punt" \
    "$(r "$T/anders.db" 3 '$.ontwerpbrief.eerdere_sprints[0]')" "het zwaarst weegt: Op het Molenplein wordt na acht uur"

# --- an interrupted run resumes to the same database ------------------------------
# 1. The draaiboek ends in the middle of sprint 3 (after the klantreis): the
#    run stops with an error, and the full draaiboek in the same place goes on.
cut=$(grep -n -- '- werkvorm: samen_beslissen' "$T/molenwijk.draaiboek.yaml" | cut -d: -f1)
mkdir -p "$T/onderbroken"
cp "$T/molenwijk.yaml" "$T/onderbroken/"
head -n $((cut - 1)) "$T/molenwijk.draaiboek.yaml" > "$T/onderbroken/molenwijk.draaiboek.yaml"
wp --db "$T/onderbroken/werkplaats.db" run onderbroken/molenwijk.draaiboek.yaml
check "een draaiboek die midden in sprint 3 ophoudt, stopt met een fout" test "$RC" -ne 0
eq "... met sprint 3 nog lopend" "$(sqlite3 "$T/onderbroken/werkplaats.db" "SELECT status FROM sprint WHERE nr = 3")" lopend
cp "$T/molenwijk.draaiboek.yaml" "$T/onderbroken/molenwijk.draaiboek.yaml"
wp --db "$T/onderbroken/werkplaats.db" run onderbroken/molenwijk.draaiboek.yaml
check_rc "de volledige draaiboek gaat verder waar de vorige run stopte" 0
# The same traject run in one go from the same place, for comparison.
mkdir -p "$T/ineens"
cp "$T/molenwijk.yaml" "$T/ineens/"
wp --db "$T/ineens/werkplaats.db" run onderbroken/molenwijk.draaiboek.yaml
check_rc "dezelfde draaiboek in één keer" 0
canonical "$T/onderbroken/werkplaats.db" > "$T/onderbroken.sql"
canonical "$T/ineens/werkplaats.db" > "$T/ineens.sql"
check "onderbroken en hervat geeft dezelfde database als in één keer" cmp -s "$T/onderbroken.sql" "$T/ineens.sql"

# 2. The process is killed part way: at a quarter, half and three quarters of
#    the time a whole run takes here; the next run completes to the same
#    database.
begin=$(date +%s%N)
(cd "$T" && "$WERKPLAATS" --db "$T/ineens/gemeten.db" run onderbroken/molenwijk.draaiboek.yaml > /dev/null 2>&1)
duur=$(( ($(date +%s%N) - begin) / 1000000 ))
i=0
for deel in 1 2 3; do
    i=$((i + 1))
    wacht=$(awk "BEGIN { printf \"%.3f\", $duur * $deel / 4 / 1000 }")
    # (|| true keeps the subshell, which then reports the kill into /dev/null)
    (cd "$T" && timeout -s KILL "$wacht" "$WERKPLAATS" --db "$T/ineens/gedood$i.db" run onderbroken/molenwijk.draaiboek.yaml \
        || true) > /dev/null 2>&1
    wp --db "$T/ineens/gedood$i.db" run onderbroken/molenwijk.draaiboek.yaml
    check_rc "na kill -9 na ${wacht}s (van de ${duur}ms die een run duurt) maakt een nieuwe run het af" 0
    canonical "$T/ineens/gedood$i.db" > "$T/gedood$i.sql"
    check "... tot dezelfde database als in één keer" cmp -s "$T/gedood$i.sql" "$T/ineens.sql"
done

# --- every werkvorm closes on a session where nothing was said ----------------------
{
    printf 'draaiboek:\n  naam: leeg\n  casus: molenwijk.yaml\nsprints:\n'
    nr=0
    for paar in "socrates praktijksafari" "empathiekaart toon_me_je_leven" "klantreis samen_beslissen" \
                "bril hoe_zouden" "bordspel rollenspel" "sabotage ab_test" "ik_hou_van aanname_analyse"; do
        nr=$((nr + 1))
        printf '  - sprint: %d\n    werkvormen:\n' "$nr"
        for w in $paar; do printf '      - werkvorm: %s\n' "$w"; done
        if [ "$nr" -eq 3 ]; then
            printf '    goedkeuringen:\n'
            for b in wijkmanager wijkagent jongerenwerker corporatie beleid-veiligheid wethouder bewonersvereniging \
                     ondernemersvereniging jongerenraad; do
                printf '      - { document: ontwerpbrief, wie: %s }\n' "$b"
            done
        fi
    done
} > "$T/leeg.draaiboek.yaml"
wp --db "$T/leeg.db" run leeg.draaiboek.yaml
check_rc "een traject waarin niemand iets zei, loopt toch door alle sprints" 0
eq "... en elke sprint sluit" "$(sqlite3 "$T/leeg.db" "SELECT count(*) FROM sprint WHERE status = 'gesloten'")" 7
eq "... met een lege keuze in sprint 4" "$(sqlite3 "$T/leeg.db" "SELECT json_array_length(resultaat, '\$.gekozen_ideeen') FROM sprint WHERE nr = 4")" 0
eq "... en de hoofdvraag uit de casus" "$(r "$T/leeg.db" 1 '$.hoofdvraag.aangescherpt') $(r "$T/leeg.db" 1 '$.hoofdvraag.vraag' | cut -c1-20)" "0 Hoe zorgen we er sam"

done_testing
