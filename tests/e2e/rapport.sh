# Reports from the command line: every format of `werkplaats rapport` and
# `werkplaats ontwerpbrief`, on a traject that just started and on the whole
# Molenwijk traject (the draaiboek), asserting on what people will read.
. "$(dirname "$0")/lib.sh"

# HTML escaping of a text, as the report writes it (for comparing).
html_escape() {
    printf '%s' "$1" | sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' -e 's/"/\&quot;/g' -e "s/'/\&#39;/g"
}
# Markdown output with its backslash escapes taken out.
md_plain() { sed 's/\\//g' "$1"; }
q() { sqlite3 "$T/$1" "$2"; }

cp "$WP_TOP/casus/molenwijk.yaml" "$T/molenwijk.yaml"

# --- usage ------------------------------------------------------------------
for c in rapport ontwerpbrief; do
    wp "$c" --help
    check_rc "$c --help" 0
    check_out "$c --help toont het gebruik" "gebruik: werkplaats $c"
done
wp rapport
check_rc "rapport zonder traject is een gebruikersfout" 1
check_err "met uitleg hoe je begint" "werkplaats start CASUS.yaml"

wp start molenwijk.yaml --db vers.db
check_rc "een vers traject" 0
wp rapport --db vers.db --formaat pdf
check_rc "een onbekend formaat is een gebruiksfout" 2
check_err "met de keuzes" "kies 'html', 'md', 'json' of 'csv'"
wp rapport --db vers.db --formaat mdd
check_err "met een hint bij een tikfout" "bedoelde je 'md'?"
wp rapport --db vers.db --sprint 9
check_rc "een sprint die niet bestaat" 2
check_err "noemt de sprints die er zijn" "sprint 1 tot en met 7"
wp ontwerpbrief --db vers.db --formaat csv
check_rc "de ontwerpbrief kent geen csv" 2
wp ontwerpbrief --db vers.db --sprint 2
check_rc "de ontwerpbrief kent geen --sprint" 2
wp rapport --db vers.db extra
check_rc "een los argument is een gebruiksfout" 2

# --- a traject that just started ---------------------------------------------
wp rapport --db vers.db
check_rc "rapport van een vers traject" 0
check_out "is HTML" "<!DOCTYPE html>"
check_out "noemt de wijk" "Molenwijk, gemeente Westerhaven"
check_out "zegt dat sprints nog niet begonnen" "Deze sprint is nog niet begonnen."
check_no_out "bevat geen script" "<script"
wp rapport --db vers.db -o leeg.md
check_rc "-o schrijft een bestand" 0
check_out "en zegt waarheen" "leeg.md"
check "het bestand is alleen voor de eigenaar (0600)" sh -c "[ \$(stat -c %a '$T/leeg.md') = 600 ]"
check "het formaat volgt de extensie (Markdown)" grep -q '^# Molenwijk, gemeente Westerhaven' "$T/leeg.md"
wp ontwerpbrief --db vers.db
check_rc "ontwerpbrief van een vers traject" 0
check_out "zegt dat hij er nog niet is" "nog niet gemaakt"
check_out "met de zeven delen" "7. Begeleiders"
wp rapport --db vers.db --formaat json -o vers.json
check "json is geldige JSON" sh -c "[ \$(sqlite3 :memory: \"SELECT json_valid(readfile('$T/vers.json'))\") = 1 ]"
wp rapport --db vers.db -o /bestaat/niet/rapport.html
check_rc "schrijven in een map die niet bestaat" 1
check_err "zegt waarom" "kan het rapport niet schrijven"

# --- the whole Molenwijk traject ----------------------------------------------
draaiboek="$WP_TOP/casus/molenwijk.draaiboek.yaml"
if [ ! -f "$draaiboek" ]; then
    TAP_N=$((TAP_N + 1))
    echo "ok $TAP_N # SKIP de Molenwijk-draaiboek (casus/molenwijk.draaiboek.yaml) is er nog niet"
    done_testing
    exit
fi
wp --db "$T/molenwijk.db" run "$draaiboek"
check_rc "de Molenwijk-draaiboek draait" 0
if [ "$RC" -ne 0 ]; then done_testing; exit; fi

pijn=$(q molenwijk.db "SELECT json_extract(resultaat, '\$.pijnen[0].tekst') FROM sprint WHERE nr = 2")
interventie=$(q molenwijk.db "SELECT json_extract(resultaat, '\$.definitieve_interventies[0].naam') FROM sprint WHERE nr = 7")
check "sprint 2 leverde een zwaarste pijn" test -n "$pijn"
check "sprint 7 leverde een definitieve interventie" test -n "$interventie"

wp --db molenwijk.db rapport --sprint 2 --formaat md -o sprint2.md
check_rc "rapport van sprint 2 in Markdown" 0
md_plain "$T/sprint2.md" > "$T/sprint2.txt"
check "de zwaarste pijn staat in het rapport van sprint 2 (md)" grep -qF -- "$pijn" "$T/sprint2.txt"
check "het gaat over sprint 2" grep -q '^## Sprint 2: Dit is er aan de hand' "$T/sprint2.md"
check "en niet over sprint 3" sh -c "! grep -q '^## Sprint 3' '$T/sprint2.md'"
wp --db molenwijk.db rapport --sprint 2
check_rc "rapport van sprint 2 in HTML" 0
check_out "de zwaarste pijn staat erin (html)" "$(html_escape "$pijn")"
check_out "met de empathiekaart als plaatje" "<title>Empathiekaart"
check_out "met de stemmen per groep" "Stemmen: Pijnen"
check_out "met de werkvormkaart" "Hoe is het werkelijk met jou"
check_out "met alle bijdragen" "Alle bijdragen"
check_out "met de sleutelfactoren na sprint 2" "Van praten naar doen"
check_no_out "de controle ontbreekt niet" "niet beschikbaar"

wp --db molenwijk.db rapport -o rapport.html
check_rc "rapport van het hele traject" 0
check "het beslisspoor noemt de eerste definitieve interventie" grep -qF -- "$(html_escape "$interventie")" "$T/rapport.html"
check "het beslisspoor begint bij een pijn" grep -q 'class="tag stap">pijn<' "$T/rapport.html"
check "de klantreis staat erin als plaatje" grep -q '<title>Klantreis' "$T/rapport.html"
check "de glijbaan per fase" grep -q '<title>Glijbaan (Bij de start' "$T/rapport.html"
check "de glijbaan in meer dan één fase (uit het houdingenregister)" \
    sh -c "[ \$(grep -o '<title>Glijbaan (Na sprint' '$T/rapport.html' | wc -l) -ge 2 ]"
check "de afspraken uit het register" grep -q 'Wie deden mee, en wat is afgesproken' "$T/rapport.html"
check "de koppelvlakken" grep -q '<title>Koppelvlakken' "$T/rapport.html"
check "de tijdlijn met zeven gesloten sprints" grep -q '7 van de 7 sprints gesloten' "$T/rapport.html"
check "wat onderweg afviel" grep -q 'Wat onderweg afviel, en waarom' "$T/rapport.html"
check "er staat geen enkel script in" sh -c "! grep -qi '<script' '$T/rapport.html'"
check "geen verwijzing naar buiten (geen http-bronnen)" sh -c "! grep -Eq '(src|href)=\"https?:' '$T/rapport.html'"

wp --db molenwijk.db ontwerpbrief -o brief.html
check_rc "ontwerpbrief in HTML" 0
check "de zwaarste pijn staat in de ontwerpbrief" grep -qF -- "$(html_escape "$pijn")" "$T/brief.html"
check "met de goedkeuringen" grep -q 'Goedgekeurd door de sleutelbetrokkenen' "$T/brief.html"
check "goedgekeurd door iedereen" grep -q '>goedgekeurd<' "$T/brief.html"
for deel in "1. Ontwerp van het probleem" "2. Gevonden feiten" "3. Uitleg van de eerdere sprints" "4. Tijdspad" \
            "5. Impact van de oplossing" "6. Betrokkenen" "7. Begeleiders"; do
    check "de ontwerpbrief heeft: $deel" grep -qF "$deel" "$T/brief.html"
done
wp --db molenwijk.db ontwerpbrief --formaat md
check_rc "ontwerpbrief in Markdown" 0
md_plain "$T/out" > "$T/brief.txt"
check "de zwaarste pijn staat in de ontwerpbrief (md)" grep -qF -- "$pijn" "$T/brief.txt"

wp --db molenwijk.db rapport --formaat json -o model.json
check "het model is geldige JSON" sh -c "[ \$(sqlite3 :memory: \"SELECT json_valid(readfile('$T/model.json'))\") = 1 ]"
check "met zeven sprints" sh -c "[ \$(sqlite3 :memory: \"SELECT json_array_length(readfile('$T/model.json'), '\$.sprints')\") = 7 ]"

wp --db molenwijk.db rapport --formaat csv -o alles.csv
check_rc "rapport als CSV" 0
check "de kop van de CSV" sh -c "head -1 '$T/alles.csv' | grep -q '^soort,sprint,werkvorm,sessie,stap,id,tekst,wie,groep'"
n_bijdragen=$(q molenwijk.db "SELECT count(*) FROM feit f WHERE soort = 'bijdrage' AND id NOT IN (SELECT doel FROM feit WHERE soort = 'verwijdering' AND doel IS NOT NULL)")
check "elke staande bijdrage is een regel" sh -c "[ \$(grep -c '^bijdrage,' '$T/alles.csv') -ge $n_bijdragen ]"
check "de stemmen staan erin" grep -q '^stem,' "$T/alles.csv"
check "regels eindigen op CRLF" awk 'NR == 1 { exit !/\r$/ }' "$T/alles.csv"

# --pseudoniem: no participant's name in any format.
for f in html md json csv; do
    wp --db molenwijk.db rapport --pseudoniem --formaat "$f" -o "pseudo.$f"
    check_rc "rapport --pseudoniem als $f" 0
done
wp --db molenwijk.db ontwerpbrief --pseudoniem -o pseudo-brief.html
q molenwijk.db "SELECT naam FROM deelnemer WHERE betrokkene IS NULL AND naam IS NOT NULL" > "$T/namen"
missed=""
while IFS= read -r naam; do
    for f in pseudo.html pseudo.md pseudo.json pseudo.csv pseudo-brief.html; do
        grep -qF -- "$naam" "$T/$f" && missed="$missed $naam($f)"
    done
done < "$T/namen"
check "geen naam van een deelnemer in welk formaat ook${missed:+: $missed}" test -z "$missed"
check "wel groep en nummer" grep -q 'bewoners #' "$T/pseudo.html"

done_testing
