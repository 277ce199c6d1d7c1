# The sleutelfactoren from the command line: afspraak, houding, sprint start
# and sluit with reflections, status and sleutelfactoren (text and JSON).
. "$(dirname "$0")/lib.sh"

cp "$WP_TOP/casus/molenwijk.yaml" "$T/molenwijk.yaml"
wp start molenwijk.yaml
check_rc "start slaagt" 0

wp sprint start 1
check_rc "sprint 1 start" 0
check_out "sprint start toont de gezamenlijke opgave" "Gezamenlijke opgave: Binnen twee jaar is het Molenplein"
check_out "sprint start toont waar de betrokkenen staan" "Houding van de betrokkenen nu: 5 teleurgesteld, 7 neutraal en 4 positief."
check_out "sprint 1 begint met de eerdere interventies" "Leren van het verleden: wat is hier eerder geprobeerd"
check_out "met hun les" "Cameratoezicht Sluisstraat (2018-2020, mislukt; Gemeente, politie en"
check_out "zonder afspraken is er niets bij te sturen" "Geen afspraken over hun deadline."

# --- afspraken -------------------------------------------------------------------
wp afspraak nieuw --wie wijkmanager --wat "Maandelijkse terugkoppeling aan de bewonersvereniging" \
    --gremium wijkteam --deadline 2025-03-01
check_rc "een afspraak vastleggen" 0
check_out "met nummer en eigenaar" "Afspraak 1 vastgelegd: Sandra Koster (wijkmanager Molenwijk): Maandelijkse terugkoppeling"
wp afspraak nieuw --wie wijkagent --wat "Spreekuur in buurthuis De Wieken" --id spreekuur
check_rc "een afspraak zonder gremium en deadline mag" 0
check_out "maar krijgt een waarschuwing" "Let op: zonder --gremium volgt geen bestaand overleg de afspraak"
wp afspraak nieuw --wie wijkagnt --wat "x" --gremium wijkteem --deadline 2025-02-30
check_rc "een foute afspraak wordt geweigerd" 1
check_err "met een hint voor de betrokkene" "onbekende betrokkene 'wijkagnt', bedoelde je 'wijkagent'?"
check_err "en voor het gremium" "onbekend gremium 'wijkteem', bedoelde je 'wijkteam'?"
check_err "en de datum" "deadline '2025-02-30' is geen geldige datum (JJJJ-MM-DD)"
wp afspraak nieuw --wat "x"
check_rc "zonder --wie is het een gebruiksfout" 2

WERKPLAATS_VANDAAG=2025-03-13 wp afspraak lijst
check_rc "afspraak lijst" 0
check_out "telt de afspraken" "2 afspraken (0 klaar, 2 open, waarvan 1 te laat: bijsturen)"
check_out "markeert de late afspraak" "   1  te laat  2025-03-01  Sandra Koster, via Wijkteam Molenwijk"
WERKPLAATS_VANDAAG=2025-03-13 wp afspraak lijst --json
check_out "als JSON met dagen te laat" '"dagen_te_laat": 12'

export WERKPLAATS_VANDAAG=2025-03-13
wp sleutelfactoren
check_rc "sleutelfactoren slaagt" 0
check_out "de late afspraak vraagt aandacht, met eigenaar en gremium" "Afspraak 1 is 12 dagen over de deadline (2025-03-01): Sandra Koster"
check_out "en waar bij te sturen" "Bijsturen in: Wijkteam Molenwijk."
check_out "de afspraak zonder gremium ook" "Afspraak 2 (Mohamed El Idrissi: 'Spreekuur in buurthuis De"

wp status
check_rc "status slaagt" 0
check_out "status noemt de late afspraak" "Afspraken over hun deadline (bijsturen):"
check_out "status geeft de kop van de sleutelfactoren" "Sleutelfactoren: aandacht voor Commitment en Van praten naar doen"

wp afspraak klaar 1 --datum 2025-03-12
check_rc "afspraak klaar" 0
check_out "zegt dat hij klaar is" "Afspraak 1 is klaar."
wp afspraak klaar spreekuur
check_rc "klaar met een label" 0
wp afspraak klaar 1
check_out "twee keer klaar is geen fout" "Afspraak 1 was al klaar."
wp afspraak klaar 9
check_rc "een afspraak die niet bestaat" 1
check_err "wordt genoemd" "er is geen afspraak 9"
wp afspraak lijst --open
check_out "geen open afspraken meer" "Nog geen open afspraken."
wp afspraak
check_rc "afspraak zonder subopdracht" 2

# --- houdingen ---------------------------------------------------------------------
wp houding jongerenraad neutraal --glijbaan onder
check_rc "een houding vastleggen" 0
check_out "voor de lopende sprint" "Vastgelegd: Jongerenraad Molenwijk staat in sprint 1 neutraal, op de glijbaan onder."
wp houding jongerenraad blij
check_rc "een onbekende houding" 1
check_err "met de keuzes" "onbekende houding 'blij'; kies 'teleurgesteld', 'neutraal' of 'positief'"
wp houding jongerenraad positief --sprint 3
check_rc "een houding voor een sprint die nog niet liep" 1
wp sleutelfactoren --json
check_out "de verandering staat in het model" '"tekst": "Jongerenraad Molenwijk (informele groep van ongeveer 12 jongeren van 15 tot 21 jaar): van teleurgesteld naar neutraal, op de glijbaan van midden naar onder (sprint 1)."'

# --- reflecties bij sluiten ---------------------------------------------------------
wp sprint sluit 1 --reflectie doen="De wijkagent pakte het spreekuur op." --reflectie commitmnet=x
check_rc "een onbekende factor wordt geweigerd" 1
check_err "met een hint" "onbekende sleutelfactor 'commitmnet', bedoelde je 'commitment'?"
wp sprint sluit 1 --reflectie doen
check_rc "zonder = is het een gebruiksfout" 2
wp sprint start 2 --reflectie doen=x
check_rc "--reflectie hoort bij sluiten" 2
wp sprint sluit 1 --reflectie doen="De wijkagent pakte het spreekuur op."
check_rc "sluiten zonder resultaat wordt geweigerd" 1
check_out "maar de reflectie is bewaard" "1 reflectie op de sleutelfactoren vastgelegd."
wp sleutelfactoren
check_out "en staat bij de factor" "  - sprint 1: De wijkagent pakte het spreekuur op."

# --- usage ------------------------------------------------------------------------------
wp sleutelfactoren --sprint 9
check_rc "een sprint die niet bestaat" 2
wp sleutelfactoren --sprint 1 --json
check_rc "sleutelfactoren --sprint 1 --json" 0
check_out "het model noemt de grens" '"tot_en_met_sprint": 1'
for c in afspraak houding plan sleutelfactoren; do
    wp "$c" --help
    check_rc "$c --help" 0
    check_out "$c --help toont het gebruik" "gebruik: werkplaats $c"
done

# --- a draaiboek with the sections of the sleutelfactoren -----------------------
# The test werkvormen: sessie_afspraken returns the reserved keys afspraken and
# houdingen; sessie_extra cannot close (its result holds a key it does not
# promise), which interrupts a draaiboek after its sections ran.
unset WERKPLAATS_VANDAAG
FIX="$WP_TOP/tests/fixtures/sessie"
mkdir -p "$T/db"
cp "$WP_TOP/casus/molenwijk.yaml" "$T/db/molenwijk.yaml"
cat > "$T/db/proef.yaml" <<'YAML'
draaiboek:
  naam: Proef sleutelfactoren
  casus: molenwijk.yaml
  zaad: 3
deelnemers:
  - { id: anna, naam: Anna, groep: bewoners }
sprints:
  - sprint: 1
    afspraken:
      - id: licht
        wie: corporatie
        wat: Verlichting en afsluitbare portieken in blok B
        gremium: wijkoverleg
        deadline: 2026-03-01
      - wie: wijkmanager
        wat: Maandelijkse terugkoppeling aan de bewonersvereniging
        deadline: 2026-01-15
    houdingen:
      - { betrokkene: corporatie, houding: positief, glijbaan: midden }
    reflectie:
      doen: Twee afspraken; de corporatie pakte de verlichting op.
    werkvormen:
      - werkvorm: sessie_afspraken
        aanwezig: [anna, wijkagent]
        stappen:
          - stap: kaart
            invoer:
              - { wie: anna, tekst: Spreekuur }
      - werkvorm: sessie_extra
        stappen: []
YAML
wp --db db/t.db --werkvormen "$FIX" run db/proef.yaml
check_rc "de draaiboek stopt bij de werkvorm die niet sluit" 1
check_out "de afspraken zijn vastgelegd" "  2 afspraken vastgelegd"
check_out "de houding ook" "  1 houding vastgelegd"
check_out "en de reflectie" "  1 reflectie vastgelegd"
wp --db db/t.db --werkvormen "$FIX" run db/proef.yaml
check_rc "nog eens draaien stopt op dezelfde plek" 1
check_out "en legt de afspraken niet nog eens vast" "  2 afspraken vastgelegd (2 al eerder)"
check_out "de houding ook niet" "  1 houding vastgelegd (1 al eerder)"
WERKPLAATS_VANDAAG=2026-02-01 wp --db db/t.db afspraak lijst
check_out "drie afspraken: twee uit de draaiboek, een uit de werkvorm" "3 afspraken (0 klaar, 3 open, waarvan 1 te laat: bijsturen)"
check_out "de werkvorm gaf de afspraak van de wijkagent" "Mohamed El Idrissi, via Wijkteam Molenwijk"

# Finish the sprint: mark the agreement done in a later part of the draaiboek.
sed -e 's/      - werkvorm: sessie_extra/    afspraken_klaar_hier: ja/' -e '/        stappen: \[\]/d' \
    "$T/db/proef.yaml" | sed -e '/afspraken_klaar_hier/d' > "$T/db/proef2.yaml"
cat >> "$T/db/proef2.yaml" <<'YAML'
  - sprint: 2
    afspraken:
      - klaar: licht
        datum: 2026-02-20
YAML
wp --db db/t2.db --werkvormen "$FIX" run db/proef2.yaml
check_rc "sprint 2 heeft geen werkvormen en kan dus niet sluiten" 1
check_out "sluit sprint 1" "Sprint gesloten; opgeleverd: afspraken, glijbaan, hoofdvraag, houdingen, situatie"
check_out "en meldt de afspraak als nagekomen" "  1 afspraak nagekomen"
WERKPLAATS_VANDAAG=2026-04-01 wp --db db/t2.db --werkvormen "$FIX" sleutelfactoren
check_out "de werkvorm klopt met zijn kaart" "1 van de 1 getoetste werkvormen (gehouden en gepland) passen"
check_out "de afspraak van de wijkmanager is te laat" "Afspraak 2 is 76 dagen over de deadline (2026-01-15): Sandra Koster"
check_out "de reflectie staat bij doen" "  - sprint 1: Twee afspraken; de corporatie pakte de verlichting op."
check_out "de houding is veranderd" "Woonstichting De Molen (woningcorporatie, eigenaar van 60% van de"
WERKPLAATS_VANDAAG=2026-04-01 wp --db db/t2.db --werkvormen "$FIX" status
check_out "status noemt de doorwerking van sprint 1" "  sprint 1 leverde situatie, hoofdvraag, glijbaan"

# --- plan --------------------------------------------------------------------------
wp --db db/t2.db --werkvormen "$FIX" plan nieuw 1 sessiekaart --aantal 25 --groep jongeren
check_rc "een gesloten sprint plan je niet" 1
check_err "met de reden" "sprint 1 is al gesloten"
wp --db db/t2.db --werkvormen "$FIX" plan nieuw 2 sessiekaart --aantal 25 --groep jongeren --label groot
check_rc "een werkvorm plannen" 0
check_out "meldt meteen wat niet past" "Let op:"
wp --db db/t2.db --werkvormen "$FIX" sleutelfactoren --json
check_out "de verkeerde sprint" "Werkvorm 'Sessiekaart (testwerkvorm)', gepland in sprint 2, label groot, hoort bij sprint 1."
check_out "de te grote groep" "verwacht 25 deelnemers; de werkvorm is bedoeld voor 2 tot en met 20 personen."
check_out "en de deelnemers die niet passen" "is bedoeld voor bewoners en professionals, maar er zijn ook jongeren gepland."
wp --db db/t2.db --werkvormen "$FIX" plan nieuw 2 sesiekaart
check_rc "een onbekende werkvorm" 1
check_err "met een hint" "onbekende werkvorm 'sesiekaart', bedoelde je 'sessiekaart'?"
wp --db db/t2.db plan lijst
check_out "plan lijst" "   1  sprint 2  sessiekaart (label groot), 25 deelnemers: jongeren"
wp --db db/t2.db plan weg 1
check_rc "plan weg" 0
wp --db db/t2.db plan lijst
check_out "de planning is leeg" "Er zijn nog geen werkvormen gepland."

done_testing
