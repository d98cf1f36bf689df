"""Reference values for a two-input, two-output functional model in Keras 3.

Run with the peers venv (TensorFlow backend):
    /work/.venv-peers/bin/python generate_multi_io_fixtures.py
It writes multi_io_fixtures.json beside this file, read by
Tests/SynapseTests/FunctionalMultiIOFixtureTests.swift.

The model: a = Input([4]), b = Input([3]);
dense_a = Dense(5, relu)(a), dense_b = Dense(5, tanh)(b),
joined = Concatenate()([dense_a, dense_b]);
outputs score = Dense(1)(joined), classes = Dense(3, softmax)(joined).
Compiled with SGD(learning_rate=0.1), losses [mse, sparse categorical
cross-entropy], loss weights [0.5, 2.0], metrics {classes: accuracy}.
Weights and data are fixed formulas (no random draws). Recorded: the
evaluation before and after one SGD step on the whole batch (train_on_batch,
8 examples), the weights after the step and the predictions after it.
"""
import json
import os

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras
import numpy as np

EXAMPLES = 8


def pattern(shape, offset, scale):
    count = int(np.prod(shape))
    return (scale * np.sin(np.arange(count, dtype=np.float64) * 0.7 + offset)).reshape(shape).astype(np.float32)


def build():
    a = keras.Input(shape=(4,), name="a")
    b = keras.Input(shape=(3,), name="b")
    dense_a = keras.layers.Dense(5, activation="relu", name="dense_a")(a)
    dense_b = keras.layers.Dense(5, activation="tanh", name="dense_b")(b)
    joined = keras.layers.Concatenate(name="concatenate")([dense_a, dense_b])
    score = keras.layers.Dense(1, name="score")(joined)
    classes = keras.layers.Dense(3, activation="softmax", name="classes")(joined)
    return keras.Model([a, b], [score, classes])


LAYERS = [("dense_a", (4, 5)), ("dense_b", (3, 5)), ("score", (10, 1)), ("classes", (10, 3))]


def initial_weights():
    weights = {}
    for index, (name, shape) in enumerate(LAYERS):
        weights[name + ".kernel"] = pattern(shape, offset=1.0 + index, scale=0.5)
        weights[name + ".bias"] = pattern((shape[1],), offset=0.3 * index, scale=0.1)
    return weights


def layer_weights(model):
    weights = {}
    for name, _ in LAYERS:
        kernel, bias = model.get_layer(name).get_weights()
        weights[name + ".kernel"] = kernel
        weights[name + ".bias"] = bias
    return weights


def flat(array):
    return {"shape": list(np.shape(array)), "values": [float(v) for v in np.asarray(array, dtype=np.float64).ravel()]}


def main():
    model = build()
    weights = initial_weights()
    for name, _ in LAYERS:
        model.get_layer(name).set_weights([weights[name + ".kernel"], weights[name + ".bias"]])
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1),
                  loss=["mse", "sparse_categorical_crossentropy"], loss_weights=[0.5, 2.0],
                  metrics={"classes": ["accuracy"]})
    xa = pattern((EXAMPLES, 4), offset=0.1, scale=1.5)
    xb = pattern((EXAMPLES, 3), offset=2.0, scale=1.0)
    ya = pattern((EXAMPLES, 1), offset=0.5, scale=2.0)
    yb = np.array([0, 1, 2, 1, 0, 2, 2, 1], dtype=np.float32)
    before = model.evaluate([xa, xb], [ya, yb], batch_size=EXAMPLES, verbose=0, return_dict=True)
    predictions_before = model.predict([xa, xb], batch_size=EXAMPLES, verbose=0)
    model.train_on_batch([xa, xb], [ya, yb])
    after = model.evaluate([xa, xb], [ya, yb], batch_size=EXAMPLES, verbose=0, return_dict=True)
    predictions_after = model.predict([xa, xb], batch_size=EXAMPLES, verbose=0)
    fixture = {
        "keras_version": keras.__version__,
        "learning_rate": 0.1,
        "loss_weights": [0.5, 2.0],
        "inputs": {"a": flat(xa), "b": flat(xb)},
        "targets": {"score": flat(ya), "classes": flat(yb)},
        "initial_weights": {name: flat(value) for name, value in weights.items()},
        "evaluation_before": {name: float(value) for name, value in before.items()},
        "predictions_before": {"score": flat(predictions_before[0]), "classes": flat(predictions_before[1])},
        "weights_after_step": {name: flat(value) for name, value in layer_weights(model).items()},
        "evaluation_after": {name: float(value) for name, value in after.items()},
        "predictions_after": {"score": flat(predictions_after[0]), "classes": flat(predictions_after[1])},
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "multi_io_fixtures.json")
    with open(path, "w") as handle:
        json.dump(fixture, handle, indent=1)
        handle.write("\n")
    print("wrote", path, "evaluation before:", before, "after:", after)


if __name__ == "__main__":
    main()
