"""Argument parsing with the exact behaviour and messages of CPython's builtins.

CPython's C functions parse their arguments in one of four ways (Argument
Clinic with keywords, positional-only, a single argument, no argument); each
raises TypeError with its own wording. Python-level ``def`` signatures would
word those errors differently, so pyselect4j's functions take ``*args,
**kwargs`` and let one of the parsers below bind them.
"""

import sys

from ._suggest import suggest

_MISSING = object()
# The default of a parameter that a frequent call takes plainly, positional-only:
# "not given" (see given()).
NOT_GIVEN = _MISSING


def given(*values):
    """The leading values that are not NOT_GIVEN: what the caller passed by position.

    The frequent methods (waits, registrations) are declared as
    ``def f(self, a=NOT_GIVEN, b=NOT_GIVEN, /, *args, **kwargs)``: GraalPy
    compiles such a call into plain parameter passing, while CPython's
    argument errors are not Python's, so only a plain call (no extra argument,
    no keyword) takes the fast path and any other rebuilds the call with
    ``given(a, b) + args, kwargs`` for its parser.
    """
    for i, value in enumerate(values):
        if value is _MISSING:
            return values[:i]
    return values


def _plural(n):
    return "" if n == 1 else "s"


class Keywords:
    """Argument Clinic's keyword parser: ``name(posonly..., /, names..., *, kwonly...)``.

    ``params`` lists every parameter name in order; the first ``posonly`` are
    positional-only, the last ``kwonly`` keyword-only; the first ``required``
    have no default. ``defaults`` maps the others to their default.
    """

    def __init__(self, name, params, *, required, defaults, posonly=0, kwonly=0):
        self.name = name
        self.params = tuple(params)
        self.posonly = posonly
        self.maxpos = len(self.params) - kwonly
        self.required = required
        self.keywords = self.params[posonly:]
        self.defaults = tuple(defaults.get(p, _MISSING) for p in self.params)

    def signature(self):
        kinds = (["POSITIONAL_ONLY"] * self.posonly
                 + ["POSITIONAL_OR_KEYWORD"] * (self.maxpos - self.posonly)
                 + ["KEYWORD_ONLY"] * (len(self.params) - self.maxpos))
        return _signature(self.params, kinds, self.defaults)

    def set_default(self, param, value):
        """Sets a default known only once pyselect4j is installed (kernel constants)."""
        defaults = list(self.defaults)
        defaults[self.params.index(param)] = value
        self.defaults = tuple(defaults)

    def bind(self, args, kwargs):
        """The arguments as a tuple in parameter order, defaults filled in."""
        nargs = len(args)
        if not kwargs and self.required <= nargs <= self.maxpos:
            return args + self.defaults[nargs:]
        return self._bind_slowly(args, kwargs or {})

    def _bind_slowly(self, args, kwargs):
        name = self.name
        nargs, nkwargs, maxargs = len(args), len(kwargs), len(self.params)
        if nargs + nkwargs > maxargs:
            raise TypeError(f"{name}() takes at most {maxargs} {'keyword ' if nargs == 0 else ''}"
                            f"argument{_plural(maxargs)} ({nargs + nkwargs} given)")
        if nargs > self.maxpos:
            if self.maxpos == 0:
                raise TypeError(f"{name}() takes no positional arguments")
            how = "at most" if self.required < self.maxpos else "exactly"
            raise TypeError(f"{name}() takes {how} {self.maxpos} positional "
                            f"argument{_plural(self.maxpos)} ({nargs} given)")
        required_posonly = min(self.posonly, self.required)
        if nargs < required_posonly:
            how = "at least" if required_posonly < self.maxpos else "exactly"
            raise TypeError(f"{name}() takes {how} {required_posonly} positional "
                            f"argument{_plural(required_posonly)} ({nargs} given)")
        bound = list(args) + [_MISSING] * (maxargs - nargs)
        unused = nkwargs
        for i in range(max(nargs, self.posonly), maxargs):
            value = kwargs.get(self.params[i], _MISSING) if unused else _MISSING
            if value is not _MISSING:
                bound[i] = value
                unused -= 1
            elif i < self.required:
                raise TypeError(f"{name}() missing required argument '{self.params[i]}' (pos {i + 1})")
            else:
                bound[i] = self.defaults[i]
        if unused:
            for i in range(self.posonly, nargs):
                if self.params[i] in kwargs:
                    raise TypeError(f"argument for {name}() given by name ('{self.params[i]}') "
                                    f"and position ({i + 1})")
            self._reject_unknown(kwargs)
        return tuple(bound)

    def _reject_unknown(self, kwargs):
        for key in kwargs:
            if not isinstance(key, str):
                raise TypeError("keywords must be strings")
            if key not in self.keywords:
                suggestion = suggest(key, self.keywords)
                hint = f". Did you mean '{suggestion}'?" if suggestion else ""
                raise TypeError(f"{self.name}() got an unexpected keyword argument '{key}'{hint}")


class Positional:
    """A positional-only builtin checked by count: ``name(a, b=..., /)``."""

    def __init__(self, name, qualname, params, *, required, defaults=()):
        self.name = name
        self.qualname = qualname
        self.params = tuple(params)
        self.required = required
        self.defaults = tuple(defaults)
        self.maxpos = required + len(self.defaults)

    def signature(self):
        return _signature(self.params, ["POSITIONAL_ONLY"] * len(self.params),
                          (_MISSING,) * self.required + self.defaults)

    def set_default(self, param, value):
        defaults = list(self.defaults)
        defaults[self.params.index(param) - self.required] = value
        self.defaults = tuple(defaults)

    def bind(self, args, kwargs):
        if kwargs:
            raise TypeError(f"{self.qualname}() takes no keyword arguments")
        nargs = len(args)
        if nargs < self.required:
            self._wrong_count("at least ", self.required, nargs)
        if nargs > self.maxpos:
            self._wrong_count("at most ", self.maxpos, nargs)
        return args + self.defaults[nargs - self.required:]

    def _wrong_count(self, bound, expected, given):
        if self.required == self.maxpos:
            bound = ""
        raise TypeError(f"{self.name} expected {bound}{expected} argument{_plural(expected)}, got {given}")


class One:
    """A builtin taking exactly one positional argument (METH_O)."""

    def __init__(self, qualname, param):
        self.qualname = qualname
        self.param = param

    def signature(self):
        return _signature((self.param,), ("POSITIONAL_ONLY",), (_MISSING,))

    def bind(self, args, kwargs):
        if kwargs:
            raise TypeError(f"{self.qualname}() takes no keyword arguments")
        if len(args) != 1:
            raise TypeError(f"{self.qualname}() takes exactly one argument ({len(args)} given)")
        return args[0]


class Nothing:
    """A builtin taking no argument (METH_NOARGS). bind() only raises, so callers
    skip it when given none: interpreted, the call alone costs microseconds."""

    def __init__(self, qualname):
        self.qualname = qualname

    def signature(self):
        return _signature((), (), ())

    def bind(self, args, kwargs):
        if kwargs:
            raise TypeError(f"{self.qualname}() takes no keyword arguments")
        if args:
            raise TypeError(f"{self.qualname}() takes no arguments ({len(args)} given)")


class Tuple:
    """A builtin parsing a fixed number of positional arguments with PyArg_ParseTuple.

    name is the one of the format string, which words the count errors;
    qualname, when given, is the function's own, which words the keyword
    error (they differ for time.clock_settime_ns).
    """

    def __init__(self, name, params, qualname=None):
        self.name = name
        self.qualname = qualname or name
        self.params = tuple(params)

    def signature(self):
        return _signature(self.params, ["POSITIONAL_ONLY"] * len(self.params), (_MISSING,) * len(self.params))

    def bind(self, args, kwargs):
        if kwargs:
            raise TypeError(f"{self.qualname}() takes no keyword arguments")
        count = len(self.params)
        if len(args) != count:
            raise TypeError(f"{self.name}() takes exactly {count} argument{_plural(count)} ({len(args)} given)")
        return args


def _signature(names, kinds, defaults):
    import inspect
    return inspect.Signature([
        inspect.Parameter(name, getattr(inspect.Parameter, kind),
                          default=inspect.Parameter.empty if default is _MISSING else default)
        for name, kind, default in zip(names, kinds, defaults)])


# Signatures are made only once something imports inspect: importing it at
# start-up would cost GraalPy seconds, and most programs never ask.
_unsigned = []  # (object, parser, is_method) still waiting for a __signature__


def _sign(target, parser, is_method):
    signature = parser.signature()
    if is_method:
        import inspect
        signature = signature.replace(parameters=[
            inspect.Parameter("self", inspect.Parameter.POSITIONAL_ONLY), *signature.parameters.values()])
    target.__signature__ = signature


def _sign_later(target, parser, is_method):
    if "inspect" in sys.modules:
        _sign(target, parser, is_method)
    else:
        _unsigned.append((target, parser, is_method))


def sign_pending():
    """Gives every waiting object its signature; called once inspect is imported."""
    while _unsigned:
        _sign(*_unsigned.pop())


# warnings.warn's stacklevel that names the line calling a BuiltinFunction, from
# a converter called by the function behind it (converter, function, caller).
WARN_CALLER = 3
# The same for a JavaBoundFunction's function, which its plain call calls.
WARN_CALLER_BEHIND_JAVA = WARN_CALLER + 1


def _no_attribute(self):
    raise AttributeError


class BuiltinFunction(staticmethod):
    """A module-level function that behaves like one of CPython's builtins: it
    does not bind as a method when stored in a class (selectors keeps
    ``select.poll`` as a class attribute and calls it), and reports the
    builtin's signature.

    A staticmethod: calling one is GraalPy's own builtin call, where a class
    with a Python ``__call__`` ran one more Python function on every call,
    microseconds while GraalPy interprets it."""

    # A staticmethod's own attributes, which a builtin has not (inspect.unwrap would find the glue).
    __wrapped__ = __func__ = property(_no_attribute)

    def __new__(cls, function, parser, module, call=None):
        return super().__new__(cls, call or function)

    def __init__(self, function, parser, module, call=None):
        """``call``, when given, is what a call runs, in place of ``function``."""
        super().__init__(call or function)
        del self.__annotations__  # copied by staticmethod, absent from a builtin
        self.__name__ = self.__qualname__ = function.__name__
        self.__module__ = module
        self.__doc__ = function.__doc__
        _sign_later(self, parser, False)

    def __get__(self, instance, owner=None):
        return self

    def __repr__(self):
        return f"<built-in function {self.__name__}>"

    def __reduce__(self):
        return self.__qualname__  # pickled by name, as a builtin is


# What a Java plain call returns when the glue must do the call.
NOT_PLAIN = object()


def pair(a, b):
    """The tuple the Java plain calls return (a timerfd's pair, a wait's one ready)."""
    return (a, b)


def tuple_of(*values):
    """The tuple of a wait's ready numbers, from the seam."""
    return values


class _SeamPlainCalls:
    """The seam's plain calls, under the names of the bridge's FastCalls."""

    def __init__(self, seam):
        self.call = seam.plainCall
        self.number = seam.plainCallNumber
        self.takeFailure = seam.takeFailure


_plain_calls = None


def plain_calls(bridge, seam):
    """Java's plain calls of the timerfd and clock functions (one per context):
    through the seam where the context permits it, else host calls (the
    bridge's FastCalls, which also take those of epoll and poll objects)."""
    global _plain_calls
    if _plain_calls is None:
        if seam is not None:
            _plain_calls = _SeamPlainCalls(seam)
        else:
            _plain_calls = bridge.fastCalls(NOT_PLAIN, NOT_GIVEN, pair, ([], ()))
    return _plain_calls


class JavaBoundFunction(BuiltinFunction):
    """A builtin whose plain calls (exact ints and floats, known keywords) Java
    binds, converts and does in one call: no glue runs, so even a process's
    first call is fast. Any other call, bad ones included, goes through
    ``function``, the reference for CPython's checks and messages; a failed
    system call's exception is raised here (see FailedCalls.java)."""

    def __init__(self, function, parser, module, calls):
        super().__init__(function, parser, module, _plain_first(function, calls))


def _plain_first(function, calls):
    """What a JavaBoundFunction runs: Java's plain call, else ``function``."""
    call, take_failure, number = calls.call, calls.takeFailure, calls.number(function.__name__)

    # The keywords of PlainCalls.KEYWORDS, in its order, as parameters: GraalPy
    # passes them without making a dict. Other keywords are the function's to reject.
    def plain_first(*args, flags=NOT_GIVEN, initial=NOT_GIVEN, interval=NOT_GIVEN, **others):
        if not others:
            result = call(number, args, flags, initial, interval)
            if result is not NOT_PLAIN:
                return result
            failure = take_failure()
            if failure is not None:
                raise failure
        given = {name: value for name, value in (("flags", flags), ("initial", initial), ("interval", interval))
                 if value is not NOT_GIVEN}
        return function(*args, **given, **others)

    return plain_first


def method(parser):
    """Gives a method the signature CPython reports for it: ``parser``'s, after self."""
    def decorate(function):
        _sign_later(function, parser, True)
        return function
    return decorate
