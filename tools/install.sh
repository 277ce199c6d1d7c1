#!/bin/sh
# Installs werkplaats: the binary, the built-in werkvormen beside methode.yaml,
# and the man page. `make install` calls it; tests/e2e/install.sh calls it
# with the binary under test, so the installed layout is tested as it ships.
#
#   tools/install.sh BINARY BINDIR DATADIR MANDIR
#
# Each folder already carries DESTDIR. The binary finds its werkvormen at
# ../share/werkplaats/werkvormen from its own folder, so BINDIR and DATADIR
# must keep that shape (PREFIX/bin and PREFIX/share/werkplaats), or the
# binary must have been built with the same DATADIR.
set -eu
if [ $# -ne 4 ]; then
    echo "gebruik: tools/install.sh BINARY BINDIR DATADIR MANDIR" >&2
    exit 2
fi
bin=$1 bindir=$2 datadir=$3 mandir=$4
top=$(cd "$(dirname "$0")/.." && pwd)

install -d "$bindir" "$datadir/werkvormen" "$mandir/man1"
install -m 0755 "$bin" "$bindir/werkplaats"
for f in "$top"/werkvormen/*.yaml "$top"/werkvormen/*.lua; do
    if [ -f "$f" ]; then
        install -m 0644 "$f" "$datadir/werkvormen/"
    fi
done
install -m 0644 "$top/man/werkplaats.1" "$mandir/man1/werkplaats.1"
