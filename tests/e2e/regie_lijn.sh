# The regie's line mode (werkplaats sessie --eenvoudig) through a pipe: a
# whole werkvorm with contributions, a refused line, a tally stored in part,
# undo, a step back, stopping at the end of input and resuming, closing.
# Asserts on what it prints and on the stored facts.
. "$(dirname "$0")/lib.sh"

cp "$WP_TOP/casus/molenwijk.yaml" "$T/molenwijk.yaml"
FIX="$WP_TOP/tests/fixtures/sessie"
db() { sqlite3 "$T/werkplaats.db" "$1"; }

wp start molenwijk.yaml --zaad 7
wp --werkvormen "$FIX" sessie --werkvorm sessiekaart --eenvoudig < /dev/null
check_rc "zonder lopende sprint wordt de sessie geweigerd" 1
check_err "met de stap die ontbreekt" "er loopt geen sprint; start er een met 'werkplaats sprint start N'"
wp sprint start 1

wp sessie --help
check_rc "sessie --help" 0
check_out "sessie --help toont het gebruik" "gebruik: werkplaats sessie"
wp --werkvormen "$FIX" sessie --werkvorm sessiekaart < /dev/null
check_rc "het volledige scherm zonder terminal is een gebruiksfout" 2
check_err "met de uitweg" "gebruik --eenvoudig"
wp --werkvormen "$FIX" sessie --eenvoudig < /dev/null
check_rc "zonder open werkvorm en zonder --werkvorm" 1
check_err "zegt hoe je er een kiest" "kies er een met 'werkplaats sessie --werkvorm ID'"
check_err "en noemt de werkvormen van de sprint" "'sessiekaart'"
wp --werkvormen "$FIX" sessie --sprint 2 --werkvorm sessiekaart --eenvoudig < /dev/null
check_rc "een sprint die niet loopt" 1
check_err "noemt hoe hij start" "sprint 2 loopt nog niet"

# The first half: stop at the end of the input, in the voting step.
cat > "$T/deel1" <<'IN'
+anna bewoners Anna
+bram jongeren Bram
?
volgende
@an #fys z: De lampen bij de flat zijn kapot
@bram voelt: Ik voel me ‘s avonds niet veilig bij café De Molen #soc
@ana ziet: een typfout
@anna ziet: Hangjongeren bij de Spar
verwijder b5
ongedaan
wijzig b4: voelt: Ik voel me ‘s avonds niet veilig bij café De Molën
volgende
vorige
lijst
volgende
@anna b3 b3 b4 b4
IN
wp --werkvormen "$FIX" sessie --werkvorm sessiekaart --eenvoudig < "$T/deel1"
check_rc "een geweigerde regel in een pipe geeft exit 1" 1
check_out "kop met werkvorm en sprint" "Werkvorm Sessiekaart (testwerkvorm) (sessiekaart), sprint 1"
check_out "de stap met de instructie" "Lees voor: Heet iedereen welkom."
check_out "de klok als tekst" "Tijd: stap "
check_out "met de tijdsduur van de stap en de werkvorm" " van 05:00; werkvorm "
check_out "de hulp op ?" "OPDRACHTEN (mogen ook met / ervoor)"
check_out "deelnemer toegevoegd" "deelnemer anna (bewoners) toegevoegd; gebruik @anna"
check_out "bevestiging per feit, met afgekorte namen" "opgeslagen: b3 (ziet) door anna #fysiek"
check_out "UTF-8 en een omgeving achteraan" "opgeslagen: b4 (voelt) door bram #sociaal"
check_err "onbekende deelnemer met regelnummer en hint" "fout (regel 7): onbekende deelnemer 'ana', bedoelde je 'anna'?"
check_out "verwijderen" "verwijderd: b5"
check_out "ongedaan zet een verwijdering terug" "ongedaan gemaakt: verwijdering van b5"
check_out "wijzigen" "gewijzigd: b4"
check_out "een stap terug" "Stap 2 van 5: Wat zie je?"
check_out "de lijst per veld" "voelt (1)"
check_out "de gewijzigde tekst in de lijst" "bram (jongeren): Ik voel me ‘s avonds niet veilig bij café De Molën #sociaal"
check_out "stemmen" "opgeslagen: 2 stemmen van anna op b3"
check_err "de vierde stem wordt geweigerd" "deelnemer 'anna' heeft al 2 van de 3 stemmen gebruikt"
check_out "wat nog niet is opgeslagen" "nog niet opgeslagen: @anna b4=2"
check_out "einde invoer is stoppen" "Gestopt; de klok staat stil."
check "geen escapecodes in de regelmodus" sh -c "! grep -q \"$(printf '\033')\" '$T/out'"
check "de laatste pauze is 'afgesloten'" test "$(db "select data from feit where soort='pauze' order by volgnr desc limit 1")" = '{"reden":"afgesloten"}'
check "b5 staat nog (de verwijdering is teruggedraaid)" test "$(db "select count(*) from feit f where ref='b5' and soort='bijdrage' and not exists (select 1 from feit r where r.doel=f.id and not exists (select 1 from feit h where h.doel=r.id))")" = 1
check "het spoor bewaart verwijdering en terugdraaien" test "$(db "select count(*) from feit where soort='verwijdering'")" = 2
check "de live feiten zeggen waar ze vandaan komen" test "$(db "select count(*) from feit where bron='regie'")" -gt 10

# The second half: resumes where it stopped, the clock running again.
cat > "$T/deel2" <<'IN'
@anna b4
@bram b5=3
volgende
@anna wijkagent onder
@bram boa 2: ziet het nu ook
volgende
bezwaar @bram: Te duur => opgelost: Subsidie
besluit @anna aangenomen: We beginnen bij het Molenplein
sluit
IN
wp --werkvormen "$FIX" sessie --eenvoudig < "$T/deel2"
check_rc "de tweede helft slaagt" 0
check_out "hervat waar hij was, de klok loopt weer" "Hervat: de klok loopt weer vanaf waar je stopte."
check_out "in de stemstap" "Stap 3 van 5: Stemmen"
check_out "plaatsing met een label van de schaal" "opgeslagen: wijkagent op 3 (onder) door anna"
check_out "het besluit met het bezwaar uit het concept" "opgeslagen: besluit aangenomen: We beginnen bij het Molenplein (1 bezwaar)"
check_out "sluiten noemt wat de werkvorm opleverde" "Werkvorm sessiekaart gesloten. Opgeleverd: "
check "de sessie is gesloten" test "$(db "select status from sessie where werkvorm='sessiekaart'")" = gesloten
check "hervatting na het stoppen" test "$(db "select count(*) from feit where soort='hervatting'")" = 1
check "het resultaat komt uit de live feiten" sh -c "sqlite3 '$T/werkplaats.db' \"select resultaat from sessie\" | grep -q 'We beginnen bij het Molenplein'"

wp --werkvormen "$FIX" sessie --werkvorm sessiekaart --eenvoudig < /dev/null
check_rc "een gesloten werkvorm gaat niet nog eens open" 1
check_err "met de uitweg" "--label sessiekaart-2"

# A second werkvorm: the werkvorm's own message at a step change, required
# omgevingen grouped on screen, and a werkvorm that fails when closing: the
# session stays open with every input, and closes once the cause is gone.
cat > "$T/regiekaart" <<'IN'
+joost jongeren
volgende
@joost Het portiek van de flat
@joost #fys #soc Het portiek van de flat
@joost #soc Speeltuin
@joost #fys kapot
lijst
volgende
@joost b4 -2
b3=2 b5 1: voor iedereen
lijst
volgende
besluit aangenomen: We beginnen bij het portiek
sluit
vorige
vorige
verwijder b5
volgende
volgende
sluit
IN
wp --werkvormen "$FIX" sessie --werkvorm regiekaart --label regie-2 --eenvoudig < "$T/regiekaart"
check_rc "met weigeringen: exit 1" 1
check_out "het bericht van de werkvorm bij de stapwissel" "Tip: begin bij de bewoners die het langst in de wijk wonen."
check_err "een verplichte omgeving" "fout (regel 3): stap 'plekken' vraagt bij elke bijdrage minstens één omgeving"
check_out "gegroepeerd per combinatie van omgevingen" "sociaal + fysiek (1)"
check_out "een plaatsing op een schaal met negatieve punten" "opgeslagen: b4 op -2 door joost"
check_out "de plaatsing toont de bijdrage" "b4 Speeltuin door joost (jongeren)"
check_out "met een opmerking" "b5 kapot: voor iedereen"
check_out "een besluit zonder bezwaren" "opgeslagen: besluit aangenomen: We beginnen bij het portiek"
check_err "de fout van de werkvorm" "de werkvorm struikelt over een bijdrage 'kapot'"
check_err "de sessie blijft open" "de werkvorm blijft open en alle invoer is bewaard"
check_out "na het herstel sluit hij" "Werkvorm regiekaart gesloten."
check "gesloten onder het eigen label" test "$(db "select status from sessie where label='regie-2'")" = gesloten

# Without --werkvorm: the open werkvorm used last, else the one still to do,
# else the choices. A copy of the binary whose built-in folder holds only
# these two werkvormen, so that the choice does not depend on the library.
mkdir -p "$T/bin" "$T/werkvormen"
cp "$WERKPLAATS" "$T/bin/werkplaats"
cp "$WP_TOP/werkvormen/methode.yaml" "$FIX/sessiekaart.lua" "$FIX/regiekaart.lua" "$T/werkvormen/"
WERKPLAATS="$T/bin/werkplaats"
wp --db keuze.db start molenwijk.yaml
wp --db keuze.db sprint start 1
wp --db keuze.db sessie --eenvoudig < /dev/null
check_rc "twee werkvormen te doen: kiezen" 1
check_err "de keuzes" "kies er een met 'werkplaats sessie --werkvorm ID': 'regiekaart' of 'sessiekaart'"
printf 'volgende\nvolgende\nvolgende\nvolgende\nbesluit aangenomen: x\nsluit\n' > "$T/snel"
wp --db keuze.db sessie --werkvorm sessiekaart --eenvoudig < "$T/snel"
check_rc "de eerste is gedaan" 0
wp --db keuze.db sessie --eenvoudig < /dev/null
check_rc "de enige die nog te doen is, gaat open" 0
check_out "en dat is de regiekaart" "Werkvorm Regiekaart (testwerkvorm) (regiekaart)"
printf 'volgende\nvolgende\nvolgende\nbesluit aangenomen: y\nsluit\n' > "$T/snel"
wp --db keuze.db sessie --eenvoudig < "$T/snel"
check_rc "de open werkvorm die het laatst gebruikt is, gaat verder" 0
check_out "en sluit" "Werkvorm regiekaart gesloten."
wp --db keuze.db sessie --eenvoudig < /dev/null
check_rc "alles gedaan" 1
check_err "zegt wat nu" "alle werkvormen van sprint 1 zijn gedaan; sluit de sprint met 'werkplaats sprint sluit 1'"

done_testing
