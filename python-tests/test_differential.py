"""Runs the snippets of differential_cases.py under the reference CPython 3.13
and under the pyselect4j launcher, and compares the outcomes case by case.

Environment:
  PYSELECT4J_REFERENCE_PYTHON  reference interpreter (default: pyenv's 3.13.0,
                               else python3.13 on PATH)
  PYSELECT4J_LAUNCHER          launcher to test (default: <repo>/bin/pyselect4j)
"""

import json
import os
import subprocess

import pytest

from conftest import TESTS_DIR, launcher, reference_python

RUNNER = os.path.join(TESTS_DIR, "differential_runner.py")
RUN_TIMEOUT = 600  # seconds; the launcher starts a JVM


def run_cases(interpreter, args=(), timeout=RUN_TIMEOUT):
    """Runs the runner under interpreter; returns ({case: outcome}, count)."""
    proc = subprocess.run([interpreter, RUNNER, *args], capture_output=True, text=True,
                          timeout=timeout, cwd=TESTS_DIR, stdin=subprocess.DEVNULL)
    outcomes, done = {}, None
    for line in proc.stdout.splitlines():
        if not line.startswith("{"):
            continue  # e.g. a warning the interpreter printed on stdout
        record = json.loads(line)
        if "done" in record:
            done = record["done"]
        else:
            outcomes[record.pop("case")] = record
    assert done is not None, (
        "%s did not finish the cases (exit status %s)\nstdout tail:\n%s\nstderr tail:\n%s"
        % (interpreter, proc.returncode, proc.stdout[-2000:], proc.stderr[-4000:]))
    return outcomes, done


def show(outcome):
    if outcome is None:
        return "(no result)"
    if "value" in outcome:
        return "-> " + outcome["value"]
    if "raises" in outcome:
        text = "raises %s(%r)" % (outcome["raises"], outcome["message"])
        if outcome["errno"] is not None:
            text += " errno=%s" % outcome["errno"]
        return text
    return repr(outcome)


@pytest.fixture(scope="module")
def reference_outcomes():
    python = reference_python()
    assert python, ("no reference CPython 3.13 found: set PYSELECT4J_REFERENCE_PYTHON "
                    "or install 3.13.0 with pyenv")
    return run_cases(python)


def checked_launcher():
    path = launcher()
    assert os.path.isfile(path) and os.access(path, os.X_OK), (
        "the pyselect4j launcher %s does not exist or is not executable "
        "(build it, or point PYSELECT4J_LAUNCHER at it)" % path)
    return path


def differences(expected, actual):
    """One text per case whose outcomes differ."""
    return ["%s\n    CPython:    %s\n    pyselect4j: %s" % (name, show(want), show(actual.get(name)))
            for name, want in expected.items() if actual.get(name) != want]


def test_launcher_matches_reference_cpython(reference_outcomes):
    expected, expected_count = reference_outcomes
    actual, actual_count = run_cases(checked_launcher())
    assert actual_count == expected_count
    differing = differences(expected, actual)
    assert not differing, "%d of %d cases differ:\n%s" % (
        len(differing), expected_count, "\n".join(differing))


def test_reference_runs_every_case_without_harness_errors(reference_outcomes):
    outcomes, count = reference_outcomes
    assert len(outcomes) == count
    broken = {name: o for name, o in outcomes.items() if "harness_error" in o}
    assert not broken
