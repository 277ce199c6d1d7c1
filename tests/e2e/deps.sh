# tools/deps.sh, behind `make deps`: without root it installs nothing and
# prints the exact apt-get line for what is missing. A package name that
# cannot exist stands in for a missing one (WP_DEPS_EXTRA); the script runs
# as the unprivileged user nobody, so the root branch (apt-get) never runs here.
. "$(dirname "$0")/lib.sh"

# nobody must reach the script: the scratch folder is private by default.
cp "$WP_TOP/tools/deps.sh" "$T/deps.sh"
chmod 755 "$T" "$T/deps.sh"

as_user() { # as_user CMD...: runs CMD without root, or returns 77 when it cannot
    if [ "$(id -u)" -ne 0 ]; then
        "$@"
    elif command -v setpriv > /dev/null; then
        setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
    else
        return 77
    fi
}

deps() {
    as_user env WP_DEPS_EXTRA="${EXTRA:-}" sh "$T/deps.sh" "$@" > "$T/out" 2> "$T/err"
    RC=$?
}

deps
if [ "$RC" -eq 77 ]; then
    echo "# kan geen rechten afstaan (geen setpriv): overgeslagen"
    done_testing
    exit 0
fi
check_rc "alles aanwezig: niets te doen" 0
check "en niets gezegd" test ! -s "$T/err"

EXTRA="werkplaats-test-ontbreekt-een werkplaats-test-ontbreekt-twee"
deps
check_rc "zonder root en met ontbrekende pakketten: exit 1" 1
check_err "zegt wat er ontbreekt" "deze pakketten ontbreken; installeer ze met:"
check "en geeft precies de apt-get-regel" grep -qx \
    "  sudo apt-get install -y --no-install-recommends werkplaats-test-ontbreekt-een werkplaats-test-ontbreekt-twee" \
    "$T/err"
deps --test
check_rc "ook met --test" 1
EXTRA=""

deps --onzin
check_rc "een onbekende optie is een gebruiksfout" 2
check_err "met het gebruik" "gebruik: tools/deps.sh [--test]"

done_testing
