"""The interpreter's command line, as programs that start sys.executable use it.

Under pyselect4j sys.executable is the launcher, so these run it the way test
runners and multi-process servers start a child: options with joined values
(-Werror::DeprecationWarning), combined flags (-uB), -c, -x, and a refusal.
"""

import subprocess
import sys

import pytest

# A launcher's child pays GraalPy's start-up: allow for a busy machine.
CHILD_TIMEOUT = 300


def run_child(*args, cwd=None):
    return subprocess.run([sys.executable, *args], capture_output=True, text=True,
                          timeout=CHILD_TIMEOUT, cwd=cwd)


def test_joined_values_and_combined_flags():
    code = ("import sys, warnings\n"
            "print(sys.argv, sys.warnoptions, sys.flags.dont_write_bytecode)\n"
            "try:\n"
            "    warnings.warn('old', DeprecationWarning)\n"
            "except DeprecationWarning as e:\n"
            "    print('raised', e)\n")
    child = run_child("-Werror::DeprecationWarning", "-uBc" + code, "-u", "x")
    assert child.returncode == 0, child.stderr
    assert child.stdout.splitlines() == [
        "['-c', '-u', 'x'] ['error::DeprecationWarning'] 1",
        "raised old",
    ]


def test_skip_first_line_keeps_line_numbers(tmp_path):
    script = tmp_path / "dos_style.py"
    script.write_text("this line is not Python\nimport sys; print(sys.argv[1:]); 1/0\n")
    child = run_child("-x", str(script), "arg")
    assert child.returncode == 1
    assert child.stdout == "['arg']\n"
    assert f'File "{script}", line 2, in <module>' in child.stderr
    assert child.stderr.rstrip().endswith("ZeroDivisionError: division by zero")


@pytest.mark.parametrize("args, message", [
    (["-Z", "-c", "pass"], "Unknown option: -Z"),
    (["-W"], "Argument expected for the -W option"),
    (["--check-hash-based-pycs", "sometimes", "-c", "pass"],
     "--check-hash-based-pycs must be one of 'default', 'always', or 'never'"),
])
def test_bad_command_line_exits_2_with_cpythons_message(args, message):
    child = run_child(*args)
    assert child.returncode == 2
    assert child.stdout == ""
    lines = child.stderr.splitlines()
    assert lines[0] == message
    assert lines[1].startswith("usage: ")
