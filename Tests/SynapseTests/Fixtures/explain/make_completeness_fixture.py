"""Writes completeness_fixture.json: what Captum's integrated gradients give on
the trained convnet of trained_convnet.safetensors, for ExplainCompletenessTests.

trained_convnet.safetensors holds the weights of `Sequential.simpleConvNet()`
trained by Synapse (Adam, seed 0, 2 epochs on the embedded MNIST sample,
93.5% on its 1,000 test images), saved with `saveWeights(to:)`. This script
trains nothing: it loads those weights into the same network in PyTorch and
explains the sample's first 8 test images (read from Synapse's own resource)
for their predicted classes, from a zero baseline, with the logit as score.

For each image it stores F(x), F(0), Captum's convergence delta for
Gauss–Legendre with 50 steps (the model in double and in single precision),
and the delta of Gauss–Legendre with 400 steps computed from exact (double)
gradients. The deltas are what no implementation can avoid: along the path the
logit is piecewise linear (ReLU and max-pool switches), so its derivative
jumps and no quadrature integrates it exactly.

Run with the peers' venv (torch + captum):
    /work/.venv-peers/bin/python Tests/SynapseTests/Fixtures/explain/make_completeness_fixture.py
"""
import gzip
import json
import os
import struct

import numpy as np
import torch
from captum.attr import IntegratedGradients

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.join(here, "..", "..", "..", "..")
count = 8


def read_safetensors(path):
    data = open(path, "rb").read()
    length = struct.unpack("<Q", data[:8])[0]
    header = json.loads(data[8:8 + length])
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        assert entry["dtype"] == "F32"
        start, end = entry["data_offsets"]
        raw = np.frombuffer(data[8 + length + start:8 + length + end], dtype="<f4")
        tensors[name] = raw.reshape(entry["shape"]).astype(np.float64)
    return tensors


def first_test_images(n):
    with gzip.open(os.path.join(root, "Sources/Synapse/Resources/mnist-5k/t10k-images-idx3-ubyte.gz")) as f:
        data = f.read()
    magic, images, rows, cols = struct.unpack(">IIII", data[:16])
    assert magic == 2051 and images >= n
    pixels = np.frombuffer(data[16:16 + n * rows * cols], dtype=np.uint8)
    return (pixels.astype(np.float32) / 255).reshape(n, 1, rows, cols)  # NCHW, as Synapse scales them


class ConvNet(torch.nn.Module):
    """Conv(32, 3×3, relu) → MaxPool 2 → Conv(64, 3×3, relu) → MaxPool 2 → Flatten (channels-last) → Dense(10) logits."""

    def __init__(self, weights, dtype):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(1, 32, 3).to(dtype)
        self.conv2 = torch.nn.Conv2d(32, 64, 3).to(dtype)
        self.fc = torch.nn.Linear(1600, 10).to(dtype)
        with torch.no_grad():
            for layer, name in ((self.conv1, "conv2d"), (self.conv2, "conv2d_1")):
                layer.weight.copy_(torch.tensor(weights[name + ".kernel"].transpose(3, 2, 0, 1)))
                layer.bias.copy_(torch.tensor(weights[name + ".bias"]))
            self.fc.weight.copy_(torch.tensor(weights["dense.kernel"].T))
            self.fc.bias.copy_(torch.tensor(weights["dense.bias"]))

    def forward(self, x):
        y = torch.max_pool2d(torch.relu(self.conv1(x)), 2)
        y = torch.max_pool2d(torch.relu(self.conv2(y)), 2)
        return self.fc(y.permute(0, 2, 3, 1).flatten(1))  # Dropout is off when explaining


weights = read_safetensors(os.path.join(here, "trained_convnet.safetensors"))
images = torch.tensor(first_test_images(count), dtype=torch.float64)
model = ConvNet(weights, torch.float64).eval()
with torch.no_grad():
    logits = model(images)
    classes = logits.argmax(1).tolist()
    ends = logits[range(count), classes].numpy()
    starts = model(torch.zeros_like(images))[range(count), classes].numpy()


def captum_delta(dtype):
    net = ConvNet(weights, dtype).eval()
    _, delta = IntegratedGradients(net).attribute(images.to(dtype), target=classes, n_steps=50, method="gausslegendre",
                                                  return_convergence_delta=True)
    return [float(d) for d in delta.detach()]


def exact_gauss_legendre_delta(steps):
    nodes, weights_ = np.polynomial.legendre.leggauss(steps)
    alphas, weights_ = 0.5 * (nodes + 1), 0.5 * weights_
    deltas = []
    for i in range(count):
        path = (torch.tensor(alphas)[:, None, None, None] * images[i][None]).requires_grad_(True)
        gradient, = torch.autograd.grad(model(path)[:, classes[i]].sum(), path)
        slope = (gradient * images[i][None]).flatten(1).sum(1).numpy()  # dF/dα at each node
        deltas.append(float(weights_ @ slope - (ends[i] - starts[i])))
    return deltas


document = {
    "captum": __import__("captum").__version__, "torch": torch.__version__,
    "classes": classes, "ends": [float(v) for v in ends], "starts": [float(v) for v in starts],
    "captum_delta_gl50_double": captum_delta(torch.float64),
    "captum_delta_gl50_single": captum_delta(torch.float32),
    "exact_delta_gl400": exact_gauss_legendre_delta(400),
}
with open(os.path.join(here, "completeness_fixture.json"), "w") as f:
    json.dump(document, f, indent=1)
for i in range(count):
    change = ends[i] - starts[i]
    print(f"image {i}: class {classes[i]}, F(x) − F(0) = {change:.5f}, Captum GL-50 delta/change = "
          f"{document['captum_delta_gl50_double'][i] / change:+.2e}, GL-400 {document['exact_delta_gl400'][i] / change:+.2e}")
