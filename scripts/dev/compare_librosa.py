#!/usr/bin/env python3
"""Speed of `emocorpus prep` against what a user would otherwise write, on the same files, in one run.

The alternative is librosa.load(path, sr=16000) (librosa's default soxr_hq resampling, or
--res-type soxr_vhq: the very-high-quality setting prep uses by default, for a like-for-like figure), then the same features with
librosa: a 40-band HTK Mel spectrogram of 25 ms Hann frames every 10 ms (FFT 512, no centering),
ln(max(·, 1e-10)), Δ and ΔΔ over ±2 frames, in one Python thread and, with --processes N (default
2, as many as prep's --jobs), also on N processes each taking every N-th file. prep runs the whole
pipeline (features on, a fresh output folder, so a cold feature cache) with --jobs 2.

Both are timed by wall clock and by CPU time (prep's CPU time is divided by the 2 threads it uses:
on a machine shared with other work, CPU time is the steadier of the two). x-realtime = seconds of
audio per second. --repeat R times each side R times and keeps the best (default 3).

Usage: python3 scripts/dev/compare_librosa.py TABLE.csv [--emocorpus PATH] [--task all] [--limit N]
         [--processes N] [--repeat R] [--res-type soxr_hq|soxr_vhq|…]
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

import multiprocessing

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


RES_TYPE = "soxr_hq"  # librosa's default; --res-type replaces it (set before the pool forks)


def work(paths):
    """One process's share: librosa.load + features of every path; (frames, CPU seconds)."""
    cpu0 = time.process_time()
    frames = 0
    for p in paths:
        y, _ = librosa.load(p, sr=16000, res_type=RES_TYPE)
        frames += len(features(y))
    return frames, time.process_time() - cpu0


def warm(path):
    features(librosa.load(path, sr=16000, res_type=RES_TYPE)[0])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("table")
    parser.add_argument("--emocorpus", action="append",
                        help="binary to time (repeat to time several, e.g. before and after a change)")
    parser.add_argument("--task", default="all",
                        help="prep's task (default all: every file gets features, as every file is loaded on the librosa side)")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--res-type", default="soxr_hq",
                        help="librosa's resampler (default soxr_hq, librosa's own default; soxr_vhq = prep's quality)")
    args = parser.parse_args()
    global RES_TYPE
    RES_TYPE = args.res_type
    binaries = args.emocorpus or [".build/release/emocorpus"]

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
        warm(paths[0])
        py_wall = py_cpu = float("inf")
        for _ in range(args.repeat):
            wall0 = time.perf_counter()
            frames, cpu = work(paths)
            py_wall = min(py_wall, time.perf_counter() - wall0)
            py_cpu = min(py_cpu, cpu)

        multi_wall = float("inf")
        if args.processes > 1:
            with multiprocessing.get_context("fork").Pool(args.processes) as pool:
                pool.map(warm, [paths[0]] * args.processes)
                shares = [paths[k::args.processes] for k in range(args.processes)]
                for _ in range(args.repeat):
                    wall0 = time.perf_counter()
                    pool.map(work, shares, chunksize=1)
                    multi_wall = min(multi_wall, time.perf_counter() - wall0)

        out = os.path.join(tmp, "prep")
        # Binaries take turns, so that a change in the machine's load touches each alike.
        best = {binary: (float("inf"), float("inf")) for binary in binaries}
        for _ in range(args.repeat):
            for binary in binaries:
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                wall0 = time.perf_counter()
                done = subprocess.run(
                    [binary, "prep", "table", table, "--task", args.task, "--out", out, "--jobs", "2", "--quiet"],
                    capture_output=True, text=True)
                wall = time.perf_counter() - wall0
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                if done.returncode != 0:
                    sys.exit("prep failed: " + done.stderr.strip()[-500:])
                cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
                best[binary] = (min(best[binary][0], wall), min(best[binary][1], cpu))
                shutil.rmtree(out, ignore_errors=True)
        timings = [(binary, *best[binary]) for binary in binaries]

    print(f"librosa.load(sr=16000, res_type={RES_TYPE}) + features, 1 thread: {seconds / py_wall:8.0f}x realtime (wall), "
          f"{seconds / py_cpu:8.0f}x (CPU)  [{frames} frames]")
    if args.processes > 1:
        print(f"librosa on {args.processes} processes:                  {seconds / multi_wall:8.0f}x realtime (wall)")
    for binary, prep_wall, prep_cpu in timings:
        print(f"{binary}: prep --jobs 2, cold cache: {seconds / prep_wall:8.0f}x realtime (wall), "
              f"{seconds / (prep_cpu / 2):8.0f}x (CPU / 2)")
        print(f"  ratio to 1 thread: {py_wall / prep_wall:.2f}x (wall), {py_cpu / (prep_cpu / 2):.2f}x (CPU)"
              + (f"; to {args.processes} processes: {multi_wall / prep_wall:.2f}x (wall)" if args.processes > 1 else ""))
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
