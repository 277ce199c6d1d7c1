# Shared by the end-to-end scripts: a scratch folder, a way to run werkplaats
# in it, and TAP assertions. Each script sources this file and calls `done_testing`.
#
#   wp ARGS...              runs werkplaats in $T; sets RC, and $T/out, $T/err
#   check_rc  DESC CODE     the last run exited with CODE
#   check_out DESC TEXT     the last run's standard output contains TEXT
#   check_err DESC TEXT     the last run's standard error contains TEXT
#   check     DESC CMD...   CMD succeeds
set -u
: "${WERKPLAATS:?run through tests/run.sh or set WERKPLAATS}"
: "${WP_TOP:?run through tests/run.sh or set WP_TOP}"
T=$(mktemp -d "${TMPDIR:-/tmp}/werkplaats-e2e.XXXXXX")
trap 'rm -rf "$T"' EXIT
TAP_N=0
TAP_FAILED=0
RC=0

tap() { # tap STATUS DESC
    TAP_N=$((TAP_N + 1))
    if [ "$1" -eq 0 ]; then
        echo "ok $TAP_N - $2"
    else
        TAP_FAILED=$((TAP_FAILED + 1))
        echo "not ok $TAP_N - $2"
        if [ -f "$T/out" ]; then sed 's/^/#   out: /' "$T/out" | tail -15; fi
        if [ -f "$T/err" ]; then sed 's/^/#   err: /' "$T/err" | tail -15; fi
    fi
}

wp() {
    # shellcheck disable=SC2086
    (cd "$T" && ${WP_VALGRIND:-} "$WERKPLAATS" "$@") > "$T/out" 2> "$T/err"
    RC=$?
}

check_rc()  { [ "$RC" -eq "$2" ]; tap $? "$1 (exit $RC, verwacht $2)"; }
check_out() { grep -qF -- "$2" "$T/out"; tap $? "$1"; }
check_err() { grep -qF -- "$2" "$T/err"; tap $? "$1"; }
check_no_out() { ! grep -qF -- "$2" "$T/out"; tap $? "$1"; }
check()     { desc=$1; shift; "$@" > /dev/null 2>&1; tap $? "$desc"; }

done_testing() {
    echo "1..$TAP_N"
    [ "$TAP_FAILED" -eq 0 ]
}
