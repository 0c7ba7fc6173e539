#!/usr/bin/env python3
"""Golden values for the band-statistics baseline's classifier, computed once with scikit-learn.

Writes Tests/TrainerTests/Fixtures/golden/baseline.json: a small imbalanced 3-class training set
(9 features on very different scales, 30 / 12 / 6 samples), test points, and the
class posteriors of make_pipeline(StandardScaler(), LogisticRegression(C=1, class_weight="balanced"))
fitted to tight tolerance, plus the fitted coefficients and intercepts (in standardized units).

Usage: python3 scripts/dev/golden_baseline.py   (needs numpy and scikit-learn)
"""
import json
import os

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "TrainerTests", "Fixtures", "golden", "baseline.json")


def main():
    rng = np.random.default_rng(7)
    counts = [30, 12, 6]
    centers = rng.normal(size=(3, 9)) * 0.8
    scales = np.array([1, 10, 0.1, 3, 1, 1, 50, 0.5, 2.0])
    x, y = [], []
    for c, n in enumerate(counts):
        x.append((centers[c] + rng.normal(size=(n, 9))) * scales + 5)
        y += [c] * n
    x = np.vstack(x)
    test = (rng.normal(size=(10, 9)) * 1.2) * scales + 5
    model = make_pipeline(StandardScaler(), LogisticRegression(C=1.0, class_weight="balanced", tol=1e-12, max_iter=100000))
    model.fit(x, y)
    regression = model[-1]
    golden = {
        "source": f"scikit-learn {sklearn.__version__}, scripts/dev/golden_baseline.py",
        "train": x.tolist(),
        "labels": y,
        "test": test.tolist(),
        "posteriors": model.predict_proba(test).tolist(),
        "coefficients": regression.coef_.tolist(),
        "intercepts": regression.intercept_.tolist(),
    }
    with open(OUT, "w") as f:
        json.dump(golden, f, indent=1)
        f.write("\n")
    print("wrote", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
