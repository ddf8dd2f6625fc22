"""Matrix products and np.linalg through BLAS/LAPACK (lib/Runtime/Linalg.c).

Operands of any layout are handed to the runtime as 2-D strided memrefs;
1-D arrays become 1 x n (left) or n x 1 (right) views of the same memory,
so nothing is copied here. The runtime passes transposes and leading
dimensions to BLAS where the layout allows and packs a copy otherwise.

>>> # c = a @ b   (a: f64[:, :], b: f64[:])
>>> #   %c = kern.alloc(%m) : memref<?xf64>
>>> #   func.call @kernRuntimeMatmulD(%a2, %b2, %c2) : (memref<?x?xf64,
>>> #       strided<[?, ?], offset: ?>>, ...) -> ()

Integer and boolean matrices are refused with a TypingError (as Numba);
1-D integer dot products stay a fused multiply-and-sum.
"""

import ast
from typing import Any, List

from ..errors import TypingError
from ..types import Array, Scalar, bool_, complex64, complex128, float32, \
    float64, int64, promote
from .builder import TupleVal, V

#: BLAS letter of each element type the runtime supports.
BLAS_LETTER = {float32: "S", float64: "D", complex64: "C", complex128: "Z"}

MAT = Array(float64, 2, "A")  # the layout of every runtime operand


def blas_type(fc: Any, a: Any, b: Any, what: str, node: ast.AST) -> Scalar:
    """The common element type of two operands, which BLAS must support."""
    t = promote(a.ty.dtype, b.ty.dtype)
    if t.kind in "biu":
        raise fc.typing_error(f"{what} of {t} arrays is not supported "
                              f"(kern, like Numba, computes matrix products "
                              f"in float32, float64, complex64 or "
                              f"complex128)", node)
    return t


def as_type(fc: Any, a: V, t: Scalar) -> V:
    """`a` with elements of type `t` (a converted copy if needed)."""
    if a.ty.dtype == t:
        return a
    return fc.arr.ufunc([a], lambda x: fc.s.cast(x[0], t), t)


def matrix_view(fc: Any, a: V, row: bool = True) -> V:
    """`a` as a 2-D strided memref: itself, or a 1-D array as one row
    (`row`) or one column."""
    base, off, sizes, strides = fc.arr.metadata(a)
    if a.ty.ndim == 2:
        return fc.arr.reinterpret(base, a.ty.dtype, off, sizes, strides)
    one = fc.b.index(1)
    if row:
        sizes, strides = [one, sizes[0]], [strides[0], strides[0]]
    else:
        sizes, strides = [sizes[0], one], [strides[0], strides[0]]
    return fc.arr.reinterpret(base, a.ty.dtype, off, sizes, strides)


def runtime_call(fc: Any, name: str, operands: List[V]) -> None:
    """`func.call @kernRuntime<name>(operands)`, declared as an extern."""
    fc.s.call("kernRuntime" + name, operands)


def matmul(fc: Any, a: Any, b: Any, node: ast.AST, what: str = "matmul"
           ) -> Any:
    """`a @ b`, np.matmul, np.dot of 1-D and 2-D arrays (NumPy's rules:
    1-D . 1-D is a scalar, 2-D . 1-D a vector, 2-D . 2-D a matrix)."""
    zero_d = fc.is_array(a) and a.ty.ndim == 0 or \
        fc.is_array(b) and b.ty.ndim == 0
    if not (fc.is_array(a) and fc.is_array(b)) or zero_d:
        if what == "dot":  # a number or a 0-d array: a product
            return fc.binary("*", a, b, node)
        raise fc.typing_error(f"{what}: operands must be arrays of 1 or "
                              f"more dimensions, not scalars", node)
    if a.ty.ndim > 2 or b.ty.ndim > 2:
        raise fc.unsupported(f"{what} of arrays with more than 2 dimensions",
                             node)
    if a.ty.ndim == 1 and b.ty.ndim == 1 and promote(
            a.ty.dtype, b.ty.dtype).kind in "biu":
        return integer_dot(fc, a, b, node)
    t = blas_type(fc, a, b, what, node)
    a, b = as_type(fc, a, t), as_type(fc, b, t)
    m = fc.arr.dim(a, 0) if a.ty.ndim == 2 else None
    n = fc.arr.dim(b, 1) if b.ty.ndim == 2 else None
    ka = fc.arr.dim(a, a.ty.ndim - 1)
    kb = fc.arr.dim(b, 0)
    bad = fc.b.op(f"arith.cmpi ne, {ka}, {kb} : index", bool_)
    fc.s.raise_if(bad, "ValueError", f"{what}: Input operand 1 has a "
                  f"mismatch in its core dimension 0 (size %d is different "
                  f"from %d)", [kb, ka])
    sizes = [d for d in (m, n) if d is not None] or [fc.b.index(1)]
    c = fc.arr.alloc(sizes, t)
    c2 = matrix_view(fc, c, row=m is None)
    runtime_call(fc, "Matmul" + BLAS_LETTER[t],
                 [matrix_view(fc, a, True), matrix_view(fc, b, False), c2])
    if m is None and n is None:
        return fc.arr.load(c, [fc.b.index(0)])
    return c


def integer_dot(fc: Any, a: V, b: V, node: ast.AST) -> V:
    """1-D integer dot product: sum(a * b), one fused loop."""
    n, m = fc.arr.dim(a, 0), fc.arr.dim(b, 0)
    bad = fc.b.op(f"arith.cmpi ne, {n}, {m} : index", bool_)
    fc.s.raise_if(bad, "ValueError", "shapes (%d,) and (%d,) not aligned",
                  [n, m])
    prod = fc.binary("*", a, b, node)
    return fc.arr.reduce("add", prod, prod.ty.dtype)


# ---------------------------------------------------------------------------
# np.linalg through LAPACK
# ---------------------------------------------------------------------------

#: np.linalg functions emitted here (the others are kern/np/linalg.py).
LAPACK_FUNCTIONS = ("inv", "solve", "det", "slogdet", "cholesky", "eigh",
                    "eigvalsh", "svd", "qr", "eig", "eigvals")


def lapack_operand(fc: Any, name: str, a: Any, node: ast.AST,
                   square: bool = True) -> V:
    """A 2-D float or complex matrix argument of np.linalg.`name`
    (integers are converted to float64, as NumPy does)."""
    if not fc.is_array(a) or a.ty.ndim != 2:
        raise fc.typing_error(f"np.linalg.{name}() expects a 2-D array "
                              f"(kern does not support stacked matrices)",
                              node)
    t = a.ty.dtype
    if t.kind in "biu":
        t = float64
    a = as_type(fc, fc.value(a, node), t)
    if square:
        m, n = fc.arr.dim(a, 0), fc.arr.dim(a, 1)
        bad = fc.b.op(f"arith.cmpi ne, {m}, {n} : index", bool_)
        fc.s.raise_if(bad, "LinAlgError", "Last 2 dimensions of the array "
                      "must be square")
    return a


def flag(fc: Any, name: str, value: Any, default: Any, node: ast.AST) -> Any:
    """The compile-time value of a keyword such as full_matrices."""
    if value is None:
        return default
    if not hasattr(value, "value") or isinstance(value, V):
        raise fc.typing_error(f"{name} must be a compile-time constant",
                              node)
    return value.value


def call_linalg(fc: Any, name: str, args: list, kwargs: dict,
                node: ast.AST) -> Any:
    """np.linalg.`name`(*args, **kwargs) for LAPACK_FUNCTIONS."""
    params = {"svd": ("a", "full_matrices", "compute_uv"),
              "qr": ("a", "mode"), "eigh": ("a", "UPLO"),
              "eigvalsh": ("a", "UPLO"), "solve": ("a", "b")}.get(
                  name, ("a",))
    if len(args) > len(params) or set(kwargs) - set(params):
        raise fc.typing_error(f"np.linalg.{name}() takes the arguments "
                              f"({', '.join(params)})", node)
    bound = dict(zip(params, args), **kwargs)
    if "a" not in bound or (name == "solve" and "b" not in bound):
        raise fc.typing_error(f"np.linalg.{name}() is missing arguments",
                              node)
    uplo = flag(fc, "UPLO", bound.get("UPLO"), "L", node)
    if uplo != "L":
        raise fc.unsupported(f"np.linalg.{name}(UPLO={uplo!r})", node)
    a = lapack_operand(fc, name, bound["a"], node,
                       square=name not in ("svd", "qr"))
    t, letter = a.ty.dtype, BLAS_LETTER[a.ty.dtype]
    real = t.real_type if t.kind == "c" else t
    n = fc.arr.dim(a, 0)
    alloc = lambda sizes, ty=t: fc.arr.alloc(sizes, ty)
    mat = lambda v, row=False: matrix_view(fc, v, row)
    zero = fc.b.index(0)
    if name == "inv":
        x = alloc([n, n])
        runtime_call(fc, "Inv" + letter, [mat(a), mat(x)])
        return x
    if name == "solve":
        return solve(fc, a, bound["b"], node)
    if name in ("det", "slogdet"):
        d = alloc([fc.b.index(1)])
        if name == "det":
            runtime_call(fc, "Det" + letter, [mat(a), mat(d)])
            return fc.arr.load(d, [zero])
        l = alloc([fc.b.index(1)], real)
        runtime_call(fc, "Slogdet" + letter, [mat(a), mat(d), mat(l)])
        return TupleVal((fc.arr.load(d, [zero]), fc.arr.load(l, [zero])))
    if name == "cholesky":
        c = alloc([n, n])
        runtime_call(fc, "Cholesky" + letter, [mat(a), mat(c)])
        return c
    if name in ("eigh", "eigvalsh", "eig", "eigvals"):
        vectors = name in ("eigh", "eig")
        w = alloc([n], real if name.startswith("eigh") or
                  name == "eigvalsh" else t)
        v = alloc([n, n] if vectors else [n, zero])
        runtime_call(fc, ("Eigh" if "h" in name[3:] else "Eig") + letter,
                     [mat(a), mat(w), mat(v)])
        return TupleVal((w, v)) if vectors else w
    if name == "svd":
        return svd(fc, a, bound, node)
    return qr(fc, a, bound, node)


def solve(fc: Any, a: V, b: Any, node: ast.AST) -> V:
    """np.linalg.solve(a, b): b a vector or a matrix of right-hand sides."""
    if not fc.is_array(b) or b.ty.ndim not in (1, 2):
        raise fc.typing_error("np.linalg.solve() expects b to be a 1-D or "
                              "2-D array", node)
    t = promote(a.ty.dtype, b.ty.dtype)
    t = float64 if t.kind in "biu" else t
    a, b = as_type(fc, a, t), as_type(fc, fc.value(b, node), t)
    n, nb = fc.arr.dim(a, 0), fc.arr.dim(b, 0)
    bad = fc.b.op(f"arith.cmpi ne, {n}, {nb} : index", bool_)
    fc.s.raise_if(bad, "ValueError", "solve: Input operand 1 has a mismatch "
                  "in its core dimension 0 (size %d is different from %d)",
                  [nb, n])
    x = fc.arr.alloc(fc.arr.dims(b), t)
    runtime_call(fc, "Solve" + BLAS_LETTER[t],
                 [matrix_view(fc, a), matrix_view(fc, b, row=False),
                  matrix_view(fc, x, row=False)])
    return x


def svd(fc: Any, a: V, bound: dict, node: ast.AST) -> Any:
    """np.linalg.svd(a, full_matrices=True, compute_uv=True)."""
    full = flag(fc, "full_matrices", bound.get("full_matrices"), True, node)
    uv = flag(fc, "compute_uv", bound.get("compute_uv"), True, node)
    t = a.ty.dtype
    real = t.real_type if t.kind == "c" else t
    m, n = fc.arr.dim(a, 0), fc.arr.dim(a, 1)
    k = fc.b.op(f"arith.minui {m}, {n} : index", int64, "index")
    zero = fc.b.index(0)
    s = fc.arr.alloc([k], real)
    u = fc.arr.alloc([m, (m if full else k) if uv else zero], t)
    vt = fc.arr.alloc([(n if full else k) if uv else zero, n], t)
    runtime_call(fc, "Svd" + BLAS_LETTER[t],
                 [matrix_view(fc, a), matrix_view(fc, u),
                  matrix_view(fc, s, row=False), matrix_view(fc, vt)])
    return TupleVal((u, s, vt)) if uv else s


def qr(fc: Any, a: V, bound: dict, node: ast.AST) -> Any:
    """np.linalg.qr(a, mode='reduced'): (q, r)."""
    mode = flag(fc, "mode", bound.get("mode"), "reduced", node)
    if mode != "reduced":
        raise fc.unsupported(f"np.linalg.qr(mode={mode!r})", node)
    t = a.ty.dtype
    m, n = fc.arr.dim(a, 0), fc.arr.dim(a, 1)
    k = fc.b.op(f"arith.minui {m}, {n} : index", int64, "index")
    q = fc.arr.alloc([m, k], t)
    r = fc.arr.alloc([k, n], t, fill=fc.b.const(0, t))
    runtime_call(fc, "Qr" + BLAS_LETTER[t],
                 [matrix_view(fc, a), matrix_view(fc, q),
                  matrix_view(fc, r)])
    return TupleVal((q, r))
