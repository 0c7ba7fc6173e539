#!/usr/bin/env bash
# `make fuzz`: builds the libFuzzer targets (Tests/Fuzz/Targets/NAME) in their own scratch path
# with the fuzzer and address sanitizers, then runs each for FUZZ_SECONDS from its seed corpus
# Tests/Fuzz/NAME/ (and dictionary Tests/Fuzz/NAME.dict). Prints `fuzz NAME: RUNS runs, CRASHES
# crashes` per target; exits 1 on any crash, leak, input slower than 1 s or run past 2 GB, with the
# reproducer saved under FUZZ_OUT. FUZZ_ONLY="a b" runs only those targets; extra libFuzzer flags
# go in FUZZ_FLAGS.
set -euo pipefail
cd "$(dirname "$0")/../.."
SWIFT=${SWIFT:-swift}
SECONDS_EACH=${FUZZ_SECONDS:-60}
SCRATCH=${FUZZ_SCRATCH:-.build-fuzz}
OUT=${FUZZ_OUT:-$SCRATCH/findings}
JOBS=${JOBS:-$(nproc)}
export EMOCORPUS_FUZZ=1
build=("$SWIFT" build --scratch-path "$SCRATCH" --sanitize=fuzzer --sanitize=address -Xswiftc -parse-as-library)

targets=${FUZZ_ONLY:-$(ls Tests/Fuzz/Targets)}
# One product at a time: `swift build` takes one --product, and building everything would also
# build the CLI and benchmarks, whose main.swift -parse-as-library refuses.
build_all() {
  for t in $targets; do "${build[@]}" -j "$JOBS" --product "fuzz-$t" || return 1; done
}
mkdir -p "$SCRATCH"
start=$(date +%s)
if [ -n "${FUZZ_SKIP_BUILD:-}" ]; then
  :
elif ! build_all >"$SCRATCH/build.log" 2>&1; then
  grep -E "error:" "$SCRATCH/build.log" | head -20 >&2 || true
  echo "fuzz: build failed (log: $SCRATCH/build.log)" >&2
  exit 1
fi
[ -n "${FUZZ_SKIP_BUILD:-}" ] || echo "fuzz: built $(wc -w <<<"$targets") targets in $(($(date +%s) - start)) s"
bin=$("${build[@]}" --show-bin-path)

mkdir -p "$OUT"
# Leaks outside this project, each explained in the file; every other leak fails the run.
export LSAN_OPTIONS="suppressions=$PWD/Tests/Fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
failed=0
for t in $targets; do
  corpus="$OUT/corpus/$t"  # new inputs go here, never into the committed seeds
  mkdir -p "$corpus"
  flags=(-max_total_time="$SECONDS_EACH" -timeout=1 -rss_limit_mb=2048 -print_final_stats=1
    -artifact_prefix="$OUT/$t-")
  [ -f "Tests/Fuzz/$t.dict" ] && flags+=(-dict="Tests/Fuzz/$t.dict")
  seeds=()
  [ -d "Tests/Fuzz/$t" ] && seeds=("Tests/Fuzz/$t")
  before=$(ls "$OUT" | grep -c "^$t-" || true)
  set +e
  # shellcheck disable=SC2086
  "$bin/fuzz-$t" "${flags[@]}" ${FUZZ_FLAGS:-} "$corpus" "${seeds[@]}" >"$OUT/$t.log" 2>&1
  rc=$?
  set -e
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$OUT/$t.log" | tail -1)
  # -fork=N (FUZZ_FLAGS) prints no final stats: its progress lines start with the run count.
  [ -n "$runs" ] || runs=$(sed -n 's/^#\([0-9]*\): cov:.*/\1/p' "$OUT/$t.log" | tail -1)
  crashes=$(($(ls "$OUT" | grep -c "^$t-" || true) - before))
  if [ "$rc" -ne 0 ] && [ "$crashes" -eq 0 ]; then crashes=1; fi
  echo "fuzz $t: ${runs:-0} runs, $crashes crashes"
  if [ "$crashes" -ne 0 ]; then
    failed=1
    grep -E "^(==[0-9]+==ERROR|SUMMARY|Fatal error|.*fuzz property violated|artifact_prefix)" "$OUT/$t.log" | head -5 | sed 's/^/  /' || true
    echo "  reproducer: $(ls -t "$OUT" | grep "^$t-" | head -1 | sed "s|^|$OUT/|") (log: $OUT/$t.log)"
  fi
done
exit $failed
