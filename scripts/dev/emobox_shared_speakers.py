#!/usr/bin/env python3
"""Independent count of speakers shared between the splits of EmoBox's published folds.

Usage: scripts/dev/emobox_shared_speakers.py EMOBOX_DATA_DIR [CORPUS ...]

EMOBOX_DATA_DIR is EmoBox's `data/` folder (github.com/emo-box/EmoBox). For every corpus folder
(or the ones named), every `fold_K/<corpus>_{train,valid,test}_fold_K.jsonl` is read; the speaker
of a key comes from the `spk=` field of the `<id=…,lang=…,spk=…,emotion=…>` tag of
`data.seg.wrd.stm` (whitespace columns are not used: some ids and speakers hold spaces).

Prints one tab-separated row per fold:
corpus fold test_speakers shared_with_train shared_with_val test_segments_affected unknown_keys

Written apart from the Swift code (regular expressions, plain sets) to cross-check
`emocorpus check-folds --external emobox` on the real files; not part of the product.
"""
import json
import os
import re
import sys

TAG = re.compile(r"<id=(.*),lang=.*?,spk=(.*),emotion=[^>]*>")


def speakers_of(corpus_dir):
    result = {}
    with open(os.path.join(corpus_dir, "data.seg.wrd.stm"), encoding="utf-8") as f:
        for line in f:
            m = TAG.search(line)
            if m:
                result[m.group(1)] = m.group(2)
    return result


def keys_of(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line)["key"] for line in f if line.strip()]


def main():
    root = sys.argv[1]
    corpora = sys.argv[2:] or sorted(os.listdir(root))
    print("corpus\tfold\ttest_speakers\tshared_with_train\tshared_with_val\ttest_segments_affected\tunknown_keys")
    for corpus in corpora:
        corpus_dir = os.path.join(root, corpus)
        if not os.path.exists(os.path.join(corpus_dir, "data.seg.wrd.stm")):
            continue
        spk = speakers_of(corpus_dir)
        folds = sorted(
            int(name[5:]) for name in os.listdir(corpus_dir) if re.fullmatch(r"fold_\d+", name)
        )
        for k in folds:
            parts = {}
            for split in ("train", "valid", "test"):
                path = os.path.join(corpus_dir, f"fold_{k}", f"{corpus}_{split}_fold_{k}.jsonl")
                parts[split] = keys_of(path) if os.path.exists(path) else []
            if not parts["train"] or not parts["test"]:
                print(f"{corpus}\t{k}\tmissing train or test file", file=sys.stderr)
                continue
            unknown = sum(1 for split in parts.values() for key in split if key not in spk)
            sets = {s: {spk[key] for key in keys if key in spk} for s, keys in parts.items()}
            shared_train = sets["test"] & sets["train"]
            shared_val = sets["test"] & sets["valid"]
            shared = shared_train | shared_val
            affected = sum(1 for key in parts["test"] if spk.get(key) in shared)
            print(
                f"{corpus}\t{k}\t{len(sets['test'])}\t{len(shared_train)}\t{len(shared_val)}\t{affected}\t{unknown}"
            )


if __name__ == "__main__":
    main()
