# The six sleutelfactoren on the whole Molenwijk traject: the draaiboek
# exercises all six (afspraken, houdingen and reflecties per sprint besides
# the werkvormen), and `werkplaats sleutelfactoren` gives a meaningful,
# non-empty account of each: what is in order, what needs attention, why.
. "$(dirname "$0")/lib.sh"

cp "$WP_TOP/casus/molenwijk.yaml" "$WP_TOP/casus/molenwijk.draaiboek.yaml" "$T/"
export WERKPLAATS_VANDAAG=2026-07-01     # the day after the last workshop

wp run --stil molenwijk.draaiboek.yaml
check_rc "het Molenwijk-traject draait" 0
wp run molenwijk.draaiboek.yaml
check_rc "nog eens draaien slaagt" 0
wp afspraak lijst
check_out "nog eens draaien legt geen afspraak dubbel vast" "16 afspraken (6 klaar, 10 open, waarvan 1 te laat: bijsturen)"

wp sleutelfactoren
check_rc "sleutelfactoren op de Molenwijk" 0
check_out "de kop" "Sleutelfactoren van het traject Molenwijk (Westerhaven), sprint 1 tot en met 7, peildatum 2026-07-01"
# Every factor says something, and has a reflection from the begeleiders.
for kop in "1. Commitment: aandacht" "2. Leren van het verleden: aandacht" "3. Van praten naar doen: aandacht" \
           "4. Vier omgevingen en koppelvlakken: in orde" "5. Werkvormen: aandacht" \
           "6. Concreet resultaat per sprint: in orde"; do
    check_out "factor: $kop" "$kop"
done
check "elke factor heeft reflecties" sh -c "[ \$(grep -c '^  Reflecties:' '$T/out') -eq 6 ]"

wp sleutelfactoren --json
J="$T/out"
# 1. Commitment: the approvals, the stances through the phases, and who still stands aside.
check_out "commitment: iedereen keurde de ontwerpbrief goed" '"tekst": "Alle 9 sleutelbetrokkenen keurden de ontwerpbrief goed (van 2026-03-24 tot en met 2026-04-09)."'
check_out "commitment: de ondernemers zijn weer teleurgesteld" '"tekst": "Sleutelbetrokkene Ondernemersvereniging Sluisstraat (vereniging van 23 winkeliers en horeca aan de Sluisstraat) is teleurgesteld (in sprint 6).'
check_out "commitment: de wethouder kwam in beweging" '"tekst": "wethouder Veiligheid en Wijken (portefeuillehouder, politiek verantwoordelijk namens het college van B&W): op de glijbaan van boven naar onder (sprint 7)."'
check_out "commitment: de houdingen bij de start en nu" '"tekst": "Houding bij de start: 5 teleurgesteld, 7 neutraal en 4 positief; nu: 2 teleurgesteld, 6 neutraal en 8 positief."'
# 2. Verleden: two ideas of sprint 4 repeat interventions that failed or partly worked.
check_out "verleden: de camera's" "lijkt op de eerdere interventie 'Cameratoezicht Sluisstraat' (2018-2020), die mislukte (trefwoord 'camera')."
check_out "verleden: het jongerenhonk" "lijkt op de eerdere interventie 'Jongerenhonk Sluisstraat' (2016-2022), die maar deels slaagde (trefwoord 'jongerenhonk')."
# 3. Doen: one agreement is past its deadline.
check_out "doen: de late afspraak met eigenaar en gremium" '"tekst": "Afspraak 7 is 11 dagen over de deadline (2026-06-20): Sandra Koster (wijkmanager Molenwijk) zou '"'"'De ondernemers uitnodigen voor de evaluatie van de testweek, zodat ze niet opnieuw buiten de evaluatie blijven'"'"'. Bijsturen in: Overleg Veilig Ondernemen Sluisstraat."'
check_out "doen: het overzicht" '"tekst": "16 afspraken: 6 klaar, 9 open en op tijd, 1 te laat.'
# 4. Omgevingen: all four, their koppelvlakken, the figures beside the residents.
check_out "omgevingen: alle vier" '"soort": "omgevingen_bekeken"'
check_out "omgevingen: een koppelvlak" '"tekst": "Koppelvlak sociaal en institutioneel:'
check_out "omgevingen: de cijfers staan erbij" '"tekst": "Woninginbraken: 9,8 per 1.000 woningen (2024; was 6,1 per 1.000 woningen in 2020; streefwaarde 5 per 1.000 woningen). Bron: Politie."'
check_out "omgevingen: de matrix voor het plaatje" '"matrix": {'
# 5. Werkvormen: every werkvorm tested against its card.
check_out "werkvormen: getoetst" '"tekst": "13 van de 14 getoetste werkvormen (gehouden en gepland) passen bij hun groepsgrootte en deelnemers."'
check_out "werkvormen: wat niet past" '"soort": "deelnemers_passen_niet"'
# 6. Resultaat: what each sprint delivered and who built on it.
check_out "resultaat: sprint 3 en wie erop voortbouwde" '"tekst": "Sprint 3 (Wijkwens(en)) leverde wijkwensen, ontwerpbrief, besluiten en klantreis; daarop bouwden voort: Kijk door de bril van (sprint 4) en Hoe zouden … dit oplossen (sprint 4)."'
check_out "resultaat: het eindresultaat" "Sprint 7 (Verankeren) leverde definitieve_interventies, lessen"
check_no_out "geen factor zonder controle" '"status": "niet getoetst"'

# What status and sprint start show of it.
wp status
check_out "status: de doorwerking" "  sprint 4 leverde ideeen, gekozen_ideeen"
check_out "status: wie erop voortbouwde" "    gebruikt door Scenario's in een bordspel (sprint 5): gekozen_ideeen"
check_out "status: bijsturen" "Afspraken over hun deadline (bijsturen):"
check_out "status: de kop" "Sleutelfactoren: aandacht voor Commitment, Leren van het verleden, Van praten naar doen en Werkvormen; in orde: Vier omgevingen en koppelvlakken en Concreet resultaat per sprint."

# Looking back at sprint 3: the ideas of sprint 4 are not there yet.
wp sleutelfactoren --sprint 3 --json
check_out "tot en met sprint 3" '"tot_en_met_sprint": 3'
check_no_out "nog geen herhaling" '"soort": "herhaling"'
check_out "de ideeën komen in sprint 4" '"tekst": "In sprint 4 worden de ideeën vergeleken met de eerdere interventies die mislukten of maar deels slaagden."'

done_testing
