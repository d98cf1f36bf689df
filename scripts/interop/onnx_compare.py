"""Runs an ONNX model exported by Synapse in onnxruntime, driven by
ONNXInteropTests.swift.

    python onnx_compare.py MODEL.onnx INPUTS.safetensors EXPECTED.safetensors TOLERANCE

INPUTS holds the graph's inputs by name (one model input is "input");
EXPECTED holds Synapse's predictions, one tensor per graph output, by name
("output" for a model with one output).
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
feeds = load_file(inputs_path)
expected = load_file(expected_path)
names = sorted(expected)
worst = 0.0
for name, actual in zip(names, session.run(names, feeds)):
    if actual.shape != expected[name].shape:
        sys.exit(f"{name}: shape {actual.shape}, expected {expected[name].shape}")
    worst = max(worst, float(np.max(np.abs(actual.astype(np.float64) - expected[name].astype(np.float64)))))
print(f"max_abs_diff {worst:.3e}")
if not worst <= tolerance:
    sys.exit(f"max abs difference {worst} exceeds {tolerance}")
