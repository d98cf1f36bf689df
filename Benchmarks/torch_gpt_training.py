"""The loss reference for `synapse train --model gpt`: the same GPT as
torch_gpt_workloads.py (nanoGPT's model, init and CPU configuration of
shakespeare_char) trained in PyTorch for 2,000 iterations on the shared
Tiny Shakespeare, with nanoGPT's schedule (100 warm-up iterations, cosine
decay to lr/10 at iteration 2,000), AdamW (0.9, 0.99), weight decay 0.1 on
matrices, clipping at norm 1.

It prints nanoGPT's estimate (20 random batches of each split every 250
iterations) and, at the end, the exact validation loss over every
non-overlapping 64-character window of the validation split, the figure
that does not depend on which batches were drawn.

    python Benchmarks/torch_gpt_training.py [path/to/input.txt] [seed] [bias]

The model has no biases, as nanoGPT's configuration (bias=False) and
`synapse train --model gpt`; a third argument `bias` gives it biases, as
`synapse train --model gpt --bias`.
"""
import math
import sys
import time

import torch
from torch.nn import functional as F

from torch_gpt_workloads import BATCH, BLOCK, GPT, VOCAB, optimizer_for

ITERATIONS, WARMUP, LR, MIN_LR, EVAL_INTERVAL, EVAL_ITERS = 2000, 100, 1e-3, 1e-4, 250, 20


def learning_rate(it):
    if it < WARMUP:
        return LR * (it + 1) / (WARMUP + 1)
    ratio = (it - WARMUP) / (ITERATIONS - WARMUP)
    return MIN_LR + 0.5 * (1 + math.cos(math.pi * ratio)) * (LR - MIN_LR)


def batch(data, generator):
    starts = torch.randint(len(data) - BLOCK, (BATCH,), generator=generator)
    x = torch.stack([data[s:s + BLOCK] for s in starts])
    y = torch.stack([data[s + 1:s + 1 + BLOCK] for s in starts])
    return x, y


@torch.no_grad()
def estimate(model, data, generator):
    model.eval()
    losses = [F.cross_entropy(model(x).view(-1, VOCAB), y.view(-1)).item()
              for x, y in (batch(data, generator) for _ in range(EVAL_ITERS))]
    model.train()
    return sum(losses) / len(losses)


@torch.no_grad()
def exact(model, data):
    model.eval()
    count = (len(data) - 1) // BLOCK
    total, tokens = 0.0, 0
    for first in range(0, count, 256):
        starts = range(first * BLOCK, min(first + 256, count) * BLOCK, BLOCK)
        x = torch.stack([data[s:s + BLOCK] for s in starts])
        y = torch.stack([data[s + 1:s + 1 + BLOCK] for s in starts])
        total += F.cross_entropy(model(x).view(-1, VOCAB), y.view(-1), reduction="sum").item()
        tokens += y.numel()
    return total / tokens


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/tinyshakespeare/input.txt"
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1337
    bias = len(sys.argv) > 3 and sys.argv[3] == "bias"
    text = open(path, encoding="utf-8").read()
    chars = sorted(set(text))
    assert len(chars) == VOCAB, f"{path}: {len(chars)} distinct characters, the model has {VOCAB}"
    index = {c: i for i, c in enumerate(chars)}
    ids = torch.tensor([index[c] for c in text], dtype=torch.long)
    split = int(0.9 * len(ids))
    train, val = ids[:split], ids[split:]
    torch.manual_seed(seed)
    generator = torch.Generator().manual_seed(seed)
    model = GPT(bias=bias)
    optimizer = optimizer_for(model, lr=LR)
    start = time.perf_counter()
    for it in range(ITERATIONS + 1):
        if it % EVAL_INTERVAL == 0:
            print(f"iter {it:5d}: train loss {estimate(model, train, generator):.4f}, "
                  f"val loss {estimate(model, val, generator):.4f}, {time.perf_counter() - start:.1f}s", flush=True)
        if it == ITERATIONS:
            break
        for group in optimizer.param_groups:
            group["lr"] = learning_rate(it)
        x, y = batch(train, generator)
        loss = F.cross_entropy(model(x).view(-1, VOCAB), y.view(-1))
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
    print(f"exact validation loss over every window: {exact(model, val):.4f}")


if __name__ == "__main__":
    main()
