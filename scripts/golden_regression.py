#!/usr/bin/env python3
"""Golden values for the trainer's rated dimensions, computed once with PyTorch, SciPy and scikit-learn.

Writes Tests/TrainerTests/Fixtures/golden/regression.json:
  ccc_loss  batches of regression outputs x and targets y (batch x dimensions; null = the segment has
            no value for that dimension) with per-dimension weights w: the loss
            sum_d w_d * (1 - CCC_d), CCC = 2 cov(x, y) / (var x + var y + (mean x - mean y)^2) with
            population (biased, 1/n) moments over the batch rows that have a target, and its gradient
            with respect to x by torch.autograd (float64). Missing targets get gradient 0.
  metrics   pairs of predicted and true values: CCC (population moments, as above), Pearson r
            (scipy.stats.pearsonr) and RMSE.
  ridge     make_pipeline(StandardScaler(), Ridge(alpha=1)) fitted on a small training set, its
            predictions on test points (the ridge baseline for dimensions).

Usage: python3 scripts/golden_regression.py   (needs torch, numpy, scipy and scikit-learn)
"""
import json
import math
import os

import numpy as np
import scipy.stats
import sklearn
import torch
from sklearn.linear_model import Ridge
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "TrainerTests", "Fixtures", "golden", "regression.json")


def ccc(x, y):
    mx, my = x.mean(), y.mean()
    vx = ((x - mx) ** 2).mean()
    vy = ((y - my) ** 2).mean()
    cov = ((x - mx) * (y - my)).mean()
    return 2 * cov / (vx + vy + (mx - my) ** 2)


def loss_case(rng, batch, dims, missing, weights):
    x = rng.normal(size=(batch, dims)) * 0.4
    y = np.clip(x * 0.5 + rng.normal(size=(batch, dims)) * 0.5, -1, 1)
    mask = rng.random(size=(batch, dims)) < missing
    xt = torch.tensor(x, requires_grad=True)
    total = torch.zeros((), dtype=torch.float64)
    for d in range(dims):
        rows = [b for b in range(batch) if not mask[b, d]]
        if len(rows) < 2:
            continue
        idx = torch.tensor(rows)
        total = total + weights[d] * (1 - ccc(xt[idx, d], torch.tensor(y[rows, d])))
    total.backward()
    targets = [[None if mask[b, d] else float(y[b, d]) for d in range(dims)] for b in range(batch)]
    return {
        "batch": batch,
        "dimensions": dims,
        "predictions": x.reshape(-1).tolist(),
        "targets": [v for row in targets for v in row],
        "weights": weights,
        "loss": float(total.detach()),
        "gradient": xt.grad.reshape(-1).tolist(),
    }


def main():
    torch.set_default_dtype(torch.float64)
    rng = np.random.default_rng(23)
    cases = [
        loss_case(rng, 8, 1, 0.0, [1.0]),
        loss_case(rng, 32, 3, 0.2, [1.0, 0.5, 2.0]),
        loss_case(rng, 5, 2, 0.5, [1.0, 1.0]),
    ]
    metrics = []
    for n, noise, bias in [(12, 0.3, 0.0), (40, 1.0, 0.7), (7, 0.1, -0.4)]:
        y = rng.uniform(1, 5, size=n)
        x = y * 0.8 + bias + rng.normal(size=n) * noise
        metrics.append({
            "truth": y.tolist(),
            "predicted": x.tolist(),
            "ccc": float(ccc(torch.tensor(x), torch.tensor(y))),
            "pearson": float(scipy.stats.pearsonr(x, y)[0]),
            "rmse": float(math.sqrt(((x - y) ** 2).mean())),
        })
    scales = np.array([1, 10, 0.1, 3, 1, 50.0])
    xtrain = rng.normal(size=(30, 6)) * scales + 2
    coef = rng.normal(size=6) / scales
    ytrain = xtrain @ coef + 3 + rng.normal(size=30) * 0.3
    xtest = rng.normal(size=(5, 6)) * scales + 2
    model = make_pipeline(StandardScaler(), Ridge(alpha=1.0)).fit(xtrain, ytrain)
    ridge = {
        "train": xtrain.tolist(),
        "targets": ytrain.tolist(),
        "test": xtest.tolist(),
        "predictions": model.predict(xtest).tolist(),
    }
    out = {
        "generator": f"torch {torch.__version__}, scipy {scipy.__version__}, scikit-learn {sklearn.__version__}",
        "ccc_loss": cases,
        "metrics": metrics,
        "ridge": ridge,
    }
    with open(OUT, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
