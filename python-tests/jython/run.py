"""Runs the Python 2 tests of the Jython binding with unittest (no pytest on 2.7).

    $(pyenv root)/versions/2.7.18/bin/python python-tests/jython/run.py  # proves them on CPython
    bin/pyselect4j-jython python-tests/jython/run.py                      # the binding

test_*_313.py test what CPython 2.7 lacks (timerfd, clocks), against CPython
3.13's behaviour; they run only where the interpreter has those functions
(CPython 3.13 proves the same behaviour in python-tests/test_timerfd.py and
test_clocks.py). Exit status 0 only when every test passes.
"""

import glob
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    sys.path.insert(0, HERE)
    names = sorted(os.path.basename(path)[:-3] for path in glob.glob(os.path.join(HERE, "test_*.py")))
    if not hasattr(os, "timerfd_create"):
        names = [name for name in names if not name.endswith("_313")]
    print "running %s" % ", ".join(names)
    suite = unittest.defaultTestLoader.loadTestsFromNames(names)
    result = unittest.TextTestRunner(verbosity=1).run(suite)
    sys.exit(0 if result.wasSuccessful() else 1)


if __name__ == "__main__":
    main()
