"""Property-based fuzzing of the frontend: random numeric functions
(fuzz_programs.py) compiled by kern and run on random arguments must give
CPython's answer -- the same value (floats to 1e-9 relative), or the same
exception type (ZeroDivisionError, ValueError of an empty reduction) --
and ill-typed ones must be refused with a located kern error, never a
crash, a hang or silence.

The normal suite runs a fixed, derandomized set of examples; a longer,
random campaign (docs/reliability.md):

    KERN_FUZZ_EXAMPLES=5000 KERN_FUZZ_RANDOM=1 python3 -m pytest -q \\
        test/python/test_fuzz_frontend.py

The reference run gives the function arrays whose scalar elements are
Python floats and ints (`PyArray`), so that `x[i] / 0.0` raises as CPython
does rather than giving NumPy scalar semantics (inf and a warning): kern,
like Numba, follows Python's rules for scalars.
"""

import itertools
import linecache
import math
import os
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import kern
from kern.errors import KernError

from fuzz_programs import arguments, program

EXAMPLES = int(os.environ.get("KERN_FUZZ_EXAMPLES", "100"))
SETTINGS = dict(
    max_examples=EXAMPLES, deadline=None, database=None,
    derandomize=not os.environ.get("KERN_FUZZ_RANDOM"),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.filter_too_much])
COMPARED = (ZeroDivisionError, ValueError)  # exceptions kern must match
_serial = itertools.count()


class PyArray(np.ndarray):
    """An ndarray whose int-indexed elements are Python scalars."""

    def __getitem__(self, index):
        item = super().__getitem__(index)
        return item.item() if isinstance(item, np.generic) else item


def define(source):
    """The function `f` of `source`, with a file name inspect can read."""
    name = f"<kern-fuzz-{next(_serial)}>"
    linecache.cache[name] = (len(source), None, source.splitlines(True), name)
    namespace = {"math": math, "np": np}
    exec(compile(source, name, "exec"), namespace)
    return namespace["f"]


def outcome(f, args):
    """('ok', value) or ('raise', exception type, message)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return "ok", f(*args)
    except Exception as e:  # noqa: BLE001 - the type is the result
        return "raise", type(e), str(e)


def reference_args(args):
    a, b, c, x, y = args
    return a, b, c, x.view(PyArray), y.view(PyArray)


def same_value(want, got):
    if isinstance(want, np.ndarray):
        got = np.asarray(got)
        return want.shape == got.shape and np.allclose(
            got, want, rtol=1e-9, atol=1e-12, equal_nan=True)
    if isinstance(want, (bool, np.bool_)):
        return bool(got) == bool(want) and isinstance(got, (bool, np.bool_))
    want, got = float(want), float(got)
    if math.isnan(want):
        return math.isnan(got)
    return got == want or math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-12)


def check(source, args_list):
    f = define(source)
    compiled = kern.njit(f)
    for args in args_list:
        want = outcome(f, reference_args(args))
        if want[0] == "raise":
            # CPython's own overflow rules (float ** too big, int(inf)) are
            # outside the generated language, and math.sin(inf) & co. give
            # nan in Numba and kern where CPython raises "math domain
            # error"; everything else must match.
            assume(want[1] in COMPARED and "math domain" not in want[2])
        elif isinstance(want[1], int) and not isinstance(want[1], bool):
            assume(abs(want[1]) < 2 ** 62)
        got = outcome(compiled, args)
        if got[0] == "raise" and issubclass(got[1], KernError):
            raise AssertionError(f"kern refused a valid function:\n{source}")
        assert got[0] == want[0], (source, args, want, got)
        if want[0] == "raise":
            assert issubclass(got[1], want[1]), (source, args, want, got)
        else:
            assert same_value(want[1], got[1]), (source, args, want, got)


@settings(**SETTINGS)
@given(program(), st.lists(arguments(), min_size=1, max_size=3))
def test_random_functions_match_cpython(prog, args_list):
    source, _ = prog
    check(source, args_list)


@settings(**dict(SETTINGS, max_examples=max(10, EXAMPLES // 4)))
@given(program(ill_typed=True), arguments())
def test_ill_typed_functions_raise_located_errors(prog, args):
    source, _ = prog
    compiled = kern.njit(define(source))
    with pytest.raises(KernError) as info:
        compiled(*args)
    assert info.value.lineno == 4, (source, str(info.value))
    assert "kern-fuzz-" in str(info.value)


def test_reference_array_gives_python_scalars():
    x = np.array([1.0, 2.0]).view(PyArray)
    assert type(x[0]) is float
    with pytest.raises(ZeroDivisionError):
        define("def f(v):\n    return v[0] / 0.0\n")(x)


# ---- what the campaigns found (docs/reliability.md) -----------------------

def test_hypot_is_correctly_rounded():
    """Found by the fuzzer: math.hypot was max * sqrt(1 + (min/max)**2),
    one ulp off CPython's (10.19803902718557 for hypot(10, 2)), which
    `% 1e-3` turned into a wrong 7th digit. Now libm's hypot."""
    f = kern.njit(lambda a, b: (math.hypot(a, b) / 1e-3) % 1e-3)
    assert f(10.0, 2.0) == (math.hypot(10.0, 2.0) / 1e-3) % 1e-3
    x = np.linspace(-1e3, 1e3, 101)
    y = np.linspace(3.0, -7e2, 101)
    g = kern.njit(lambda u, v: np.hypot(u, v))
    assert np.array_equal(g(x, y), np.hypot(x, y))
    assert np.array_equal(g(x.astype(np.float32), y.astype(np.float32)),
                          np.hypot(x.astype(np.float32), y.astype(np.float32)))
    h = kern.njit(lambda a, b: math.hypot(a, b))
    assert h(math.inf, math.nan) == math.inf
    assert h(1e308, 1e308) == math.hypot(1e308, 1e308)
