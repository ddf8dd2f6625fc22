"""Structured arrays and records (kern/recordtype.py, frontend/records.py):
field reads and writes, records as values and arguments, field views,
dispatch by dtype, and the errors; each compared with NumPy running the
same Python function on a copy of the arrays."""

import numpy as np
import pytest

import kern
from kern.errors import TypingError, UnsupportedError

PACKED = np.dtype([("x", "f8"), ("y", "i4")])  # itemsize 12
ALIGNED = np.dtype([("x", "f8"), ("y", "i4")], align=True)  # itemsize 16
ODD = np.dtype([("a", "i1"), ("b", "f8"), ("c", "c16"), ("d", "?"),
                ("e", "u2"), ("f", "f4")])  # fields at odd offsets
DTYPES = [PACKED, ALIGNED, ODD]


def filled(dtype, shape=(5,), seed=0):
    """A structured array with every field filled from a generator."""
    rng = np.random.default_rng(seed)
    a = np.zeros(shape, dtype)
    for name in dtype.names:
        ft = dtype.fields[name][0]
        if ft.kind == "b":
            a[name] = rng.integers(0, 2, shape).astype(bool)
        elif ft.kind in "iu":
            a[name] = rng.integers(0, 50, shape)  # no int8 overflow
        elif ft.kind == "c":
            a[name] = rng.random(shape) + 1j * rng.random(shape)
        else:
            a[name] = rng.random(shape) * 10
    return a


def same(f, *args):
    """f compiled and f in Python on copies of the arguments (np.recarray
    views there, whose records have attributes): equal results and equal
    arrays afterwards."""
    mine = [x.copy() if isinstance(x, np.ndarray) else x for x in args]
    theirs = [x.copy().view(np.recarray) if isinstance(x, np.ndarray) else x
              for x in args]
    got, want = kern.njit(f)(*mine), f(*theirs)
    if isinstance(want, np.ndarray):
        np.testing.assert_array_equal(got, want)
    else:
        assert got == pytest.approx(want), (got, want)
    for m, t in zip(mine, theirs):
        if isinstance(t, np.ndarray):  # field by field (not the padding)
            for name in t.dtype.names:
                np.testing.assert_array_equal(m[name], t[name])
    return got


@pytest.mark.parametrize("dtype", DTYPES, ids=["packed", "aligned", "odd"])
def test_field_reads_by_attribute_and_by_name(dtype):
    first, second = dtype.names[0], dtype.names[1]

    def total(a):
        s = 0.0
        for i in range(a.shape[0]):
            s += a[i][first] * 2 + a[i][second]
        return s
    same(total, filled(dtype))
    if dtype is not ODD:
        def attrs(a):
            s = 0.0
            for i in range(len(a)):
                s += a[i].x - a[i].y
            return s
        same(attrs, filled(dtype))


def test_every_field_type_at_odd_offsets():
    def read(a, i):
        return (a[i].a, a[i].b, a[i].c, a[i].d, a[i].e, a[i].f)
    a = filled(ODD)
    for i in range(len(a)):
        got = kern.njit(read)(a, i)
        want = tuple(a[i][n] for n in ODD.names)
        assert got[:2] == want[:2] and got[2] == want[2]
        assert got[3] == want[3] and got[4] == want[4]
        assert got[5] == pytest.approx(want[5])


def test_every_field_type_written():
    def write(a):
        for i in range(a.shape[0]):
            a[i].a = i - 3
            a[i]['b'] = a[i].b * 2.5
            a[i].c = a[i].c * 1j + i
            a[i].d = not a[i].d
            a[i].e += 7
            a[i]['f'] -= 0.5
    same(write, filled(ODD))


@pytest.mark.parametrize("dtype", [PACKED, ALIGNED], ids=["packed", "aligned"])
def test_augmented_field_writes(dtype):
    def bump(a, k):
        for i in range(len(a)):
            a[i].x += k
            a[i]['y'] *= 3
    same(bump, filled(dtype), 1.5)


def test_record_values_kept_and_passed_to_compiled_functions():
    @kern.njit
    def norm(r):
        return r.x * r.x + r['y']

    def through(a):
        s = 0.0
        for i in range(a.shape[0]):
            r = a[i]
            s += norm(r)
        return s

    def py_through(a):
        return sum(r['x'] * r['x'] + r['y'] for r in a)
    a = filled(PACKED)
    assert kern.njit(through)(a) == pytest.approx(py_through(a))

    @kern.njit
    def scale(r, k):
        r.x = r.x * k

    def scale_all(a):
        for i in range(len(a)):
            scale(a[i], 2.0)
    b = a.copy()
    kern.njit(scale_all)(b)
    np.testing.assert_array_equal(b['x'], a['x'] * 2)
    np.testing.assert_array_equal(b['y'], a['y'])


def test_record_scalar_arguments_read_and_write_through():
    def f(r):
        return r.x + r['y'] + r[1]

    a = filled(ALIGNED).view(np.recarray)
    for i in range(len(a)):
        assert kern.njit(f)(a[i]) == pytest.approx(f(a[i]))
        assert kern.njit(f)(a[i]) == pytest.approx(f(a[i]))

    def g(r, v):
        r.y = v
    a = filled(PACKED)
    kern.njit(g)(a[2], 99)  # np.void of an array: a view, as in NumPy
    assert a[2]['y'] == 99


def test_iteration_negative_indices_and_slices():
    def it(a):
        s = 0.0
        for r in a:
            s += r.x
        return s + a[-1].y + a[1:][0].x + a[::2][1].y
    same(it, filled(PACKED, (7,)))


def test_multidimensional_arrays():
    def f(m):
        s = 0.0
        for i in range(m.shape[0]):
            for j in range(m.shape[1]):
                m[i, j].y = i * 10 + j
                s += m[i, j].x * (i + 1) + m[i][j].y
        return s
    same(f, filled(PACKED, (3, 4)))
    same(f, filled(PACKED, (4, 6))[::2, 1::2])  # strided views
    same(f, np.asfortranarray(filled(ALIGNED, (3, 5))))


def test_record_assignment_copies_bytes():
    def f(a):
        a[0] = a[3]
        a[1] = a[1]
        r = a[2]
        a[4] = r
    same(f, filled(PACKED))
    same(f, filled(ODD))


def test_field_views():
    def f(a):
        v = a['x']
        v[1] = 42.0
        a.y[:] = 7.0
        return a['x'].sum() + a.y.sum() + v[1]
    same(f, filled(np.dtype([("x", "f8"), ("y", "f8")])))
    same(f, filled(np.dtype([("x", "f8"), ("y", "i4")], align=True)))

    def g(m):
        return m['y'] * 2
    same(g, filled(ALIGNED, (3, 4)))


def test_field_view_of_a_packed_dtype_is_read():
    def f(a):
        return a['x'].sum(), a['y'].max()
    same(f, filled(PACKED))


def test_array_attributes():
    def f(a):
        return a.shape[0], a.size, a.ndim, len(a), a.itemsize, a.nbytes, \
            a.strides[0]
    for dt in DTYPES:
        same(f, filled(dt))
        same(f, filled(dt, (9,))[::3])


def test_dispatch_distinguishes_dtypes():
    other = np.dtype([("y", "i4"), ("x", "f8")])

    @kern.njit
    def f(a):
        return a[1].x + a[2].y
    a, b = filled(PACKED), filled(other)
    assert f(a) == pytest.approx(a[1]['x'] + a[2]['y'])
    assert f(b) == pytest.approx(b[1]['x'] + b[2]['y'])
    assert f(filled(ALIGNED)) == pytest.approx(
        filled(ALIGNED)[1]['x'] + filled(ALIGNED)[2]['y'])
    assert len(f.signatures) == 3
    assert f(a) == pytest.approx(a[1]['x'] + a[2]['y'])  # no new compile
    assert len(f.signatures) == 3


def test_errors():
    def missing(a):
        return a[0].z
    with pytest.raises(TypingError, match="no field 'z'"):
        kern.njit(missing)(filled(PACKED))

    def arith(a):
        return a + 1
    with pytest.raises(UnsupportedError, match="array of records"):
        kern.njit(arith)(filled(PACKED))

    def total(a):
        return a.sum()
    with pytest.raises(UnsupportedError, match="array of records"):
        kern.njit(total)(filled(PACKED))

    def write(a):
        a[0].x = 1.0
    ro = filled(PACKED)
    ro.flags.writeable = False
    with pytest.raises(TypingError, match="readonly"):
        kern.njit(write)(ro)

    nested = np.zeros(2, [("v", "f8", (3,)), ("n", "i4")])
    nested["n"] = 5

    def sub(q):
        return q[0].v
    nested["v"] = 2.5
    np.testing.assert_array_equal(kern.njit(sub)(nested), nested[0]["v"])

    def other(q):
        return q[1].n  # the other fields of such a dtype are fine
    assert kern.njit(other)(nested) == 5

    def by_variable(a, name):
        return a[0][name]
    with pytest.raises(TypingError, match="constant field name"):
        kern.njit(by_variable)(filled(PACKED), "x")


def test_records_and_arrays_of_records_returned():
    a = filled(PACKED)

    def elem(a, i):
        r = a[0]
        if i > 0:
            r = a[i]
        return r
    for i in range(len(a)):
        got = kern.njit(elem)(a, i)
        assert isinstance(got, np.record) and got.dtype == PACKED  # Numba's
        assert got.tobytes() == a[i].tobytes()
    got = kern.njit(elem)(a, 1)
    got['x'] = -1.0  # a copy: the argument is unchanged
    assert a[1]['x'] != -1.0

    def whole(a):
        return a, a[::2], a[1]

    b, c, d = kern.njit(whole)(a)
    for x, y in ((b, a), (c, a[::2])):
        assert x.dtype == PACKED and x.shape == y.shape
        assert x.tobytes() == np.ascontiguousarray(y).tobytes()
    assert d.tobytes() == a[1].tobytes()
    b['x'] = 0.0  # a copy
    assert a['x'].any()


def test_np_empty_and_zeros_of_a_structured_dtype():
    def make(n):
        z = np.zeros(n, PACKED)
        for i in range(n):
            z[i]['x'] = i * 1.5
            z[i]['y'] = -i
        return z
    same(make, 4)
    same(make, 0)

    def grid(n):
        z = np.zeros((n, 3), ALIGNED)
        e = np.empty_like(z)
        for i in range(n):
            for j in range(3):
                e[i, j].x = i + j
                e[i, j].y = i * j
        return z, e
    z, e = kern.njit(grid)(2)
    assert z.dtype == ALIGNED and z.shape == (2, 3) and not z['x'].any()
    np.testing.assert_array_equal(e['x'], np.add.outer(range(2), range(3)))
    np.testing.assert_array_equal(e['y'], np.multiply.outer(range(2),
                                                            range(3)))
    assert kern.njit(lambda: np.empty((2, 5), ODD).shape)() == (2, 5)

    with pytest.raises(UnsupportedError, match="np.ones"):
        kern.njit(lambda: np.ones(3, PACKED))()


INNER = np.dtype([("a", "i2"), ("b", "f4")])
NESTED = np.dtype([("v", "f8", (3,)), ("n", "i4"), ("p", INNER),
                   ("m", "i4", (2, 2)), ("s", "S3")])  # packed: size 53


def nested(dtype=NESTED, n=3):
    q = np.zeros(n, dtype)
    q["v"] = np.arange(3.0 * n).reshape(n, 3)
    q["n"] = np.arange(n) + 1
    q["p"]["a"] = np.arange(n) + 4
    q["p"]["b"] = 0.5
    q["m"] = np.arange(4 * n).reshape(n, 2, 2)
    return q


def test_sub_array_and_nested_record_fields():
    def read(q):
        return (q[1]['v'].sum() + q[2]['v'][1] + q[1]['m'][1, 0] +
                q[1]['p']['a'] + q[2]['p']['b'] + q[0]['n'])
    same(read, nested())

    def write(q):
        q[0]['v'][2] = 7.0
        q[1]['p']['a'] = 99
        q[2]['m'] = 5
        q[1]['m'][0, 1] += 3
        q[0]['p'] = q[2]['p']
    same(write, nested())

    def sub(q):
        return q[1]['v'] * 2
    same(sub, nested())


def test_field_views_of_sub_arrays_and_nested_records():
    aligned = np.dtype([("v", "f8", (3,)), ("p", INNER), ("m", "i4", (2, 2)),
                        ("n", "i4")], align=True)

    def views(q):
        q['m'][1, 1, 0] = -4
        return q['v'].sum(axis=0), q['p'][1]['a'], q['m'].sum()
    got, want = kern.njit(views)(nested(aligned)), views(nested(aligned))
    np.testing.assert_array_equal(got[0], want[0])
    assert got[1:] == want[1:]
    assert kern.njit(lambda q: q['p'][2]['b'])(nested()) == 0.5


def test_string_fields_are_a_clear_error():
    def f(q):
        return q[0]['s']
    with pytest.raises(UnsupportedError, match="field 's'"):
        kern.njit(f)(nested())


def test_in_tuples_parallel_and_bounds_checked():
    a = filled(PACKED)
    assert kern.njit(lambda tp: tp[0][1].x + tp[1])((a, 2.0)) == \
        pytest.approx(a[1]['x'] + 2.0)

    @kern.njit(parallel=True)
    def total(a):
        s = 0.0
        for i in kern.prange(a.shape[0]):
            a[i].y = i * 3
            s += a[i].x
        return s
    b = a.copy()
    assert total(b) == pytest.approx(a['x'].sum())
    np.testing.assert_array_equal(b['y'], np.arange(len(a)) * 3)

    @kern.njit(boundscheck=True)
    def outside(a):
        return a[10].x
    with pytest.raises(IndexError, match="out of bounds"):
        outside(a)


def test_arguments_kern_refuses_clearly():
    f = kern.njit(lambda a: 1)
    with pytest.raises(TypeError, match="0-d structured array"):
        f(np.zeros((), PACKED))
    with pytest.raises(TypeError, match="non-native byte order"):
        f(np.zeros(2, [("x", ">f8")]))
    with pytest.raises(TypeError, match="list of"):
        f([filled(PACKED)])


def test_explicit_signatures_with_from_dtype():
    rec = kern.from_dtype(PACKED)

    @kern.njit(kern.float64(rec[:], kern.int64))
    def f(a, i):
        return a[i].x * a[i].y

    @kern.njit(kern.float64(rec))
    def g(r):
        return r.x
    a = filled(PACKED)
    assert f(a, 2) == pytest.approx(a[2]['x'] * a[2]['y'])
    assert g(a[3]) == a[3]['x']
    assert len(f.signatures) == 1
    with pytest.raises(TypeError, match="no compiled signature"):
        f(filled(ALIGNED), 1)


def test_record_width_subtyping():
    def first_two(r):  # width subtyping: records with more fields too
        return r.x * 2 + r.y

    wide = np.dtype([("x", "f8"), ("y", "i4"), ("z", "f4"), ("w", "u1")])
    for dt in (PACKED, ALIGNED, wide):
        a = filled(dt).view(np.recarray)
        assert kern.njit(first_two)(a[1]) == pytest.approx(first_two(a[1]))


def test_copies_transposes_and_refused_array_forms():
    a = filled(PACKED)
    for f in (lambda a: a.copy(), lambda a: np.copy(a),
              lambda a: np.ascontiguousarray(a[::-2])):
        got = kern.njit(f)(a)
        want = f(a)
        assert got.dtype == want.dtype and got.tobytes() == want.tobytes()
        got['x'] = 0.0
        assert a['x'].any()  # a copy
    m = filled(ALIGNED, (2, 3))
    t = kern.njit(lambda m: m.T)(m)
    for name in ALIGNED.names:
        np.testing.assert_array_equal(t[name], m.T[name])

    def fancy(a, idx):
        return a[idx]
    with pytest.raises(UnsupportedError, match="advanced indexing"):
        kern.njit(fancy)(a, np.array([2, 0]))

    def slices(a):
        a[0:2] = a[2:4]
    with pytest.raises(UnsupportedError, match="array of records"):
        kern.njit(slices)(a)


def test_field_views_of_a_packed_dtype_are_readonly_copies():
    rec = np.dtype([("a", np.int32), ("b", np.float64)])  # itemsize 12
    arr = np.zeros((2, 3), dtype=rec)
    arr["a"] = np.arange(6).reshape(2, 3)
    arr["b"] = np.arange(6).reshape(2, 3) * 0.5

    def read(arr):
        return (arr["b"] * 2, arr["a"].sum(axis=1), arr[1]["b"],
                arr[:, ::2]["b"])

    for got, want in zip(kern.njit(read)(arr), read(arr)):
        assert got.dtype == want.dtype and np.array_equal(got, want)

    def write_through(arr):
        col = arr["b"]
        col[0, 0] = 5.0  # would not reach arr: refused
        return col

    def write_all(arr):
        arr["b"] = 1.0
        return arr

    with pytest.raises(kern.TypingError, match="readonly"):
        kern.njit(write_through)(arr)
    with pytest.raises(kern.UnsupportedError, match="packed dtype"):
        kern.njit(write_all)(arr)
