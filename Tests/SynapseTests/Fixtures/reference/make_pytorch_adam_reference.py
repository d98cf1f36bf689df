"""Reference values for Adam with PyTorch's epsilon convention.

Writes pytorch_adam.json beside this script: a few steps of
torch.optim.Adam from fixed parameters and gradients, one parameter with
ordinary gradients and one with gradients of about 1e-9 (where PyTorch's
ε, added to the bias-corrected √v̂, and Keras's, added to √v, give very
different steps). Every torch value is recomputed with numpy from
PyTorch's documented update and the script fails if the two disagree.

Run:  /path/to/python make_pytorch_adam_reference.py   (needs numpy and torch)
"""
import json
import os

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
STEPS = 4


def floats(a):
    return [float(x) for x in np.asarray(a, dtype=np.float64).ravel()]


def numpy_adam(initial, gradients, lr, betas, eps):
    params = [p.astype(np.float64).copy() for p in initial]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    trajectory = []
    for t, step_gradients in enumerate(gradients, start=1):
        for i, g in enumerate(step_gradients):
            m[i] = betas[0] * m[i] + (1 - betas[0]) * g
            v[i] = betas[1] * v[i] + (1 - betas[1]) * g * g
            m_hat = m[i] / (1 - betas[0] ** t)
            v_hat = v[i] / (1 - betas[1] ** t)
            params[i] = params[i] - lr * m_hat / (np.sqrt(v_hat) + eps)
        trajectory.append([floats(p) for p in params])
    return trajectory


def main():
    rng = np.random.default_rng(13)
    shapes = [[2, 3], [4]]
    initial = [rng.normal(size=s).astype(np.float32) for s in shapes]
    gradients = []
    for _ in range(STEPS):
        ordinary = rng.normal(size=shapes[0]).astype(np.float32)
        tiny = (rng.normal(size=shapes[1]) * 1e-9).astype(np.float32)
        gradients.append([ordinary, tiny])

    cases = []
    for lr, eps in [(1e-2, 1e-8), (1e-3, 1e-6)]:
        betas = (0.9, 0.999)
        params = [torch.nn.Parameter(torch.tensor(p)) for p in initial]
        optimizer = torch.optim.Adam(params, lr=lr, betas=betas, eps=eps)
        trajectory = []
        for step_gradients in gradients:
            for p, g in zip(params, step_gradients):
                p.grad = torch.tensor(g)
            optimizer.step()
            trajectory.append([floats(p.detach().numpy()) for p in params])
        expected = numpy_adam(initial, [[g.astype(np.float64) for g in s] for s in gradients], lr, betas, eps)
        for torch_step, numpy_step in zip(trajectory, expected):
            for a, b in zip(torch_step, numpy_step):
                if not np.allclose(a, b, rtol=1e-5, atol=1e-6):
                    raise SystemExit(f"lr {lr} eps {eps}: torch {a} != numpy {b}")
        cases.append({"optimizer": "adam",
                      "config": {"learning_rate": lr, "beta_1": betas[0], "beta_2": betas[1], "epsilon": eps,
                                 "epsilon_convention": "pytorch"},
                      "steps": trajectory})

    document = {"source": f"torch {torch.__version__}", "shapes": shapes,
                "initial": [floats(p) for p in initial],
                "gradients": [[floats(g) for g in s] for s in gradients], "cases": cases}
    with open(os.path.join(HERE, "pytorch_adam.json"), "w") as out:
        json.dump(document, out, indent=1)
        out.write("\n")


if __name__ == "__main__":
    main()
