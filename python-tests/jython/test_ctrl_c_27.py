"""Ctrl-C (SIGINT) on the command line, as CPython 2.7 handles it: KeyboardInterrupt
in the main thread, ending its wait in epoll.poll, poll.poll, select.select or
time.sleep, and the program with a traceback and status 1. Each test runs a
child interpreter (sys.executable) and signals it."""

import os
import signal
import subprocess
import sys
import unittest

WAITS = {
    "epoll": "ep = select.epoll()\nep.register(r, select.EPOLLIN)\nep.poll(60)\n",
    "poll": "p = select.poll()\np.register(r, select.POLLIN)\np.poll(60000)\n",
    "select": "select.select([r], [], [], 60)\n",
    "sleep": "time.sleep(60)\n",
}
CHILD = """import os, select, signal, sys, time
r, w = os.pipe()
sys.stdout.write("%s\\n" % (signal.getsignal(signal.SIGINT) is signal.default_int_handler))
sys.stdout.flush()
"""


# A child as a terminal starts it, with SIGINT's default action, also when these
# tests run as a shell's background job, whose SIGINT is ignored and inherited:
# neither Python 2.7 nor the JVM can undo that, coreutils' env can.
DEFAULT_SIGINT = ["env", "--default-signal=INT"]


class CtrlCTest(unittest.TestCase):
    def interrupt(self, wait):
        """A child waiting in `wait`, sent SIGINT: what it printed, its status, the last line of its stderr."""
        child = subprocess.Popen(DEFAULT_SIGINT + [sys.executable, "-c",
                                                   CHILD + wait + 'sys.stdout.write("not interrupted\\n")\n'],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        first = child.stdout.readline()
        os.kill(child.pid, signal.SIGINT)
        out, err = child.communicate()
        # The exception's name only: Jython words its own interrupted sleep "KeyboardInterrupt: interrupted sleep".
        return first + out, child.returncode, [line.split(":")[0] for line in err.strip().splitlines()[-1:]]

    def test_ends_each_wait_with_keyboard_interrupt(self):
        for name, wait in sorted(WAITS.items()):
            result = self.interrupt(wait)
            self.assertEqual(("True\n", 1, ["KeyboardInterrupt"]), result, "%s: %r" % (name, result))


if __name__ == "__main__":
    unittest.main()
