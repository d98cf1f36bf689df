"""PyTorch (eager, float32, default threads) version of the GPT workloads.

G1: one training iteration of nanoGPT's CPU configuration of shakespeare_char
(4 layers, 4 heads, width 128, context 64, batch 12, vocabulary 65, dropout 0,
no biases (nanoGPT's bias=False),
AdamW with betas (0.9, 0.99), weight decay 0.1 on matrices only, gradient
clipping at norm 1), timed per iteration after a warm-up; median in ms.
G2: sampling 500 tokens with nanoGPT's plain sampler (no key/value cache: the
whole cropped context goes through the model for every token; temperature
0.8, top-k 200); tokens per second.

The model follows nanoGPT's model.py (pre-norm blocks, GELU MLP, a head tied
to the token embedding, F.scaled_dot_product_attention with is_causal). Token
ids are random: the timing does not depend on the text. Run alone it prints
one JSON line; torch_workloads.py calls measure() for --workloads gpt."""
import json
import math
import statistics
import sys
import time

import torch
from torch import nn
from torch.nn import functional as F

VOCAB, BLOCK, LAYERS, HEADS, WIDTH, BATCH = 65, 64, 4, 4, 128, 12


class Block(nn.Module):
    def __init__(self, bias=False):
        super().__init__()
        self.ln_1 = nn.LayerNorm(WIDTH, bias=bias)
        self.c_attn = nn.Linear(WIDTH, 3 * WIDTH, bias=bias)
        self.c_proj = nn.Linear(WIDTH, WIDTH, bias=bias)
        self.ln_2 = nn.LayerNorm(WIDTH, bias=bias)
        self.mlp = nn.Sequential(nn.Linear(WIDTH, 4 * WIDTH, bias=bias), nn.GELU(), nn.Linear(4 * WIDTH, WIDTH, bias=bias))

    def attention(self, x):
        b, t, c = x.shape
        q, k, v = self.c_attn(x).split(WIDTH, dim=2)
        q, k, v = (z.view(b, t, HEADS, c // HEADS).transpose(1, 2) for z in (q, k, v))
        y = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        return self.c_proj(y.transpose(1, 2).contiguous().view(b, t, c))

    def forward(self, x):
        x = x + self.attention(self.ln_1(x))
        return x + self.mlp(self.ln_2(x))


class GPT(nn.Module):
    def __init__(self, bias=False):
        super().__init__()
        self.wte = nn.Embedding(VOCAB, WIDTH)
        self.wpe = nn.Embedding(BLOCK, WIDTH)
        self.blocks = nn.ModuleList(Block(bias) for _ in range(LAYERS))
        self.ln_f = nn.LayerNorm(WIDTH, bias=bias)
        self.lm_head = nn.Linear(WIDTH, VOCAB, bias=False)
        self.lm_head.weight = self.wte.weight
        for name, p in self.named_parameters():
            if p.dim() >= 2:
                # The two projections into the residual stream (attention's
                # c_proj and the MLP's last Linear, nanoGPT's mlp.c_proj).
                residual = name.endswith(("c_proj.weight", "mlp.2.weight"))
                nn.init.normal_(p, 0, 0.02 / math.sqrt(2 * LAYERS) if residual else 0.02)

    def forward(self, idx):
        x = self.wte(idx) + self.wpe(torch.arange(idx.shape[1]))
        for block in self.blocks:
            x = block(x)
        return self.lm_head(self.ln_f(x))


def optimizer_for(model, lr=1e-3):
    params = [p for p in model.parameters() if p.requires_grad]
    decay = [p for p in params if p.dim() >= 2]
    rest = [p for p in params if p.dim() < 2]
    return torch.optim.AdamW([{"params": decay, "weight_decay": 0.1}, {"params": rest, "weight_decay": 0.0}],
                             lr=lr, betas=(0.9, 0.99))


def training_iterations(model, iterations, warmup):
    optimizer = optimizer_for(model)
    model.train()
    times = []
    for i in range(warmup + iterations):
        x = torch.randint(VOCAB, (BATCH, BLOCK))
        y = torch.randint(VOCAB, (BATCH, BLOCK))
        start = time.perf_counter()
        logits = model(x)
        loss = F.cross_entropy(logits.view(-1, VOCAB), y.view(-1))
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        if i >= warmup:
            times.append(time.perf_counter() - start)
    return {"iteration_ms": statistics.median(times) * 1000, "iterations": iterations, "final_loss": loss.item()}


@torch.no_grad()
def generation(model, tokens, temperature=0.8, top_k=200):
    model.eval()
    idx = torch.zeros((1, 1), dtype=torch.long)
    start = time.perf_counter()
    for _ in range(tokens):
        context = idx if idx.size(1) <= BLOCK else idx[:, -BLOCK:]
        logits = model(context)[:, -1, :] / temperature
        v, _ = torch.topk(logits, min(top_k, logits.size(-1)))
        logits[logits < v[:, [-1]]] = -float("inf")
        next_id = torch.multinomial(F.softmax(logits, dim=-1), num_samples=1)
        idx = torch.cat((idx, next_id), dim=1)
    seconds = time.perf_counter() - start
    return {"tokens": tokens, "seconds": seconds, "tokens_per_s": tokens / seconds}


def measure(seed=0, iterations=50, warmup=5, tokens=500):
    torch.manual_seed(seed)
    model = GPT()
    result = training_iterations(model, iterations, warmup)
    result.update(generation(model, tokens))
    result["parameters"] = sum(p.numel() for p in model.parameters())
    return result


if __name__ == "__main__":
    small = "--tiny" in sys.argv
    print(json.dumps({"framework": "torch", "gpt": measure(iterations=2 if small else 50, warmup=1 if small else 5,
                                                          tokens=20 if small else 500),
                      "versions": {"torch": torch.__version__}, "threads": torch.get_num_threads()}))
