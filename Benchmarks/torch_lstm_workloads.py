"""PyTorch (eager, float32, default threads) version of the recurrent workload.

R1: one forward and backward pass of nn.LSTM(65, 256, batch_first=True) over a
[32, 64, 65] batch (char-rnn's shape), gradients for the input and every
weight, from the loss sum(output * upstream); the median over the timed
iterations after a warm-up, in ms. Synapse's side is
Sources/SynapseWorkloads/LSTMWorkloads.swift (LSTM(256, returnSequences: true)).
Run alone it prints one JSON line; torch_workloads.py calls measure() for
--workloads lstm."""
import json
import statistics
import sys
import time

import torch

BATCH, STEPS, FEATURES, UNITS = 32, 64, 65, 256


def measure(seed=0, iterations=30, warmup=3):
    torch.manual_seed(seed)
    lstm = torch.nn.LSTM(FEATURES, UNITS, batch_first=True)
    x = torch.randn(BATCH, STEPS, FEATURES, requires_grad=True)
    upstream = torch.randn(BATCH, STEPS, UNITS)
    times = []
    for i in range(warmup + iterations):
        start = time.perf_counter()
        out, _ = lstm(x)
        lstm.zero_grad(set_to_none=True)
        x.grad = None
        (out * upstream).sum().backward()
        if i >= warmup:
            times.append(time.perf_counter() - start)
    return {"forward_backward_ms": statistics.median(times) * 1000, "iterations": iterations,
            "shape": [BATCH, STEPS, FEATURES], "units": UNITS}


if __name__ == "__main__":
    small = "--tiny" in sys.argv
    print(json.dumps({"framework": "torch", "lstm": measure(iterations=2 if small else 30, warmup=1 if small else 3),
                      "versions": {"torch": torch.__version__}, "threads": torch.get_num_threads()}))
