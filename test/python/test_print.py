"""print() in compiled code: the same text as Python's print of the values
Numba boxes (a float32 prints as a Python float), in order with Python's
own output, from helpers, C callbacks, parallel loops and cached code."""

import contextlib
import io
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import kern


def python_output(fn, *args):
    """What plain Python prints running fn(*args)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        fn(*args)
    return out.getvalue()


def scalars(i8, u8, i32, u64, i64, f32, f64, c64, c128, b):
    print("ints:", i8, u8, i32, u64, i64)
    print("floats", f64, -f64 * 1e20, f64 / 3e7, f64 * 0, sep=", ")
    print(c64, c128, b, not b, end=" <end>\n")
    print((i64, f64), (b,), None, 7, 2.5, "text")
    print()
    print(i64 // 0 if b and i64 < 0 else i64, end="")
    print("|", flush=True)


@pytest.mark.parametrize("f64", [0.1, 1e16, 12345.678, -0.0, float("inf")])
def test_scalars_print_as_python_prints_them(capsys, f64):
    args = (np.int8(-5), np.uint8(250), np.int32(-70000),
            np.uint64(2 ** 64 - 1), 12, np.float32(0.5), f64,
            np.complex64(1 - 2j), 3.5 + 0j, True)
    kern.njit(scalars)(*args)
    got = capsys.readouterr().out
    expected = python_output(scalars, *(
        int(a) if isinstance(a, np.integer) else a for a in args))
    assert got == expected


def test_float32_prints_as_the_python_float_numba_boxes(capsys):
    @kern.njit
    def f(x):
        print(x)
    f(np.float32(0.1))
    assert capsys.readouterr().out == f"{float(np.float32(0.1))}\n"


def arrays(a, b, m):
    print(a)
    print("b:", b, b[::-1], b != 1)
    print(m, m.T, m[1:, ::2], sep="\n")
    print(a.reshape(2, 3, 4)[:, 1])


@pytest.mark.parametrize("dtype", [np.float64, np.float32, np.int64,
                                   np.int16, np.uint8, np.complex128,
                                   np.bool_])
def test_arrays_print_as_numpy_prints_them(capsys, dtype):
    a = np.arange(24).astype(dtype)
    b = np.array([3, 1, 2]).astype(dtype)
    m = np.asfortranarray(np.arange(12).reshape(3, 4).astype(dtype))
    kern.njit(arrays)(a, b, m)
    assert capsys.readouterr().out == python_output(arrays, a, b, m)


def containers(n):
    items = [i * 0.5 for i in range(n)]
    flags = {i: i > 1 for i in range(n)}
    print("items =", items, "flags =", flags, ([1, 2],), [-3, 4], [True])
    print([], {1: 2.5 + 1j})


def test_lists_and_dicts_print_as_python_prints_them(capsys):
    kern.njit(containers)(4)
    got = capsys.readouterr().out
    assert got == python_output(containers, 4)


def test_lines_come_in_order_with_pythons_own(capsys):
    @kern.njit
    def helper(i, row):
        print("row", i, row.sum())

    @kern.njit
    def rows(m):
        for i in range(m.shape[0]):
            helper(i, m[i])
        return m.shape[0]

    m = np.arange(6.0).reshape(3, 2)
    print("before")
    n = rows(m)
    print("after", n)
    assert capsys.readouterr().out == (
        "before\nrow 0 1.0\nrow 1 5.0\nrow 2 9.0\nafter 3\n")


def test_c_callbacks_print(capsys):
    @kern.cfunc("float64(float64)")
    def twice(x):
        print("twice", x)
        return 2 * x

    assert twice.ctypes(1.25) == 2.5
    assert capsys.readouterr().out == "twice 1.25\n"


def test_parallel_loops_print_whole_lines(capsys):
    @kern.njit(parallel=True)
    def total(n):
        s = 0
        for i in kern.prange(n):
            if i % 100_000 == 0:
                print("at", i, "of", n)
            s += i
        return s

    n = 1_000_000
    assert total(n) == n * (n - 1) // 2
    lines = capsys.readouterr().out.splitlines()
    assert sorted(lines) == sorted(f"at {i} of {n}"
                                   for i in range(0, n, 100_000))


def test_cached_parallel_code_prints_in_a_new_process(tmp_path):
    (tmp_path / "printer.py").write_text(textwrap.dedent("""
        import kern

        @kern.njit(cache=True, parallel=True)
        def count(n):
            s = 0
            for i in kern.prange(n):
                if i % 250000 == 0:
                    print("i", i)
                s += 1
            return s
    """))
    script = "import printer; print(printer.count(1_000_000))"
    env = dict(os.environ, KERN_CACHE_DIR=str(tmp_path / "cache"),
               PYTHONPATH=os.pathsep.join([str(tmp_path)] + sys.path))
    for _ in range(2):  # compile and store; then load from the cache
        out = subprocess.run([sys.executable, "-c", script], env=env,
                             capture_output=True, text=True, timeout=120)
        assert out.returncode == 0, out.stderr
        lines = out.stdout.splitlines()
        assert lines[-1] == "1000000"
        assert sorted(lines[:-1]) == sorted(f"i {i}" for i in range(
            0, 1_000_000, 250_000))


def test_misuse_is_a_located_error():
    @kern.njit
    def to_file(x):
        print(x, file=None)

    with pytest.raises(kern.UnsupportedError,
                       match=r"test_print.py:\d+: .*print\(\) with file="):
        to_file(1.0)

    @kern.njit
    def variable_sep(x, s):
        print(x, x, sep=s)

    with pytest.raises(kern.TypingError, match=r"sep= must be a constant"):
        variable_sep(1.0, 2)

    @kern.jitclass([("v", kern.types.float64)])
    class Box:
        def __init__(self, v):
            self.v = v

    @kern.njit
    def instance(b):
        print(b)

    with pytest.raises(kern.UnsupportedError, match=r"print\(\) of"):
        instance(Box(1.0))
