"""Fuzz (issue 4, "Embedding reliability"): random calls with good and bad
arguments (differential_fuzz.py) run under the reference CPython 3.13 and
under the pyselect4j launcher by differential_runner.py; every outcome (value,
or exception type, message and errno) must be CPython's, and no exception may
come from the host (Java): each must be a builtin Python exception whose
message does not mention Java, polyglot or the host.

Environment:
  PYSELECT4J_FUZZ_SEED   seed of the calls (default 20261121; "random": a new one)
  PYSELECT4J_FUZZ_CALLS  number of calls (default 100000)
"""

import os
import random
import re
import time

import pytest

from conftest import reference_python
from test_differential import checked_launcher, differences, run_cases

SEED_SETTING = os.environ.get("PYSELECT4J_FUZZ_SEED", "20261121")
SEED = random.SystemRandom().randrange(2**32) if SEED_SETTING == "random" else int(SEED_SETTING)
CALLS = int(os.environ.get("PYSELECT4J_FUZZ_CALLS", "100000"))
RUN_TIMEOUT = 1800  # seconds, for the launcher's run
HOST_WORDS = re.compile(r"java|polyglot|host|truffle|graal", re.IGNORECASE)
SHOWN = 40  # differences listed in a failure


def run(interpreter):
    start = time.monotonic()
    outcomes, count = run_cases(interpreter, ["--fuzz", str(SEED), str(CALLS)], timeout=RUN_TIMEOUT)
    return outcomes, count, time.monotonic() - start


def host_leaks(outcomes):
    """Outcomes whose exception is not a plain builtin Python exception."""
    return ["%s: %r" % (name, outcome) for name, outcome in outcomes.items()
            if "harness_error" in outcome or "module" in outcome
            or ("raises" in outcome and HOST_WORDS.search(outcome["raises"] + " " + outcome["message"]))]


@pytest.fixture(scope="module")
def reference_fuzz():
    python = reference_python()
    assert python, ("no reference CPython 3.13 found: set PYSELECT4J_REFERENCE_PYTHON "
                    "or install 3.13.0 with pyenv")
    return run(python)


def test_reference_runs_every_fuzz_call(reference_fuzz):
    outcomes, count, seconds = reference_fuzz
    print("\nfuzz seed %d: %d calls on CPython 3.13 in %.1f s" % (SEED, count, seconds))
    assert count == CALLS and len(outcomes) == CALLS
    assert not host_leaks(outcomes)


def test_fuzz_outcomes_match_reference_cpython(reference_fuzz):
    expected, _, _ = reference_fuzz
    actual, count, seconds = run(checked_launcher())
    raised = sum("raises" in outcome for outcome in actual.values())
    print("\nfuzz seed %d: %d calls under pyselect4j in %.1f s (with start-up), %d raised"
          % (SEED, count, seconds, raised))
    leaks = host_leaks(actual)
    assert not leaks, "%d host exceptions (seed %d):\n%s" % (len(leaks), SEED, "\n".join(leaks[:SHOWN]))
    assert count == CALLS and len(actual) == CALLS
    differing = differences(expected, actual)
    assert not differing, "%d of %d calls differ from CPython's outcomes (seed %d; rerun with " \
        "PYSELECT4J_FUZZ_SEED=%d); the first %d:\n%s" % (
            len(differing), CALLS, SEED, SEED, SHOWN, "\n".join(differing[:SHOWN]))
