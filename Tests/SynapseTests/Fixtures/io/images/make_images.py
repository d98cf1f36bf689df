"""Writes the PNG and PGM fixtures read by CLIImageDecodingTests.swift, and
expected.json with the grey pixels each must decode to.

Run from the repository root (standard library only; tensorflow optional):

    python Tests/SynapseTests/Fixtures/io/images/make_images.py

The PNGs are encoded here by hand (zlib for DEFLATE) so that every filter
type, colour type and several bit depths appear; the expected grey values
are computed independently of the encoder: BT.601 luma with PIL's rounding,
(299 R + 587 G + 114 B + 500) // 1000, alpha composited over black, 16-bit
samples reduced to their high byte. If tensorflow is installed, one more
PNG is written by libpng (tf.io.encode_png) as a real-world encoder check.
"""
import gzip
import json
import os
import struct
import zlib

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.abspath(os.path.join(here, "..", "..", "..", "..", ".."))
expected = {}


def chunk(kind, body):
    data = kind + body
    return struct.pack(">I", len(body)) + data + struct.pack(">I", zlib.crc32(data) & 0xFFFFFFFF)


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def filtered(rows, bpp):
    """Filters row r with type r % 5, so all five types are used."""
    out = bytearray()
    previous = bytes(len(rows[0]))
    for r, row in enumerate(rows):
        kind = r % 5
        out.append(kind)
        for i, x in enumerate(row):
            a = row[i - bpp] if i >= bpp else 0
            b = previous[i]
            c = previous[i - bpp] if i >= bpp else 0
            predicted = [0, a, b, (a + b) // 2, paeth(a, b, c)][kind]
            out.append((x - predicted) & 0xFF)
        previous = row
    return bytes(out)


def png(name, width, height, bit_depth, color_type, rows, grey, palette=None, idat_pieces=1, interlace=0):
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[color_type]
    bpp = max(1, bit_depth * channels // 8)
    stream = zlib.compress(filtered(rows, bpp), 9)
    header = struct.pack(">IIBBBBB", width, height, bit_depth, color_type, 0, 0, interlace)
    body = chunk(b"IHDR", header) + chunk(b"tEXt", b"Comment\x00Synapse test image")
    if palette:
        body += chunk(b"PLTE", bytes(palette))
    step = -(-len(stream) // idat_pieces)
    for start in range(0, len(stream), step):
        body += chunk(b"IDAT", stream[start:start + step])
    with open(os.path.join(here, name), "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + body + chunk(b"IEND", b""))
    if grey is not None:
        expected[name] = {"width": width, "height": height, "pixels": grey}


def luma(r, g, b):
    return (r * 299 + g * 587 + b * 114 + 500) // 1000


def over_black(value, alpha):
    return (value * alpha + 127) // 255


# The first test image of the embedded MNIST sample (a 0), 8-bit grey, split
# over three IDAT chunks; and the same pixels as P5 and P2 greymaps.
with gzip.open(os.path.join(root, "Sources/Synapse/Resources/mnist-5k/t10k-images-idx3-ubyte.gz")) as f:
    raw = f.read()
digit = list(raw[16:16 + 784])
png("digit_grey8.png", 28, 28, 8, 0, [bytes(digit[r * 28:(r + 1) * 28]) for r in range(28)], digit, idat_pieces=3)
with open(os.path.join(here, "digit_p5.pgm"), "wb") as f:
    f.write(b"P5\n# an MNIST digit\n28 28\n255\n" + bytes(digit))
expected["digit_p5.pgm"] = {"width": 28, "height": 28, "pixels": digit}
with open(os.path.join(here, "digit_p2.pgm"), "w") as f:
    f.write("P2\n# the same digit as text\n28 28\n# values up to\n255\n")
    for r in range(28):
        f.write(" ".join(str(v) for v in digit[r * 28:(r + 1) * 28]) + "\n")
expected["digit_p2.pgm"] = {"width": 28, "height": 28, "pixels": digit}

# P2 with maximum value 15, rescaled to 0…255 with rounding.
small = [0, 5, 10, 15, 7, 8]
with open(os.path.join(here, "maxval15_p2.pgm"), "w") as f:
    f.write("P2 3 2 15 " + " ".join(map(str, small)) + "\n")
expected["maxval15_p2.pgm"] = {"width": 3, "height": 2, "pixels": [(v * 255 + 7) // 15 for v in small]}

# 8-bit RGB, 7×5, every filter type.
rgb = [[((x * 37 + y * 11) % 256, (x * 5 + y * 71) % 256, (x * y * 13 + 40) % 256) for x in range(7)] for y in range(5)]
png("rgb8.png", 7, 5, 8, 2, [bytes(v for px in row for v in px) for row in rgb],
    [luma(*px) for row in rgb for px in row])

# 16-bit RGBA, 4×6.
rgba = [[((x * 9000 + y * 3000) % 65536, (x * 20000 + 7) % 65536, (y * 11111) % 65536, (x * 17000 + y * 5000) % 65536)
         for x in range(4)] for y in range(6)]
png("rgba16.png", 4, 6, 16, 6, [b"".join(struct.pack(">HHHH", *px) for px in row) for row in rgba],
    [over_black(luma(px[0] >> 8, px[1] >> 8, px[2] >> 8), px[3] >> 8) for row in rgba for px in row])

# 8-bit grey + alpha, 3×5.
ga = [[((x * 80 + y * 30) % 256, (255 - x * 60 - y * 20) % 256) for x in range(3)] for y in range(5)]
png("grey_alpha8.png", 3, 5, 8, 4, [bytes(v for px in row for v in px) for row in ga],
    [over_black(g, a) for row in ga for g, a in row])

# 4-bit palette, 5×5 (odd width: the last byte of each row is half used).
palette = [(0, 0, 0), (255, 255, 255), (200, 30, 90), (10, 250, 120), (60, 60, 240)]
indices = [[(x + 2 * y) % 5 for x in range(5)] for y in range(5)]


def pack(values, depth):
    bits = "".join(format(v, "0%db" % depth) for v in values)
    bits += "0" * (-len(bits) % 8)
    return bytes(int(bits[i:i + 8], 2) for i in range(0, len(bits), 8))


png("palette4.png", 5, 5, 4, 3, [pack(row, 4) for row in indices],
    [luma(*palette[i]) for row in indices for i in row], palette=[v for px in palette for v in px])

# 1-bit grey, 11×5.
bits = [[(x * y + x + y) % 3 == 0 and 1 or 0 for x in range(11)] for y in range(5)]
png("grey1.png", 11, 5, 1, 0, [pack(row, 1) for row in bits], [255 * b for row in bits for b in row])

# Interlaced (Adam7): refused before the data is read.
png("interlaced.png", 2, 2, 8, 0, [b"\x00\x00", b"\x00\x00"], None, interlace=1)

# A real-world encoder: libpng through tensorflow, 28×28 grey (another digit).
try:
    import numpy as np
    import tensorflow as tf

    second = list(raw[16 + 784:16 + 2 * 784])
    encoded = tf.io.encode_png(np.array(second, dtype=np.uint8).reshape(28, 28, 1)).numpy()
    with open(os.path.join(here, "digit_libpng.png"), "wb") as f:
        f.write(encoded)
    expected["digit_libpng.png"] = {"width": 28, "height": 28, "pixels": second}
except ImportError:
    pass

with open(os.path.join(here, "expected.json"), "w") as f:
    json.dump(expected, f, indent=None, sort_keys=True)
    f.write("\n")
print("wrote", len(expected), "expected images")
