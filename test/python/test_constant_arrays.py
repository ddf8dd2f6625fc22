"""NumPy arrays read from globals, closures and modules in compiled code:
frozen as read-only constants of the module, as Numba does
(frontend/constarrays.py)."""

import types as pytypes

import numpy as np
import pytest

import kern

TABLE = np.arange(12.0).reshape(3, 4)
FLAGS = np.array([True, False, True])
CODES = np.array([3, 1, 2], dtype=np.int16)
ZS = np.array([1 + 2j, -1j])
STRIDED = np.arange(10.0)[::3]
EMPTY = np.zeros((0, 3))


def test_global_arrays_of_each_dtype_are_read():
    f = kern.njit(lambda i: (TABLE[i].sum(), FLAGS[i], CODES.sum(),
                             ZS.sum(), STRIDED.sum(), EMPTY.shape[0],
                             (TABLE * 2).T.shape))
    for i in range(3):
        assert f(i) == (TABLE[i].sum(), FLAGS[i], CODES.sum(), ZS.sum(),
                        STRIDED.sum(), 0, (4, 3))


def test_closure_and_module_arrays():
    weights = np.array([0.25, 0.5, 0.25])
    mod = pytypes.ModuleType("tables")
    mod.LUT = np.array([10, 20, 30])

    @kern.njit
    def f(a, i):
        return (a[i - 1:i + 2] * weights).sum() + mod.LUT[i]
    assert f(np.arange(5.0), 2) == 2.0 + 30


def test_frozen_at_compile_time():
    lut = np.array([1.0, 2.0])

    @kern.njit
    def g():
        return lut.sum()
    assert g() == 3.0
    lut[0] = 100.0  # as in Numba: the compiled code keeps what it saw
    assert g() == 3.0


def test_writing_a_global_array_is_refused():
    @kern.njit
    def h(v):
        TABLE[0, 0] = v
    with pytest.raises(kern.TypingError):
        h(1.0)
    assert TABLE[0, 0] == 0.0
