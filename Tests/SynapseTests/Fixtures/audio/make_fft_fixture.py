"""Writes fft_numpy.f32: numpy.fft.rfft of a fixed signal for every length 1 to 1025.

Run from this folder: python3 make_fft_fixture.py (needs numpy).
The signal of length n is x[k] = (((k * 7919 + n * 104729) % 65536) - 32768) / 32768,
exact in float32, so the Swift test rebuilds it bit for bit. For each n in
turn the file holds the n // 2 + 1 bins as (real, imaginary) float32 pairs,
little-endian, computed in float64 by numpy.
"""
import numpy as np


def signal(n):
    k = np.arange(n, dtype=np.int64)
    return (((k * 7919 + n * 104729) % 65536) - 32768) / 32768.0


def main():
    parts = []
    for n in range(1, 1026):
        spectrum = np.fft.rfft(signal(n))
        pairs = np.empty((spectrum.size, 2), dtype="<f4")
        pairs[:, 0] = spectrum.real
        pairs[:, 1] = spectrum.imag
        parts.append(pairs.ravel())
    np.concatenate(parts).tofile("fft_numpy.f32")


if __name__ == "__main__":
    main()
