"""kern.types: scalar and array types, typeof, signatures, and NumPy's
promotion rules checked against NumPy itself."""

import itertools

import numpy as np
import pytest

import kern

from kern import types as kt
from kern.types import (Array, Tuple, bool_, complex64, complex128, float32,
                        float64, int32, int64, uint64)

SCALARS = list(kt.SCALARS.values())


def test_scalar_spelling():
    assert str(float64) == "float64" and float64.mlir == "f64"
    assert bool_.mlir == "i1" and int32.mlir == "i32" and uint64.mlir == "i64"
    assert complex64.mlir == "complex<f32>"
    assert complex128.mlir == "complex<f64>"
    for t in SCALARS:
        assert kt.from_dtype(t.np) is t


def test_array_types():
    assert repr(float64[:]) == "float64[:]"
    assert float64[:, ::1].layout == "C"
    assert float64[::1, :].layout == "F"
    assert float32[:, :, :].ndim == 3
    assert float64[:, :].mlir == \
        "memref<?x?xf64, strided<[?, ?], offset: ?>>"
    assert float64[:].mlir_fresh == "memref<?xf64>"
    assert float64[:].same_kind(float64[::1])
    assert float64[:] != float64[::1]
    assert Array(float64, 64).ndim == 64
    with pytest.raises(ValueError):
        Array(float64, 65)


def test_typeof():
    assert kt.typeof(1) is int64
    assert kt.typeof(1.0) is float64
    assert kt.typeof(True) is bool_
    assert kt.typeof(1j) is complex128
    assert kt.typeof(np.float32(1)) is float32
    assert kt.typeof((1, 2.0)) == Tuple([int64, float64])
    a = np.zeros((3, 4), dtype=np.int32)
    assert kt.typeof(a) == int32[:, ::1]
    assert kt.typeof(np.asfortranarray(a)) == int32[::1, :]
    assert kt.typeof(a[:, ::2]) == int32[:, :]
    assert kt.typeof("text") == kt.unicode_type
    assert kt.typeof(b"bytes") == kt.Array(kt.uint8, 1, "C", True)  # readonly
    with pytest.raises(TypeError):
        kt.typeof(object())
    assert kt.typeof(np.zeros(3, dtype=np.uint8)) == kt.uint8[::1]
    with pytest.raises(TypeError):
        kt.typeof(np.zeros(3, dtype=np.float16))


def test_parse_signature():
    assert kt.parse_signature("float64(float64[:])") == (float64,
                                                          (float64[:],))
    ret, args = kt.parse_signature("Tuple(int64, float64)(int32, f4[:, ::1])")
    assert ret == Tuple([int64, float64])
    assert args == (int32, float32[:, ::1])
    assert kt.parse_signature("void(float64[:])") == (None, (float64[:],))
    assert kt.parse_signature("(int64,)") == (None, (int64,))
    assert kt.parse_signature(float64(float64[:])) == (float64, (float64[:],))
    with pytest.raises(TypeError):
        kt.parse_signature("float64(matrix)")


@pytest.mark.parametrize("a,b", list(itertools.product(SCALARS, SCALARS)))
def test_promote_matches_numpy(a, b):
    assert kt.promote(a, b).np == np.result_type(a.np, b.np)


@pytest.mark.parametrize("a", SCALARS)
@pytest.mark.parametrize("value", [True, 3, 1.5, 2j])
def test_array_with_python_scalar_matches_numpy(a, value):
    expected = (np.ones(2, dtype=a.np) + value).dtype
    assert kt.promote_with_scalar(a, kt.typeof(value)).np == expected


def test_numba_type_classes_and_names():
    """kern.types answers Numba's isinstance questions and has its names."""
    from kern import types
    assert all(isinstance(t, types.Integer) for t in
               (types.int32, types.int64, types.uint64, types.intp))
    assert isinstance(types.float32, types.Float) and \
        isinstance(types.f8, types.Number)
    assert isinstance(types.c16, types.Complex) and \
        not isinstance(types.c16, types.Float)
    assert isinstance(types.boolean, types.Boolean) and \
        not isinstance(types.b1, types.Number)
    assert types.double is types.float64 and types.i8 is types.int64
    assert types.Array(types.float64, 2, "C") == types.float64[:, ::1]
    u = types.UniTuple(types.int64, 3)
    assert u == kt.typeof((1, 2, 3)) and (u.dtype, u.count) == (int64, 3)
    assert isinstance(kt.typeof((1, 2)), types.UniTuple)
    assert not isinstance(kt.typeof((1, 2.0)), types.UniTuple)
    ret, args = kt.parse_signature("UniTuple(float64, 2)(int64)")
    assert ret == types.UniTuple(types.float64, 2) and args == (int64,)
    with pytest.raises(TypeError, match="UniTuple"):
        kt.parse_signature("UniTuple(float64, x)(int64)")


def test_unituple_signature_compiles():
    @kern.njit("UniTuple(float64, 2)(float64)")
    def pair(x):
        return x, 2.0 * x
    assert pair(1.5) == (1.5, 3.0)
