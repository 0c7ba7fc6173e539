#!/usr/bin/env bash
# `make demo`: the main job end to end on a bundled synthetic corpus (CEMO-style, 8 kHz):
# synth → prep (with audit) → train (all folds) → predict, then where the reports are and the
# model's UA next to the band-statistics baseline's (same folds, same data) and chance, and the
# test CCC of arousal and valence next to the baseline's ridge regression.
# DEMO_SEED (synth seed, default 1), DEMO_SPEAKERS / DEMO_DIALOGS (100 / 75) and DEMO_EPOCHS (25)
# rerun it on another corpus: report every seed you run, not the best one.
set -euo pipefail
BIN="$1"
OUT="${2:-demo-out}"
EPOCHS="${DEMO_EPOCHS:-25}"
rm -rf "$OUT"
mkdir -p "$OUT"
echo "== 1/4 synthesizing a CEMO-style corpus (callers, agents, two coders, 8 kHz calls)"
"$BIN" synth --layout cemo --out "$OUT/corpus" --speakers "${DEMO_SPEAKERS:-100}" --dialogs "${DEMO_DIALOGS:-75}" --seed "${DEMO_SEED:-1}"
echo
echo "== 2/4 prep: labels, audit, speaker-independent folds, features (task cemo-4, callers)"
"$BIN" prep cemo "$OUT/corpus" --task cemo-4 --roles caller --out "$OUT/prep"
"$BIN" check-folds "$OUT/prep"
echo
# The coders' arousal and valence ratings are learned beside the classes when prep carried them.
TARGETS=()
if grep -q '"dimensions"' "$OUT/prep/folds/summary.json"; then TARGETS=(--targets emotion,arousal,valence); fi
echo "== 3/4 train: Temporal CNN-BiLSTM, every fold, up to $EPOCHS epochs${TARGETS:+ (emotion, arousal, valence)}"
"$BIN" train "$OUT/prep" --out "$OUT/run" --epochs "$EPOCHS" "${TARGETS[@]}"
echo
echo "== 4/4 predict one call with the model of fold 1"
"$BIN" predict --model "$OUT/run/fold-1" "$OUT/corpus/audio/D0001.wav" | tail -n 4
echo
# The figures come from the run's results.json (schemas/results.schema.json), not from printed text.
RESULTS="$OUT/run/results.json"
[ -s "$RESULTS" ] || { echo "demo: $RESULTS missing (train did not finish)" >&2; exit 1; }
pct() { jq -r "$1" "$RESULTS" | awk '{ printf "%.1f", 100 * $1 }'; }
echo "demo done:"
echo "  annotation audit  $OUT/prep/audit.html"
echo "  fold counts       $OUT/prep/folds/counts.md"
echo "  training report   $OUT/run/report.html"
echo "  test UA, same speaker-independent folds and data:"
echo "    model     $(pct .ua) % ± $(pct .ua_std)   $(jq -r '.model' "$RESULTS"), $(jq -r '.parameter_count' "$RESULTS") parameters"
echo "    baseline  $(pct .baseline.ua) % ± $(pct .baseline.ua_std)   log-Mel band statistics + logistic regression"
echo "    chance    $(pct .chance_ua) %"
if [ ${#TARGETS[@]} -gt 0 ]; then
  echo "  test CCC of the rated dimensions (1-5), same folds and data:"
  jq -r '.dimensions | keys[]' "$RESULTS" | while read -r d; do
    printf '    %s  model %.3f ± %.3f   baseline %.3f ± %.3f (band statistics + ridge regression)\n' "$d" \
      "$(jq -r ".dimensions.$d.ccc" "$RESULTS")" "$(jq -r ".dimensions.$d.ccc_std" "$RESULTS")" \
      "$(jq -r ".baseline.dimensions.$d.ccc" "$RESULTS")" "$(jq -r ".baseline.dimensions.$d.ccc_std" "$RESULTS")"
  done
fi
