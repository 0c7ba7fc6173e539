#!/usr/bin/env python3
"""Spectrogram of a synthetic WAV (a visual check that the audio is voiced and syllabic).

Usage: scripts/dev/synth_spectrogram.py FILE.wav OUT.png [START_S DURATION_S]
"""
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
from scipy.io import wavfile
from scipy.signal import spectrogram


def main():
    path, out = sys.argv[1], sys.argv[2]
    start = float(sys.argv[3]) if len(sys.argv) > 3 else 0.0
    length = float(sys.argv[4]) if len(sys.argv) > 4 else 4.0
    rate, x = wavfile.read(path)
    x = x.astype(np.float64) / 32768.0
    x = x[int(start * rate) : int((start + length) * rate)]
    f, t, s = spectrogram(x, fs=rate, nperseg=int(0.025 * rate), noverlap=int(0.02 * rate), nfft=1024)
    fig, (a, b) = plt.subplots(2, 1, figsize=(12, 7), sharex=True)
    a.plot(np.arange(len(x)) / rate + start, x, linewidth=0.4)
    a.set_ylabel("amplitude")
    b.pcolormesh(t + start, f, 10 * np.log10(s + 1e-12), shading="auto", cmap="magma", vmin=-110)
    b.set_ylabel("Hz")
    b.set_xlabel("s")
    fig.tight_layout()
    fig.savefig(out, dpi=90)


if __name__ == "__main__":
    main()
