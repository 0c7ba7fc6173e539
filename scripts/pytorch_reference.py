#!/usr/bin/env python3
"""Optional check: the same recipe as `emocorpus train`, written independently in PyTorch.

    pip install torch numpy          # a CPU build is enough
    emocorpus export-features PREP --format npy --out NPY
    python3 scripts/pytorch_reference.py PREP NPY [--epochs 25] [--folds 1,2] [--threads 2]

Reads the fold manifests (PREP/folds/fold-K/{train,val,test}.jsonl), each fold's normalization
statistics (PREP/features/norm/fold-K.json) and the exported whole-segment features, then trains
SPEC §6's Temporal CNN-BiLSTM (219,062 parameters for 4 classes) with the same recipe: 3 s windows
(300 frames, hop 200, last one zero-padded), packed sequences for the padded frames, Adam 1e-4
decayed ×0.9 every 1000 steps, gradient values clipped to [-1, 1], batch 32, training windows
oversampled to equal class counts every epoch, the best-validation-UA epoch kept, segment
decisions by majority / mean / max over windows with the strategy chosen on validation. Prints
per-fold and mean UA/WA to compare with `RUN/results.json`. Not part of the product or the tests.
"""
import argparse
import csv
import json
import math
import os
import random

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


def conv_length(length, kernel=3, stride=1, padding=1):
    return (length + 2 * padding - kernel) // stride + 1


class TemporalCNNBiLSTM(nn.Module):
    def __init__(self, features, classes):
        super().__init__()
        self.conv1 = nn.Conv1d(features, 128, 3, stride=2, padding=1)
        self.conv2 = nn.Conv1d(128, 96, 3, stride=3, padding=1)
        self.lstm = nn.LSTM(96, 60, batch_first=True, bidirectional=True)
        self.drop_lstm = nn.Dropout(0.5)
        self.dense = nn.Linear(50 * 120, 10)
        self.drop = nn.Dropout(0.5)
        self.out = nn.Linear(10, classes)
        for conv in (self.conv1, self.conv2):
            nn.init.kaiming_normal_(conv.weight, nonlinearity="relu")

    def forward(self, x, lengths):
        # x: [batch, 300, features] with true lengths; convolutions along time.
        h = torch.relu(self.conv2(torch.relu(self.conv1(x.transpose(1, 2))))).transpose(1, 2)
        steps = h.shape[1]
        l2 = [max(1, min(steps, conv_length(conv_length(l, stride=2), stride=3))) for l in lengths]
        packed = pack_padded_sequence(h, torch.tensor(l2), batch_first=True, enforce_sorted=False)
        y, _ = self.lstm(packed)
        y, _ = pad_packed_sequence(y, batch_first=True, total_length=steps)  # padded steps are 0
        y = self.drop_lstm(y).reshape(y.shape[0], -1)
        return self.out(self.drop(torch.relu(self.dense(y))))


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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("prep")
    ap.add_argument("npy")
    ap.add_argument("--epochs", type=int, default=25)
    ap.add_argument("--patience", type=int, default=10)
    ap.add_argument("--folds", default=None)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
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
        model = TemporalCNNBiLSTM(len(mean), len(classes))
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
    parameters = sum(p.numel() for p in TemporalCNNBiLSTM(120, len(classes)).parameters())
    print(
        f"{len(results)} fold(s): UA {100 * np.mean(uas):.1f} ± {100 * np.std(uas, ddof=1 if len(uas) > 1 else 0):.1f} %, "
        f"WA {100 * np.mean(was):.1f} % ({parameters} parameters at 120 inputs)"
    )


if __name__ == "__main__":
    main()
