#!/usr/bin/env python3
"""Checks an `emocorpus export-features --format npy` folder with numpy (optional helper).

  python3 scripts/check_npy_export.py OUT [AUDIO_CSV]

Loads every OUT/<id>.npy listed in OUT/index.csv and checks dtype float32, shape (frames, 120) and
the frame count of the index. With AUDIO_CSV (columns id,path[,start,end]; 16 kHz or 8 kHz audio read
with soundfile), recomputes the default features with the numpy reference of golden_features.py and
reports the largest absolute difference, which must stay below 1e-3.
"""
import csv
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))


def main():
    out = sys.argv[1]
    with open(os.path.join(out, "index.csv"), newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and list(rows[0].keys()) == ["id", "label", "speaker", "frames"], "index.csv header"
    arrays = {}
    for row in rows:
        a = np.load(os.path.join(out, row["id"] + ".npy"))
        assert a.dtype == np.dtype("<f4"), (row["id"], a.dtype)
        assert a.ndim == 2 and a.shape[1] == 120 and a.shape[0] == int(row["frames"]), (row["id"], a.shape)
        arrays[row["id"]] = a
    print("%d arrays: dtype and shapes match index.csv" % len(arrays))
    if len(sys.argv) > 2:
        import soundfile
        from golden_features import features

        worst = 0.0
        with open(sys.argv[2], newline="") as fh:
            for row in csv.DictReader(fh):
                if row["id"] not in arrays:
                    continue
                info = soundfile.info(row["path"])
                start = int(round(float(row.get("start") or 0) * info.samplerate))
                end = int(round(float(row["end"]) * info.samplerate)) if row.get("end") else info.frames
                x, sr = soundfile.read(row["path"], start=start, stop=end, dtype="float32", always_2d=True)
                reference = features(x.mean(axis=1).astype(np.float64), sr)
                worst = max(worst, float(np.abs(reference - arrays[row["id"]]).max()))
        print("largest |numpy reference - export| = %.3g (limit 1e-3)" % worst)
        sys.exit(0 if worst < 1e-3 else 1)


if __name__ == "__main__":
    main()
