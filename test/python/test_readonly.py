"""Arrays that are not writeable (a.flags.writeable = False) are Numba's
readonly arrays: compiled code may read them; writing into one, or into a
view of one, is a located TypingError before anything runs."""

import numpy as np
import pytest

import kern


def frozen(a):
    a = np.array(a, dtype=np.float64)
    a.flags.writeable = False
    return a


def total(a):
    return a[1:].sum() + a[0]


def store(a):
    a[0] = 5.0


def store_view(a):
    b = a[1:]
    b[:] = 0.0


def add_in_place(a):
    a += 1.0


def shuffle(a):
    np.random.shuffle(a)


def test_reading_a_readonly_array():
    f = kern.njit(total)
    assert f(frozen([1.0, 2.0, 3.0])) == 6.0 == f(np.array([1.0, 2.0, 3.0]))
    assert [str(s[0]) for s in f.signatures] == ["readonly float64[::1]",
                                                 "float64[::1]"]


@pytest.mark.parametrize("fn", [store, store_view, add_in_place, shuffle])
def test_writing_a_readonly_array_is_a_located_error(fn):
    a = frozen([1.0, 2.0, 3.0])
    with pytest.raises(kern.TypingError, match=r"\.py:\d+: .*Cannot modify readonly array"):
        kern.njit(fn)(a)
    assert a.tolist() == [1.0, 2.0, 3.0]
    b = np.arange(1.0, 21.0)
    kern.njit(fn)(b)                         # a writeable one is written
    assert b.tolist() != list(np.arange(1.0, 21.0))


def test_a_jitclass_array_field_refuses_a_readonly_array():
    Box = kern.jitclass([("data", kern.float64[:])])(type("Box", (), {}))
    box = Box()
    with pytest.raises(TypeError, match="cannot assign readonly float64"):
        box.data = frozen([1.0])
