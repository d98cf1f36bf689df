"""Writes the safetensors fixtures read by SafetensorsTests.swift.

Run from the repository root with an interpreter that has numpy and safetensors
(pip install -r scripts/interop/requirements.txt):

    python Tests/SynapseTests/Fixtures/io/make_fixtures.py

The values are simple closed forms so the Swift tests can state them exactly.
"""
import os
import numpy as np
from safetensors.numpy import save_file

here = os.path.dirname(os.path.abspath(__file__))

# Every dtype Synapse reads, with values exactly representable in each type.
base = (np.arange(6, dtype=np.float64) - 2.5) * 0.5  # -1.25 … 1.25
tensors = {
    "f32": base.reshape(2, 3).astype(np.float32),
    "f16": base.reshape(3, 2).astype(np.float16),
    "f64": (base * 1e-3).astype(np.float64),  # rounds to float32 when read
    "scalar": np.array(7.0, dtype=np.float32),
    "empty": np.zeros((0, 4), dtype=np.float32),
}
save_file(tensors, os.path.join(here, "python_dtypes.safetensors"), metadata={"written_by": "safetensors.numpy"})

# bfloat16 has no numpy dtype: store the top 16 bits of float32 values as raw
# uint16 and patch the header's dtype, which keeps the byte layout identical.
bf16_values = np.array([1.0, -2.0, 0.15625, 3.0e38], dtype=np.float32)
bf16_bits = (bf16_values.view(np.uint32) >> 16).astype(np.uint16)
path = os.path.join(here, "python_bf16.safetensors")
save_file({"bf16": bf16_bits}, path)
with open(path, "rb") as f:
    raw = bytearray(f.read())
raw = raw.replace(b'"dtype":"U16"', b'"dtype":"BF16"', 1)
# The header grew by one byte; rewrite the length prefix and keep data aligned by
# trimming one trailing space of header padding if there is one.
n = int.from_bytes(raw[:8], "little")
header = raw[8:8 + n + 1]
if header.endswith(b" "):
    header = header[:-1]
raw = bytearray(len(header).to_bytes(8, "little")) + header + raw[8 + n + 1:]
with open(path, "wb") as f:
    f.write(raw)

# Integer tensors are rejected by Synapse with a clear error.
save_file({"labels": np.array([1, 2, 3], dtype=np.int64)}, os.path.join(here, "python_int64.safetensors"))
print("fixtures written to", here)
