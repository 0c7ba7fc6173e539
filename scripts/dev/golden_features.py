#!/usr/bin/env python3
"""Golden values for the default features (README, Features), computed once with numpy + librosa (optional helper).

Writes, under Tests/AudioFeaturesTests/Fixtures/golden/:
  <name>.wav   the exact float32 input samples (IEEE-float WAV, read back bit for bit by libsndfile)
  features.json  per signal: frame count, per-feature means over frames, all 120 values of a few frames;
                 filterbank rows of librosa.filters.mel; for the 44.1 kHz signal, features after
                 resampling with soxr (VHQ) as an independent resampler.
  resample-<name>.wav  speech-like signals at 44.1, 48, 22.05 and 8 kHz (16-bit PCM, read back as
                 int16 / 32768 exactly), and in features.json "resampled": the log-Mel of every frame
                 after python-soxr VHQ to 16 kHz (and 44.1 kHz to 8 kHz), with the bands whose upper
                 edge is at most 7/8 of the target Nyquist (7 kHz at 16 kHz) that tests compare.
Follows the feature definition literally in float64: frame t = samples [hop·t, hop·t + win), periodic Hann, zero-pad
to the next power of two, |rfft|², librosa Mel filterbank (htk=True, norm=None), ln(max(v, 1e-10)),
Δ by regression with N = 2 and edge frames repeated, ΔΔ = Δ of Δ.

Usage: python3 scripts/dev/golden_features.py   (needs numpy, scipy, librosa, soxr; written with python-soxr
1.1.0, whose quality="VHQ" is libsoxr's SOXR_VHQ recipe with default flags)
"""
import json
import os

import librosa
import numpy as np
import scipy.io.wavfile
import scipy.signal
import soxr

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "AudioFeaturesTests", "Fixtures", "golden")


def features(x, sr, n_mels=40):
    """The default features of float64 samples x at rate sr: frames × 3·n_mels."""
    win = sr * 25 // 1000
    hop = sr * 10 // 1000
    n_fft = 1 << (win - 1).bit_length()
    n_frames = (len(x) - win) // hop + 1 if len(x) >= win else 0
    idx = np.arange(win)[None, :] + hop * np.arange(n_frames)[:, None]
    window = scipy.signal.get_window("hann", win, fftbins=True)
    power = np.abs(np.fft.rfft(x[idx] * window, n=n_fft, axis=1)) ** 2
    mel = librosa.filters.mel(sr=sr, n_fft=n_fft, n_mels=n_mels, fmin=0, fmax=sr / 2, htk=True, norm=None)
    logmel = np.log(np.maximum(power @ mel.astype(np.float64).T, 1e-10))

    def delta(c):
        padded = np.concatenate([c[:1], c[:1], c, c[-1:], c[-1:]], axis=0)
        t = np.arange(len(c)) + 2
        return (1 * (padded[t + 1] - padded[t - 1]) + 2 * (padded[t + 2] - padded[t - 2])) / 10

    d = delta(logmel)
    return np.concatenate([logmel, d, delta(d)], axis=1)


def signals():
    rng = np.random.default_rng(20211)
    out = {}
    t16 = np.arange(8000) / 16000
    # Linear chirp 100 Hz → 7 kHz over 0.5 s, plus a -60 dB noise floor so that no band sits at the
    # float32 rounding floor (where any two FFT implementations legitimately differ).
    out["chirp16k"] = (16000, 0.5 * scipy.signal.chirp(t16, 100, 0.5, 7000) + 1e-3 * rng.standard_normal(8000))
    out["noise16k"] = (16000, 0.1 * rng.standard_normal(8000))
    out["sine440_16k"] = (16000, 0.5 * np.sin(2 * np.pi * 440 * t16) + 1e-3 * rng.standard_normal(8000))
    t8 = np.arange(4000) / 8000
    out["sine440_8k"] = (8000, 0.5 * np.sin(2 * np.pi * 440 * t8) + 1e-3 * rng.standard_normal(4000))
    # A voiced-like harmonic tone with vibrato at 44.1 kHz, to compare resamplers.
    t44 = np.arange(22050) / 44100
    f0 = 180 + 20 * np.sin(2 * np.pi * 3 * t44)
    phase = 2 * np.pi * np.cumsum(f0) / 44100
    tone = sum(0.3 / k * np.sin(k * phase) for k in range(1, 30))
    out["harmonic44k"] = (44100, tone + 1e-3 * rng.standard_normal(22050))
    return {name: (sr, x.astype(np.float32)) for name, (sr, x) in out.items()}


def speech_like(sr, seconds, rng):
    """A voiced source (f0 glide 110-220 Hz, 60 harmonics up to Nyquist) through three formant
    resonances, alternating with noise bursts (fricatives, energy up to Nyquist): broadband, so that
    every band up to 7 kHz carries energy and the anti-aliasing filter has work to do."""
    n = int(sr * seconds)
    t = np.arange(n) / sr
    f0 = 110 + 110 * t / seconds + 10 * np.sin(2 * np.pi * 4 * t)
    phase = 2 * np.pi * np.cumsum(f0) / sr
    voiced = sum(np.sin(k * phase) / k for k in range(1, 61) if k * 220 < sr / 2)
    for centre, width in ((700, 130), (1700, 170), (2900, 250)):
        b, a = scipy.signal.iirpeak(centre, centre / width, fs=sr)
        voiced = voiced + 3 * scipy.signal.lfilter(b, a, voiced)
    noise = rng.standard_normal(n)
    fricative = (np.sin(2 * np.pi * 3 * t) > 0.6).astype(float)
    x = voiced * (1 - fricative) / np.max(np.abs(voiced)) + 0.3 * noise * fricative + 1e-3 * noise
    return 0.5 * x / np.max(np.abs(x))


def resampled_cases():
    rng = np.random.default_rng(44100)
    cases = []
    for name, sr, to in (("speech44k", 44100, 16000), ("speech48k", 48000, 16000), ("speech22k", 22050, 16000),
                         ("speech8k", 8000, 16000)):
        cases.append((name, sr, to, speech_like(sr, 0.75, rng)))
    # The same 44.1 kHz signal to the telephone rate.
    cases.append(("speech44k", 44100, 8000, cases[0][3]))
    return cases


def mel_upper_edges(sr, n_fft, n_mels=40):
    """Upper edge (Hz) of each HTK Mel band over 0..sr/2."""
    mels = np.linspace(librosa.hz_to_mel(0, htk=True), librosa.hz_to_mel(sr / 2, htk=True), n_mels + 2)
    return librosa.mel_to_hz(mels, htk=True)[2:]


def summary(f):
    n = len(f)
    picks = sorted({0, 1, 2, n // 2, n - 2, n - 1})
    return {
        "frames": n,
        "featureCount": f.shape[1],
        "means": f.mean(axis=0).tolist(),
        "rows": {str(t): f[t].tolist() for t in picks},
    }


def main():
    os.makedirs(OUT, exist_ok=True)
    result = {"signals": {}}
    for name, (sr, x) in signals().items():
        scipy.io.wavfile.write(os.path.join(OUT, name + ".wav"), sr, x)
        entry = {"file": name + ".wav", "sampleRate": sr}
        if sr in (16000, 8000):
            entry.update(summary(features(x.astype(np.float64), sr)))
        else:
            y = soxr.resample(x.astype(np.float64), sr, 16000, quality="VHQ")
            entry["resampledBy"] = "soxr VHQ to 16000 Hz"
            entry.update(summary(features(y, 16000)))
        result["signals"][name] = entry
    fb = {}
    for sr, n_fft in ((16000, 512), (8000, 256)):
        m = librosa.filters.mel(sr=sr, n_fft=n_fft, n_mels=40, fmin=0, fmax=sr / 2, htk=True, norm=None)
        fb[str(sr)] = {"rows": {str(r): m[r].astype(np.float64).tolist() for r in (0, 1, 20, 39)},
                       "rowSums": m.astype(np.float64).sum(axis=1).tolist()}
    m = librosa.filters.mel(sr=16000, n_fft=512, n_mels=40, fmin=0, fmax=8000, htk=False, norm="slaney")
    fb["16000-slaney"] = {"rows": {str(r): m[r].astype(np.float64).tolist() for r in (0, 20, 39)},
                          "rowSums": m.astype(np.float64).sum(axis=1).tolist()}
    result["filterbanks"] = fb
    resampled = []
    for name, sr, to, x in resampled_cases():
        path = os.path.join(OUT, "resample-%s.wav" % name)
        scipy.io.wavfile.write(path, sr, np.round(np.clip(x, -1, 1) * 32767).astype(np.int16))
        _, pcm = scipy.io.wavfile.read(path)
        y = soxr.resample(pcm.astype(np.float64) / 32768, sr, to, quality="VHQ")
        f = features(y, to)
        n_fft = 1 << (to * 25 // 1000 - 1).bit_length()
        edges = mel_upper_edges(to, n_fft)
        bands = int(np.sum(edges <= to / 2 * 7 / 8 + 1e-6))
        resampled.append({"file": "resample-%s.wav" % name, "from": sr, "to": to, "samples": len(y),
                          "frames": len(f), "bandsCompared": bands,
                          "logMel": [[round(v, 6) for v in row[:40]] for row in f]})
    result["resampled"] = resampled
    result["generator"] = "scripts/dev/golden_features.py (numpy %s, librosa %s)" % (np.__version__, librosa.__version__)
    with open(os.path.join(OUT, "features.json"), "w") as fh:
        json.dump(result, fh, indent=1)


if __name__ == "__main__":
    main()
