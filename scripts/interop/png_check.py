#!/usr/bin/env python3
"""Decodes a PNG written by Synapse with Python's own zlib and a plain
reading of the PNG format (and with Pillow, when it is installed), and
checks its pixels against raw RGB bytes.

    png_check.py IMAGE.png EXPECTED.rgb WIDTH HEIGHT
"""
import struct
import sys
import zlib


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def decode(data):
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "signature"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        assert zlib.crc32(kind + body) == crc, f"CRC of {kind!r}"
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert (depth, colour, interlace) == (8, 2, 0), header
    raw = zlib.decompress(idat)
    stride = width * 3
    assert len(raw) == height * (stride + 1), "scanline bytes"
    out = bytearray()
    for row in range(height):
        kind = raw[row * (stride + 1)]
        line = raw[row * (stride + 1) + 1:(row + 1) * (stride + 1)]
        prev = out[(row - 1) * stride:row * stride] if row else bytes(stride)
        cur = bytearray(stride)
        for i in range(stride):
            a = cur[i - 3] if i >= 3 else 0
            b = prev[i]
            c = prev[i - 3] if i >= 3 else 0
            pred = [0, a, b, (a + b) // 2, paeth(a, b, c)][kind]
            cur[i] = (line[i] + pred) & 0xFF
        out += cur
    return width, height, bytes(out)


def main():
    image, expected, width, height = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    data = open(image, "rb").read()
    want = open(expected, "rb").read()
    w, h, pixels = decode(data)
    assert (w, h) == (width, height), f"size {(w, h)} != {(width, height)}"
    assert pixels == want, "pixels differ (zlib + stdlib parse)"
    try:
        from PIL import Image
    except ImportError:
        print("ok (zlib); Pillow not installed")
        return
    with Image.open(image) as im:
        assert im.mode == "RGB" and im.size == (width, height), (im.mode, im.size)
        assert im.tobytes() == want, "pixels differ (Pillow)"
    print("ok (zlib and Pillow)")


if __name__ == "__main__":
    main()
