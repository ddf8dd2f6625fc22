"""fastmath=True / fastmath={flags}: LLVM fast-math flags on floating-point
instructions, so that reductions vectorize; results within rounding."""

import re

import numpy as np
import pytest

import kern


def sumsq(a):
    s = 0.0
    for i in range(a.shape[0]):
        s += a[i] * a[i]
    return s


def dot(x, y):
    s = 0.0
    for i in range(x.shape[0]):
        s += x[i] * y[i]
    return s


def llvm(f):
    (text,) = f.inspect_llvm().values()
    return text


def fp_lines(text):
    return [l for l in text.splitlines()
            if re.search(r"= f(add|mul|sub|div) ", l)]


def test_without_fastmath_no_flags_and_a_scalar_chain():
    f = kern.njit(sumsq)
    a = np.random.default_rng(0).random(1001)
    assert f(a) == pytest.approx(np.dot(a, a), rel=1e-12)
    lines = fp_lines(llvm(f))
    assert lines and not any(" fast " in l or "reassoc" in l for l in lines)
    # Strict IEEE order: the reduction is not vectorized.
    assert not any("fadd" in l and "x double>" in l for l in lines)


@pytest.mark.parametrize("body", [sumsq, dot])
def test_fastmath_vectorizes_the_reduction(body):
    f = kern.njit(fastmath=True)(body)
    rng = np.random.default_rng(1)
    x, y = rng.random(100003), rng.random(100003)
    args = (x,) if body is sumsq else (x, y)
    expected = np.dot(x, x) if body is sumsq else np.dot(x, y)
    assert f(*args) == pytest.approx(expected, rel=1e-12)
    text = llvm(f)
    assert any(" fast " in l for l in fp_lines(text))
    assert re.search(r"fadd fast <\d+ x double>", text), "not vectorized"


def test_a_set_of_flags():
    f = kern.njit(fastmath={"reassoc", "nsz"})(sumsq)
    a = np.arange(100.0)
    assert f(a) == np.dot(a, a)
    lines = fp_lines(llvm(f))
    assert all("reassoc nsz" in l for l in lines)
    assert not any(" fast " in l or "nnan" in l or "ninf" in l
                   for l in lines)
    # reassoc is enough to vectorize the reduction.
    assert any("fadd reassoc nsz <" in l for l in lines)


def test_each_flag_by_name():
    for flag in ("nnan", "ninf", "nsz", "arcp", "contract", "afn", "reassoc"):
        f = kern.njit(fastmath={flag})(sumsq)
        assert f(np.arange(4.0)) == 14.0
        assert all(flag in l for l in fp_lines(llvm(f))), flag


def test_unknown_flag_is_an_error():
    with pytest.raises(ValueError, match="unknown fastmath flag 'fastest'"):
        kern.njit(fastmath={"reassoc", "fastest"})(sumsq)


def test_fastmath_with_parallel():
    @kern.njit(parallel=True, fastmath=True)
    def psumsq(a):
        s = 0.0
        for i in kern.prange(a.shape[0]):
            s += a[i] * a[i]
        return s
    a = np.random.default_rng(2).random(200001)
    assert psumsq(a) == pytest.approx(np.dot(a, a), rel=1e-12)
    text = llvm(psumsq)
    assert "__kmpc_fork_call" in text and " fast " in text


def test_float32_with_fastmath():
    f = kern.njit(fastmath=True)(sumsq)
    a = np.random.default_rng(3).random(4096).astype(np.float32)
    assert f(a) == pytest.approx(float(np.dot(a.astype(np.float64),
                                              a.astype(np.float64))), rel=1e-5)
    assert re.search(r"fadd fast <\d+ x (float|double)>", llvm(f))
