#!/bin/sh
# Runs every test: the cmocka unit test programs given as arguments, then the
# end-to-end scripts in tests/e2e/. Every test reports TAP lines ("ok N - ..."
# / "not ok N - ..."); this script counts them and ends with one line
# "check: N passed, N failed" that CI reads. Output of a failing program is
# kept in tests/out/ so it can be read afterwards.
#
#   tests/run.sh BINARY [UNIT_TEST ...]
#   WP_VALGRIND="valgrind ..."  runs every program under valgrind
#   WP_TESTS=pattern            runs only the e2e scripts whose name matches
set -u
bin=$1; shift
top=$(cd "$(dirname "$0")/.." && pwd)
out="$top/tests/out"
mkdir -p "$out"
export WERKPLAATS="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
export WP_TOP="$top"
export CMOCKA_MESSAGE_OUTPUT=TAP
passed=0; failed=0; failures=""

count() { # count LOGFILE NAME STATUS
    p=$(grep -c '^ok ' "$1"); f=$(grep -c '^not ok ' "$1")
    if [ "$3" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi   # crashed or exited non-zero
    passed=$((passed + p)); failed=$((failed + f))
    if [ "$f" -gt 0 ]; then
        failures="$failures $2"
        echo "FAIL  $2 ($p ok, $f niet ok; zie tests/out/$2.log)"
        grep '^not ok ' "$1" | head -20 | sed 's/^/      /'
    else
        echo "ok    $2 ($p)"
    fi
}

for t in "$@"; do
    name=$(basename "$t")
    ${WP_VALGRIND:-} "$t" > "$out/$name.log" 2>&1
    count "$out/$name.log" "$name" $?
done

for t in "$top"/tests/e2e/*.sh; do
    [ -f "$t" ] || continue
    name=$(basename "$t" .sh)
    case "$name" in lib) continue ;; esac
    if [ -n "${WP_TESTS:-}" ]; then case "$name" in *$WP_TESTS*) ;; *) continue ;; esac; fi
    sh "$t" > "$out/$name.log" 2>&1
    count "$out/$name.log" "$name" $?
done

echo "check: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
