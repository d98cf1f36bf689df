"""Keras 3 (TensorFlow backend) versions of the benchmark workloads.

W1 article MLP, W2 simple MNIST convnet, W3 inference, W4 peak RSS while
training W1; prints one JSON line. Idiomatic Keras: fit/evaluate/predict on
float32 numpy arrays scaled to [0, 1], compile defaults otherwise."""
import time

import benchutil as bu

T_IMPORT = time.perf_counter()
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import keras  # noqa: E402
IMPORT_S = time.perf_counter() - T_IMPORT


class EpochTimer(keras.callbacks.Callback):
    """Wall time and foreign CPU share of each epoch."""

    def __init__(self):
        super().__init__()
        self.seconds, self.foreign = [], []

    def on_epoch_begin(self, epoch, logs=None):
        self.interval = bu.Interval()

    def on_epoch_end(self, epoch, logs=None):
        wall, _, foreign = self.interval.finish()
        self.seconds.append(wall)
        self.foreign.append(foreign)


def article_mlp():
    return keras.Sequential([
        keras.Input((28, 28)),
        keras.layers.Flatten(),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ])


def simple_convnet():
    return keras.Sequential([
        keras.Input((28, 28, 1)),
        keras.layers.Conv2D(32, 3, activation="relu"),
        keras.layers.MaxPooling2D(2),
        keras.layers.Conv2D(64, 3, activation="relu"),
        keras.layers.MaxPooling2D(2),
        keras.layers.Flatten(),
        keras.layers.Dropout(0.5),
        keras.layers.Dense(10, activation="softmax"),
    ])


def train_and_evaluate(model, x, y, x_test, y_test, epochs, batch, verbose):
    model.compile(optimizer=keras.optimizers.Adam(1e-3),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    timer = EpochTimer()
    whole = bu.Interval()
    model.fit(x, y, batch_size=batch, epochs=epochs, shuffle=True, verbose=verbose, callbacks=[timer])
    wall, cpu, foreign = whole.finish()
    loss, accuracy = model.evaluate(x_test, y_test, batch_size=1000, verbose=0)
    return {"epochs": epochs, "batch_size": batch, "train_examples": len(x),
            "steps_per_epoch": -(-len(x) // batch), "epoch_seconds": timer.seconds,
            "epoch_foreign_frac": timer.foreign, "epoch_median_s": bu.steady_median(timer.seconds),
            "fit_seconds": wall, "fit_cpu_seconds": cpu, "fit_foreign_frac": foreign,
            "test_accuracy": float(accuracy), "test_loss": float(loss),
            "jit_compile": str(getattr(model, "jit_compile", "n/a"))}


def median_pass(run, passes):
    run()  # warm-up
    times = []
    for _ in range(passes):
        t = time.perf_counter()
        run()
        times.append(time.perf_counter() - t)
    return float(np.median(times))


def throughput(model, x, passes):
    """Direct calls in batches of 1000 and model.predict(batch_size=1000), images/s."""
    interval = bu.Interval()

    def direct():
        for i in range(0, len(x), 1000):
            model(x[i:i + 1000], training=False)
    direct_s = median_pass(direct, passes)
    predict_s = median_pass(lambda: model.predict(x, batch_size=1000, verbose=0), passes)
    return {"images_per_s": len(x) / direct_s, "predict_images_per_s": len(x) / predict_s,
            "foreign_frac": interval.finish()[2]}


def batch_one_latency(model, x, calls):
    interval = bu.Interval()
    for i in range(50):
        model(x[i:i + 1], training=False)
    micros = []
    for i in range(calls):
        j = i % len(x)
        t = time.perf_counter_ns()
        model(x[j:j + 1], training=False)
        micros.append((time.perf_counter_ns() - t) / 1000)
    out = bu.latency_summary(micros)
    out["foreign_frac"] = interval.finish()[2]
    return out


def main():
    args = bu.parse_args(__doc__)
    started = bu.Interval()
    keras.utils.set_random_seed(args.seed)
    x_train, y_train, x_test, y_test = bu.load_fashion(args.data)
    x_train = x_train.astype("float32") / 255
    x_test = x_test.astype("float32") / 255
    infer_x = x_test[:args.infer_limit] if args.infer_limit else x_test
    chosen = set(args.workloads.split(","))
    result = {"framework": "keras", "import_s": IMPORT_S, "rss_after_load_mib": bu.peak_rss_mib()}

    if "mlp" in chosen:
        n = args.mlp_train_limit or len(x_train)
        model = article_mlp()
        mlp = train_and_evaluate(model, x_train[:n], y_train[:n], x_test, y_test,
                                 args.mlp_epochs, 32, args.verbose)
        mlp["peak_rss_mib"] = bu.peak_rss_mib()
        mlp["infer_b1000"] = throughput(model, infer_x, args.infer_passes)
        mlp["latency_b1"] = batch_one_latency(model, x_test[:1000], args.lat_calls)
        result["mlp"] = mlp
    if "convnet" in chosen:
        n = args.conv_train_limit or len(x_train)
        model = simple_convnet()
        conv = train_and_evaluate(model, x_train[:n, :, :, None], y_train[:n], x_test[:, :, :, None], y_test,
                                  args.conv_epochs, 128, args.verbose)
        conv["infer_b1000"] = throughput(model, infer_x[:, :, :, None], args.infer_passes)
        result["convnet"] = conv

    result["peak_rss_mib"] = bu.peak_rss_mib()
    wall, _, foreign = started.finish()
    result.update(wall_s=wall, foreign_frac=foreign)
    result["versions"] = {"tensorflow": tf.__version__, "keras": keras.__version__, "numpy": np.__version__,
                          "backend": keras.backend.backend()}
    result["threads"] = {"tf_intra_op": tf.config.threading.get_intra_op_parallelism_threads(),
                         "tf_inter_op": tf.config.threading.get_inter_op_parallelism_threads(),
                         "os_threads": bu.os_thread_count()}
    bu.emit(result)


if __name__ == "__main__":
    main()
