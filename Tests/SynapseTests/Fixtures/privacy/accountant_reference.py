"""Reference figures for PrivacyAccountantTests, from dp-accounting 0.6.0.

Run with a Python that has `pip install dp-accounting`:
    python accountant_reference.py
The numbers it prints are the constants in PrivacyAccountantTests.swift.
"""
import math

import numpy as np
from dp_accounting import dp_event, pld
from dp_accounting.rdp import rdp_privacy_accountant as rdp


def subsampled_gaussian_rdp(q, sigma, orders):
    return np.array(rdp._compute_rdp_poisson_subsampled_gaussian(q, sigma, orders))


# TF Privacy's tutorial case: batch 256 of 60,000, sigma 1.1, 60 epochs.
q, sigma, steps, delta = 256 / 60000, 1.1, 14063, 1e-5
orders = np.arange(2, 64, dtype=float)
total = subsampled_gaussian_rdp(q, sigma, list(orders)) * steps
print("RDP(8)", repr(total[orders == 8][0]))
print("epsilon Balle", repr(rdp.compute_epsilon(orders, total, delta)[0]))
print("epsilon classic", repr(np.min(total - math.log(delta) / (orders - 1))))
accountant = pld.PLDAccountant()
accountant.compose(dp_event.PoissonSampledDpEvent(q, dp_event.GaussianDpEvent(sigma)), steps)
print("epsilon PLD", repr(accountant.get_epsilon(delta)))

# TF Privacy's compute_dp_sgd_privacy unit test: n 60,000, batch 150, sigma 1.3, 15 epochs.
opacus_orders = np.array([1 + x / 10 for x in range(1, 100)] + list(range(12, 64)), dtype=float)
total = subsampled_gaussian_rdp(150 / 60000, 1.3, list(opacus_orders)) * 6000
print("TF Privacy test (epsilon, order)", rdp.compute_epsilon(opacus_orders, total, delta))

print("single step q 0.01 sigma 1 order 2", repr(subsampled_gaussian_rdp(0.01, 1.0, [2.0])[0]))
print("fractional orders 1.5 2.5 10.7", [repr(v) for v in subsampled_gaussian_rdp(0.01, 1.0, [1.5, 2.5, 10.7])])

# Opacus's series for fractional orders (signed terms).
from opacus.accountants.analysis import rdp as opacus_rdp
print("Opacus fractional orders 1.5 2.5 10.7",
      [repr(float(v)) for v in opacus_rdp.compute_rdp(q=0.01, noise_multiplier=1.0, steps=1, orders=[1.5, 2.5, 10.7])])
