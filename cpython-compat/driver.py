"""Runs CPython test suites with unittest in this interpreter and logs each outcome.

Usage: driver.py --events FILE [--known-differences FILE] [--exclude FILE]
                 --suite LABEL NAMES ...

NAMES is a comma-separated list of unittest names (`test.test_epoll`,
`test.test_os.TimerfdTests`, ...). Tests whose ids are listed in the exclude
file (one a line) are left out. Events are JSON lines appended to FILE, which is
what cpython-compat/run reads: "suite-start", "test-start" {"test"}, "test"
{"suite", "test", "outcome", "seconds", "detail"} when a test finishes, "suite-end" (with
the suite's counts) and "done".
Outcomes: passed, failed, error, skipped, expected-failure, unexpected-success.
The known-differences file adds skips and expected failures (see its header).
"""
import argparse
import functools
import json
import sys
import time
import traceback
import unittest

OUTCOMES = ("passed", "failed", "error", "skipped", "expected-failure", "unexpected-success")
# When a test reports several outcomes (subtests), the worst one is kept.
SEVERITY = {name: rank for rank, name in enumerate(
    ("passed", "skipped", "expected-failure", "unexpected-success", "failed", "error"))}


class EventLog:
    def __init__(self, path):
        self._file = open(path, "a", encoding="utf-8")

    def write(self, **event):
        self._file.write(json.dumps(event) + "\n")
        self._file.flush()


class CountingResult(unittest.TestResult):
    """Keeps one outcome per test (the worst of its subtests) and logs it when the test stops."""

    def __init__(self, suite_label, events):
        super().__init__()
        self.suite_label = suite_label
        self.events = events
        self.counts = dict.fromkeys(OUTCOMES, 0)
        self._outcome = None
        self._detail = ""
        self._started = time.monotonic()

    def _record(self, outcome, detail=""):
        if self._outcome is None or SEVERITY[outcome] > SEVERITY[self._outcome]:
            self._outcome, self._detail = outcome, detail

    def _emit(self, test_id, outcome, detail):
        self.counts[outcome] += 1
        self.events.write(event="test", suite=self.suite_label, test=test_id, outcome=outcome,
                          seconds=round(time.monotonic() - self._started, 3), detail=detail)

    def startTest(self, test):
        super().startTest(test)
        self.events.write(event="test-start", suite=self.suite_label, test=test.id())
        self._outcome, self._detail, self._started = None, "", time.monotonic()

    def stopTest(self, test):
        super().stopTest(test)
        self._emit(test.id(), self._outcome or "passed", self._detail)

    def addSuccess(self, test):
        super().addSuccess(test)
        self._record("passed")

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._record("failed", self._exc_info_to_string(err, test))

    def addError(self, test, err):
        super().addError(test, err)
        if isinstance(test, unittest.TestCase):
            self._record("error", self._exc_info_to_string(err, test))
        else:  # setUpModule / setUpClass failures arrive without startTest
            self._emit(str(test), "error", self._exc_info_to_string(err, test))

    def addSubTest(self, test, subtest, err):
        super().addSubTest(test, subtest, err)
        if err is not None:
            failed = issubclass(err[0], test.failureException)
            self._record("failed" if failed else "error",
                         f"{subtest.id()}\n" + self._exc_info_to_string(err, test))

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        if isinstance(test, unittest.TestCase):
            self._record("skipped", reason)
        else:  # a skipped setUpClass / setUpModule
            self._emit(str(test), "skipped", reason)

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)
        self._record("expected-failure", self._exc_info_to_string(err, test))

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self._record("unexpected-success")


def read_known_differences(path):
    """Returns {test id or prefix: (action, reason)} from the known-differences file."""
    known = {}
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split(None, 2)
            if len(parts) < 3 or parts[1] not in ("skip", "xfail"):
                raise SystemExit(f"{path}:{number}: expected 'TEST-ID skip|xfail REASON'")
            known[parts[0]] = (parts[1], parts[2])
    return known


def matching_difference(test_id, known):
    for name, difference in known.items():
        if test_id == name or test_id.startswith(name + "."):
            return difference
    return None


def iterate_tests(suite):
    for item in suite:
        if isinstance(item, unittest.TestSuite):
            yield from iterate_tests(item)
        else:
            yield item


def apply_known_differences(suite, known):
    for test in iterate_tests(suite):
        difference = matching_difference(test.id(), known)
        if difference is None or not isinstance(test, unittest.TestCase):
            continue
        action, reason = difference
        method = getattr(test, test._testMethodName)
        if action == "skip":
            replacement = unittest.skip(f"known difference: {reason}")(method)
        else:
            @functools.wraps(method)
            def replacement(method=method):
                return method()
            replacement.__unittest_expecting_failure__ = True
        setattr(test, test._testMethodName, replacement)


def run_suite(label, names, known, excluded, events):
    events.write(event="suite-start", suite=label)
    result = CountingResult(label, events)
    started = time.monotonic()
    try:
        loaded = unittest.defaultTestLoader.loadTestsFromNames(names)
    except BaseException:  # an import error fails the whole suite
        result._emit(label, "error", "loading failed:\n" + traceback.format_exc())
    else:
        suite = unittest.TestSuite(test for test in iterate_tests(loaded)
                                   if test.id() not in excluded)
        apply_known_differences(suite, known)
        suite.run(result)
    events.write(event="suite-end", suite=label, counts=result.counts,
                 seconds=round(time.monotonic() - started, 1))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", required=True, help="file that receives the JSON lines")
    parser.add_argument("--known-differences", help="skips and expected failures to apply")
    parser.add_argument("--exclude", help="file of test ids not to run, one a line")
    parser.add_argument("--suite", nargs=2, action="append", metavar=("LABEL", "NAMES"),
                        required=True)
    args = parser.parse_args()
    known = read_known_differences(args.known_differences) if args.known_differences else {}
    excluded = set()
    if args.exclude:
        with open(args.exclude, encoding="utf-8") as lines:
            excluded = {line.strip() for line in lines if line.strip()}
    events = EventLog(args.events)
    for label, names in args.suite:
        run_suite(label, names.split(","), known, excluded, events)
    events.write(event="done")


if __name__ == "__main__":
    main()
