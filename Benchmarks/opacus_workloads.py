"""Opacus version of W5: the article's MLP on Fashion-MNIST trained with
DP-SGD at batch 256 (Poisson sampling, sample rate 1/235), max_grad_norm 1,
the noise multiplier that spends the target epsilon (default 3) at delta
1e-5 over the epochs (default 10) by Opacus's RDP accountant, plain SGD
(lr 0.5); then two non-private epochs of the same model at batch 256 for
the ratio. Prints one JSON line; accepts (and ignores) the other workloads'
options, like the peers' scripts."""
import time

import benchutil as bu

T_IMPORT = time.perf_counter()
import numpy as np  # noqa: E402
import opacus  # noqa: E402
import torch  # noqa: E402
from opacus import PrivacyEngine  # noqa: E402
from torch import nn  # noqa: E402
from torch.utils.data import DataLoader, TensorDataset  # noqa: E402
from torch_workloads import article_mlp  # noqa: E402
IMPORT_S = time.perf_counter() - T_IMPORT

DELTA = 1e-5
BATCH = 256


def run_epochs(model, optimizer, loader, epochs, verbose, engine=None):
    loss_fn = nn.CrossEntropyLoss()
    seconds, foreign, epsilons = [], [], []
    for epoch in range(epochs):
        interval = bu.Interval()
        model.train()
        loss_sum, correct, seen = 0.0, 0, 0
        for xb, yb in loader:
            if len(xb) == 0:  # an empty Poisson batch: Opacus still steps with noise only
                optimizer.zero_grad()
                optimizer.step()
                continue
            optimizer.zero_grad()
            logits = model(xb)
            loss = loss_fn(logits, yb)
            loss.backward()
            optimizer.step()
            loss_sum += loss.item() * len(xb)
            correct += (logits.argmax(1) == yb).sum().item()
            seen += len(xb)
        wall, _, frac = interval.finish()
        seconds.append(wall)
        foreign.append(frac)
        if engine is not None:
            epsilons.append(engine.get_epsilon(DELTA))
        if verbose:
            eps = f" epsilon {epsilons[-1]:.4f}" if epsilons else ""
            print(f"epoch {epoch + 1}: {wall:.2f}s loss {loss_sum / max(seen, 1):.4f} "
                  f"acc {correct / max(seen, 1):.4f}{eps}", flush=True)
    return seconds, foreign, epsilons


def evaluate(model, x_test, y_test):
    model.eval()
    with torch.inference_mode():
        logits = torch.cat([model(x_test[i:i + 1000]) for i in range(0, len(x_test), 1000)])
        loss = nn.CrossEntropyLoss()(logits, y_test).item()
        accuracy = (logits.argmax(1) == y_test).float().mean().item()
    return loss, accuracy


def private_workload(x, y, x_test, y_test, args):
    model = article_mlp()
    optimizer = torch.optim.SGD(model.parameters(), lr=args.dp_learning_rate)
    loader = DataLoader(TensorDataset(x, y), batch_size=BATCH, shuffle=True)
    engine = PrivacyEngine(accountant="rdp")
    model, optimizer, loader = engine.make_private_with_epsilon(
        module=model, optimizer=optimizer, data_loader=loader, target_epsilon=args.dp_target_epsilon,
        target_delta=DELTA, epochs=args.dp_epochs, max_grad_norm=1.0)
    whole = bu.Interval()
    seconds, foreign, epsilons = run_epochs(model, optimizer, loader, args.dp_epochs, args.verbose, engine)
    wall, cpu, _ = whole.finish()
    test_loss, accuracy = evaluate(model, x_test, y_test)

    plain = article_mlp()
    plain_optimizer = torch.optim.SGD(plain.parameters(), lr=args.dp_learning_rate)
    plain_loader = DataLoader(TensorDataset(x, y), batch_size=BATCH, shuffle=True)
    plain_seconds, _, _ = run_epochs(plain, plain_optimizer, plain_loader, 2, args.verbose)
    return {"epochs": args.dp_epochs, "batch_size": BATCH, "train_examples": len(x),
            "target_epsilon": args.dp_target_epsilon, "delta": DELTA, "max_grad_norm": 1.0,
            "learning_rate": args.dp_learning_rate, "noise_multiplier": optimizer.noise_multiplier,
            "sample_rate": 1 / len(loader), "epsilon": epsilons[-1] if epsilons else None,
            "epsilon_per_epoch": epsilons, "accountant": "opacus rdp", "epoch_seconds": seconds,
            "epoch_foreign_frac": foreign, "epoch_median_s": bu.steady_median(seconds), "fit_seconds": wall,
            "fit_cpu_seconds": cpu, "test_accuracy": accuracy, "test_loss": test_loss,
            "nonprivate_epoch_seconds": plain_seconds, "nonprivate_epoch_median_s": bu.steady_median(plain_seconds)}


def main():
    args = bu.parse_args(__doc__)
    started = bu.Interval()
    torch.manual_seed(args.seed)
    x_train, y_train, x_test, y_test = bu.load_fashion(args.data)
    n = args.dp_train_limit or len(x_train)
    x_train = torch.from_numpy(x_train[:n].astype("float32") / 255)
    y_train = torch.from_numpy(y_train[:n].astype("int64"))
    x_test = torch.from_numpy(x_test.astype("float32") / 255)
    y_test = torch.from_numpy(y_test.astype("int64"))
    result = {"framework": "opacus", "import_s": IMPORT_S, "rss_after_load_mib": bu.peak_rss_mib()}
    result["dp"] = private_workload(x_train, y_train, x_test, y_test, args)
    result["peak_rss_mib"] = bu.peak_rss_mib()
    wall, _, foreign = started.finish()
    result.update(wall_s=wall, foreign_frac=foreign)
    result["versions"] = {"opacus": opacus.__version__, "torch": torch.__version__, "numpy": np.__version__}
    result["threads"] = {"torch_num_threads": torch.get_num_threads(), "os_threads": bu.os_thread_count()}
    bu.emit(result)


if __name__ == "__main__":
    main()
