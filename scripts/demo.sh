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
"$BIN" train "$OUT/prep" --out "$OUT/run" --epochs "$EPOCHS" "${TARGETS[@]}" | tee "$OUT/train.txt"
echo
echo "== 4/4 predict one call with the model of fold 1"
"$BIN" predict --model "$OUT/run/fold-1" "$OUT/corpus/audio/D0001.wav" | tail -n 4
echo
echo "demo done:"
echo "  annotation audit  $OUT/prep/audit.html"
echo "  fold counts       $OUT/prep/folds/counts.md"
echo "  training report   $OUT/run/report.html"
echo "  test UA, same speaker-independent folds and data:"
model=$(sed -n 's/^model \(.*\), \(.*\) trainable parameters$/\1, \2 parameters/p' "$OUT/train.txt")
sed -n "s/^UA \([0-9.]* % ± [0-9.]*\), .*/    model     \1   $model/p" "$OUT/train.txt"
sed -n 's/^baseline UA \([0-9.]* % ± [0-9.]*\) .*/    baseline  \1   log-Mel band statistics + logistic regression/p' "$OUT/train.txt"
sed -n 's/^UA .*(chance UA \([0-9.]* %\)).*/    chance    \1/p' "$OUT/train.txt"
if [ ${#TARGETS[@]} -gt 0 ]; then
  echo "  test CCC of the rated dimensions (1-5), same folds and data:"
  sed -n 's/^\([a-z]*\) CCC \([0-9.-]* ± [0-9.]*\), .*; baseline CCC \([0-9.-]* ± [0-9.]*\) .*/    \1  model \2   baseline \3 (band statistics + ridge regression)/p' "$OUT/train.txt"
fi
