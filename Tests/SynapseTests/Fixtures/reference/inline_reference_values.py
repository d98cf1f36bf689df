"""Prints the reference values written inline in TensorTests.swift and
CoreLayerTests.swift, computed with PyTorch and numpy.

Run with an interpreter that has torch and numpy:
    python inline_reference_values.py
"""
import numpy as np
import torch
import torch.nn.functional as F

x = torch.tensor([0.5, 1.0, 2.0])
print("exp", x.exp().tolist())
print("log", x.log().tolist())
print("sqrt", x.sqrt().tolist())
t = torch.tensor([-1.0, 0.0, 1.0])
print("sigmoid", t.sigmoid().tolist())
print("tanh", t.tanh().tolist())
u = torch.tensor([-1.0, 1.0])
print("gelu (exact)", F.gelu(u).tolist())
print("elu", F.elu(u).tolist())
print("softplus", F.softplus(u).tolist())
print("silu", F.silu(u).tolist())
print("leaky_relu 0.2", F.leaky_relu(u, 0.2).tolist())
logits = torch.tensor([[1000.0, 1001.0, 1002.0]])
print("softmax", logits.softmax(-1).tolist())
print("log_softmax", logits.log_softmax(-1).tolist())

# CoreLayerTests: Dense with fixed weights.
xs = np.array([[1, 2, 3], [-1, 0.5, 2]], dtype=np.float32)
w = np.array([[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6]], dtype=np.float32)
b = np.array([0.05, -0.1], dtype=np.float32)
z = xs @ w + b
print("dense linear", z.tolist())
print("dense relu", np.maximum(z, 0).tolist())
print("dense sigmoid", (1 / (1 + np.exp(-z))).tolist())
e = np.exp(z - z.max(1, keepdims=True))
print("dense softmax", (e / e.sum(1, keepdims=True)).tolist())
