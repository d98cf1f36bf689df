"""Safetensors interop check, driven by SafetensorsInteropTests.swift.

    python safetensors_roundtrip.py read  FILE EXPECTED_JSON
        Loads FILE (written by Synapse) with safetensors.numpy and checks every
        tensor against EXPECTED_JSON ({name: {"shape": [...], "values": [...]}})
        bit for bit. Exits 1 with a message on any difference.
    python safetensors_roundtrip.py write FILE
        Writes FILE with safetensors.numpy: tensors whose values are a closed
        form the Swift test recomputes (see `python_written_values` there).
"""
import json
import sys

import numpy as np
from safetensors.numpy import load_file, save_file


def read(path, expected_path):
    tensors = load_file(path)
    with open(expected_path) as f:
        expected = json.load(f)
    if sorted(tensors) != sorted(expected):
        sys.exit(f"names differ: python sees {sorted(tensors)}, expected {sorted(expected)}")
    for name, spec in expected.items():
        array = tensors[name]
        if array.dtype != np.float32:
            sys.exit(f"{name}: dtype {array.dtype}, expected float32")
        if list(array.shape) != spec["shape"]:
            sys.exit(f"{name}: shape {list(array.shape)}, expected {spec['shape']}")
        bits = array.reshape(-1).view(np.uint32).tolist()
        if bits != spec["bits"]:
            sys.exit(f"{name}: values differ")
    print("ok", len(tensors))


def write(path):
    count = np.arange(24, dtype=np.float32)
    save_file({
        "layer.kernel": (count.reshape(4, 6) / 8 - 1).astype(np.float32),
        "layer.bias": np.linspace(-1, 1, 6, dtype=np.float32),
    }, path, metadata={"source": "python"})
    print("ok")


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "read":
        read(sys.argv[2], sys.argv[3])
    elif mode == "write":
        write(sys.argv[2])
    else:
        sys.exit(f"unknown mode {mode}")
