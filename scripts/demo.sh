#!/usr/bin/env bash
# `make demo`: the main job end to end on a bundled synthetic corpus.
set -euo pipefail
BIN="$1"
OUT="${2:-demo-out}"
rm -rf "$OUT"
mkdir -p "$OUT"
"$BIN" synth --layout cemo --out "$OUT/corpus" --seed 1
"$BIN" prep cemo "$OUT/corpus" --task cemo-4 --roles caller --out "$OUT/prep"
echo
echo "demo: prepared corpus in $OUT/prep (summary.json, catalog.sqlite, config.resolved.yaml)"
