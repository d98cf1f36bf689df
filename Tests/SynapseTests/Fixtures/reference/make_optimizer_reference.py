"""Reference values for Synapse's losses, optimisers and learning-rate schedules.

Writes losses.json, optimizers.json and schedules.json beside this script.
Values come from Keras 3 (TensorFlow backend) where Keras has the feature;
every Keras value is also recomputed here with numpy from the published
formulas, and the script fails if the two disagree. StepDecay and
LinearWarmup are not in Keras; their values come from the numpy formulas.

Run:  /path/to/python make_optimizer_reference.py   (needs numpy; keras+tensorflow
for the Keras cross-check; without them the numpy values are written and
`"source"` says so).
"""
import json
import math
import os

import numpy as np

try:
    os.environ.setdefault("KERAS_BACKEND", "tensorflow")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import keras
    import tensorflow as tf
except ImportError:  # numpy formulas only
    keras = None

HERE = os.path.dirname(os.path.abspath(__file__))
EPS = 1e-7
# Keras clips in float32, where 1 − 1e-7 rounds to 1 − 2⁻²³.
CLIP_LOW, CLIP_HIGH = float(np.float32(EPS)), float(np.float32(1) - np.float32(EPS))


def floats(a):
    return [float(x) for x in np.asarray(a, dtype=np.float64).ravel()]


def check(name, keras_value, numpy_value, tol=1e-5):
    k = np.asarray(keras_value, np.float64)
    n = np.asarray(numpy_value, np.float64)
    if not np.allclose(k, n, rtol=tol, atol=tol):
        raise SystemExit(f"{name}: keras {k} != numpy {n}")


# ---------------------------------------------------------------- losses
def np_categorical(t, p, from_logits):
    if from_logits:
        z = p - p.max(-1, keepdims=True)
        logsm = z - np.log(np.exp(z).sum(-1, keepdims=True))
        return float(np.mean(-(t * logsm).sum(-1)))
    p = p / p.sum(-1, keepdims=True)
    p = np.clip(p, CLIP_LOW, CLIP_HIGH)
    return float(np.mean(-(t * np.log(p)).sum(-1)))


def np_binary(t, p, from_logits):
    if from_logits:
        x = p
        return float(np.mean(np.maximum(x, 0) - x * t + np.log1p(np.exp(-np.abs(x)))))
    p = np.clip(p, CLIP_LOW, CLIP_HIGH)
    return float(np.mean(-(t * np.log(p) + (1 - t) * np.log(1 - p))))


def make_losses():
    rng = np.random.default_rng(7)
    onehot = np.eye(4, dtype=np.float32)[[0, 3, 1, 2, 3]]
    soft = rng.dirichlet(np.ones(4), size=5).astype(np.float32)
    raw_probabilities = rng.uniform(0.05, 1.0, size=(5, 4)).astype(np.float32)  # rows not normalised
    raw_probabilities[1, 3] = 0.0  # clipped to ε after normalising
    logits = (rng.normal(size=(5, 4)) * 3).astype(np.float32)
    logits[0] = [-30, 30, 0, 5]  # the target class gets e⁻⁶⁰: below float32 clipping
    binary_targets = rng.integers(0, 2, size=(6, 2)).astype(np.float32)
    binary_probabilities = rng.uniform(0, 1, size=(6, 2)).astype(np.float32)
    binary_probabilities[0] = [0.0, 1.0]  # clipped
    binary_logits = (rng.normal(size=(6, 2)) * 4).astype(np.float32)
    binary_logits[1] = [40, -40]  # would overflow a naive formula
    regression_predictions = rng.normal(size=(4, 3)).astype(np.float32)
    regression_targets = rng.normal(size=(4, 3)).astype(np.float32)

    cases = [
        ("categorical_crossentropy", onehot, raw_probabilities, False),
        ("categorical_crossentropy", soft, raw_probabilities, False),
        ("categorical_crossentropy", onehot, logits, True),
        ("categorical_crossentropy", soft, logits, True),
        ("binary_crossentropy", binary_targets, binary_probabilities, False),
        ("binary_crossentropy", binary_targets, binary_logits, True),
        ("mean_squared_error", regression_targets, regression_predictions, False),
        ("mean_absolute_error", regression_targets, regression_predictions, False),
    ]
    results = []
    for name, t, p, from_logits in cases:
        if name == "categorical_crossentropy":
            reference = np_categorical(t.astype(np.float64), p.astype(np.float64), from_logits)
        elif name == "binary_crossentropy":
            reference = np_binary(t.astype(np.float64), p.astype(np.float64), from_logits)
        elif name == "mean_squared_error":
            reference = float(np.mean((p.astype(np.float64) - t) ** 2))
        else:
            reference = float(np.mean(np.abs(p.astype(np.float64) - t)))
        value = reference
        if keras is not None:
            loss = {
                "categorical_crossentropy": lambda: keras.losses.CategoricalCrossentropy(from_logits=from_logits),
                "binary_crossentropy": lambda: keras.losses.BinaryCrossentropy(from_logits=from_logits),
                "mean_squared_error": lambda: keras.losses.MeanSquaredError(),
                "mean_absolute_error": lambda: keras.losses.MeanAbsoluteError(),
            }[name]()
            value = float(loss(t, p))
            check(f"loss {name} from_logits={from_logits}", value, reference, tol=2e-5)
        results.append({"loss": name, "fromLogits": from_logits, "shape": list(p.shape),
                        "targets": floats(t), "predictions": floats(p), "value": value})
    # Softmax outputs: Keras takes the loss from the logits behind the softmax.
    if keras is not None:
        probabilities = keras.activations.softmax(tf.constant(logits))
        value = float(keras.losses.CategoricalCrossentropy()(onehot, probabilities))
        check("categorical from softmax", value, np_categorical(onehot, logits.astype(np.float64), True))
    else:
        value = np_categorical(onehot, logits.astype(np.float64), True)
    softmax_case = {"targets": floats(onehot), "logits": floats(logits), "shape": list(logits.shape), "value": value}
    return {"cases": results, "categoricalFromSoftmax": softmax_case,
            "sparseCategorical": make_sparse_categorical(logits, raw_probabilities)}


def np_sparse_categorical(labels, p, from_logits):
    """Loss and gradient with respect to p, in float64."""
    rows = np.arange(len(labels))
    if from_logits:
        z = p - p.max(-1, keepdims=True)
        softmax = np.exp(z) / np.exp(z).sum(-1, keepdims=True)
        loss = float(np.mean(-np.log(softmax[rows, labels])))
        gradient = softmax.copy()
        gradient[rows, labels] -= 1
        return loss, gradient / len(labels)
    # Keras clips the probabilities first, then takes the softmax of their
    # logs: each clipped row divided by its sum.
    clipped = np.clip(p, CLIP_LOW, CLIP_HIGH)
    total = clipped.sum(-1, keepdims=True)
    loss = float(np.mean(-np.log(clipped[rows, labels] / total[:, 0])))
    # d/dp of log Σc − log c_l: 1/Σc − [j = l]/c_l where p_j was not clipped.
    active = (p > CLIP_LOW) & (p < CLIP_HIGH)
    gradient = np.broadcast_to(1 / total, p.shape).copy()
    gradient[rows, labels] -= 1 / clipped[rows, labels]
    gradient *= active
    return loss, gradient / len(labels)


def make_sparse_categorical(logits, raw_probabilities):
    """SparseCategoricalCrossentropy: loss and gradient with respect to the
    predictions, from logits, from unnormalised probabilities (Keras clips
    them, then divides each row by its sum), and [0.1, 0.2, 0.3, 0.4] with
    label 2, also scaled by 1.5."""
    labels = np.array([0, 3, 1, 2, 3])
    example = np.array([[0.1, 0.2, 0.3, 0.4]], np.float32)
    cases = [
        (labels, logits, True),
        (labels, raw_probabilities, False),
        (np.array([2]), example, False),
        (np.array([2]), (example * 1.5).astype(np.float32), False),
    ]
    results = []
    for y, p, from_logits in cases:
        value, gradient = np_sparse_categorical(y, p.astype(np.float64), from_logits)
        if keras is not None:
            predictions = tf.Variable(p)
            with tf.GradientTape() as tape:
                loss = keras.losses.SparseCategoricalCrossentropy(from_logits=from_logits)(y, predictions)
            keras_gradient = tape.gradient(loss, predictions).numpy()
            check(f"sparse loss from_logits={from_logits}", float(loss), value, tol=2e-5)
            check(f"sparse gradient from_logits={from_logits}", keras_gradient, gradient, tol=2e-5)
            value, gradient = float(loss), keras_gradient
        results.append({"fromLogits": from_logits, "shape": list(p.shape), "labels": floats(y),
                        "predictions": floats(p), "value": value, "gradient": floats(gradient)})
    if keras is not None:
        value = float(keras.losses.SparseCategoricalCrossentropy()(labels, keras.activations.softmax(tf.constant(logits))))
        check("sparse from softmax", value, np_sparse_categorical(labels, logits.astype(np.float64), True)[0])
    else:
        value = np_sparse_categorical(labels, logits.astype(np.float64), True)[0]
    softmax_case = {"labels": floats(labels), "logits": floats(logits), "shape": list(logits.shape), "value": value}
    return {"cases": results, "fromSoftmax": softmax_case}


# ------------------------------------------------------------ optimisers
def np_optimizer(kind, config, variables, gradient_steps):
    """The Keras 3 update rules, in float64, one list of variables per step."""
    params = [v.astype(np.float64).copy() for v in variables]
    state = [{} for _ in params]
    lr = config.get("learning_rate")
    history = []
    for t, grads in enumerate(gradient_steps, start=1):
        grads = [g.astype(np.float64) for g in grads]
        if "clipvalue" in config:
            grads = [np.clip(g, -config["clipvalue"], config["clipvalue"]) for g in grads]
        if "clipnorm" in config:
            grads = [g * config["clipnorm"] / max(np.linalg.norm(g), config["clipnorm"]) for g in grads]
        if "global_clipnorm" in config:
            norm = math.sqrt(sum(float(np.sum(g * g)) for g in grads))
            grads = [g * config["global_clipnorm"] / max(norm, config["global_clipnorm"]) for g in grads]
        for p, g, s in zip(params, grads, state):
            wd = config.get("weight_decay", 0.004 if kind == "adamw" else 0.0)
            p -= p * wd * lr
            if kind == "sgd":
                m = config.get("momentum", 0.0)
                if m:
                    v = s.setdefault("v", np.zeros_like(p))
                    v[:] = m * v - lr * g
                    p += (m * v - lr * g) if config.get("nesterov") else v
                else:
                    p -= lr * g
            elif kind in ("adam", "adamw"):
                b1, b2, eps = config.get("beta_1", 0.9), config.get("beta_2", 0.999), config.get("epsilon", 1e-7)
                m = s.setdefault("m", np.zeros_like(p))
                v = s.setdefault("v", np.zeros_like(p))
                alpha = lr * math.sqrt(1 - b2 ** t) / (1 - b1 ** t)
                m += (g - m) * (1 - b1)
                v += (g * g - v) * (1 - b2)
                p -= m * alpha / (np.sqrt(v) + eps)
            elif kind == "rmsprop":
                rho, mom, eps = config.get("rho", 0.9), config.get("momentum", 0.0), config.get("epsilon", 1e-7)
                vel = s.setdefault("velocity", np.zeros_like(p))
                vel[:] = rho * vel + (1 - rho) * g * g
                if config.get("centered"):
                    avg = s.setdefault("average", np.zeros_like(p))
                    avg[:] = rho * avg + (1 - rho) * g
                    denominator = vel - avg * avg + eps
                else:
                    denominator = vel + eps
                increment = lr * g / np.sqrt(denominator)
                if mom > 0:
                    u = s.setdefault("momentum", np.zeros_like(p))
                    u[:] = mom * u + increment
                    p -= u
                else:
                    p -= increment
            elif kind == "adagrad":
                eps = config.get("epsilon", 1e-7)
                acc = s.setdefault("accumulator", np.full_like(p, config.get("initial_accumulator_value", 0.1)))
                acc += g * g
                p -= lr * g / np.sqrt(acc + eps)
            else:
                raise ValueError(kind)
        history.append([p.copy() for p in params])
    return history


def keras_optimizer(kind, config, variables, gradient_steps):
    cls = {"sgd": keras.optimizers.SGD, "adam": keras.optimizers.Adam, "adamw": keras.optimizers.AdamW,
           "rmsprop": keras.optimizers.RMSprop, "adagrad": keras.optimizers.Adagrad}[kind]
    optimizer = cls(**config)
    weights = [keras.Variable(v) for v in variables]
    history = []
    for grads in gradient_steps:
        optimizer.apply_gradients([(tf.constant(g), w) for g, w in zip(grads, weights)])
        history.append([w.numpy().copy() for w in weights])
    return history


def make_optimizers():
    rng = np.random.default_rng(11)
    variables = [rng.normal(size=(2, 3)).astype(np.float32), rng.normal(size=(3,)).astype(np.float32)]
    steps = 4
    gradient_steps = [[(rng.normal(size=v.shape) * 1.5).astype(np.float32) for v in variables] for _ in range(steps)]
    cases = [
        ("sgd", {"learning_rate": 0.1}),
        ("sgd", {"learning_rate": 0.1, "momentum": 0.9}),
        ("sgd", {"learning_rate": 0.1, "momentum": 0.9, "nesterov": True}),
        ("sgd", {"learning_rate": 0.1, "momentum": 0.5, "weight_decay": 0.05}),
        ("sgd", {"learning_rate": 0.1, "clipvalue": 0.5}),
        ("sgd", {"learning_rate": 0.1, "clipnorm": 1.0}),
        ("sgd", {"learning_rate": 0.1, "global_clipnorm": 1.0}),
        ("adam", {"learning_rate": 0.01}),
        ("adam", {"learning_rate": 0.05, "beta_1": 0.8, "beta_2": 0.99, "epsilon": 1e-3}),
        ("adamw", {"learning_rate": 0.01}),
        ("adamw", {"learning_rate": 0.05, "weight_decay": 0.1}),
        ("rmsprop", {"learning_rate": 0.01}),
        ("rmsprop", {"learning_rate": 0.01, "momentum": 0.5, "centered": True}),
        ("rmsprop", {"learning_rate": 0.01, "rho": 0.8, "momentum": 0.9}),
        ("rmsprop", {"learning_rate": 0.01, "epsilon": 0.5, "centered": True}),
        ("adagrad", {"learning_rate": 0.1}),
        ("adagrad", {"learning_rate": 0.1, "initial_accumulator_value": 0.5, "weight_decay": 0.01}),
        ("adagrad", {"learning_rate": 0.1, "initial_accumulator_value": 0.0, "epsilon": 0.5}),
    ]
    results = []
    for kind, config in cases:
        reference = np_optimizer(kind, config, variables, gradient_steps)
        history = reference
        if keras is not None:
            history = keras_optimizer(kind, config, variables, gradient_steps)
            for step, (k, n) in enumerate(zip(history, reference)):
                for kv, nv in zip(k, n):
                    check(f"{kind} {config} step {step + 1}", kv, nv)
        results.append({"optimizer": kind, "config": config,
                        "steps": [[floats(v) for v in step] for step in history]})
    return {"shapes": [list(v.shape) for v in variables], "initial": [floats(v) for v in variables],
            "gradients": [[floats(g) for g in step] for step in gradient_steps], "cases": results}


# ------------------------------------------------------------- schedules
STEPS = [0, 1, 2, 5, 9, 10, 11, 25, 50, 99, 100, 101, 150, 1000]


def np_cosine(initial, decay_steps, alpha=0.0, warmup_target=None, warmup_steps=0, step=0):
    def decayed(start, s):
        return start * ((1 - alpha) * 0.5 * (1 + math.cos(math.pi * s / decay_steps)) + alpha)
    if warmup_target is None:
        return decayed(initial, min(step, decay_steps))
    s = min(step, decay_steps + warmup_steps)
    if s < warmup_steps:
        return initial + (warmup_target - initial) * s / warmup_steps
    return decayed(warmup_target, s - warmup_steps)


def np_exponential(initial, decay_steps, decay_rate, staircase, step):
    exponent = step / decay_steps
    return initial * decay_rate ** (math.floor(exponent) if staircase else exponent)


def np_piecewise(boundaries, values, step):
    for boundary, value in zip(boundaries, values):
        if step <= boundary:
            return value
    return values[-1]


def make_schedules():
    keras_cases = [
        ("exponential", {"initial_learning_rate": 0.1, "decay_steps": 10, "decay_rate": 0.5, "staircase": False},
         lambda c, s: np_exponential(c["initial_learning_rate"], c["decay_steps"], c["decay_rate"], c["staircase"], s)),
        ("exponential", {"initial_learning_rate": 0.1, "decay_steps": 10, "decay_rate": 0.5, "staircase": True},
         lambda c, s: np_exponential(c["initial_learning_rate"], c["decay_steps"], c["decay_rate"], c["staircase"], s)),
        ("piecewise", {"boundaries": [10, 100], "values": [0.1, 0.01, 0.001]},
         lambda c, s: np_piecewise(c["boundaries"], c["values"], s)),
        ("cosine", {"initial_learning_rate": 0.1, "decay_steps": 100},
         lambda c, s: np_cosine(c["initial_learning_rate"], c["decay_steps"], step=s)),
        ("cosine", {"initial_learning_rate": 0.1, "decay_steps": 100, "alpha": 0.1},
         lambda c, s: np_cosine(c["initial_learning_rate"], c["decay_steps"], alpha=c["alpha"], step=s)),
        ("cosine", {"initial_learning_rate": 0.0, "decay_steps": 90, "alpha": 0.05, "warmup_target": 0.2, "warmup_steps": 10},
         lambda c, s: np_cosine(c["initial_learning_rate"], c["decay_steps"], c["alpha"], c["warmup_target"], c["warmup_steps"], s)),
    ]
    results = []
    for kind, config, formula in keras_cases:
        reference = [formula(config, s) for s in STEPS]
        values = reference
        if keras is not None:
            cls = {"exponential": keras.optimizers.schedules.ExponentialDecay,
                   "piecewise": keras.optimizers.schedules.PiecewiseConstantDecay,
                   "cosine": keras.optimizers.schedules.CosineDecay}[kind]
            schedule = cls(**config)
            values = [float(schedule(s)) for s in STEPS]
            check(f"schedule {kind} {config}", values, reference)
        results.append({"schedule": kind, "config": config, "source": "keras" if keras else "numpy", "values": values})
    step_config = {"initial_learning_rate": 0.1, "drop_every": 10, "factor": 0.5}
    results.append({"schedule": "step", "config": step_config, "source": "formula",
                    "values": [0.1 * 0.5 ** (s // 10) for s in STEPS]})
    warmup_config = {"warmup_steps": 10, "start": 0.01, "exponential": {"initial_learning_rate": 0.1, "decay_steps": 10, "decay_rate": 0.5}}
    def warmup(s):
        if s < 10:
            return 0.01 + (0.1 - 0.01) * s / 10
        return np_exponential(0.1, 10, 0.5, False, s - 10)
    results.append({"schedule": "linear_warmup", "config": warmup_config, "source": "formula",
                    "values": [warmup(s) for s in STEPS]})
    return {"steps": STEPS, "cases": results}


def write(name, payload):
    payload = {"generator": "make_optimizer_reference.py",
               "keras": keras.__version__ if keras is not None else None, **payload}
    path = os.path.join(HERE, name)
    temporary = path + ".tmp"
    with open(temporary, "w") as handle:
        json.dump(payload, handle, indent=1)
        handle.write("\n")
    os.replace(temporary, path)


if __name__ == "__main__":
    write("losses.json", make_losses())
    write("optimizers.json", make_optimizers())
    write("schedules.json", make_schedules())
    print("wrote losses.json, optimizers.json, schedules.json",
          "(keras " + keras.__version__ + ")" if keras is not None else "(numpy formulas only)")
