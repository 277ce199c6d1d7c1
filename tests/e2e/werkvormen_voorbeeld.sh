# Every shipped werkvorm passes its card check and its own voorbeeld (the
# author's test in the file), and a voorbeeld that expects the wrong thing
# fails with a message that says what differed.
. "$(dirname "$0")/lib.sh"

n=0
for f in "$WP_TOP"/werkvormen/*.lua; do
    head -n 1 "$f" | grep -q '^---@meta' && continue   # editor annotations, not a werkvorm
    id=$(basename "$f" .lua)
    n=$((n + 1))
    wp werkvorm check "$f"
    check_rc "werkvorm check $id" 0
    wp werkvorm test "$f"
    check_rc "werkvorm test $id: het voorbeeld klopt" 0
done
check "er zijn veertien werkvormen" test "$n" -eq 14

# Each sprint has werkvormen that together deliver what the methode asks.
for nr in 1 2 3 4 5 6 7; do
    check "sprint $nr heeft twee werkvormen" \
        test "$(grep -l "^  sprint = $nr,$" "$WP_TOP"/werkvormen/*.lua | wc -l)" -eq 2
done

# A voorbeeld that expects a different vote count fails and names the value.
sed 's/{ id = "s2", stemmen = 5 }/{ id = "s2", stemmen = 6 }/' "$WP_TOP/werkvormen/socrates.lua" > "$T/socrates.lua"
check "de kopie verwacht iets anders" sh -c "! cmp -s '$WP_TOP/werkvormen/socrates.lua' '$T/socrates.lua'"
wp werkvorm test "$T/socrates.lua"
check "een voorbeeld dat niet klopt, faalt" test "$RC" -ne 0
check_err "en de melding noemt wat er verschilde" "stemmen"

done_testing
