#!/usr/bin/env python3
"""Golden values of the multi-rater coefficients (run once; outputs committed).

Writes
  Tests/EmoCorpusTests/Fixtures/golden/irrcac.json      cases: inputs + reference values
  Tests/EmoCorpusTests/Fixtures/votes/tabulatedVotes.csv a small table in the layout of CREMA-D's
      processedResults/tabulatedVotes.csv (same 27 columns; made-up numbers, no real data)
  Tests/EmoCorpusTests/Fixtures/votes/finishedResponses.csv the same votes as a long table in the
      layout of CREMA-D's finishedResponses.csv (one row per rater response; made-up raters)

References
  - irrCAC (Python port `irrcac`, raw ratings: irrCAC.raw.CAC): Gwet's AC1, Brennan-Prediger,
    Krippendorff's alpha, Conger's kappa, each value, standard error and 95 % interval
    (t distribution, upper bound capped at 1), nominal (identity weights); Fleiss' kappa where
    every item has the same number of ratings.
  - irrCAC two-rater table (irrCAC.table.CAC.scott) for Scott's pi.
  - krippendorff.alpha (nominal) for alpha's value.
  - Fleiss' kappa with unequal ratings per item, pooled category shares (the EmoCorpus definition):
    the plain formula below; its standard error from the empirical influence of each item,
    obtained by central finite differences of the item-weighted estimator (independent of the
    closed form; checked here to equal irrCAC's when ratings per item are constant).
  - Percent agreement: irrCAC's R `pa.coeff.raw` formula (absent from the Python port),
    transcribed below, cross-checked against the Python port's Brennan-Prediger standard error
    (identical up to the factor 1 - 1/q when every item has two ratings or more).
  - Majority labels and ties: numpy argmax / count of maxima.
Usage: python3 scripts/dev/golden_irrcac.py
"""
import json
import math
import os
import random
import warnings
from importlib.metadata import version

import krippendorff
import numpy as np
import pandas as pd
from irrCAC.datasets import raw_4raters
from irrCAC.raw import CAC as RawCAC
from irrCAC.table import CAC as TableCAC
from scipy import stats

warnings.filterwarnings("ignore")
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
GOLDEN = os.path.join(ROOT, "Tests/EmoCorpusTests/Fixtures/golden/irrcac.json")
VOTES = os.path.join(ROOT, "Tests/EmoCorpusTests/Fixtures/votes")
DIGITS = 15


def num(x):
    x = float(x)
    return None if (math.isnan(x) or math.isinf(x)) else x


def est(result):
    e = result["est"]
    lo, hi = e["confidence_interval"]
    return {"value": num(e["coefficient_value"]), "se": num(e["se"]), "ci95": [num(lo), num(hi)],
            "pa": num(e["pa"]), "pe": num(e["pe"])}


def counts_of(ratings, categories):
    """items x categories counts of a raters-as-columns frame (NaN = missing)."""
    out = np.zeros((len(ratings), len(categories)))
    for k, c in enumerate(categories):
        out[:, k] = (ratings == c).sum(axis=1).values
    return out


def fleiss_pooled(counts, weights=None):
    """Fleiss' kappa over items with >= 2 ratings, pooled shares; optional item weights."""
    r = counts.sum(1)
    keep = r >= 2
    c, r = counts[keep], r[keep]
    w = np.ones(len(r)) if weights is None else weights[keep]
    P = (c * (c - 1)).sum(1) / (r * (r - 1))
    pbar = (w * P).sum() / w.sum()
    p = (w[:, None] * c).sum(0) / (w * r).sum()
    pe = (p ** 2).sum()
    return (pbar - pe) / (1 - pe), pbar, pe


def fleiss_pooled_se(counts):
    """Linearized SE from central finite differences of the item-weighted estimator."""
    r = counts.sum(1)
    idx = np.where(r >= 2)[0]
    n = len(idx)
    h = 1e-6
    infl = []
    for j in idx:
        wp = np.ones(len(r)); wp[j] += h
        wm = np.ones(len(r)); wm[j] -= h
        d = (fleiss_pooled(counts, wp)[0] - fleiss_pooled(counts, wm)[0]) / (2 * h)
        infl.append(n * d)
    infl = np.array(infl)
    return math.sqrt((infl ** 2).sum() / (n * (n - 1))), n


def t_interval(value, se, n):
    lo, hi = stats.t.interval(0.95, df=n - 1, loc=value, scale=se)
    return [float(lo), float(min(1.0, hi))]


def percent_agreement(counts):
    """irrCAC R pa.coeff.raw (identity weights), transcribed."""
    r = counts.sum(1)
    keep_any = r >= 1
    c, r = counts[keep_any], r[keep_any]
    n = len(r)
    sum_q = (c * (c - 1)).sum(1)
    n2 = (r >= 2).sum()
    pa = (sum_q[r >= 2] / (r * (r - 1))[r >= 2]).sum() / n2
    den = r * (r - 1)
    den = den - (den == 0)
    pa_i = (n / n2) * (sum_q / den)
    var = ((pa_i - pa) ** 2).sum() / (n * (n - 1))
    se = math.sqrt(var)
    return {"value": float(pa), "se": se, "ci95": t_interval(pa, se, n)}


def majority(counts, categories):
    r = counts.sum(1)
    rated = counts[r > 0]
    top = rated.max(1)
    winners = (rated == top[:, None]).sum(1)
    ties = int((winners > 1).sum())
    labels = {c: 0 for c in categories}
    for row, w in zip(rated, winners):
        if w == 1:
            labels[categories[int(row.argmax())]] += 1
    return {"ties": ties, "labels": labels}


def category_pairs(counts, categories):
    pairs = (counts * (counts - 1) / 2).sum(0)
    total = pairs.sum()
    return {c: {"agreeing_pairs": float(p), "share": float(p / total) if total else 0.0}
            for c, p in zip(categories, pairs)}


def raw_case(name, frame, note=""):
    """frame: items x raters (NaN = missing), string labels."""
    frame = frame.dropna(how="all")
    categories = sorted(frame.stack().unique().tolist())
    cac = RawCAC(frame, digits=DIGITS)
    counts = counts_of(frame, categories)
    exp = {}
    exp["gwet_ac1"] = est(cac.gwet())
    exp["brennan_prediger"] = est(RawCAC(frame, digits=DIGITS).bp())
    exp["krippendorff_alpha"] = est(RawCAC(frame, digits=DIGITS).krippendorff())
    exp["conger_kappa"] = est(RawCAC(frame, digits=DIGITS).conger())
    irr_fleiss = est(RawCAC(frame, digits=DIGITS).fleiss())
    value, pbar, pe = fleiss_pooled(counts)
    se, n2 = fleiss_pooled_se(counts)
    exp["fleiss_kappa"] = {"value": float(value), "se": se, "ci95": t_interval(value, se, n2),
                           "pa": float(pbar), "pe": float(pe)}
    r = counts.sum(1)
    if (r == r[0]).all():
        # Constant ratings per item: the pooled estimator is irrCAC's.
        assert abs(irr_fleiss["value"] - value) < 1e-12 and abs(irr_fleiss["se"] - se) < 1e-8, name
    exp["fleiss_kappa_irrcac"] = irr_fleiss
    exp["percent_agreement"] = percent_agreement(counts)
    if (r >= 2).all():
        q = len(categories)
        assert abs(exp["percent_agreement"]["se"] - exp["brennan_prediger"]["se"] * (1 - 1 / q)) < 1e-9, name
    codes = frame.apply(lambda col: col.map(lambda v: categories.index(v) if isinstance(v, str) else np.nan))
    exp["krippendorff_alpha_package"] = float(
        krippendorff.alpha(reliability_data=codes.T.values.astype(float), level_of_measurement="nominal"))
    assert abs(exp["krippendorff_alpha_package"] - exp["krippendorff_alpha"]["value"]) < 1e-12, name
    if frame.shape[1] == 2:
        both = frame.dropna()
        table = pd.crosstab(pd.Categorical(both.iloc[:, 0], categories=categories),
                            pd.Categorical(both.iloc[:, 1], categories=categories), dropna=False)
        exp["scott_pi"] = est(TableCAC(table, digits=DIGITS).scott())
    else:
        exp["scott_pi"] = None
    exp["majority"] = majority(counts, categories)
    exp["categories"] = category_pairs(counts, categories)
    items = [[None if (isinstance(v, float) and math.isnan(v)) else v for v in row]
             for row in frame.values.tolist()]
    return {"kind": "raw", "name": name, "note": note, "raters": [str(c) for c in frame.columns],
            "items_by_raters": items, "categories": categories, "expected": exp}


def random_raw(seed, items, raters, labels, missing, single=0):
    rng = random.Random(seed)
    rows = []
    for i in range(items):
        truth = rng.choice(labels)
        row = [truth if rng.random() < 0.6 else rng.choice(labels) for _ in range(raters)]
        row = [None if rng.random() < missing else v for v in row]
        if sum(v is not None for v in row) < 1:
            row[rng.randrange(raters)] = truth
        rows.append(row)
    for i in range(single):  # items with a single rating
        row = [None] * raters
        row[rng.randrange(raters)] = rng.choice(labels)
        rows.append(row)
    frame = pd.DataFrame(rows, columns=[f"r{g + 1}" for g in range(raters)]).astype(object)
    return frame.where(pd.notna(frame), np.nan)


# ---------------------------------------------------------------------------------------------
# CREMA-D-like vote table and its long form
VOTE_HEADER = ["", "A", "D", "F", "H", "N", "S", "fileName", "numResponses", "agreement", "emoVote",
               "meanEmoResp", "meanAngerResp", "meanDisgustResp", "meanFearResp", "meanHappyResp",
               "meanNeutralResp", "meanSadResp", "medianEmoResp", "meanEmoRespNorm", "meanAngerRespNorm",
               "meanDisgustRespNorm", "meanFearRespNorm", "meanHappyRespNorm", "meanNeutralRespNorm",
               "meanSadRespNorm", "medianEmoRespNorm"]
LONG_HEADER = ["", "localid", "pos", "ans", "ttr", "queryType", "numTries", "clipNum", "questNum", "subType",
               "clipName", "sessionNums", "respEmo", "respLevel", "dispEmo", "dispVal", "dispLevel"]
EMOS = ["A", "D", "F", "H", "N", "S"]
EMO_CODE = {"A": "ANG", "D": "DIS", "F": "FEA", "H": "HAP", "N": "NEU", "S": "SAD"}


def vote_fixtures(seed=7):
    rng = random.Random(seed)
    sentences = ["IEO", "TIE", "IOM", "IWW", "TAI", "MTI", "IWL", "ITH", "DFA", "ITS", "TSI", "WSI"]
    levels = {"IEO": ["LO", "MD", "HI"]}
    clips = []
    for actor in (1901, 1902):
        for sentence in sentences[:6]:
            emo = rng.choice(EMOS)
            level = rng.choice(levels.get(sentence, ["XX"]))
            clips.append(f"{actor}_{sentence}_{EMO_CODE[emo]}_{level}")
    raters = [f"{9000 + g}" for g in range(30)]
    vote_rows = []
    long_rows = []
    counts_all = []
    long_id = 1
    for query in (1, 2, 3):
        for clip_num, clip in enumerate(clips, start=1):
            shown = [e for e, code in EMO_CODE.items() if code == clip.split("_")[2]][0]
            n = rng.randint(4, 12)
            if query == 3 and clip_num == 1:
                n = 1  # a clip with a single response
            voters = rng.sample(raters, n)
            votes = [shown if rng.random() < 0.55 else rng.choice(EMOS) for _ in range(n)]
            counts = [votes.count(e) for e in EMOS]
            counts_all.append(counts)
            top = max(counts)
            winners = [e for e, c in zip(EMOS, counts) if c == top]
            levels_by_emo = {e: [rng.randint(1, 100) for _ in range(c)] for e, c in zip(EMOS, counts)}
            all_levels = [x for e in EMOS for x in levels_by_emo[e]]

            def mean(xs):
                return round(sum(xs) / len(xs), 6) if xs else -1

            row = [str(100000 * query + clip_num)] + counts + [clip, n, round(top / n, 6), ":".join(winners),
                                                               mean(all_levels)]
            row += [mean(levels_by_emo[e]) for e in EMOS]
            row += [float(sorted(all_levels)[len(all_levels) // 2])]
            row += [mean([x * 0.9 for x in all_levels])] + [mean([x * 0.9 for x in levels_by_emo[e]]) for e in EMOS]
            row += [float(sorted(all_levels)[len(all_levels) // 2]) * 0.9]
            vote_rows.append(row)
            for voter, vote in zip(voters, votes):
                level = rng.randint(1, 100)
                disp_level = {"LO": 20, "MD": 50, "HI": 80}.get(clip.split("_")[3])
                long_rows.append([str(long_id), voter, rng.randint(1, 400), f"{vote}_{level}", rng.randint(900, 9000),
                                  query, 0, clip_num, clip_num, 4, clip, 3000 + rng.randint(1, 99), vote, level,
                                  shown, clip.split("_")[3], disp_level])
                long_id += 1
    rng.shuffle(long_rows)
    return vote_rows, long_rows, np.array(counts_all, dtype=float), clips


def write_csv(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    # As R's write.csv: strings quoted, numbers bare with 15 significant digits, NA for missing.
    def field(v):
        if v is None:
            return "NA"
        if isinstance(v, str):
            return '"' + v.replace('"', '""') + '"'
        return f"{v:.15g}"

    with open(path, "w", encoding="utf-8") as f:
        f.write(",".join(field(h) for h in header) + "\n")
        for row in rows:
            f.write(",".join(field(v) for v in row) + "\n")


def counts_case(name, counts, categories, note=""):
    """A table of counts: coefficients that need no rater identity (expanded to raters-as-columns
    for irrCAC; the columns carry no identity, which these coefficients do not use)."""
    width = int(counts.sum(1).max())
    rows = []
    for row in counts:
        labels = [categories[k] for k, c in enumerate(row) for _ in range(int(c))]
        rows.append(labels + [np.nan] * (width - len(labels)))
    frame = pd.DataFrame(rows).astype(object)
    frame = frame.where(pd.notna(frame), np.nan)
    exp = {}
    exp["gwet_ac1"] = est(RawCAC(frame, categories=categories, digits=DIGITS).gwet())
    exp["brennan_prediger"] = est(RawCAC(frame, categories=categories, digits=DIGITS).bp())
    exp["krippendorff_alpha"] = est(RawCAC(frame, categories=categories, digits=DIGITS).krippendorff())
    value, pbar, pe = fleiss_pooled(counts)
    se, n2 = fleiss_pooled_se(counts)
    exp["fleiss_kappa"] = {"value": float(value), "se": se, "ci95": t_interval(value, se, n2),
                           "pa": float(pbar), "pe": float(pe)}
    exp["percent_agreement"] = percent_agreement(counts)
    exp["krippendorff_alpha_package"] = float(
        krippendorff.alpha(value_counts=counts[counts.sum(1) > 0], level_of_measurement="nominal"))
    assert abs(exp["krippendorff_alpha_package"] - exp["krippendorff_alpha"]["value"]) < 1e-12, name
    exp["majority"] = majority(counts, categories)
    exp["categories"] = category_pairs(counts, categories)
    return {"kind": "counts", "name": name, "note": note, "categories": categories,
            "counts": counts.astype(int).tolist(), "expected": exp}


def main():
    cases = []
    published = raw_4raters().astype(object)
    published = published.apply(lambda col: col.map(lambda v: np.nan if pd.isna(v) else str(int(v))))
    cases.append(raw_case("irrcac_raw_4raters", published,
                          "irrCAC's own example (12 units, 4 raters, missing ratings); published AC1 0.77544"))
    cases.append(raw_case("five_raters_missing", random_raw(11, 40, 5, ["ang", "hap", "neu", "sad"], 0.3, single=3),
                          "40 items, 5 raters, 30 % missing, plus 3 items with a single rating"))
    cases.append(raw_case("four_raters_complete", random_raw(12, 30, 4, ["a", "b", "c"], 0.0),
                          "every item rated by all 4 raters: Fleiss equals irrCAC's"))
    cases.append(raw_case("two_raters_missing", random_raw(13, 36, 2, ["Anger", "Fear", "Neutral"], 0.15),
                          "two raters with missing ratings: Scott's pi on the items both rated"))
    cases.append(raw_case("three_raters_six_classes", random_raw(14, 60, 3, ["A", "D", "F", "H", "N", "S"], 0.1),
                          "IEMOCAP-like: 3 raters, 6 classes, some items with 2 ratings"))

    vote_rows, long_rows, counts, clips = vote_fixtures()
    write_csv(os.path.join(VOTES, "tabulatedVotes.csv"), VOTE_HEADER, vote_rows)
    write_csv(os.path.join(VOTES, "finishedResponses.csv"), LONG_HEADER, long_rows)
    cases.append(counts_case("tabulated_votes_fixture", counts, EMOS,
                             "Fixtures/votes/tabulatedVotes.csv (36 rows, 1 to 12 votes per row)"))
    # The long form with rater identity: items are clipName + queryType.
    frame = {}
    for row in long_rows:
        item = (row[10], row[5])
        frame.setdefault(item, {})[row[1]] = row[12]
    keys = [(clips[int(v[0]) % 100000 - 1], int(v[0]) // 100000) for v in vote_rows]
    raters = sorted({row[1] for row in long_rows})
    wide = pd.DataFrame([[frame[k].get(g, np.nan) for g in raters] for k in keys], columns=raters).astype(object)
    wide = wide.where(pd.notna(wide), np.nan)
    long_case = raw_case("finished_responses_fixture", wide,
                         "Fixtures/votes/finishedResponses.csv, items clipName+queryType, raters localid")
    long_case["item_keys"] = [f"{k[0]}|{k[1]}" for k in keys]
    cases.append(long_case)

    degenerate = pd.DataFrame([["x", "x", np.nan], ["x", "x", "x"], ["x", np.nan, "x"]]).astype(object)
    cases.append({"kind": "raw_degenerate", "name": "one_class_only", "items_by_raters":
                  [[v if isinstance(v, str) else None for v in row] for row in degenerate.values.tolist()],
                  "raters": ["r1", "r2", "r3"], "categories": ["x"],
                  "note": "every rating the same class: irrCAC returns NaN; EmoCorpus documents value 1, se null"})

    out = {"generator": "scripts/dev/golden_irrcac.py",
           "versions": {"irrcac": version("irrcac"), "krippendorff": version("krippendorff"),
                        "numpy": np.__version__, "pandas": pd.__version__, "scipy": version("scipy")},
           "cases": cases}
    with open(GOLDEN, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"wrote {len(cases)} cases to {GOLDEN}")


if __name__ == "__main__":
    main()
