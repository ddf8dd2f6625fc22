"""`@cuda.jit` kernels: typing by kern's frontend, the launch by the CPU
target (convert-kern-gpu-to-host and lib/Runtime/CudaHost.c).

A kernel specialization is a module with the kernel (`kern.kernel`: kern's
ordinary function body with the GPU ops of kern/frontend/gpu.py) and a
launcher, the entry that Python calls through kern's C call path with the
kernel's arguments and the launch configuration:

    func.func @axpy__float32_1d(%arg0: memref<...>, ...) attributes {kern.kernel}
    func.func @axpy__float32_1d__launch(%arg0: memref<...>, ...,
        %g0: i64, %g1: i64, %g2: i64, %b0: i64, %b1: i64, %b2: i64,
        %shared: i64) attributes {kern.entry} {
      ... arith.index_cast ...
      kern.launch @axpy__float32_1d blocks(%x, %y, %z) threads(%tx, %ty, %tz)
          shared(%s) args(%arg0, ... : memref<...>, ...)
      return
    }

    >>> import numpy as np
    >>> from kern import cuda
    >>> @cuda.jit
    ... def twice(a):
    ...     i = cuda.grid(1)
    ...     if i < a.size:
    ...         a[i] *= 2
    >>> a = np.arange(5.0)
    >>> twice[2, 4](a)
    >>> a
    array([0., 2., 4., 6., 8.])
"""

from __future__ import annotations

import dataclasses
import inspect
import re
from typing import Any, Tuple

from ..dispatcher import Dispatcher
from ..errors import TypingError, UnsupportedError
from ..lowering import lower
from ..types import int64

__all__ = ["KernelDispatcher", "CONFIG_NAMES"]

#: the launcher's parameters after the kernel's: grid, block, shared bytes
CONFIG_NAMES = ("kern_grid_x", "kern_grid_y", "kern_grid_z", "kern_block_x",
                "kern_block_y", "kern_block_z", "kern_shared_bytes")
CONFIG_TYPES = (int64,) * len(CONFIG_NAMES)

_DECL = re.compile(r'^(%\w+): (.*?)( \{kern\.layout = "[CF]"\})?$')


def _launcher_signature(kernel: Any) -> Any:
    """A function with the kernel's parameters and the configuration's,
    whose signature the C call path binds (its body never runs)."""
    try:
        params = list(inspect.signature(kernel).parameters.values())
    except (TypeError, ValueError) as e:
        raise UnsupportedError(f"cuda.jit of {kernel!r}: {e}") from None
    for p in params:
        if p.kind not in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) or \
                p.default is not p.empty:
            raise UnsupportedError(
                f"kernel '{kernel.__name__}': parameter '{p.name}' (kernels "
                f"take plain positional parameters)",
                kernel.__code__.co_filename, kernel.__code__.co_firstlineno)
    names = [p.name for p in params] + list(CONFIG_NAMES)
    namespace: dict = {}
    exec(f"def launcher({', '.join(names)}):\n    pass\n", namespace)
    launcher = namespace["launcher"]
    launcher.__name__ = kernel.__name__
    launcher.__qualname__ = kernel.__qualname__
    launcher.__module__ = kernel.__module__
    launcher.__doc__ = kernel.__doc__
    return launcher


class KernelDispatcher(Dispatcher):
    """The specializations of one kernel; each entry is its launcher."""

    def __init__(self, kernel: Any, **options: Any) -> None:
        self.kernel_func = kernel
        super().__init__(_launcher_signature(kernel), None, **options)

    def compile_kernel(self, arg_types: Tuple[Any, ...]) -> Any:
        return self.compile(tuple(arg_types) + CONFIG_TYPES)

    def lower(self, arg_types: Tuple[Any, ...], **options: Any) -> Any:
        n = len(arg_types) - len(CONFIG_TYPES)
        contiguous = tuple(options.pop("contiguous", ()))[:n]
        low = lower(self.kernel_func, tuple(arg_types[:n]),
                    contiguous=contiguous, kernel=True, **options)
        text, entry = _with_launcher(low)
        return dataclasses.replace(low, mlir=text, entry=entry,
                                   arg_types=tuple(arg_types))


def _with_launcher(low: Any) -> Tuple[str, str]:
    """The module text with the launcher of kernel `low.entry` added."""
    decls, names, types = [], [], []
    for d in low.arg_decls:
        m = _DECL.match(d)
        if m is None:
            raise TypingError(f"internal error of kern: kernel argument "
                              f"'{d}'")
        decls.append(d)
        names.append(m.group(1))
        types.append(m.group(2))
    config = [f"%kern_c{k}" for k in range(len(CONFIG_NAMES))]
    decls += [f"{c}: i64" for c in config]
    sym = low.entry + "__launch"
    lines = [f"func.func @{sym}({', '.join(decls)}) attributes {{kern.entry}} {{"]
    idx = []
    for c in config:
        lines.append(f"  {c}i = arith.index_cast {c} : i64 to index")
        idx.append(f"{c}i")
    launch = (f"  kern.launch @{low.entry} blocks({', '.join(idx[0:3])}) "
              f"threads({', '.join(idx[3:6])}) shared({idx[6]})")
    if names:
        launch += f" args({', '.join(names)} : {', '.join(types)})"
    lines += [launch, "  return", "}"]
    body = "\n".join("  " + line for line in lines)
    text = low.mlir.rstrip()
    assert text.endswith("}")
    return text[:-1] + body + "\n}\n", sym
