# The full regie screen driven in tmux with send-keys through a whole
# werkvorm: a participant added from the screen, contributions (with é, ë,
# ‘ ’ and a cursor edit after a refused line), tab completion, undo, editing
# the chosen contribution, a step back, votes, pause, quitting in the middle
# and resuming, a smaller window, a placement, a decision with an objection,
# the help, closing. Asserts on captured screen text and on the stored facts.
# Waits for the screen by polling capture-pane (bounded), never by timing.
. "$(dirname "$0")/lib.sh"

if ! command -v tmux > /dev/null 2>&1; then
    echo "ok 1 # SKIP tmux ontbreekt"
    echo "1..1"
    exit 0
fi

cp "$WP_TOP/casus/molenwijk.yaml" "$T/molenwijk.yaml"
FIX="$WP_TOP/tests/fixtures/sessie"
SOCK="$T/tmux.sock"
trap 'tmux -S "$SOCK" kill-server 2> /dev/null; rm -rf "$T"' EXIT
db() { sqlite3 "$T/werkplaats.db" "$1"; }
tm() { tmux -S "$SOCK" "$@"; }
RUN=0
keys() { tm send-keys -t "regie$RUN" "$@"; }
# Types text literally (so that words like End or Enter stay text).
typ() { tm send-keys -t "regie$RUN" -l "$1"; }
screen() { tm capture-pane -p -t "regie$RUN" > "$T/screen" 2> /dev/null; }

wait_for() { # wait_for TEXT: polls the screen, at most about 20 seconds
    i=0
    while [ $i -lt 200 ]; do
        screen || return 1        # the session is gone: no use waiting
        grep -qF -- "$1" "$T/screen" && return 0
        sleep 0.1
        i=$((i + 1))
    done
    return 1
}

see() { # see DESC TEXT: the screen shows TEXT (waiting for it)
    wait_for "$2"
    st=$?
    tap $st "$1"
    [ $st -eq 0 ] || sed 's/^/#   scherm: /' "$T/screen"
}

# The last row but two is the edit line.
edit_line() { screen; sed -n "$(($(wc -l < "$T/screen") - 1))p" "$T/screen"; }

run_screen() { # run_screen [ENV...]: the regie in a new 80x24 tmux session
    cmd="cd '$T' && env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen $* ${WP_VALGRIND:-} '$WERKPLAATS' --werkvormen '$FIX' sessie --werkvorm ${WERKVORM:-sessiekaart}; echo EINDE=\$?; sleep 600"
    RUN=$((RUN + 1))
    tm -u -f /dev/null new-session -d -s "regie$RUN" -x 80 -y 24 "$cmd"
    # The previous session goes only now, so the server never runs empty.
    [ $RUN -eq 1 ] || tm kill-session -t "regie$((RUN - 1))"
}

wp start molenwijk.yaml --zaad 7
wp sprint start 1

run_screen
see "het scherm toont stap, werkvorm en sprint" "stap 1/5: Welkom · Sessiekaart (testwerkvorm) · sprint 1"
see "de klok van stap en werkvorm" " van 50:00"
check "met beide klokken" grep -qE "^Stap .* van 05:00 +Werkvorm " "$T/screen"
see "de instructie om voor te lezen" "Heet iedereen welkom."
see "de regel met toetsen" "F1 hulp F2 volgende F3 vorige F4 pauze F5 ongedaan"

typ "+anna bewoners Anna"; keys Enter
see "een deelnemer toevoegen vanaf het scherm" "deelnemer anna (bewoners) toegevoegd"
typ "+bram jong Bram"; keys Enter
see "met een afgekorte groep" "deelnemer bram (jongeren) toegevoegd"

keys F2
see "F2: de volgende stap" "stap 2/5: Wat zie je?"
see "wat de stap vraagt" "bijdragen; velden ziet: voelt:; #omgeving mag"
typ "@an #fys z: De lampen bij de flat zijn kapot"; keys Enter
see "een bijdrage met afgekorte namen" "opgeslagen: b3 (ziet) door anna #fysiek"
see "en in de lijst, per veld" "b3   anna (bewoners): De lampen bij de flat zijn kapot #fysiek"
typ "@bram voelt: Ik voel me ‘s avonds niet veilig bij café De Molen #soc"; keys Enter
see "UTF-8 op het scherm" "bram (jongeren): Ik voel me ‘s avonds niet veilig bij café De Molen"

typ "@ana ziet: Hangjongeren bij de Spar"; keys Enter
see "een onbekende deelnemer met hint" "onbekende deelnemer 'ana', bedoelde je 'anna'?"
check "de geweigerde regel blijft staan" sh -c "[ \"\$(sed -n 23p '$T/screen')\" = '> @ana ziet: Hangjongeren bij de Spar' ]"
keys Home Right Right Right; typ "n"; keys Enter
see "na een verbetering met de cursor opgeslagen" "opgeslagen: b5 (ziet) door anna"
keys F5
see "F5: ongedaan" "ongedaan gemaakt: b5 (ziet) door anna"

typ "@br"; keys Tab
see "Tab maakt een naam af" "> @bram"
typ "ziet: Brommers ’s nachts op de stoep, één na één"; keys Enter
see "nog een bijdrage" "opgeslagen: b7 (ziet) door bram"

keys Up F6
see "F6: de gekozen bijdrage in de regel" "> wijzig b4: #sociaal voelt: Ik voel me ‘s avonds"
keys End; typ " (ë)"; keys Enter
see "gewijzigd" "gewijzigd: b4"
see "de wijziging in de lijst" "café De Molen (ë)"

keys F2
see "naar de stemmen" "stap 3/5: Stemmen"
keys F3
see "F3: een stap terug" "stap 2/5: Wat zie je?"
keys C-n
see "Ctrl-N: weer verder" "stap 3/5: Stemmen"
typ "@anna b3 b3 b7"; keys Enter
see "stemmen als turven" "opgeslagen: 1 stem van anna op b7"
typ "@bram b7=2 b3 b4"; keys Enter
see "de vierde stem wordt geweigerd" "deelnemer 'bram' heeft al 3 van de 3 stemmen gebruikt"
see "wat niet is opgeslagen blijft in de regel" "> @bram b4"
keys C-u
see "de stand per deelnemer" "gestemd: anna 3/3, bram 3/3"

keys F4
see "F4: pauze" "GEPAUZEERD"
keys F4
see "F4 nog eens: de klok loopt" "de klok loopt weer"

# Quit in the middle, then start again: back where it was.
keys F10
see "F10: stoppen" "EINDE=0"
check "stoppen legt een pauze 'afgesloten' vast" test "$(db "select data from feit where soort='pauze' order by volgnr desc limit 1")" = '{"reden":"afgesloten"}'
run_screen NO_COLOR=1
see "hervat waar hij was" "stap 3/5: Stemmen"
see "en de klok loopt weer" "Hervat: de klok loopt weer vanaf waar je stopte."
see "met de stemmen van voor het stoppen" "gestemd: anna 3/3, bram 3/3"
check "zonder kleuren bij NO_COLOR" sh -c "! tmux -S '$SOCK' capture-pane -e -p -t regie$RUN | grep -q '\[[0-9;]*4[0-7]m'"

# A smaller window still shows the essentials.
tm resize-window -t "regie$RUN" -x 60 -y 14
wait_for "F1 hulp F2 volgende"
check "klein scherm: de stap" grep -qF "stap 3/5: Stemmen" "$T/screen"
check "klein scherm: de klok" grep -qF "Werkvorm " "$T/screen"
check "klein scherm: de invoerregel" sh -c "grep -q '^>' '$T/screen'"
check "klein scherm: 14 regels" test "$(wc -l < "$T/screen")" -le 14
tm resize-window -t "regie$RUN" -x 80 -y 24
see "weer groot" "Verdeel drie stemmen."

keys F2
see "naar de glijbaan" "stap 4/5: Glijbaan"
typ "@anna wijkagent onder"; keys Enter
see "een plaatsing met een label" "opgeslagen: wijkagent op 3 (onder) door anna"
see "de plaatsing op de schaal" "wijkagent door anna (bewoners)"

keys F2
see "naar het besluit" "stap 5/5: Besluit"
typ "bezwaar @bram: Te duur => opgelost: Subsidie"; keys Enter
see "een bezwaar in het concept" "concept, nog niet opgeslagen (1 bezwaren)"
typ "besluit aangenomen: We beginnen bij het Molenplein"; keys Enter
see "het besluit met het bezwaar" "opgeslagen: besluit aangenomen: We beginnen bij het Molenplein (1 bezwaar)"

typ "?"
see "? op een lege regel: de hulp" "Hulp: pijltjes en PgUp/PgDn bladeren"
keys Escape
see "een toets sluit de hulp" "F1 hulp F2 volgende"

typ "sluit"; keys Enter
see "sluiten" "Werkvorm sessiekaart gesloten. Opgeleverd: "
keys Space
see "een toets na het sluiten stopt" "EINDE=0"

check "de sessie is gesloten" test "$(db "select status from sessie where werkvorm='sessiekaart'")" = gesloten
check "vier bijdragen, een ongedaan" test "$(db "select count(*) from feit where soort='bijdrage'")" = 4
check "de wijziging staat in het spoor" sh -c "sqlite3 '$T/werkplaats.db' \"select tekst from feit where soort='wijziging'\" | grep -qF 'café De Molen (ë)'"
check "ongedaan is een verwijdering" test "$(db "select count(*) from feit where soort='verwijdering' and data like '%ongedaan%'")" = 1
check "zes stemmen" test "$(db "select sum(waarde) from feit where soort='stem'")" = 6.0
check "één gekozen pauze en één stop" test "$(db "select group_concat(data, ' ') from feit where soort='pauze'")" = '{"reden":"pauze"} {"reden":"afgesloten"}'
check "het besluit bewaart het bezwaar" sh -c "sqlite3 '$T/werkplaats.db' \"select data from feit where soort='besluit'\" | grep -q Subsidie"
check "het resultaat komt uit de feiten" sh -c "sqlite3 '$T/werkplaats.db' \"select resultaat from sessie\" | grep -q 'We beginnen bij het Molenplein'"

# A long instruction is read page by page; the werkvorm's message at a step
# change stands above the instruction.
WERKVORM=regiekaart run_screen
see "een lange instructie: eerst de eerste pagina" "F7: verder lezen (1/2)"
keys F7
see "F7: de volgende pagina" "EINDE-VAN-DE-UITLEG"
keys F2
see "het bericht van de werkvorm bij de stapwissel" "» Tip: begin bij de bewoners"
typ "@anna #soc #fys Het portiek"; keys Enter
see "gegroepeerd per omgeving" "sociaal + fysiek (1)"
keys C-c
see "Ctrl-C stopt ook" "EINDE=0"

# The clock near and past the end of the timebox (10 minutes): the step is
# moved back in time in the store, as if it started earlier.
step_started() { # step_started SECONDS: the step 'plekken' began that long ago
    db "update feit set tijd = '$(date -u -d "$1 seconds ago" +%Y-%m-%dT%H:%M:%S.000Z)' where soort = 'stap' and stap = 'plekken' and sessie = (select id from sessie where werkvorm = 'regiekaart')"
}
# Half a minute before the end; the time the test itself takes only adds
# to what is left, and the warning starts two minutes before the end.
step_started 570
WERKVORM=regiekaart run_screen
see "de laatste minuten: een waarschuwing" "Stap !0"
see "na het hervatten staat het bericht van de werkvorm er weer" "» Tip: begin bij de bewoners"
keys F10
see "gestopt" "EINDE=0"
step_started 720
WERKVORM=regiekaart run_screen
see "over tijd telt de klok door" "over tijd"
check "de stap is hooguit twee minuten over tijd" grep -qE "Stap \+0[0-2]:[0-9]{2} over tijd" "$T/screen"
keys F10
see "gestopt" "EINDE=0"

done_testing
