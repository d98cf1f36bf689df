"""Reference values for RecurrentFixtureTests: PyTorch's nn.RNN, nn.LSTM and
nn.GRU (also bidirectional), their outputs, final states, and the gradients
of sum(output * upstream) + sum(state * upstream_state) with respect to the
input, the initial states and every parameter. Computed in float64; run with
    python generate_recurrent_fixtures.py > recurrent_fixtures.json

Weights are stored in Keras's layout, which is what Synapse uses:
  kernel [features, G*units] = weight_ih.T, recurrent_kernel = weight_hh.T;
  SimpleRNN and LSTM have one bias, b_ih + b_hh (PyTorch's LSTM gate order
  i, f, g, o is Keras's i, f, c, o); PyTorch's GRU is the reset_after
  variant Keras uses, but with gate order r, z, n: its blocks are permuted
  to Keras's z, r, h, and its two biases become the rows of Keras's [2, 3U].
go_backwards is PyTorch run on the time-reversed input (Keras returns the
output in processing order, so that is the same sequence).

Masked cases: PyTorch has no mask, so the reference runs PyTorch's cells
(nn.RNNCell, nn.LSTMCell, nn.GRUCell, with the same weights) step by step
with Keras's carry rule: a masked step keeps the previous states and repeats
the previous output (zeros before the first computed step). With
--check-keras the script also runs Keras 3 on each masked case and asserts
that its output and states agree (Keras 3.15 agreed when this was written).
"""
import json
import sys

import torch

torch.manual_seed(0)
torch.set_default_dtype(torch.float64)

BATCH, STEPS, FEATURES, UNITS = 3, 5, 4, 3
MASK = [[1, 1, 1, 1, 1], [0, 0, 1, 1, 1], [1, 0, 1, 1, 0]]


def values(t):
    return {"shape": list(t.shape), "values": [float(v) for v in t.detach().reshape(-1).tolist()]}


def gru_blocks(t):
    """PyTorch's GRU blocks r, z, n along axis 0, reordered to Keras's z, r, h."""
    r, z, n = t.chunk(3, dim=0)
    return torch.cat([z, r, n], dim=0)


def keras_weights(kind, w_ih, w_hh, b_ih, b_hh):
    if kind == "gru":
        return {"kernel": gru_blocks(w_ih).T, "recurrent_kernel": gru_blocks(w_hh).T,
                "bias": torch.stack([gru_blocks(b_ih), gru_blocks(b_hh)])}
    return {"kernel": w_ih.T, "recurrent_kernel": w_hh.T, "bias": b_ih + b_hh}


def keras_gradients(kind, w_ih, w_hh, b_ih, b_hh):
    if kind == "gru":
        return keras_weights(kind, w_ih.grad, w_hh.grad, b_ih.grad, b_hh.grad)
    # d/d(b_ih) = d/d(b_hh) = d/d(their sum).
    return {"kernel": w_ih.grad.T, "recurrent_kernel": w_hh.grad.T, "bias": b_ih.grad}


MODULES = {"simple": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}
CELLS = {"simple": torch.nn.RNNCell, "lstm": torch.nn.LSTMCell, "gru": torch.nn.GRUCell}


def direction_parameters(module, suffix=""):
    return [getattr(module, f"{name}_l0{suffix}") for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")]


def unmasked_case(name, kind, return_sequences, go_backwards=False, initial_state=False):
    module = MODULES[kind](FEATURES, UNITS, batch_first=True)
    x = torch.randn(BATCH, STEPS, FEATURES, requires_grad=True)
    states = [torch.randn(1, BATCH, UNITS, requires_grad=True) for _ in range(2 if kind == "lstm" else 1)]
    source = x.flip(1) if go_backwards else x
    if initial_state:
        out, final = module(source, tuple(states) if kind == "lstm" else states[0])
    else:
        out, final = module(source)
    finals = list(final) if kind == "lstm" else [final]
    finals = [f[0] for f in finals]
    output = out if return_sequences else out[:, -1]
    return finish(name, kind, return_sequences, go_backwards, x, output, finals,
                  direction_parameters(module), states if initial_state else None, mask=None)


def masked_case(name, kind, return_sequences):
    cell = CELLS[kind](FEATURES, UNITS)
    x = torch.randn(BATCH, STEPS, FEATURES, requires_grad=True)
    mask = torch.tensor(MASK, dtype=torch.float64)
    h = torch.zeros(BATCH, UNITS)
    c = torch.zeros(BATCH, UNITS)
    previous_output = torch.zeros(BATCH, UNITS)
    outputs = []
    for t in range(STEPS):
        keep = mask[:, t:t + 1]
        if kind == "lstm":
            h_new, c_new = cell(x[:, t], (h, c))
            c = keep * c_new + (1 - keep) * c
        else:
            h_new = cell(x[:, t], h)
        h = keep * h_new + (1 - keep) * h
        previous_output = keep * h_new + (1 - keep) * previous_output
        outputs.append(previous_output)
    out = torch.stack(outputs, dim=1)
    output = out if return_sequences else out[:, -1]
    finals = [h, c] if kind == "lstm" else [h]
    parameters = [cell.weight_ih, cell.weight_hh, cell.bias_ih, cell.bias_hh]
    return finish(name, kind, return_sequences, False, x, output, finals, parameters, None, mask=mask)


def finish(name, kind, return_sequences, go_backwards, x, output, finals, parameters, initial_states, mask):
    upstream = torch.randn_like(output)
    state_upstream = [torch.randn_like(f) for f in finals]
    loss = (output * upstream).sum() + sum((f * u).sum() for f, u in zip(finals, state_upstream))
    loss.backward()
    case = {
        "name": name, "kind": kind, "return_sequences": return_sequences, "go_backwards": go_backwards,
        "input": values(x), "upstream": values(upstream), "state_upstream": [values(u) for u in state_upstream],
        "output": values(output), "states": [values(f) for f in finals], "input_gradient": values(x.grad),
        "weights": {k: values(v) for k, v in keras_weights(kind, *parameters).items()},
        "weight_gradients": {k: values(v) for k, v in keras_gradients(kind, *parameters).items()},
    }
    if mask is not None:
        case["mask"] = values(mask)
    if initial_states is not None:
        case["initial_states"] = [values(s[0]) for s in initial_states]
        case["initial_state_gradients"] = [values(s.grad[0]) for s in initial_states]
    return case


def bidirectional_case(name, kind, return_sequences, merge_mode):
    module = MODULES[kind](FEATURES, UNITS, batch_first=True, bidirectional=True)
    x = torch.randn(BATCH, STEPS, FEATURES, requires_grad=True)
    out, final = module(x)
    forward_out, backward_out = out[..., :UNITS], out[..., UNITS:]
    if not return_sequences:
        # Keras: each direction's last output in processing order.
        forward_out, backward_out = forward_out[:, -1], backward_out[:, 0]
    merged = {"concat": lambda: torch.cat([forward_out, backward_out], dim=-1),
              "sum": lambda: forward_out + backward_out,
              "mul": lambda: forward_out * backward_out,
              "ave": lambda: (forward_out + backward_out) / 2}[merge_mode]()
    finals = [final[0][0], final[1][0], final[0][1], final[1][1]] if kind == "lstm" else [final[0], final[1]]
    upstream = torch.randn_like(merged)
    state_upstream = [torch.randn_like(f) for f in finals]
    loss = (merged * upstream).sum() + sum((f * u).sum() for f, u in zip(finals, state_upstream))
    loss.backward()
    forward, backward = direction_parameters(module), direction_parameters(module, "_reverse")
    return {
        "name": name, "kind": kind, "return_sequences": return_sequences, "merge_mode": merge_mode,
        "input": values(x), "upstream": values(upstream), "state_upstream": [values(u) for u in state_upstream],
        "output": values(merged), "states": [values(f) for f in finals], "input_gradient": values(x.grad),
        "weights": {f"forward.{k}": values(v) for k, v in keras_weights(kind, *forward).items()}
        | {f"backward.{k}": values(v) for k, v in keras_weights(kind, *backward).items()},
        "weight_gradients": {f"forward.{k}": values(v) for k, v in keras_gradients(kind, *forward).items()}
        | {f"backward.{k}": values(v) for k, v in keras_gradients(kind, *backward).items()},
    }


def check_with_keras(case):
    """Runs Keras 3 on a masked case with the same weights; asserts agreement."""
    import keras
    import numpy as np
    layer_type = {"simple": keras.layers.SimpleRNN, "lstm": keras.layers.LSTM, "gru": keras.layers.GRU}[case["kind"]]
    layer = layer_type(UNITS, return_sequences=case["return_sequences"], return_state=True)
    x = np.array(case["input"]["values"], dtype="float64").reshape(case["input"]["shape"])
    mask = np.array(case["mask"]["values"]).reshape(case["mask"]["shape"]).astype(bool)
    layer(x.astype("float32"), mask=mask)
    w = case["weights"]
    layer.set_weights([np.array(w[k]["values"]).reshape(w[k]["shape"]) for k in ("kernel", "recurrent_kernel", "bias")])
    result = layer(x.astype("float32"), mask=mask)
    expected = [case["output"]] + case["states"]
    for got, want in zip(result, expected):
        np.testing.assert_allclose(np.array(got), np.array(want["values"]).reshape(want["shape"]), atol=1e-5)


cases = [
    unmasked_case("simple_sequences", "simple", True),
    unmasked_case("simple_last_backwards", "simple", False, go_backwards=True),
    unmasked_case("lstm_sequences_initial_state", "lstm", True, initial_state=True),
    unmasked_case("lstm_last", "lstm", False),
    unmasked_case("lstm_sequences_backwards", "lstm", True, go_backwards=True),
    unmasked_case("gru_sequences", "gru", True),
    unmasked_case("gru_last_initial_state", "gru", False, initial_state=True),
    unmasked_case("gru_last_backwards", "gru", False, go_backwards=True),
    masked_case("simple_masked", "simple", True),
    masked_case("lstm_masked", "lstm", True),
    masked_case("lstm_masked_last", "lstm", False),
    masked_case("gru_masked", "gru", True),
    bidirectional_case("bidirectional_lstm_concat", "lstm", True, "concat"),
    bidirectional_case("bidirectional_gru_last_sum", "gru", False, "sum"),
    bidirectional_case("bidirectional_simple_ave", "simple", True, "ave"),
    bidirectional_case("bidirectional_lstm_last_mul", "lstm", False, "mul"),
]
if "--check-keras" in sys.argv:
    for case in cases:
        if "mask" in case:
            check_with_keras(case)
    print("Keras agrees on the masked cases", file=sys.stderr)
print(json.dumps({"generator": "generate_recurrent_fixtures.py", "torch": torch.__version__, "cases": cases}))
