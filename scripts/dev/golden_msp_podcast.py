#!/usr/bin/env python3
"""Golden values for an MSP-Podcast per-rater table: Krippendorff's alpha (interval and ordinal)
per dimension from the `krippendorff` package, on the ratings the reader keeps.

Writes Tests/EmoCorpusTests/Fixtures/golden/msp_podcast.json: the `labels_detailed.csv` text the
test writes into its tree (one row per rater and file, 1-7 scale, some ratings missing, one outside
the scale and one not a number, which the reader leaves out), and alpha per dimension.
Run: python3 scripts/dev/golden_msp_podcast.py (pip install krippendorff numpy if missing).
"""
import json
import os
import sys

import numpy as np

try:
    import krippendorff
except ImportError:  # pragma: no cover
    sys.exit("needs: pip install krippendorff numpy")

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "EmoCorpusTests", "Fixtures", "golden", "msp_podcast.json")
DIMS = [("arousal", "EmoAct"), ("valence", "EmoVal"), ("dominance", "EmoDom")]
CLASSES = ["Neutral", "Happy", "Angry", "Sad", "Surprise", "Contempt", "Other-bored"]


def main():
    rng = np.random.default_rng(23)
    files = [f"MSP-PODCAST_{1 + i // 4:04d}_{1 + i % 4:04d}.wav" for i in range(12)]
    workers = [f"WORKER{100 + w:05d}" for w in range(7)]
    rows = []  # (file, worker, major, second, {dim: text})
    for f, name in enumerate(files):
        base = rng.uniform(2, 6, size=3)
        raters = sorted(rng.choice(len(workers), size=int(rng.integers(3, 6)), replace=False))
        for w in raters:
            values = {}
            for d, (dim, _) in enumerate(DIMS):
                v = int(np.clip(np.rint(base[d] + rng.normal(0, 1.0)), 1, 7))
                values[dim] = str(v)
            if rng.random() < 0.12:
                values[DIMS[int(rng.integers(0, 3))][0]] = ""  # a rating left empty
            major = CLASSES[int(rng.integers(0, len(CLASSES)))]
            second = ",".join(CLASSES[int(k)] for k in rng.choice(4, size=int(rng.integers(0, 3)), replace=False))
            rows.append([name, workers[w], major, second, values])
    rows[5][4]["arousal"] = "9"  # outside 1-7: left out, counted
    rows[11][4]["valence"] = "n/a"  # not a number: left out, counted

    header = "FileName,WorkerID,EmoClass_Major,EmoClass_Second,EmoAct,EmoVal,EmoDom"
    lines = [header]
    for name, worker, major, second, values in rows:
        quoted = f'"{second}"' if "," in second else second
        lines.append(",".join([name, worker, major, quoted] + [values[d] for d, _ in DIMS]))
    text = "\n".join(lines) + "\n"

    out = {"labels_detailed_csv": text, "files": files, "dimensions": {}}
    for dim, _ in DIMS:
        m = np.full((len(workers), len(files)), np.nan)
        n = 0
        for name, worker, _, _, values in rows:
            try:
                v = float(values[dim])
            except ValueError:
                continue
            if not 1 <= v <= 7:
                continue
            m[workers.index(worker), files.index(name)] = v
            n += 1
        out["dimensions"][dim] = {
            "ratings": n,
            "alpha_interval": float(krippendorff.alpha(reliability_data=m, level_of_measurement="interval")),
            "alpha_ordinal": float(krippendorff.alpha(reliability_data=m, level_of_measurement="ordinal")),
        }
    with open(OUT, "w") as fh:
        json.dump(out, fh, indent=1, sort_keys=True)
        fh.write("\n")
    print("wrote", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
