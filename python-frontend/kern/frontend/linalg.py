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
from .builder import V

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
    types = ", ".join(v.mt for v in operands)
    fc.s.externs["kernRuntime" + name] = f"({types}) -> ()"
    names = ", ".join(v.name for v in operands)
    fc.b.emit(f"func.call @kernRuntime{name}({names}) : ({types}) -> ()")


def matmul(fc: Any, a: Any, b: Any, node: ast.AST, what: str = "matmul"
           ) -> Any:
    """`a @ b`, np.matmul, np.dot of 1-D and 2-D arrays (NumPy's rules:
    1-D . 1-D is a scalar, 2-D . 1-D a vector, 2-D . 2-D a matrix)."""
    if not (fc.is_array(a) and fc.is_array(b)):
        if what == "dot":
            return fc.binary("*", a, b, node)
        raise fc.typing_error("matmul: operands must be arrays, not "
                              "scalars", node)
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
