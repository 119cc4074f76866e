"""Stand-in for CPython's `test` package: its modules are read from CPYTHON_TEST_DIR.

GraalPy ships only part of `test.support`, so this package, put first on the
path, points its `__path__` at a CPython >= 3.13 `Lib/test` folder. Importing it
also installs `stand_ins`, a last-resort finder for the few modules that
CPython's test helpers import and GraalPy lacks.
"""
import os

_test_dir = os.environ.get("CPYTHON_TEST_DIR")
if not _test_dir or not os.path.isfile(os.path.join(_test_dir, "support", "__init__.py")):
    raise ImportError(
        "CPYTHON_TEST_DIR must name a CPython >= 3.13 Lib/test folder "
        f"(it is {_test_dir!r}); cpython-compat/run sets it")

__path__ = [_test_dir]

import stand_ins  # noqa: E402  (beside this package, in the layer folder)
stand_ins.install()
