"""Runs several benchmark scripts in one interpreter process, one after the other.

  suite.py call_cost.py --rounds 1 -- timer_dispatch.py --timers 100 -- ...

bench/run --quick uses it to pay the launcher's start-up once per interpreter.
"""
import os
import runpy
import sys


def script_command_lines(arguments):
    command_line = []
    for argument in arguments:
        if argument == "--":
            if command_line:
                yield command_line
            command_line = []
        else:
            command_line.append(argument)
    if command_line:
        yield command_line


def main():
    bench_dir = os.path.dirname(os.path.abspath(__file__))
    for script, *script_arguments in script_command_lines(sys.argv[1:]):
        script_path = os.path.join(bench_dir, script)
        sys.argv = [script_path] + script_arguments
        runpy.run_path(script_path, run_name="__main__")


if __name__ == "__main__":
    main()
