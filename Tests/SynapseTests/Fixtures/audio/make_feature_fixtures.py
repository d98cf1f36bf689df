"""Writes the spectrogram fixtures: librosa's STFT, mel spectrogram, log-mel and MFCC.

Run from this folder: python3 make_feature_fixtures.py (needs numpy and librosa 0.11).
Signals: three FSDD recordings copied here (CC BY-SA 4.0, Zohar Jackson et al.,
DOI 10.5281/zenodo.1342401; see README.md) read with Python's `wave`, and
synthetic ones (a sine, a linear chirp, seeded white noise), stored as float32.
librosa works in float64 on the same float32 values.

features.f32 holds every array, float32 little-endian, one after another;
features.json names each with its signal, settings, shape and offset (in floats).
"""
import json
import wave

import librosa
import numpy as np

SR = 8000


def fsdd(name):
    with wave.open(name, "rb") as w:
        assert w.getsampwidth() == 2 and w.getnchannels() == 1 and w.getframerate() == SR
        raw = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
    return raw.astype(np.float64) / 32768.0


def synthetic():
    t = np.arange(3000) / SR
    rng = np.random.default_rng(15)
    return {
        "sine": (0.5 * np.sin(2 * np.pi * 440 * t)).astype(np.float32),
        "chirp": (0.8 * np.sin(2 * np.pi * (100 * t + 0.5 * 3500 / t[-1] * t * t))).astype(np.float32),
        "noise": rng.uniform(-0.5, 0.5, size=2345).astype(np.float32),
    }


def main():
    signals = {name: fsdd(name + ".wav") for name in ("0_george_0", "7_jackson_32", "3_theo_12")}
    for name, values in synthetic().items():
        signals[name] = values
    arrays, blob, offset = [], [], 0

    def add(kind, signal, settings, values):
        nonlocal offset
        values = np.asarray(values, dtype=np.float64)
        arrays.append({"kind": kind, "signal": signal, "settings": settings, "shape": list(values.shape),
                       "offset": offset})
        blob.append(values.astype("<f4").ravel())
        offset += values.size

    for name, values in signals.items():
        if values.dtype == np.float32:
            add("signal", name, {}, values)
        y = values.astype(np.float64)
        stfts = [
            {"n_fft": 256, "hop_length": 64, "window": "hann", "pad_mode": "constant"},
            {"n_fft": 256, "hop_length": 80, "window": "hamming", "pad_mode": "constant"},
            {"n_fft": 200, "hop_length": 50, "window": "hann", "pad_mode": "reflect", "win_length": 160},
        ]
        for s in stfts:
            add("stft_magnitude", name, s, np.abs(librosa.stft(y, center=True, **s)))
        mels = [
            {"n_fft": 256, "hop_length": 64, "n_mels": 40, "htk": False, "norm": "slaney"},
            {"n_fft": 400, "hop_length": 100, "n_mels": 32, "htk": True, "norm": None, "fmin": 50.0, "fmax": 3800.0},
        ]
        for m in mels:
            mel = librosa.feature.melspectrogram(y=y, sr=SR, **m)
            add("mel", name, m, mel)
            add("log_mel", name, m, librosa.power_to_db(mel))
        mfcc_settings = {"n_fft": 256, "hop_length": 64, "n_mels": 40, "n_mfcc": 13}
        add("mfcc", name, mfcc_settings, librosa.feature.mfcc(y=y, sr=SR, **mfcc_settings))
    # librosa's own defaults (n_fft 2048, hop 512, 128 Slaney bands, 20 MFCCs) at 22,050 Hz.
    t = np.arange(11025) / 22050
    tone = (0.3 * np.sin(2 * np.pi * 1000 * t) + 0.2 * np.sin(2 * np.pi * 3300 * t)).astype(np.float32)
    add("signal", "tone22050", {}, tone)
    add("mel", "tone22050", {"sr": 22050}, librosa.feature.melspectrogram(y=tone.astype(np.float64), sr=22050))
    add("mfcc", "tone22050", {"sr": 22050}, librosa.feature.mfcc(y=tone.astype(np.float64), sr=22050))
    np.concatenate(blob).tofile("features.f32")
    with open("features.json", "w") as f:
        json.dump({"librosa": librosa.__version__, "sample_rate": SR, "arrays": arrays}, f, indent=1)


if __name__ == "__main__":
    main()
