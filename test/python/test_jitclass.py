"""@kern.jitclass against the same class run by plain Python: fields,
methods, properties, static methods, instances made in Python and in
compiled code and passed both ways by reference."""

import numpy as np
import pytest

import kern
from kern import bool_, complex128, float32, float64, int32, int64, uint8
from kern.experimental import jitclass


class BufferPy:
    def __init__(self, n):
        self.count = 0
        self.data = np.zeros(n)

    def add(self, x):
        self.data[self.count] = x
        self.count += 1

    def extend(self, xs, scale=1.0):
        for x in xs:
            self.add(x * scale)
        return self.count

    @property
    def total(self):
        return self.data[:self.count].sum()

    @total.setter
    def total(self, value):
        self.data[:self.count] = value / self.count

    @staticmethod
    def twice(x):
        return 2 * x


Buffer = jitclass([("count", int64), ("data", float64[:])])(BufferPy)


def test_a_class_matches_python():
    b, p = Buffer(5), BufferPy(5)
    for obj in (b, p):
        obj.add(1.5)
        assert obj.extend(np.array([1.0, 2.0]), scale=3.0) == 3
    assert b.count == p.count == 3 and type(b.count) is int
    np.testing.assert_array_equal(b.data, p.data)
    assert b.total == p.total == 10.5
    b.total = p.total = 3.0
    np.testing.assert_array_equal(b.data, p.data)
    assert Buffer.twice(4) == b.twice(4) == 8
    assert isinstance(b, Buffer) and kern.typeof(b) == Buffer.class_type.instance_type


def test_fields_are_writable_from_python_and_checked():
    b = Buffer(3)
    b.count = 2
    b.data[1] = 4.0
    assert b.total == 4.0
    b.data = np.arange(4.0)
    assert b.total == 1.0
    with pytest.raises(TypeError, match="cannot assign str to the field 'count'"):
        b.count = "two"
    with pytest.raises(TypeError, match=r"cannot assign int32\[::1\] to the field 'data'"):
        b.data = np.zeros(3, dtype=np.int32)


@kern.njit
def fill(buf, xs):
    for x in xs:
        buf.add(x)
    return buf.total


@kern.njit
def make(n, x):
    b = Buffer(n)
    b.add(x)
    return b


def test_instances_pass_by_reference_both_ways():
    b = Buffer(10)
    assert fill(b, np.arange(4.0)) == 6.0
    assert b.count == 4                      # the compiled writes are seen
    m = make(3, 7.0)
    assert type(m) is Buffer and m.count == 1 and m.data.tolist() == [7.0, 0, 0]
    assert fill(m, np.ones(2)) == 9.0 and m.count == 3


@jitclass
class Point:
    x: float32
    y: float32
    seen: bool_
    z: complex128

    def __init__(self, x, y=0.0):
        self.x = x
        self.y = y
        if x > 100:
            return
        self.seen = True

    def norm2(self):
        return self.x * self.x + self.y * self.y

    def scaled(self, k=2.0):
        return Point(self.x * k, self.y * k)

    def __len__(self):
        return 2


def test_annotations_defaults_early_return_and_dunders():
    p = Point(3.0, 4.0)
    assert (p.x, p.y, p.seen, p.z) == (3.0, 4.0, True, 0j)
    assert p.norm2() == 25.0 and len(p) == 2
    assert Point(200.0).seen is False        # fields start zeroed
    q = p.scaled(k=3.0)
    assert type(q) is Point and (q.x, q.y) == (9.0, 12.0)


@jitclass([("grid", float64[:, :]), ("origin", Point), ("n", int32),
           ("tag", uint8)])
class Grid:
    def __init__(self, n, ones):
        self.n = n
        if ones:
            self.grid = np.ones((n, n))
        else:
            self.grid = np.zeros((n, n))
        self.origin = Point(1.0, 2.0)

    def shift(self, d):
        self.origin.x += d
        return self.origin.norm2()


@kern.njit(parallel=True)
def grid_total(g):
    s = 0.0
    for i in kern.prange(g.grid.shape[0]):
        s += g.grid[i].sum()
    return s


def test_nested_instances_2d_fields_and_parallel_code():
    g = Grid(3, True)
    assert g.grid.shape == (3, 3) and Grid(2, False).grid.sum() == 0.0
    assert g.shift(1.0) == 8.0 and g.origin.x == 2.0
    o = g.origin
    o.y = 10.0                               # the same instance
    assert g.origin.y == 10.0
    assert grid_total(g) == 9.0


@jitclass([("n", int32)])
class Other:
    def __init__(self):
        self.n = 5


@kern.njit
def n_of(obj):
    return obj.n


def test_classes_are_distinct_specializations():
    assert n_of(Grid(3, True)) == 3 and n_of(Other()) == 5
    assert len(n_of.signatures) == 2


class Misuse:
    def __init__(self, n):
        self.n = n
        self.data = np.zeros(n)

    def regrow(self):
        self.data = np.zeros(2 * self.n)

    def wrong_type(self):
        self.n = self.data

    def missing(self):
        return self.nothing


M = jitclass([("n", int64), ("data", float64[:])])(Misuse)


@pytest.mark.parametrize("method, error, message", [
    ("wrong_type", kern.TypingError, r"cannot assign float64\[:\] to the field 'n'"),
    ("missing", kern.TypingError, "has no attribute 'nothing'"),
])
def test_misuse_in_compiled_code_is_located(method, error, message):
    with pytest.raises(error, match=r"test_jitclass.py:\d+: .*" + message):
        getattr(M(2), method)()


def test_bad_specs():
    with pytest.raises(TypeError, match="the field 's' has the type"):
        jitclass([("s", str)])(type("S", (), {}))
    with pytest.raises(TypeError, match="class member 'k'"):
        jitclass([("s", int64)])(type("S", (), {"k": 3}))
    with pytest.raises(TypeError, match="missing a required argument: 'n'"):
        M()


@jitclass([("n", int64), ("data", float64[:])])
class Growable:
    def __init__(self, capacity):
        self.n = 0
        self.data = np.zeros(capacity)

    def push(self, x):
        if self.n == self.data.shape[0]:
            self.grow()
        self.data[self.n] = x
        self.n += 1
        return self.n

    def grow(self):
        bigger = np.zeros(2 * self.data.shape[0])
        bigger[:self.n] = self.data[:self.n]
        self.data = bigger

    def reset(self, k):
        if k < 0:
            return -1
        self.data = np.zeros(k)
        self.n = 0
        return k


def test_methods_rebind_array_fields():
    g = Growable(2)
    assert [g.push(float(i)) for i in range(5)] == [1, 2, 3, 4, 5]
    assert g.data.shape == (8,) and g.data[:5].tolist() == [0.0, 1.0, 2.0, 3.0, 4.0]
    assert g.reset(-3) == -1 and g.data.shape == (8,)
    assert g.reset(4) == 4 and g.n == 0 and g.data.tolist() == [0.0] * 4
    m = M(2)
    m.regrow()                                # self.data = np.zeros(2 * n)
    assert m.data.shape == (4,)


@kern.njit
def grown(k):
    g = Growable(1)
    for i in range(k):
        g.push(i * 1.0)
    return g


@kern.njit
def push_all(g, k):
    for i in range(k):
        g.push(i * 1.0)


def test_rebinding_in_compiled_code_is_safe():
    g = grown(9)                              # an instance made here: rebound
    assert g.n == 9 and g.data.shape == (16,) and g.data[:9].tolist() == list(range(9))
    with pytest.raises(kern.UnsupportedError, match="hands new fields back only"):
        push_all(Growable(1), 3)              # the caller would keep the old array
