"""pyselect4j's start-up hook: GraalPy imports it as the context starts.

It installs pyselect4j, then runs the ``sitecustomize`` that would have run
without it, if the Python path has one.
"""

import os
import sys

import _pyselect4j

_pyselect4j.install()


def _run_next_sitecustomize():
    import importlib.machinery
    import importlib.util
    here = os.path.dirname(os.path.abspath(__file__))
    others = [entry for entry in sys.path if os.path.abspath(entry or ".") != here]
    spec = importlib.machinery.PathFinder.find_spec("sitecustomize", others)
    if spec is None:
        return
    module = importlib.util.module_from_spec(spec)
    sys.modules["sitecustomize"] = module
    spec.loader.exec_module(module)


_run_next_sitecustomize()
