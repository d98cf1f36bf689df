"""Oracle for PrivacyAccountantTests: prints dp-accounting's RDP and epsilon,
and its PLD accountant's epsilon, for the case given on the command line, as
JSON; exits 3 when dp-accounting is missing, so the test can skip.

    python dp_accounting_oracle.py Q SIGMA STEPS DELTA ORDER...
"""
import json
import sys

try:
    from dp_accounting import dp_event
    from dp_accounting.pld import pld_privacy_accountant as pld
    from dp_accounting.rdp import rdp_privacy_accountant as rdp
except ImportError:
    sys.exit(3)

q, sigma, steps, delta = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
orders = [float(value) for value in sys.argv[5:]]
accountant = rdp.RdpAccountant(orders)
accountant.compose(dp_event.PoissonSampledDpEvent(q, dp_event.GaussianDpEvent(sigma)), steps)
rdp_values = [float(v) * steps for v in rdp._compute_rdp_poisson_subsampled_gaussian(q, sigma, orders)]
pld_accountant = pld.PLDAccountant()
pld_accountant.compose(dp_event.PoissonSampledDpEvent(q, dp_event.GaussianDpEvent(sigma)), steps)
print(json.dumps({"rdp": rdp_values, "epsilon": accountant.get_epsilon(delta),
                  "pld_epsilon": pld_accountant.get_epsilon(delta)}))
