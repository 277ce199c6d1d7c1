# The same werkvorm run live (the regie's line mode) and from a draaiboek
# with the same inputs gives the same facts and the same result: a live
# workshop and a replayed one go through the same engine.
. "$(dirname "$0")/lib.sh"

cp "$WP_TOP/casus/molenwijk.yaml" "$T/molenwijk.yaml"
FIX="$WP_TOP/tests/fixtures/sessie"

cat > "$T/draaiboek.yaml" <<'YAML'
draaiboek:
  casus: molenwijk.yaml
  zaad: 7
deelnemers:
  - { id: anna, naam: Anna, groep: bewoners }
  - { id: bram, naam: Bram, groep: jongeren }
sprints:
  - sprint: 1
    werkvormen:
      - werkvorm: sessiekaart
        stappen:
          - stap: kaart
            invoer:
              - { wie: anna, veld: ziet, tekst: "De lampen bij de flat zijn kapot", omgevingen: [fysiek] }
              - { wie: bram, veld: voelt, tekst: "Ik voel me ‘s avonds niet veilig bij café De Molen", omgevingen: [sociaal, fysiek] }
              - { wie: anna, veld: ziet, tekst: "Hangjongeren bij de Spar" }
          - stap: stemmen
            invoer:
              - { wie: anna, op: b3, aantal: 2 }
              - { wie: anna, op: b5 }
              - { wie: bram, op: b4, aantal: 3 }
          - stap: glijbaan
            invoer:
              - { wie: anna, op: wijkagent, waarde: 3 }
              - { wie: bram, op: boa, waarde: 2, tekst: "ziet het nu ook" }
          - stap: besluit
            invoer:
              - wie: anna
                tekst: We beginnen bij het Molenplein
                uitkomst: aangenomen
                bezwaren:
                  - { wie: bram, tekst: Te duur, opgelost: Subsidie }
YAML

cat > "$T/live.txt" <<'IN'
+anna bewoners Anna
+bram jongeren Bram
volgende
@anna #fysiek ziet: De lampen bij de flat zijn kapot
@bram #sociaal #fysiek voelt: Ik voel me ‘s avonds niet veilig bij café De Molen
@anna ziet: Hangjongeren bij de Spar
volgende
@anna b3 b3 b5 @bram b4=3
volgende
@anna wijkagent 3
@bram boa midden: ziet het nu ook
volgende
bezwaar @bram: Te duur => opgelost: Subsidie
besluit @anna aangenomen: We beginnen bij het Molenplein
sluit
IN

wp --werkvormen "$FIX" --db draaiboek.db run --stil draaiboek.yaml
check_rc "de draaiboek draait" 0

wp --db live.db start molenwijk.yaml --zaad 7
wp --db live.db sprint start 1
wp --werkvormen "$FIX" --db live.db sessie --werkvorm sessiekaart --eenvoudig < "$T/live.txt"
check_rc "de live sessie draait zonder weigeringen" 0
check_out "en sluit de werkvorm" "Werkvorm sessiekaart gesloten"

facts="select volgnr, soort, stap, deelnemer, ref, tekst, veld, omgevingen, waarde, data, doel from feit order by volgnr"
sqlite3 "$T/draaiboek.db" "$facts" > "$T/feiten.draaiboek"
sqlite3 "$T/live.db" "$facts" > "$T/feiten.live"
check "dezelfde feiten, in dezelfde volgorde" cmp "$T/feiten.draaiboek" "$T/feiten.live"
check "er zijn feiten om te vergelijken" test "$(wc -l < "$T/feiten.live")" -eq 14

result="select resultaat from sessie where werkvorm = 'sessiekaart'"
sqlite3 "$T/draaiboek.db" "$result" > "$T/resultaat.draaiboek"
sqlite3 "$T/live.db" "$result" > "$T/resultaat.live"
check "hetzelfde resultaat van de werkvorm" cmp "$T/resultaat.draaiboek" "$T/resultaat.live"
check "het resultaat bevat het besluit" grep -q "We beginnen bij het Molenplein" "$T/resultaat.live"

# The sprint result the next sprint reads is the same too.
wp --werkvormen "$FIX" --db live.db sprint sluit 1
check_rc "de live sprint sluit" 0
wp --db live.db resultaat --sprint 1
cp "$T/out" "$T/sprint.live"
wp --db draaiboek.db resultaat --sprint 1
check "hetzelfde sprintresultaat" cmp "$T/out" "$T/sprint.live"

done_testing
