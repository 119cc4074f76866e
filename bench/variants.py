"""Which interpreters a benchmark measured from outside (startup.py, warmup.py)
runs: bench/run's, narrowed by --only, plus bin/pyselect4j under extra
environment variables (--variant LABEL VAR=VALUE)."""

import importlib.machinery
import importlib.util
import os

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))


def add_arguments(parser):
    parser.add_argument("--only", nargs="*", metavar="KEY", help="interpreter keys: cpython jit nojit")
    parser.add_argument("--variant", nargs=2, action="append", default=[], metavar=("LABEL", "VAR=VALUE"),
                        help="bin/pyselect4j with this environment variable (repeatable; a label given twice gets both)")


def chosen(options):
    """[(key, label, command, environment)] for the parsed options."""
    # bench/run imports startup.py, so it is loaded here, when a benchmark runs on its own.
    loader = importlib.machinery.SourceFileLoader("bench_run", os.path.join(BENCH_DIR, "run"))
    run_module = importlib.util.module_from_spec(importlib.util.spec_from_loader("bench_run", loader))
    loader.exec_module(run_module)
    interpreters = [entry for entry in run_module.interpreters() if not options.only or entry[0] in options.only]
    launcher = os.path.join(run_module.ROOT_DIR, "bin", "pyselect4j")
    variants = {}  # the same label twice: both variables
    for label, assignment in options.variant:
        variable, value = assignment.split("=", 1)
        variants.setdefault(label, {})[variable] = value
    return interpreters + [(label, label, [launcher], environment) for label, environment in variants.items()]
