#!/usr/bin/env python3
"""Golden values for numeric agreement (Krippendorff's alpha interval/ordinal, ICC forms,
per-rater leave-one-out diagnostics), computed with the `krippendorff` and `pingouin` packages
(and numpy/scipy for the one-way ICC on unequal designs, which pingouin does not take).

Writes Tests/EmoCorpusTests/Fixtures/golden/dimensions.json: every input as (item, rater, value)
triples beside its values. Run: python3 scripts/dev/golden_dimensions.py
(pip install krippendorff pingouin numpy scipy pandas if missing).
"""
import json
import os
import sys

import numpy as np

try:
    import krippendorff
    import pandas as pd
    import pingouin
    from scipy.stats import f as fdist
except ImportError:  # pragma: no cover
    sys.exit("needs: pip install krippendorff pingouin numpy scipy pandas")

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "EmoCorpusTests", "Fixtures", "golden", "dimensions.json")


def matrix(triples, items, raters):
    m = np.full((raters, items), np.nan)
    for i, r, v in triples:
        m[r, i] = v
    return m


def one_way(m):
    """ICC(1,1), ICC(1,k) on any design (items with >= 2 ratings), k0 for unequal counts."""
    cols = [m[:, i][~np.isnan(m[:, i])] for i in range(m.shape[1])]
    cols = [c for c in cols if len(c) >= 2]
    n = len(cols)
    N = sum(len(c) for c in cols)
    grand = np.concatenate(cols).mean()
    msb = sum(len(c) * (c.mean() - grand) ** 2 for c in cols) / (n - 1)
    msw = sum(((c - c.mean()) ** 2).sum() for c in cols) / (N - n)
    k0 = (N - sum(len(c) ** 2 for c in cols) / N) / (n - 1)
    F = msb / msw
    df1, df2 = n - 1, N - n
    fl = F / fdist.ppf(0.975, df1, df2)
    fu = F * fdist.ppf(0.975, df2, df1)
    return {
        "icc1": (msb - msw) / (msb + (k0 - 1) * msw),
        "icc1k": (msb - msw) / msb,
        "f": F, "df1": df1, "df2": df2, "p": float(fdist.sf(F, df1, df2)),
        "icc1_ci95": [(fl - 1) / (fl + k0 - 1), (fu - 1) / (fu + k0 - 1)],
        "icc1k_ci95": [1 - 1 / fl, 1 - 1 / fu],
        "items": n,
    }


def raters_loo(m):
    """Per rater: items, mean, bias vs the others' mean, leave-one-out Pearson r."""
    out = []
    for g in range(m.shape[0]):
        own = m[g]
        if np.isnan(own).all():
            continue
        others = np.delete(m, g, axis=0)
        cnt = (~np.isnan(others)).sum(axis=0)
        omean = np.where(cnt > 0, np.nansum(others, axis=0) / np.maximum(cnt, 1), np.nan)
        shared = ~np.isnan(own) & (cnt > 0)
        x, y = own[shared], omean[shared]
        r = float(np.corrcoef(x, y)[0, 1]) if len(x) >= 2 and x.std() > 0 and y.std() > 0 else None
        out.append({
            "rater": g, "items": int((~np.isnan(own)).sum()), "mean": float(np.nanmean(own)),
            "bias": float((x - y).mean()) if len(x) else None, "shared_items": int(shared.sum()), "r": r,
        })
    return out


def case(name, triples, items, raters, block):
    m = matrix(triples, items, raters)
    result = {
        "name": name, "items": items, "raters": raters,
        "triples": [[int(i), int(r), float(v)] for i, r, v in triples],
        "alpha_interval": float(krippendorff.alpha(reliability_data=m, level_of_measurement="interval")),
        "alpha_ordinal": float(krippendorff.alpha(reliability_data=m, level_of_measurement="ordinal")),
        "one_way": one_way(m),
        "raters_loo": raters_loo(m),
    }
    if block:
        df = pd.DataFrame([{"item": i, "rater": r, "value": v} for i, r, v in triples])
        icc = pingouin.intraclass_corr(data=df, targets="item", raters="rater", ratings="value")
        rows = {}
        for _, row in icc.iterrows():
            key = {"ICC(1,1)": "icc1", "ICC(A,1)": "icc2", "ICC(C,1)": "icc3",
                   "ICC(1,k)": "icc1k", "ICC(A,k)": "icc2k", "ICC(C,k)": "icc3k"}[row["Type"]]
            rows[key] = {"value": float(row["ICC"]), "f": float(row["F"]), "df1": float(row["df1"]),
                         "df2": float(row["df2"]), "p": float(row["pval"]),
                         "ci95": [float(x) for x in row["CI95"]]}
        result["pingouin"] = rows
    return result


def main():
    pingouin.options["round.column.CI95"] = None  # full precision intervals
    rng = np.random.default_rng(23)
    cases = []
    # 1. Unequal raters per item, missing ratings, integer scale 1-5 with many ties.
    items, raters = 40, 7
    truth = rng.normal(3, 1, items)
    bias = rng.normal(0, 0.4, raters)
    bias[6] = 1.2  # one harsh rater
    triples = []
    for i in range(items):
        chosen = rng.choice(raters, size=rng.integers(1, 6), replace=False)
        for r in sorted(chosen):
            noise = rng.normal(0, 2.0 if r == 5 else 0.6)
            triples.append((i, int(r), float(np.clip(np.rint(truth[i] + bias[r] + noise), 1, 5))))
    cases.append(case("missing_integer", triples, items, raters, block=False))
    # 2. A complete block (15 items x 4 raters) on 1-7 with ties: pingouin's six ICC forms.
    items, raters = 15, 4
    truth = rng.normal(4, 1.3, items)
    triples = [(i, r, float(np.clip(np.rint(truth[i] + 0.3 * r + rng.normal(0, 0.8)), 1, 7)))
               for i in range(items) for r in range(raters)]
    cases.append(case("complete_block", triples, items, raters, block=True))
    # 3. Continuous values (no grid) with missing ratings: the sorting path of the ordinal ranks.
    items, raters = 30, 5
    truth = rng.uniform(1, 5, items)
    triples = []
    for i in range(items):
        for r in range(raters):
            if rng.random() < 0.3:
                continue
            triples.append((i, r, float(truth[i] + rng.normal(0, 0.7))))
    cases.append(case("continuous_missing", triples, items, raters, block=False))
    # 4. Half steps (IEMOCAP consensus-like) on a complete block with ties.
    items, raters = 12, 3
    truth = rng.uniform(1.5, 4.5, items)
    triples = [(i, r, float(np.clip(np.round(2 * (truth[i] + rng.normal(0, 0.5))) / 2, 1, 5)))
               for i in range(items) for r in range(raters)]
    cases.append(case("halves_block", triples, items, raters, block=True))
    with open(OUT, "w") as f:
        json.dump({"generator": "scripts/dev/golden_dimensions.py",
                   "packages": {"krippendorff": krippendorff.__version__ if hasattr(krippendorff, "__version__") else "",
                                "pingouin": pingouin.__version__, "numpy": np.__version__},
                   "cases": cases}, f, indent=1)
        f.write("\n")
    print("wrote", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
