# Privacy (AVG) on the Molenwijk traject: the anonymous export holds no name
# and no sensitive text but keeps the rest; `vergeet` erases a deelnemer's
# name and sensitive texts while status, reports, sleutelfactoren and a
# replayed draaiboek keep working (and the name stays gone); the retention
# date and the warning in status; every file written is owner-only, also
# under umask 000; and the bad inputs with their exact messages and codes.
. "$(dirname "$0")/lib.sh"

command -v sqlite3 > /dev/null 2>&1 || { echo "1..0 # SKIP sqlite3 ontbreekt (tools/deps.sh --test)"; exit 0; }

cp "$WP_TOP/casus/molenwijk.yaml" "$WP_TOP/casus/molenwijk.draaiboek.yaml" "$T/"
export WERKPLAATS_VANDAAG=2027-03-01
eq() {
    if [ "$2" = "$3" ]; then tap 0 "$1"; else tap 1 "$1"; echo "#   kreeg:    '$2'"; echo "#   verwacht: '$3'"; fi
}
mode() { stat -c %a "$T/$1"; }
absent() { # absent DESC FILE: no line of $T/needles occurs in FILE (grep -w when WORD=1)
    missing=""
    while IFS= read -r n; do
        [ -n "$n" ] || continue
        if grep -qF ${WORD:+-w} -- "$n" "$2"; then missing="$missing '$n'"; fi
    done < "$T/needles"
    [ -z "$missing" ]; tap $? "$1"
    [ -z "$missing" ] || echo "#   gevonden:$missing"
}

umask 000
wp --db m.db run molenwijk.draaiboek.yaml --stil
check_rc "het Molenwijk-traject draait (umask 000)" 0
eq "de database is alleen voor de eigenaar, ook onder umask 000" "$(mode m.db)" 600

# --- export --anoniem ------------------------------------------------------------
wp --db m.db export -o x.json
check_rc "export zonder --anoniem is een gebruiksfout" 2
check_err "en zegt waarom" "werkplaats: export: geef --anoniem: werkplaats maakt alleen een export zonder namen en gevoelige teksten (de database zelf is de volledige kopie)"
wp --db m.db export --anoniem -o anoniem.json
check_rc "export --anoniem" 0
check_out "meldt wat er weggelaten is" "Anonieme export geschreven naar anoniem.json (JSON, alleen leesbaar voor jou): namen vervangen door pseudoniemen, 35 gevoelige teksten weggelaten."
eq "de export is alleen voor de eigenaar (umask 000)" "$(mode anoniem.json)" 600
wp --db m.db rapport -o rapport.html
eq "het rapport ook" "$(mode rapport.html)" 600
wp --db m.db ontwerpbrief -o brief.md
eq "de ontwerpbrief ook" "$(mode brief.md)" 600

# Every name in the draaiboek (whole, and the first name before "(") and
# every person in the casus: none of them is in the export.
grep -o '{ id: [^,]*, naam: "[^"]*"' "$T/molenwijk.draaiboek.yaml" | sed 's/.*naam: "//; s/"$//' > "$T/namen"
sed 's/ (.*//' "$T/namen" >> "$T/namen"
printf '%s\n' "Sandra Koster" "Mohamed El Idrissi" "Priya Ramdin" "Dennis Brouwer" "Thomas Jansen" \
    "Anouk de Graaf" "Fatma Yilmaz" "Henk Visser" "Kees Dekker" "Ilse Verbeek" "Ruben Hoekstra" \
    "Ilse" "Ruben" >> "$T/namen"
eq "de namenlijst is compleet (19 deelnemers, 11 mensen uit de casus)" "$(wc -l < "$T/namen")" 51
cp "$T/namen" "$T/needles"
WORD=1 absent "geen enkele naam staat in de export" "$T/anoniem.json"
grep -qF "Joke" "$T/rapport.html"; tap $? "(het gewone rapport noemt ze wel)"

# The sensitive texts: marked per bijdrage (gevoelig: ja) or in a step the
# werkvorm marks (toon_me_je_leven/dag, empathiekaart/persona and kaart,
# klantreis/persona).
sqlite3 "$T/m.db" "SELECT f.tekst FROM feit f JOIN sessie s ON s.id = f.sessie WHERE f.soort = 'bijdrage' AND
    (f.data LIKE '%\"gevoelig\":true%' OR s.werkvorm || '/' || f.stap IN
     ('toon_me_je_leven/dag', 'empathiekaart/persona', 'empathiekaart/kaart', 'klantreis/persona'))" > "$T/needles"
eq "35 gevoelige teksten in de database" "$(wc -l < "$T/needles")" 35
absent "geen gevoelige tekst staat in de export" "$T/anoniem.json"
grep -qF "Mijn ruit is twee keer ingegooid nadat ik de politie had gebeld" "$T/rapport.html"
tap $? "(het gewone rapport heeft ze wel)"
grep -qF "Op het Molenplein wordt na acht uur 's avonds openlijk gedeald, vooral rond de bankjes bij de snackbar" \
    "$T/anoniem.json"
tap $? "een gewone bijdrage staat er nog in"
grep -qF '"weggelaten_teksten": 35' "$T/anoniem.json"; tap $? "de export zegt hoeveel er weggelaten is"
grep -qF '"bewaren_tot": "2029-12-31"' "$T/anoniem.json"; tap $? "en tot wanneer hij bewaard mag worden"
eq "stemmen blijven: de knelpunten van Toon me je leven hebben hun stemmen" \
   "$(grep -c '\[gevoelige tekst weggelaten\]' "$T/anoniem.json" | awk '{print ($1 > 0)}')" 1

wp --db m.db export --anoniem > /dev/null
check_rc "export naar de standaarduitvoer" 0
grep -qF '"soort": "anoniem"' "$T/out"; tap $? "is dezelfde JSON"
mkdir "$T/map"
wp --db m.db export --anoniem -o map
check_rc "export naar een map" 1
check_err "zegt dat het een map is" "werkplaats: map: kan de export niet schrijven: dat is een map; geef een bestandsnaam, zoals traject-anoniem.json"
wp --db m.db export --anoniem -o geen/map/x.json
check_rc "export naar een map die niet bestaat" 1
check_err "zegt waarom" "werkplaats: geen/map/x.json: kan de export niet schrijven: de map bestaat niet"
echo oud > "$T/bestaat.json"; chmod 644 "$T/bestaat.json"
wp --db m.db export --anoniem -o bestaat.json
check_rc "een bestaand bestand wordt vervangen, zoals bij rapport -o" 0
eq "en is daarna alleen voor de eigenaar" "$(mode bestaat.json)" 600
grep -qF '"soort": "anoniem"' "$T/bestaat.json"; tap $? "met de export erin"

# --- vergeet ---------------------------------------------------------------------
cp "$T/m.db" "$T/v.db"
q() { sqlite3 "$T/v.db" "$1"; }
STEMMEN=$(q "SELECT count(*) FROM feit WHERE soort = 'stem'")
wp --db v.db status
cp "$T/out" "$T/status.voor"
wp --db v.db vergeet
check_rc "vergeet zonder deelnemer" 2
check_err "zegt hoe het moet" "werkplaats: vergeet: geef precies één deelnemer (zijn id), bijvoorbeeld: werkplaats vergeet bew-3"
wp --db v.db vergeet bew-jok --ja
check_rc "een onbekende deelnemer" 1
check_err "met een hint" "werkplaats: onbekende deelnemer 'bew-jok', bedoelde je 'bew-joke'?"
wp --db v.db vergeet xyz --ja
check_rc "een deelnemer die nergens op lijkt" 1
check_err "zegt waar de ids staan" "werkplaats: onbekende deelnemer 'xyz'; de ids staan bij elke werkvorm in 'werkplaats rapport'"
# answer WORD ARGS...: werkplaats with WORD on its standard input
answer() { w=$1; shift; echo "$w" > "$T/in"; wp "$@" < "$T/in"; }
answer nee --db v.db vergeet ond-bakker
check_rc "zonder 'ja' gebeurt niets" 1
check_out "de vraag noemt wat er gewist wordt" "Dit wist van deelnemer ond-bakker de naam (overal, ook in teksten: voortaan 'ondernemers #3') en 2 gevoelige teksten."
check_err "en zegt hoe het wel moet" "werkplaats: niets gewist: bevestig met 'ja', of geef --ja"
eq "de naam staat er nog" "$(q "SELECT naam FROM deelnemer WHERE id = 'ond-bakker'")" "Wim (bakkerij Sluisstraat)"
answer ja --db v.db vergeet ond-bakker
check_rc "met 'ja' wordt hij vergeten" 0
check_out "en zegt wat er gebeurde" "Deelnemer ond-bakker is vergeten: de naam is overal gewist, 2 gevoelige teksten gewist; in rapporten heet deze deelnemer 'ondernemers #3'."
eq "de naam is weg" "$(q "SELECT coalesce(naam, '-') || ' ' || datum FROM deelnemer JOIN vergeten ON deelnemer = id WHERE id = 'ond-bakker'")" "- 2027-03-01"
eq "nergens in de database staat nog 'Wim'" "$(sqlite3 "$T/v.db" .dump | grep -cw Wim)" 0
eq "ook niet in de bytes van het bestand (vrije ruimte)" "$(grep -ac 'bakkerij Sluisstraat' "$T/v.db")" 0
eq "zijn gevoelige bijdrage is gewist" \
   "$(sqlite3 "$T/v.db" .dump | grep -c 'Mijn ruit is twee keer ingegooid')" 0
eq "ook in de feiten staat het teken" \
   "$(q "SELECT tekst FROM feit WHERE soort = 'bijdrage' AND ref = 'd14'")" "[gewist op verzoek van de deelnemer]"
eq "zijn gewone bijdragen blijven" "$(q "SELECT count(*) FROM feit WHERE deelnemer = 'ond-bakker' AND soort = 'bijdrage' AND tekst NOT LIKE '[gewist%'")" \
   "$(sqlite3 "$T/m.db" "SELECT count(*) - 2 FROM feit WHERE deelnemer = 'ond-bakker' AND soort = 'bijdrage'")"
eq "alle stemmen blijven" "$(q "SELECT count(*) FROM feit WHERE soort = 'stem'")" "$STEMMEN"
TELLING="SELECT (SELECT count(*) FROM feit) || ' ' || (SELECT count(*) FROM deelnemer) || ' ' || (SELECT count(*) FROM sessie) || ' ' || (SELECT count(*) FROM afspraak) || ' ' || (SELECT count(*) FROM houding)"
eq "geen feit, deelnemer, sessie, afspraak of houding verdwijnt" "$(q "$TELLING")" "$(sqlite3 "$T/m.db" "$TELLING")"
eq "het bevroren resultaat van sprint 2 houdt zijn knelpunt met 6 stemmen, zonder de tekst" \
   "$(q "SELECT json_extract(resultaat, '$.diagnose.knelpunten[0].id') || ' ' || json_extract(resultaat, '$.diagnose.knelpunten[0].stemmen') || ' ' || json_extract(resultaat, '$.diagnose.knelpunten[0].tekst') FROM sprint WHERE nr = 2")" \
   "d14 6 [gewist op verzoek van de deelnemer]"
eq "het privacylog noemt alleen het pseudoniem" "$(q "SELECT actie || ': ' || wat FROM privacylog")" \
   "vergeet: deelnemer ondernemers #3 vergeten: naam, 2 gevoelige teksten gewist"
wp --db v.db status
check_rc "status werkt daarna" 0
diff "$T/status.voor" "$T/out" > /dev/null; tap $? "en zegt precies hetzelfde"
wp --db v.db sleutelfactoren
check_rc "sleutelfactoren werkt" 0
wp --db v.db rapport --formaat md
check_rc "het rapport werkt" 0
check_out "en noemt hem bij zijn pseudoniem" "ondernemers #3"
check_no_out "niet bij zijn id" "ond-bakker"

# A betrokkene from the casus: the name goes from the stored casus too.
wp --db v.db vergeet bewoner-wiekenflat --ja
check_rc "een betrokkene uit de casus vergeten" 0
eq "'Fatma Yilmaz' staat nergens meer" "$(sqlite3 "$T/v.db" .dump | grep -c 'Fatma Yilmaz')" 0
wp --db v.db vergeet bewoner-wiekenflat --ja
check_rc "twee keer vergeten kan" 0
check_out "en zegt dat er niets meer is" "Deelnemer bewoner-wiekenflat is al vergeten op 2027-03-01; er is niets meer te wissen."
eq "het log kreeg geen derde regel" "$(q "SELECT count(*) FROM privacylog")" 2

# Replaying the draaiboek brings neither the name nor the texts back.
wp --db v.db run molenwijk.draaiboek.yaml --stil
check_rc "de draaiboek draait opnieuw op de database" 0
eq "de naam blijft weg" "$(q "SELECT coalesce(naam, '-') FROM deelnemer WHERE id = 'ond-bakker'")" "-"
eq "ook 'Wim' in teksten" "$(sqlite3 "$T/v.db" .dump | grep -cw Wim)" 0

# --- bewaartermijn ---------------------------------------------------------------
wp --db v.db bewaartermijn
check_out "zonder eigen termijn geldt die van de casus" "De gegevens van dit traject worden bewaard tot en met 2029-12-31."
wp --db b.db start molenwijk.yaml --bewaren-tot 2027-02-30
check_rc "start met een datum die niet bestaat" 2
check_err "zegt wat een datum is" "werkplaats: start: --bewaren-tot '2027-02-30' is geen datum (JJJJ-MM-DD), zoals 2030-12-31"
[ ! -e "$T/b.db" ]; tap $? "en maakt geen database"
wp --db b.db start molenwijk.yaml --bewaren-tot 2027-02-28
check_rc "start met een bewaartermijn" 0
export WERKPLAATS_VANDAAG=2027-02-28
wp --db b.db status
check_no_out "op de dag zelf geen waarschuwing" "bewaartermijn"
export WERKPLAATS_VANDAAG=2027-03-01
wp --db b.db bewaartermijn
check_out "toont de termijn" "De gegevens van dit traject worden bewaard tot en met 2027-02-28."
check_out "en dat hij voorbij is" "Let op: de bewaartermijn van dit traject is voorbij (bewaren tot en met 2027-02-28)."
wp --db b.db status
check_rc "status na de termijn" 0
check_out "waarschuwt" "Let op: de bewaartermijn van dit traject is voorbij (bewaren tot en met 2027-02-28)."
check_out "met wat te doen" "Maak zo nodig een export zonder namen: werkplaats export --anoniem -o traject-anoniem.json"
check_out "en daarna" "Verwijder daarna de database b.db (en b.db-wal en b.db-shm als ze er staan)"
wp --db b.db bewaartermijn 2031-13-01
check_rc "een verkeerde datum" 2
check_err "zegt het" "werkplaats: bewaartermijn: '2031-13-01' is geen datum (JJJJ-MM-DD), zoals 2030-12-31"
wp --db b.db bewaartermijn 2031-12-31 extra
check_rc "te veel argumenten" 2
wp --db b.db bewaartermijn 2031-12-31
check_rc "de termijn verlengen" 0
wp --db b.db status
check_no_out "dan geen waarschuwing meer" "Let op: de bewaartermijn"
eq "het log heeft beide" "$(sqlite3 "$T/b.db" "SELECT group_concat(wat, ' | ') FROM privacylog")" \
   "bewaartermijn gezet op 2027-02-28 | bewaartermijn gezet op 2031-12-31"

# --- a participant known only by group -------------------------------------------
printf '%s\n' "+bewoners" "+jongeren" > "$T/zonder"
wp --db b.db sprint start 1
wp --db b.db sessie --werkvorm socrates --eenvoudig < "$T/zonder"
check_out "+GROEP voegt iemand toe zonder naam" "deelnemer bewoners-4 (bewoners, zonder naam) toegevoegd; gebruik @bewoners-4"
eq "zonder naam, met pseudoniem" "$(sqlite3 "$T/b.db" "SELECT coalesce(naam, '-') || ' ' || pseudoniem FROM deelnemer WHERE id = 'jongeren-2'")" \
   "- jongeren #2"
wp --db b.db rapport --formaat md
check_out "het rapport noemt hem bij zijn pseudoniem" "bewoners #4"

done_testing
