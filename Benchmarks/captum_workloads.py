"""Captum's side of W6: integrated gradients (50 steps, Gauss-Legendre, zero
baseline, the predicted class, Captum's defaults otherwise) for the first 100
test images on the simple MNIST convnet trained as in W2 (torch_workloads.py's
model and training loop). One untimed warm-up run, then 3 timed runs; the
median counts. Prints one JSON line, as the other workload scripts."""
import time

import benchutil as bu

T_IMPORT = time.perf_counter()
import numpy as np  # noqa: E402
import torch  # noqa: E402
import captum  # noqa: E402
from captum.attr import IntegratedGradients  # noqa: E402
import torch_workloads as tw  # noqa: E402
IMPORT_S = time.perf_counter() - T_IMPORT


def integrated_gradients_timing(model, x, passes=3):
    model.eval()
    ig = IntegratedGradients(model)
    seconds, worst = [], 0.0
    interval = bu.Interval()
    for p in range(passes + 1):
        start = time.perf_counter()
        with torch.no_grad():
            target = model(x).argmax(1)
        _, delta = ig.attribute(x, target=target, n_steps=50, method="gausslegendre", return_convergence_delta=True)
        if p:
            seconds.append(time.perf_counter() - start)
        worst = float(delta.abs().max())
    return {"seconds": float(np.median(seconds)), "pass_seconds": seconds, "images": len(x), "steps": 50,
            "max_abs_delta": worst, "foreign_frac": interval.finish()[2]}


def main():
    args = bu.parse_args(__doc__)
    started = bu.Interval()
    torch.manual_seed(args.seed)
    x_train, y_train, x_test, y_test = bu.load_fashion(args.data)
    x_train = torch.from_numpy(x_train.astype("float32") / 255)[:, None]
    x_test = torch.from_numpy(x_test.astype("float32") / 255)[:, None]
    y_train = torch.from_numpy(y_train.astype("int64"))
    y_test = torch.from_numpy(y_test.astype("int64"))
    n = args.conv_train_limit or len(x_train)
    model = tw.simple_convnet()
    conv = tw.train_and_evaluate(model, x_train[:n], y_train[:n], x_test, y_test, args.conv_epochs, 128, args.verbose)
    result = {"framework": "captum", "import_s": IMPORT_S, "convnet": {"test_accuracy": conv["test_accuracy"]},
              "ig": integrated_gradients_timing(model, x_test[:100])}
    result["peak_rss_mib"] = bu.peak_rss_mib()
    wall, _, foreign = started.finish()
    result.update(wall_s=wall, foreign_frac=foreign)
    result["versions"] = {"torch": torch.__version__, "captum": captum.__version__}
    result["threads"] = {"torch_num_threads": torch.get_num_threads(), "os_threads": bu.os_thread_count()}
    bu.emit(result)


if __name__ == "__main__":
    main()
