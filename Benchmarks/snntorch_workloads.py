"""snnTorch version of the spiking benchmark workload (W7).

W7: snnTorch tutorial 5 on Fashion-MNIST: 784-1000-10 Leaky neurons
(beta 0.95, default arctan surrogate), 25 steps with the image as the input
current at every step, batch 128, Adam lr 5e-4, loss = sum over steps of the
cross-entropy of the output membrane; test accuracy from the summed output
membrane (and from output spike counts). Written as the tutorial writes it:
a Python loop over the steps. Prints one JSON line.
"""
import time

import benchutil as bu

T_IMPORT = time.perf_counter()
import numpy as np  # noqa: E402
import snntorch as snn  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402
IMPORT_S = time.perf_counter() - T_IMPORT

STEPS, BETA = 25, 0.95


class Net(nn.Module):
    """Tutorial 5's network."""

    def __init__(self):
        super().__init__()
        self.fc1, self.lif1 = nn.Linear(784, 1000), snn.Leaky(beta=BETA)
        self.fc2, self.lif2 = nn.Linear(1000, 10), snn.Leaky(beta=BETA)

    def forward(self, x):
        mem1, mem2 = self.lif1.init_leaky(), self.lif2.init_leaky()
        spikes, membranes = [], []
        for _ in range(STEPS):
            spk1, mem1 = self.lif1(self.fc1(x), mem1)
            spk2, mem2 = self.lif2(self.fc2(spk1), mem2)
            spikes.append(spk2)
            membranes.append(mem2)
        return torch.stack(spikes), torch.stack(membranes)


def train_and_evaluate(x, y, x_test, y_test, epochs, batch, verbose):
    model = Net()
    optimizer = torch.optim.Adam(model.parameters(), lr=5e-4, betas=(0.9, 0.999))
    loss_fn = nn.CrossEntropyLoss()
    seconds, foreign = [], []
    whole = bu.Interval()
    for epoch in range(epochs):
        interval = bu.Interval()
        perm = torch.randperm(len(x))
        for i in range(0, len(x), batch):
            idx = perm[i:i + batch]
            _, mem = model(x[idx])
            loss = torch.zeros(())
            for step in range(STEPS):
                loss = loss + loss_fn(mem[step], y[idx])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        wall, _, frac = interval.finish()
        seconds.append(wall)
        foreign.append(frac)
        if verbose:
            print(f"epoch {epoch + 1}: {wall:.2f}s loss {loss.item():.4f}", flush=True)
    wall, cpu, frac = whole.finish()
    with torch.inference_mode():
        outputs = [model(x_test[i:i + 1000]) for i in range(0, len(x_test), 1000)]
        spikes = torch.cat([s.sum(0) for s, _ in outputs])
        membranes = torch.cat([m.sum(0) for _, m in outputs])
    return {"epochs": epochs, "batch_size": batch, "train_examples": len(x), "steps": STEPS,
            "steps_per_epoch": -(-len(x) // batch), "epoch_seconds": seconds, "epoch_foreign_frac": foreign,
            "epoch_median_s": bu.steady_median(seconds), "fit_seconds": wall, "fit_cpu_seconds": cpu,
            "fit_foreign_frac": frac,
            "test_accuracy": (membranes.argmax(1) == y_test).float().mean().item(),
            "test_spike_count_accuracy": (spikes.argmax(1) == y_test).float().mean().item()}


def main():
    args = bu.parse_args(__doc__)
    started = bu.Interval()
    torch.manual_seed(args.seed)
    x_train, y_train, x_test, y_test = bu.load_fashion(args.data)
    x_train = torch.from_numpy(x_train.reshape(len(x_train), -1).astype("float32") / 255)
    x_test = torch.from_numpy(x_test.reshape(len(x_test), -1).astype("float32") / 255)
    y_train = torch.from_numpy(y_train.astype("int64"))
    y_test = torch.from_numpy(y_test.astype("int64"))
    result = {"framework": "snntorch", "import_s": IMPORT_S, "rss_after_load_mib": bu.peak_rss_mib()}
    if "snn" in set(args.workloads.split(",")):
        n = args.snn_train_limit or len(x_train)
        result["snn"] = train_and_evaluate(x_train[:n], y_train[:n], x_test, y_test, args.snn_epochs, 128, args.verbose)
    result["peak_rss_mib"] = bu.peak_rss_mib()
    wall, _, foreign = started.finish()
    result.update(wall_s=wall, foreign_frac=foreign)
    result["versions"] = {"snntorch": snn.__version__, "torch": torch.__version__, "numpy": np.__version__}
    result["threads"] = {"torch_num_threads": torch.get_num_threads(), "os_threads": bu.os_thread_count()}
    bu.emit(result)


if __name__ == "__main__":
    main()
