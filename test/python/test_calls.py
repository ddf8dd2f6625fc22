"""Calls of compiled functions: keyword and default arguments bound in C
(a left-out parameter is a constant of the specialization, as Numba's
`Omitted`), None arguments, `compile(sig)` entries, and array views passed
to compiled helpers without an allocation. Results against plain Python."""

import re

import numpy as np
import pytest

import kern

EPS = 1e-3


def weighted(x, y, w=2.0, shift=0, eps=EPS):
    return (x - y) * w + shift + eps


CALLS = [((1.0, 2.0), {}), ((1.0, 2.0, 3.0), {}), ((1.0,), {"y": 4.0}),
         ((), {"y": 1.5, "x": 2.5}), ((1.0, 2.0), {"shift": 7}),
         ((1.0, 2.0), {"eps": 0.5, "w": -1.0}), ((1, 2, 3, 4, 5), {}),
         ((1.0, 2.0, 3.0), {"shift": 1.5})]


@pytest.mark.parametrize("args,kwargs", CALLS)
def test_keyword_and_default_calls_match_python(args, kwargs):
    f = kern.njit(weighted)
    assert f(*args, **kwargs) == pytest.approx(weighted(*args, **kwargs))
    assert f(*args, **kwargs) == pytest.approx(weighted(*args, **kwargs))


@pytest.mark.parametrize("args,kwargs", [
    ((), {}), ((1.0,), {}), ((1.0, 2.0), {"z": 1}), ((1.0, 2.0), {"x": 1}),
    ((1, 2, 3, 4, 5, 6), {})])
def test_calls_that_do_not_bind_raise_as_python_does(args, kwargs):
    with pytest.raises(TypeError) as want:
        weighted(*args, **kwargs)
    with pytest.raises(TypeError) as got:
        kern.njit(weighted)(*args, **kwargs)
    # Python: "weighted() missing 1 required positional argument: 'y'";
    # kern words it as inspect does, with the function's name
    assert str(got.value).startswith("weighted() ")
    key = re.search(r"'(\w+)'", str(want.value))
    assert key is None or key.group(1) in str(got.value) or \
        "too many" in str(got.value)


def test_left_out_parameters_are_constants_of_the_specialization():
    f = kern.njit(weighted)
    f(1.0, 2.0)
    f(1.0, 2.0, w=3.0)
    f(1.0, 2.0, w=4.0)             # same types: no new specialization
    assert [str(s) for s in f.signatures] == [
        "(float64, float64, omitted, omitted, omitted)",
        "(float64, float64, float64, omitted, omitted)"]
    mlir = f.inspect_mlir(f.signatures[0])
    assert mlir.count("%arg") and "%arg2" not in mlir  # w, shift, eps: no arguments


def scale_into(x, out=None, factor=2.0):
    if out is None:
        out = np.empty_like(x)
    for i in range(x.shape[0]):
        out[i] = x[i] * factor
    return out


def test_none_default_and_none_argument():
    f = kern.njit(scale_into)
    x = np.arange(4.0)
    np.testing.assert_array_equal(f(x), 2 * x)
    np.testing.assert_array_equal(f(x, None, 3.0), 3 * x)
    out = np.zeros(4)
    f(x, out=out)
    np.testing.assert_array_equal(out, 2 * x)       # written in place
    f(x, out, factor=-1.0)
    np.testing.assert_array_equal(out, -x)
    assert "none" in [str(t) for s in f.signatures for t in s]


def pick(x, y=None):
    if y is not None:
        return x + y
    return x


def test_is_not_none_on_values_and_none():
    f = kern.njit(pick)
    assert f(2.0) == 2.0 and f(2.0, None) == 2.0 and f(2.0, 3.0) == 5.0
    np.testing.assert_array_equal(f(np.ones(2), np.ones(2)), np.full(2, 2.0))


def reassigned_in_loop(x, acc=None):
    for i in range(x.shape[0]):
        if acc is None:
            acc = 0.0
        acc += x[i]
    return acc


def test_a_parameter_assigned_in_a_loop_is_optional():
    assert kern.njit(reassigned_in_loop)(np.ones(3)) == 3.0


def find(a, x):
    for i in range(a.shape[0]):
        if a[i] == x:
            return i
    return None


def smallest_positive(a):
    best = None
    for v in a:
        if v > 0 and (best is None or v < best):
            best = v
    return best


def test_optional_results_and_variables_match_python():
    a = np.array([-1.0, 4.0, 2.0, 9.0])
    f, g = kern.njit(find), kern.njit(smallest_positive)
    assert f(a, 2.0) == 2 and f(a, 3.0) is None
    assert str(f.overloads[f.signatures[0]].lowered.return_type) == "OptionalType(int64)"
    assert g(a) == 2.0 and g(np.array([-1.0])) is None


@kern.njit
def _smallest(a):
    return smallest_positive_k(a) + 1.0


smallest_positive_k = kern.njit(smallest_positive)


def test_optional_used_as_a_value_checks_for_none():
    assert _smallest(np.array([2.0])) == 3.0
    with pytest.raises(TypeError, match="expected float64, got None"):
        _smallest(np.array([-2.0]))


def add(x, y):
    return x + y


def test_none_used_as_a_number_is_a_located_error():
    with pytest.raises(kern.UnsupportedError, match=r"test_calls.py:\d+: .*None"):
        kern.njit(add)(1.0, None)


def test_compile_returns_a_callable_entry():
    f = kern.njit(weighted)
    full = f.compile("(float64, float64, float64, int64, float64)")
    assert full(1.0, 2.0, 3.0, 4, 0.5) == weighted(1.0, 2.0, 3.0, 4, 0.5)
    short = f.compile("(float64, float64)")
    assert short(1, 2) == pytest.approx(weighted(1.0, 2.0))
    assert f(1.0, 2.0) == pytest.approx(weighted(1.0, 2.0))
    assert len(f.signatures) == 2                  # f(1.0, 2.0) reused `short`
    with pytest.raises(TypeError, match="takes the arguments"):
        short(1.0)
    with pytest.raises(TypeError, match="takes the arguments"):
        full(1.0, 2.0, 3.0, 4.5, 0.5)              # float64 -> int64 is unsafe


def test_sealed_dispatcher_fills_defaults():
    f = kern.njit("float64(float64, float64)")(lambda_free_mul)
    assert f(3.0) == 3.0 and f(3, 2) == 6.0 and f(y=2, x=1.5) == 3.0


def lambda_free_mul(x, y=1.0):
    return x * y


# ---- array views passed to compiled helpers --------------------------------

@kern.njit
def lj_pair(ri, rj):
    d2 = 0.0
    for k in range(ri.shape[0]):
        d = ri[k] - rj[k]
        d2 += d * d
    inv6 = (1.0 / d2) ** 3
    return 4.0 * (inv6 * inv6 - inv6)


def lj_potential(cluster):
    e = 0.0
    for i in range(cluster.shape[0] - 1):
        for j in range(i + 1, cluster.shape[0]):
            e += lj_pair(cluster[i], cluster[j])
    return e


@kern.njit
def norm(v):
    return np.sqrt(np.sum(v * v))


def column_norms(a):
    out = np.empty(a.shape[1])
    for j in range(a.shape[1]):
        out[j] = norm(a[:, j])
    return out


def test_views_passed_to_helpers_are_not_copied():
    cluster = np.random.default_rng(0).random((40, 3)) * 5
    f = kern.njit(lj_potential)
    want = sum(lj_pair.py_func(cluster[i], cluster[j])
               for i in range(40) for j in range(i + 1, 40))
    assert f(cluster) == pytest.approx(want, rel=1e-12)
    # the helper is inlined and a row view is a descriptor, not a buffer
    affine = f.inspect_mlir(f.signatures[0], stage="affine")
    calls = [line for line in affine.splitlines() if "func.call" in line
             and "@kern_rt_interrupt" not in line]  # Ctrl-C: not the helper
    assert "memref.alloc" not in affine and not calls, affine
    assert "_mlir_memref_to_llvm_alloc" not in f.inspect_llvm(f.signatures[0])


def test_column_views_fuse_into_the_helper():
    a = np.random.default_rng(1).random((5, 7))
    f = kern.njit(column_norms)
    np.testing.assert_allclose(f(a), np.linalg.norm(a, axis=0), rtol=1e-13)
    np.testing.assert_allclose(f(np.asfortranarray(a)), np.linalg.norm(a, axis=0))
    np.testing.assert_allclose(f(a[::2, ::-1]), np.linalg.norm(a[::2, ::-1], axis=0))
    # one buffer: the result; the column and v * v are never materialized
    # (LLVM may later clone the one allocation into several paths)
    affine = f.inspect_mlir(f.signatures[0], stage="affine")
    assert affine.count("memref.alloc") == 1 and "func.call" not in affine, affine


# ---- *args, keyword-only and positional-only parameters --------------------

def total(a, *rest, scale=1.0):
    s = a * scale
    for r in rest:
        s += r
    return s


def axpy(a, /, x, *, y, alpha=1.0):
    return alpha * a * x + y


def sum_all(*arrays):
    s = 0.0
    for a in arrays:
        s += a.sum()
    return s


@pytest.mark.parametrize("args,kwargs", [
    ((1.0,), {}), ((1.0, 2.0, 3.0), {}), ((1, 2), {"scale": 3.0}),
    ((), {"a": 2.0, "scale": 0.5}), ((1.0, *(2.0, 3.0)), {"scale": 2})])
def test_varargs_match_python(args, kwargs):
    assert kern.njit(total)(*args, **kwargs) == total(*args, **kwargs)


def test_varargs_of_arrays_and_none():
    f = kern.njit(sum_all)
    assert f() == 0.0
    assert f(np.ones(3), np.arange(4.0)) == 9.0
    assert [str(s) for s in f.signatures] == [
        "(Tuple(),)", "(Tuple(float64[::1], float64[::1]),)"]


@pytest.mark.parametrize("args,kwargs", [
    ((2.0, 3.0), {"y": 1.0}), ((2.0,), {"x": 3.0, "y": 1.0, "alpha": 2.0})])
def test_keyword_and_positional_only_match_python(args, kwargs):
    assert kern.njit(axpy)(*args, **kwargs) == axpy(*args, **kwargs)


@pytest.mark.parametrize("args,kwargs", [
    ((), {"a": 2.0, "x": 3.0, "y": 1.0}),   # positional-only by keyword
    ((2.0, 3.0, 1.0), {}),                  # keyword-only by position
    ((2.0, 3.0), {})])                      # keyword-only missing
def test_keyword_and_positional_only_refuse_as_python_does(args, kwargs):
    with pytest.raises(TypeError):
        axpy(*args, **kwargs)
    with pytest.raises(TypeError, match=r"^axpy\(\) "):
        kern.njit(axpy)(*args, **kwargs)


kern_total, kern_axpy = kern.njit(total), kern.njit(axpy)


@kern.njit
def relay(a, *rest, scale=1.0):
    return kern_total(a, *rest, scale=scale)


def forward(*args):
    return relay(*args, scale=2.0) + kern_axpy(2.0, 3.0, y=1.0)


def test_varargs_and_keywords_between_compiled_functions():
    f = kern.njit(forward)
    assert f(1.0, 2.0) == total(1.0, 2.0, scale=2.0) + axpy(2.0, 3.0, y=1.0)
    assert f(3) == total(3, scale=2.0) + 7.0


def splat_kwargs(x, **kw):
    return x


def test_kwargs_parameter_is_a_located_error():
    with pytest.raises(kern.UnsupportedError, match=r"test_calls.py:\d+: .*\*\*kwargs"):
        kern.njit(splat_kwargs)(1.0)


# ---- compiled functions as arguments (Numba's types.Dispatcher) ------------

@kern.njit
def square(x):
    return x * x


@kern.njit
def cube(x):
    return x * x * x


def integrate(f, a, b, n=100):
    h = (b - a) / n
    s = 0.5 * (f(a) + f(b))
    for i in range(1, n):
        s += f(a + i * h)
    return s * h


def both(fs, x):
    return fs[0](x) - fs[1](x)


def maybe_apply(x, f=None):
    if f is None:
        return x
    return f(x)


kern_integrate, kern_maybe = kern.njit(integrate), kern.njit(maybe_apply)


@kern.njit
def through_compiled(x):
    return kern_integrate(cube, 0.0, x) + kern_maybe(x, square) + kern_maybe(x)


def test_functions_as_arguments_specialize_per_function():
    assert kern_integrate(square, 0.0, 1.0) == pytest.approx(
        integrate(square.py_func, 0.0, 1.0), rel=1e-14)
    assert kern_integrate(cube, 0.0, 2.0, n=10) == pytest.approx(
        integrate(cube.py_func, 0.0, 2.0, 10), rel=1e-14)
    kinds = [str(s[0]) for s in kern_integrate.signatures]
    assert any(k.endswith("test_calls.square)") for k in kinds)
    assert any(k.endswith("test_calls.cube)") for k in kinds)
    # the callee is inlined: no call is left in the specialization
    affine = kern_integrate.inspect_mlir(kern_integrate.signatures[0], stage="affine")
    assert "func.call" not in affine


def test_functions_in_tuples_none_callbacks_and_compiled_callers():
    assert kern.njit(both)((square, cube), 3.0) == 9.0 - 27.0
    assert kern_maybe(3.0) == 3.0 and kern_maybe(3.0, cube) == 27.0
    want = integrate(cube.py_func, 0.0, 2.0) + 4.0 + 2.0
    assert through_compiled(2.0) == pytest.approx(want, rel=1e-14)


def test_a_python_function_argument_is_refused():
    with pytest.raises(TypeError, match="cannot pass a value of type function"):
        kern_integrate(lambda x: x, 0.0, 1.0)


# ---- sealed signatures convert in C -----------------------------------------

def mix(x, n, c):
    return x * n + c.real - c.imag


@pytest.mark.parametrize("args", [
    (2, 3, 1.5), (np.float32(1.5), np.int8(-3), np.float32(2)),
    (True, np.uint32(7), 3), (2, np.int16(-2), np.complex64(1 + 2j)),
    (np.uint8(200), False, np.float32(0.5))])
def test_sealed_signature_converts_safely_in_c(args):
    f = kern.njit("float64(float64, int64, complex128)")(mix)
    want = mix(float(args[0]), int(args[1]), complex(args[2]))
    assert f(*args) == want                 # converted in Python, entry added
    assert f._num_entries == 2
    assert f(*args) == want                 # converted by the C call path
    assert f._num_entries == 2


def test_sealed_float32_signature_and_unsafe_casts():
    f = kern.njit("float32(float32, float32)")(lambda_free_mul)
    assert f(np.float32(1.5), np.uint8(4)) == np.float32(6.0)
    assert f(np.float32(1.5), np.uint8(4)) == np.float32(6.0)
    assert f(2, 3) == 6.0                   # Python ints: converted, in Python
    with pytest.raises(TypeError, match="no compiled signature"):
        f(np.float64(1.0), 2.0)             # float64 -> float32 is unsafe
    with pytest.raises(OverflowError):
        kern.njit("float64(float64, int64, complex128)")(mix)(1.0, 2 ** 70, 0j)
