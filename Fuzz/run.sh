#!/usr/bin/env bash
# `make fuzz`: builds the libFuzzer harness (debug, address sanitizer) into .build/fuzz and runs every target
# for FUZZ_TIME seconds, from seeds taken from the test fixtures and from Tests/Fixtures/fuzz-regressions.
# Fails if any input crashes, leaks, or takes over a second; each such input is left in .fuzz/findings/TARGET/.
#   FUZZ_TIME     seconds per target (default 20)
#   FUZZ_TARGETS  the targets to run, separated by spaces (default: all)
#   FUZZ_SEED     libFuzzer's random seed (default 1, so that a run repeats the last one's inputs and more)
set -euo pipefail
cd "$(dirname "$0")/.."

SWIFT="${SWIFT:-swift}"
FUZZ_TIME="${FUZZ_TIME:-20}"
FUZZ_SEED="${FUZZ_SEED:-1}"
work=.fuzz
regressions=Tests/Fixtures/fuzz-regressions
all="yaml edtf citations wikilinks tables footnotes templates settings bibliography-yaml bibliography-json"
targets="${FUZZ_TARGETS:-$all}"

start=$(date +%s)
echo "Building the fuzz targets (debug, -sanitize=fuzzer,address) into .build/fuzz…"
# The sanitizers are given to the compilers (-Xswiftc, -Xcc) rather than with --sanitize, which would also build the
# package's own build tools (embed-starter) as fuzz targets, without their `main`. ld.gold says, harmlessly, that
# it cannot export the sanitizer's local symbols: hundreds of lines, left out.
PARLEY_FUZZ=1 "$SWIFT" build -c debug --scratch-path .build/fuzz --product parley-fuzz \
    -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address 2>&1 | sed '/Cannot export local symbol/d'
binary=.build/fuzz/debug/parley-fuzz
echo "Built in $(( $(date +%s) - start )) s."

# The fixtures each target reads as seeds.
fixtures() {
    case "$1" in
        yaml|citations|wikilinks|footnotes|tables) find Tests/Fixtures Content -name '*.md' -size -64k ;;
        edtf) ;;
        templates) find Tests/Fixtures Templates -name '*.mustache' ;;
        settings) find Tests/Fixtures Content -name 'site.yaml' ;;
        bibliography-yaml) find Tests/Fixtures Content -name 'bibliography.yaml' ;;
        bibliography-json) find Tests/Fixtures Content -name 'bibliography.json' ;;
    esac
}

# Findings not yet fixed (listed in known.txt) are left out of the seeds, as FuzzRegressionTests skips them.
known="$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$regressions/known.txt" | awk '{print $1}')"

failed=()
for target in $targets; do
    seeds="$work/seeds/$target"
    rm -rf "$seeds" && mkdir -p "$seeds" "$work/corpus/$target" "$work/findings/$target" "$work/logs"
    while IFS= read -r file; do
        [ -n "$file" ] && cp "$file" "$seeds/$(echo "$file" | tr '/' '_')"
    done < <(fixtures "$target")
    if [ "$target" = edtf ]; then
        # The dates of the fixtures' entries and sources.
        grep -rhoE '^(date|updated|issued|archive-date): *.+$' Tests/Fixtures Content 2>/dev/null | sed 's/^[a-z-]*: *//' \
            | sort -u | head -500 | while IFS= read -r date; do printf '%s' "$date" > "$seeds/date-$(printf '%s' "$date" | cksum | cut -d' ' -f1)"; done
    fi
    for file in "$regressions/$target"/*; do
        [ -f "$file" ] || continue
        grep -qxF "$target/$(basename "$file")" <<<"$known" || cp "$file" "$seeds/"
    done
    echo "Fuzzing $target for $FUZZ_TIME s ($(ls "$seeds" | wc -l) seeds)…"
    # Fuzz/lsan.supp: values Swift builds once per process are not leaks (matching it needs symbolized stacks).
    if ! PARLEY_FUZZ_TARGET="$target" ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}" LSAN_OPTIONS="suppressions=Fuzz/lsan.supp" \
        "$binary" -seed="$FUZZ_SEED" -max_total_time="$FUZZ_TIME" -timeout=1 -max_len=16384 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$work/findings/$target/" "$work/corpus/$target" "$seeds" > "$work/logs/$target.log" 2>&1; then
        failed+=("$target")
        grep -E 'ERROR: (libFuzzer|AddressSanitizer|LeakSanitizer)|^artifact_prefix|Test unit written|Fatal error' \
            "$work/logs/$target.log" | head -5 | sed "s/^/  $target: /"
    else
        grep -E '^stat::number_of_executed_units' "$work/logs/$target.log" | sed "s/^stat::number_of_executed_units: */  runs: /"
    fi
done

echo "make fuzz took $(( $(date +%s) - start )) s."
if [ ${#failed[@]} -gt 0 ]; then
    echo "Fuzzing found problems in: ${failed[*]} (logs in $work/logs/). Replay one with" >&2
    echo "  PARLEY_FUZZ_TARGET=TARGET $binary FILE" >&2
    echo "and add it to the regression tests: copy it into $regressions/TARGET/." >&2
    exit 1
fi
