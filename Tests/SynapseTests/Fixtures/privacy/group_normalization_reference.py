"""Reference output of Keras's GroupNormalization for GroupNormalizationTests
in PrivacyPerExampleTests.swift: input x[i] = sin(0.37 i) of shape
[2, 3, 2, 4], 2 groups, epsilon 1e-3, gamma 1.5, beta -0.25 on every channel.

    KERAS_BACKEND=torch python group_normalization_reference.py
"""
import numpy as np
import keras

x = np.sin(0.37 * np.arange(48, dtype=np.float64)).reshape(2, 3, 2, 4).astype(np.float32)
layer = keras.layers.GroupNormalization(groups=2, epsilon=1e-3,
                                        gamma_initializer=keras.initializers.Constant(1.5),
                                        beta_initializer=keras.initializers.Constant(-0.25))
y = np.asarray(keras.ops.convert_to_numpy(layer(x)))
print("[" + ", ".join(f"{v:.7g}" for v in y.reshape(-1)) + "]")
