"""The types kern gave a function's variables and expressions, by source
line: what `Dispatcher.inspect_types()` prints (Numba's name and layout).

The FunctionCompiler records the type of every expression it types (the
last, settled pass wins) and its variables' types; `TypeMap` keeps them by
line, and `annotate` prints each source line under a banner with the
types of what the line assigns and computes::

    >>> import kern.types as kt
    >>> tm = TypeMap("add", (kt.int64, kt.float64), "f.py", 10,
    ...              ["def add(a, b):", "    c = a + b", "    return c"],
    ...              {10: [("a", kt.int64), ("b", kt.float64)],
    ...               11: [("a + b", kt.float64), ("c", kt.float64)]},
    ...              kt.float64)
    >>> print(tm.annotate())
    add (int64, float64)
    --------------------------------------------------------------------------------
    # File: f.py
    # --- LINE 10 ---
    def add(a, b):
        #   a  :: int64
        #   b  :: float64
    # --- LINE 11 ---
        c = a + b
        #   a + b  :: float64
        #   c  :: float64
    # --- LINE 12 ---
        return c
    # return  :: float64
    ================================================================================
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence, Tuple

from ..types import Type

__all__ = ["TypeMap", "collect", "value_type"]

_RULE = "-" * 80
_END = "=" * 80
# expressions whose type is their variable's or evident from the source
_PLAIN = (ast.Name, ast.Constant, ast.Starred, ast.Slice)


def value_type(value: Any) -> Optional[Type]:
    """The kern type of a frontend value (V, TupleVal, OptVal,
    InstanceVal), None for a compile-time object without one."""
    try:
        ty = getattr(value, "ty", None)
    except TypeError:  # a tuple of constants that are not values yet
        return None
    return ty if isinstance(ty, Type) or hasattr(ty, "mlir") else None


@dataclass
class TypeMap:
    """Types by line of one specialization: `entries[line]` lists
    (source text, type) in the order of the line, by line of the file;
    `source` holds the lines from `first_line` on."""

    name: str
    arg_types: Tuple[Type, ...]
    filename: str
    first_line: int
    source: List[str]
    entries: Dict[int, List[Tuple[str, Type]]] = field(default_factory=dict)
    return_type: Optional[Type] = None
    variables: Dict[str, Type] = field(default_factory=dict)

    def annotate(self) -> str:
        """The source with each line's types, as Numba's inspect_types."""
        args = ", ".join(str(t) for t in self.arg_types)
        out = [f"{self.name} ({args})", _RULE, f"# File: {self.filename}"]
        for k, text in enumerate(self.source, start=self.first_line):
            out.append(f"# --- LINE {k} ---")
            out.append(text)
            indent = text[:len(text) - len(text.lstrip())]
            if text.lstrip().startswith("def "):
                indent += "    "
            out += [f"{indent}#   {what}  :: {ty}"
                    for what, ty in self.entries.get(k, ())]
        out.append(f"# return  :: {self.return_type or 'none'}")
        out.append(_END)
        return "\n".join(out)


def collect(fdef: ast.FunctionDef, params: Sequence[str],
            node_types: Dict[ast.AST, Type], variables: Dict[str, Type],
            offset: int) -> Dict[int, List[Tuple[str, Type]]]:
    """Each line's (text, type) pairs (the line of the file: the AST's
    plus `offset`): the parameters on the `def` line, then per line the
    computed expressions and the variables stored, in source order, each
    text once."""
    entries: Dict[int, List[Tuple[str, Type]]] = {}

    def add(line: int, col: int, text: str, ty: Optional[Type]) -> None:
        if ty is not None:
            entries.setdefault(line + offset, []).append((col, text, ty))

    for p in params:
        add(fdef.lineno, 0, p, variables.get(p))
    for node in ast.walk(fdef):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            add(node.lineno, 10**6 + node.col_offset, node.id,
                variables.get(node.id))
        elif isinstance(node, ast.expr) and not isinstance(node, _PLAIN) \
                and node in node_types:
            add(node.lineno, node.col_offset, ast.unparse(node),
                node_types[node])
    result = {}
    for line, items in entries.items():
        seen, ordered = set(), []
        for _, text, ty in sorted(items, key=lambda e: e[0]):
            if text not in seen:
                seen.add(text)
                ordered.append((text, ty))
        result[line] = ordered
    return result
