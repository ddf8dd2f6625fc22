"""Random numeric Python functions for the property-based frontend fuzzer
(test_fuzz_frontend.py): hypothesis strategies that write the source of a
function over an int `a`, a float `b`, a bool `c`, a float64 array `x` and
an int64 array `y` of the same length, with loops, branches, math calls,
array reductions and elementwise array expressions. For example::

    def f(a, b, c, x, y):
        s = 0.0
        m = 0
        for i in range(len(x)):
            s += (x[i] * b) if (y[i] < a) else math.sin(s)
            m += (y[i] // 3)
        if (not c) and (b >= -1.5):
            r = (s / (a - 2))
        else:
            r = np.sum(x)
        return (r + float(m))

Values stay where CPython and kern agree by definition: int products only
of atoms (variables and small constants) so that no intermediate leaves
int64; no float `**` (CPython raises OverflowError, kern gives inf);
math.sqrt/log only of non-negative arguments. What is left to differ is
kern's business: division by zero must raise ZeroDivisionError, an empty
x.max() ValueError, and every value must match CPython's.

`ill_typed()` draws a statement that cannot be typed (an int indexed, len
of a float, an unknown name or attribute, a math function of an array):
kern must refuse it with a TypingError or UnsupportedError, at compile
time, naming the line.
"""

from hypothesis import strategies as st

PARAMS = "a, b, c, x, y"

INT_CONSTS = [0, 1, 2, 3, -1, 7, -5, 100]
FLOAT_CONSTS = ["0.0", "1.0", "-1.5", "0.25", "2.5", "1e-3", "-0.0", "10.0"]

# name -> argument wrapper that keeps the call in its domain
MATH_CALLS = {
    "math.sin": "{}", "math.cos": "{}", "math.tanh": "{}", "math.atan": "{}",
    "math.fabs": "{}", "abs": "{}",
    "math.sqrt": "math.fabs({})", "math.exp": "min({}, 30.0)",
    "math.log": "math.fabs({}) + 1.0", "math.log1p": "math.fabs({})",
    "math.expm1": "min({}, 30.0)", "math.hypot": "{0}, 2.0",
}
ARRAY_SCALARS = ["np.sum(x)", "x.sum()", "np.mean(x)", "x.max()", "x.min()",
                 "np.prod(y)", "y.sum()", "np.dot(x, x)", "float(len(x))",
                 "np.sum(np.sqrt(np.abs(x)))", "(x > b).sum()",
                 "np.sum(x * y)", "np.max(y)", "np.argmax(x)",
                 "np.std(x)", "np.any(x > 1.0)", "np.all(y != 0)"]
ILL_TYPED = [
    "z = a[0]", "z = len(b)", "z = undefined_name + 1", "z = x.nosuchattr",
    "z = math.sin(x)", "z = b.nosuchattr", "z = a(1)", "z = x[1.5]",
    "z = np.nosuchfunction(x)", "z = math.nosuchfunction(b)",
    "z = {1: 2}[x]", "x.append(1.0)", "z = math.sqrt(b, b)",
]


class Scope:
    """The names an expression may read, by type ('int', 'float', 'bool'),
    and whether it sits in the element loop (x[i], y[i] readable)."""

    def __init__(self, ints, floats, bools, in_loop=False):
        self.vars = {"int": list(ints), "float": list(floats),
                     "bool": list(bools)}
        self.in_loop = in_loop

    def with_loop(self):
        return Scope(self.vars["int"] + ["i", "y[i]"],
                     self.vars["float"] + ["x[i]"], self.vars["bool"], True)

    def adding(self, ty, name):
        s = Scope(self.vars["int"], self.vars["float"], self.vars["bool"],
                  self.in_loop)
        s.vars[ty] = s.vars[ty] + [name]
        return s


@st.composite
def int_atom(draw, scope):
    choices = [str(c) for c in INT_CONSTS] + scope.vars["int"]
    return draw(st.sampled_from(choices))


@st.composite
def int_expr(draw, scope, depth=3):
    if depth <= 0 or draw(st.integers(0, 3)) == 0:
        return draw(int_atom(scope))
    kind = draw(st.sampled_from(
        ["add", "sub", "mul", "floordiv", "mod", "neg", "abs", "minmax",
         "ifexp", "bool", "len", "pow2", "cmpsum"]))
    sub = lambda: draw(int_expr(scope, depth - 1))  # noqa: E731
    if kind == "add":
        return f"({sub()} + {sub()})"
    if kind == "sub":
        return f"({sub()} - {sub()})"
    if kind == "mul":  # atoms only: no intermediate leaves int64
        return f"({draw(int_atom(scope))} * {draw(int_atom(scope))})"
    if kind == "pow2":
        return f"({draw(int_atom(scope))} ** 2)"
    if kind == "floordiv":
        return f"({sub()} // {sub()})"
    if kind == "mod":
        return f"({sub()} % {sub()})"
    if kind == "neg":
        return f"(-{sub()})"
    if kind == "abs":
        return f"abs({sub()})"
    if kind == "minmax":
        fn = draw(st.sampled_from(["min", "max"]))
        return f"{fn}({sub()}, {sub()})"
    if kind == "ifexp":
        return f"({sub()} if {draw(bool_expr(scope, depth - 1))} else {sub()})"
    if kind == "bool":
        return f"int({draw(bool_expr(scope, depth - 1))})"
    if kind == "len":
        return "len(x)"
    return f"({draw(bool_expr(scope, depth - 1))} + {sub()})"


@st.composite
def float_expr(draw, scope, depth=3):
    if depth <= 0 or draw(st.integers(0, 3)) == 0:
        choices = FLOAT_CONSTS + scope.vars["float"] + ["float(a)", "b"]
        return draw(st.sampled_from(choices))
    kind = draw(st.sampled_from(
        ["add", "sub", "mul", "div", "mixed", "math", "neg", "ifexp",
         "array", "floordiv", "mod", "minmax", "square", "intdiv"]))
    sub = lambda: draw(float_expr(scope, depth - 1))  # noqa: E731
    if kind in ("add", "sub", "mul", "div", "floordiv", "mod"):
        op = {"add": "+", "sub": "-", "mul": "*", "div": "/",
              "floordiv": "//", "mod": "%"}[kind]
        return f"({sub()} {op} {sub()})"
    if kind == "mixed":
        op = draw(st.sampled_from(["+", "-", "*", "/"]))
        left, right = sub(), draw(int_expr(scope, depth - 1))
        if draw(st.booleans()):
            left, right = right, left
        return f"({left} {op} {right})"
    if kind == "intdiv":
        return f"({draw(int_expr(scope, depth - 1))} / {draw(int_expr(scope, depth - 1))})"
    if kind == "math":
        fn = draw(st.sampled_from(sorted(MATH_CALLS)))
        return f"{fn}({MATH_CALLS[fn].format(sub())})"
    if kind == "neg":
        return f"(-{sub()})"
    if kind == "square":
        return f"({sub()} ** 2)" if draw(st.booleans()) else f"float({sub()})"
    if kind == "minmax":
        fn = draw(st.sampled_from(["min", "max"]))
        return f"{fn}({sub()}, {sub()})"
    if kind == "ifexp":
        return f"({sub()} if {draw(bool_expr(scope, depth - 1))} else {sub()})"
    return f"float({draw(st.sampled_from(ARRAY_SCALARS))})"


@st.composite
def bool_expr(draw, scope, depth=2):
    if depth <= 0 or draw(st.integers(0, 2)) == 0:
        return draw(st.sampled_from(["c", "True", "False"] + scope.vars["bool"]))
    kind = draw(st.sampled_from(["cmpf", "cmpi", "not", "and", "or"]))
    op = draw(st.sampled_from(["<", "<=", "==", "!=", ">", ">="]))
    if kind == "cmpf":
        return f"({draw(float_expr(scope, depth - 1))} {op} {draw(float_expr(scope, depth - 1))})"
    if kind == "cmpi":
        return f"({draw(int_expr(scope, depth - 1))} {op} {draw(int_expr(scope, depth - 1))})"
    if kind == "not":
        return f"(not {draw(bool_expr(scope, depth - 1))})"
    word = "and" if kind == "and" else "or"
    return f"({draw(bool_expr(scope, depth - 1))} {word} {draw(bool_expr(scope, depth - 1))})"


def expr_of(ty, scope, depth=3):
    return {"int": int_expr, "float": float_expr, "bool": bool_expr}[ty](
        scope, depth)


@st.composite
def loop_body(draw, scope, indent):
    """Statements of the element loop: update the accumulators s (float) and
    m (int; never read inside the loop, so that it stays small)."""
    pad = " " * indent
    lines = []
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["s", "m", "if", "t"]))
        if kind == "s":
            op = draw(st.sampled_from(["+=", "-="]))
            lines.append(f"{pad}s {op} {draw(float_expr(scope))}")
        elif kind == "m":
            lines.append(f"{pad}m += {draw(int_expr(scope))}")
        elif kind == "t":
            lines.append(f"{pad}t = {draw(float_expr(scope))}")
            lines.append(f"{pad}s = s + t * 0.5")
        else:
            lines.append(f"{pad}if {draw(bool_expr(scope))}:")
            lines.append(f"{pad}    s += {draw(float_expr(scope))}")
            if draw(st.booleans()):
                lines.append(f"{pad}elif {draw(bool_expr(scope))}:")
                lines.append(f"{pad}    continue")
            if draw(st.booleans()):
                lines.append(f"{pad}else:")
                lines.append(f"{pad}    m -= {draw(int_expr(scope))}")
            if draw(st.integers(0, 4)) == 0:
                lines.append(f"{pad}if {draw(bool_expr(scope))}:")
                lines.append(f"{pad}    break")
    return lines


@st.composite
def program(draw, ill_typed=False):
    """(source of `def f(a, b, c, x, y)`, returns_array)."""
    outer = Scope(["a"], ["b"], ["c"])
    lines = ["def f(a, b, c, x, y):", "    s = 0.0", "    m = 0"]
    if ill_typed:
        lines.append("    " + draw(st.sampled_from(ILL_TYPED)))
    if draw(st.booleans()):
        lines.append("    for i in range(len(x)):")
        lines += draw(loop_body(outer.with_loop(), 8))
    if draw(st.booleans()):
        bound = draw(st.integers(0, 5))
        lines += ["    k = 0", f"    while k < {bound}:",
                  f"        s = s * 0.5 + {draw(float_expr(outer.adding('int', 'k')))}",
                  "        k += 1"]
    after = outer.adding("float", "s").adding("int", "m")
    ty = draw(st.sampled_from(["int", "float", "bool", "float", "array"]))
    if ty == "array":
        fn = draw(st.sampled_from(["np.sin", "np.cos", "np.abs", "np.sqrt",
                                   "np.tanh", ""]))
        inner = "np.abs(x)" if fn == "np.sqrt" else "x"
        lines.append(f"    r = {fn}({inner}) * {draw(float_expr(after))}")
        lines.append(f"    r = r + y * {draw(int_expr(after, 2))}")
        lines.append(f"    return np.where(r > {draw(float_expr(after, 1))}, r, s)")
        return "\n".join(lines) + "\n", True
    lines.append(f"    if {draw(bool_expr(after))}:")
    lines.append(f"        r = {draw(expr_of(ty, after))}")
    lines.append("    else:")
    lines.append(f"        r = {draw(expr_of(ty, after))}")
    combine = {"int": "(r + m)", "float": "(r + s)", "bool": "r"}[ty]
    if ty == "float" and draw(st.booleans()):
        combine = "(r - float(m) * 0.5)"
    lines.append(f"    return {combine}")
    return "\n".join(lines) + "\n", False


FLOATS = st.one_of(st.sampled_from([0.0, -0.0, 1.0, -2.5, 0.5, 3.0,
                                    float("inf"), float("-inf"),
                                    float("nan")]),
                   st.floats(-1e3, 1e3, allow_nan=False))


def laid_out(values, dtype, layout):
    """`values` as an array of `layout`: contiguous, reversed (a negative
    stride) or every other element of a twice longer buffer."""
    import numpy as np
    a = np.array(values, dtype=dtype)
    if layout == "reversed":
        return a[::-1].copy()[::-1]
    if layout == "strided":
        b = np.zeros(2 * len(a), dtype=dtype)
        b[::2] = a
        return b[::2]
    return a


@st.composite
def arguments(draw):
    """(a, b, c, x, y): x float64 and y int64 of one length (0 to 6), each
    contiguous, reversed or strided."""
    import numpy as np
    n = draw(st.integers(0, 6))
    layouts = st.sampled_from(["C", "reversed", "strided"])
    x = laid_out(draw(st.lists(FLOATS, min_size=n, max_size=n)), np.float64,
                 draw(layouts))
    y = laid_out(draw(st.lists(st.integers(-50, 50), min_size=n, max_size=n)),
                 np.int64, draw(layouts))
    return (draw(st.integers(-100, 100)), draw(FLOATS), draw(st.booleans()),
            x, y)
