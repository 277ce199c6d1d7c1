# The traject lifecycle from the command line: start, status, sprint gates,
# casus check, goedkeuring, usage errors and exit codes.
. "$(dirname "$0")/lib.sh"

cp "$WP_TOP/casus/molenwijk.yaml" "$T/molenwijk.yaml"

wp casus check molenwijk.yaml
check_rc "casus check op de Molenwijk slaagt" 0
check_out "casus check meldt in orde" "in orde"

sed 's/^wijk: Molenwijk/wijkk: Molenwijk/' "$T/molenwijk.yaml" > "$T/kapot.yaml"
wp casus check kapot.yaml
check_rc "een kapotte casus geeft exit 1" 1
check_err "de fout noemt bestand:regel:kolom en een hint" "kapot.yaml:8:1: onbekend veld 'wijkk' in de casus, bedoelde je 'wijk'?"
check "casus check maakt geen database" test ! -e "$T/werkplaats.db"

wp status
check_rc "status zonder traject is een gebruikersfout" 1
check_err "status zegt hoe je begint" "werkplaats start CASUS.yaml"

wp start molenwijk.yaml
check_rc "start slaagt" 0
check "de database heeft alleen-eigenaarrechten" sh -c "[ \$(stat -c %a '$T/werkplaats.db') = 600 ]"

wp status
check_rc "status slaagt" 0
check_out "status toont sprint 1 gepland" "Zien en voelen"
check_out "status toont sprint 7" "Verankeren"
check "status toont 7 geplande sprints" sh -c "[ \$(grep -c ' gepland ' '$T/out') -eq 7 ]"
check_out "status wijst de volgende stap" "werkplaats sprint start 1"

wp start molenwijk.yaml
check_rc "een tweede start in dezelfde database wordt geweigerd" 1
check_err "met uitleg" "bevat al een traject"

wp sprint start 2
check_rc "sprint 2 starten voor sprint 1 dicht is wordt geweigerd" 1
check_err "met de reden" "sprint 1 (Zien en voelen) is nog niet gesloten"

wp sprint start 1
check_rc "sprint 1 start" 0
wp sprint start 1
check_rc "sprint 1 nogmaals starten wordt geweigerd" 1
wp sprint sluit 1
check_rc "sprint 1 sluiten zonder resultaat wordt geweigerd" 1
check_err "de weigering noemt het ontbrekende resultaat" "resultaat 'hoofdvraag' ontbreekt"

wp sprint start 9
check_rc "een sprint die niet bestaat is een gebruiksfout" 2
check_err "met het bereik" "van 1 tot en met 7"

wp sprint begin 1
check_rc "een onbekende subopdracht is een gebruiksfout" 2

wp statsu
check_rc "een onbekende opdracht is een gebruiksfout" 2
check_err "met een hint" "bedoelde je 'status'?"

wp status --verbose
check_rc "een onbekende optie is een gebruiksfout" 2
check_err "die de optie noemt" "onbekende optie '--verbose'"

wp goedkeuring ontwerpbrief wijkagent
check_rc "goedkeuren van een ontwerpbrief die er nog niet is wordt geweigerd" 1
check_err "met uitleg" "er is nog geen ontwerpbrief"

for c in start status sprint casus goedkeuring; do
    wp "$c" --help
    check_rc "$c --help" 0
    check_out "$c --help toont het gebruik" "gebruik: werkplaats $c"
done

wp --db "$T/ander.db" status
check_rc "--db naar een database die niet bestaat" 1
check_err "noemt het pad" "ander.db bestaat niet"

# A start that fails leaves no database behind, whatever the reason.
mkdir "$T/leeg" && cp "$T/kapot.yaml" "$T/leeg/"
(cd "$T/leeg" && "$WERKPLAATS" start kapot.yaml) > "$T/out" 2> "$T/err"; RC=$?
check_rc "start met een kapotte casus geeft exit 1" 1
check_err "en noemt bestand:regel:kolom" "kapot.yaml:8:1: onbekend veld 'wijkk'"
check "start met een kapotte casus maakt geen database" test ! -e "$T/leeg/werkplaats.db"
wp start molenwijk.yaml --db "$T/bestaat-niet/x.db"
check_rc "start in een map die niet bestaat geeft exit 1" 1
check_err "en zegt dat in het Nederlands" "kan niet aanmaken: de map bestaat niet"

# Global options may stand after the command, in both spellings.
wp start molenwijk.yaml --db apart.db --zaad 7
check_rc "start met --db na de opdracht" 0
check "maakt de genoemde database" test -f "$T/apart.db"
wp status --db=apart.db
check_rc "status met --db=PAD na de opdracht" 0
check_out "leest dezelfde database" "database apart.db"
wp sprint start 1 --db apart.db
check_rc "sprint start met --db na de argumenten" 0
wp --db apart.db status
check_out "de sprint loopt in die database" " lopend "
check "de andere zes sprints blijven gepland" sh -c "[ \$(grep -c ' gepland ' '$T/out') -eq 6 ]"
wp status --db
check_rc "--db zonder waarde is een gebruiksfout" 2
check_err "met uitleg" "optie '--db' verwacht een waarde"

# Another program's SQLite file is refused and left as it was.
if command -v sqlite3 > /dev/null; then
    sqlite3 "$T/adressen.db" "CREATE TABLE adres (straat TEXT); INSERT INTO adres VALUES ('Molenplein 1');"
    before=$(cksum < "$T/adressen.db")
    wp start molenwijk.yaml --db adressen.db
    check_rc "start in de database van een ander programma wordt geweigerd" 1
    check_err "met uitleg" "adressen.db is geen werkplaats-database"
    check "het bestand blijft zoals het was" test "$before" = "$(cksum < "$T/adressen.db")"

    # A database written by a newer werkplaats is refused, not downgraded.
    cp "$T/apart.db" "$T/nieuwer.db"
    sqlite3 "$T/nieuwer.db" "PRAGMA user_version = 99;"
    wp status --db nieuwer.db
    check_rc "een database van een nieuwere versie wordt geweigerd" 1
    check_err "met beide versies in de melding" "komt van een nieuwere versie van werkplaats (schema 99, deze versie kent tot en met"
fi

wp --version
check_rc "--version" 0
check_out "noemt de versie" "werkplaats 0."
wp
check_rc "zonder opdracht is een gebruiksfout" 2
wp --help
check_rc "--help" 0
check_out "--help noemt elke opdracht" "goedkeuring"

done_testing
