"""Stand-in for CPython's `_opcode`: test.support reads only ENABLE_SPECIALIZATION.

GraalPy has no specializing bytecode interpreter, so the flag is False and
tests decorated with `requires_specialization` are skipped.
"""
ENABLE_SPECIALIZATION = False
