# Runs the program the launcher was given, the way CPython's python3 does, and
# gives back the exit status. Main evaluates it as an internal source: in a
# namespace of its own, its frames in no traceback. The last expression is the
# function it calls, with a callable to call as the program starts (it lets the
# JIT compile: see StartupCompilationGate), one to tell the gate of imports (None
# when no gate holds the JIT), and whether the process ends right after it, the
# context left open (see Main.exitAtOnce).


def run_program(mode, target, skip_first_line, program_starts, importing, end_here):
    import os
    import runpy
    import sys
    from importlib.machinery import BuiltinImporter, SourceFileLoader

    def exit_status(exit):
        code = exit.code
        if code is None:
            return 0
        if isinstance(code, int):
            return code & 0xFF
        print(code, file=sys.stderr)
        return 1

    def report(error):
        sys.excepthook(type(error), error, error.__traceback__)

    def tell_of_imports():
        """Has the import system tell the gate as each module's import starts and ends (at
        every level: a package and the modules it imports)."""
        import importlib._bootstrap as bootstrap
        find_and_load = bootstrap._find_and_load

        def _find_and_load(*arguments):
            importing(True)
            try:
                return find_and_load(*arguments)
            finally:
                importing(False)

        bootstrap._find_and_load = _find_and_load

    def prepend_to_path(entry):
        # -P and -I: no potentially unsafe path first on sys.path, as CPython.
        if not (sys.flags.safe_path or sys.flags.isolated):
            sys.path.insert(0, entry)

    def importer_of(path):
        """As CPython's main asks the import system first: a directory or zip file (an
        importer is found) runs as its __main__ module, anything else as a source file."""
        if path in sys.path_importer_cache:
            return sys.path_importer_cache[path]
        importer = None
        for hook in sys.path_hooks:
            try:
                importer = hook(path)
                break
            except ImportError:
                pass
        sys.path_importer_cache[path] = importer
        return importer

    def run_source_file():
        """As CPython runs a script: in __main__ itself, with __file__ and __cached__ set
        while it runs and __loader__ a SourceFileLoader (runpy.run_path would import
        pkgutil on the way, 0.4 s of start-up here, and show its frames in tracebacks).
        -x: the first line is not Python; line numbers still count it, as in CPython."""
        path = os.path.join(os.getcwd(), target)  # absolute, not normalised, as CPython's __file__
        try:
            script = open(path, "rb")
        except OSError as error:
            print(f"{sys.executable}: can't open file {path!r}: [Errno {error.errno}] {error.strerror}",
                  file=sys.stderr)
            raise SystemExit(2)
        with script:
            if skip_first_line:
                script.readline()
                source = b"\n" + script.read()
            else:
                source = script.read()
        main.__loader__ = SourceFileLoader("__main__", path)
        run_as_file(source, path)

    def run_as_file(source, path):
        """As CPython runs a file or standard input: __file__ and __cached__ set only meanwhile."""
        main.__dict__.update(__file__=path, __cached__=None)
        try:
            exec(compile(source, path, "exec"), main.__dict__)
        finally:
            main.__dict__.pop("__file__", None)
            main.__dict__.pop("__cached__", None)

    def run():
        if mode == "script":
            if importer_of(target) is not None:  # its __main__ module, with target first on sys.path
                runpy.run_path(target, run_name="__main__")
            else:
                prepend_to_path(os.path.dirname(os.path.realpath(target)))  # a symlink's target's, as CPython
                if target.endswith(".pyc"):
                    runpy.run_path(target, run_name="__main__")
                else:
                    run_source_file()
        elif mode == "module":
            prepend_to_path(os.getcwd())
            runpy._run_module_as_main(target)  # what CPython's -m calls: the module runs in __main__ itself
        elif mode == "code":
            prepend_to_path("")
            exec(compile(target, "<string>", "exec"), main.__dict__)
        elif mode == "stdin":
            prepend_to_path("")
            run_as_file(sys.stdin.read(), "<stdin>")
        elif mode == "version":
            print("Python", sys.version.split()[0], "(GraalPy, with pyselect4j)")

    main = sys.modules["__main__"]
    # As CPython's __main__ starts: an empty __annotations__, and the loader of -c and of standard input.
    main.__dict__.setdefault("__annotations__", {})
    main.__loader__ = BuiltinImporter
    import signal
    try:
        # Ctrl-C raises KeyboardInterrupt, as in CPython (embedded GraalPy leaves SIGINT to the JVM);
        # a SIGINT that came ignored (nohup, a shell's background job) stays ignored, as CPython leaves it.
        from _pyselect4j import _signals
        if _signals.bridge is not None and _signals.bridge.signalIsIgnored(signal.SIGINT):
            signal.signal(signal.SIGINT, signal.SIG_IGN)
        else:
            signal.signal(signal.SIGINT, signal.default_int_handler)
    except (OSError, ValueError):
        pass
    if importing is not None:
        tell_of_imports()
    program_starts()
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
    if end_here:
        # The launcher ends the process without closing the context (Main.exitAtOnce): what CPython
        # does at exit after joining the threads, atexit's callbacks, is done here.
        import atexit
        try:
            atexit._run_exitfuncs()
        except BaseException:
            pass  # a failing callback was reported as it failed, and the others ran
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass
    return status


run_program
