"""PyTorch (eager) versions of the benchmark workloads.

W1 article MLP, W2 simple MNIST convnet, W3 inference, W4 peak RSS while
training W1; prints one JSON line. Idiomatic eager PyTorch: nn.Sequential,
Adam, CrossEntropyLoss on logits, manual batching over in-memory float tensors
with a fresh permutation each epoch, running loss/accuracy tracked per step
as Keras's fit does."""
import time

import benchutil as bu

T_IMPORT = time.perf_counter()
import numpy as np  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402
IMPORT_S = time.perf_counter() - T_IMPORT


def article_mlp():
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))


def simple_convnet():
    return nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Dropout(0.5), nn.Linear(1600, 10))


def train_and_evaluate(model, x, y, x_test, y_test, epochs, batch, verbose):
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    seconds, foreign = [], []
    whole = bu.Interval()
    for epoch in range(epochs):
        interval = bu.Interval()
        model.train()
        perm = torch.randperm(len(x))
        loss_sum, correct = 0.0, 0
        for i in range(0, len(x), batch):
            idx = perm[i:i + batch]
            xb, yb = x[idx], y[idx]
            optimizer.zero_grad()
            logits = model(xb)
            loss = loss_fn(logits, yb)
            loss.backward()
            optimizer.step()
            loss_sum += loss.item() * len(idx)
            correct += (logits.argmax(1) == yb).sum().item()
        wall, _, frac = interval.finish()
        seconds.append(wall)
        foreign.append(frac)
        if verbose:
            print(f"epoch {epoch + 1}: {wall:.2f}s loss {loss_sum / len(x):.4f} acc {correct / len(x):.4f}", flush=True)
    wall, cpu, frac = whole.finish()
    model.eval()
    with torch.inference_mode():
        logits = torch.cat([model(x_test[i:i + 1000]) for i in range(0, len(x_test), 1000)])
        test_loss = loss_fn(logits, y_test).item()
        accuracy = (logits.argmax(1) == y_test).float().mean().item()
    return {"epochs": epochs, "batch_size": batch, "train_examples": len(x),
            "steps_per_epoch": -(-len(x) // batch), "epoch_seconds": seconds, "epoch_foreign_frac": foreign,
            "epoch_median_s": bu.steady_median(seconds), "fit_seconds": wall, "fit_cpu_seconds": cpu,
            "fit_foreign_frac": frac, "test_accuracy": accuracy, "test_loss": test_loss}


def throughput(model, x, passes):
    model.eval()
    interval = bu.Interval()
    times = []
    with torch.inference_mode():
        for p in range(passes + 1):
            t = time.perf_counter()
            for i in range(0, len(x), 1000):
                model(x[i:i + 1000])
            if p:
                times.append(time.perf_counter() - t)
    return {"images_per_s": len(x) / float(np.median(times)), "foreign_frac": interval.finish()[2]}


def batch_one_latency(model, x, calls):
    model.eval()
    interval = bu.Interval()
    micros = []
    with torch.inference_mode():
        for i in range(50):
            model(x[i:i + 1])
        for i in range(calls):
            j = i % len(x)
            t = time.perf_counter_ns()
            model(x[j:j + 1])
            micros.append((time.perf_counter_ns() - t) / 1000)
    out = bu.latency_summary(micros)
    out["foreign_frac"] = interval.finish()[2]
    return out


def main():
    args = bu.parse_args(__doc__)
    started = bu.Interval()
    torch.manual_seed(args.seed)
    x_train, y_train, x_test, y_test = bu.load_fashion(args.data)
    x_train = torch.from_numpy(x_train.astype("float32") / 255)
    x_test = torch.from_numpy(x_test.astype("float32") / 255)
    y_train = torch.from_numpy(y_train.astype("int64"))
    y_test = torch.from_numpy(y_test.astype("int64"))
    infer_x = x_test[:args.infer_limit] if args.infer_limit else x_test
    chosen = set(args.workloads.split(","))
    result = {"framework": "torch", "import_s": IMPORT_S, "rss_after_load_mib": bu.peak_rss_mib()}

    if "mlp" in chosen:
        n = args.mlp_train_limit or len(x_train)
        model = article_mlp()
        mlp = train_and_evaluate(model, x_train[:n], y_train[:n], x_test, y_test, args.mlp_epochs, 32, args.verbose)
        mlp["peak_rss_mib"] = bu.peak_rss_mib()
        mlp["infer_b1000"] = throughput(model, infer_x, args.infer_passes)
        mlp["latency_b1"] = batch_one_latency(model, x_test[:1000], args.lat_calls)
        result["mlp"] = mlp
    if "convnet" in chosen:
        n = args.conv_train_limit or len(x_train)
        model = simple_convnet()
        conv = train_and_evaluate(model, x_train[:n, None], y_train[:n], x_test[:, None], y_test,
                                  args.conv_epochs, 128, args.verbose)
        conv["infer_b1000"] = throughput(model, infer_x[:, None], args.infer_passes)
        result["convnet"] = conv
    if "gpt" in chosen:
        import torch_gpt_workloads
        result["gpt"] = torch_gpt_workloads.measure(args.seed)
    if "lstm" in chosen:
        import torch_lstm_workloads
        result["lstm"] = torch_lstm_workloads.measure(args.seed)

    result["peak_rss_mib"] = bu.peak_rss_mib()
    wall, _, foreign = started.finish()
    result.update(wall_s=wall, foreign_frac=foreign)
    result["versions"] = {"torch": torch.__version__, "numpy": np.__version__,
                          "cpu_capability": torch.backends.cpu.get_cpu_capability()}
    result["threads"] = {"torch_num_threads": torch.get_num_threads(),
                         "torch_interop_threads": torch.get_num_interop_threads(),
                         "os_threads": bu.os_thread_count()}
    bu.emit(result)


if __name__ == "__main__":
    main()
