"""The probe table of scripts/numpy_checklist.py.

SECTIONS follows Numba's reference page, docs/source/reference/
numpysupported.rst ("Supported NumPy features"): a list of (heading level,
title, items). Each item is `I(name, variant, ...)`: the row's name and the
calls that probe it, each a Python expression (or a function body with its
own `return`) over the fixtures below. The checklist compiles each variant
with kern.njit and compares its result with NumPy's (the same function run
by the interpreter). A variant written `V(src, "meta")` compares only shape
and dtype (np.empty's values, say). `grep=` is the regular expression that
finds the item's test in test/python (default: derived from the name).

Every variant is a form Numba's page lists (`--numba` checks them against
Numba itself), but for a few functions kern has beyond that page
(np.nanargmin/nanargmax, np.unravel_index, np.ravel_multi_index,
np.meshgrid, np.diag_indices/diag_indices_from), probed against NumPy.
"""

import numpy as np

FIXTURES = {
    "a": lambda: np.array([0.5, -1.25, 2.0, 3.5, -0.75, 1.5]),
    "p": lambda: np.array([0.5, 1.25, 2.0, 3.5, 0.75, 1.5]),
    "u": lambda: np.array([-0.9, -0.5, -0.1, 0.2, 0.6, 0.95]),
    "q": lambda: np.array([1.0, np.nan, 3.0, -2.0, np.nan, 0.5]),
    "w": lambda: np.array([1.0, np.inf, -np.inf, np.nan, 0.0, -0.0]),
    "m": lambda: np.array([[1.5, -2.0, 0.25, 4.0], [3.0, 0.5, -1.0, 2.0],
                           [-0.5, 2.5, 1.0, -3.0]]),
    "mp": lambda: np.abs(FIXTURES["m"]()) + 0.5,
    "mu": lambda: FIXTURES["m"]() / 5.0,
    "mq": lambda: np.array([[1.0, np.nan, 2.0], [np.nan, 4.0, -1.0]]),
    "t3": lambda: np.arange(36.0).reshape(3, 3, 4) * 0.5 - 4.0,
    "s": lambda: np.array([[4.0, 1.0, 0.5], [1.0, 3.0, 0.2], [0.5, 0.2, 2.0]]),
    "g": lambda: np.array([[2.0, 1.0, 0.0], [0.5, 3.0, 1.0], [0.0, 0.5, 5.0]]),
    "r": lambda: FIXTURES["m"]().T.copy(),
    "v": lambda: np.array([1.0, -2.0, 0.5]),
    "v2": lambda: np.array([0.5, 1.0, 3.0]),
    "srt": lambda: np.array([0.0, 1.0, 2.5, 4.0, 7.0]),
    "i": lambda: np.array([3, 1, 4, 1, 5, 9, 2, 6]),
    "i2": lambda: np.array([2, 7, 1, 8, 2, 8, 1, 8]),
    "j": lambda: np.arange(12).reshape(3, 4),
    "k": lambda: np.array([0, 2, 1]),
    "k2": lambda: np.array([[0, 1], [2, 0]]),
    "ab": lambda: np.array([True, False, True, True, False, False]),
    "ab2": lambda: np.array([True, True, False, True, False, True]),
    "c": lambda: np.array([1 + 2j, -0.5 + 1j, 3 - 1j, 0.25 - 2j]),
    "z": lambda: np.array([[2 + 1j, 1, 0], [0.5j, 3, 1 - 1j], [0, 0.5, 5 + 2j]]),
    "ai8": lambda: np.array([100, -3, 7, 120], np.int8),
    "ai16": lambda: np.array([30000, -3, 7, 1], np.int16),
    "ai32": lambda: np.array([2 ** 30, -3, 7, 1], np.int32),
    "au8": lambda: np.array([200, 3, 7, 255], np.uint8),
    "au16": lambda: np.array([60000, 3, 7, 1], np.uint16),
    "au32": lambda: np.array([2 ** 31, 3, 7, 1], np.uint32),
    "au64": lambda: np.array([2 ** 63, 3, 7, 1], np.uint64),
    "af32": lambda: np.array([0.5, -1.25, 2.0, 3.5], np.float32),
    "ac64": lambda: np.array([1 + 2j, -0.5 + 1j], np.complex64),
    "dt": lambda: np.array(["2020-01-01", "2021-06-15", "2019-12-31"],
                           "datetime64[D]"),
    "td": lambda: np.array([1, -2, 30], "timedelta64[h]"),
    "sa": lambda: np.array([b"ab", b"cde"]),
    "rec": lambda: np.array([(1.0, 2), (3.0, 4)],
                            dtype=[("x", "f8"), ("y", "i8")]),
    "rec2": lambda: np.array([(1.0, 2, 0.5)],
                             dtype=[("x", "f8"), ("y", "i8"), ("z", "f4")]),
    "rng": lambda: np.random.default_rng(42),
    "bb": lambda: np.arange(4.0).tobytes(),
    "tup": lambda: (1.0, 2.0, 3.0),
    "n": lambda: 3,
    "x": lambda: 1.5,
}


class V(str):
    """A variant with a comparison mode other than "value" ("meta": shape
    and dtype only), or with `ref`, the expression NumPy's result comes from
    where Numba's form is not NumPy's (attribute access to record fields)."""

    def __new__(cls, src, mode="value", ref=None):
        self = str.__new__(cls, src)
        self.mode, self.ref = mode, ref
        return self


class I:
    """An item: its name, its variants, grep= (the test pattern) and note=
    (what was found out about a failure, added to a status other than yes)."""

    def __init__(self, name, *variants, grep=None, note=None):
        self.name, self.variants, self.grep, self.note = \
            name, list(variants), grep, note


def seeded(call, seed=0):
    return f"np.random.seed({seed})\nreturn {call}"


def ufuncs(names, *forms, ops=None):
    """Items for ufuncs: each form is a template with {u} for the name."""
    ops = ops or {}
    return [I(f"np.{u}", *[f.format(u=u) for f in forms], *ops.get(u, ()))
            for u in names]


UNARY = ("np.{u}(a)", "np.{u}(m)", "np.{u}(x)", "np.{u}(i)")
POSITIVE = ("np.{u}(p)", "np.{u}(mp)", "np.{u}(x)", "np.{u}(i)")
UNIT = ("np.{u}(u)", "np.{u}(mu)", "np.{u}(0.5)")
BINARY = ("np.{u}(a, p)", "np.{u}(m, m[0])", "np.{u}(x, 2.0)", "np.{u}(i, i2)")
INTS = ("np.{u}(i, i2)", "np.{u}(j, 3)", "np.{u}(n, 6)")
COMPARE = ("np.{u}(a, p)", "np.{u}(m, 0.5)", "np.{u}(x, 2.0)", "np.{u}(i, i2)")
LOGICAL = ("np.{u}(ab, ab2)", "np.{u}(a, p)", "np.{u}(True, False)")
WITH_NAN = ("np.{u}(w)", "np.{u}(m)", "np.{u}(x)")

OPS = {"add": ["a + p", "m + 1.0"], "subtract": ["a - p"],
       "multiply": ["a * p", "m * 2"], "divide": ["a / p"],
       "true_divide": ["i / i2"], "floor_divide": ["a // p", "i // i2"],
       "negative": ["-a"], "power": ["p ** a", "i ** 2"],
       "remainder": ["a % p", "i % i2"], "divmod": ["divmod(a, p)"],
       "absolute": ["abs(a)"], "bitwise_and": ["i & i2", "ab & ab2"],
       "bitwise_or": ["i | i2"], "bitwise_xor": ["i ^ i2"],
       "invert": ["~i", "~ab"], "left_shift": ["i << 2"],
       "right_shift": ["i >> 1"], "greater": ["a > p"],
       "greater_equal": ["a >= p"], "less": ["a < p"],
       "less_equal": ["a <= p"], "not_equal": ["a != p"],
       "equal": ["a == p", "i == i2"]}

SEQ_1D = ("np.{u}(a)", "a.{u}()")


def method(name, *extra, fn=True, arrays=("a", "m")):
    """A calculation method: a.name(), m.name() and np.name(a) (+ extra)."""
    vs = [f"{x}.{name}()" for x in arrays]
    if fn:
        vs.append(f"np.{name}({arrays[0]})")
    return I(f".{name}()", *vs, *extra, grep=rf"\.{name}\(")


RANDOM_DISTS = {
    "beta": "2.0, 3.0", "binomial": "10, 0.3", "chisquare": "3.0",
    "exponential": "2.0", "f": "3.0, 5.0", "gamma": "2.0, 1.5",
    "geometric": "0.3", "gumbel": "0.5, 2.0", "hypergeometric": "10, 5, 6",
    "laplace": "0.5, 2.0", "logistic": "0.5, 2.0", "lognormal": "0.5, 0.25",
    "logseries": "0.6", "negative_binomial": "5, 0.4",
    "noncentral_chisquare": "3.0, 1.5", "normal": "1.0, 2.0",
    "pareto": "3.0", "poisson": "4.0", "power": "2.0", "rayleigh": "1.5",
    "standard_cauchy": "", "standard_exponential": "",
    "standard_gamma": "2.5", "standard_normal": "", "standard_t": "4.0",
    "triangular": "0.0, 1.0, 3.0", "uniform": "1.0, 4.0",
    "vonmises": "0.5, 2.0", "wald": "1.0, 2.0", "weibull": "1.5",
    "zipf": "2.5",
}
GENERATOR = ["beta", "chisquare", "exponential", "f", "gamma", "geometric",
             "laplace", "logistic", "lognormal", "logseries",
             "negative_binomial", "noncentral_chisquare", "noncentral_f",
             "normal", "pareto", "poisson", "power", "rayleigh",
             "standard_cauchy", "standard_exponential", "standard_gamma",
             "standard_normal", "standard_t", "triangular", "uniform", "wald",
             "weibull", "zipf"]
GEN_ARGS = dict(RANDOM_DISTS, noncentral_f="3.0, 5.0, 1.5")


def random_dist(name):
    args = RANDOM_DISTS[name]
    sep = ", " if args else ""
    sized = () if name == "negative_binomial" else (   # Numba: no size
        seeded(f"np.random.{name}({args}{sep}size=5)"),
        seeded(f"np.random.{name}({args}{sep}size=(2, 3))"))
    return I(f"np.random.{name}", seeded(f"np.random.{name}({args})"), *sized)


def generator(name):
    args = GEN_ARGS[name]
    sep = ", " if args else ""
    return I(f"Generator.{name}()", f"rng.{name}({args})",
             f"rng.{name}({args}{sep}size=5)", grep=rf"rng\.{name}\(")


def constructor(t):
    """Scalars (their type seen through an array expression) and arrays."""
    return I(f"np.{t}", f"np.{t}(n)", f"np.{t}(x)", f"np.{t}(p)", f"np.{t}(i)",
             f"np.{t}(n) * np.ones(2, np.{t})", f"np.{t}(x) * np.ones(2, np.{t})")


LOOP_1D = "acc = 0.0\nfor e in a:\n    acc += e\nreturn acc"
LOOP_2D = "acc = 0.0\nfor row in m:\n    acc += row[1]\nreturn acc"
FLAT_ITER = "acc = 0.0\nfor e in m.flat:\n    acc = acc * 0.5 + e\nreturn acc"
NDENUM = ("acc = 0.0\nfor idx, e in np.ndenumerate(m):\n"
          "    acc += e * (idx[0] + 2 * idx[1])\nreturn acc")
NDINDEX = ("acc = 0\nfor idx in np.ndindex(3, 4):\n"
           "    acc += idx[0] * 10 + idx[1]\nreturn acc")
NDITER = ("acc = 0.0\nfor e in np.nditer(m):\n    acc = acc * 0.5 + e.item()\n"
          "return acc")

SECTIONS = [
    (1, "Scalar types", [
        I("Integers (int8 ... uint64)", "ai8 * 2", "ai16 + ai16", "ai32[0] + ai32",
          "au8 + au8", "au16 * 3", "au32 - 1", "au64 // 3",
          "np.int8(n) + ai8", grep=r"int8|uint16"),
        I("Booleans", "ab & ab2", "np.bool_(n)", "ab[0] and ab2[1]",
          grep=r"np\.bool_|bool"),
        I("Real numbers (float32, float64)", "af32 * 2.5", "np.float32(x) * af32",
          "af32.sum()", grep=r"float32"),
        I("Complex numbers (complex64, complex128)", "c * c", "ac64 + 1",
          "c[0] * c[1]", "np.complex64(x) * ac64", grep=r"complex64|complex128"),
        I("Datetimes and timedeltas", "dt[1] - dt[0]", "td * 2", "td[0] + td[1]",
          grep=r"datetime64|timedelta64"),
        I("Character sequences (passed in, no operations)", "sa.shape[0]",
          grep=r"dtype=.S|np\.bytes_"),
        I("Structured scalars", "rec[0]['x']", V("rec[1].y", ref="rec[1]['y']"), "rec[0]['x'] * rec[1]['y']",
          grep=r"structured|\('x', ?'f8'\)|r\.x \+ r\['y'\]"),
        I("scalar .view(np.<dtype>) bitcast", "np.int64(-1).view(np.uint64)",
          "np.float64(x).view(np.int64)", grep=r"\.view\(np\.u?int"),
    ]),
    (2, "Record subtyping", [
        I("record width subtyping", "rec[0]['x'] + rec2[0]['x']",
          grep=r"subtyp"),
    ]),
    (1, "Array types", []),
    (2, "Array access", [
        I("iteration", LOOP_1D, LOOP_2D, grep=r"for \w+ in [a-z]+:"),
        I("basic indexing", "m[1, 2]", "m[-1, -2]", "m[1]", "t3[1, 2, 3]",
          grep=r"\[1, 2\]"),
        I("slicing", "a[1:4]", "a[::-1]", "m[1:, ::2]", "m[:, 1]",
          "t3[:, 1:, ::-2]", grep=r"\[::-1\]|\[1:, "),
        I("None / np.newaxis", "a[:, None] * a[None, :]", "m[np.newaxis].shape",
          "m[:, None, :]", grep=r"newaxis"),
        I("one 1-D integer array index", "a[k]", "m[k]", "m[:, k]", "m[k, 1]",
          "a[k] = 0.0\nreturn a", grep=r"\[idx\]|\[k\]"),
        I("boolean mask index", "a[ab]", "a[a > 0]", "m[m > 0]",
          "a[a > 0] = 0.0\nreturn a", grep=r"\[mask\]|> 0\]"),
        I("several array indices", "m[k, k]", "t3[k, :, k]", "t3[:, k, k]",
          "t3[0, :, k]", "m[np.triu_indices(3)]", "m[[0, 2], [1, 3]]",
          "m[k, k] = 0.0\nreturn m", "m[k, k] += 1.0\nreturn m",
          grep=r"\[idx, idx|\[k, k|\[r, c\]"),
        I("multidimensional index arrays", "a[k2]", "m[k2, 1]", "t3[:, k2, k2]",
          "a[k2] = 1.0\nreturn a", "t3[t3[:, :, 0] > 0]",
          grep=r"k2|2-D index|idx2d"),
    ]),
    (2, "Structured array access", [
        I("field get/set (rec[i].f, rec[i]['f'])",
          V("rec[0].x = 2.5\nreturn rec[0].x + rec[1].x",
            ref="rec[0]['x'] = 2.5\nreturn rec[0]['x'] + rec[1]['x']"),
          "rec[1]['y'] = 7\nreturn rec[1]['y']", grep=r"\.x = |\['x'\] ="),
        I("field views (rec['x'], rec.x)", "rec['x'].sum()",
          V("rec.y * 2", ref="rec['y'] * 2"), "rec['x'][1:]",
          grep=r"a\.y\[:\] = "),
        I("records and arrays of records returned", "rec[1]", "rec[::-1]",
          "rec", grep=r"return a, a\[::2\], a\[1\]"),
        I("np.empty / np.zeros of a structured dtype",
          V("np.empty(3, rec.dtype)", "meta"), "np.zeros(2, rec.dtype)",
          grep=r"np\.zeros\(n, PACKED\)"),
    ]),
    (2, "Attributes", [
        I(".dtype", "np.zeros(2, a.dtype)", "np.zeros(2, i.dtype)",
          "np.ones(2, dtype=af32.dtype)", grep=r"\.dtype\b"),
        I(".flags", "m.flags.c_contiguous", "m.T.flags.f_contiguous",
          "m[:, ::2].flags.contiguous", grep=r"\.flags"),
        I(".flat", FLAT_ITER, "m.flat[5]", "m.T.flat[5]", grep=r"\.flat\b"),
        I(".itemsize", "a.itemsize", "af32.itemsize", grep=r"\.itemsize"),
        I(".nbytes", "m.nbytes", "ai16.nbytes", grep=r"\.nbytes"),
        I(".ndim", "a.ndim", "t3.ndim", grep=r"\.ndim"),
        I(".shape", "m.shape", "t3.shape[2]", grep=r"\.shape"),
        I(".size", "m.size", grep=r"\.size\b"),
        I(".strides", "m.strides", "m.T.strides", "a[::2].strides",
          grep=r"\.strides"),
        I(".T", "m.T", "t3.T", "a.T", grep=r"\.T\b"),
        I(".real", "c.real", "a.real", "z.real", grep=r"\.real"),
        I(".imag", "c.imag", "a.imag", "z.imag", grep=r"\.imag"),
    ]),
    (2, "Calculation", [
        method("all", "(a > -5).all()", "np.all(ab)"),
        method("any", "(a > 3).any()", "np.any(ab)"),
        I(".clip()", "a.clip(-1.0, 1.0)", "m.clip(0.0, 2.0)",
          "np.clip(a, -1.0, 1.0)", "i.clip(2, 5)", grep=r"clip\("),
        method("conj", fn=False, arrays=("c", "z")),
        method("conjugate", "np.conjugate(c)", fn=False, arrays=("c", "z")),
        method("cumprod", "i.cumprod()"), method("cumsum", "i.cumsum()"),
        method("max", "i.max()"), method("mean", "i.mean()"),
        method("min", "i.min()"),
        I(".nonzero()", "a.nonzero()", "m.nonzero()", "np.nonzero(i - 1)",
          grep=r"nonzero\("),
        method("prod", "i.prod()"), method("std", "i.std()"),
        I(".take()", "a.take(k)", "m.take(k)", "np.take(a, k)", "a.take(2)",
          grep=r"take\("),
        method("var", "i.var()"),
    ]),
    (2, "Other methods", [
        I(".argmax()", "a.argmax()", "m.argmax()", "m.argmax(axis=0)",
          "m.argmax(axis=1)", "np.argmax(m, axis=1)", grep=r"argmax\("),
        I(".argmin()", "a.argmin()", "m.argmin()", "m.argmin(axis=0)",
          "np.argmin(m, axis=1)", grep=r"argmin\("),
        I("np.argpartition", "a[np.argpartition(a, 2)[2]]",
          "i[np.argpartition(i, 4)[4]]"),
        I(".argsort()", "a.argsort()", "a.argsort(kind='mergesort')",
          "np.argsort(i, kind='mergesort')", "np.argsort(a)", grep=r"argsort\("),
        I(".astype()", "a.astype(np.int32)", "i.astype(np.float32)",
          "m.astype(np.complex128)", "a.astype('int64')", grep=r"astype\("),
        I(".copy()", "m.copy()", "m.T.copy()", grep=r"\.copy\(\)"),
        I(".dot()", "a.dot(p)", "m.dot(m[0])", "m.T.dot(m)", grep=r"\.dot\("),
        I(".flatten()", "m.flatten()", "m.T.flatten()", grep=r"flatten\("),
        I(".item()", "a[1:2].item()", "m[1:2, 2:3].item()", grep=r"\.item\("),
        I(".itemset()", "a[1:2].itemset(4.0)\nreturn a", grep=r"itemset\("),
        I(".ptp()", "a.ptp()", "m.ptp()", grep=r"ptp\("),
        I(".ravel()", "m.ravel()", "m.T.ravel()", grep=r"ravel\("),
        I(".repeat()", "a.repeat(2)", "m.repeat(2)", "np.repeat(i, 3)",
          grep=r"repeat\("),
        I(".reshape()", "a.reshape(2, 3)", "a.reshape((3, 2))", "m.reshape(-1)",
          "m.reshape(2, -1)", grep=r"reshape\("),
        I(".sort()", "a.sort()\nreturn a", "i.sort()\nreturn i", grep=r"\.sort\(\)"),
        I(".sum()", "a.sum()", "m.sum()", "m.sum(axis=0)", "m.sum(axis=1)",
          "i.sum()", "m.sum(dtype=np.float32)", "i.sum(axis=0, dtype=np.float64)",
          "np.sum(m, axis=1)", grep=r"\.sum\("),
        I(".tobytes()", "a.tobytes()", grep=r"tobytes"),
        I(".transpose()", "m.transpose()", "t3.transpose()",
          "t3.transpose((1, 0, 2))", "t3.transpose(2, 0, 1)", grep=r"transpose\("),
        I(".view()", "a.view(np.int64)", "i.view(np.float64)",
          "m.view(np.uint64)", grep=r"\.view\("),
        I("__contains__ (x in array)", "2.0 in a", "7.0 in m", "5 in i",
          grep=r" in [a-z]+\b(?!:)"),
    ]),
    (1, "Functions", []),
    (2, "Linear algebra", [
        I("np.dot", "np.dot(a, p)", "np.dot(m, m[0])", "np.dot(m.T, m)",
          "np.dot(z, z)", "np.dot(i, i2)"),
        I("np.kron", "np.kron(s, g)", "np.kron(v, v2)"),
        I("np.outer", "np.outer(a, p)", "np.outer(v, m[0])"),
        I("np.trace", "np.trace(m)", "np.trace(s)"),
        I("np.vdot", "np.vdot(a, p)", "np.vdot(c, c)"),
        I("a @ b (matmul operator)", "s @ g", "m.T @ m", "s @ v", "v @ s",
          "a @ p", "z @ z", grep=r" @ "),
        I("np.linalg.cholesky", "np.linalg.cholesky(s)"),
        I("np.linalg.cond", "np.linalg.cond(s)", "np.linalg.cond(g, 1)",
          "np.linalg.cond(g, np.inf)"),
        I("np.linalg.det", "np.linalg.det(s)", "np.linalg.det(g)",
          "np.linalg.det(z)"),
        I("np.linalg.eig", "np.linalg.eig(g)[0]", "np.abs(np.linalg.eig(s)[1])",
          "np.linalg.eig(z)[0]"),
        I("np.linalg.eigh", "np.linalg.eigh(s)[0]", "np.abs(np.linalg.eigh(s)[1])"),
        I("np.linalg.eigvals", "np.linalg.eigvals(g)", "np.linalg.eigvals(s)"),
        I("np.linalg.eigvalsh", "np.linalg.eigvalsh(s)"),
        I("np.linalg.inv", "np.linalg.inv(s)", "np.linalg.inv(g)",
          "np.linalg.inv(z)"),
        I("np.linalg.lstsq", "np.linalg.lstsq(r, a[:4])[0]",
          "np.linalg.lstsq(s, v)[0]"),
        I("np.linalg.matrix_power", "np.linalg.matrix_power(g, 3)",
          "np.linalg.matrix_power(s, 0)", "np.linalg.matrix_power(s, -2)"),
        I("np.linalg.matrix_rank", "np.linalg.matrix_rank(s)",
          "np.linalg.matrix_rank(np.outer(v, v))"),
        I("np.linalg.norm", "np.linalg.norm(a)", "np.linalg.norm(m)",
          "np.linalg.norm(a, 1)", "np.linalg.norm(a, np.inf)",
          "np.linalg.norm(s, 2)", "np.linalg.norm(m, 'fro')"),
        I("np.linalg.pinv", "np.linalg.pinv(r)", "np.linalg.pinv(s)"),
        I("np.linalg.qr", "np.abs(np.linalg.qr(s)[1])", "np.abs(np.linalg.qr(r)[0])"),
        I("np.linalg.slogdet", "np.linalg.slogdet(g)", "np.linalg.slogdet(-s)"),
        I("np.linalg.solve", "np.linalg.solve(s, v)", "np.linalg.solve(g, s)"),
        I("np.linalg.svd", "np.linalg.svd(r)[1]", "np.abs(np.linalg.svd(s)[0])",
          "np.linalg.svd(r, False)[1]"),
    ]),
    (2, "Reductions", [
        I("np.diff", "np.diff(a)", "np.diff(a, 2)", "np.diff(m)", "np.diff(i)"),
        I("np.amin / np.min", "np.amin(a)", "np.min(m)", "np.amin(i)"),
        I("np.amax / np.max", "np.amax(a)", "np.max(m)", "np.amax(i)"),
        I("np.median", "np.median(a)", "np.median(m)", "np.median(i)"),
        I("np.nanargmax", "np.nanargmax(q)", "np.nanargmax(mq, axis=1)",
          "np.nanargmax(i)"),
        I("np.nanargmin", "np.nanargmin(q)", "np.nanargmin(mq, 0)",
          "np.nanargmin(m, axis=1)"),
        I("np.nancumprod", "np.nancumprod(q)", "np.nancumprod(mq)"),
        I("np.nancumsum", "np.nancumsum(q)", "np.nancumsum(mq)"),
        I("np.nanmax", "np.nanmax(q)", "np.nanmax(mq)"),
        I("np.nanmean", "np.nanmean(q)", "np.nanmean(mq)"),
        I("np.nanmedian", "np.nanmedian(q)", "np.nanmedian(mq)"),
        I("np.nanmin", "np.nanmin(q)", "np.nanmin(mq)"),
        I("np.nanpercentile", "np.nanpercentile(q, 30.0)",
          "np.nanpercentile(mq, np.array([10.0, 90.0]))"),
        I("np.nanquantile", "np.nanquantile(q, 0.3)",
          "np.nanquantile(mq, np.array([0.1, 0.9]))"),
        I("np.nanprod", "np.nanprod(q)", "np.nanprod(mq)"),
        I("np.nanstd", "np.nanstd(q)", "np.nanstd(mq)", "np.nanstd(q, ddof=1)"),
        I("np.nansum", "np.nansum(q)", "np.nansum(mq)"),
        I("np.nanvar", "np.nanvar(q)", "np.nanvar(q, ddof=1)"),
        I("np.percentile", "np.percentile(a, 30.0)", "np.percentile(m, 75)",
          "np.percentile(a, np.array([10.0, 50.0, 90.0]))"),
        I("np.quantile", "np.quantile(a, 0.3)",
          "np.quantile(m, np.array([0.1, 0.9]))"),
        I("np.average", "np.average(a)", "np.average(a, weights=p)",
          "np.average(m)"),
    ]),
    (2, "Polynomials", [
        I("np.polynomial.Polynomial", "np.polynomial.Polynomial(v).coef",
          "np.polynomial.polynomial.Polynomial(v, np.array([0.0, 2.0]), "
          "np.array([-1.0, 1.0])).domain", grep=r"Polynomial\("),
        I("polyadd", "np.polynomial.polynomial.polyadd(v, v2)", grep=r"polyadd"),
        I("polydiv", "np.polynomial.polynomial.polydiv(a, v2)", grep=r"polydiv"),
        I("polyint", "np.polynomial.polynomial.polyint(v)",
          "np.polynomial.polynomial.polyint(v, 2)", grep=r"polyint"),
        I("polymul", "np.polynomial.polynomial.polymul(v, v2)", grep=r"polymul"),
        I("polysub", "np.polynomial.polynomial.polysub(v, v2)", grep=r"polysub"),
        I("polyval", "np.polynomial.polynomial.polyval(a, v)",
          "np.polynomial.polynomial.polyval(x, v)", grep=r"polyval"),
        I("polyder", "np.polynomial.polynomial.polyder(v)",
          "np.polynomial.polynomial.polyder(v, 2)", grep=r"polyder"),
        I("np.polyval (legacy, highest degree first)", "np.polyval(v, a)",
          "np.polyval(v, x)", grep=r"np\.polyval"),
        I("polyutils.as_series", "np.polynomial.polyutils.as_series(a)[0]",
          grep=r"as_series"),
        I("polyutils.trimseq", "np.polynomial.polyutils.trimseq(v)",
          grep=r"trimseq"),
    ]),
    (2, "Other functions", [
        I("np.allclose", "np.allclose(a, p)", "np.allclose(a, a + 1e-9)",
          "np.allclose(m, m, rtol=0.1)"),
        I("np.append", "np.append(a, p)", "np.append(m, m, axis=0)",
          "np.append(a, 1.0)"),
        I("np.arange", "np.arange(n)", "np.arange(1, 10, 2)",
          "np.arange(0.0, 1.0, 0.25)", "np.arange(5, dtype=np.float32)",
          "np.arange(x)"),
        I("np.argsort", "np.argsort(a)", "np.argsort(i, kind='mergesort')",
          "np.argsort(m)"),
        I("np.argwhere", "np.argwhere(a > 0)", "np.argwhere(m > 0)"),
        I("np.around", "np.around(a)", "np.around(a, 1)", "np.around(m, -1)"),
        I("np.array", "np.array(tup)", "np.array(((1.0, 2.0), (3.0, x)))",
          "np.array([1, 2, n])", "np.array(a)", "np.array(i, np.float32)",
          "np.array([1.0, x], dtype=np.float32)", "np.array(x)"),
        I("np.array_equal", "np.array_equal(a, a)", "np.array_equal(a, p)",
          "np.array_equal(i, i2)"),
        I("np.array_split", "np.array_split(a, 4)[3]", "np.array_split(m, 2)[0]",
          "np.array_split(m, 2, axis=1)[1]"),
        I("np.asarray", "np.asarray(a)", "np.asarray(tup)",
          "np.asarray(i, np.float64)", "np.asarray(x)"),
        I("np.asarray_chkfinite", "np.asarray_chkfinite(a)",
          "np.asarray_chkfinite(i, np.float64)"),
        I("np.ascontiguousarray", "np.ascontiguousarray(m.T)",
          "np.ascontiguousarray(x)"),
        I("np.asfarray", "np.asfarray(i)"),
        I("np.asfortranarray", "np.asfortranarray(m)",
          "np.asfortranarray(m).flags.f_contiguous"),
        I("np.atleast_1d", "np.atleast_1d(a)", "np.atleast_1d(m)",
          "np.atleast_1d(a, m)[1]"),
        I("np.atleast_2d", "np.atleast_2d(a)",
          "np.atleast_2d(m)"),
        I("np.atleast_3d", "np.atleast_3d(a)",
          "np.atleast_3d(m)"),
        I("np.bartlett", "np.bartlett(n + 4)"),
        I("np.bincount", "np.bincount(i)", "np.bincount(i, i2 * 0.5)",
          "np.bincount(i, minlength=12)"),
        I("np.blackman", "np.blackman(n + 4)"),
        I("np.broadcast_to", "np.broadcast_to(a, (3, 6))",
          "np.broadcast_to(x, (2, 2))"),
        I("np.broadcast_arrays", "np.broadcast_arrays(a, m[:, :1])[1]",
          "np.broadcast_arrays(m, m[0])[1]"),
        I("np.broadcast_shapes", "np.broadcast_shapes((3, 1), (1, 4))",
          "np.broadcast_shapes((2, 3), (3,))"),
        I("np.column_stack", "np.column_stack((a, p))", "np.column_stack((m, m))"),
        I("np.concatenate", "np.concatenate((a, p))",
          "np.concatenate((m, m), axis=1)", "np.concatenate((m, m))"),
        I("np.convolve", "np.convolve(a, v)", "np.convolve(a, v, 'same')",
          "np.convolve(a, v, mode='valid')"),
        I("np.copy", "np.copy(m)", "np.copy(a[::2])"),
        I("np.corrcoef", "np.corrcoef(m)", "np.corrcoef(a, p)",
          "np.corrcoef(m, rowvar=False)"),
        I("np.correlate", "np.correlate(a, v)", "np.correlate(a, v, 'full')",
          "np.correlate(c, c)"),
        I("np.count_nonzero", "np.count_nonzero(a > 0)", "np.count_nonzero(m)",
          "np.count_nonzero(m > 0, axis=0)"),
        I("np.cov", "np.cov(m)", "np.cov(a, p)", "np.cov(m, rowvar=False)",
          "np.cov(m, bias=True)", "np.cov(m, ddof=0)"),
        I("np.cross", "np.cross(v, v2)", "np.cross(s, g)"),
        I("np.delete", "np.delete(a, 2)", "np.delete(a, k)", "np.delete(m, 1)"),
        I("np.diag", "np.diag(a)", "np.diag(m)", "np.diag(m, 1)", "np.diag(v, -1)"),
        I("np.diag_indices", "np.diag_indices(n)", "np.diag_indices(2, 3)"),
        I("np.diag_indices_from", "np.diag_indices_from(s)"),
        I("np.diagflat", "np.diagflat(v)", "np.diagflat(s, 1)"),
        I("np.digitize", "np.digitize(a, srt)", "np.digitize(a, srt, True)",
          "np.digitize(a, srt[::-1])"),
        I("np.dsplit", "np.dsplit(t3, 2)[1]"),
        I("np.dstack", "np.dstack((a, p))", "np.dstack((m, m))"),
        I("np.dtype", "np.zeros(2, np.dtype('float32'))",
          "np.ones(2, dtype=np.dtype('int16'))", grep=r"np\.dtype\('"),
        I("np.ediff1d", "np.ediff1d(a)", "np.ediff1d(m)",
          "np.ediff1d(a, to_begin=v)"),
        I("np.empty", V("np.empty(n)", "meta"), V("np.empty((2, 3))", "meta"),
          V("np.empty(4, np.int32)", "meta"), V("np.empty((2, n), dtype=np.complex128)", "meta")),
        I("np.empty_like", V("np.empty_like(m)", "meta"),
          V("np.empty_like(a, np.int32)", "meta")),
        I("np.expand_dims", "np.expand_dims(a, 0)", "np.expand_dims(m, 2)",
          "np.expand_dims(a, axis=-1)"),
        I("np.extract", "np.extract(a > 0, a)", "np.extract(m > 0, m)"),
        I("np.eye", "np.eye(n)", "np.eye(3, 4)", "np.eye(3, 4, 1)",
          "np.eye(n, dtype=np.int32)"),
        I("np.fill_diagonal", "np.fill_diagonal(m, 9.0)\nreturn m",
          "np.fill_diagonal(s, v)\nreturn s"),
        I("np.flatten (ndarray.flatten)", "m.flatten()", "t3.flatten()",
          grep=r"flatten\("),
        I("np.flatnonzero", "np.flatnonzero(a > 0)", "np.flatnonzero(m)"),
        I("np.flip", "np.flip(a)", "np.flip(m)"),
        I("np.fliplr", "np.fliplr(m)"),
        I("np.flipud", "np.flipud(m)", "np.flipud(a)"),
        I("np.frombuffer", "np.frombuffer(bb)", "np.frombuffer(bb, np.int64)",
          "np.frombuffer(a)", "np.frombuffer(m, np.int32)"),
        I("np.full", "np.full(n, x)", "np.full((2, 3), 7)",
          "np.full(4, 2.5, np.float32)"),
        I("np.full_like", "np.full_like(m, 2.5)", "np.full_like(a, 3, np.int32)"),
        I("np.geomspace", "np.geomspace(1.0, 1000.0, 4)", "np.geomspace(2.0, 5.0, 7)"),
        I("np.hamming", "np.hamming(n + 4)"),
        I("np.hanning", "np.hanning(n + 4)"),
        I("np.histogram", "np.histogram(a)", "np.histogram(a, 3)",
          "np.histogram(a, 4, (-2.0, 4.0))", "np.histogram(a, srt)"),
        I("np.hsplit", "np.hsplit(m, 2)[1]", "np.hsplit(a, 3)[0]"),
        I("np.hstack", "np.hstack((a, p))", "np.hstack((m, m))"),
        I("np.identity", "np.identity(n)", "np.identity(2, np.int64)"),
        I("np.indices", "np.indices((2, 3))"),
        I("np.insert", "np.insert(a, 2, 9.0)", "np.insert(a, k, 9.0)"),
        I("np.isclose", "np.isclose(a, p)", "np.isclose(m, 0.5)",
          "np.isclose(w, w, equal_nan=True)"),
        I("np.kaiser", "np.kaiser(n + 4, 5.0)"),
        I("np.i0", "np.i0(a)", "np.i0(m)"),
        I("np.iscomplex", "np.iscomplex(c)", "np.iscomplex(a)"),
        I("np.iscomplexobj", "np.iscomplexobj(c)", "np.iscomplexobj(a)"),
        I("np.isin", "np.isin(i, i2)", "np.isin(a, p)",
          "np.isin(i, i2, invert=True)"),
        I("np.isneginf", "np.isneginf(w)"),
        I("np.isposinf", "np.isposinf(w)"),
        I("np.isreal", "np.isreal(c)", "np.isreal(a)"),
        I("np.isrealobj", "np.isrealobj(c)", "np.isrealobj(a)"),
        I("np.isscalar", "np.isscalar(x)", "np.isscalar(a)"),
        I("np.interp", "np.interp(a, srt, srt ** 2)", "np.interp(x, srt, srt * 2)",
          "np.interp(m, srt, srt ** 2)"),
        I("np.intersect1d", "np.intersect1d(i, i2)",
          "np.intersect1d(k, i, assume_unique=False)"),
        I("np.in1d", "np.in1d(i, i2)"),
        I("np.linspace", "np.linspace(0.0, 1.0, 7)", "np.linspace(2, 3, n)",
          "np.linspace(0.0, x)"),
        I("np.logspace", "np.logspace(0.0, 2.0, 5)", "np.logspace(1, 2, n)"),
        I("np.meshgrid", "np.meshgrid(a, v)", "np.meshgrid(v, k, indexing='ij')",
          "np.meshgrid(a, v, k, sparse=True)"),
        I("np.moveaxis", "np.moveaxis(t3, 0, -1)", "np.moveaxis(m, 1, 0)"),
        I("np.nan_to_num", "np.nan_to_num(w)", "np.nan_to_num(w, nan=-1.0)",
          "np.nan_to_num(x)"),
        I("np.ndenumerate", NDENUM),
        I("np.ndindex", NDINDEX),
        I("np.nditer", NDITER),
        I("np.ones", "np.ones(n)", "np.ones((2, 3))", "np.ones(4, np.int32)",
          "np.ones((2, n), dtype=np.complex128)"),
        I("np.ones_like", "np.ones_like(m)", "np.ones_like(a, np.int32)",
          "np.ones_like(i)"),
        I("np.partition", "np.partition(a, 2)[2]", "np.partition(i, 4)[4]",
          "np.partition(m, 1)[:, 1]"),
        I("np.ptp", "np.ptp(a)", "np.ptp(m)", "np.ptp(i)"),
        I("np.ravel", "np.ravel(m)", "np.ravel(m.T)"),
        I("np.ravel_multi_index", "np.ravel_multi_index((k, k), (3, 4))",
          "np.ravel_multi_index((n, 5), (4, 4), mode='clip')",
          "np.ravel_multi_index((k, 1), (3, 4), order='F')"),
        I("np.repeat", "np.repeat(a, 2)", "np.repeat(m, 2)", "np.repeat(x, 3)"),
        I("np.reshape", "np.reshape(a, (2, 3))", "np.reshape(m, -1)",
          "np.reshape(m, (4, -1))"),
        I("np.resize", "np.resize(a, (3, 4))", "np.resize(m, 5)"),
        I("np.roll", "np.roll(a, 2)", "np.roll(a, -1)", "np.roll(m, 5)"),
        I("np.roots", "np.roots(np.array([1.0, -3.0, 2.0]))",
          "np.roots(np.array([2.0, -3.0, -11.0, 6.0]))"),
        I("np.rot90", "np.rot90(m)", "np.rot90(m, 2)", "np.rot90(m, -1)"),
        I("np.round_", "np.round_(a, 1)"),
        I("np.row_stack", "np.row_stack((a, p))", "np.row_stack((m, m))"),
        I("np.searchsorted", "np.searchsorted(srt, a)",
          "np.searchsorted(srt, 2.5, 'right')", "np.searchsorted(srt, x)",
          "np.searchsorted(srt, a, side='right')"),
        I("np.select", "np.select([a > 1, a < 0], [a, -a])",
          "np.select((a > 1, a < 0), (a, p), 9.0)"),
        I("np.setxor1d", "np.setxor1d(i, i2)"),
        I("np.setdiff1d", "np.setdiff1d(i, i2)"),
        I("np.shape", "np.shape(m)", "np.shape(x)"),
        I("np.sinc", "np.sinc(a)", "np.sinc(x)", "np.sinc(m)"),
        I("np.sort", "np.sort(a)", "np.sort(i)", "np.sort(m)", "np.sort(c)"),
        I("np.split", "np.split(a, 3)[1]", "np.split(a, k)[1]",
          "np.split(m, 2, axis=1)[0]"),
        I("np.stack", "np.stack((a, p))", "np.stack((a, p), 1)",
          "np.stack((m, m), axis=2)"),
        I("np.swapaxes", "np.swapaxes(m, 0, 1)", "np.swapaxes(t3, 0, 2)"),
        I("np.take", "np.take(a, k)", "np.take(m, k)", "np.take(a, 3)"),
        I("np.take_along_axis", "np.take_along_axis(m, j % 4, 1)",
          "np.take_along_axis(a, np.argsort(a), 0)"),
        I("np.transpose", "np.transpose(m)", "np.transpose(t3, (2, 0, 1))",
          "np.transpose(t3, (1, 0, 2))",
          note="the axes argument is ignored: the result is the full reversal"),
        I("np.trapezoid", "np.trapezoid(a)", "np.trapezoid(a, p)",
          "np.trapezoid(a, dx=0.5)"),
        I("np.trapz", "np.trapz(a)"),
        I("np.tri", "np.tri(n)", "np.tri(3, 4, 1)", "np.tri(3, 4, -1)"),
        I("np.tril", "np.tril(m)", "np.tril(m, 1)", "np.tril(m, -1)"),
        I("np.tril_indices", "np.tril_indices(n)", "np.tril_indices(4, 1, 3)"),
        I("np.tril_indices_from", "np.tril_indices_from(m)",
          "np.tril_indices_from(s, -1)"),
        I("np.trim_zeros", "np.trim_zeros(np.array([0.0, 0.0, 1.0, 2.0, 0.0]))",
          "np.trim_zeros(i - 3, 'f')"),
        I("np.triu", "np.triu(m)", "np.triu(m, 1)", "np.triu(m, -1)"),
        I("np.triu_indices", "np.triu_indices(n)", "np.triu_indices(4, 1, 3)"),
        I("np.triu_indices_from", "np.triu_indices_from(m)",
          "np.triu_indices_from(s, 1)"),
        I("np.union1d", "np.union1d(i, i2)", "np.union1d(a, p)"),
        I("np.unique", "np.unique(i)", "np.unique(a)", "np.unique(j % 4)",
          "np.unique(i, return_index=True, return_inverse=True, return_counts=True)",
          "np.unique(a, return_counts=True)"),
        I("np.unravel_index", "np.unravel_index(7, (3, 4))",
          "np.unravel_index(j, (2, 6))", "np.unravel_index(k, (3, 1), 'F')"),
        I("np.unwrap", "np.unwrap(a * 3)", "np.unwrap(m * 3)"),
        I("np.vander", "np.vander(v)", "np.vander(v, 4)",
          "np.vander(v, 3, increasing=True)"),
        I("np.vsplit", "np.vsplit(t3, 3)[1]", "np.vsplit(np.vstack((m, m)), 2)[1]"),
        I("np.vstack", "np.vstack((a, p))", "np.vstack((m, m))"),
        I("np.where", "np.where(a > 0, a, 0.0)", "np.where(a > 0)",
          "np.where(m > 0, m, -m)", "np.where(ab, i[:6], 0)"),
        I("np.zeros", "np.zeros(n)", "np.zeros((2, 3))", "np.zeros(4, np.int32)",
          "np.zeros((2, n), dtype=np.complex128)"),
        I("np.zeros_like", "np.zeros_like(m)", "np.zeros_like(a, np.int32)",
          "np.zeros_like(i)"),
    ]),
    (2, "Constructors (numeric input or a sequence)", [
        constructor(t) for t in (
            "bool_ complex64 complex128 float32 float64 int8 int16 int32 "
            "int64 intc intp uint8 uint16 uint32 uint64 uintc uintp").split()
    ]),
    (2, "Machine parameter classes", [
        I("np.iinfo", "np.iinfo(np.int32).max", "np.iinfo(np.uint8).min",
          "np.iinfo(i.dtype).bits", "np.iinfo(np.int16).max + np.iinfo(np.int16).min"),
        I("np.finfo", "np.finfo(np.float64).eps", "np.finfo(np.float32).max",
          "np.finfo(a.dtype).tiny", "np.finfo(np.float64).resolution"),
        I("np.MachAr", "np.MachAr().eps"),
    ]),
    (2, "Literal arrays", [
        I("np.array of nested tuples", "np.array(((1.0, 2.0, x), (3.0, 4.0, 5.0)))",
          "np.array(((n, 2), (3, 4)))", grep=r"np\.array\(\(\("),
    ]),
    (1, "Modules", []),
    (2, "random: Generator objects", [generator(g) for g in GENERATOR] + [
        I("Generator.integers()", "rng.integers(0, 10)", "rng.integers(0, 10, 5)",
          grep=r"rng\.integers"),
        I("Generator.permutation()", "rng.permutation(6)", "rng.permutation(a)",
          grep=r"rng\.permutation"),
        I("Generator.random()", "rng.random()", "rng.random(5)",
          "rng.random((2, 3))", grep=r"rng\.random\("),
        I("Generator.shuffle()", "rng.shuffle(a)\nreturn a", grep=r"rng\.shuffle"),
        I("Generator.choice()", "rng.choice(10)", "rng.choice(a, 3)",
          "rng.choice(10, 3, replace=False)", grep=r"g\.choice\("),
    ]),
    (2, "random: initialization", [
        I("np.random.default_rng", "np.random.default_rng(7).random()",
          "np.random.default_rng(12345).integers(0, 10, 5)",
          "np.random.default_rng(n).standard_normal(3)",
          grep=r"np\.random\.default_rng\("),
        I("np.random.seed", seeded("np.random.random()", 7), seeded("np.random.rand(3)", 12345)),
    ]),
    (2, "random: simple random data", [
        I("np.random.rand", seeded("np.random.rand()"), seeded("np.random.rand(3)"),
          seeded("np.random.rand(2, 3)")),
        I("np.random.randint", seeded("np.random.randint(10)"),
          seeded("np.random.randint(2, 10)"), seeded("np.random.randint(0, 10, 5)"),
          seeded("np.random.randint(0, 10, size=(2, 3))")),
        I("np.random.randn", seeded("np.random.randn()"), seeded("np.random.randn(3)"),
          seeded("np.random.randn(2, 3)")),
    ] + [I(f"np.random.{f}", seeded(f"np.random.{f}()"), seeded(f"np.random.{f}(4)"),
           seeded(f"np.random.{f}((2, 3))"))
         for f in ("random", "random_sample", "ranf", "sample")]),
    (2, "random: permutations", [
        I("np.random.choice", seeded("np.random.choice(a)"),
          seeded("np.random.choice(a, 4)"), seeded("np.random.choice(10, 3)"),
          seeded("np.random.choice(a, 3, replace=False)")),
        I("np.random.permutation", seeded("np.random.permutation(8)"),
          seeded("np.random.permutation(a)")),
        I("np.random.shuffle", seeded("np.random.shuffle(a)") + "\nreturn a",
          seeded("np.random.shuffle(i)") + "\nreturn i"),
    ]),
    (2, "random: distributions", [random_dist(d) for d in RANDOM_DISTS] + [
        I("np.random.dirichlet", seeded("np.random.dirichlet(v2)"),
          seeded("np.random.dirichlet(v2, 4)")),
        I("np.random.multinomial", seeded("np.random.multinomial(10, v2 / 4.5)"),
          seeded("np.random.multinomial(10, v2 / 4.5, 3)")),
    ]),
    (2, "stride_tricks", [
        I("as_strided", "np.lib.stride_tricks.as_strided(a, (3, 2), (16, 8))",
          "np.lib.stride_tricks.as_strided(m, shape=(2, 2), strides=(32, 8))",
          grep=r"as_strided"),
        I("sliding_window_view", "np.lib.stride_tricks.sliding_window_view(a, 3)",
          "np.lib.stride_tricks.sliding_window_view(m, (2, 2))",
          grep=r"sliding_window_view"),
    ]),
    (1, "Standard ufuncs", []),
    (2, "Math operations", ufuncs(
        "add subtract multiply divide logaddexp logaddexp2 true_divide "
        "floor_divide power float_power remainder mod fmod".split(),
        *BINARY, ops=OPS)
        + [I("np.divmod", "np.divmod(a, p)", "np.divmod(i, i2)",
             "np.divmod(x, 0.4)", *OPS["divmod"])]
        + ufuncs("negative abs absolute fabs rint sign".split(), *UNARY, ops=OPS)
        + ufuncs(["conj"], "np.conj(c)", "np.conj(z)", "np.conj(a)")
        + ufuncs("exp exp2".split(), *UNARY, "np.{u}(c)")
        + ufuncs("log log2 log10 expm1 log1p sqrt".split(), *POSITIVE)
        + ufuncs("square cbrt reciprocal".split(), *POSITIVE)
        + ufuncs(["conjugate"], "np.conjugate(c)", "np.conjugate(z)",
                 "np.conjugate(a)")
        + ufuncs("gcd lcm".split(), *INTS)),
    (2, "Trigonometric functions", ufuncs(
        "sin cos tan arctan sinh cosh tanh arcsinh deg2rad rad2deg degrees "
        "radians".split(), *UNARY)
        + ufuncs("arcsin arccos arctanh".split(), *UNIT)
        + ufuncs(["arccosh"], "np.arccosh(p + 1.0)", "np.arccosh(mp + 1.0)",
                 "np.arccosh(x)")
        + ufuncs("arctan2 hypot".split(), *BINARY)),
    (2, "Bit-twiddling functions", ufuncs(
        "bitwise_and bitwise_or bitwise_xor left_shift right_shift".split(),
        *INTS, ops=OPS)
        + ufuncs("bitwise_not invert".split(), "np.{u}(i)", "np.{u}(j)",
                 "np.{u}(ab)", "np.{u}(au8)", ops=OPS)),
    (2, "Comparison functions", ufuncs(
        "greater greater_equal less less_equal not_equal equal".split(),
        *COMPARE, ops=OPS)
        + ufuncs("logical_and logical_or logical_xor".split(), *LOGICAL)
        + ufuncs(["logical_not"], "np.logical_not(ab)", "np.logical_not(a)",
                 "np.logical_not(x)")
        + ufuncs("maximum minimum fmax fmin".split(), *BINARY, "np.{u}(q, a)")),
    (2, "Floating functions", ufuncs(
        "isfinite isinf isnan signbit".split(), *WITH_NAN)
        + ufuncs("copysign nextafter".split(), "np.{u}(a, -p)", "np.{u}(m, 1.0)",
                 "np.{u}(x, -1.0)")
        + ufuncs("modf frexp".split(), "np.{u}(a)", "np.{u}(x)")
        + [I("np.ldexp", "np.ldexp(a, i[:6])", "np.ldexp(x, 3)", "np.ldexp(m, 2)")]
        + ufuncs("floor ceil trunc spacing".split(), *UNARY)),
    (2, "Datetime functions", [
        I("np.isnat", "np.isnat(dt)", "np.isnat(td)"),
    ]),
]
