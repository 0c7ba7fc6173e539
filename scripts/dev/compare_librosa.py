#!/usr/bin/env python3
"""Speed of `emocorpus prep` against what a user would otherwise write, on the same files, in one run.

The alternative is one Python thread: librosa.load(path, sr=16000) (soxr_hq resampling), then the
same features with librosa: a 40-band HTK Mel spectrogram of 25 ms Hann frames every 10 ms (FFT
512, no centering), ln(max(·, 1e-10)), Δ and ΔΔ over ±2 frames. prep runs the whole pipeline
(features on, a fresh output folder, so a cold feature cache) with --jobs 2.

Both are timed by wall clock and by CPU time (prep's CPU time is divided by the 2 threads it uses:
on a machine shared with other work, CPU time is the steadier of the two). x-realtime = seconds of
audio per second.

Usage: python3 scripts/dev/compare_librosa.py TABLE.csv [--emocorpus PATH] [--task iemocap-4] [--limit N]
  TABLE.csv: a table corpus (columns path, speaker, label, …; paths relative to its folder).
Needs numpy, librosa, soundfile.
"""
import argparse
import csv
import os

# One Python thread, as stated: no BLAS or OpenMP threads behind numpy's back.
for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMBA_NUM_THREADS"):
    os.environ.setdefault(variable, "1")
import resource
import shutil
import subprocess
import sys
import tempfile
import time

import librosa
import numpy as np
import soundfile


def features(y, sr=16000):
    mel = librosa.feature.melspectrogram(
        y=y, sr=sr, n_fft=512, hop_length=160, win_length=400, window="hann", center=False, power=2.0,
        n_mels=40, fmin=0, fmax=sr / 2, htk=True, norm=None)
    log_mel = np.log(np.maximum(mel, 1e-10))
    delta = librosa.feature.delta(log_mel, width=5, order=1, mode="nearest")
    delta2 = librosa.feature.delta(delta, width=5, order=1, mode="nearest")
    return np.vstack([log_mel, delta, delta2]).T


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("table")
    parser.add_argument("--emocorpus", default=".build/release/emocorpus")
    parser.add_argument("--task", default="iemocap-4")
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()

    folder = os.path.dirname(os.path.abspath(args.table))
    with open(args.table, newline="") as fh:
        rows = list(csv.DictReader(fh))
    if args.limit:
        rows = rows[: args.limit]
    paths = [r["path"] if os.path.isabs(r["path"]) else os.path.join(folder, r["path"]) for r in rows]
    seconds = sum(soundfile.info(p).duration for p in paths)
    rates = sorted({soundfile.info(p).samplerate for p in paths})
    print(f"{len(paths)} files, {seconds:.1f} s of audio, source rates {rates} Hz")

    with tempfile.TemporaryDirectory(prefix="compare-librosa-") as tmp:
        table = args.table
        if args.limit:
            table = os.path.join(tmp, "corpus.csv")
            with open(table, "w", newline="") as fh:
                writer = csv.DictWriter(fh, fieldnames=list(rows[0].keys()))
                writer.writeheader()
                for row, path in zip(rows, paths):
                    writer.writerow({**row, "path": path})
        # Warm the file cache for both sides alike.
        for p in paths:
            with open(p, "rb") as fh:
                fh.read()

        # One file first, untimed: librosa compiles some of its code (numba) on first use.
        features(librosa.load(paths[0], sr=16000)[0])
        cpu0 = time.process_time()
        wall0 = time.perf_counter()
        frames = 0
        for p in paths:
            y, _ = librosa.load(p, sr=16000)
            frames += len(features(y))
        py_wall = time.perf_counter() - wall0
        py_cpu = time.process_time() - cpu0

        out = os.path.join(tmp, "prep")
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall0 = time.perf_counter()
        done = subprocess.run(
            [args.emocorpus, "prep", "table", table, "--task", args.task, "--out", out, "--jobs", "2", "--quiet"],
            capture_output=True, text=True)
        prep_wall = time.perf_counter() - wall0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode != 0:
            sys.exit("prep failed: " + done.stderr.strip()[-500:])
        prep_cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        shutil.rmtree(out, ignore_errors=True)

    print(f"librosa.load(sr=16000) + features, 1 thread: {seconds / py_wall:8.0f}x realtime (wall), "
          f"{seconds / py_cpu:8.0f}x (CPU)  [{frames} frames]")
    print(f"emocorpus prep --jobs 2, cold cache:         {seconds / prep_wall:8.0f}x realtime (wall), "
          f"{seconds / (prep_cpu / 2):8.0f}x (CPU / 2)")
    print(f"ratio: {py_wall / prep_wall:.1f}x (wall), {py_cpu / (prep_cpu / 2):.1f}x (CPU)")


if __name__ == "__main__":
    main()
