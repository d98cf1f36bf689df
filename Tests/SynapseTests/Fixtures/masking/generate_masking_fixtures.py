"""Reference values for MaskingFixtureTests: Keras 3 models whose first layer
is Embedding(mask_zero=True), so that the mask flows through the model.

    Embedding -> LSTM(return_sequences=True) -> GRU -> Dense
    Embedding -> GlobalAveragePooling1D -> Dense
    Embedding -> Bidirectional(LSTM(return_sequences=True))
    Embedding -> Bidirectional(GRU)
    Embedding -> MultiHeadAttention (self-attention) -> GlobalAveragePooling1D -> Dense
                 (a functional model; the pool leaves out the padded queries)

Padded id sequences have zeros at the end, in the middle and at the start.
For each model the script stores the outputs of keras.Sequential (the mask
propagated by Keras itself), and the gradients of the loss
sum(output * upstream) with respect to every weight and to the embedding's
output (the recurrent layer's or pool's input). The gradients come from the
same layers called one by one with the mask passed by hand (so the embedding
output can be watched); the script asserts that this matches the Sequential
model's output. Weights are set deterministically (uniform in +-0.5 from a
seeded generator) and stored in Keras's layout and order. Computed in
float64; run with
    python generate_masking_fixtures.py > masking_fixtures.json
(TensorFlow's Keras 3; Keras 3.15 when this was written).
"""
import json
import os

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

keras.config.set_floatx("float64")
rng = np.random.default_rng(0)

VOCABULARY, WIDTH = 7, 4
IDS = np.array([[3, 1, 4, 1, 5, 0],
                [2, 6, 0, 0, 0, 0],
                [5, 0, 3, 0, 6, 2],
                [0, 0, 1, 2, 3, 4]], dtype="int64")


def values(array):
    array = np.asarray(array, dtype="float64")
    return {"shape": list(array.shape), "values": [float(v) for v in array.reshape(-1)]}


def set_weights(layers):
    weights = {}
    for index, layer in enumerate(layers):
        for position, variable in enumerate(layer.weights):
            value = rng.uniform(-0.5, 0.5, size=tuple(variable.shape))
            variable.assign(value)
            weights[f"{index}.{position}"] = value
    return weights


def case(name, make_layers, functional=False):
    layers = make_layers()
    inputs = keras.Input(shape=(IDS.shape[1],), dtype="int64")
    if functional:
        hidden = layers[0](inputs)
        hidden = layers[1](hidden, hidden)
        for layer in layers[2:]:
            hidden = layer(hidden)
        model = keras.Model(inputs, hidden)
    else:
        model = keras.Sequential([inputs] + layers)
    weights = set_weights(layers)
    output = model(IDS)
    upstream = rng.uniform(-1, 1, size=tuple(output.shape))

    with tf.GradientTape() as tape:
        mask = layers[0].compute_mask(IDS)
        embedded = layers[0](IDS)
        tape.watch(embedded)
        hidden = embedded
        for layer in layers[1:]:
            if isinstance(layer, keras.layers.MultiHeadAttention):
                next_mask = mask
                hidden = layer(hidden, hidden, query_mask=mask, value_mask=mask)
            else:
                next_mask = layer.compute_mask(hidden, mask) if layer.supports_masking else None
                hidden = layer(hidden, mask=mask) if mask is not None and layer.supports_masking else layer(hidden)
            mask = next_mask
        loss = tf.reduce_sum(hidden * upstream)
    np.testing.assert_allclose(np.array(hidden), np.array(output), rtol=1e-12, atol=1e-12)
    variables = [v for layer in layers for v in layer.weights]
    gradients = tape.gradient(loss, [embedded] + variables)
    names = [f"{index}.{position}" for index, layer in enumerate(layers) for position in range(len(layer.weights))]
    return {
        "name": name, "ids": values(IDS), "upstream": values(upstream), "output": values(output),
        "embedding_output_gradient": values(gradients[0]),
        "weights": {key: values(value) for key, value in weights.items()},
        "weight_gradients": {key: values(np.array(tf.convert_to_tensor(g))) for key, g in zip(names, gradients[1:])},
    }


def embedding():
    return keras.layers.Embedding(VOCABULARY, WIDTH, mask_zero=True)


cases = [
    case("lstm_gru_dense", lambda: [embedding(), keras.layers.LSTM(5, return_sequences=True),
                                    keras.layers.GRU(3), keras.layers.Dense(2)]),
    case("average_pool_dense", lambda: [embedding(), keras.layers.GlobalAveragePooling1D(), keras.layers.Dense(2)]),
    case("bidirectional_lstm_sequences",
         lambda: [embedding(), keras.layers.Bidirectional(keras.layers.LSTM(3, return_sequences=True))]),
    case("bidirectional_gru_last", lambda: [embedding(), keras.layers.Bidirectional(keras.layers.GRU(3))]),
    # A functional model: Keras's MultiHeadAttention takes the query and the value.
    case("attention_average_pool_dense",
         lambda: [embedding(), keras.layers.MultiHeadAttention(num_heads=2, key_dim=3),
                  keras.layers.GlobalAveragePooling1D(), keras.layers.Dense(2)], functional=True),
]
print(json.dumps({"generator": "generate_masking_fixtures.py", "keras": keras.__version__, "cases": cases}))
