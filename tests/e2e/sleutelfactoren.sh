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

done_testing
