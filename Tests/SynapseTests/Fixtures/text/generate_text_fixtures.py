"""Reference values for TextFixtureTests: PyTorch's nn.Embedding and
nn.MultiheadAttention (with and without a causal mask), their outputs and
the gradients of sum(output * upstream) with respect to the inputs and every
parameter. Computed in float64; run with
    python generate_text_fixtures.py > text_fixtures.json
"""
import json

import torch

torch.manual_seed(0)
torch.set_default_dtype(torch.float64)


def values(t):
    return {"shape": list(t.shape), "values": [float(v) for v in t.detach().reshape(-1).tolist()]}


def embedding_case():
    embedding = torch.nn.Embedding(7, 5)
    indices = torch.tensor([[2, 4, 2, 0], [6, 1, 4, 4]])
    out = embedding(indices)
    upstream = torch.randn_like(out)
    (out * upstream).sum().backward()
    return {"name": "embedding", "indices": values(indices.double()), "table": values(embedding.weight),
            "upstream": values(upstream), "output": values(out), "table_gradient": values(embedding.weight.grad)}


def attention_case(name, causal, query_length, key_length, embed=8, heads=2):
    attention = torch.nn.MultiheadAttention(embed, heads, batch_first=True)
    with torch.no_grad():
        attention.in_proj_bias.normal_(0, 0.1)
        attention.out_proj.bias.normal_(0, 0.1)
    query = torch.randn(2, query_length, embed, requires_grad=True)
    if query_length == key_length:
        key = value = query
    else:
        key = torch.randn(2, key_length, embed, requires_grad=True)
        value = key
    mask = None
    if causal:
        mask = torch.triu(torch.full((query_length, key_length), float("-inf")), diagonal=1)
    out, _ = attention(query, key, value, attn_mask=mask, need_weights=False)
    upstream = torch.randn_like(out)
    (out * upstream).sum().backward()
    w = attention.in_proj_weight
    b = attention.in_proj_bias
    gw = attention.in_proj_weight.grad
    gb = attention.in_proj_bias.grad
    case = {
        "name": name, "causal": causal, "heads": heads,
        "query": values(query), "upstream": values(upstream), "output": values(out),
        "query_gradient": values(query.grad),
        # Synapse's Dense kernels are [in, out]: PyTorch's weights transposed.
        "weights": {
            "query_kernel": values(w[:embed].T), "query_bias": values(b[:embed]),
            "key_kernel": values(w[embed:2 * embed].T), "key_bias": values(b[embed:2 * embed]),
            "value_kernel": values(w[2 * embed:].T), "value_bias": values(b[2 * embed:]),
            "output_kernel": values(attention.out_proj.weight.T), "output_bias": values(attention.out_proj.bias),
        },
        "weight_gradients": {
            "query_kernel": values(gw[:embed].T), "query_bias": values(gb[:embed]),
            "key_kernel": values(gw[embed:2 * embed].T), "key_bias": values(gb[embed:2 * embed]),
            "value_kernel": values(gw[2 * embed:].T), "value_bias": values(gb[2 * embed:]),
            "output_kernel": values(attention.out_proj.weight.grad.T), "output_bias": values(attention.out_proj.bias.grad),
        },
    }
    if query_length != key_length:
        case["key"] = values(key)
        case["key_gradient"] = values(key.grad)
    return case


cases = [
    embedding_case(),
    attention_case("attention_self", False, 5, 5),
    attention_case("attention_causal", True, 6, 6),
    attention_case("attention_cross", False, 3, 5),
]
print(json.dumps({"generator": "generate_text_fixtures.py", "torch": torch.__version__, "cases": cases}))
