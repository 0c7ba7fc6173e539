#!/usr/bin/env python3
"""Golden agreement values for EmoCorpus's tests (run once; output committed).

Writes Tests/EmoCorpusTests/Fixtures/golden/agreement_extra.json: each case holds its inputs and the
values well-known independent implementations give:
  - Cohen's kappa: sklearn.metrics.cohen_kappa_score; its standard error and 95 % CI:
    statsmodels.stats.inter_rater.cohens_kappa(table).std_kappa (Fleiss, Cohen & Everitt 1969).
  - Fleiss' kappa: statsmodels fleiss_kappa (equal rater counts only).
  - Krippendorff's alpha: krippendorff.alpha (missing values as NaN, unequal raters per unit).
  - the relaxed Major/Minor rule: an independent plain-Python implementation below, then the two
    references above on the resulting pairs; per speaker role.
  - Cramér's V: scipy.stats.contingency.association(method="cramer"); the bias-corrected V
    (Bergsma 2013) by the plain formula below.
Usage: python3 scripts/dev/golden_agreement.py [OUT.json]
"""
import json
import random
import sys
import warnings
from importlib.metadata import version

import krippendorff
import numpy as np
import scipy
import sklearn
import statsmodels
from scipy.stats.contingency import association
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import aggregate_raters, cohens_kappa, fleiss_kappa

OUT = sys.argv[1] if len(sys.argv) > 1 else "Tests/EmoCorpusTests/Fixtures/golden/agreement_extra.json"


def num(x):
    x = float(x)
    return None if np.isnan(x) else x


def table_of(a, b, classes):
    idx = {c: i for i, c in enumerate(classes)}
    t = np.zeros((len(classes), len(classes)))
    for x, y in zip(a, b):
        t[idx[x], idx[y]] += 1
    return t


def cohen_case(name, a, b, note=""):
    classes = sorted(set(a) | set(b))
    res = cohens_kappa(table_of(a, b, classes))
    kappa = num(cohen_kappa_score(a, b))
    se = num(res.std_kappa) if len(classes) > 1 else None
    return {
        "kind": "cohen_se", "name": name, "rater1": a, "rater2": b, "note": note,
        "expected": {"kappa": kappa, "se": se,
                     "ci95": [num(res.kappa_low), num(res.kappa_upp)] if se is not None else None},
        "reference": "sklearn cohen_kappa_score; statsmodels cohens_kappa(table).std_kappa/kappa_low/kappa_upp",
    }


def relaxed_pair(major_a, minor_a, major_b, minor_b):
    """The relaxed Major/Minor rule, written independently of the Swift code."""
    set_a = {major_a} | ({minor_a} if minor_a is not None else set())
    set_b = {major_b} | ({minor_b} if minor_b is not None else set())
    if set_a & set_b:
        if major_a in set_b:
            return major_a, major_a
        if major_b in set_a:
            return major_b, major_b
        shared = (set_a & set_b) - {major_a, major_b}
        c = shared.pop()
        return c, c
    return major_a, major_b


def kappa_and_se(a, b):
    if not a:
        return {"kappa": None, "se": None, "n": 0}
    classes = sorted(set(a) | set(b))
    kappa = num(cohen_kappa_score(a, b)) if len(classes) > 1 else None
    se = num(cohens_kappa(table_of(a, b, classes)).std_kappa) if len(classes) > 1 else None
    return {"kappa": kappa, "se": se, "n": len(a)}


def audit_case(name, items, note=""):
    """items: dicts with role, dialog, judgements [{coder, major, minor}] for coders c1 and c2."""
    expected = {}
    for rule in ("strict", "relaxed"):
        for subset in ("all", "caller", "agent"):
            a, b, missing = [], [], 0
            for it in items:
                if subset != "all" and it["role"] != subset:
                    continue
                j = {x["coder"]: x for x in it["judgements"]}
                if "c1" not in j or "c2" not in j:
                    missing += 1
                    continue
                x, y = j["c1"], j["c2"]
                if rule == "strict":
                    p = (x["major"], y["major"])
                else:
                    p = relaxed_pair(x["major"], x.get("minor"), y["major"], y.get("minor"))
                a.append(p[0])
                b.append(p[1])
            r = kappa_and_se(a, b)
            r["excluded_missing_coder"] = missing
            expected[f"{rule}.{subset}"] = r
    return {"kind": "audit_two_coders", "name": name, "items": items, "note": note, "expected": expected,
            "reference": "plain-Python relaxed Major/Minor rule; sklearn cohen_kappa_score; statsmodels cohens_kappa std_kappa"}


def bergsma_v(table):
    t = np.asarray(table, float)
    t = t[t.sum(1) > 0][:, t.sum(0) > 0]
    n = t.sum()
    r, c = t.shape
    expected = np.outer(t.sum(1), t.sum(0)) / n
    chi2 = ((t - expected) ** 2 / expected).sum()
    phi2 = max(0.0, chi2 / n - (r - 1) * (c - 1) / (n - 1))
    rt = r - (r - 1) ** 2 / (n - 1)
    ct = c - (c - 1) ** 2 / (n - 1)
    return float(np.sqrt(phi2 / min(rt - 1, ct - 1)))


def main():
    rng = random.Random(20261125)
    cases = []
    emo_a = ["neutral", "anger", "anger", "sadness", "neutral", "fear", "neutral", "positive", "anger", "neutral",
             "sadness", "neutral"]
    emo_b = ["neutral", "anger", "irritation", "sadness", "neutral", "neutral", "neutral", "positive", "anger",
             "sadness", "sadness", "neutral"]
    cases.append(cohen_case("emotions_12_se", emo_a, emo_b))
    cases.append(cohen_case(
        "class_used_by_one_coder",
        ["neu", "neu", "ang", "ang", "sad", "neu", "ang", "neu", "sad", "neu"],
        ["neu", "fea", "ang", "neu", "sad", "neu", "fea", "neu", "sad", "ang"],
        "coder 2 alone uses 'fea'"))
    classes21 = [f"c{i:02d}" for i in range(21)]
    a21 = [rng.choice(classes21) for _ in range(400)]
    b21 = [x if rng.random() < 0.55 else rng.choice(classes21) for x in a21]
    cases.append(cohen_case("classes_21_n400", a21, b21, "21 classes, random with 55 % copied"))
    cases.append(cohen_case("total_disagreement_3", ["a", "b", "c", "a", "b", "c"], ["b", "c", "a", "c", "a", "b"]))

    # Krippendorff with unequal raters per unit (NaN = missing) and Fleiss with equal counts.
    cats = ["neu", "ang", "sad", "hap", "fru"]
    units = []
    for _ in range(40):
        truth = rng.choice(cats)
        k = rng.choice([1, 2, 3, 3, 4])
        raters = rng.sample(range(6), k)
        row = [None] * 6
        for r in raters:
            row[r] = truth if rng.random() < 0.6 else rng.choice(cats)
        units.append(row)
    raters_by_units = [[units[u][r] for u in range(len(units))] for r in range(6)]
    codes = np.array([[np.nan if v is None else cats.index(v) for v in row] for row in raters_by_units])
    cases.append({
        "kind": "krippendorff_labels", "name": "unequal_raters_6x40", "categories": cats,
        "raters_by_units": raters_by_units, "note": "1 to 4 ratings per unit out of 6 raters",
        "expected": {"alpha_nominal": num(krippendorff.alpha(reliability_data=codes, level_of_measurement="nominal"))},
        "reference": "krippendorff.alpha(codes, level_of_measurement='nominal')"})
    equal = [[rng.choice(cats[:3]) if rng.random() < 0.5 else row_truth for _ in range(4)]
             for row_truth in (rng.choice(cats[:3]) for _ in range(30))]
    codes_eq = np.array([[cats.index(v) for v in row] for row in equal])
    cases.append({
        "kind": "fleiss_labels", "name": "four_raters_3cls_30items", "items_by_raters": equal,
        "expected": {"fleiss": num(fleiss_kappa(aggregate_raters(codes_eq)[0], method="fleiss"))},
        "reference": "statsmodels fleiss_kappa(aggregate_raters(codes)[0])"})

    # Relaxed-rule audit cases.
    macro = ["Fear", "Anger", "Sadness", "Pain", "Positive", "Surprise", "Neutral"]
    items = []
    for i in range(300):
        role = "caller" if rng.random() < 0.6 else "agent"
        def judge(coder, base):
            major = base if rng.random() < (0.65 if role == "caller" else 0.45) else rng.choice(macro)
            minor = rng.choice(macro) if rng.random() < 0.35 else None
            return {"coder": coder, "major": major, "minor": minor}
        base = rng.choice(macro)
        js = [judge("c1", base), judge("c2", base)]
        if rng.random() < 0.05:
            js = js[:1]
        items.append({"id": f"s{i:03d}", "dialog": f"d{i // 6:02d}", "speaker": f"{role[0]}{i // 12:02d}",
                      "role": role, "judgements": js})
    cases.append(audit_case("random_cemo_300", items, "random majors/minors, 5 % one coder missing"))
    hand = [
        {"id": "h1", "dialog": "d1", "speaker": "c1", "role": "caller", "judgements": [
            {"coder": "c1", "major": "Fear", "minor": "Anger"}, {"coder": "c2", "major": "Anger", "minor": None}]},
        {"id": "h2", "dialog": "d1", "speaker": "c1", "role": "caller", "judgements": [
            {"coder": "c1", "major": "Fear", "minor": "Sadness"}, {"coder": "c2", "major": "Neutral", "minor": "Sadness"}]},
        {"id": "h3", "dialog": "d2", "speaker": "a1", "role": "agent", "judgements": [
            {"coder": "c1", "major": "Neutral", "minor": None}, {"coder": "c2", "major": "Neutral", "minor": None}]},
        {"id": "h4", "dialog": "d2", "speaker": "a1", "role": "agent", "judgements": [
            {"coder": "c1", "major": "Positive", "minor": None}, {"coder": "c2", "major": "Neutral", "minor": "Positive"}]},
        {"id": "h5", "dialog": "d3", "speaker": "c2", "role": "caller", "judgements": [
            {"coder": "c1", "major": "Anger", "minor": None}, {"coder": "c2", "major": "Fear", "minor": None}]},
        {"id": "h6", "dialog": "d3", "speaker": "c2", "role": "caller", "judgements": [
            {"coder": "c1", "major": "Neutral", "minor": None}]},
    ]
    cases.append(audit_case("hand_cemo_6", hand, "hand-worked: h1 agrees on Anger (Major_B in A's set), h2 on the shared "
                            "Minor Sadness, h4 on Positive (Major_A in B's set), h5 disagrees, h6 misses c2"))

    spk = [[5, 0, 0], [0, 4, 1], [2, 2, 2], [0, 0, 3], [1, 0, 0], [3, 1, 0]]
    cases.append({
        "kind": "cramers_v", "name": "speakers_6x3", "table": spk,
        "expected": {"plain": float(association(np.array(spk), method="cramer")), "corrected": bergsma_v(spk)},
        "reference": "scipy.stats.contingency.association(method='cramer'); Bergsma (2013) formula in this script"})

    out = {
        "generated_by": "scripts/dev/golden_agreement.py",
        "versions": {"numpy": np.__version__, "scipy": scipy.__version__, "scikit-learn": sklearn.__version__,
                     "statsmodels": statsmodels.__version__, "krippendorff": version("krippendorff"),
                     "python": sys.version.split()[0]},
        "null_means": "NaN (undefined) in the reference",
        "cases": cases,
    }
    with open(OUT, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    warnings.simplefilter("ignore", RuntimeWarning)  # statsmodels divides by a zero null SE in the z test
    main()
