"""No fixed limits in the passes: many arrays, many arguments, many
dimensions compile to the code they would at small sizes (issue 15).

Functions of many parameters are generated as source into a temporary
file, so that kern (which reads the source) can see them."""

import importlib.util

import numpy as np
import pytest

import kern

pytestmark = pytest.mark.skipif(importlib.util.find_spec("kern.lowering") is None,
                                reason="kern.lowering (the typing half) is not there yet")


def _define(tmp_path, name, src):
    """The function `name` defined by `src`, compiled from a real file."""
    path = tmp_path / f"{name}.py"
    path.write_text(src)
    namespace = {"np": np}
    exec(compile(src, str(path), "exec"), namespace)
    return namespace[name]


def _sum_of_arrays(tmp_path, n):
    names = [f"a{i}" for i in range(n)]
    return _define(tmp_path, f"sum{n}",
                   f"def sum{n}({', '.join(names)}):\n"
                   f"    return {' + '.join(names)}\n")


def _loops(affine):
    return affine.count("affine.for") + affine.count("scf.for") + \
        affine.count("scf.parallel") + affine.count("affine.parallel")


@pytest.mark.parametrize("n", [40, 70])
def test_sum_of_many_arrays_is_one_loop(tmp_path, n):
    """a0 + a1 + ... fuses into one op, hence one loop and no temporary
    array (only the result is allocated), past the former 64 inputs."""
    py = _sum_of_arrays(tmp_path, n)
    f = kern.njit(py)
    rng = np.random.default_rng(n)
    xs = [rng.random(101) for _ in range(n)]
    np.testing.assert_allclose(f(*xs), py(*xs), rtol=1e-12)
    affine = f.inspect_mlir(f.signatures[0], stage="affine")
    assert _loops(affine) == 1
    assert affine.count("memref.alloc") == 1


def test_function_of_seventy_array_arguments(tmp_path):
    """The mangled name of a 70-array signature is long: its packed entry
    point is made all the same."""
    n = 70
    names = [f"x{i}" for i in range(n)]
    py = _define(tmp_path, "seventy",
                 f"def seventy({', '.join(names)}):\n"
                 f"    return x0[0] * 2.0 + x{n - 1}[1]\n")
    f = kern.njit(py)
    xs = [np.full(3, float(i)) for i in range(n)]
    assert f(*xs) == py(*xs) == 69.0


def _sin_plus_twice(a, b):
    return np.sin(a) + b * 2


@pytest.mark.parametrize("view", ["contiguous", "strided", "transposed"])
def test_six_dimensional_expression(view):
    rng = np.random.default_rng(6)
    a = rng.random((3, 2, 4, 2, 3, 5))
    b = rng.random((3, 2, 4, 2, 3, 5))
    if view == "strided":
        a = rng.random((3, 4, 4, 2, 6, 5))[:, ::2, :, :, ::2, :]
    elif view == "transposed":
        a = rng.random((5, 3, 2, 4, 2, 3)).transpose(1, 2, 3, 4, 5, 0)
    assert a.shape == b.shape
    f = kern.njit(_sin_plus_twice)
    np.testing.assert_allclose(f(a, b), _sin_plus_twice(a, b), rtol=1e-12)


def _sum_axis(a):
    return np.sum(a, axis=2)


def _sum_last_axis(a):
    return np.sum(a, axis=5)


@pytest.mark.parametrize("fn", [_sum_axis, _sum_last_axis])
def test_six_dimensional_sum_along_an_axis(fn):
    a = np.random.default_rng(7).random((2, 3, 4, 2, 3, 2))
    np.testing.assert_allclose(kern.njit(fn)(a), fn(a), rtol=1e-12)
    view = a[:, ::-1, :, :, 1:, :]
    np.testing.assert_allclose(kern.njit(fn)(view), fn(view), rtol=1e-12)


def test_twenty_dimensional_expression():
    """20 dimensions (NumPy allows up to 64): past the former 12 of
    convert-kern-to-affine and 16 of kern-broadcast and the builders."""
    shape = (2, 1, 2, 1, 1, 2, 1, 1, 1, 2, 1, 1, 2, 1, 1, 1, 2, 1, 1, 3)
    rng = np.random.default_rng(20)
    a = rng.random(shape)
    b = rng.random(shape)
    f = kern.njit(_sin_plus_twice)
    np.testing.assert_allclose(f(a, b), _sin_plus_twice(a, b), rtol=1e-12)
    # Broadcasting a 1-D array against the 20-D one.
    c = rng.random(3)
    np.testing.assert_allclose(f(a, c), _sin_plus_twice(a, c), rtol=1e-12)


def test_twenty_dimensional_sum_along_an_axis():
    shape = (2, 1, 2, 1, 1, 2, 1, 1, 1, 2, 1, 1, 2, 1, 1, 1, 2, 1, 1, 3)
    a = np.random.default_rng(21).random(shape)
    np.testing.assert_allclose(kern.njit(_sum_axis)(a), _sum_axis(a),
                               rtol=1e-12)
