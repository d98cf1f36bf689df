"""Keras's ReduceLROnPlateau on a fixed sequence of losses: the learning
rate after each epoch, which TrainingGuardTests expects from Synapse's.

    python reduce_lr_on_plateau.py   # prints the rates
"""
import os

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
import keras

model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1)])
model.compile(optimizer=keras.optimizers.SGD(learning_rate=1.0), loss="mse")
callback = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=2, cooldown=1, min_lr=0.2)
callback.set_model(model)
callback.on_train_begin()
rates = []
for epoch, loss in enumerate([1.0, 0.9, 0.9, 0.95, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9]):
    callback.on_epoch_end(epoch, {"loss": loss})
    rates.append(round(float(model.optimizer.learning_rate.numpy()), 6))
print(rates)
