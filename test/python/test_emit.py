"""Emission: the kern MLIR text of many functions passes kern-opt's
verifier, and array code is emitted as kern ops (kern.ufunc, kern.reduce,
kern.alloc, kern.prange) that kern-broadcast and kern-fuse work on."""

import os
import subprocess

import numpy as np
import pytest

import kern
from kern import types as kt
from kern.lowering import lower

import test_arrays
import test_language

F, I = kt.float64, kt.int64


def kern_opt():
    build = os.environ.get("KERN_BUILD_DIR") or os.path.join(
        os.path.dirname(__file__), "..", "..", "build")
    if not os.path.isabs(build):
        build = os.path.join(os.path.dirname(__file__), "..", "..", build)
    path = os.path.join(build, "bin", "kern-opt")
    if not os.path.exists(path):
        pytest.skip("kern-opt is not built")
    return path


def verify(text, *passes):
    r = subprocess.run([kern_opt(), *passes, "-"], input=text,
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr + "\n" + text
    return r.stdout


def arg_types(args):
    return tuple(kt.typeof(a) for a in args)


ALL = [(f, args) for f, args in test_language.CASES + test_arrays.CASES]


@pytest.mark.parametrize("f,args", ALL, ids=[f"{f.__module__}.{f.__name__}"
                                             for f, _ in ALL])
def test_verifies(f, args):
    text = lower(f, arg_types(args)).mlir
    verify(text)
    verify(text, "--kern-canonicalize", "--kern-broadcast", "--kern-fuse")


def fused(x):
    return np.sqrt(x ** 2 + np.sin(x) * np.exp(-x))


def test_array_expression_is_kern_ufuncs_that_fuse():
    low = lower(fused, (F[:],))
    assert low.mlir.count("kern.ufunc") == 7  # one per NumPy operation
    assert "attributes {kern.entry}" in low.mlir
    assert low.entry == "fused__float64_1d"
    assert low.return_type == F[::1]
    out = verify(low.mlir, "--kern-broadcast", "--kern-fuse")
    assert out.count("kern.ufunc") == 1  # one loop, no temporaries


def test_scalar_operands_and_promotion():
    def f(x, y):
        return x * 2 + y

    text = lower(f, (kt.float32[:], kt.int32[:])).mlir
    assert "memref<?xf32, strided<[?], offset: ?>>, f32" in text  # weak 2
    assert "-> memref<?xf64>" in text  # float32 + int32 -> float64


def test_reductions_and_alloc():
    def f(n):
        a = np.zeros((n, 3), dtype=np.int32)
        return a.sum(), a.max(axis=0)

    low = lower(f, (I,))
    assert "kern.alloc(%" in low.mlir and "fill" in low.mlir
    assert "kern.reduce add" in low.mlir and "-> memref<?x3" not in low.mlir
    assert "extsi" in low.mlir  # int32 sums in int64, as NumPy
    assert "kern.reduce max" in low.mlir and "axes [0]" in low.mlir
    assert low.return_type == kt.Tuple([I, kt.int32[::1]])
    assert [str(t) for t in low.result_kinds] == ["int64", "int32[::1]"]


def test_prange_reductions():
    text = lower(test_arrays.parallel_reductions, (F[:],),
                 parallel=True).mlir
    assert "kern.prange" in text
    for kind in ("add", "mul", "min", "max"):
        assert f"{kind} %" in text
    assert "kern.parallel" in text
    verify(text, "--convert-kern-prange-to-scf")


def test_njit_callee_is_a_private_function():
    low = lower(test_language.calls_njit, (F, F))
    assert "func.func private @helper__float64_float64" in low.mlir
    assert "func.call @helper__float64_float64" in low.mlir
    assert low.callees == [test_language.helper]
    verify(low.mlir)


def test_views_do_not_copy():
    def f(a):
        return a[1:, ::2].sum() + a.T[0, 1]

    text = lower(f, (F[:, :],)).mlir
    assert "memref.reinterpret_cast" in text
    assert "memref.copy" not in text and "kern.alloc" not in text


def test_division_is_guarded():
    def f(a, b):
        return a // b

    text = lower(f, (I, I)).mlir
    assert 'kern.raise "ZeroDivisionError"' in text
    assert "arith.floordivsi" in text and "arith.select" in text


def test_boundscheck_option():
    def f(a, i):
        return a[i]

    assert "IndexError" not in lower(f, (F[:], I)).mlir
    text = lower(f, (F[:], I), boundscheck=True).mlir
    assert "index %d is out of bounds for axis %d with size %d" in text
    verify(text)


def test_explicit_return_type_converts():
    def f(a):
        return a.shape[0]

    low = lower(f, (F[:],), return_type=F)
    assert low.return_type is F and "-> f64" in low.mlir


def test_timings_reported():
    low = lower(fused, (F[:],))
    assert set(low.timings) >= {"typing", "emission"}
