#!/usr/bin/env python3
"""Optional check: the same recipe as `emocorpus train`, written independently in PyTorch.

    pip install torch numpy          # a CPU build is enough
    emocorpus export-features PREP --format npy --out NPY
    python3 scripts/dev/pytorch_reference.py PREP NPY [--epochs 25] [--folds 1,2] [--threads 2]
        [--model temporal-cnn-bilstm|temporal-cnn-bilstm-219k]
    python3 scripts/dev/pytorch_reference.py --bench [--infer] [--model ...]   # throughput only

Reads the fold manifests (PREP/folds/fold-K/{train,val,test}.jsonl), each fold's normalization
statistics (PREP/features/norm/fold-K.json) and the exported whole-segment features, then trains
the bundled Temporal CNN-BiLSTM (`--model`, default `temporal-cnn-bilstm`: 221,172 parameters for 4
classes; `temporal-cnn-bilstm-219k`: 219,062) with the same recipe: 3 s windows (300 frames, hop
200, last one zero-padded), packed sequences for the padded frames, Adam 1e-4 decayed x0.9 every
1000 steps, gradient values clipped to [-1, 1], batch 32, training windows oversampled to equal
class counts every epoch, the best-validation-UA epoch kept, segment decisions by majority / mean /
max over windows with the strategy chosen on validation. Prints per-fold and mean UA/WA to compare
with `RUN/results.json` of `emocorpus train PREP --config <same model>`. Not part of the product
or the tests.

`--bench` times training steps (batch 32, full windows, forward + backward + clipping + Adam) with
1 and 2 threads and OMP_WAIT_POLICY active and passive, packed and unpacked LSTM, and prints the
best: the figure to compare with `make bench`'s `train_samples_per_s_full`. With `--infer` it times
inference (eval mode, `torch.inference_mode`, softmax) instead: compare with `infer_samples_per_s_full`.
"""
import argparse
import csv
import json
import math
import os
import random
import time

import numpy as np
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

WINDOW, HOP = 300, 200


def windows(x):
    """Windows of 300 frames, hop 200, last zero-padded; returns (array [n, 300, d], lengths)."""
    frames = x.shape[0]
    n = 1 if frames <= WINDOW else 1 + math.ceil((frames - WINDOW) / HOP)
    out = np.zeros((n, WINDOW, x.shape[1]), dtype=np.float32)
    lengths = []
    for k in range(n):
        part = x[k * HOP : k * HOP + WINDOW]
        out[k, : len(part)] = part
        lengths.append(len(part))
    return out, lengths


def conv_length(length, kernel, stride, padding):
    """Output length of a convolution along time for a true input length (at least 0)."""
    return max(0, (length + 2 * padding - kernel) // stride + 1)


class TemporalCNNBiLSTM(nn.Module):
    """`temporal-cnn-bilstm` (the default) or `temporal-cnn-bilstm-219k` of schemas/models/.

    Default: Conv1D(F->64, k5, s2, p2) ReLU -> Conv1D(64->96, k5, s2, p2) ReLU -> Conv1D(96->112,
    k3, s1, p1) ReLU, frames past each conv's output length set to zero -> BiLSTM(112 -> 60 + 60),
    packed -> Dropout(0.5) -> all 75 steps flattened (9000) -> Linear(classes): 221,172 parameters
    for 4 classes at 120 inputs. 219k: Conv1D(F->128, k3, s2, p1) ReLU -> Conv1D(128->96, k3, s3,
    p1) ReLU (no masking of conv outputs) -> BiLSTM(96 -> 60 + 60), packed -> Dropout(0.5) -> 6000
    -> Linear(10) ReLU -> Dropout(0.5) -> Linear(classes): 219,062 parameters.
    `gender=True` adds a Linear(-> 2) gender head on the same input as the emotion head.
    """

    GEOMETRY = {
        # (channels, kernel, stride, padding) per conv, conv masking, hidden dense units or None
        "temporal-cnn-bilstm": ([(64, 5, 2, 2), (96, 5, 2, 2), (112, 3, 1, 1)], True, None),
        "temporal-cnn-bilstm-219k": ([(128, 3, 2, 1), (96, 3, 3, 1)], False, 10),
    }

    def __init__(self, features, classes, model="temporal-cnn-bilstm", frames=300, gender=False):
        super().__init__()
        convs, self.mask, dense = self.GEOMETRY[model]
        self.specs = [(k, s, p) for _, k, s, p in convs]
        layers, width, steps = [], features, frames
        for channels, k, s, p in convs:
            layers.append(nn.Conv1d(width, channels, k, stride=s, padding=p))
            width, steps = channels, conv_length(steps, k, s, p)
        self.convs = nn.ModuleList(layers)
        self.lstm = nn.LSTM(width, 60, batch_first=True, bidirectional=True)
        self.drop_lstm = nn.Dropout(0.5)
        flat = steps * 120
        self.dense = nn.Linear(flat, dense) if dense else None
        self.drop = nn.Dropout(0.5)
        self.out = nn.Linear(dense or flat, classes)
        self.gender = nn.Linear(dense or flat, 2) if gender else None
        for conv in self.convs:
            nn.init.kaiming_normal_(conv.weight, nonlinearity="relu")
            nn.init.zeros_(conv.bias)

    def forward(self, x, lengths, packed=True):
        """x: [batch, frames, features], zero past each true length. Returns emotion logits (and
        gender logits with the gender head). `packed=False` runs the LSTM on every step (the same
        result when every window is full)."""
        h = x.transpose(1, 2)
        lengths = torch.as_tensor(lengths)
        for conv, (k, s, p) in zip(self.convs, self.specs):
            h = torch.relu(conv(h))
            lengths = torch.clamp((lengths + 2 * p - k) // s + 1, min=0, max=h.shape[2])
            if self.mask:
                h = h * (torch.arange(h.shape[2]) < lengths[:, None]).unsqueeze(1).to(h.dtype)
        h = h.transpose(1, 2)
        steps = h.shape[1]
        if packed:
            packed_h = pack_padded_sequence(h, lengths.clamp(min=1), batch_first=True, enforce_sorted=False)
            y, _ = self.lstm(packed_h)
            y, _ = pad_packed_sequence(y, batch_first=True, total_length=steps)  # padded steps are 0
        else:
            y, _ = self.lstm(h)
        y = self.drop_lstm(y).reshape(y.shape[0], -1)
        if self.dense is not None:
            y = self.drop(torch.relu(self.dense(y)))
        if self.gender is None:
            return self.out(y)
        return self.out(y), self.gender(y)


def ua_wa(truth, predicted, classes):
    confusion = np.zeros((classes, classes), dtype=int)
    for t, p in zip(truth, predicted):
        confusion[t, p] += 1
    recalls = [confusion[i, i] / confusion[i].sum() for i in range(classes) if confusion[i].sum() > 0]
    return float(np.mean(recalls)), float(np.trace(confusion) / max(confusion.sum(), 1))


def decide(posteriors, strategy):
    if strategy == "majority":
        votes = np.bincount(posteriors.argmax(1), minlength=posteriors.shape[1])
        best = np.flatnonzero(votes == votes.max())
        return int(best[np.argmax(posteriors.mean(0)[best])])
    if strategy == "mean":
        return int(posteriors.mean(0).argmax())
    return int(posteriors.max(0).argmax())


def bench_one(model_name, threads, packed, seconds):
    """Training steps per second: batch 32 of full 300 x 120 windows, 4 classes, forward + loss +
    backward + gradient clipping + Adam, as `make bench`'s train_samples_per_s_full measures."""
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    model = TemporalCNNBiLSTM(120, 4, model_name)
    model.train()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
    loss_fn = nn.CrossEntropyLoss()
    x = torch.randn(32, 300, 120)
    y = torch.arange(32) % 4
    lengths = [300] * 32

    def step():
        optimizer.zero_grad()
        loss_fn(model(x, lengths, packed=packed), y).backward()
        nn.utils.clip_grad_value_(model.parameters(), 1.0)
        optimizer.step()

    return timed(step, seconds, warmup=3)


def timed(step, seconds, warmup):
    """Samples per wall-clock second and per CPU-second of `step` (32 samples a call), after
    `warmup` calls."""
    for _ in range(warmup):
        step()
    wall, cpu, samples = time.perf_counter(), time.process_time(), 0
    while time.perf_counter() - wall < seconds:
        step()
        samples += 32
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return samples / wall, samples / cpu


def bench_infer_one(model_name, threads, packed, seconds):
    """Inference samples per second: batch 32 of full 300 x 120 windows, eval mode, no autograd,
    softmax posteriors, as `make bench`'s infer_samples_per_s_full measures."""
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    model = TemporalCNNBiLSTM(120, 4, model_name)
    model.eval()
    x = torch.randn(32, 300, 120)
    lengths = [300] * 32

    def step():
        with torch.inference_mode():
            torch.softmax(model(x, lengths, packed=packed), dim=1)

    return timed(step, seconds, warmup=5)


def bench(args):
    """Runs every setting in a fresh process (OMP_WAIT_POLICY is read when torch loads)."""
    if args.bench_child:
        threads, packed = int(args.bench_child[0]), args.bench_child[1] == "packed"
        one = bench_infer_one if args.infer else bench_one
        per_s, per_cpu_s = one(args.model, threads, packed, args.seconds)
        print(f"{per_s:.0f} {per_cpu_s:.0f}")
        return
    import subprocess
    import sys

    best = (0, "")
    what = "inference (eval, no autograd)" if args.infer else "training step + Adam"
    print(f"PyTorch {torch.__version__}, {args.model}, batch 32, full 300 x 120 windows, {what}")
    for policy in ("active", "passive"):
        for threads in (1, 2):
            for packed in ("packed", "unpacked"):
                env = dict(os.environ, OMP_WAIT_POLICY=policy)
                command = [sys.executable, __file__, "--bench", "--model", args.model, "--seconds", str(args.seconds)]
                if args.infer:
                    command.append("--infer")
                out = subprocess.run(
                    command + ["--bench-child", str(threads), packed], env=env, capture_output=True, text=True, check=True
                ).stdout.split()
                per_s, per_cpu_s = float(out[0]), float(out[1])
                setting = f"OMP_WAIT_POLICY={policy} threads={threads} {packed}"
                print(f"  {setting}: {per_s:.0f} samples/s ({per_cpu_s:.0f} per CPU-second)", flush=True)
                best = max(best, (per_s, setting))
    print(f"best: {best[0]:.0f} samples/s ({best[1]})")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("prep", nargs="?")
    ap.add_argument("npy", nargs="?")
    ap.add_argument("--model", default="temporal-cnn-bilstm", choices=sorted(TemporalCNNBiLSTM.GEOMETRY))
    ap.add_argument("--epochs", type=int, default=25)
    ap.add_argument("--patience", type=int, default=10)
    ap.add_argument("--folds", default=None)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--bench", action="store_true", help="measure training throughput instead")
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--infer", action="store_true", help="with --bench: inference throughput instead of training")
    ap.add_argument("--bench-child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.bench:
        return bench(args)
    if not args.prep or not args.npy:
        ap.error("give PREP and NPY (or --bench)")
    torch.set_num_threads(args.threads)
    classes = json.load(open(os.path.join(args.prep, "folds", "summary.json")))["classes"]
    features = {r["id"]: r for r in csv.DictReader(open(os.path.join(args.npy, "index.csv")))}
    cache = {}

    def segment_windows(sid):
        if sid not in cache:
            cache[sid] = windows(np.load(os.path.join(args.npy, sid + ".npy")))
        return cache[sid]

    fold_dirs = sorted(
        (d for d in os.listdir(os.path.join(args.prep, "folds")) if d.startswith("fold-")), key=lambda d: int(d[5:])
    )
    wanted = {int(k) for k in args.folds.split(",")} if args.folds else None
    results = []
    for fold_dir in fold_dirs:
        k = int(fold_dir[5:])
        if wanted and k not in wanted:
            continue
        torch.manual_seed(args.seed)
        random.seed(args.seed)
        split = {}
        for name in ("train", "val", "test"):
            path = os.path.join(args.prep, "folds", fold_dir, name + ".jsonl")
            split[name] = [json.loads(l) for l in open(path) if l.strip()]
        stats = json.load(open(os.path.join(args.prep, "features", "norm", f"{fold_dir}.json")))
        mean = np.array(stats["mean"], dtype=np.float32)
        std = np.maximum(np.sqrt(np.maximum(np.array(stats["variance"]), 0)), 1e-8).astype(np.float32)

        def normalized(sid):
            w, lengths = segment_windows(sid)
            w = (w - mean) / std
            for i, length in enumerate(lengths):
                w[i, length:] = 0  # padding stays zero
            return w, lengths

        train = []
        for e in split["train"]:
            if e["id"] not in features:
                continue
            w, lengths = normalized(e["id"])
            train += [(w[i], lengths[i], classes.index(e["label"])) for i in range(len(lengths))]
        by_class = [[t for t in train if t[2] == c] for c in range(len(classes))]
        target = max(len(b) for b in by_class)
        model = TemporalCNNBiLSTM(len(mean), len(classes), args.model)
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
        schedule = torch.optim.lr_scheduler.StepLR(optimizer, step_size=1000, gamma=0.9)
        loss_fn = nn.CrossEntropyLoss()

        def posteriors(entries):
            model.eval()
            out = []
            with torch.no_grad():
                for e in entries:
                    w, lengths = normalized(e["id"])
                    p = torch.softmax(model(torch.from_numpy(w), lengths), 1).numpy()
                    out.append((classes.index(e["label"]), p))
            return out

        def scores(entries):
            post = posteriors(entries)
            return {
                s: ua_wa([t for t, _ in post], [decide(p, s) for _, p in post], len(classes))
                for s in ("majority", "mean", "max")
            }

        best = (-1.0, None, None)
        stale = 0
        for epoch in range(1, args.epochs + 1):
            model.train()
            sample = []
            for b in by_class:  # oversampled to equal class counts
                if b:
                    sample += b + random.choices(b, k=target - len(b))
            random.shuffle(sample)
            for i in range(0, len(sample), 32):
                batch = sample[i : i + 32]
                x = torch.from_numpy(np.stack([b[0] for b in batch]))
                y = torch.tensor([b[2] for b in batch])
                optimizer.zero_grad()
                loss = loss_fn(model(x, [b[1] for b in batch]), y)
                loss.backward()
                nn.utils.clip_grad_value_(model.parameters(), 1.0)
                optimizer.step()
                schedule.step()
            val = scores(split["val"])
            strategy = max(val, key=lambda s: val[s][0])
            if val[strategy][0] > best[0]:
                best = (val[strategy][0], strategy, {k_: v.clone() for k_, v in model.state_dict().items()})
                stale = 0
            else:
                stale += 1
                if stale >= args.patience:
                    break
        model.load_state_dict(best[2])
        ua, wa = scores(split["test"])[best[1]]
        results.append((ua, wa))
        print(f"fold {k}: test UA {100 * ua:.1f} %, WA {100 * wa:.1f} % ({best[1]})", flush=True)
    uas = [r[0] for r in results]
    was = [r[1] for r in results]
    parameters = sum(p.numel() for p in TemporalCNNBiLSTM(120, len(classes), args.model).parameters())
    print(
        f"{len(results)} fold(s): UA {100 * np.mean(uas):.1f} ± {100 * np.std(uas, ddof=1 if len(uas) > 1 else 0):.1f} %, "
        f"WA {100 * np.mean(was):.1f} % ({parameters} parameters at 120 inputs)"
    )


if __name__ == "__main__":
    main()
