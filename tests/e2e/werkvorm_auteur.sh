# The author's tools and the library from the command line: werkvorm nieuw
# gives a werkvorm that passes check, a broken copy fails with file:line,
# the library lists and filters, and a duplicate id names both files.
. "$(dirname "$0")/lib.sh"

FIX="$WP_TOP/tests/fixtures/werkvormen"

# These tests build their own library from the fixtures (whose ids, like
# empathiekaart and bril, the shipped werkvormen also use), so they run a copy
# of the binary whose built-in werkvormen folder holds only the methode.
mkdir -p "$T/kaal/bin" "$T/kaal/werkvormen"
cp "$WERKPLAATS" "$T/kaal/bin/werkplaats"
cp "$WP_TOP/werkvormen/methode.yaml" "$T/kaal/werkvormen/"
WERKPLAATS="$T/kaal/bin/werkplaats"

# --- nieuw and check ---------------------------------------------------------
wp werkvorm nieuw buurtwandeling --sprint 2
check_rc "werkvorm nieuw schrijft een werkvorm" 0
check "het bestand staat er" test -f "$T/buurtwandeling.lua"
check_out "nieuw zegt hoe je controleert" "werkplaats werkvorm check buurtwandeling.lua"

wp werkvorm check buurtwandeling.lua
check_rc "de nieuwe werkvorm komt door check" 0
check_out "check meldt in orde" "buurtwandeling.lua: in orde: werkvorm 'buurtwandeling'"

wp werkvorm nieuw buurtwandeling --sprint 2
check_rc "nieuw overschrijft nooit" 1
check_err "en zegt waarom" "buurtwandeling.lua: bestaat al"

wp werkvorm nieuw schets -o -
check_rc "nieuw -o - schrijft naar het scherm" 0
check_out "met het id" 'id = "schets"'
check "en schrijft geen bestand" test ! -e "$T/schets.lua"

wp werkvorm nieuw Schets
check_rc "een ongeldig id is een gebruiksfout" 2
check_err "met uitleg" "'Schets' is geen geldig id"

wp werkvorm nieuw s --sprint 9
check_rc "een sprint buiten de methode is een gebruiksfout" 2

# A broken copy: the duur of the step "ophalen" removed, a typo in a key,
# and a deelnemersgroep that does not exist. Every problem, each with its line.
sed -e '/id = "ophalen"/,/duur = 20/s/duur = 20, //' \
    -e 's/^  opbrengst = /  opbrenst = /' \
    -e 's/deelnemers = { "bewoners" }/deelnemers = { "bewonres" }/' \
    "$T/buurtwandeling.lua" > "$T/kapot.lua"
line_ophalen=$(grep -n 'id = "ophalen"' "$T/kapot.lua" | cut -d: -f1)
line_opbrenst=$(grep -n 'opbrenst' "$T/kapot.lua" | cut -d: -f1)
line_deelnemers=$(grep -n 'deelnemers = { "bewonres" }' "$T/kapot.lua" | cut -d: -f1)
wp werkvorm check kapot.lua
check_rc "een kapotte werkvorm faalt met exit 1" 1
check_err "de ontbrekende duur met regelnummer" "kapot.lua:$line_ophalen: stap 'ophalen' mist 'duur' (de tijd in minuten)"
check_err "de tikfout met een hint" "kapot.lua:$line_opbrenst: onbekend veld 'opbrenst' in de werkvorm, bedoelde je 'opbrengst'?"
check_err "de onbekende groep met een hint" "kapot.lua:$line_deelnemers: 'bewonres' is geen deelnemersgroep van de methode, bedoelde je 'bewoners'?"
check_err "en de verplichte opbrengst" "kapot.lua:8: de werkvorm mist 'opbrengst'"
check_no_out "check zegt niet dat het in orde is" "in orde"

printf 'return {\n  id = "x",\n' > "$T/syntax.lua"
wp werkvorm check syntax.lua
check_rc "een syntaxfout faalt met exit 1" 1
check_err "met regel en het woord syntaxfout" "syntax.lua:3: syntaxfout:"

wp werkvorm check bestaat-niet.lua
check_rc "een bestand dat er niet is" 1
check_err "zegt dat" "bestaat-niet.lua: kan de werkvorm niet openen"

wp werkvorm check
check_rc "check zonder bestand is een gebruiksfout" 2
check_err "die de subopdracht noemt" "werkvorm check: geef precies één werkvormbestand"

# --- the library --------------------------------------------------------------
mkdir -p "$T/lib"
cp "$FIX/empathiekaart.lua" "$FIX/bril.lua" "$T/lib/"
wp werkvormen --werkvormen lib
check_rc "werkvormen toont de bibliotheek" 0
check_out "met de empathiekaart" "empathiekaart"
check_out "en de bril" "Kijk door de bril van"

wp werkvormen --werkvormen lib --sprint 2
check_out "--sprint 2 toont de empathiekaart" "empathiekaart"
check_no_out "maar niet de bril" "Kijk door de bril van"

wp werkvormen --werkvormen lib --groep 16
check_out "--groep 16 past bij de bril" "bril"
check_no_out "en niet bij de empathiekaart (4-12)" "empathiekaart"

wp werkvormen --werkvormen lib --duur 80
check_out "--duur 80: de bril duurt 75 minuten" "bril"
check_no_out "de empathiekaart 90" "empathiekaart"

wp werkvormen --werkvormen lib --deelnemers jongeren
check_out "--deelnemers jongeren: de empathiekaart" "empathiekaart"
check_no_out "niet de bril" "Kijk door de bril van"

wp werkvormen --werkvormen lib --deelnemers jongren
check_rc "een onbekende groep is een gebruiksfout" 2
check_err "met een hint" "bedoelde je 'jongeren'?"

wp werkvormen --werkvormen lib --sprint 3
check_out "geen treffers wordt gezegd" "Geen werkvormen gevonden die bij deze keuzes passen"

wp werkvormen --werkvormen lib --json
check_rc "--json" 0
check_out "geeft JSON met het id" '"id": "empathiekaart"'
check_out "en de groep" '"min": 6'
check "en is geldige JSON" sh -c "command -v python3 >/dev/null || exit 0; python3 -m json.tool '$T/out' >/dev/null"

WERKPLAATS_PATH="$T/lib" wp werkvormen --sprint 4
check_out "WERKPLAATS_PATH werkt ook" "bril"

# A second file with the same id is refused, naming both files; the other
# werkvormen stay usable, and so does the first file with that id.
mkdir -p "$T/lib2"
cp "$FIX/bril.lua" "$T/lib2/andere-bril.lua"
cp "$T/kapot.lua" "$T/lib2/kapot.lua"
wp werkvormen --werkvormen lib --werkvormen lib2
check_rc "een kapotte werkvorm verbergt de rest niet" 0
check_out "de empathiekaart blijft" "empathiekaart"
check_err "een dubbel id noemt beide bestanden" "andere-bril.lua: werkvorm-id 'bril' bestaat al in lib/bril.lua"
check_out "de kapotte staat apart" "Niet te gebruiken"
check_err "met zijn meldingen" "kapot.lua:$line_ophalen: stap 'ophalen' mist 'duur'"

wp werkvorm check lib2/andere-bril.lua --werkvormen lib
check_rc "check weigert een id dat de bibliotheek al heeft" 1
check_err "en noemt waar" "werkvorm-id 'bril' bestaat al in lib/bril.lua"

# nodig: a sprint-3 werkvorm may read what the sprint-2 empathiekaart
# delivers, a key the methode itself does not know
sed -e 's/id = "buurtwandeling"/id = "reis"/' -e 's/sprint = 2,/sprint = 3,/' \
    -e 's/nodig = { "situatie" }/nodig = { "empathiekaart" }/' "$T/buurtwandeling.lua" > "$T/reis.lua"
wp werkvorm check reis.lua
check_rc "zonder de empathiekaart levert niemand 'empathiekaart'" 1
check_err "dat wordt gezegd" "'nodig' noemt 'empathiekaart', maar geen eerdere sprint levert dat"
wp werkvorm check reis.lua --werkvormen lib
check_rc "met de empathiekaart in de bibliotheek wel" 0

# --- help ------------------------------------------------------------------------
for c in "werkvormen" "werkvorm" "werkvorm nieuw" "werkvorm check"; do
    # shellcheck disable=SC2086
    wp $c --help
    check_rc "$c --help" 0
done
wp werkvorm nieuw --help
check_out "werkvorm nieuw --help toont het gebruik" "gebruik: werkplaats werkvorm nieuw ID"
wp werkvorm --help
check_out "werkvorm --help noemt de subopdrachten" "check"
wp werkvorm
check_rc "werkvorm zonder subopdracht is een gebruiksfout" 2
wp werkvorm chek x.lua
check_rc "een onbekende subopdracht" 2
check_err "met een hint" "bedoelde je 'check'?"

done_testing
