"""Every call of cases_27 does what CPython 2.7.18 does, bad input included."""

import unittest

from cases_27 import CASES, namespace
from support import outcome


class DifferentialTest(unittest.TestCase):
    def test_each_case_as_cpython_27(self):
        ns = namespace()
        numbers = {"r": ns["r"], "w": ns["w"]}
        try:
            differences = []
            for code, expected in CASES:
                ns.renew_closed()
                actual = outcome(lambda: eval(code, ns))
                if actual != expected.format(**numbers):
                    differences.append("%s\n    CPython 2.7.18: %s\n    here:           %s"
                                       % (code, expected.format(**numbers), actual))
            self.assertEqual([], differences, "\n".join(differences))
        finally:
            ns["cleanup"]()


if __name__ == "__main__":
    unittest.main()
