"""Generates conv_fixtures.json: forward values of Keras layers, the
reference for ConvFixtureTests.swift.

Run with TensorFlow/Keras installed:
    python generate_conv_fixtures.py
Inputs and weights are drawn from a seeded numpy generator and stored in the
JSON next to the outputs Keras computed, so the Swift tests need no Python.
"""
import json
import os
import tempfile

import numpy as np
import tensorflow as tf
import keras

rng = np.random.default_rng(20240501)


def tensor(array):
    array = np.asarray(array, dtype=np.float32)
    return {"shape": list(array.shape), "values": [float(v) for v in array.ravel()]}


def pair(value):
    return [int(v) for v in np.broadcast_to(value, 2)]


def uniform(shape, low=-1.0, high=1.0):
    return rng.uniform(low, high, size=shape).astype(np.float32)


cases = []


def add_case(name, layer, input_shape, config, training=False, weight_names=(), extra=None):
    x = uniform(input_shape)
    layer.build(x.shape)
    weights = [uniform(w.shape) for w in layer.get_weights()]
    if weight_names and weight_names[-1] == "moving_variance":
        weights[-1] = np.abs(weights[-1]) + 0.5
    layer.set_weights(weights)
    y = layer(tf.constant(x), training=training).numpy()
    case = {"name": name, "layer": type(layer).__name__, "config": config, "training": training,
            "input": tensor(x), "weights": {n: tensor(w) for n, w in zip(weight_names, weights)},
            "output": tensor(y)}
    if extra:
        case.update(extra(layer))
    cases.append(case)


def conv(name, input_shape, filters, kernel, strides=1, padding="valid", dilation=1, activation=None):
    layer = keras.layers.Conv2D(filters, kernel, strides=strides, padding=padding, dilation_rate=dilation,
                                activation=activation)
    config = {"filters": filters, "kernel_size": pair(kernel), "strides": pair(strides),
              "padding": padding, "dilation_rate": pair(dilation), "activation": activation or "linear"}
    add_case(name, layer, input_shape, config, weight_names=("kernel", "bias"))


conv("conv_valid_s1_1ch", [2, 5, 7, 1], 2, 3)
conv("conv_same_s2_3ch", [2, 5, 7, 3], 4, 3, strides=2, padding="same")
conv("conv_same_s1_rect", [1, 5, 7, 3], 2, (2, 3), padding="same")
conv("conv_valid_s2_3ch", [1, 7, 7, 3], 2, 3, strides=2)
conv("conv_same_s2_even_kernel", [1, 6, 7, 2], 3, 2, strides=2, padding="same")
conv("conv_same_dilated", [1, 7, 7, 1], 2, 3, padding="same", dilation=2)
conv("conv_valid_dilated_rect", [2, 5, 7, 3], 2, (2, 3), dilation=(2, 2))
conv("conv_same_relu", [2, 5, 7, 3], 3, 3, padding="same", activation="relu")
conv("conv_pointwise", [2, 5, 7, 3], 4, 1)


def pool(name, kind, input_shape, pool_size, strides=None, padding="valid"):
    cls = keras.layers.MaxPooling2D if kind == "max" else keras.layers.AveragePooling2D
    layer = cls(pool_size, strides=strides, padding=padding)
    config = {"pool_size": pair(pool_size),
              "strides": pair(strides if strides is not None else pool_size), "padding": padding}
    add_case(name, layer, input_shape, config)


pool("max_valid_2", "max", [2, 5, 7, 3], 2)
pool("max_same_2", "max", [2, 5, 7, 1], 2, padding="same")
pool("max_same_3_s2", "max", [1, 5, 7, 3], 3, strides=2, padding="same")
pool("max_valid_3_s1", "max", [1, 5, 7, 2], 3, strides=1)
pool("avg_valid_2", "avg", [2, 5, 7, 3], 2)
pool("avg_same_3_s2", "avg", [1, 5, 7, 3], 3, strides=2, padding="same")
pool("avg_same_2", "avg", [2, 5, 7, 1], 2, padding="same")

add_case("global_average", keras.layers.GlobalAveragePooling2D(), [2, 5, 7, 3], {})


def depthwise(name, input_shape, kernel, strides=1, padding="valid", multiplier=1, dilation=1):
    layer = keras.layers.DepthwiseConv2D(kernel, strides=strides, padding=padding, depth_multiplier=multiplier,
                                         dilation_rate=dilation)
    config = {"kernel_size": pair(kernel), "strides": pair(strides),
              "padding": padding, "depth_multiplier": multiplier, "dilation_rate": pair(dilation)}
    add_case(name, layer, input_shape, config, weight_names=("kernel", "bias"))


depthwise("depthwise_same_s2_m2", [1, 5, 7, 3], 3, strides=2, padding="same", multiplier=2)
depthwise("depthwise_valid_dilated", [2, 5, 7, 3], 2, dilation=2)


def transpose(name, input_shape, filters, kernel, strides=1, padding="valid"):
    layer = keras.layers.Conv2DTranspose(filters, kernel, strides=strides, padding=padding)
    config = {"filters": filters, "kernel_size": pair(kernel),
              "strides": pair(strides), "padding": padding}
    add_case(name, layer, input_shape, config, weight_names=("kernel", "bias"))


transpose("transpose_same_s2", [1, 3, 4, 2], 3, 3, strides=2, padding="same")
transpose("transpose_valid_s2", [2, 3, 4, 2], 2, 3, strides=2)
transpose("transpose_valid_k2_s2", [1, 3, 3, 1], 2, 2, strides=2)
transpose("transpose_same_s1_rect", [1, 5, 7, 3], 2, (2, 3), padding="same")

bn_names = ("gamma", "beta", "moving_mean", "moving_variance")


def bn_stats(layer):
    return {"moving_mean_after": tensor(layer.moving_mean.numpy()),
            "moving_variance_after": tensor(layer.moving_variance.numpy())}


add_case("batch_norm_training", keras.layers.BatchNormalization(), [4, 3, 5, 2],
         {"momentum": 0.99, "epsilon": 1e-3}, training=True, weight_names=bn_names, extra=bn_stats)
add_case("batch_norm_training_momentum", keras.layers.BatchNormalization(momentum=0.5, epsilon=1e-2), [6, 3],
         {"momentum": 0.5, "epsilon": 1e-2}, training=True, weight_names=bn_names, extra=bn_stats)
add_case("batch_norm_inference", keras.layers.BatchNormalization(), [2, 3, 5, 2],
         {"momentum": 0.99, "epsilon": 1e-3}, training=False, weight_names=bn_names, extra=bn_stats)
add_case("layer_norm", keras.layers.LayerNormalization(epsilon=1e-3), [2, 3, 5], {"epsilon": 1e-3},
         weight_names=("gamma", "beta"))
add_case("zero_padding", keras.layers.ZeroPadding2D(((1, 2), (0, 3))), [2, 3, 4, 2], {"padding": [1, 2, 0, 3]})
add_case("upsampling", keras.layers.UpSampling2D((2, 3)), [2, 3, 4, 2], {"size": [2, 3]})

document = {"generator": f"tensorflow {tf.__version__}, keras {keras.__version__}, numpy {np.__version__}",
            "script": "generate_conv_fixtures.py", "cases": cases}
target = os.path.join(os.path.dirname(os.path.abspath(__file__)), "conv_fixtures.json")
handle, temporary = tempfile.mkstemp(dir=os.path.dirname(target))
try:
    with os.fdopen(handle, "w") as out:
        json.dump(document, out)
    os.chmod(temporary, 0o644)
    os.replace(temporary, target)
except BaseException:
    os.unlink(temporary)
    raise
print(f"wrote {len(cases)} cases to {target}")
