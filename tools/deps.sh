#!/bin/sh
# Makes sure the Debian packages werkplaats builds and tests with are installed.
# As root it installs what is missing; otherwise it prints the exact apt-get line.
# The one list of packages lives here, so `make deps`, `make check` and .ci/run agree.
set -eu

# build: the compiler and its libraries; test: what `make check`, `make
# valgrind` and .ci/run drive (clang: the second compiler; libclang-rt-14-dev:
# clang's libFuzzer, for `make fuzz`; groff: the man page check; chromium: the reports in a real browser and `make screenshots`;
# poppler-utils: pdfinfo counts the pages the browser prints; libxml2-utils:
# xmllint checks the SVG pictures; fonts-dejavu-core: the font the one-A4
# ontwerpbrief is measured in). WP_DEPS_EXTRA adds names, so a test can see what happens
# when a package is missing.
BUILD="gcc make libc6-dev pkg-config liblua5.4-dev libsqlite3-dev libyaml-dev libjansson-dev libncurses-dev libcmocka-dev"
TEST="lua5.4 sqlite3 tmux valgrind clang libclang-rt-14-dev groff-base chromium fonts-dejavu-core poppler-utils libxml2-utils"
# strace: the crash tests kill werkplaats at its k-th write (tests/e2e/crash_*.sh).
TEST="$TEST strace"
case "${1:-}" in
    --test) WANT="$BUILD $TEST" ;;
    "")     WANT="$BUILD" ;;
    *)      echo "gebruik: tools/deps.sh [--test]" >&2; exit 2 ;;
esac
WANT="$WANT ${WP_DEPS_EXTRA:-}"

missing=""
for pkg in $WANT; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    case "$status" in
        *" installed") ;;
        *) missing="$missing $pkg" ;;
    esac
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
    echo "werkplaats: installeren:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing
else
    echo "werkplaats: deze pakketten ontbreken; installeer ze met:" >&2
    echo "  sudo apt-get install -y --no-install-recommends$missing" >&2
    exit 1
fi
