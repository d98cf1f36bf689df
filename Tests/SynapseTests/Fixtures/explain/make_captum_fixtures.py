"""Writes captum_fixtures.json: Captum's attributions for small models whose
weights are stored beside them, for ExplainCaptumTests.

Run with the peers' venv (torch + captum):
    /work/.venv-peers/bin/python Tests/SynapseTests/Fixtures/explain/make_captum_fixtures.py

Weights are stored in Synapse's layouts (Dense kernel [in, out], Conv2D kernel
[kh, kw, in, out], images channels-last); the torch models permute them.
Every attribution is stored channels-last, the inputs' Synapse shape.
"""
import json
import os

import numpy as np
import torch
from captum.attr import (IntegratedGradients, Saliency, InputXGradient, LayerGradCam, GuidedBackprop,
                         GuidedGradCam, Occlusion, LayerAttribution)
from captum.metrics import infidelity, sensitivity_max

torch.set_default_dtype(torch.float64)  # reference values in double precision
rng = np.random.default_rng(11)


def values(array):
    array = np.asarray(array, dtype=np.float64)
    return {"shape": list(array.shape), "values": [float(v) for v in array.ravel()]}


class MLP(torch.nn.Module):
    """Flatten → Dense(8, relu) → Dense(3) [→ softmax]."""

    def __init__(self, params, softmax):
        super().__init__()
        k1, b1, k2, b2 = params
        self.fc1 = torch.nn.Linear(k1.shape[0], k1.shape[1])
        self.fc2 = torch.nn.Linear(k2.shape[0], k2.shape[1])
        self.relu = torch.nn.ReLU()
        with torch.no_grad():
            self.fc1.weight.copy_(torch.tensor(k1.T)); self.fc1.bias.copy_(torch.tensor(b1))
            self.fc2.weight.copy_(torch.tensor(k2.T)); self.fc2.bias.copy_(torch.tensor(b2))
        self.softmax = softmax

    def forward(self, x):
        y = self.fc2(self.relu(self.fc1(x.flatten(1))))
        return torch.softmax(y, dim=1) if self.softmax else y


class ConvNet(torch.nn.Module):
    """Conv2D(4, 3×3, relu) → MaxPool 2 → Conv2D(6, 2×2, relu) → Flatten → Dense(3), on NCHW inputs."""

    def __init__(self, params):
        super().__init__()
        k1, b1, k2, b2, k3, b3 = params
        self.conv1 = torch.nn.Sequential(torch.nn.Conv2d(k1.shape[2], k1.shape[3], k1.shape[0]), torch.nn.ReLU())
        self.pool = torch.nn.MaxPool2d(2)
        self.conv2 = torch.nn.Sequential(torch.nn.Conv2d(k2.shape[2], k2.shape[3], k2.shape[0]), torch.nn.ReLU())
        self.fc = torch.nn.Linear(k3.shape[0], k3.shape[1])
        with torch.no_grad():
            self.conv1[0].weight.copy_(torch.tensor(k1.transpose(3, 2, 0, 1))); self.conv1[0].bias.copy_(torch.tensor(b1))
            self.conv2[0].weight.copy_(torch.tensor(k2.transpose(3, 2, 0, 1))); self.conv2[0].bias.copy_(torch.tensor(b2))
            self.fc.weight.copy_(torch.tensor(k3.T)); self.fc.bias.copy_(torch.tensor(b3))

    def forward(self, x):
        y = self.conv2(self.pool(self.conv1(x)))
        return self.fc(y.permute(0, 2, 3, 1).flatten(1))  # channels-last flatten, as Synapse


def nhwc(t):
    return t.detach().permute(0, 2, 3, 1).numpy()


cases = []

# MLP on 4×4 "images", logits out.
mlp_params = [rng.normal(0, 0.5, (16, 8)), rng.normal(0, 0.1, 8), rng.normal(0, 0.5, (8, 3)), rng.normal(0, 0.1, 3)]
mlp_inputs = rng.uniform(0, 1, (3, 4, 4))
mlp_targets = [0, 1, 2]
x = torch.tensor(mlp_inputs, requires_grad=True)
for softmax in (False, True):
    model = MLP(mlp_params, softmax).eval()
    model_name = "mlp_softmax" if softmax else "mlp"
    t = mlp_targets
    if not softmax:
        cases.append({"model": model_name, "method": "saliency", "attributions": values(Saliency(model).attribute(x, target=t).detach())})
        cases.append({"model": model_name, "method": "saliency_signed",
                      "attributions": values(Saliency(model).attribute(x, target=t, abs=False).detach())})
        cases.append({"model": model_name, "method": "gradxinput", "attributions": values(InputXGradient(model).attribute(x, target=t).detach())})
        cases.append({"model": model_name, "method": "guidedbackprop", "attributions": values(GuidedBackprop(model).attribute(x, target=t).detach())})
        occ = Occlusion(model).attribute(x, target=t, sliding_window_shapes=(2, 2), strides=(1, 1), baselines=0.25)
        cases.append({"model": model_name, "method": "occlusion", "patch": 2, "stride": 1, "fill": 0.25, "attributions": values(occ.detach())})
    for method, steps in (("gausslegendre", 50), ("riemann_left", 20), ("riemann_right", 20), ("riemann_middle", 20), ("riemann_trapezoid", 20)):
        baseline = torch.full_like(x, 0.1)
        attr, delta = IntegratedGradients(model).attribute(x, baselines=baseline, target=t, n_steps=steps, method=method,
                                                          return_convergence_delta=True)
        cases.append({"model": model_name, "method": "ig", "rule": method, "steps": steps, "baseline": 0.1,
                      "attributions": values(attr.detach()), "delta": [float(d) for d in delta]})

# Infidelity and sensitivity on the MLP with stored perturbations.
model = MLP(mlp_params, False).eval()
perturbations = rng.normal(0, 0.1, (10, 3, 4, 4))
saliency = Saliency(model).attribute(x, target=mlp_targets, abs=False).detach()
calls = {"n": 0}


def stored_perturbation(inputs):
    noise = torch.tensor(perturbations[calls["n"]])
    calls["n"] += 1
    return noise, inputs - noise


infid = infidelity(model, stored_perturbation, x.detach(), saliency, target=torch.tensor(mlp_targets), n_perturb_samples=10,
                   max_examples_per_batch=3)
calls["n"] = 0
infid_normalized = infidelity(model, stored_perturbation, x.detach(), saliency, target=torch.tensor(mlp_targets),
                              n_perturb_samples=10, max_examples_per_batch=3, normalize=True)
sens_noise = rng.uniform(-0.02, 0.02, (10, 3, 4, 4))
sens_calls = {"n": 0}


def stored_sensitivity_perturbation(inputs, perturb_radius=0.02):
    noise = torch.tensor(sens_noise[sens_calls["n"]])
    sens_calls["n"] += 1
    return inputs + noise


sens = sensitivity_max(Saliency(model).attribute, x.detach(), perturb_func=stored_sensitivity_perturbation, n_perturb_samples=10,
                       max_examples_per_batch=3, target=mlp_targets, abs=False)
metrics = {"perturbations": values(perturbations), "infidelity": [float(v) for v in infid],
           "infidelity_normalized": [float(v) for v in infid_normalized],
           "sensitivity_noise": values(sens_noise), "sensitivity": [float(v) for v in sens]}

# Convnet on 8×8×1 images.
conv_params = [rng.normal(0, 0.5, (3, 3, 1, 4)), rng.normal(0, 0.1, 4), rng.normal(0, 0.5, (2, 2, 4, 6)),
               rng.normal(0, 0.1, 6), rng.normal(0, 0.5, (2 * 2 * 6, 3)), rng.normal(0, 0.1, 3)]
conv_inputs = rng.uniform(0, 1, (2, 8, 8, 1))
conv_targets = [2, 1]
model = ConvNet(conv_params).eval()
xc = torch.tensor(conv_inputs.transpose(0, 3, 1, 2), requires_grad=True)
t = conv_targets
cases.append({"model": "convnet", "method": "saliency", "attributions": values(nhwc(Saliency(model).attribute(xc, target=t)))})
attr, delta = IntegratedGradients(model).attribute(xc, target=t, return_convergence_delta=True)
cases.append({"model": "convnet", "method": "ig", "rule": "gausslegendre", "steps": 50, "baseline": 0.0,
              "attributions": values(nhwc(attr)), "delta": [float(d) for d in delta]})
for relu in (False, True):
    cam = LayerGradCam(model, model.conv2).attribute(xc, target=t, relu_attributions=relu)
    cases.append({"model": "convnet", "method": "gradcam_layer", "relu": relu, "layer": "conv2d_1",
                  "attributions": values(nhwc(cam))})
    up = LayerAttribution.interpolate(cam, (8, 8), interpolate_mode="nearest")
    cases.append({"model": "convnet", "method": "gradcam", "relu": relu, "resizing": "nearest", "layer": "conv2d_1",
                  "attributions": values(nhwc(up))})
up = LayerAttribution.interpolate(LayerGradCam(model, model.conv2).attribute(xc, target=t, relu_attributions=True), (8, 8),
                                  interpolate_mode="bilinear")
cases.append({"model": "convnet", "method": "gradcam", "relu": True, "resizing": "bilinear", "layer": "conv2d_1",
              "attributions": values(nhwc(up))})
cam1 = LayerGradCam(model, model.conv1).attribute(xc, target=t, relu_attributions=True)
cases.append({"model": "convnet", "method": "gradcam_layer", "relu": True, "layer": "conv2d", "attributions": values(nhwc(cam1))})
cases.append({"model": "convnet", "method": "guidedbackprop", "attributions": values(nhwc(GuidedBackprop(model).attribute(xc, target=t)))})
# Guided Grad-CAM for every pair of classes whose Grad-CAM maps are not all cut by the ReLU.
for layer, name in ((model.conv2, "conv2d_1"), (model.conv1, "conv2d")):
    for pair in ([0, 0], [1, 1], [2, 2], [0, 1], [1, 0], [2, 1], [1, 2], [0, 2], [2, 0]):
        guided = GuidedGradCam(model, layer).attribute(xc, target=pair)
        if all(guided[i].abs().max() > 0 for i in range(2)):
            cases.append({"model": "convnet", "method": "guidedgradcam", "layer": name, "targets": pair,
                          "attributions": values(nhwc(guided))})
            break
occ = Occlusion(model).attribute(xc, target=t, sliding_window_shapes=(1, 3, 3), strides=(1, 1, 1), baselines=0.0)
cases.append({"model": "convnet", "method": "occlusion", "patch": 3, "stride": 1, "fill": 0.0, "attributions": values(nhwc(occ))})

document = {
    "captum": __import__("captum").__version__, "torch": torch.__version__,
    "models": {
        "mlp": {"parameters": [values(p) for p in mlp_params], "inputs": values(mlp_inputs), "targets": mlp_targets},
        "convnet": {"parameters": [values(p) for p in conv_params], "inputs": values(conv_inputs), "targets": conv_targets},
    },
    "metrics": metrics,
    "cases": cases,
}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "captum_fixtures.json"), "w") as f:
    json.dump(document, f)
print(f"{len(cases)} cases")
