"""Reference values for SpikingSnnTorchTests, computed with snnTorch.

A two-layer spiking network (Linear 4→5, Leaky, Linear 5→3, Leaky) run for 10
steps on a static input, as snnTorch's tutorial 5 does: the loss is the sum
over steps of the cross-entropy of the output membrane. Written: the inputs,
weights (Synapse's [in, out] layout), the loss, the gradients of the weights,
the hidden layer's spikes and the output membrane, for two surrogates and
both resets.

Run with the peers' venv: /work/.venv-peers/bin/python make_snntorch_fixture.py
"""
import json

import numpy as np
import snntorch as snn
import torch
from snntorch import surrogate

STEPS, BETA = 10, 0.9
rng = np.random.default_rng(13)
x = rng.uniform(0, 1, (3, 4)).astype(np.float32)
w1 = rng.uniform(-1, 1.5, (4, 5)).astype(np.float32)
b1 = rng.uniform(-0.2, 0.2, (5,)).astype(np.float32)
w2 = rng.uniform(-1, 1.5, (5, 3)).astype(np.float32)
b2 = rng.uniform(-0.2, 0.2, (3,)).astype(np.float32)
labels = np.array([0, 2, 1])


def run(name, spike_grad, reset):
    W1 = torch.tensor(w1.T.copy(), requires_grad=True)
    B1 = torch.tensor(b1, requires_grad=True)
    W2 = torch.tensor(w2.T.copy(), requires_grad=True)
    B2 = torch.tensor(b2, requires_grad=True)
    lif1 = snn.Leaky(beta=BETA, spike_grad=spike_grad, reset_mechanism=reset)
    lif2 = snn.Leaky(beta=BETA, spike_grad=spike_grad, reset_mechanism=reset)
    mem1, mem2 = lif1.init_leaky(), lif2.init_leaky()
    cur1 = torch.tensor(x) @ W1.T + B1
    loss = torch.zeros(())
    spikes1, membranes2 = [], []
    for _ in range(STEPS):
        spk1, mem1 = lif1(cur1, mem1)
        spk2, mem2 = lif2(spk1 @ W2.T + B2, mem2)
        loss = loss + torch.nn.functional.cross_entropy(mem2, torch.tensor(labels))
        spikes1.append(spk1.detach().numpy().copy())
        membranes2.append(mem2.detach().numpy().copy())
    loss.backward()
    return {
        "name": name, "reset": reset,
        "loss": loss.item(),
        "grad_w1": W1.grad.numpy().T.flatten().tolist(), "grad_b1": B1.grad.numpy().tolist(),
        "grad_w2": W2.grad.numpy().T.flatten().tolist(), "grad_b2": B2.grad.numpy().tolist(),
        "hidden_spikes": np.stack(spikes1).flatten().tolist(),
        "output_membrane": np.stack(membranes2).flatten().tolist(),
    }


cases = [
    run("fast_sigmoid", surrogate.fast_sigmoid(slope=25), "subtract"),
    run("arctan", surrogate.atan(alpha=2), "subtract"),
    run("fast_sigmoid", surrogate.fast_sigmoid(slope=25), "zero"),
]
document = {
    "snntorch_version": snn.__version__, "steps": STEPS, "beta": BETA,
    "x": x.flatten().tolist(), "w1": w1.flatten().tolist(), "b1": b1.tolist(),
    "w2": w2.flatten().tolist(), "b2": b2.tolist(), "labels": labels.tolist(),
    "cases": cases,
}
with open("snntorch_two_layer.json", "w") as f:
    json.dump(document, f, indent=1)
print("wrote snntorch_two_layer.json:", [round(c["loss"], 6) for c in cases],
      "hidden spikes", [int(sum(c["hidden_spikes"])) for c in cases])
