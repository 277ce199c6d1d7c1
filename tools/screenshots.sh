#!/bin/sh
# Writes screenshots of the reports, so anyone can see what facilitators and
# the municipality get: the Molenwijk traject is run into a scratch database
# (the draaiboek when it is there, the hand-made test traject otherwise),
# rendered, and photographed by headless chromium.
#
#   tools/screenshots.sh BINARY [FOLDER]     (default folder: build/screenshots)
set -eu
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
top=$(cd "$(dirname "$0")/.." && pwd)
out=${2:-$top/build/screenshots}
mkdir -p "$out"
out=$(cd "$out" && pwd)   # chromium needs absolute paths and file:// URLs
browser=""
for b in chromium chromium-browser; do
    if command -v "$b" > /dev/null 2>&1; then browser=$b; break; fi
done
if [ -z "$browser" ]; then
    echo "werkplaats: chromium ontbreekt; installeer het met 'make deps' (of: apt-get install chromium)" >&2
    exit 1
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/werkplaats-screenshots.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

db=$tmp/molenwijk.db
if [ -f "$top/casus/molenwijk.draaiboek.yaml" ]; then
    "$bin" --db "$db" run "$top/casus/molenwijk.draaiboek.yaml" > /dev/null
else
    echo "werkplaats: casus/molenwijk.draaiboek.yaml ontbreekt; de plaatjes tonen het testtraject" >&2
    "$bin" --db "$db" start "$top/casus/molenwijk.yaml" > /dev/null
    sqlite3 "$db" < "$top/tests/fixtures/rapport_traject.sql"
fi
"$bin" --db "$db" rapport -o "$out/rapport.html" > /dev/null
"$bin" --db "$db" rapport --sprint 2 -o "$out/rapport-sprint-2.html" > /dev/null
"$bin" --db "$db" rapport --sprint 3 -o "$out/rapport-sprint-3.html" > /dev/null
"$bin" --db "$db" ontwerpbrief -o "$out/ontwerpbrief.html" > /dev/null

# chrome ARGS...: headless with a fresh profile and no network.
chrome() {
    profile=$(mktemp -d "$tmp/profiel.XXXXXX")
    timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync --hide-scrollbars \
        --user-data-dir="$profile" "$@" > /dev/null 2>&1
}
shot() { # shot NAME WIDTH,HEIGHT
    rm -f "$out/$1.png"
    chrome --screenshot="$out/$1.png" --window-size="$2" "file://$out/$1.html"
    if [ ! -s "$out/$1.png" ]; then
        echo "werkplaats: chromium maakte geen schermafdruk van $out/$1.html" >&2
        exit 1
    fi
    echo "  $out/$1.png"
}
echo "Screenshots:"
shot rapport 1280,3200
shot rapport-sprint-2 1280,4200
shot rapport-sprint-3 1280,3600
shot ontwerpbrief 900,1200
chrome --no-pdf-header-footer --print-to-pdf="$out/ontwerpbrief.pdf" "file://$out/ontwerpbrief.html"
chrome --no-pdf-header-footer --print-to-pdf="$out/rapport.pdf" "file://$out/rapport.html"
echo "  $out/ontwerpbrief.pdf en $out/rapport.pdf (afgedrukt zoals een browser afdrukt)"
