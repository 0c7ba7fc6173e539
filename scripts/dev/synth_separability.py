#!/usr/bin/env python3
"""How learnable the synthetic CEMO emotions are: a speaker-independent baseline (optional check).

Reads a corpus written by `emocorpus synth --layout cemo`, computes simple utterance statistics per
caller segment (log-band energies mean/std, duration) and reports the unweighted accuracy (UA) of a
logistic regression under 5-fold speaker-group cross-validation on cemo-4 (chance: 0.25). The
generator aims for clearly above chance and clearly below perfect.

Usage: scripts/dev/synth_separability.py CORPUS_DIR
"""
import glob
import sys
import xml.etree.ElementTree as ET

import numpy as np
from scipy.io import wavfile
from scipy.signal import spectrogram
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import balanced_accuracy_score
from sklearn.model_selection import GroupKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

MACRO = {
    "Fear": ["Fear", "Anxiety", "Stress", "Panic", "Embarrassment", "Dismay", "Peur", "Anxiété", "Panique", "Désarroi"],
    "Anger": ["Annoyance", "Impatience", "HotAnger", "ColdAnger", "Agacement", "Colère froide", "Colère chaude"],
    "Positive": ["Interest", "Compassion", "Amusement", "Relief", "Soulagement", "Intérêt"],
    "Neutral": ["Neutral", "Neutre"],
    "Sadness": ["Disappointment", "Sadness", "Despair", "Resignation", "Déception", "Tristesse", "Désespoir"],
    "Pain": ["Pain", "Douleur"],
    "Surprise": ["Surprise"],
}
TASK = ["Fear", "Anger", "Positive", "Neutral"]
LOOKUP = {label.lower(): macro for macro, labels in MACRO.items() for label in labels}


def consensus(annotations):
    scores = {}
    for a in annotations:
        for key, weight in (("major", 2), ("minor", 1)):
            label = a.get(key)
            if label is None:
                continue
            macro = LOOKUP.get(label.lower(), "other:" + label)
            scores[macro] = scores.get(macro, 0) + weight
    best = max(scores.values())
    winners = [m for m, s in scores.items() if s == best]
    return winners[0] if len(winners) == 1 else None


def main():
    root = sys.argv[1]
    features, labels, groups = [], [], []
    for path in sorted(glob.glob(root + "/*.xml")):
        tree = ET.parse(path).getroot()
        roles = {s.get("id"): s.get("role") for s in tree.iter("speaker")}
        for dialog in tree.iter("dialog"):
            rate, audio = wavfile.read(root + "/" + dialog.get("audio"))
            audio = audio.astype(np.float64) / 32768
            for seg in dialog.iter("segment"):
                if roles[seg.get("speaker")] != "caller":
                    continue
                label = consensus(list(seg.iter("annotation")))
                if label not in TASK:
                    continue
                x = audio[int(float(seg.get("start")) * rate) : int(float(seg.get("end")) * rate)]
                _, _, s = spectrogram(x, fs=rate, nperseg=200, noverlap=120, nfft=256)
                bands = np.log(np.add.reduceat(s, np.arange(0, s.shape[0], 8), axis=0) + 1e-10)
                features.append(np.concatenate([bands.mean(1), bands.std(1), [len(x) / rate]]))
                labels.append(label)
                groups.append(seg.get("speaker"))
    X, y, g = np.array(features), np.array(labels), np.array(groups)
    uas = []
    for train, test in GroupKFold(5).split(X, y, g):
        model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000, class_weight="balanced"))
        model.fit(X[train], y[train])
        uas.append(balanced_accuracy_score(y[test], model.predict(X[test])))
    print(f"segments {len(y)} classes {dict(zip(*np.unique(y, return_counts=True)))}")
    print(f"speaker-independent UA {np.mean(uas):.3f} ± {np.std(uas):.3f} (chance 0.25)")


if __name__ == "__main__":
    main()
