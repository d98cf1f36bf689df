"""Runs an ONNX model exported by Synapse in onnxruntime, driven by
ONNXInteropTests.swift.

    python onnx_compare.py MODEL.onnx INPUTS.safetensors EXPECTED.safetensors TOLERANCE

INPUTS holds tensor "input"; EXPECTED holds "output" (Synapse's predictions).
Prints the largest absolute difference; exits 1 if it exceeds TOLERANCE.
If the `onnx` package is installed, the model is also checked with
onnx.checker (full check) first.
"""
import sys

import numpy as np
import onnxruntime as ort
from safetensors.numpy import load_file

model_path, inputs_path, expected_path, tolerance = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])

try:
    import onnx
    onnx.checker.check_model(onnx.load(model_path), full_check=True)
except ImportError:
    pass

session = ort.InferenceSession(model_path, providers=["CPUExecutionProvider"])
x = load_file(inputs_path)["input"]
expected = load_file(expected_path)["output"]
(actual,) = session.run(["output"], {"input": x})
if actual.shape != expected.shape:
    sys.exit(f"shape {actual.shape}, expected {expected.shape}")
difference = float(np.max(np.abs(actual.astype(np.float64) - expected.astype(np.float64))))
print(f"max_abs_diff {difference:.3e}")
if not difference <= tolerance:
    sys.exit(f"max abs difference {difference} exceeds {tolerance}")
