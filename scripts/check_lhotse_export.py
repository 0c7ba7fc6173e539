#!/usr/bin/env python3
"""Optional check: the real lhotse package loads an `emocorpus export --format lhotse` folder.

    pip install lhotse
    python3 scripts/check_lhotse_export.py OUT [PREP_DIR]

Loads recordings and supervisions with lhotse.load_manifest, every fold's cuts with
CutSet.from_file, validates them with lhotse.qa-style checks (fix_manifests/validate), and, when
PREP_DIR is given, compares each cut count with the fold manifest's segment count.
Exit 0 when everything loads and counts agree.
"""
import glob
import os
import sys

from lhotse import CutSet, RecordingSet, SupervisionSet, load_manifest, validate


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    out = sys.argv[1]
    prep = sys.argv[2] if len(sys.argv) > 2 else None
    recordings = load_manifest(os.path.join(out, "recordings.jsonl.gz"))
    supervisions = load_manifest(os.path.join(out, "supervisions.jsonl.gz"))
    assert isinstance(recordings, RecordingSet), type(recordings)
    assert isinstance(supervisions, SupervisionSet), type(supervisions)
    validate(recordings)
    validate(supervisions)
    print(f"recordings {len(recordings)}, supervisions {len(supervisions)}")
    bad = 0
    for path in sorted(glob.glob(os.path.join(out, "fold-*", "cuts_*.jsonl.gz"))):
        cuts = CutSet.from_file(path)
        validate(cuts, read_data=False)
        n = len(cuts)
        line = f"{os.path.relpath(path, out)}: {n} cuts"
        if prep:
            fold = os.path.basename(os.path.dirname(path))
            split = os.path.basename(path)[len("cuts_"):-len(".jsonl.gz")]
            manifest = os.path.join(prep, "folds", fold, f"{split}.jsonl")
            expected = sum(1 for l in open(manifest) if l.strip())
            line += f" (manifest {expected})"
            if expected != n:
                bad += 1
                line += " MISMATCH"
        print(line)
        for cut in cuts:
            sup = cut.supervisions[0]
            assert "emotion" in sup.custom, cut.id
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
