#!/usr/bin/env bash
# The README's test command (and CI's, through .ci/run): installs what is missing, then runs
# these phases in order and prints the wall time of each step, with a summary at the end.
#
#   dev    configure, build and test the dev preset (Debug, warnings as errors): the whole
#          suite, headless. Tests that need a display start their own Xvfb server
#          (tests/with-display.sh). Extra arguments go to this ctest, e.g. -R tst_cli.
#          PARTNER_CONSOLE_TEST_PRESET=release uses another preset for this phase.
#   asan   configure, build and test the asan preset (AddressSanitizer + UndefinedBehavior-
#          Sanitizer). Its test preset leaves out the labels `webengine` (Chromium's own code
#          trips ASan in an instrumented process) and `packaging` (the dev phase builds and
#          checks the package). tst_load runs (about 5 minutes under ASan) without its memory
#          bound, which ASan's shadow memory makes meaningless.
#   fuzz   configure and build the fuzz preset's fuzz targets (clang, libFuzzer, ASan, UBSan),
#          replay their seeds and crash regressions (ctest --preset fuzz), then fuzz each
#          target for PARTNER_CONSOLE_FUZZ_SECONDS (default 60) on a copy of its seeds in a
#          temporary folder, PARTNER_CONSOLE_FUZZ_JOBS (default: the number of CPUs) at a
#          time. A crash, timeout or out-of-memory fails the run; the input is kept under
#          build/fuzz/fuzz-artifacts/<target>/ and the steps to make it a regression are printed.
#
# PARTNER_CONSOLE_TEST_PHASES chooses the phases, e.g. PARTNER_CONSOLE_TEST_PHASES="asan fuzz"
# (default "dev asan fuzz"). A failing test phase does not stop the later phases; the command
# fails at the end if any phase failed. A failed configure or build stops it at once.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$top"

phases=${PARTNER_CONSOLE_TEST_PHASES:-dev asan fuzz}
dev_preset=${PARTNER_CONSOLE_TEST_PRESET:-dev}
fuzz_seconds=${PARTNER_CONSOLE_FUZZ_SECONDS:-60}
fuzz_jobs=${PARTNER_CONSOLE_FUZZ_JOBS:-$(nproc)}

for phase in $phases; do
    case "$phase" in
    dev | asan | fuzz) ;;
    *)
        echo "run-tests: unknown phase '$phase' in PARTNER_CONSOLE_TEST_PHASES (dev, asan, fuzz)" >&2
        exit 2
        ;;
    esac
done

# ccache (when installed, see CMakeLists.txt) shares objects between clones and build folders.
export CCACHE_BASEDIR="$top" CCACHE_NOHASHDIR=1

timings=()
failed=()
run_start=$SECONDS

summary() {
    echo
    echo "run-tests: wall time per step"
    local line
    for line in "${timings[@]}"; do
        echo "  $line"
    done
    printf '  %-28s %5d s\n' "total" $((SECONDS - run_start))
}
trap summary EXIT

# step NAME COMMAND...: runs COMMAND, prints and records its wall time; returns its status.
step() {
    local name=$1 start=$SECONDS status=0
    shift
    echo
    echo "run-tests: == $name: $*"
    "$@" || status=$?
    local took=$((SECONDS - start))
    local result="ok"
    ((status == 0)) || result="FAILED (exit $status)"
    echo "run-tests: == $name took $took s: $result"
    timings+=("$(printf '%-28s %5d s  %s' "$name" "$took" "$result")")
    return "$status"
}

# A test step: a failure is recorded and the next phase still runs.
test_step() {
    step "$@" || failed+=("$1")
}

step "install-deps" "$top/packaging/install-deps.sh"

phase_dev() {
    step "$dev_preset: configure" cmake --preset "$dev_preset"
    step "$dev_preset: build" cmake --build --preset "$dev_preset"
    test_step "$dev_preset: test" ctest --preset "$dev_preset" "$@"
}

phase_asan() {
    step "asan: configure" cmake --preset asan
    step "asan: build" cmake --build --preset asan
    test_step "asan: test" ctest --preset asan
}

# fuzz_target NAME WORK: fuzzes build/fuzz/tests/NAME for $fuzz_seconds on a copy of its
# seeds and regressions in WORK/NAME; the log goes to WORK/NAME.log, the exit status to
# WORK/NAME.status.
fuzz_target() {
    local name=$1 work=$2
    local binary="$top/build/fuzz/tests/$name"
    local corpus="$work/$name/corpus"
    local artifacts="$top/build/fuzz/fuzz-artifacts/$name"
    rm -rf "$artifacts"
    mkdir -p "$corpus" "$artifacts"
    local folder
    while IFS= read -r folder; do
        [[ -n "$folder" && -d "$folder" ]] || continue
        find "$folder" -type f -exec cp -t "$corpus" {} +
    done <"$top/build/fuzz/tests/$name.fuzzinputs"
    # -timeout: seconds for one input (the slowest seed takes well under one under ASan);
    # -rss_limit_mb: the process, and any single allocation, stays below 2 GiB.
    local -a options=(-max_total_time="$fuzz_seconds" -timeout=20 -rss_limit_mb=2048
        -print_final_stats=1 -artifact_prefix="$artifacts/")
    # Words of the format that libFuzzer cannot find by itself (tests/fuzz/<target>.dict).
    if [[ -f "$top/tests/fuzz/$name.dict" ]]; then
        options+=(-dict="$top/tests/fuzz/$name.dict")
    fi
    local status=0
    UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1} \
        "$binary" "${options[@]}" "$corpus" >"$work/$name.log" 2>&1 || status=$?
    echo "$status" >"$work/$name.status"
}

# Prints how one fuzz target ended; for a failure the report and the steps for a regression.
fuzz_report() {
    local name=$1 status=$2 log=$3
    local runs rss
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -n 1)
    if ((status == 0)); then
        echo "run-tests: $name: no crash in ${runs:-?} runs over ${fuzz_seconds} s" \
            "(peak RSS ${rss:-?} MiB)"
        return
    fi
    echo "run-tests: $name FAILED (exit $status). Its report:"
    grep -v -e '^#[0-9]' -e '^INFO:' "$log" | tail -n 80
    local artifact found=0
    for artifact in "$top/build/fuzz/fuzz-artifacts/$name"/*; do
        [[ -f "$artifact" ]] || continue
        found=1
        local base=${artifact##*/}
        cat <<EOF
run-tests: the input that failed: $artifact
  Reproduce:  build/fuzz/tests/$name $artifact
  Keep it as a regression input (replayed by ctest's ${name}_seeds in every build), renamed
  after what it found if you like:
    mkdir -p tests/data/fuzz/regressions/$name
    cp $artifact tests/data/fuzz/regressions/$name/$base
  Fix the cause, then check it in the dev and fuzz builds:
    cmake --build --preset dev && ctest --preset dev -R '^${name}_seeds\$'
    cmake --build --preset fuzz && ctest --preset fuzz -R '^${name}_seeds\$'
EOF
    done
    ((found)) || echo "run-tests: $name wrote no input file; see its report above."
}

run_fuzzers() {
    local work
    work=$(mktemp -d "${TMPDIR:-/tmp}/partner-console-fuzz.XXXXXX")
    local -a names=()
    local inputs
    for inputs in "$top"/build/fuzz/tests/*.fuzzinputs; do
        [[ -f "$inputs" ]] || continue
        local name=${inputs##*/}
        names+=("${name%.fuzzinputs}")
    done
    if ((${#names[@]} == 0)); then
        echo "run-tests: no fuzz targets in build/fuzz/tests" >&2
        rm -rf "$work"
        return 1
    fi
    echo "run-tests: fuzzing ${names[*]} for $fuzz_seconds s each, $fuzz_jobs at a time"
    local name status=0
    for name in "${names[@]}"; do
        while (($(jobs -rp | wc -l) >= fuzz_jobs)); do
            wait -n || true
        done
        fuzz_target "$name" "$work" &
    done
    wait || true
    for name in "${names[@]}"; do
        local target_status
        target_status=$(cat "$work/$name.status" 2>/dev/null || echo 1)
        fuzz_report "$name" "$target_status" "$work/$name.log"
        ((target_status == 0)) || status=1
    done
    rm -rf "$work"
    return "$status"
}

phase_fuzz() {
    step "fuzz: configure" cmake --preset fuzz
    step "fuzz: build" cmake --build --preset fuzz
    test_step "fuzz: replay seeds" ctest --preset fuzz
    test_step "fuzz: run" run_fuzzers
}

for phase in $phases; do
    case "$phase" in
    dev) phase_dev "$@" ;;
    asan) phase_asan ;;
    fuzz) phase_fuzz ;;
    esac
done

if ((${#failed[@]} > 0)); then
    echo
    echo "run-tests: FAILED: ${failed[*]}" >&2
    exit 1
fi
echo
echo "run-tests: all phases passed ($phases)"
