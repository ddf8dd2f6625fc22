"""`@kern.guvectorize([...], layout, target='cuda')`: a generalized ufunc
whose loop is a kern.cuda kernel (on the GPU when there is one, else the
CPU target), as Numba-CUDA's CUDA gufuncs.

The core function becomes a device function; a generated kernel calls it
once per element of the loop dimensions (one thread each, the loop
dimensions raveled in C order), with its arguments' core slices: `a[i]`
of each argument laid out as (loop elements, core dimensions...). Loop
dimensions broadcast as NumPy's: an input whose loop dimensions are all 1
is passed once (`a[0]` in every thread), others are broadcast on the host.
As kern's CPU guvectorize, an input declared a scalar with core `()` is a
scalar and an array argument with core `()` a one-element view.

    >>> import numpy as np
    >>> import kern
    >>> from kern import cuda
    >>> @kern.guvectorize(['void(float64[:], float64[:], float64[:])'],
    ...                   '(n),(n)->()', target='cuda')
    ... def dot(x, y, out):
    ...     s = 0.0
    ...     for i in range(x.shape[0]):
    ...         s += x[i] * y[i]
    ...     out[0] = s
    >>> dot(np.arange(6.0).reshape(2, 3), np.ones(3))
    array([ 3., 12.])
    >>> d = dot(cuda.to_device(np.ones((4, 3))), cuda.to_device(np.ones(3)))
    >>> d.copy_to_host()
    array([3., 3., 3., 3.])

Outputs are passed after the inputs, as `out=` (one array, or a tuple of
one per output), or not at all: then they are allocated, device arrays
when an input is a device array, NumPy arrays otherwise. The kernels are
compiled at the first call with each loop (NumPy's choice: the first
signature the inputs cast to safely) and each set of once-passed inputs.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence, Tuple

import numpy as np

from ..errors import TypingError
from ..guvectorize import check_types
from ..signatures import parse_signature
from ..types import Array
from ..ufunc.gufunc import parse_layout
from .devicearray import DeviceNDArray
from .ufunc import (THREADS, blocks_for, generated_kernel, host_values,
                    is_device_array, store)

__all__ = ["CudaGUFunc"]

Core = Tuple[str, ...]


def _kernel_source(nin: int, nout: int, pinned: Sequence[bool]) -> str:
    """A kernel calling `core` with the core slices of thread i."""
    names = [f"a{k}" for k in range(nin)] + [f"o{k}" for k in range(nout)]
    items = [f"{n}[0]" if k < nin and pinned[k] else f"{n}[i]"
             for k, n in enumerate(names)]
    # `return r`: a core function that returns a value makes the kernel
    # return one, a TypingError at its compilation (CudaGUFunc._launch).
    return (f"def gufunc_kernel({', '.join(names)}):\n"
            f"    i = cuda.grid(1)\n"
            f"    r = None\n"
            f"    if i < o0.shape[0]:\n"
            f"        r = core({', '.join(items)})\n"
            f"    return r\n")


def _weak_fits(value: Any, dtype: np.dtype) -> bool:
    """Whether a Python scalar goes to a loop of `dtype` (NumPy 2's weak
    scalars: its kind, not its default dtype, counts)."""
    if isinstance(value, bool):
        return True
    if isinstance(value, int):
        return dtype.kind in "iufc"
    if isinstance(value, float):
        return dtype.kind in "fc"
    return isinstance(value, complex) and dtype.kind == "c"


def _in_place(a: Any, dtype: np.dtype) -> bool:
    """Whether `a` is a kern device array the kernel takes as it is."""
    return isinstance(a, DeviceNDArray) and a.dtype == dtype and \
        a.is_c_contiguous()


class CudaGUFunc:
    """A generalized ufunc on kern.cuda: `f(*inputs[, *outputs], out=None,
    stream=0)`."""

    def __init__(self, py_func: Any, sigs: Sequence[Any], layout: str,
                 fastmath: Any = False) -> None:
        from .. import cuda
        self.py_func = py_func
        self.__name__ = py_func.__name__
        self.__doc__ = py_func.__doc__
        ins, outs = parse_layout(layout)
        self.nin, self.nout = len(ins), len(outs)
        self.nargs = self.nin + self.nout
        self._cores: List[Core] = ins + outs
        self.signature = ",".join(f"({','.join(c)})" for c in ins) + "->" + \
            ",".join(f"({','.join(c)})" for c in outs)
        self._loops: List[Tuple[Tuple[np.dtype, ...], Tuple[int, ...]]] = []
        for sig in sigs:
            ret, types = parse_signature(sig)
            if ret is not None:
                raise TypeError(f"kern.guvectorize: signature {sig!r} must "
                                f"return void (outputs are the last "
                                f"arguments)")
            check_types(py_func, types, self._cores, sig, self.nin)
            dtypes = tuple(np.dtype(str(t.dtype if isinstance(t, Array)
                                        else t)) for t in types)
            # trailing length-1 axes of arrays declared with core ()
            extra = tuple((t.ndim if isinstance(t, Array) else 0) - len(c)
                          for t, c in zip(types, self._cores))
            self._loops.append((dtypes, extra))
        self._core = cuda.jit(device=True, fastmath=fastmath)(py_func)
        self._fastmath = fastmath
        self._kernels: Dict[Tuple[bool, ...], Any] = {}

    @property
    def types(self) -> List[str]:
        """The loops as NumPy's ufunc.types ('dd->d')."""
        return ["".join(d.char for d in dt[:self.nin]) + "->" +
                "".join(d.char for d in dt[self.nin:])
                for dt, _ in self._loops]

    def _split(self, args: Tuple[Any, ...], out: Any) -> Tuple[list, list]:
        """The inputs and the given outputs (None where not given)."""
        if len(args) not in (self.nin, self.nargs):
            raise TypeError(
                f"{self.__name__}: this gufunc takes {self.nin} positional "
                f"arguments (the inputs) or {self.nargs} (inputs and "
                f"outputs), got {len(args)}")
        outputs: List[Any] = list(args[self.nin:]) or [None] * self.nout
        if out is not None:
            if len(args) > self.nin:
                raise ValueError(f"{self.__name__}: cannot specify the "
                                 f"outputs both as arguments and as out=")
            outs = list(out) if isinstance(out, tuple) else [out]
            if len(outs) != self.nout:
                raise ValueError(f"{self.__name__}: out= needs {self.nout} "
                                 f"arrays, got {len(outs)}")
            outputs = outs
        return list(args[:self.nin]), outputs

    def _loop(self, inputs: Sequence[Any], host: Sequence[np.ndarray]) -> int:
        """The index of the loop of the inputs' dtypes, else of the first
        loop they cast to safely (NumPy 2's order)."""
        exact = tuple(h.dtype for h in host)
        for k, (dtypes, _) in enumerate(self._loops):
            if dtypes[:self.nin] == exact:
                return k
        for k, (dtypes, _) in enumerate(self._loops):
            if all(_weak_fits(a, t) if type(a) in (bool, int, float, complex)
                   else np.can_cast(h.dtype, t, "safe")
                   for a, h, t in zip(inputs, host, dtypes)):
                return k
        raise TypeError(f"ufunc '{self.__name__}' not supported for the input "
                        f"types {tuple(str(h.dtype) for h in host)}, and the "
                        f"inputs could not be safely coerced to any "
                        f"supported types according to the casting rule "
                        f"'safe' (its loops: {self.types})")

    def _shapes(self, host: Sequence[np.ndarray],
                outputs: Sequence[Any]) -> Tuple[tuple, List[tuple]]:
        """The loop shape and each argument's core shape, with NumPy's
        errors for missing or mismatched dimensions."""
        sizes: Dict[str, int] = {}
        outer = []
        for k, (a, core) in enumerate(zip(list(host) + list(outputs),
                                          self._cores)):
            if a is None:
                continue
            what = "Input" if k < self.nin else "Output"
            number = k if k < self.nin else k - self.nin
            shape = tuple(a.shape)
            if len(shape) < len(core):
                raise ValueError(
                    f"{self.__name__}: {what} operand {number} does not have "
                    f"enough dimensions (has {len(shape)}, gufunc core with "
                    f"signature {self.signature} requires {len(core)})")
            inner = shape[len(shape) - len(core):]
            for axis, (name, n) in enumerate(zip(core, inner)):
                if sizes.setdefault(name, n) != n:
                    raise ValueError(
                        f"{self.__name__}: {what} operand {number} has a "
                        f"mismatch in its core dimension {axis}, with gufunc "
                        f"signature {self.signature} (size {n} is different "
                        f"from {sizes[name]})")
            if k < self.nin:
                outer.append(shape[:len(shape) - len(core)])
        try:
            loop = tuple(np.broadcast_shapes(*outer)) if outer else ()
        except ValueError:
            raise ValueError(f"{self.__name__}: operands could not be "
                             f"broadcast together: their loop dimensions are "
                             f"{' '.join(map(str, outer))}") from None
        cores = []
        for k, core in enumerate(self._cores):
            missing = [name for name in core if name not in sizes]
            if missing:
                raise ValueError(
                    f"{self.__name__}: Output operand {k - self.nin} has core "
                    f"dimension {core.index(missing[0])} unspecified, with "
                    f"gufunc signature {self.signature}")
            cores.append(tuple(sizes[name] for name in core))
        for k, o in enumerate(outputs):
            want = loop + cores[self.nin + k]
            if o is not None and tuple(o.shape) != want:
                raise ValueError(f"{self.__name__}: out has shape "
                                 f"{tuple(o.shape)}, the result {want}")
        return loop, cores

    def __call__(self, *args: Any, out: Any = None, stream: Any = 0) -> Any:
        from .. import cuda
        inputs, outputs = self._split(args, out)
        on_device = any(is_device_array(a) for a in inputs)
        host = [host_values(a) for a in inputs]
        loop_index = self._loop(inputs, host)
        dtypes, extra = self._loops[loop_index]
        loop, cores = self._shapes(host, outputs)
        for k, o in enumerate(outputs):
            result = dtypes[self.nin + k]
            if o is not None and not np.can_cast(result, o.dtype,
                                                 "same_kind"):
                raise TypeError(f"Cannot cast ufunc '{self.__name__}' output "
                                f"from {result!r} to {o.dtype!r} with casting "
                                f"rule 'same_kind'")
        n = int(np.prod(loop)) if loop else 1
        pinned, passed = [], []
        for k, (a, h) in enumerate(zip(inputs, host)):
            core = cores[k] + (1,) * extra[k]
            outer = h.shape[:h.ndim - len(cores[k])]
            pinned.append(int(np.prod(outer)) == 1 and n != 1)
            if _in_place(a, dtypes[k]) and tuple(a.shape) == loop + cores[k]:
                passed.append(a.reshape((n,) + core))  # in place
                continue
            if not pinned[-1] and h.shape != loop + cores[k]:
                h = np.broadcast_to(h, loop + cores[k])
            h = np.ascontiguousarray(h, dtype=dtypes[k])
            passed.append(h.reshape(((1 if pinned[-1] else n),) + core))
        results = []
        for k, o in enumerate(outputs):
            j = self.nin + k
            core = cores[j] + (1,) * extra[j]
            if _in_place(o, dtypes[j]):
                results.append(o.reshape((n,) + core))  # written in place
            else:
                results.append(cuda.device_array((n,) + core, dtypes[j],
                                                 stream=stream))
        if n:
            self._launch(tuple(pinned), n, stream, passed + results)
        return self._deliver(outputs, results, loop, cores, on_device)

    def _launch(self, pinned: Tuple[bool, ...], n: int, stream: Any,
                args: List[Any]) -> None:
        kernel = self._kernels.get(pinned)
        if kernel is None:
            source = _kernel_source(self.nin, self.nout, pinned)
            kernel = self._kernels[pinned] = generated_kernel(
                source, "guvectorize", self.py_func, {"core": self._core},
                self._fastmath)
        try:
            kernel[blocks_for(n), THREADS, stream](*args)
        except TypingError as e:
            if "a CUDA kernel returns nothing" not in str(e):
                raise
            code = self.py_func.__code__
            raise TypingError(
                f"a guvectorized function writes its results into its last "
                f"arguments and returns nothing, but '{self.__name__}' "
                f"returns a value", code.co_filename,
                code.co_firstlineno) from None

    def _deliver(self, outputs: Sequence[Any], results: Sequence[Any],
                 loop: tuple, cores: Sequence[tuple], on_device: bool) -> Any:
        """The outputs given (filled), else the results: device arrays
        when an input was one, NumPy arrays otherwise."""
        values = []
        for k, (o, r) in enumerate(zip(outputs, results)):
            shape = loop + cores[self.nin + k]
            if o is not None:
                if not _in_place(o, r.dtype):
                    store(o, r.copy_to_host().reshape(shape))
                values.append(o)
            elif on_device:
                values.append(r.reshape(shape) if shape else r.reshape(1))
            else:
                h = r.copy_to_host().reshape(shape)
                values.append(h if shape else h[()])
        return values[0] if self.nout == 1 else tuple(values)

    def inspect_ptx(self, chip: Optional[str] = None) -> Dict[Any, str]:
        """The PTX of the kernels compiled so far (for `chip`, default the
        GPU's, else sm_80), by (argument types, which inputs are passed
        once)."""
        ptx: Dict[Any, str] = {}
        for pinned, kernel in self._kernels.items():
            for sig, text in kernel.inspect_ptx(chip=chip).items():
                ptx[sig, pinned] = text
        return ptx

    def __repr__(self) -> str:
        return f"<kern.guvectorize cuda gufunc {self.__name__} " \
            f"{self.signature}>"
