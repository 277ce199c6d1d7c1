# The HTML report and the ontwerpbrief in a real browser: Debian's chromium,
# headless, started by this test with a fresh profile and no network.
#
# How it checks, and why this way: `--dump-dom` loads the page, lets it run
# and prints the DOM as the browser built it, so an escaped contribution is
# text there and a script that ran would have changed the title or added an
# <img>. `--enable-logging=stderr --v=0` prints every console message as a
# ":CONSOLE" line; a control page with a console.error and a title change is
# loaded first, to prove that both would be seen. No CDP client is needed.
# `--print-to-pdf` prints as a person would print from the browser, and
# pdfinfo (poppler-utils) counts the pages.
. "$(dirname "$0")/lib.sh"

browser=""
for b in chromium chromium-browser; do
    if command -v "$b" > /dev/null 2>&1; then browser=$b; break; fi
done
if [ -z "$browser" ]; then
    echo "ok 1 # SKIP chromium is niet geïnstalleerd (tools/deps.sh --test installeert het)"
    echo "1..1"
    exit 0
fi

# chrome ARGS... : headless, sandbox-free (we may run as root), no network, fresh profile.
chrome() {
    profile=$(mktemp -d "$T/profiel.XXXXXX")
    timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync --hide-scrollbars \
        --user-data-dir="$profile" "$@"
}
# dom PAGE NAME: the DOM after loading into $T/NAME.dom, console lines into $T/NAME.log.
dom() {
    chrome --enable-logging=stderr --v=0 --dump-dom "file://$1" > "$T/$2.dom" 2> "$T/$2.err"
    grep ':CONSOLE' "$T/$2.err" > "$T/$2.log"
}
title_of() { sed -n 's:.*<title>\([^<]*\)</title>.*:\1:p' "$1" | head -1; }

# --- the control page: a script that logs an error and changes the title ------
cat > "$T/controle.html" <<'EOF'
<!DOCTYPE html><html><head><title>controle</title></head>
<body><script>console.error("werkplaats-controle"); document.title = "veranderd";</script></body></html>
EOF
dom "$T/controle.html" controle
check "controle: chromium meldt console-berichten op stderr" grep -q 'werkplaats-controle' "$T/controle.log"
check "controle: een script dat draait, verandert de titel" test "$(title_of "$T/controle.dom")" = "veranderd"

# --- a traject with hostile contributions ---------------------------------------
# The Molenwijk draaiboek when it is there, the hand-made traject otherwise.
wp start "$WP_TOP/casus/molenwijk.yaml" --db traject.db
if [ -f "$WP_TOP/casus/molenwijk.draaiboek.yaml" ]; then
    rm -f "$T/traject.db"
    wp --db "$T/traject.db" run "$WP_TOP/casus/molenwijk.draaiboek.yaml"
else
    sqlite3 "$T/traject.db" < "$WP_TOP/tests/fixtures/rapport_traject.sql"
    RC=$?
fi
check_rc "een heel traject in de database" 0
# A contribution and a result text that try to run script: in the facts
# (the report of one sprint lists every contribution) and in the frozen
# result of sprint 2 (the report of the whole traject shows it).
sqlite3 "$T/traject.db" "
UPDATE feit SET tekst = '<script>document.title=''x''</script>' WHERE id = (
    SELECT min(f.id) FROM feit f JOIN sessie s ON s.id = f.sessie WHERE s.sprint = 2 AND f.soort = 'bijdrage');
UPDATE feit SET tekst = '\"><img src=x onerror=\"document.title=''y''\">' WHERE id = (
    SELECT max(f.id) FROM feit f JOIN sessie s ON s.id = f.sessie WHERE s.sprint = 2 AND f.soort = 'bijdrage');
UPDATE sprint SET resultaat = json_set(resultaat, '\$.pijnen[#]',
    json_object('id', 'evil', 'tekst', '<script>document.title=''x''</script><img src=x onerror=\"document.title=''y''\">',
                'stemmen', 1)) WHERE nr = 2;"
check "de kwaadaardige bijdragen staan in de database" \
    sh -c "[ \$(sqlite3 '$T/traject.db' \"SELECT count(*) FROM feit WHERE tekst LIKE '%<script>%' OR tekst LIKE '%onerror%'\") -ge 2 ]"

wp --db traject.db rapport -o rapport.html
check_rc "rapport van het hele traject" 0
wp --db traject.db rapport --sprint 2 -o sprint2.html
check_rc "rapport van sprint 2" 0
wp --db traject.db ontwerpbrief -o brief.html
check_rc "ontwerpbrief" 0

for page in rapport sprint2 brief; do
    dom "$T/$page.html" "$page"
    check "$page: chromium laadt de pagina" test -s "$T/$page.dom"
    check "$page: geen console-berichten (geen fouten, geen geweigerde bronnen)" test ! -s "$T/$page.log"
    check "$page: geen script-element in de DOM" sh -c "! grep -qi '<script' '$T/$page.dom'"
    check "$page: geen img-element in de DOM (onerror kon niet draaien)" sh -c "! grep -qi '<img' '$T/$page.dom'"
done
check "rapport: de titel is niet veranderd" test "$(title_of "$T/rapport.dom")" = "Molenwijk, gemeente Westerhaven"
check "sprint 2: de titel is niet veranderd" test "$(title_of "$T/sprint2.dom")" = "Molenwijk, gemeente Westerhaven"
check "rapport: het script staat er als tekst" grep -q '&lt;script&gt;document.title=' "$T/rapport.dom"
check "sprint 2: de onerror-poging staat er als tekst" grep -q '&lt;img src=x onerror=' "$T/sprint2.dom"
check "rapport: de SVG-plaatjes zijn er" sh -c "[ \$(grep -o '<svg ' '$T/rapport.dom' | wc -l) -ge 5 ]"
check "rapport: de tijdlijn" grep -q '<title>Tijdlijn van het traject' "$T/rapport.dom"
check "rapport: de koppelvlakken" grep -q '<title>Koppelvlakken' "$T/rapport.dom"
check "rapport: de glijbaan" grep -q '<title>Glijbaan' "$T/rapport.dom"
check "sprint 2: de empathiekaart" grep -q '<title>Empathiekaart' "$T/sprint2.dom"
check "sprint 2: stemmen als balken" grep -q '<title>Stemmen' "$T/sprint2.dom"

# --- printed as a person would print it ----------------------------------------
if command -v pdfinfo > /dev/null 2>&1; then
    chrome --no-pdf-header-footer --print-to-pdf="$T/brief.pdf" "file://$T/brief.html" > /dev/null 2>&1
    check "de ontwerpbrief wordt een PDF" test -s "$T/brief.pdf"
    pdfinfo "$T/brief.pdf" > "$T/brief.info" 2>&1
    check "de ontwerpbrief is precies één bladzijde" grep -Eq '^Pages: +1$' "$T/brief.info"
    check "op A4" grep -q '^Page size:.*(A4)' "$T/brief.info"
    # Every part of the brief as full as a werkvorm could make it: still one page.
    cp "$T/traject.db" "$T/vol.db"
    sqlite3 "$T/vol.db" "
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 25),
lang(t) AS (SELECT 'Een lange zin uit de werkvorm die maar doorgaat en doorgaat, over de wijk en de mensen, zodat hij '
                || 'zeker niet op een regel past en ook niet op twee of drie regels, want alles wat er gezegd is staat erin'),
lijst(v) AS (SELECT json_group_array((SELECT t FROM lang) || ' ' || i) FROM n),
wensen(v) AS (SELECT json_group_array(json_object('id', 'w' || i, 'tekst', (SELECT t FROM lang), 'stemmen', i)) FROM n)
UPDATE sprint SET resultaat = json_set(resultaat,
    '\$.ontwerpbrief.probleem', (SELECT t || ' ' || t FROM lang),
    '\$.ontwerpbrief.feiten', json((SELECT v FROM lijst)), '\$.ontwerpbrief.eerdere_sprints', json((SELECT v FROM lijst)),
    '\$.ontwerpbrief.tijdspad', json((SELECT v FROM lijst)), '\$.ontwerpbrief.impact', json((SELECT v FROM lijst)),
    '\$.ontwerpbrief.betrokkenen', json((SELECT v FROM lijst)), '\$.ontwerpbrief.begeleiders', json((SELECT v FROM lijst)),
    '\$.ontwerpbrief.wijkwensen', json((SELECT v FROM wensen))) WHERE nr = 3;"
    wp --db vol.db ontwerpbrief -o vol.html
    check "een overvolle ontwerpbrief zegt wat er niet op past" grep -q 'en nog 19' "$T/vol.html"
    chrome --no-pdf-header-footer --print-to-pdf="$T/vol.pdf" "file://$T/vol.html" > /dev/null 2>&1
    pdfinfo "$T/vol.pdf" > "$T/vol.info" 2>&1
    check "ook een overvolle ontwerpbrief is één bladzijde" grep -Eq '^Pages: +1$' "$T/vol.info"
    chrome --no-pdf-header-footer --print-to-pdf="$T/rapport.pdf" "file://$T/rapport.html" > /dev/null 2>&1
    pdfinfo "$T/rapport.pdf" > "$T/rapport.info" 2>&1
    check "het rapport wordt een PDF op A4" grep -q '^Page size:.*(A4)' "$T/rapport.info"
    check "met een bladzijde per sprint (minstens 8)" sh -c "[ \$(sed -n 's/^Pages: *//p' '$T/rapport.info') -ge 8 ]"
else
    TAP_N=$((TAP_N + 1))
    echo "ok $TAP_N # SKIP pdfinfo (poppler-utils) is niet geïnstalleerd"
fi

# --- make screenshots ----------------------------------------------------------------
sh "$WP_TOP/tools/screenshots.sh" "$WERKPLAATS" "$T/plaatjes" > "$T/out" 2> "$T/err"
RC=$?
check_rc "tools/screenshots.sh (make screenshots)" 0
for png in rapport rapport-sprint-2 rapport-sprint-3 ontwerpbrief; do
    check "schermafdruk $png.png is een PNG" sh -c "head -c 8 '$T/plaatjes/$png.png' | od -An -c | grep -q 'P   N   G'"
done

done_testing
