"""np.datetime64 and np.timedelta64 in compiled code: arguments and
results, arithmetic with NumPy's unit rules, NaT, comparisons, np.isnat,
constructors, arrays and reductions -- compared with NumPy."""

import warnings

import numpy as np
import pytest

import kern
from kern.datetimetype import datetime_type

D = np.timedelta64
T = np.datetime64
NAT_M = np.datetime64("NaT")
NAT_m = np.timedelta64("NaT")


def same(got, want):
    """Equal values of the same dtype, NaT equal to NaT."""
    got, want = np.asarray(got), np.asarray(want)
    assert got.dtype == want.dtype, (got.dtype, want.dtype)
    if got.dtype.kind in "Mm":
        assert np.array_equal(np.isnat(got), np.isnat(want))
        assert np.array_equal(got[~np.isnat(got)], want[~np.isnat(want)])
    else:
        np.testing.assert_array_equal(got, want)


def numpy_of(f, *args):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return f(*args)


def test_types_of_values():
    assert kern.typeof(T("2020-01-01")) is datetime_type("M", "D")
    assert kern.typeof(D(3, "h")) is datetime_type("m", "h")
    assert str(kern.typeof(np.zeros(3, "M8[ns]"))) == "datetime64[ns][::1]"
    assert str(kern.typeof(D(5))) == "timedelta64"
    with pytest.raises(TypeError, match="multiple of a unit"):
        kern.typeof(np.zeros(2, "m8[10ms]"))


@pytest.mark.parametrize("value", [T("2020-02-29"), T("2021-03-04T05:06:07"),
                                   D(7, "D"), D(-3, "ms"), NAT_M, NAT_m,
                                   T("NaT", "ns"), D(5)])
def test_scalars_pass_through(value):
    f = kern.njit(lambda x: x)
    got = f(value)
    assert type(got) is type(value)
    same(got, value)


@pytest.mark.parametrize("dtype", ["M8[D]", "M8[s]", "m8[ns]", "m8[Y]"])
def test_arrays_pass_and_return(dtype):
    a = np.arange(6).astype(dtype).reshape(2, 3)
    a[0, 1] = np.array("NaT", dtype)

    @kern.njit
    def f(a):
        b = a.copy()
        b[1, 2] = a[0, 0]
        return b, a[0, 1], a[1, 0]

    b, x, y = f(a)
    want = a.copy()
    want[1, 2] = a[0, 0]
    same(b, want)
    same(x, a[0, 1])
    same(y, a[1, 0])


OPS = {
    "+": lambda x, y: x + y, "-": lambda x, y: x - y,
    "*": lambda x, y: x * y, "/": lambda x, y: x / y,
    "//": lambda x, y: x // y, "%": lambda x, y: x % y,
}

PAIRS = [
    ("-", T("2020-03-01"), T("2019-12-25")),
    ("-", T("2020-03-01"), T("2020-02-28T13:00")),       # mixed units
    ("-", T("2020", "Y"), T("2019-03-01")),               # years to days
    ("-", T("2020-05", "M"), T("2020-01-01T00:00:01")),   # months to seconds
    ("-", T("1969-07", "M"), T("1900-01-01")),            # before 1970
    ("+", T("2020-01-31"), D(36, "h")),
    ("+", D(2, "W"), T("2020-01-01")),
    ("-", T("2020-01-01T00:00"), D(90, "s")),
    ("+", T("2020", "Y"), D(14, "M")),
    ("+", D(3, "D"), D(5, "h")),
    ("-", D(3, "ms"), D(5, "us")),
    ("+", D(1, "Y"), D(3, "M")),
    ("*", D(3, "D"), 4),
    ("*", 4, D(3, "D")),
    ("*", D(-7, "D"), 1.5),
    ("/", D(-7, "D"), 2),
    ("//", D(7, "D"), -2),
    ("/", D(-7, "D"), 2.0),
    ("/", D(7, "D"), 0),
    ("/", D(7, "D"), D(2, "h")),
    ("//", D(7, "D"), D(-5, "h")),
    ("%", D(-5, "D"), D(3, "D")),
    ("%", D(5, "h"), D(0, "h")),
    ("//", D(5, "h"), D(0, "h")),
    ("-", T("2020-01-01"), NAT_M),
    ("+", NAT_M, D(1, "D")),
    ("+", T("2020-01-01"), NAT_m),
    ("-", NAT_m, D(1, "D")),
    ("*", NAT_m, 3),
    ("/", NAT_m, D(1, "D")),
    ("//", NAT_m, D(1, "D")),
    ("+", D(5), D(3, "s")),                               # generic unit
]


@pytest.mark.parametrize("op,x,y", PAIRS)
def test_scalar_arithmetic(op, x, y):
    f = kern.njit(OPS[op])
    same(f(x, y), numpy_of(OPS[op], x, y))


@pytest.mark.parametrize("op,x,y", [p for p in PAIRS if p[0] != "%"])
def test_array_arithmetic(op, x, y):
    xs = np.array([x, x]) if not isinstance(x, (int, float)) else x
    ys = np.array([y, y]) if not isinstance(y, (int, float)) else y
    if np.ndim(xs) == 0 and np.ndim(ys) == 0:
        pytest.skip("numbers only")
    f = kern.njit(OPS[op])
    same(f(xs, ys), numpy_of(OPS[op], xs, ys))
    if np.ndim(xs) and np.ndim(ys):  # an array with a scalar
        same(f(xs, y), numpy_of(OPS[op], xs, y))


def test_unit_errors_are_typing_errors():
    f = kern.njit(lambda x, y: x + y)
    with pytest.raises(kern.TypingError, match="datetime"):
        f(D(1, "Y"), D(1, "D"))           # years and days: no common unit
    with pytest.raises(kern.TypingError):
        f(T("2020-01-01"), T("2020-01-02"))  # datetime + datetime
    with pytest.raises(kern.TypingError):
        f(T("2020-01-01"), D(1, "M"))       # months on days
    with pytest.raises(kern.TypingError):
        kern.njit(lambda x: x * 2)(T("2020-01-01"))


CMP = {
    "<": lambda x, y: x < y, "<=": lambda x, y: x <= y,
    ">": lambda x, y: x > y, ">=": lambda x, y: x >= y,
    "==": lambda x, y: x == y, "!=": lambda x, y: x != y,
}


@pytest.mark.parametrize("op", CMP)
@pytest.mark.parametrize("x,y", [
    (T("2020-01-01"), T("2020-01-01T00:00:01")),
    (T("2020-01-02"), T("2020-01-01T23:59")),
    (T("2020-01-01"), T("2020-01-01T00:00")),
    (T("2020", "Y"), T("2020-01-01")),
    (D(1, "h"), D(60, "m")),
    (D(-1, "s"), D(2, "ms")),
    (T("2020-01-01"), NAT_M),
    (NAT_m, NAT_m),
    (NAT_M, T("2020-01-01", "ns")),
])
def test_comparisons(op, x, y):
    f = kern.njit(CMP[op])
    assert f(x, y) == numpy_of(CMP[op], x, y)
    xs, ys = np.array([x, x, y]), np.array([y, y, x])
    same(f(xs, ys), numpy_of(CMP[op], xs, ys))


def test_equality_of_units_that_do_not_convert():
    # Numba: unequal (NumPy raises); ordering them is a TypingError
    assert kern.njit(lambda x, y: x == y)(D(1, "Y"), D(365, "D")) is False
    assert kern.njit(lambda x, y: x != y)(D(1, "Y"), D(365, "D")) is True
    with pytest.raises(kern.TypingError):
        kern.njit(lambda x, y: x < y)(D(1, "Y"), D(365, "D"))


def test_isnat():
    f = kern.njit(lambda x: np.isnat(x))
    for v in (T("2020-01-01"), NAT_M, D(3, "s"), NAT_m, T("NaT", "ns")):
        assert f(v) == np.isnat(v)
    a = np.array(["2020-01-01", "NaT", "1970-01-01"], "M8[s]")
    same(f(a), np.isnat(a))
    same(f(a.astype("m8[s]")), np.isnat(a.astype("m8[s]")))
    with pytest.raises(kern.TypingError, match="isnat"):
        f(1.5)


def test_unary_and_abs():
    f = kern.njit(lambda x: (-x, abs(x), +x))
    for v in (D(3, "D"), D(-4, "ms"), NAT_m):
        for got, want in zip(f(v), (-v, abs(v), +v)):
            same(got, want)
    a = np.array([1, -2, 3], "m8[s]")
    same(kern.njit(lambda a: -a)(a), -a)


def test_constructors_of_constants():
    @kern.njit
    def f():
        start = np.datetime64("2020-01-01")
        step = np.timedelta64(3, "D")
        return start + step, np.datetime64("NaT"), np.timedelta64(90, "m"), \
            np.datetime64("2020-01-01T10:00", "s")

    got = f()
    want = (T("2020-01-01") + D(3, "D"), T("NaT"), D(90, "m"),
            T("2020-01-01T10:00", "s"))
    for g, w in zip(got, want):
        same(g, w)


def test_constructor_of_an_integer_and_a_unit():
    @kern.njit
    def f(n):
        return np.timedelta64(n, "h"), np.datetime64(n, "D")

    a, b = f(30)
    same(a, D(30, "h"))
    same(b, T(30, "D"))


def test_global_constants():
    epoch = np.datetime64("2000-01-01T00:00:00")

    @kern.njit
    def since(t):
        return t - epoch

    same(since(T("2000-01-02T00:00:01")), T("2000-01-02T00:00:01") - epoch)


def test_loops_over_elements():
    @kern.njit
    def count_before(a, limit):
        n = 0
        for i in range(a.shape[0]):
            if a[i] < limit:
                n += 1
        return n

    a = np.array(["2020-01-01", "NaT", "2019-06-01", "2021-01-01"], "M8[D]")
    assert count_before(a, T("2020-06-01T12")) == 2

    @kern.njit
    def gaps(a):
        out = np.empty(a.shape[0] - 1, np.float64)
        for i in range(a.shape[0] - 1):
            out[i] = (a[i + 1] - a[i]) / np.timedelta64(1, "h")
        return out

    b = np.array(["2020-01-01T00", "2020-01-01T06", "2020-01-02T00"],
                 "M8[h]")
    np.testing.assert_allclose(gaps(b), np.diff(b) / D(1, "h"))


def test_assign_converts_to_the_array_unit():
    @kern.njit
    def put(a, i, v):
        a[i] = v

    a = np.zeros(3, "M8[s]")
    put(a, 1, T("2020-01-02"))
    put(a, 2, NAT_M)
    same(a, np.array([T(0, "s"), T("2020-01-02"), NAT_M], "M8[s]"))


@pytest.mark.parametrize("dtype", ["M8[D]", "M8[ns]", "m8[s]"])
def test_min_max(dtype):
    a = np.array([5, -3, 8, 2], "i8").astype(dtype)
    f = kern.njit(lambda a: (a.min(), a.max(), np.min(a), np.max(a)))
    for got, want in zip(f(a), (a.min(), a.max(), np.min(a), np.max(a))):
        same(got, want)
    a[2] = np.array("NaT", dtype)
    for got in f(a):  # NaT wins
        assert np.isnat(got)
    m = np.arange(6).astype(dtype).reshape(2, 3)
    m[1, 0] = np.array("NaT", dtype)
    g = kern.njit(lambda m: (m.max(axis=0), m.min(axis=1)))
    for got, want in zip(g(m), (m.max(axis=0), m.min(axis=1))):
        same(got, want)


def test_sum_of_timedeltas():
    a = np.array([5, -3, 8], "m8[m]")
    f = kern.njit(lambda a: a.sum())
    same(f(a), a.sum())
    a[1] = NAT_m
    same(f(a), a.sum())
    m = np.arange(6).astype("m8[s]").reshape(2, 3)
    same(kern.njit(lambda m: m.sum(axis=0))(m), m.sum(axis=0))
    with pytest.raises(kern.TypingError):
        f(np.zeros(3, "M8[D]"))


@pytest.mark.parametrize("values", [[1, 2, 2], [-1, -2], [5, "NaT", 1]])
def test_mean_of_timedeltas(values):
    a = np.array(values, "m8[s]")
    same(kern.njit(lambda a: a.mean())(a), a.mean())
    m = np.array([[4, -7, 3], [1, 2, 2]], "m8[ms]")
    same(kern.njit(lambda m: m.mean(axis=1))(m), m.mean(axis=1))


def test_argmin_argmax_first_nat_wins():
    f = kern.njit(lambda a: (np.argmin(a), np.argmax(a)))
    for a in (np.array(["2020-01-01", "NaT", "2019-05-03", "NaT"], "M8[D]"),
              np.array([3, 1, 4, 1], "m8[h]")):
        assert f(a) == (np.argmin(a), np.argmax(a))


@pytest.mark.parametrize("args", [
    (T("2020-01-01"), T("2020-01-05")),
    (T("2020-01-01"), T("2020-01-02T00"), D(5, "h")),
    (T("2020-01-10"), T("2020-01-01"), D(-2, "D")),
    (D(0, "s"), D(10, "s"), D(3, "s")),
    (D(0, "m"), D(2, "h"), D(25, "m")),
])
def test_arange(args):
    f = kern.njit(lambda *a: np.arange(*a))
    same(f(*args), np.arange(*args))


def test_arange_errors():
    f = kern.njit(lambda a, b, c: np.arange(a, b, c))
    with pytest.raises(ValueError, match="NaT"):
        f(T("2020-01-01"), NAT_M, D(1, "D"))
    with pytest.raises(ValueError, match="zero"):
        f(D(0, "s"), D(3, "s"), D(0, "s"))


def test_minimum_of_two_python_style():
    f = kern.njit(lambda x, y: (min(x, y), max(x, y)))
    x, y = T("2020-01-01"), T("2019-01-01T12")
    for got, want in zip(f(x, y), (min(x, y), max(x, y))):
        same(got, want.astype("M8[h]"))  # (one type: the finer unit)
    x, y = T("NaT", "h"), T("2019-01-01T12")
    for got, want in zip(f(x, y), (min(x, y), max(x, y))):
        same(got, want)


def test_signatures_name_the_units():
    from kern import types
    f = kern.njit("float64(timedelta64[s], NPTimedelta('ms'))")(
        lambda x, y: x / y)
    assert f(D(3, "s"), D(1500, "ms")) == 2.0
    g = kern.njit(types.NPDatetime("D")(types.NPDatetime("D")[:]))(
        lambda a: a.max())
    a = np.array(["2020-01-01", "2021-01-01"], "M8[D]")
    same(g(a), a.max())
    assert types.NPTimedelta("s") is datetime_type("m", "s")
    with pytest.raises(TypeError):
        f(D(3, "h"), D(1, "ms"))  # no matching signature: another unit


def test_print_is_a_clear_error():
    @kern.njit
    def show(x):
        print(x)

    with pytest.raises(kern.UnsupportedError, match="print"):
        show(T("2020-01-01"))


def test_lists_of_datetimes_are_refused_clearly():
    with pytest.raises(TypeError, match="datetime64"):
        kern.njit(lambda xs: xs[0])([T("2020-01-01")])


UNITS = ["Y", "M", "W", "D", "h", "m", "s", "ms", "us", "ns"]


@pytest.mark.parametrize("ua", UNITS)
@pytest.mark.parametrize("ub", ["Y", "M", "W", "D", "s", "ns"])
def test_datetime_differences_across_units(ua, ub):
    # the calendar conversion of years and months (leap years, before 1970)
    rng = np.random.default_rng(UNITS.index(ua) * 10 + len(ub))
    span = {"Y": 200, "M": 2400, "W": 10000, "D": 70000}.get(ua, 10 ** 9)
    if ua in ("ns",) or ub == "ns":
        span = min(span, 200)  # (ns reach only 1678..2262)
    a = rng.integers(-span, span, 50).astype(f"M8[{ua}]")
    b = rng.integers(-span, span, 50).astype(f"M8[{ub}]") if ub != "ns" \
        else rng.integers(-10 ** 17, 10 ** 17, 50).astype("M8[ns]")
    a[3] = np.array("NaT", a.dtype)
    f = kern.njit(lambda a, b: (a - b, a < b, a == b))
    for got, want in zip(f(a, b), (a - b, a < b, a == b)):
        same(got, want)


def test_records_with_datetime_fields():
    dt = np.dtype([("when", "M8[s]"), ("took", "m8[ms]")])
    r = np.zeros(3, dt)
    r["when"] = np.array(["2020-01-01T00", "2020-01-02T00", "NaT"], "M8[s]")
    r["took"] = np.array([1500, 2, 7], "m8[ms]")

    @kern.njit
    def ends(r):
        out = np.empty(r.shape[0], np.dtype("M8[ms]"))
        for i in range(r.shape[0]):
            out[i] = r[i].when + r[i].took
        return out

    same(ends(r), r["when"] + r["took"])


def _with_nats():
    rng = np.random.default_rng(0)
    a = rng.integers(-100, 100, 30).astype("M8[D]")
    a[[3, 7, 20]] = NAT_M
    return a


def test_nan_classification_is_nat():
    a = _with_nats()
    f = kern.njit(lambda a: (np.isnan(a), np.isfinite(a), np.isinf(a)))
    for got, want in zip(f(a), (np.isnan(a), np.isfinite(a), np.isinf(a))):
        same(got, want)
    g = kern.njit(lambda x: (np.isnan(x), np.isfinite(x)))
    assert g(NAT_m) == (True, False) and g(D(3, "s")) == (False, True)


def test_sign_and_cumsum_of_timedeltas():
    td = _with_nats() - T("1970-01-01")
    same(kern.njit(lambda a: np.sign(a))(td), np.sign(td))
    same(kern.njit(lambda a: np.cumsum(a))(td), np.cumsum(td))
    m = td[:24].reshape(4, 6)
    same(kern.njit(lambda m: np.cumsum(m, axis=1))(m), np.cumsum(m, axis=1))
    with pytest.raises(kern.TypingError, match="cumsum"):
        kern.njit(lambda a: np.cumsum(a))(_with_nats())


def test_sorting_and_searching_put_nat_last():
    a = _with_nats()
    same(kern.njit(lambda a: np.sort(a))(a), np.sort(a))
    same(kern.njit(lambda a: np.unique(a))(a), np.unique(a))
    s = np.sort(a)
    assert kern.njit(lambda s, v: np.searchsorted(s, v))(s, a[0]) == \
        np.searchsorted(s, a[0])
    same(kern.njit(lambda a, b: np.isin(a, b))(a, a[::3]), np.isin(a, a[::3]))


def test_timedelta_compares_with_integers():
    td = np.array([0, 3, -2, 0], "m8[s]")
    f = kern.njit(lambda a: (a == 0, a > 1, np.nonzero(a)[0]))
    for got, want in zip(f(td), (td == 0, td > 1, np.nonzero(td)[0])):
        same(got, want)
    assert kern.njit(lambda x: x == 3)(D(3, "D")) is True
    with pytest.raises(kern.TypingError):
        kern.njit(lambda x: x < 3)(T("2020-01-01"))


def test_float_statistics_are_refused_not_wrong():
    td = np.array([1, 2, 4], "m8[s]")
    with pytest.raises(kern.TypingError, match="median"):
        kern.njit(lambda a: np.median(a))(td)
    with pytest.raises(kern.TypingError):
        kern.njit(lambda a: np.var(a))(td)
