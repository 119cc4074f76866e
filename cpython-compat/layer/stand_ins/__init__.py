"""Modules that CPython's test helpers import and GraalPy does not have.

Each module file in this folder is found only when no other finder provides a
module of that name: `install()` appends the finder at the end of
`sys.meta_path`, so on CPython the real modules are always used.
"""
import importlib.machinery
import os
import sys

_folder = os.path.dirname(os.path.abspath(__file__))


class StandInFinder:
    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        if "." in fullname or fullname == "__init__":
            return None
        return importlib.machinery.PathFinder.find_spec(fullname, [_folder])


def install():
    if StandInFinder not in sys.meta_path:
        sys.meta_path.append(StandInFinder)
