# Hostile files at the three doors a file comes in by: `casus check` (the
# casus loader), `run` (the draaiboek loader, and the casus it names) and
# `werkvorm check` (the card validator). Each classic attack ends with exit 1
# and its exact Dutch message with file:line:col, quickly and without a
# database left behind: a YAML alias bomb (billion laughs), nesting 100000
# deep, a 100 MB value, invalid UTF-8, a NUL byte, a folder, a missing file
# and a file without read permission. test_yamlx.c holds the same cases for
# the YAML reader itself, with small limits; here the real limits hold.
. "$(dirname "$0")/lib.sh"

cd "$T" || exit 1
cp "$WP_TOP/casus/molenwijk.yaml" .

# refused DESC MESSAGE ARGS...: werkplaats ARGS exits 1 with MESSAGE. A check
# never makes a database; a draaiboek that fails after its header has started
# the traject, which a corrected draaiboek then continues (by design).
refused() {
    desc=$1; msg=$2; shift 2
    rm -f werkplaats.db
    wp "$@"
    check_rc "$desc" 1
    # (lib.sh's echo would turn a "\0" in the description into a NUL byte)
    check_err "$desc: $(printf '%s' "$msg" | tr '\\' '/')" "werkplaats: $msg"
    if [ "$1" != run ]; then check "$desc: geen database achtergelaten" test ! -e werkplaats.db; fi
}

# --- the files --------------------------------------------------------------
# Billion laughs: each level doubles the one before; refused at the first alias.
{
    echo 'lol0: &lol0 "lol"'
    for i in 1 2 3 4 5 6 7 8 9; do
        p=$((i - 1)); echo "lol$i: &lol$i [*lol$p, *lol$p, *lol$p, *lol$p, *lol$p, *lol$p, *lol$p, *lol$p, *lol$p, *lol$p]"
    done
} > lach.yaml
awk 'BEGIN { s = "id: "; for (i = 0; i < 100000; i++) s = s "["; for (i = 0; i < 100000; i++) s = s "]"; print s }' > diep.yaml
printf 'id: x\nwijk: "Molen\377wijk"\n' > utf8.yaml
printf 'id: x\nwijk: Molen\000wijk\n' > nul.yaml
mkdir map.yaml
# 100 MB in one value, made here (never committed): the casus loader refuses
# the file by its size, the draaiboek reader (which streams) after 1 MiB of it.
{ printf 'id: "'; head -c 100000000 /dev/zero | tr '\0' x; printf '"\n'; } > groot.yaml

# A draaiboek whose attack sits after a valid header and in a real entry.
kop='draaiboek: { naam: "Aanval", casus: molenwijk.yaml }\n'
printf "${kop}deelnemers:\n  - &j { id: bew-joke, naam: Joke, groep: bewoners }\n  - *j\n" > d_alias.yaml
{ printf "$kop"; awk 'BEGIN { s = "deelnemers: "; for (i = 0; i < 100000; i++) s = s "["; for (i = 0; i < 100000; i++) s = s "]"; print s }'; } > d_diep.yaml
printf "${kop}deelnemers:\n  - { id: bew-joke, naam: \"Jo\377ke\", groep: bewoners }\n" > d_utf8.yaml
printf "${kop}deelnemers:\n  - { id: bew-joke, naam: Jo\000ke, groep: bewoners }\n" > d_nul.yaml
# An escape that would steer the facilitator's terminal (clear the screen).
{ printf "$kop"; printf '%s\n' 'deelnemers:' '  - { id: bew-joke, naam: "Joke\e[2J", groep: bewoners }'; } > d_esc.yaml
{ printf "${kop}deelnemers:\n  - { id: bew-joke, groep: bewoners, naam: \""; head -c 100000000 /dev/zero | tr '\0' x; printf '" }\n'; } > d_groot.yaml
printf 'draaiboek: { naam: "Aanval", casus: lach.yaml }\n' > d_casus.yaml

# Werkvormen: the Lua counterparts.
awk 'BEGIN { s = "return "; for (i = 0; i < 100000; i++) s = s "{"; for (i = 0; i < 100000; i++) s = s "}"; print s }' > diep.lua
bad=$(printf 'Vijandige\377 werkvorm')
LC_ALL=C sed "s/naam = \"Vijandige werkvorm\"/naam = \"$bad\"/" "$WP_TOP/tests/hostile/io.lua" > utf8.lua
sed 's/^  id = "io",/  id = "i\\0o",/' "$WP_TOP/tests/hostile/io.lua" > nul.lua
mkdir map.lua
{ printf -- '-- '; head -c 100000000 /dev/zero | tr '\0' x; printf '\nreturn {}\n'; } > groot.lua

# --- casus check ------------------------------------------------------------
refused "casus: alias-bom" "lach.yaml:2:14: YAML-aliassen (*lol0) worden niet ondersteund: schrijf de waarde voluit" \
    casus check lach.yaml
refused "casus: 100000 niveaus diep" "diep.yaml:1:68: te diep genest (meer dan 64 niveaus)" casus check diep.yaml
refused "casus: waarde van 100 MB" "groot.yaml: bestand te groot (100000007 bytes, hooguit 8388608)" casus check groot.yaml
refused "casus: ongeldige UTF-8" "utf8.yaml:2:13: ongeldige UTF-8 (is het bestand als UTF-8 opgeslagen?)" casus check utf8.yaml
refused "casus: NUL-byte" "nul.yaml:2:12: stuurtekens (zoals een NUL-byte) zijn niet toegestaan" casus check nul.yaml
refused "casus: een map" "map.yaml: is een map, geen bestand" casus check map.yaml
refused "casus: bestaat niet" "weg.yaml: bestand bestaat niet" casus check weg.yaml

# --- run (the draaiboek) ----------------------------------------------------
refused "draaiboek: alias-bom" "d_alias.yaml:4:5: YAML-aliassen (*j) worden niet ondersteund: schrijf de waarde voluit" \
    run d_alias.yaml
refused "draaiboek: 100000 niveaus diep" "d_diep.yaml:2:78: te diep genest (meer dan 64 niveaus)" run d_diep.yaml
refused "draaiboek: waarde van 100 MB" "d_groot.yaml:3: waarde te groot na deze regel (meer dan 1048576 bytes in één waarde)" \
    run d_groot.yaml
refused "draaiboek: ongeldige UTF-8" "d_utf8.yaml:3:30: ongeldige UTF-8 (is het bestand als UTF-8 opgeslagen?)" run d_utf8.yaml
refused "draaiboek: NUL-byte" "d_nul.yaml:3:29: stuurtekens (zoals een NUL-byte) zijn niet toegestaan" run d_nul.yaml
refused "draaiboek: een stuurteken uit een escape" \
    "d_esc.yaml:3:27: tekst met een stuurteken (U+001B) is niet toegestaan: zo'n teken kan een terminal besturen" run d_esc.yaml
refused "draaiboek: een map" "map.yaml: is een map, geen bestand" run map.yaml
refused "draaiboek: bestaat niet" "weg.yaml: bestand bestaat niet" run weg.yaml
refused "draaiboek: zijn casus is een alias-bom" \
    "./lach.yaml:2:14: YAML-aliassen (*lol0) worden niet ondersteund: schrijf de waarde voluit" run d_casus.yaml

# --- werkvorm check ---------------------------------------------------------
refused "werkvorm: 100000 niveaus diep" "werkvorm diep: diep.lua: C stack overflow (te diep genest; roept een functie zichzelf eindeloos aan?)" \
    werkvorm check diep.lua
refused "werkvorm: bestand van 100 MB" "groot.lua: is groter dan 1 MiB; een werkvorm is één Lua-bestand van hooguit 1 MiB" \
    werkvorm check groot.lua
refused "werkvorm: ongeldige UTF-8" "utf8.lua:6: 'naam' van de werkvorm is geen geldige UTF-8-tekst (sla het bestand op als UTF-8)" \
    werkvorm check utf8.lua
refused "werkvorm: NUL-teken in het id" "nul.lua:6: 'id' van de werkvorm bevat een NUL-teken (\\0); haal het weg" \
    werkvorm check nul.lua
refused "werkvorm: een map" "map.lua: is geen gewoon bestand" werkvorm check map.lua
refused "werkvorm: bestaat niet" "weg.lua: kan de werkvorm niet openen: bestand bestaat niet" werkvorm check weg.lua

# --- no read permission -------------------------------------------------------
# Root reads every file, so as root (CI) werkplaats runs as the unprivileged
# user nobody through setpriv (util-linux); the folder is opened up for that.
printf 'id: x\n' > geheim.yaml; cp geheim.yaml d_geheim.yaml; cp "$WP_TOP/tests/hostile/io.lua" geheim.lua
chmod 000 geheim.yaml d_geheim.yaml geheim.lua
as_user=""
if [ "$(id -u)" -eq 0 ]; then
    if command -v setpriv > /dev/null 2>&1 && id nobody > /dev/null 2>&1; then
        chmod 777 "$T"
        as_user="setpriv --reuid=nobody --regid=$(id -g nobody) --clear-groups --"
    fi
fi
if [ "$(id -u)" -eq 0 ] && [ -z "$as_user" ]; then
    for d in casus draaiboek werkvorm; do echo "ok $((TAP_N += 1)) # SKIP $d: geen leesrechten (root zonder setpriv of gebruiker nobody)"; done
else
    unreadable() { # unreadable DESC MESSAGE ARGS...
        desc=$1; msg=$2; shift 2
        (cd "$T" && $as_user ${WP_VALGRIND:-} "$WERKPLAATS" --db "$T/niet.db" "$@") > "$T/out" 2> "$T/err"; RC=$?
        check_rc "$desc" 1
        check_err "$desc: $msg" "werkplaats: $msg"
    }
    unreadable "casus: geen leesrechten" "geheim.yaml: geen leesrechten" casus check geheim.yaml
    unreadable "draaiboek: geen leesrechten" "d_geheim.yaml: geen leesrechten" run d_geheim.yaml
    unreadable "werkvorm: geen leesrechten" "geheim.lua: kan de werkvorm niet openen: geen leesrechten" werkvorm check geheim.lua
fi

done_testing
