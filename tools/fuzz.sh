#!/bin/sh
# Runs each libFuzzer target for a while (`make fuzz`, FUZZ_TIME seconds
# each). A target starts from its seeds (tests/fuzz/<target>.seeds) and its
# regression inputs, copied into BUILD/fuzz/corpus/<target>/ where libFuzzer
# also keeps what it finds. A crash stops the run; its input is kept as
# BUILD/fuzz/crash/<target>-... and belongs, once fixed, in
# tests/fuzz/regressies/<target>/ (`make check` replays those).
#
#   tools/fuzz.sh BUILD SECONDS TARGET...
set -eu
build=$1; seconds=$2; shift 2
top=$(cd "$(dirname "$0")/.." && pwd)
export WP_TOP="$top"

for target in "$@"; do
    corpus="$build/fuzz/corpus/$target"
    mkdir -p "$corpus" "$build/fuzz/crash"
    grep -v '^#' "$top/tests/fuzz/$target.seeds" | while IFS= read -r seed; do
        [ -n "$seed" ] || continue
        if [ -d "$top/$seed" ]; then
            find "$top/$seed" -maxdepth 1 -type f ! -name '.*' -exec cp {} "$corpus/" \;
        else
            cp "$top/$seed" "$corpus/"
        fi
    done
    find "$top/tests/fuzz/regressies/$target" -maxdepth 1 -type f ! -name '.*' -exec cp {} "$corpus/" \;
    # The draaiboek target's cap is twice the others' (see tests/fuzz/fuzz.h).
    max_len=65536; [ "$target" = draaiboek ] && max_len=131072
    echo "fuzz: $target, $seconds s"
    if ! "$build/fuzz/$target" -max_total_time="$seconds" -max_len="$max_len" -timeout=60 \
            -artifact_prefix="$build/fuzz/crash/$target-" -print_final_stats=1 "$corpus" \
            > "$build/fuzz/$target.log" 2>&1; then
        tail -60 "$build/fuzz/$target.log"
        echo "fuzz: $target vond een fout; de invoer staat in $build/fuzz/crash/ (zie tests/fuzz/fuzz.h)" >&2
        exit 1
    fi
    grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb' "$build/fuzz/$target.log" | sed "s/^/fuzz: $target: /"
done
