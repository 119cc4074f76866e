# Runs the program the launcher was given, the way CPython's python3 does, and
# gives back the exit status. Evaluated by Main; the last expression is the
# function it calls.
RUNNER = "<pyselect4j launcher>"


def _pyselect4j_run(mode, target):
    import os
    import runpy
    import sys

    def exit_status(exit):
        code = exit.code
        if code is None:
            return 0
        if isinstance(code, int):
            return code & 0xFF
        print(code, file=sys.stderr)
        return 1

    def report(error):
        """Prints the traceback as CPython would: without this runner's frames."""
        tb = error.__traceback__
        while tb is not None and tb.tb_frame.f_code.co_filename == RUNNER:
            tb = tb.tb_next
        sys.excepthook(type(error), error, tb)

    def run():
        main = sys.modules["__main__"]
        if mode == "script":
            sys.path.insert(0, os.path.dirname(os.path.abspath(target)))
            runpy.run_path(target, run_name="__main__")
        elif mode == "module":
            sys.path.insert(0, os.getcwd())
            runpy.run_module(target, run_name="__main__", alter_sys=True)
        elif mode == "code":
            sys.path.insert(0, "")
            exec(compile(target, "<string>", "exec"), main.__dict__)
        elif mode == "stdin":
            sys.path.insert(0, "")
            exec(compile(sys.stdin.read(), "<stdin>", "exec"), main.__dict__)
        elif mode == "version":
            print("Python", sys.version.split()[0], "(GraalPy, with pyselect4j)")

    import signal
    try:
        # Ctrl-C raises KeyboardInterrupt, as in CPython (embedded GraalPy leaves SIGINT to the JVM).
        signal.signal(signal.SIGINT, signal.default_int_handler)
    except (OSError, ValueError):
        pass
    try:
        try:
            run()
        finally:
            if "threading" in sys.modules:
                sys.modules["threading"]._shutdown()  # wait for non-daemon threads, as CPython does
    except SystemExit as exit:
        status = exit_status(exit)
    except KeyboardInterrupt as error:
        report(error)
        status = -signal.SIGINT  # CPython then kills itself with SIGINT; the launcher does the same
    except BaseException as error:
        report(error)
        status = 1
    else:
        status = 0
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass
    return status


_pyselect4j_run
