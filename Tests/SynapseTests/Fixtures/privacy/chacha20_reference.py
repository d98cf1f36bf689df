"""ChaCha20 keystream for PrivacyNoiseTests: key bytes 0, 1, …, 31 and state
words 12–15 given as 16 little-endian bytes (block counter, then nonce), as
in RFC 8439 section 2.3.2 (counter 1, nonce 00 00 00 09 00 00 00 4a 00 00 00 00).
Prints the first two blocks as little-endian 32-bit words.

    python3 chacha20_reference.py   # needs `pip install cryptography`
"""
import struct

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms

key = bytes(range(32))
words_12_to_15 = struct.pack("<I", 1) + bytes.fromhex("000000090000004a00000000")
stream = Cipher(algorithms.ChaCha20(key, words_12_to_15), mode=None).encryptor().update(bytes(128))
print(", ".join(f"0x{w:08x}" for w in struct.unpack("<32I", stream)))
