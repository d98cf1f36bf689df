"""Writes the WAV reader's fixtures with Python's own `wave` module.

Run from this folder: python3 make_wav_fixtures.py
Needs only the standard library. For every PCM width (8, 16, 24, 32 bits)
and for mono and stereo, it writes `wave-<bits>-<channels>ch.wav` with
`wave`; 32-bit float files (which `wave` cannot write) are written with
`struct` in the same canonical layout. `wav_fixtures.json` lists each file's
integer samples (raw stored values, interleaved) so the Swift tests check
decoding and that Synapse's writer gives the same bytes.
"""
import json
import random
import struct
import wave

RATE = 8000
FRAMES = 37  # odd, so 8- and 24-bit mono data chunks have an odd size


def pcm_values(bits, count, rng):
    if bits == 8:
        values = [rng.randrange(0, 256) for _ in range(count)]
        return [0, 255, 128] + values[3:]
    low, high = -(1 << (bits - 1)), (1 << (bits - 1)) - 1
    values = [rng.randrange(low, high + 1) for _ in range(count)]
    if bits == 32:
        # Float keeps 24 significant bits: use values it holds exactly.
        values = [v & ~0xFF for v in values]
    return [low, high, 0] + values[3:]


def pack_pcm(bits, values):
    if bits == 8:
        return bytes(values)
    width = bits // 8
    return b"".join(v.to_bytes(width, "little", signed=True) for v in values)


def write_float_wav(path, channels, samples):
    data = struct.pack("<%df" % len(samples), *samples)
    header = struct.pack("<4sL4s4sLHHLLHH4sL", b"RIFF", 36 + len(data), b"WAVE", b"fmt ", 16, 3, channels,
                         RATE, RATE * channels * 4, channels * 4, 32, b"data", len(data))
    with open(path, "wb") as f:
        f.write(header + data)


def main():
    rng = random.Random(15)
    cases = []
    for channels in (1, 2):
        for bits in (8, 16, 24, 32):
            name = "wave-%d-%dch.wav" % (bits, channels)
            values = pcm_values(bits, FRAMES * channels, rng)
            with wave.open(name, "wb") as w:
                w.setnchannels(channels)
                w.setsampwidth(bits // 8)
                w.setframerate(RATE)
                w.writeframes(pack_pcm(bits, values))
            with wave.open(name, "rb") as r:  # read back with wave itself
                assert r.getnframes() == FRAMES and r.readframes(FRAMES) == pack_pcm(bits, values)
            cases.append({"file": name, "format": "pcm%d" % bits, "channels": channels, "rate": RATE,
                          "values": values})
        name = "float-32-%dch.wav" % channels
        floats = [struct.unpack("<f", struct.pack("<f", rng.uniform(-1, 1)))[0] for _ in range(FRAMES * channels)]
        write_float_wav(name, channels, floats)
        cases.append({"file": name, "format": "float32", "channels": channels, "rate": RATE, "values": floats})
    with open("wav_fixtures.json", "w") as f:
        json.dump({"cases": cases}, f)


if __name__ == "__main__":
    main()
