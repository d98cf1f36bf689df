"""Reference figures for PrivacyPLDAccountantTests, from dp-accounting 0.6.0's
PLD accountant (its defaults: value_discretization_interval 1e-4, connect the
dots, add-or-remove neighbouring, pessimistic).

Run with a Python that has `pip install dp-accounting`:
    python pld_reference.py
The numbers it prints are the constants in PrivacyPLDAccountantTests.swift.
"""
from dp_accounting import dp_event
from dp_accounting.pld import pld_privacy_accountant, privacy_loss_mechanism


def accountant(runs):
    """runs: (q, sigma, steps) triples, composed in order."""
    result = pld_privacy_accountant.PLDAccountant()
    for q, sigma, steps in runs:
        result.compose(dp_event.PoissonSampledDpEvent(q, dp_event.GaussianDpEvent(sigma)), steps)
    return result


cases = [
    ("tutorial", [(256 / 60000, 1.1, 14063)], 1e-5),
    ("TF Privacy test", [(150 / 60000, 1.3, 6000)], 1e-5),
    ("single step", [(0.01, 1.0, 1)], 1e-5),
    ("full batch, one step", [(1.0, 2.0, 1)], 1e-5),
    ("full batch, 100 steps", [(1.0, 5.0, 100)], 1e-5),
    ("q 0.02, sigma 0.8", [(0.02, 0.8, 1000)], 1e-6),
    ("two runs", [(0.004, 1.1, 500), (0.01, 0.9, 200)], 1e-5),
]
for name, runs, delta in cases:
    print(f"{name}: runs {runs}, delta {delta}: epsilon {accountant(runs).get_epsilon(delta)!r}")

print("tutorial delta at epsilon 2:", repr(float(accountant(cases[0][1]).get_delta(2.0))))

# One step's exact hockey-stick divergence in each direction.
for adjacency in (privacy_loss_mechanism.AdjacencyType.REMOVE, privacy_loss_mechanism.AdjacencyType.ADD):
    loss = privacy_loss_mechanism.GaussianPrivacyLoss(1.1, sampling_prob=256 / 60000, adjacency_type=adjacency)
    epsilons = [-0.01, -0.001, 0.0, 0.001, 0.5, 2.0, 4.0]
    print(adjacency.name, "deltas at", epsilons, [repr(float(v)) for v in loss.get_delta_for_epsilon(epsilons)])
