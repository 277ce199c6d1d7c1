# `make install` (tools/install.sh) into a DESTDIR, then the installed binary
# run from an unrelated folder: it must find its werkvormen under
# share/werkplaats, not in the source tree. Also: the man page renders
# without warnings.
. "$(dirname "$0")/lib.sh"

dest="$T/staging"
prefix=/opt/werkplaats-e2e
root="$dest$prefix"
"$WP_TOP/tools/install.sh" "$WERKPLAATS" "$root/bin" "$root/share/werkplaats" "$root/share/man" \
    > "$T/out" 2> "$T/err"
RC=$?
check_rc "installeren in een DESTDIR slaagt" 0
check "het programma staat in bin/ en is uitvoerbaar" test -x "$root/bin/werkplaats"
check "methode.yaml staat bij de werkvormen" test -f "$root/share/werkplaats/werkvormen/methode.yaml"
check "de handleiding staat in man1/" test -f "$root/share/man/man1/werkplaats.1"
check "er staat niets buiten de DESTDIR" test ! -e "$prefix/bin/werkplaats"

# Mark the installed methode, so the output shows which copy was read.
sed 's/naam: Zien en voelen/naam: Zien en voelen (geinstalleerd)/' \
    "$WP_TOP/werkvormen/methode.yaml" > "$root/share/werkplaats/werkvormen/methode.yaml"
cp "$WP_TOP/casus/molenwijk.yaml" "$T/molenwijk.yaml"
built=$WERKPLAATS
WERKPLAATS="$root/bin/werkplaats"

wp casus check molenwijk.yaml
check_rc "het geïnstalleerde programma controleert een casus" 0
check_out "en vindt de casus in orde" "in orde"
wp start molenwijk.yaml
check_rc "het geïnstalleerde programma start een traject" 0
wp status
check_rc "en toont de status" 0
check_out "met de methode uit share/werkplaats/werkvormen" "Zien en voelen (geinstalleerd)"
check "en 7 geplande sprints" sh -c "[ \$(grep -c ' gepland ' '$T/out') -eq 7 ]"

# A second install over the first is fine (upgrades do that).
"$WP_TOP/tools/install.sh" "$built" "$root/bin" "$root/share/werkplaats" "$root/share/man" \
    > "$T/out" 2> "$T/err" || true
check "opnieuw installeren over een bestaande installatie slaagt" test -x "$root/bin/werkplaats"

if command -v groff > /dev/null; then
    groff -man -ww -z "$WP_TOP/man/werkplaats.1" > "$T/out" 2> "$T/err"
    RC=$?
    check_rc "groff leest de handleiding" 0
    check "zonder waarschuwingen" test ! -s "$T/err"
    groff -man -Tascii -P-cbou "$WP_TOP/man/werkplaats.1" > "$T/man.txt" 2> /dev/null
    for section in NAAM OVERZICHT BESCHRIJVING OPDRACHTEN OPTIES OMGEVING BESTANDEN AFSLUITSTATUS; do
        check "de handleiding heeft $section" grep -q "^$section" "$T/man.txt"
    done
    for word in "start casus.yaml" status "sprint start n" "sprint sluit n" "goedkeuring document" \
                "casus check bestand" WERKPLAATS_PATH WERKPLAATS_VANDAAG --db --werkvormen --zaad \
                --datum --help --version "export --anoniem" "vergeet deelnemer" bewaartermijn --bewaren-tot; do
        check "de handleiding noemt '$word'" grep -qF -- "$word" "$T/man.txt"
    done
fi

done_testing
