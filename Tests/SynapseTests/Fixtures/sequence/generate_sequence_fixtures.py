"""Reference values for SequenceFixtureTests: PyTorch's torch.nn.Conv1d and
max_pool1d, and the global average and max over time, with Keras's layout
and padding rules. Computed in float64; run with
    python generate_sequence_fixtures.py > sequence_fixtures.json

Layouts: Synapse (as Keras) takes [batch, steps, channels] and a Conv1D
kernel [kernel_size, in_channels, filters]; PyTorch takes [batch, channels,
steps] and a weight [filters, in_channels, kernel_size]. The script permutes
the input and the weight into PyTorch's layout and the results back.

Padding: PyTorch's Conv1d has no 'causal' mode and pads 'same'
symmetrically, so the input is padded explicitly with F.pad and convolved
with padding=0:
  - 'same' as Keras: out = ceil(steps / stride) and total padding
    max((out - 1) * stride + (k - 1) * dilation + 1 - steps, 0), of which
    total // 2 goes before the sequence and the rest after;
  - 'causal' as Keras: (k - 1) * dilation zeros before the sequence only.
Max pooling 'same' pads with -inf by the same rule (padding never wins).

Every case records the output and the gradients of sum(output * upstream)
with respect to the input and, for Conv1D, the kernel and the bias.
"""
import json
import math

import torch
import torch.nn.functional as F

torch.manual_seed(0)
torch.set_default_dtype(torch.float64)


def values(t):
    return {"shape": list(t.shape), "values": [float(v) for v in t.detach().reshape(-1).tolist()]}


def keras_padding(steps, kernel, stride, dilation, padding):
    extent = (kernel - 1) * dilation + 1
    if padding == "valid":
        return 0, 0
    if padding == "causal":
        return extent - 1, 0
    out = math.ceil(steps / stride)
    total = max((out - 1) * stride + extent - steps, 0)
    return total // 2, total - total // 2


def conv_case(name, padding, stride, dilation=1, activation="linear", steps=9, channels=3, filters=4, kernel=3):
    x = torch.randn(2, steps, channels, requires_grad=True)
    conv = torch.nn.Conv1d(channels, filters, kernel, stride=stride, dilation=dilation)
    before, after = keras_padding(steps, kernel, stride, dilation, padding)
    y = conv(F.pad(x.permute(0, 2, 1), (before, after))).permute(0, 2, 1)
    if activation == "relu":
        y = torch.relu(y)
    upstream = torch.randn_like(y)
    (y * upstream).sum().backward()
    return {
        "name": name, "kind": "conv1d", "padding": padding, "stride": stride, "dilation": dilation,
        "activation": activation, "filters": filters, "kernel_size": kernel,
        "input": values(x), "kernel": values(conv.weight.permute(2, 1, 0)), "bias": values(conv.bias),
        "upstream": values(upstream), "output": values(y), "input_gradient": values(x.grad),
        "kernel_gradient": values(conv.weight.grad.permute(2, 1, 0)), "bias_gradient": values(conv.bias.grad),
    }


def max_pool_case(name, pool, stride, padding, steps=9, channels=3):
    x = torch.randn(2, steps, channels, requires_grad=True)
    before, after = keras_padding(steps, pool, stride, 1, padding)
    padded = F.pad(x.permute(0, 2, 1), (before, after), value=float("-inf"))
    y = F.max_pool1d(padded, pool, stride).permute(0, 2, 1)
    upstream = torch.randn_like(y)
    (y * upstream).sum().backward()
    return {"name": name, "kind": "max_pool1d", "pool_size": pool, "stride": stride, "padding": padding,
            "input": values(x), "upstream": values(upstream), "output": values(y), "input_gradient": values(x.grad)}


def global_case(name, reduce):
    x = torch.randn(2, 7, 3, requires_grad=True)
    y = x.mean(dim=1) if reduce == "average" else x.amax(dim=1)
    upstream = torch.randn_like(y)
    (y * upstream).sum().backward()
    return {"name": name, "kind": "global_" + reduce, "input": values(x), "upstream": values(upstream),
            "output": values(y), "input_gradient": values(x.grad)}


cases = [
    conv_case("conv_valid_stride1", "valid", 1),
    conv_case("conv_valid_stride2", "valid", 2),
    conv_case("conv_same_stride1", "same", 1),
    conv_case("conv_same_stride2", "same", 2),
    conv_case("conv_causal_stride1", "causal", 1),
    conv_case("conv_causal_stride2", "causal", 2),
    conv_case("conv_causal_dilation2", "causal", 1, dilation=2),
    conv_case("conv_same_dilation2_relu", "same", 1, dilation=2, activation="relu"),
    conv_case("conv_valid_dilation3_stride2", "valid", 2, dilation=3, steps=12),
    max_pool_case("max_pool_valid", 2, 2, "valid"),
    max_pool_case("max_pool_valid_overlapping", 3, 1, "valid"),
    max_pool_case("max_pool_same", 3, 2, "same"),
    global_case("global_average", "average"),
    global_case("global_max", "max"),
]
print(json.dumps({"generator": "generate_sequence_fixtures.py", "torch": torch.__version__, "cases": cases}))
