#!/usr/bin/env python3
"""Independent count of the sentences IEMOCAP's session folds share between test and training.

Reads an IEMOCAP release (ROOT/SessionN/dialog/EmoEvaluation/*.txt and
ROOT/SessionN/dialog/transcriptions/*.txt) without EmoCorpus, keeps the turns of the four-class
task (ang, hap + exc as happiness with --exc, neu, sad) in the chosen subset, and makes the folds
prep makes by default: fold k tests session k's male speaker (female validation), training is the
other sessions. A turn's sentence is its transcript lower-cased, every character other than
letters, digits and white space removed, white space collapsed and trimmed; texts of fewer than
--min-words words are no sentence. Prints per fold: test turns, test turns whose sentence is in
training, distinct such sentences (compare with `emocorpus check-folds DIR --json`:
folds[].test_segments, shared_sentences.test_segments, shared_sentences.count). Prints counts only,
never a transcript.

    python3 scripts/iemocap_shared_sentences.py /data/IEMOCAP_full_release --subset all
"""
import argparse
import pathlib
import re
import unicodedata

EVAL = re.compile(r"^\[\s*([\d.]+)\s*-\s*([\d.]+)\s*\]\s+(\S+)\s+(\S+)\s+\[")
TRANS = re.compile(r"^(Ses\S+)\s+\[[^\]]*\]:\s?(.*)$")


def key(text: str, min_words: int):
    out = []
    for ch in text.lower():
        if ch.isspace():
            out.append(" ")
        elif unicodedata.category(ch)[0] in "LM" or unicodedata.category(ch) == "Nd":
            out.append(ch)
    norm = " ".join("".join(out).split())
    return norm if norm and len(norm.split(" ")) >= min_words else None


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("root")
    ap.add_argument("--subset", choices=["improvised", "scripted", "all"], default="improvised")
    ap.add_argument("--exc", action="store_true", help="count exc as happiness (iemocap-4-exc)")
    ap.add_argument("--min-words", type=int, default=3)
    args = ap.parse_args()
    labels = {"ang": "anger", "hap": "happiness", "neu": "neutral", "sad": "sadness"}
    if args.exc:
        labels["exc"] = "happiness"
    turns = {}  # turn -> (session, gender)
    for ev in sorted(pathlib.Path(args.root).glob("Session*/dialog/EmoEvaluation/*.txt")):
        dialog = ev.stem
        scripted = "_impro" not in dialog
        if args.subset == "improvised" and scripted or args.subset == "scripted" and not scripted:
            continue
        session = int(ev.parts[-4][len("Session"):])
        for line in ev.read_text(encoding="latin-1").splitlines():
            m = EVAL.match(line.strip())
            if m and m.group(4) in labels:
                turn = m.group(3)
                turns[turn] = (session, turn.split("_")[-1][0])
    text = {}
    for tr in pathlib.Path(args.root).glob("Session*/dialog/transcriptions/*.txt"):
        for line in tr.read_text(encoding="latin-1").splitlines():
            m = TRANS.match(line.strip())
            if m:
                text[m.group(1)] = m.group(2)
    keys = {t: key(text.get(t, ""), args.min_words) for t in turns}
    for k in sorted({s for s, _ in turns.values()}):
        train = {keys[t] for t, (s, _) in turns.items() if s != k and keys[t]}
        test = [t for t, (s, g) in turns.items() if s == k and g == "M"]
        hit = [t for t in test if keys[t] in train]
        print(f"fold {k}: test {len(test)} shared_test_segments {len(hit)} shared_sentences {len({keys[t] for t in hit})}")


if __name__ == "__main__":
    main()
