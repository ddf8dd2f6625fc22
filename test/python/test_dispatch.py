"""The call path (kern._kernrt) and the dispatcher (kern.njit).

The first half drives the C extension with hand-written packed entry points
(Inputs/packed.c), so it tests argument and result conversion without the
compiler; the second half runs @kern.njit through the whole stack and
compares with NumPy.
"""

import ctypes
import importlib.util
import os
import shutil
import subprocess
import threading

import numpy as np
import pytest

import kern
from kern import _kernrt
from kern.dispatcher import signature_codes, type_codes
from kern.types import Tuple

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
f64, i64 = kern.float64, kern.int64


# ---------------------------------------------------------------------------
# The C call path with hand-written entry points
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def packed(tmp_path_factory, kern_build_dir):
    cc = shutil.which("/usr/lib/llvm-22/bin/clang") or shutil.which("cc")
    if cc is None:
        pytest.skip("no C compiler to build the hand-written entry points")
    lib_dir = os.path.join(kern_build_dir, "lib")
    out = str(tmp_path_factory.mktemp("packed") / "packed.so")
    subprocess.run([cc, "-O1", "-shared", "-fPIC", "-I", os.path.join(REPO, "include"),
                    os.path.join(HERE, "Inputs", "packed.c"), "-o", out,
                    "-L", lib_dir, "-lkern_runtime", f"-Wl,-rpath,{lib_dir}"],
                   check=True)
    return ctypes.CDLL(out)


class Probe(_kernrt.Dispatcher):
    """A dispatcher whose misses are recorded instead of compiled."""

    def __init__(self):
        self.misses = []

    def _on_miss(self, *args, **kwargs):
        self.misses.append((args, kwargs))
        return "miss"


def make(lib, name, arg_types, result):
    """A Probe calling `name__kern_packed` for `arg_types` -> `result`."""
    probe = Probe()
    address = ctypes.cast(getattr(lib, name + "__kern_packed"), ctypes.c_void_p).value
    probe._add_entry(signature_codes(arg_types), address,
                     type_codes(result) if result is not None else (), lib)
    return probe


@pytest.mark.parametrize("value", [
    1.5, -3, 2**62, True, False, 2 - 0.5j, np.float64(2.25), np.float32(1.5),
    np.int32(-7), np.int64(9), np.uint64(2**63 + 5), np.bool_(True),
    np.complex64(1 + 2j), np.complex128(-1j),
])
def test_arg_codes_agree_with_typeof(value):
    assert _kernrt.arg_codes((value,)) == type_codes(kern.typeof(value))


@pytest.mark.parametrize("array", [
    np.zeros(3), np.zeros((2, 3), np.float32), np.zeros((2, 2, 2), np.int32),
    np.zeros((4, 4))[:, ::2], np.zeros(5, np.complex128), np.zeros(3, bool),
    np.zeros(3, np.longlong),
])
def test_array_codes_agree_with_typeof(array):
    # an argument's code carries its contiguity (C, F or neither)
    assert _kernrt.arg_codes((array,)) == signature_codes([kern.typeof(array)])
    assert _kernrt.arg_codes(((array,),)) == type_codes(
        Tuple([kern.typeof(array)]))  # not inside a tuple


def test_tuple_codes():
    assert _kernrt.arg_codes(((1.0, 2),)) == type_codes(Tuple([f64, i64]))


def test_set_codes_agree_with_typeof():
    for s in ({1, 2}, {1.5, 2}, {True}, {np.uint8(3)}):
        assert _kernrt.arg_codes((s,)) == type_codes(kern.typeof(s))


def test_unknown_value_has_no_code():
    with pytest.raises(TypeError, match="type 'frozenset'"):
        _kernrt.arg_codes((frozenset({1, 2}),))
    with pytest.raises(TypeError, match="type 'set'"):  # not numbers
        _kernrt.arg_codes(({"a"},))
    with pytest.raises(TypeError, match="type 'list'"):  # not numbers
        _kernrt.arg_codes(([b"a"],))


@pytest.mark.parametrize("value, t, name", [
    (2.5, f64, "copy8"), (-(2**40), i64, "copy8"), (True, kern.bool_, "copy1"),
    (np.bool_(False), kern.bool_, "copy1"), (np.float32(0.25), kern.float32, "copy4"),
    (np.int32(-5), kern.int32, "copy4"), (np.uint64(2**64 - 1), kern.uint64, "copy8"),
    (3 - 4j, kern.complex128, "copy16"), (np.complex64(1 - 1j), kern.complex64, "copy8"),
])
def test_scalars_round_trip(packed, value, t, name):
    f = make(packed, name, (t,), t)
    result = f(value)
    assert result == value
    assert type(result) is {"b": bool, "i": int, "u": int, "f": float, "c": complex}[t.kind]


def test_int_out_of_range_is_refused(packed):
    f = make(packed, "copy8", (i64,), i64)
    with pytest.raises(OverflowError):
        f(2**63)


def test_array_argument_is_not_copied(packed):
    f = make(packed, "sumsq", (f64[:],), f64)
    a = np.arange(10.0)
    assert f(a) == (a * a).sum()
    assert f(a[::3]) == (a[::3] ** 2).sum()           # strided
    assert f(a[::-1]) == (a * a).sum()                 # negative stride
    assert f(np.zeros((3, 3))[:, 1]) == 0.0            # column view
    assert f(np.empty(0)) == 0.0
    assert f.misses == []


def test_array_result_owns_its_buffer(packed):
    f = make(packed, "twice", (f64[:],), f64[:])
    a = np.arange(5.0)
    r = f(a[::2])
    np.testing.assert_array_equal(r, [0.0, 4.0, 8.0])
    assert r.flags.writeable and r.flags.c_contiguous and not r.flags.owndata
    assert type(r.base).__name__ == "PyCapsule"
    r[0] = 7.0                      # the buffer is ours to write
    del r                           # and is freed with the array


def test_array_result_strides_come_from_the_descriptor(packed):
    f = make(packed, "transposed", (f64[:, :],), f64[:, :])
    a = np.arange(12.0).reshape(3, 4)
    r = f(a[:, ::2])
    np.testing.assert_array_equal(r, a[:, ::2])
    assert r.flags.f_contiguous and r.strides == (8, 24)


def test_tuple_results(packed):
    f = make(packed, "stats", (f64[:],), Tuple([f64, i64]))
    assert f(np.arange(4.0)) == (6.0, 4)


def test_tuple_arguments(packed):
    pair = Tuple([f64, f64])
    f = make(packed, "dot2", (pair, pair), f64)
    assert f((1.0, 2.0), (3.0, 4.0)) == 11.0
    assert f((1.0, 2), (3.0, 4.0)) == "miss"   # (f64, i64) is another key


def test_one_buffer_returned_twice_is_freed_once(packed):
    f = make(packed, "same", (f64[:],), Tuple([f64[:], f64[:]]))
    x, y = f(np.zeros(4))
    x[1] = 5.0
    assert y[1] == 5.0
    assert y.base is x.base


def test_runtime_error_becomes_exception(packed):
    f = make(packed, "checked", (f64,), f64)
    assert f(4.0) == 4.0
    with pytest.raises(ValueError, match="negative input -2"):
        f(-2.0)
    assert f(1.0) == 1.0            # the error state does not linger


def test_no_result_is_none(packed):
    assert make(packed, "nothing", (), None)() is None


def test_miss_goes_to_python_with_keywords(packed):
    f = make(packed, "sumsq", (f64[:],), f64)
    assert f(np.arange(3)) == "miss"                    # int64 array
    assert f(np.zeros((2, 2))) == "miss"                # other rank
    assert f(a=np.zeros(2)) == "miss"                   # keywords
    assert f() == "miss"
    assert [len(a) for a, _ in f.misses] == [1, 1, 0, 0]
    assert f.misses[2][1].keys() == {"a"}


def probe_with_params(packed, cls=None):
    """sumsq(a, w=1.0, out=None) binding in C: entries for `f(a)` and
    `f(a, out=None)` (a left-out or None parameter has no slot)."""
    f = (cls or Probe)()
    f._set_params(("a", "w", "out"), (True, False, False), 3, 0, -1)
    address = ctypes.cast(packed.sumsq__kern_packed, ctypes.c_void_p).value
    omitted, none = kern.types.omitted, kern.types.none
    for types in [(f64[:], omitted, omitted), (f64[:], omitted, none)]:
        f._add_entry(signature_codes(types), address, type_codes(f64), packed)
    return f


@_kernrt.use_vectorcall
class VectorProbe(Probe):
    pass


@pytest.mark.parametrize("cls", [Probe, VectorProbe])
def test_keywords_and_defaults_bind_in_c(packed, cls):
    f = probe_with_params(packed, cls)
    a = np.arange(3.0)
    assert f(a) == 5.0 and f(a=a) == 5.0
    assert f(a, out=None) == 5.0 and f(out=None, a=a) == 5.0
    assert f(a, **{"out": None}) == 5.0
    assert f.misses == []
    assert f(a, w=2.0) == "miss" and f(a, 2.0) == "miss"  # no such entry
    for args, kwargs in [((), {}), ((a,), {"bogus": 1}), ((a, 1.0, None, 4), {}),
                         ((a,), {"a": a})]:
        assert f(*args, **kwargs) == "miss"
    # a miss sees the call's own arguments, not the bound ones
    assert f.misses[0] == ((a,), {"w": 2.0})
    assert f.misses[-1] == ((a,), {"a": a})
    assert f._call_exact(a=a) == 5.0


def test_varargs_and_keyword_only_bind_in_c(packed):
    """f(a, /, *rest, k=None): `rest` is a tuple, `k` only by keyword."""
    f = VectorProbe()
    f._set_params(("a", "rest", "k"), (True, False, False), 1, 1, 1)
    address = ctypes.cast(packed.dot2__kern_packed, ctypes.c_void_p).value
    pair = Tuple([f64, f64])
    f._add_entry(signature_codes((pair, pair, kern.types.none)), address,
                 type_codes(f64), packed)
    assert f((1.0, 2.0), 3.0, 4.0, k=None) == 11.0
    assert f((1.0, 2.0), *(3.0, 4.0), **{"k": None}) == 11.0
    assert f.misses == []
    for args, kwargs in [(((1.0, 2.0), 3.0, 4.0), {}),            # k left out
                         (((1.0, 2.0), 3.0, 4.0, None), {}),      # k by position
                         ((), {"a": (1.0, 2.0), "k": None}),      # a by keyword
                         (((1.0, 2.0),), {"rest": (3.0, 4.0), "k": None})]:
        assert f(*args, **kwargs) == "miss"
    assert len(f.misses) == 4


def test_set_params_checks_its_arguments():
    with pytest.raises(TypeError):
        Probe()._set_params(("a",), (True, False), 1, 0, -1)
    with pytest.raises(TypeError):
        Probe()._set_params(("a", 3), (True, True), 2, 0, -1)
    with pytest.raises(ValueError):
        Probe()._set_params(("a", "b"), (True, True), 1, 0, 0)   # *args first
    with pytest.raises(ValueError):
        Probe()._set_params(("a",), (True,), 2, 0, -1)


def test_call_exact_never_compiles(packed):
    f = make(packed, "sumsq", (f64[:],), f64)
    with pytest.raises(TypeError, match="no compiled entry"):
        f._call_exact(1.0)
    assert f.misses == []


def test_refuses_swapped_and_misaligned_arrays(packed):
    f = make(packed, "sumsq", (f64[:],), f64)
    with pytest.raises(TypeError, match="byte order"):
        f(np.zeros(3, dtype=">f8"))
    record = np.zeros(4, dtype=[("x", "f8"), ("c", "i1")])
    with pytest.raises(TypeError, match="not a multiple of its item size"):
        f(record["x"])
    assert f.misses == []


def test_many_specializations(packed):
    probe = Probe()
    for name, t in (("copy8", f64), ("copy8", i64), ("copy1", kern.bool_),
                    ("copy16", kern.complex128), ("copy4", kern.float32)):
        address = ctypes.cast(getattr(packed, name + "__kern_packed"), ctypes.c_void_p).value
        probe._add_entry(type_codes(t), address, type_codes(t), packed)
    for _ in range(3):
        assert probe(1.5) == 1.5 and probe(3) == 3 and probe(True) is True
        assert probe(1j) == 1j and probe(np.float32(2)) == 2.0
    assert probe._num_entries == 5 and probe.misses == []


def test_nogil_entry_runs_alongside_other_threads(packed):
    probe = Probe()
    address = ctypes.cast(packed.sumsq__kern_packed, ctypes.c_void_p).value
    probe._add_entry(type_codes(f64[:]), address, type_codes(f64), packed, None, True)
    a = np.arange(1000.0)
    results = []
    threads = [threading.Thread(target=lambda: results.append(probe(a))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [(a * a).sum()] * 4


# ---------------------------------------------------------------------------
# libkern's compiler and the call path, with hand-written loop-level IR
# ---------------------------------------------------------------------------

LOOPS = """
#strided = strided<[?], offset: ?>
func.func @squares(%x: memref<?xf64, #strided>) -> memref<?xf64>
    attributes {kern.entry} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = memref.dim %x, %c0 : memref<?xf64, #strided>
  %r = memref.alloc(%n) : memref<?xf64>
  scf.for %i = %c0 to %n step %c1 {
    %v = memref.load %x[%i] : memref<?xf64, #strided>
    %sq = arith.mulf %v, %v : f64
    memref.store %sq, %r[%i] : memref<?xf64>
  }
  return %r : memref<?xf64>
}
func.func @ident(%x: memref<?xf64, #strided>) -> memref<?xf64, #strided>
    attributes {kern.entry} {
  return %x : memref<?xf64, #strided>
}
"""


@pytest.fixture(scope="module")
def loops():
    from kern import _compiler
    return _compiler.compile(LOOPS)


def test_compiled_module_through_the_call_path(loops):
    f = Probe()
    f._add_entry(type_codes(f64[:]), loops.lookup("squares__kern_packed"),
                 type_codes(f64[:]), loops)
    a = np.arange(7.0)
    np.testing.assert_array_equal(f(a[::2]), a[::2] ** 2)
    np.testing.assert_array_equal(f(np.empty(0)), np.empty(0))


def test_returned_argument_is_an_owned_copy(loops):
    f = Probe()
    f._add_entry(type_codes(f64[:]), loops.lookup("ident__kern_packed"),
                 type_codes(f64[:]), loops)
    a = np.arange(6.0)
    r = f(a[1::2])
    np.testing.assert_array_equal(r, a[1::2])
    assert not np.shares_memory(r, a)


def test_compiler_errors_are_located():
    from kern import _compiler
    with pytest.raises(_compiler.CompileError, match=r"^-?:?1:\d+: error"):
        _compiler.compile("func.func @f(")
    with pytest.raises(KeyError, match="no function 'nope'"):
        _compiler.compile(LOOPS).lookup("nope")


def test_compiler_timings_name_each_stage(loops):
    timings = loops.timings()
    assert list(timings)[:2] == ["parse", "kern-passes"] and "jit" in timings
    assert all(v >= 0 for v in timings.values())


# ---------------------------------------------------------------------------
# The decorator
# ---------------------------------------------------------------------------


def test_decorator_keeps_the_function():
    def f(a, b=2):
        """Docstring."""
        return a + b

    d = kern.njit(f)
    assert d.py_func is f and d.__name__ == "f" and d.__doc__ == "Docstring."
    assert d.signatures == [] and isinstance(d, kern.Dispatcher)
    assert kern.njit(parallel=True)(f).targetoptions["parallel"]
    assert kern.jit(nopython=True)(f).py_func is f


def test_object_mode_is_refused():
    with pytest.raises(kern.UnsupportedError, match="nopython mode only"):
        kern.jit(nopython=False)
    with pytest.raises(kern.UnsupportedError, match="object mode"):
        kern.jit(forceobj=True)


def test_unknown_option_is_refused():
    with pytest.raises(TypeError, match="unexpected option 'inlined'"):
        kern.njit(inlined="always")(lambda x: x)


def test_numbas_options_without_effect_are_accepted():
    f = kern.njit(inline="always", error_model="numpy", locals={"y": 1},
                  no_cpython_wrapper=False, debug=False)(lambda x: x + 1)
    assert f(1) == 2
    assert kern.jit(nopython=True, looplift=False, inline="never")(
        lambda x: x * 2)(3) == 6


def test_prange_is_range_in_python():
    assert list(kern.prange(2, 8, 3)) == [2, 5]


def test_dtype_names_make_signatures():
    assert str(kern.float64[:, :]) == "float64[:, :]"
    assert kern.complex128.kind == "c"
    ret, args = kern.types.parse_signature(kern.float64(kern.float64[:], kern.int64))
    assert ret is kern.float64 and args == (kern.float64[:], kern.int64)


# ---------------------------------------------------------------------------
# The whole stack: typing, lowering, libkern, the call path
# ---------------------------------------------------------------------------

stack = pytest.mark.skipif(importlib.util.find_spec("kern.lowering") is None,
                           reason="kern.lowering (the typing half) is not there yet")


@kern.njit
def sum_of_squares(a):
    s = 0.0
    for i in range(a.shape[0]):
        s += a[i] * a[i]
    return s


@stack
def test_sum_of_squares_matches_numpy():
    a = np.random.default_rng(0).random(1000)
    assert sum_of_squares(a) == pytest.approx(np.sum(a * a), rel=1e-12)
    assert sum_of_squares(a[::7]) == pytest.approx(np.sum(a[::7] ** 2), rel=1e-12)
    # one entry for C-contiguous arrays, whose unit stride the code knows,
    # one for any layout (as Numba's 'C' and 'A')
    assert len(sum_of_squares.signatures) == 2


@stack
def test_lazy_compile_per_type():
    @kern.njit
    def add(x, y):
        return x + y

    assert add(1, 2) == 3
    assert add(1.5, 2.0) == 3.5
    assert add(1, 2) == 3
    assert len(add.signatures) == 2
    assert add(y=2, x=5) == 7                          # keywords fold


@stack
def test_explicit_signature_is_eager_and_sealed():
    @kern.njit("float64(float64[:])")
    def total(a):
        s = 0.0
        for i in range(a.shape[0]):
            s += a[i]
        return s

    assert len(total.signatures) == 1 and total.stats["total"] > 0
    assert total(np.arange(5.0)) == 10.0
    with pytest.raises(TypeError, match=r"float64\[:\]\).*int64\[::1\]|int64\[::1\].*float64\[:\]"):
        total(np.arange(5))


@stack
def test_explicit_signature_converts_scalars():
    @kern.njit(["float64(float64, float64)"])
    def mul(x, y):
        return x * y

    assert mul(2, 3.5) == 7.0
    with pytest.raises(TypeError, match="no compiled signature"):
        mul(1j, 2.0)


@stack
def test_stats_name_each_stage():
    @kern.njit
    def inc(x):
        return x + 1

    inc(1)
    assert {"typing", "emission", "total"} <= inc.stats.keys()
    assert all(v >= 0 for v in inc.stats.values())


@kern.njit
def double(x):
    return x * 2.0


@stack
def test_calls_between_compiled_functions():
    @kern.njit
    def total_doubled(a):
        s = 0.0
        for i in range(a.shape[0]):
            s += double(a[i])
        return s

    assert total_doubled(np.arange(4.0)) == 12.0


@stack
def test_exceptions_from_compiled_code():
    @kern.njit
    def checked(x):
        if x < 0:
            raise ValueError("negative value")
        return x

    assert checked(1.5) == 1.5
    with pytest.raises(ValueError, match="negative value"):
        checked(-1.0)
    assert checked(2.5) == 2.5

    @kern.njit(boundscheck=True)
    def at(a, i):
        return a[i]

    with pytest.raises(IndexError, match="out of bounds"):
        at(np.arange(3.0), 5)


@stack
def test_tuples_in_and_out():
    @kern.njit
    def minmax(a):
        lo = a[0]
        hi = a[0]
        for i in range(a.shape[0]):
            lo = min(lo, a[i])
            hi = max(hi, a[i])
        return lo, hi

    @kern.njit
    def dot2(p, q):
        return p[0] * q[0] + p[1] * q[1]

    assert minmax(np.array([3.0, -1.0, 7.0])) == (-1.0, 7.0)
    assert dot2((1.0, 2.0), (3.0, 4.0)) == 11.0


@stack
def test_array_results_match_numpy_and_own_their_memory():
    @kern.njit
    def expr(x):
        return np.sqrt(x ** 2 + np.sin(x) * np.exp(-x))

    x = np.linspace(0.0, 10.0, 1001)
    for arg in (x, x[::3], x.reshape(7, 143)):
        r = expr(arg)
        np.testing.assert_allclose(r, np.sqrt(arg ** 2 + np.sin(arg) * np.exp(-arg)),
                                   rtol=1e-13)
        assert type(r.base).__name__ == "PyCapsule" and not np.shares_memory(r, x)
    assert len(expr.signatures) == 3    # 1-D C and strided, 2-D C


@stack
def test_parallel_prange_sum():
    @kern.njit(parallel=True)
    def psum(a):
        s = 0.0
        for i in kern.prange(a.shape[0]):
            s += a[i]
        return s

    a = np.random.default_rng(1).random(100_001)
    assert psum(a) == pytest.approx(a.sum(), rel=1e-12)
    assert psum.targetoptions["parallel"]


def test_thread_count_of_parallel_code():
    before = kern.get_num_threads()
    try:
        kern.set_num_threads(1)
        assert kern.get_num_threads() == 1
        with pytest.raises(ValueError, match="positive"):
            kern.set_num_threads(0)
    finally:
        kern.set_num_threads(before)


@stack
def test_concurrent_first_calls_compile_once():
    @kern.njit
    def scale(a, k):
        s = 0.0
        for i in range(a.shape[0]):
            s += k * a[i]
        return s

    a = np.arange(100.0)
    results = []
    threads = [threading.Thread(target=lambda: results.append(scale(a, 2.0)))
               for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [2.0 * a.sum()] * 4
    assert len(scale.signatures) == 1 and scale._num_entries == 1


def test_fastmath_flags_are_checked_at_decoration():
    assert kern.njit(fastmath={"nnan", "contract"})(lambda x: x).targetoptions["fastmath"]
    with pytest.raises(ValueError, match="unknown fastmath flag 'fast'"):
        kern.njit(fastmath={"fast"})(lambda x: x)
