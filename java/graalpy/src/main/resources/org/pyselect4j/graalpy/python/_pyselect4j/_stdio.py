"""The script's standard streams on the embedder's Java streams.

On GraalPy's native POSIX backend, ``sys.stdin``, ``sys.stdout`` and
``sys.stderr`` use descriptors 0, 1 and 2 directly and never reach the streams
an embedder gave the context. For each stream given through
``PySelect4j.standardStreams`` this puts in its place a text stream on the Java
one; descriptors 0, 1 and 2 stay the process's.
"""

import io
import sys

# Bytes cross to Java as Latin-1 text: one character per byte, both ways, without a copy per element.
_BYTES_AS_TEXT = "latin-1"


class _HostStream(io.RawIOBase):
    """Raw I/O on the Java stream that stands for descriptor ``fd``. It has no
    descriptor of its own: ``fileno()`` raises ``io.UnsupportedOperation``, as
    a captured stream's does on CPython, and ``isatty()`` is false."""

    def __init__(self, bridge, fd, name):
        super().__init__()
        self._bridge, self._fd, self.name = bridge, fd, name
        self.mode = "rb" if fd == 0 else "wb"

    def readable(self):
        return self._fd == 0

    def writable(self):
        return self._fd != 0

    def readinto(self, buffer):
        data = self._bridge.readStandard(len(buffer)).encode(_BYTES_AS_TEXT)
        buffer[:len(data)] = data
        return len(data)

    def write(self, data):
        data = bytes(data)
        self._bridge.writeStandard(self._fd, data.decode(_BYTES_AS_TEXT))
        return len(data)

    def flush(self):
        if not self.closed and self._fd != 0:
            self._bridge.flushStandard(self._fd)


def install(bridge):
    if bridge.hasStandardStream(0):
        raw = _HostStream(bridge, 0, "<stdin>")
        sys.stdin = sys.__stdin__ = io.TextIOWrapper(io.BufferedReader(raw), encoding="utf-8", errors="strict")
    for fd, name, errors in ((1, "stdout", "strict"), (2, "stderr", "backslashreplace")):
        if bridge.hasStandardStream(fd):
            getattr(sys, name).flush()
            raw = _HostStream(bridge, fd, f"<{name}>")
            stream = io.TextIOWrapper(io.BufferedWriter(raw), encoding="utf-8", errors=errors, line_buffering=True)
            setattr(sys, name, stream)
            setattr(sys, f"__{name}__", stream)
