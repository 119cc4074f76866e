"""The interpreter's command line, as programs that start sys.executable use it.

Under pyselect4j sys.executable is the launcher, so these run it the way test
runners and multi-process servers start a child: options with joined values
(-Werror::DeprecationWarning), combined flags (-uB), -c, -x, and a refusal; and
scripts, directories and zip files run as CPython runs them.
"""

import subprocess
import sys
import zipfile

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


def test_script_runs_in_main_itself(tmp_path):
    script = tmp_path / "show_main.py"
    script.write_text(
        "import atexit, sys\n"
        "marker = 1\n"
        "main = sys.modules['__main__']\n"
        "print(globals() is vars(main), __name__, sys.argv[0], __file__, __cached__, __spec__)\n"
        "print(type(__loader__).__name__, __loader__.name, __loader__.path)\n"
        "print(sys.path[0])\n"
        "def at_exit():\n"
        "    main = sys.modules['__main__']\n"
        "    print('at exit:', hasattr(main, 'marker'), hasattr(main, '__file__'), hasattr(main, '__cached__'))\n"
        "atexit.register(at_exit)\n")
    (tmp_path / "sub").mkdir()
    child = run_child("../show_main.py", cwd=tmp_path / "sub")  # __file__: absolute, not normalised
    assert child.returncode == 0, child.stderr
    path = f"{tmp_path}/sub/../show_main.py"
    assert child.stdout.splitlines() == [
        f"True __main__ ../show_main.py {path} None None",
        f"SourceFileLoader __main__ {path}",
        str(tmp_path),
        "at exit: True False False",
    ]


SHOW_MAIN = (
    "import sys\n"
    "names = sorted(vars())\n"
    "x: int = 1\n"
    "loader = __loader__ if isinstance(__loader__, type) else type(__loader__)\n"
    "print(names, __annotations__, globals().get('__file__'), loader.__name__)\n")
MAIN_NAMES = ["__annotations__", "__builtins__", "__doc__", "__loader__", "__name__", "__package__",
              "__spec__", "sys"]


@pytest.mark.parametrize("mode", ["script", "-m", "-c", "stdin"])
def test_main_namespace_is_cpythons(tmp_path, mode):
    # The names __main__ starts with, module-level annotations recorded, its loader.
    script = tmp_path / "show.py"
    script.write_text(SHOW_MAIN)
    if mode in ("script", "-m"):
        child = run_child(str(script)) if mode == "script" else run_child("-m", "show", cwd=tmp_path)
        names, file, loader = sorted(MAIN_NAMES + ["__cached__", "__file__"]), str(script), "SourceFileLoader"
    elif mode == "-c":
        child = run_child("-c", SHOW_MAIN)
        names, file, loader = MAIN_NAMES, None, "BuiltinImporter"
    else:
        child = subprocess.run([sys.executable, "-"], input=SHOW_MAIN, capture_output=True, text=True,
                               timeout=CHILD_TIMEOUT)
        names, file, loader = sorted(MAIN_NAMES + ["__cached__", "__file__"]), "<stdin>", "BuiltinImporter"
    assert child.returncode == 0, child.stderr
    assert child.stdout == f"{names} {{'x': <class 'int'>}} {file} {loader}\n"


def test_symlinked_script_puts_its_real_directory_first_on_path(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "links").mkdir()
    script = tmp_path / "real" / "where.py"
    script.write_text("import sys\nprint(sys.path[0])\n")
    (tmp_path / "links" / "where.py").symlink_to(script)
    child = run_child(str(tmp_path / "links" / "where.py"))
    assert child.returncode == 0, child.stderr
    assert child.stdout == f"{(tmp_path / 'real').resolve()}\n"


def test_missing_module_exits_1_with_cpythons_message(tmp_path):
    child = run_child("-m", "no_such_module_here", cwd=tmp_path)
    assert child.returncode == 1
    assert child.stdout == ""
    assert child.stderr == f"{sys.executable}: No module named no_such_module_here\n"


def test_traceback_shows_only_the_programs_frames(tmp_path):
    def failing_frames(script):
        """The frame lines of the traceback the failing script prints."""
        child = run_child(str(script))
        assert child.returncode == 1
        return [line for line in child.stderr.splitlines() if line.startswith("  File ")]

    script = tmp_path / "fails.py"
    script.write_text("def fail():\n    1/0\nfail()\n")
    assert failing_frames(script) == [f'  File "{script}", line 3, in <module>',
                                      f'  File "{script}", line 2, in fail']

    module = tmp_path / "fails_on_import.py"
    module.write_text("x = 1\n1/0\n")
    script.write_text("import fails_on_import\n")
    assert failing_frames(script) == [f'  File "{script}", line 1, in <module>',
                                      f'  File "{module}", line 2, in <module>']


def test_no_frame_above_the_programs(tmp_path):
    script = tmp_path / "frames.py"
    script.write_text("import sys\nprint(sys._getframe().f_back)\n")
    child = run_child(str(script))
    assert (child.returncode, child.stdout, child.stderr) == (0, "None\n", "")


def test_process_ends_after_threads_atexit_and_output(tmp_path):
    # The status of sys.exit, a thread that outlives the main code joined first,
    # then atexit, and every byte still in sys.stdout's buffer written. The
    # thread starts after the main code's write: started before it, its line
    # came first whenever the main thread took more than the thread's sleep to
    # get there.
    script = tmp_path / "ending.py"
    script.write_text(
        "import atexit, sys, threading, time\n"
        "def late():\n"
        "    time.sleep(0.5)\n"
        "    sys.stdout.write('thread\\n')\n"
        "atexit.register(sys.stdout.write, 'atexit\\n')\n"
        "sys.stdout.write('x' * 100000 + '\\n')\n"
        "threading.Thread(target=late).start()\n"
        "sys.exit(5)\n")
    child = run_child(str(script))
    assert child.returncode == 5, child.stderr
    assert child.stdout == "x" * 100000 + "\nthread\natexit\n"
    assert child.stderr == ""


def test_missing_script_exits_2_with_cpythons_message(tmp_path):
    script = tmp_path / "missing.py"
    child = run_child("missing.py", cwd=tmp_path)
    assert child.returncode == 2
    assert child.stdout == ""
    assert child.stderr == f"{sys.executable}: can't open file '{script}': [Errno 2] No such file or directory\n"


@pytest.mark.parametrize("packaging", ["directory", "zip file"])
def test_directory_or_zip_file_runs_its_main_module(tmp_path, packaging):
    main_code = "import sys\nprint(__name__, sys.path[0] == sys.argv[0])\n"
    if packaging == "directory":
        target = tmp_path / "app"
        target.mkdir()
        (target / "__main__.py").write_text(main_code)
    else:
        target = tmp_path / "app.pyz"
        with zipfile.ZipFile(target, "w") as archive:
            archive.writestr("__main__.py", main_code)
    child = run_child(str(target))
    assert child.returncode == 0, child.stderr
    assert child.stdout == "__main__ True\n"


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
