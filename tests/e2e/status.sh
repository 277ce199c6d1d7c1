# `werkplaats status` on a traject that ran: what it shows of the
# sleutelfactoren stays short however long the traject, and it reads the
# check as stored while nothing changed, computing it anew after any change.
. "$(dirname "$0")/lib.sh"

export WERKPLAATS_VANDAAG=2026-11-27
cp "$WP_TOP/casus/molenwijk.yaml" "$WP_TOP/casus/molenwijk.draaiboek.yaml" "$T/"
wp run molenwijk.draaiboek.yaml
check_rc "de Molenwijk-draaiboek loopt" 0
db() { sqlite3 "$T/werkplaats.db" "$1"; }

wp status
check_rc "status slaagt" 0
cp "$T/out" "$T/status.1"
check_out "de opgeleverde resultaten per sprint" \
    "7   Verankeren                   gesloten  aannames, afspraken, definitieve_interventies, feedback, lessen"
check_out "de doorwerking per werkvorm" \
    "    gebruikt door Teken de klantreis (sprint 3): pijnen"
check_out "de kop van de sleutelfactoren" "Sleutelfactoren: aandacht voor"
check "status bewaart de controle voor de volgende keer" \
    test "$(db "SELECT count(*) FROM sleutelfactoren_stand s, wijziging w WHERE s.teller = w.teller")" = 1

# Marked in the database, the stored check shows: status read it back.
db "UPDATE sleutelfactoren_stand SET kern = json_set(kern, '$.factoren[0].naam', 'Bewaarde commitment')"
wp status
check_out "zonder wijziging leest status de bewaarde controle" "aandacht voor Bewaarde commitment"
db "UPDATE sleutelfactoren_stand SET kern = json_set(kern, '$.factoren[0].naam', 'Commitment')"
wp status
check "en zegt dan precies hetzelfde als de eerste keer" cmp -s "$T/out" "$T/status.1"

# Any change, here an afspraak, makes status compute the check anew.
db "UPDATE sleutelfactoren_stand SET kern = json_set(kern, '$.factoren[0].naam', 'Bewaarde commitment')"
wp afspraak nieuw --wie wijkagent --wat "Spreekuur in buurthuis De Wieken" --gremium wijkteam --deadline 2026-11-01
check_rc "een afspraak erbij" 0
wp status
check_no_out "na een wijziging rekent status opnieuw" "Bewaarde commitment"
te_laat=$(db "SELECT count(*) FROM afspraak WHERE status = 'open' AND deadline < '2026-11-27'")
check_out "en telt de nieuwe late afspraak mee" "  … en nog $((te_laat - 5)) (alles: werkplaats sleutelfactoren)"

# Another werkvorm folder, or a werkvorm file that changed: the check is
# made anew (the werkvormen factor reads their cards).
mkdir "$T/extra"
cp "$WP_TOP/werkvormen/socrates.lua" "$T/extra/eigen.lua"
sed -i 's/^  id = "socrates"/  id = "eigen"/' "$T/extra/eigen.lua"
db "UPDATE sleutelfactoren_stand SET kern = json_set(kern, '$.factoren[0].naam', 'Bewaarde commitment')"
wp --werkvormen extra status
check_no_out "met een extra werkvormenmap rekent status opnieuw" "Bewaarde commitment"
db "UPDATE sleutelfactoren_stand SET kern = json_set(kern, '$.factoren[0].naam', 'Bewaarde commitment')"
wp --werkvormen extra status
check_out "met dezelfde map leest hij de bewaarde" "Bewaarde commitment"
touch -d '2030-01-01 12:00' "$T/extra/eigen.lua"
wp --werkvormen extra status
check_no_out "een gewijzigde werkvorm: opnieuw" "Bewaarde commitment"

# Many of one kind: the first five, and how many more.
check "de Molenwijk heeft meer dan vijf late afspraken" test "$te_laat" -gt 5
check "status schrijft er precies vijf uit" \
    test "$(sed -n '/^Afspraken over hun deadline/,/^$/p' "$T/out" | grep -c '^  - Afspraak')" = 5
wp sleutelfactoren --json
check "sleutelfactoren noemt ze allemaal" test "$(grep -c '"soort": "afspraak_te_laat"' "$T/out")" = "$te_laat"
check_out "ook de nieuwe" "Mohamed El Idrissi (wijkagent) zou 'Spreekuur in buurthuis De Wieken'"

# A werkvorm that ran in more sessions is one line, with how many.
db "INSERT INTO sessie (sprint, label, werkvorm, versie, nodig, levert, status, zaad, geopend, gesloten, resultaat)
    SELECT sprint, label || '-2', werkvorm, versie, nodig, levert, status, zaad, geopend, gesloten, resultaat
    FROM sessie WHERE label = 'klantreis'"
wp status
check_out "een werkvorm in twee sessies staat er één keer" \
    "    gebruikt door Teken de klantreis (sprint 3, 2 sessies): pijnen"
check "en niet nog eens los" test "$(grep -c 'gebruikt door Teken de klantreis' "$T/out")" = 1

# vergeet removes every stored check: they quote contributions and name people.
wp vergeet "$(db "SELECT id FROM deelnemer WHERE naam IS NOT NULL LIMIT 1")" --ja
check_rc "vergeet slaagt" 0
check "en laat geen bewaarde controle achter" test "$(db "SELECT count(*) FROM sleutelfactoren_stand")" = 0

done_testing
