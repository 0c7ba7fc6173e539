#!/usr/bin/env bash
# `make cluster-test`: the cluster templates on a real (one-node) Slurm, against a single machine.
#
#   scripts/slurm/cluster-test.sh BIN [OUT]
#
# Starts scripts/slurm/local-cluster.sh, synthesizes a CEMO-style corpus, runs prep and train on
# this machine, then submits with sbatch exactly the README's cluster commands (features as an
# array of 4, merge after it, train as an array of the folds after that, collect last) from a
# submit folder of its own with relative paths, and checks:
#   1. the merged feature cache (and the fold manifests) are byte-identical to the single run's;
#   2. results.json equals the single run's fold for fold (epoch timings aside);
#   3. a features task cancelled mid-run and resubmitted reuses the slots it had finished (counted
#      from what prep logs, and the files are untouched); the merged cache is identical again;
#   4. a train task cancelled mid-run and resubmitted resumes from its checkpoint's epoch and ends
#      with the same fold result as the uninterrupted run;
#   5. the templates fail clearly when the corpus, the prep output or the binary is not there.
# Then stops the cluster (also on failure; CLUSTER_KEEP=1 leaves it up). Step durations are
# printed at the end. CLUSTER_SPEAKERS / CLUSTER_DIALOGS (150 / 120), CLUSTER_EPOCHS (3).
set -euo pipefail

BIN=$(realpath -e "${1:?usage: cluster-test.sh BIN [OUT]}")
OUT="${2:-cluster-test-out}"
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CLUSTER="$HERE/local-cluster.sh"
CHECK="python3 $HERE/cluster_check.py"
EPOCHS="${CLUSTER_EPOCHS:-3}"
PARTS=4
TIMEOUT="${CLUSTER_TIMEOUT:-1800}"
PREP_OPTIONS="--task cemo-4 --roles caller --exclude-all-neutral"

rm -rf "$OUT"
mkdir -p "$OUT"/{submit,single,cluster,cancel,broken}
OUT=$(realpath "$OUT")
STEPS="$OUT/steps.txt"
: >"$STEPS"

fail() {
  echo "cluster-test: FAILED: $*" >&2
  exit 1
}
note() { echo "cluster-test: $*"; }
# Records a step's duration (seconds) for the table at the end.
step() { printf '%s\t%s\n' "$1" "$2" >>"$STEPS"; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

finish() {
  local rc=$?
  if [ "${CLUSTER_KEEP:-0}" = 1 ]; then
    note "cluster left running (CLUSTER_KEEP=1): $CLUSTER down stops it"
  else
    local t
    t=$(now)
    "$CLUSTER" down || rc=1
    step "local-cluster.sh down" "$(since "$t")"
  fi
  echo
  echo "step durations on $(hostname -s) ($(nproc) cores):"
  awk -F'\t' '{ printf "  %-58s %8s s\n", $1, $2 }' "$STEPS"
  [ "$rc" = 0 ] && echo "cluster-test: all checks passed" || echo "cluster-test: FAILED (exit $rc)"
  exit "$rc"
}
trap finish EXIT
trap 'echo "cluster-test: a command failed at line $LINENO" >&2' ERR

# ---- Slurm helpers --------------------------------------------------------------------------

# Every task line of the jobs (`scontrol -o`: one line per array task).
job_lines() {
  local j
  for j in "$@"; do scontrol -o show job "$j" 2>/dev/null || true; done
}

# Waits until no task of the jobs is pending or running; fails on a dependency that can never be
# satisfied and after CLUSTER_TIMEOUT seconds.
wait_jobs() {
  local deadline=$((SECONDS + TIMEOUT)) lines
  while :; do
    lines=$(job_lines "$@")
    [ -n "$lines" ] || fail "jobs $* are unknown to slurmctld"
    # A busy slurmctld may answer a query with nothing for one job: ask again rather than take
    # that job for finished.
    local j missing=""
    for j in "$@"; do echo "$lines" | grep -q "^JobId=[0-9]* .*ArrayJobId=$j \|^JobId=$j " || missing=1; done
    if [ -n "$missing" ]; then
      [ "$SECONDS" -lt "$deadline" ] || fail "jobs $* still unknown after $TIMEOUT s"
      sleep 1
      continue
    fi
    if echo "$lines" | grep -q 'Reason=DependencyNeverSatisfied'; then
      echo "$lines" | grep -o 'JobId=[0-9]* .*JobState=[A-Z_]* Reason=[A-Za-z]*' | sed 's/ .*JobState/ JobState/' >&2
      fail "a dependency can never be satisfied (an earlier job failed)"
    fi
    echo "$lines" | grep -Eq 'JobState=(PENDING|RUNNING|CONFIGURING|COMPLETING|REQUEUED|RESIZING|SUSPENDED)' ||
      return 0
    [ "$SECONDS" -lt "$deadline" ] || fail "jobs $* still running after $TIMEOUT s"
    sleep 1
  done
}

# The state of every task, "JobId State" per line.
job_states() {
  job_lines "$@" | sed -n 's/^JobId=\([0-9]*\) .*JobState=\([A-Z_]*\) .*/\1 \2/p'
}

# Fails unless every task of the jobs completed (exit code 0).
expect_completed() {
  local bad
  bad=$(job_states "$@" | grep -v ' COMPLETED$' || true)
  [ -z "$bad" ] || fail "not completed: $(echo "$bad" | tr '\n' ';') (logs in $OUT/submit)"
}

# Seconds from the first start to the last end over the tasks of the jobs (Slurm's own clock).
job_seconds() {
  job_lines "$@" | grep -o 'StartTime=[^ ]* EndTime=[^ ]*' | while read -r s e; do
    echo "$(date -d "${s#StartTime=}" +%s) $(date -d "${e#EndTime=}" +%s)"
  done | awk 'NR == 1 || $1 < a { a = $1 } NR == 1 || $2 > b { b = $2 } END { print b - a }'
}

# The state of one task (array job id and task id).
task_state() {
  { scontrol -o show job "$1" 2>/dev/null || true; } | sed -n "s/.* ArrayTaskId=$2 .*JobState=\([A-Z_]*\) .*/\1/p"
}

# The cache files (features/) and manifests (folds/) of two prep outputs are byte for byte equal.
same_tree() {
  local a="$1" b="$2" what="$3" list_a list_b f
  list_a=$(cd "$a" && find . -type f | sort)
  list_b=$(cd "$b" && find . -type f | sort)
  [ "$list_a" = "$list_b" ] || {
    diff <(echo "$list_a") <(echo "$list_b") >&2 || true
    fail "$what: other files in $b than in $a"
  }
  while read -r f; do
    cmp -s "$a/$f" "$b/$f" || fail "$what: $b/$f differs from $a/$f"
  done <<<"$list_a"
  note "$what: byte-identical ($(echo "$list_a" | wc -l) files, $(du -sh "$b" | cut -f1))"
}

# ---- 1. the cluster and the corpus ----------------------------------------------------------
t=$(now)
eval "$("$CLUSTER" up | tee /dev/stderr | grep '^export SLURM_CONF=')"
step "local-cluster.sh up" "$(since "$t")"
[ -n "${SLURM_CONF:-}" ] || fail "local-cluster.sh up printed no SLURM_CONF"

t=$(now)
"$BIN" synth --layout cemo --out "$OUT/corpus" --speakers "${CLUSTER_SPEAKERS:-150}" \
  --dialogs "${CLUSTER_DIALOGS:-120}" --seed "${CLUSTER_SEED:-1}" >/dev/null
step "synth (CEMO-style corpus)" "$(since "$t")"

# ---- 2. single machine ----------------------------------------------------------------------
t=$(now)
# shellcheck disable=SC2086
"$BIN" prep cemo "$OUT/corpus" $PREP_OPTIONS --out "$OUT/single/work" --jobs 2 --quiet >"$OUT/single/prep.txt"
step "single machine: prep (features + folds, --jobs 2)" "$(since "$t")"
SLOTS=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["shards"]))' \
  "$OUT/single/work/features/index.json")
SEGMENTS=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["requestCount"])' \
  "$OUT/single/work/features/index.json")
FOLDS=$(find "$OUT/single/work/folds" -maxdepth 1 -name 'fold-*' -type d | wc -l)
[ "$FOLDS" -ge 2 ] || fail "the single run has $FOLDS folds"
note "corpus: $SEGMENTS segments with features in $SLOTS slots, $FOLDS folds"

t=$(now)
"$BIN" train "$OUT/single/work" --out "$OUT/single/run" --epochs "$EPOCHS" --jobs 2 --quiet >/dev/null
step "single machine: train ($FOLDS folds x $EPOCHS epochs, --jobs 2)" "$(since "$t")"

# ---- 3. the README's cluster commands, from a submit folder, relative paths ------------------
cd "$OUT/submit"
export EMOCORPUS="$BIN"
S="$HERE"
ARGS="cemo ../corpus $PREP_OPTIONS --out ../cluster/work"
t=$(now)
# shellcheck disable=SC2086
jid=$(sbatch --parsable --array=1-$PARTS "$S/features.sbatch" $ARGS)
# shellcheck disable=SC2086
mid=$(sbatch --parsable --dependency=afterok:$jid "$S/merge.sbatch" $ARGS)
tid=$(sbatch --parsable --dependency=afterok:$mid --array=1-$FOLDS "$S/train.sbatch" ../cluster/work ../cluster/run "$EPOCHS")
cid=$(sbatch --parsable --dependency=afterok:$tid "$S/collect.sbatch" ../cluster/work ../cluster/run)
note "submitted: features $jid (array of $PARTS), merge $mid, train $tid (array of $FOLDS), collect $cid"
wait_jobs "$jid" "$mid" "$tid" "$cid"
step "cluster: submit to collect done (wall)" "$(since "$t")"
expect_completed "$jid" "$mid" "$tid" "$cid"
step "cluster: features, array of $PARTS (first start to last end)" "$(job_seconds "$jid")"
step "cluster: merge" "$(job_seconds "$mid")"
step "cluster: train, array of $FOLDS" "$(job_seconds "$tid")"
step "cluster: collect" "$(job_seconds "$cid")"

# Logs where the README says: the submit folder, one per job or array task.
for log in $(seq -f "emocorpus-features-${jid}_%g.log" 1 $PARTS) "emocorpus-merge-$mid.log" \
  $(seq -f "emocorpus-train-${tid}_%g.log" 1 "$FOLDS") "emocorpus-collect-$cid.log"; do
  [ -s "$OUT/submit/$log" ] || fail "no log $OUT/submit/$log"
done
note "logs: $(ls "$OUT/submit" | wc -l) files in the submit folder"
grep -q "all $SLOTS feature slots: $SLOTS reused (finished earlier), 0 computed" "$OUT/submit/emocorpus-merge-$mid.log" ||
  fail "the merge computed features itself: $(grep 'feature slots' "$OUT/submit/emocorpus-merge-$mid.log" || echo 'no count')"

same_tree "$OUT/single/work/features" "$OUT/cluster/work/features" "merged feature cache"
same_tree "$OUT/single/work/folds" "$OUT/cluster/work/folds" "fold manifests"
$CHECK same-results "$OUT/single/run/results.json" "$OUT/cluster/run/results.json" ||
  fail "results.json of the cluster run differs from the single run's"
for k in $(seq 1 "$FOLDS"); do
  cmp -s "$OUT/single/run/fold-$k/weights.bin" "$OUT/cluster/run/fold-$k/weights.bin" ||
    fail "fold $k: weights.bin differs from the single run's"
done
note "weights.bin of all $FOLDS folds byte-identical"

# ---- 4. a features task cancelled mid-run, resubmitted alone -----------------------------------
# The part that owns at least two slots, and its first slot.
read -r KP FIRST END < <($CHECK slots "$SLOTS" "$PARTS" | awk '$3 - $2 >= 2 { print; exit }')
[ -n "${KP:-}" ] || fail "no part owns two slots ($SLOTS slots): raise CLUSTER_DIALOGS"
FIRST_FILE=$(printf 'shard-%05d-' "$FIRST")
# This time without EMOCORPUS: the binary is found on PATH.
CARGS="cemo ../corpus $PREP_OPTIONS --out ../cancel/work"
# Submits the features array and cancels part KP as soon as its first slot's file is there (only
# that task writes it). A slot takes well under a second here, so the task may finish before the
# cancel lands: then the attempt is repeated on a fresh folder (at most 5 times).
cancel_attempt() {
  rm -rf "$OUT/cancel/work"
  # shellcheck disable=SC2086
  fid=$(env -u EMOCORPUS PATH="$(dirname "$BIN"):$PATH" sbatch --parsable --array=1-$PARTS "$S/features.sbatch" $CARGS)
  local deadline=$((SECONDS + TIMEOUT)) polls=0 state
  until compgen -G "$OUT/cancel/work/features/$FIRST_FILE*.bin" >/dev/null; do
    polls=$((polls + 1))
    if [ $((polls % 50)) = 0 ]; then
      state=$(task_state "$fid" "$KP")
      case "$state" in COMPLETED | FAILED | CANCELLED | TIMEOUT) fail "features part $KP ended ($state) before its first slot was seen" ;; esac
      [ "$SECONDS" -lt "$deadline" ] || fail "features part $KP never finished its first slot"
    fi
    sleep 0.02
  done
  scancel "${fid}_$KP"
  wait_jobs "$fid"
  [ "$(task_state "$fid" "$KP")" = CANCELLED ] && [ ! -e "$OUT/cancel/work/features/index.part-$KP-of-$PARTS.json" ]
}
t=$(now)
attempt=1
until cancel_attempt; do
  note "attempt $attempt: features part $KP finished before the cancel landed; again"
  attempt=$((attempt + 1))
  [ "$attempt" -le 5 ] || fail "features part $KP always finished before it could be cancelled"
done
note "cancelled features part $KP of $PARTS (slots $((FIRST + 1))-$END of $SLOTS) mid-run (attempt $attempt)"
# What was finished when the task died: the part's shard files on disk (and their inodes).
finished=0
inodes=""
for slot in $(seq "$FIRST" $((END - 1))); do
  for f in "$OUT/cancel/work/features/$(printf 'shard-%05d-' "$slot")"*.bin; do
    [ -e "$f" ] || continue
    finished=$((finished + 1))
    inodes="$inodes $(stat -c '%n:%i:%Y' "$f")"
  done
done
total=$((END - FIRST))
[ "$finished" -ge 1 ] && [ "$finished" -lt "$total" ] || fail "part $KP had $finished of $total slots at the cancel"
rid=$(sbatch --parsable --array="$KP" --export=ALL,SHARDS=$PARTS "$S/features.sbatch" $CARGS)
wait_jobs "$rid"
expect_completed "$rid"
rlog="$OUT/submit/emocorpus-features-${rid}_$KP.log"
expected="$finished reused (finished earlier), $((total - finished)) computed"
grep -q "$expected" "$rlog" || fail "the resubmitted part $KP does not log '$expected': $(grep 'feature slot' "$rlog" || echo nothing)"
for entry in $inodes; do
  [ "$(stat -c '%n:%i:%Y' "${entry%%:*}")" = "$entry" ] || fail "${entry%%:*} was rewritten"
done
note "resubmitted part $KP: $(grep -o 'feature slots.*' "$rlog"); finished shard files untouched"
# shellcheck disable=SC2086
gid=$(sbatch --parsable "$S/merge.sbatch" $CARGS)
wait_jobs "$gid"
expect_completed "$gid"
grep -q "all $SLOTS feature slots: $SLOTS reused (finished earlier), 0 computed" "$OUT/submit/emocorpus-merge-$gid.log" ||
  fail "the merge after the resubmission computed features again"
step "cancel test: features array, cancel, resubmit, merge" "$(since "$t")"
same_tree "$OUT/single/work/features" "$OUT/cancel/work/features" "feature cache after cancel + resubmit"

# ---- 5. a train task cancelled mid-run, resubmitted -----------------------------------------
KF=1
t=$(now)
kid=$(sbatch --parsable --array=$KF "$S/train.sbatch" ../cluster/work ../cancel/run "$EPOCHS")
ckpt="$OUT/cancel/run/fold-$KF/checkpoint.bin"
deadline=$((SECONDS + TIMEOUT))
until [ -s "$ckpt" ] && [ "$(task_state "$kid" "$KF")" = RUNNING ]; do
  state=$(task_state "$kid" "$KF")
  case "$state" in COMPLETED | FAILED | CANCELLED | TIMEOUT) fail "train fold $KF ended ($state) before it could be cancelled" ;; esac
  [ "$SECONDS" -lt "$deadline" ] || fail "train fold $KF never wrote a checkpoint"
  sleep 0.1
done
scancel "${kid}_$KF"
wait_jobs "$kid"
[ "$(task_state "$kid" "$KF")" = CANCELLED ] || fail "train fold $KF was not cancelled"
[ ! -e "$OUT/cancel/run/fold-$KF/fold.json" ] || fail "train fold $KF finished before the cancel took"
at=$($CHECK checkpoint-epoch "$ckpt")
[ "$at" -ge 1 ] && [ "$at" -lt "$EPOCHS" ] || fail "checkpoint at epoch $at of $EPOCHS"
note "cancelled train fold $KF with its checkpoint at epoch $at of $EPOCHS"
sid=$(sbatch --parsable --array=$KF "$S/train.sbatch" ../cluster/work ../cancel/run "$EPOCHS")
wait_jobs "$sid"
expect_completed "$sid"
slog="$OUT/submit/emocorpus-train-${sid}_$KF.log"
grep -q "fold $KF resumes from" "$slog" || fail "the resubmitted train task did not resume"
first=$(sed -n "s|^fold $KF epoch \([0-9]*\)/$EPOCHS:.*|\1|p" "$slog" | head -n 1)
[ "$first" = $((at + 1)) ] || fail "the resubmitted fold started at epoch '${first:-none}', not $((at + 1))"
$CHECK same-results "$OUT/single/run/fold-$KF/fold.json" "$OUT/cancel/run/fold-$KF/fold.json" ||
  fail "fold $KF after the resume differs from the uninterrupted run"
cmp -s "$OUT/single/run/fold-$KF/weights.bin" "$OUT/cancel/run/fold-$KF/weights.bin" ||
  fail "fold $KF weights after the resume differ from the uninterrupted run"
note "resubmitted fold $KF resumed at epoch $first; fold.json and weights.bin equal the uninterrupted run's"
step "kill test: train fold $KF, cancel, resubmit" "$(since "$t")"

# ---- 6. clear failures ----------------------------------------------------------------------
t=$(now)
mkdir -p "$OUT/broken/empty"
b1=$(sbatch --parsable --array=1-1 "$S/features.sbatch" cemo ../not-shared/corpus $PREP_OPTIONS --out ../broken/work)
b2=$(sbatch --parsable "$S/merge.sbatch" cemo ../corpus $PREP_OPTIONS --out ../broken/empty)
b3=$(EMOCORPUS=/not-shared/emocorpus sbatch --parsable "$S/collect.sbatch" ../cluster/work ../cluster/run)
b4=$(sbatch --parsable --array=1 "$S/train.sbatch" ../broken/no-prep ../broken/run 1)
wait_jobs "$b1" "$b2" "$b3" "$b4"
for pair in "$b1:emocorpus-features-${b1}_1.log:corpus folder" "$b2:emocorpus-merge-$b2.log:no feature parts" \
  "$b3:emocorpus-collect-$b3.log:not found" "$b4:emocorpus-train-${b4}_1.log:no finished prep output"; do
  IFS=: read -r id log words <<<"$pair"
  [ "$(job_states "$id" | awk '{ print $2 }')" = FAILED ] || fail "job $id should have failed"
  grep -q "$words" "$OUT/submit/$log" || fail "$log does not say '$words'"
  note "fails clearly: $(grep -m 1 "$words" "$OUT/submit/$log")"
done
step "failure checks (4 jobs)" "$(since "$t")"
