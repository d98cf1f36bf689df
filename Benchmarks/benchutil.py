"""Helpers shared by the peer workload scripts: data loading, timing,
CPU accounting and JSON output. Standard library + numpy only."""
import argparse
import gzip
import json
import math
import os
import resource
import statistics
import time

import numpy as np

# The shared data beside the repository (bench/compare passes --data explicitly).
SHARED_DATA = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                           "shared", "data", "fashion-mnist")

THREAD_ENV = ["OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS",
              "TF_NUM_INTRAOP_THREADS", "TF_NUM_INTEROP_THREADS", "TF_ENABLE_ONEDNN_OPTS"]


def parse_args(description):
    """The options every workload script accepts (same names as synapse-workloads)."""
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--data", default=os.environ.get("BENCH_DATA") or SHARED_DATA,
                   help="Fashion-MNIST IDX directory (default: $BENCH_DATA, else ../shared/data/fashion-mnist beside the repository)")
    p.add_argument("--workloads", default="mlp,convnet")
    p.add_argument("--mlp-epochs", type=int, default=10)
    p.add_argument("--conv-epochs", type=int, default=2)
    p.add_argument("--mlp-train-limit", type=int, default=0)
    p.add_argument("--conv-train-limit", type=int, default=0)
    p.add_argument("--snn-epochs", type=int, default=1)
    p.add_argument("--snn-train-limit", type=int, default=0)
    p.add_argument("--infer-passes", type=int, default=5)
    p.add_argument("--infer-limit", type=int, default=0)
    p.add_argument("--lat-calls", type=int, default=1000)
    p.add_argument("--dp-epochs", type=int, default=10, help="W5 (DP-SGD) epochs")
    p.add_argument("--dp-train-limit", type=int, default=0)
    p.add_argument("--dp-target-epsilon", type=float, default=3.0, help="W5's target epsilon at delta 1e-5")
    p.add_argument("--dp-learning-rate", type=float, default=0.5, help="W5's SGD learning rate")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--verbose", type=int, default=0)
    return p.parse_args()


def _read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        raw = f.read()
    if raw[0] != 0 or raw[1] != 0 or raw[2] != 0x08:
        raise ValueError(f"{path}: not an unsigned-byte IDX file")
    rank = raw[3]
    dims = [int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(rank)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * rank).reshape(dims)


def _find(directory, stem):
    for name in (stem, stem + ".gz"):
        path = os.path.join(directory, name)
        if os.path.exists(path):
            return path
    raise FileNotFoundError(f"{stem}[.gz] not found in {directory}")


def load_fashion(directory):
    """(x_train, y_train, x_test, y_test) as uint8 arrays."""
    parts = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte",
             "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"]
    return tuple(_read_idx(_find(directory, p)) for p in parts)


def own_cpu_seconds():
    u = resource.getrusage(resource.RUSAGE_SELF)
    return u.ru_utime + u.ru_stime


def peak_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def machine_busy_seconds():
    """Busy CPU seconds of the whole machine from /proc/stat, or None."""
    try:
        with open("/proc/stat") as f:
            fields = [float(v) for v in f.readline().split()[1:9]]
    except OSError:
        return None
    user, nice, system, idle, iowait, irq, softirq, steal = fields
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


class Interval:
    """Wall time, own CPU time, and other processes' share of the CPUs since creation."""

    def __init__(self):
        self.wall0 = time.perf_counter()
        self.cpu0 = own_cpu_seconds()
        self.busy0 = machine_busy_seconds()

    def finish(self):
        wall = time.perf_counter() - self.wall0
        cpu = own_cpu_seconds() - self.cpu0
        busy1 = machine_busy_seconds()
        foreign = None
        if self.busy0 is not None and busy1 is not None and wall > 0:
            foreign = max(0.0, (busy1 - self.busy0 - cpu) / (wall * os.cpu_count()))
        return wall, cpu, foreign


def steady_median(epoch_seconds):
    """Median of epochs 2.. (epoch 1 pays tracing/warm-up), or the only epoch."""
    rest = epoch_seconds[1:] if len(epoch_seconds) > 1 else epoch_seconds
    return statistics.median(rest) if rest else None


def latency_summary(micros):
    s = sorted(micros)
    return {"median_us": statistics.median(s), "min_us": s[0],
            "p90_us": s[min(len(s) - 1, math.ceil(0.9 * len(s)) - 1)], "calls": len(s)}


def os_thread_count():
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("Threads:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return -1


def emit(result):
    """Prints the result as one JSON line (NaN/inf become null)."""
    def clean(v):
        if isinstance(v, float) and not math.isfinite(v):
            return None
        if isinstance(v, dict):
            return {k: clean(x) for k, x in v.items()}
        if isinstance(v, (list, tuple)):
            return [clean(x) for x in v]
        return v
    result["thread_env"] = {k: os.environ.get(k, "unset") for k in THREAD_ENV}
    result["cpus"] = os.cpu_count()
    print(json.dumps(clean(result), sort_keys=True), flush=True)
