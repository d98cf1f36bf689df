#!/usr/bin/env python3
"""Makes the gzip and IDX fixtures for DataGzipTests and DataIDXTests with Python's zlib/gzip.

Run from this directory: python3 make_fixtures.py. Output is deterministic.
"""
import gzip
import random
import struct
import zlib

rng = random.Random(1234)

# Plain inputs: English-like text with repeats (compresses well) and random bytes (does not).
words = "the quick brown fox jumps over lazy dog synapse tensor gradient layer batch epoch".split()
text = " ".join(rng.choice(words) for _ in range(8000)).encode()
noise = bytes(rng.getrandbits(8) for _ in range(70000))
open("text.txt", "wb").write(text)
open("noise.bin", "wb").write(noise)


def gzip_with(data, level, strategy=zlib.Z_DEFAULT_STRATEGY):
    c = zlib.compressobj(level, zlib.DEFLATED, 31, 9, strategy)  # wbits 31: gzip wrapper
    return c.compress(data) + c.flush()


def raw_deflate(data, level=6):
    c = zlib.compressobj(level, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


# Level 0 writes only stored blocks (70000 bytes need two: the limit is 65535).
open("stored.gz", "wb").write(gzip_with(noise, 0))
# Z_FIXED forces fixed-Huffman blocks.
open("fixed.gz", "wb").write(gzip_with(text, 9, zlib.Z_FIXED))
# The default strategy picks dynamic-Huffman blocks for text.
open("dynamic.gz", "wb").write(gzip_with(text, 9))
# Two members, as `cat a.gz b.gz` makes; decompresses to text + noise.
open("multimember.gz", "wb").write(gzip.compress(text, mtime=0) + gzip.compress(noise, compresslevel=1, mtime=0))
# FNAME set, as gzip(1) writes it.
with open("fname.gz", "wb") as f:
    with gzip.GzipFile(filename="text.txt", mode="wb", fileobj=f, mtime=0) as g:
        g.write(text)

# Every optional header field: FEXTRA, FNAME, FCOMMENT and FHCRC (Python never writes these).
FHCRC, FEXTRA, FNAME, FCOMMENT = 0x02, 0x04, 0x08, 0x10
header = bytes([0x1F, 0x8B, 8, FHCRC | FEXTRA | FNAME | FCOMMENT]) + struct.pack("<I", 0) + bytes([0, 255])
extra = b"SY" + struct.pack("<H", 4) + b"\x01\x02\x03\x04"
header += struct.pack("<H", len(extra)) + extra
header += b"text.txt\x00" + b"a comment\x00"
header += struct.pack("<H", zlib.crc32(header) & 0xFFFF)
trailer = struct.pack("<II", zlib.crc32(text), len(text) & 0xFFFFFFFF)
open("allflags.gz", "wb").write(header + raw_deflate(text) + trailer)


# IDX: 3 images of 4×5 bytes, their 3 labels, and 2×3 float32, raw and gzip-compressed.
def idx(type_code, dims, payload):
    return bytes([0, 0, type_code, len(dims)]) + b"".join(struct.pack(">I", d) for d in dims) + payload


images = bytes((i * 7 + 3) % 256 for i in range(3 * 4 * 5))
labels = bytes([2, 0, 9])
floats = struct.pack(">6f", 0.5, -1.25, 3.0, 1e-3, -0.0, 65504.0)
open("images-idx3-ubyte", "wb").write(idx(0x08, [3, 4, 5], images))
open("labels-idx1-ubyte", "wb").write(idx(0x08, [3], labels))
open("floats-idx2-float", "wb").write(idx(0x0D, [2, 3], floats))
open("images-idx3-ubyte.gz", "wb").write(gzip.compress(idx(0x08, [3, 4, 5], images), mtime=0))
open("labels-idx1-ubyte.gz", "wb").write(gzip.compress(idx(0x08, [3], labels), mtime=0))
# Four labels: disagrees with the three images.
open("labels4-idx1-ubyte", "wb").write(idx(0x08, [4], bytes([1, 2, 3, 4])))
