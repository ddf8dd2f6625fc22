"""The probe table of `scripts/numpy_checklist.py --page language`.

SECTIONS follows Numba's reference page docs/source/reference/
pysupported.rst ("Supported Python features"), as numpy_probes.py follows
numpysupported.rst: (heading level, title, items), each item `I(name,
variant, ...)` (numpy_probes.I and V). A variant is an expression or a
function body over FIXTURES; it runs under kern.njit and in CPython, and
the results must agree in value and in type (`compare`: a tuple is not a
list, an int not a float, a namedtuple not a tuple; floats to 1e-12).

Modes (V(src, mode)): "value" (the default), "type" (only the types: draws
of random distributions, whose algorithms Numba does not promise to share
with CPython), "stdout" (also what the call prints), "raises" (the call
must raise the exception CPython raises: same class and args).

Helpers named h_* (generators, recursive functions, callees) are defined in
HELPERS; CPython's variant calls them, kern's calls the k_* copies that
HEADER compiles with kern.njit.
"""

import array
import collections
import ctypes
import ctypes.util
import enum
import io
import math
import re
import sys
from contextlib import redirect_stdout

import numpy as np

from numpy_probes import I as _I, V

REF = f"CPython {sys.version_info[0]}.{sys.version_info[1]}"


Point = collections.namedtuple("Point", "x y")


class Color(enum.Enum):
    RED = 1
    GREEN = 2


class Shape(enum.IntEnum):
    CIRCLE = 1
    SQUARE = 2


_libm = ctypes.CDLL(ctypes.util.find_library("m"))
c_cos = _libm.cos
c_cos.argtypes, c_cos.restype = [ctypes.c_double], ctypes.c_double
c_labs = _libm.llabs if hasattr(_libm, "llabs") else None
if c_labs is not None:
    c_labs.argtypes, c_labs.restype = [ctypes.c_int64], ctypes.c_int64

HELPERS = '''
def h_gen(n):
    for i in range(n):
        yield i * i

def h_fib(n):
    if n < 2:
        return n
    return h_fib(n - 1) + h_fib(n - 2)

def h_even(n):
    if n == 0:
        return True
    return h_odd(n - 1)

def h_odd(n):
    if n == 0:
        return False
    return h_even(n - 1)

def h_kw(a, b=2, *, c=3):
    return a + 10 * b + 100 * c

def h_star(*args):
    s = 0
    for v in args:
        s += v
    return s

def h_apply(f, x):
    return f(x)

def h_add1(x):
    return x + 1

def h_raise(x):
    if x > 0:
        raise ValueError("bad", x)
    return x
'''

HEADER = "\n".join([
    "import array, cmath, collections, ctypes, enum, functools, heapq, math",
    "import operator, random", "import numpy as np", "import kern",
    "from language_probes import Point, Color, Shape, c_cos, c_labs",
    "from contextlib import nullcontext",
    "def _objmode(**types):", "    return nullcontext()",
    "objmode = getattr(kern, 'objmode', None)",
    "literal_unroll = getattr(kern, 'literal_unroll', lambda t: t)",
    HELPERS,
    re.sub(r"\ndef ", "\n@kern.njit\ndef ", re.sub(r"\bh_", "k_", HELPERS)),
])

FIXTURES = {
    "n": lambda: 7,
    "k": lambda: 3,
    "x": lambda: 2.5,
    "y": lambda: -1.25,
    "z": lambda: 1.5 - 2j,
    "b": lambda: True,
    "l": lambda: [3, 1, 4, 1, 5],
    "lf": lambda: [0.5, -1.5, 2.25],
    "d": lambda: {1: 2.5, 2: -1.0, 3: 4.0},
    "st": lambda: {1, 2, 3},
    "st2": lambda: {2, 3, 4},
    "s": lambda: "Hello World",
    "s2": lambda: "lo",
    "sp": lambda: "  a b\tc  ",
    "t": lambda: (1, 2, 3),
    "th": lambda: (1, 2.5, 3j),
    "bs": lambda: b"abc",
    "ba": lambda: bytearray(b"abc"),
    "mv": lambda: memoryview(np.arange(6.0)),
    "arr": lambda: array.array("d", [1.0, 2.0, 3.0]),
    "pt": lambda: Point(1.0, 2.0),
    "a": lambda: np.array([1.0, 2.0, 3.0]),
}


def I(name, *variants, **kw):  # noqa: E743
    """An item whose variants may call the h_* helpers (kern: the k_*)."""
    vs = []
    for v in variants:
        mode = getattr(v, "mode", "value")
        if re.search(r"\bh_", v):
            v = V(re.sub(r"\bh_", "k_", v), mode, ref=str(v))
        elif "objmode(" in v:
            v = V(v, mode, ref=v.replace("objmode(", "_objmode("))
        vs.append(v)
    return _I(name, *vs, **kw)


# ------------------------------------------------------------ comparing

class Raised:
    """An exception a call raised, compared by class and args."""

    def __init__(self, e):
        self.cls, self.args = type(e).__name__, e.args

    def __eq__(self, other):
        return isinstance(other, Raised) and (self.cls, self.args) == (other.cls, other.args)

    def __repr__(self):
        return f"{self.cls}{self.args!r}"


def call(fn, args, mode):
    if mode == "stdout":
        buf = io.StringIO()
        with redirect_stdout(buf):
            res = fn(*args)
        return res, buf.getvalue()
    if mode == "raises":
        try:
            fn(*args)
        except Exception as e:  # noqa: BLE001
            if type(e).__module__.startswith("kern"):
                raise               # a compile error, not the probe's exception
            return Raised(e)
        return "no exception"
    return fn(*args)


def compare(ref, got, mode):
    """None when got matches CPython's ref (value and type), else what differs."""
    if isinstance(ref, np.generic):
        ref = ref.item()            # Numba boxes a NumPy scalar result as Python's
    if type(got) is not type(ref) and not (isinstance(ref, np.ndarray)
                                           and isinstance(got, np.ndarray)):
        return f"wrong type {type(got).__name__}, CPython {type(ref).__name__}"
    if isinstance(ref, (tuple, list)):
        if len(got) != len(ref):
            return f"wrong length {len(got)}, CPython {len(ref)}"
        for r, g in zip(ref, got):
            why = compare(r, g, mode)
            if why:
                return why
        return None
    if isinstance(ref, dict):
        if list(got) != list(ref):
            return f"wrong keys {list(got)!r}, CPython {list(ref)!r}"
        return next((w for w in (compare(ref[k], got[k], mode) for k in ref) if w), None)
    if mode == "type":
        return None
    if isinstance(ref, np.ndarray):
        if ref.dtype != got.dtype or ref.shape != got.shape:
            return f"wrong array {got.dtype}{got.shape}, CPython {ref.dtype}{ref.shape}"
        ok = np.allclose(got, ref, rtol=1e-12, equal_nan=True)
    elif isinstance(ref, (float, complex)):
        ok = all(a == b or (math.isnan(a) and math.isnan(b))
                 or math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-300)
                 for a, b in ((complex(ref).real, complex(got).real),
                              (complex(ref).imag, complex(got).imag)))
    else:
        ok = got == ref
    return None if ok else f"wrong value {got!r:.60}, CPython {ref!r:.60}"


# ------------------------------------------------------------ item makers

def each(template, names, prefix, grep=None, **kw):
    """One item per name: template has {f} for the name."""
    if isinstance(template, str):
        template = (template,)
    return [I(prefix + f,
              *[V(t.format(f=f), kw.get("mode", "value")) for t in template],
              grep=grep.format(f=re.escape(f)) if grep else None)
            for f in names]


def methods(obj, calls, grep=r"\.{m}\("):
    """Items `obj.m` from {method: [call, ...]} (calls are bodies or exprs)."""
    return [I(f"{obj}.{m}", *cs, grep=grep.format(m=m)) for m, cs in calls.items()]


def body(*lines):
    return "\n".join(lines)


STR_METHODS = {
    "capitalize": ["s.capitalize()"], "casefold": ["s.casefold()"],
    "center": ["s.center(15)", "s.center(15, '*')"], "count": ["s.count(s2)", "s.count('o', 5)"],
    "endswith": ["s.endswith('ld')", "s.endswith(('x', 'd'))"],
    "expandtabs": ["sp.expandtabs()", "sp.expandtabs(4)"],
    "find": ["s.find(s2)", "s.find('z')", "s.find('o', 5)"],
    "index": ["s.index(s2)"], "isalnum": ["s.isalnum()", "'ab1'.isalnum()"],
    "isalpha": ["s.isalpha()"], "isdecimal": ["'123'.isdecimal()"],
    "isdigit": ["'123'.isdigit()"], "isidentifier": ["'a_1'.isidentifier()"],
    "islower": ["s.islower()"], "isnumeric": ["'12'.isnumeric()"],
    "isprintable": ["s.isprintable()"], "isspace": ["sp.isspace()"],
    "istitle": ["s.istitle()"], "isupper": ["s.isupper()"],
    "join": ["'-'.join(['a', 'b', s2])"], "ljust": ["s.ljust(14, '.')"],
    "lower": ["s.lower()"], "lstrip": ["sp.lstrip()", "s.lstrip('H')"],
    "partition": ["s.partition(' ')"], "replace": ["s.replace('o', '0')", "s.replace('l', 'L', 2)"],
    "rfind": ["s.rfind('o')"], "rindex": ["s.rindex('o')"], "rjust": ["s.rjust(14)"],
    "rpartition": ["s.rpartition('o')"], "rsplit": ["s.rsplit()", "s.rsplit('o', 1)"],
    "rstrip": ["sp.rstrip()"], "split": ["s.split()", "s.split('o')", "sp.split(None, 1)"],
    "splitlines": ["'a\\nb\\r\\nc'.splitlines()"], "startswith": ["s.startswith('He')"],
    "strip": ["sp.strip()", "s.strip('Hd')"], "swapcase": ["s.swapcase()"],
    "title": ["'ab cd'.title()"], "upper": ["s.upper()"], "zfill": ["'42'.zfill(5)"],
}

LIST_METHODS = {
    "append": [body("l.append(9)", "return l")], "extend": [body("l.extend([7, 8])", "return l")],
    "insert": [body("l.insert(1, 9)", "return l")], "remove": [body("l.remove(1)", "return l")],
    "pop": [body("v = l.pop()", "return v, l"), "l.pop(0)"],
    "clear": [body("l.clear()", "return len(l)")], "copy": ["l.copy()"],
    "count": ["l.count(1)"], "index": ["l.index(4)"],
    "reverse": [body("l.reverse()", "return l")],
    "sort": [body("l.sort()", "return l"), body("l.sort(reverse=True)", "return l"),
             body("lf.sort(key=abs)", "return lf"),
             body("l.sort(key=lambda v: v % 3, reverse=True)", "return l[0], l")],
}

SET_METHODS = {
    "add": [body("st.add(9)", "return len(st), 9 in st")],
    "clear": [body("st.clear()", "return len(st)")], "copy": ["len(st.copy())"],
    "difference": ["st.difference(st2)"],
    "difference_update": [body("st.difference_update(st2)", "return st")],
    "discard": [body("st.discard(2)", "return st")],
    "intersection": ["st.intersection(st2)"],
    "intersection_update": [body("st.intersection_update(st2)", "return st")],
    "isdisjoint": ["st.isdisjoint(st2)"], "issubset": ["st.issubset(st2)"],
    "issuperset": ["st.issuperset({1, 2})"], "pop": [body("v = st.pop()", "return len(st)")],
    "remove": [body("st.remove(1)", "return st")],
    "symmetric_difference": ["st.symmetric_difference(st2)"],
    "symmetric_difference_update": [body("st.symmetric_difference_update(st2)",
                                         "return st")],
    "union": ["st.union(st2)"],
    "update": [body("st.update(st2)", "return st")],
}

DICT_METHODS = {
    "clear": [body("d.clear()", "return len(d)")], "copy": ["d.copy()"],
    "get": ["d.get(2, 0.0)", "d.get(5, 0.0)", "d.get(9) is None",
            body("v = d.get(2)", "if v is not None:", "    return v * 2.0", "return 0.0")],
    "items": [body("s = 0.0", "for k, v in d.items():", "    s += k * v", "return s")],
    "keys": [body("s = 0", "for k in d.keys():", "    s += k", "return s")],
    "pop": ["d.pop(1)", "d.pop(7, -1.0)"],
    "popitem": ["d.popitem()", body("d.popitem()", "return d.popitem(), d")],
    "setdefault": [body("d.setdefault(5, 1.5)", "return d")],
    "update": [body("d.update({9: 0.25})", "return d")],
    "values": [body("s = 0.0", "for v in d.values():", "    s += v", "return s")],
}

CMATH = ("acos acosh asin asinh atan atanh cos cosh exp log log10 sin sinh sqrt "
         "tan tanh").split()
MATH_UNARY = ("acos asin atan cos cosh degrees erf erfc exp exp2 expm1 fabs gamma "
              "lgamma log log2 log10 log1p radians sin sinh sqrt tan tanh").split()
MATH_ARGS = {"acos": "0.3", "asin": "0.3", "atan": "x", "log1p": "x", "acosh": "x"}
OPERATOR_BIN = ("add and_ eq floordiv ge gt le lshift lt mod mul ne or_ pow rshift "
                "sub truediv xor").split()
OPERATOR_IN = ("iadd iand ifloordiv ilshift imod imul ior ipow irshift isub "
               "itruediv ixor").split()


def math_items():
    out = []
    for f in sorted(MATH_UNARY + ["acosh", "asinh", "atanh", "atan2", "ceil", "copysign",
                                  "floor", "frexp", "gcd", "hypot", "isfinite", "isinf",
                                  "isnan", "ldexp", "nextafter", "pow", "trunc"]):
        if f in ("ceil", "floor", "trunc"):
            vs = [f"math.{f}(x)", f"math.{f}(y)", f"math.{f}(n)"]
        elif f in ("atan2", "copysign", "hypot", "pow", "nextafter"):
            vs = [f"math.{f}(x, y)", f"math.{f}(n, k)"]
        elif f == "gcd":
            vs = ["math.gcd(12, 18)", "math.gcd(n, 21)"]
        elif f == "ldexp":
            vs = ["math.ldexp(x, k)"]
        elif f in ("isfinite", "isinf", "isnan"):
            vs = [f"math.{f}(x)", f"math.{f}(math.inf)", f"math.{f}(n)"]
        elif f == "atanh":
            vs = ["math.atanh(0.3)"]
        else:
            arg = MATH_ARGS.get(f, "x" if f not in ("acos", "asin") else "0.3")
            vs = [f"math.{f}({arg})", f"math.{f}(n)"] if f not in ("acos", "asin") \
                else [f"math.{f}(0.3)"]
        out.append(I(f"math.{f}", *vs))
    out.append(I("math.pi, math.e, math.inf, math.nan, math.tau",
                 "(math.pi, math.e, math.inf, math.tau)", "math.isnan(math.nan)",
                 grep=r"math\.(pi|e|inf|nan|tau)\b"))
    return out


def random_items():
    seeded = lambda c, m="value": V(f"random.seed(3)\nreturn {c}", m)  # noqa: E731
    basic = {"random": "random.random()", "randint": "random.randint(1, 6)",
             "randrange": "random.randrange(10)", "getrandbits": "random.getrandbits(20)",
             "uniform": "random.uniform(1.0, 2.0)"}
    dists = {"betavariate": "(2.0, 3.0)", "expovariate": "(1.5)", "gammavariate": "(2.0, 1.0)",
             "gauss": "(0.0, 1.0)", "lognormvariate": "(0.0, 1.0)",
             "normalvariate": "(0.0, 1.0)", "paretovariate": "(2.0)",
             "triangular": "(0.0, 1.0, 0.5)", "vonmisesvariate": "(1.0, 2.0)",
             "weibullvariate": "(1.0, 2.0)"}
    out = [I("random.seed", seeded("random.random()"))]
    out += [I(f"random.{f}", V(c, "type"), seeded(c)) for f, c in basic.items()]
    out += [I(f"random.{f}", V(f"random.{f}{a}", "type"), seeded(f"random.{f}{a}", "type"))
            for f, a in dists.items()]
    out.append(I("random.shuffle", body("random.seed(3)", "random.shuffle(a)",
                                        "return a.sum()")))
    return sorted(out, key=lambda it: it.name)


SECTIONS = [
    (2, "Language: constructs", [
        I("if .. elif .. else", body("if n < 0:", "    return -1", "elif n == 0:",
                                     "    return 0", "else:", "    return 1"), grep=r"\belif\b"),
        I("while", body("i = 0", "while i * i < n:", "    i += 1", "return i"),
          grep=r"\bwhile\b"),
        I("for .. in", body("s = 0", "for v in l:", "    s += v", "return s"),
          body("s = 0", "for c in t:", "    s += c", "return s"), grep=r"\bfor \w+ in \w"),
        I("break, continue", body("s = 0", "for i in range(n):", "    if i == 2:",
                                  "        continue", "    if i == 5:", "        break",
                                  "    s += i", "return s"), grep=r"\bcontinue\b"),
        I("for .. else, while .. else", body("s = 0", "for i in range(n):",
                                             "    if i == 7:", "        break",
                                             "    s += i", "else:", "    s = -s",
                                             "return s"),
          body("i = 0", "while i < n:", "    i += 2", "else:", "    i = -i", "return i"),
          grep=r"for d in range\(2, k\)"),
        I("yield (generators)", "sum(h_gen(n))", body("s = 0", "for v in h_gen(n):",
                                                      "    s += v", "return s"),
          "list(h_gen(n))", "[v + 1 for v in h_gen(n) if v != 4]",
          body("s = 0", "for i, v in enumerate(h_gen(n)):", "    if v > 9:",
               "        break", "    s += i * v", "return s"),
          grep=r"\byield\b"),
        I("assert", V("assert n < 0, 'n'\nreturn n", "raises"), body("assert n > 0", "return n"),
          grep=r"\bassert\b"),
        I("try .. except", body("try:", "    h_raise(n)", "except Exception:", "    return -1",
                                "return 0"),
          body("try:", "    h_raise(n)", "except:", "    return -2", "return 0"),
          body("try:", "    h_raise(n)", "except (KeyError, ValueError):", "    return -3",
               "return 0"),
          body("s = 0", "for i in range(n):", "    try:", "        s += h_raise(i - 2)",
               "    except ValueError:", "        s -= 1", "        continue", "return s"),
          V("try:\n    h_raise(n)\nexcept ValueError:\n    raise\nreturn 0", "raises"),
          grep=r"\btry:"),
        I("try .. except .. else .. finally",
          body("r = 0", "try:", "    r = h_raise(-n)", "except Exception:", "    r = 1",
               "else:", "    r += 10", "finally:", "    r += 100", "return r"),
          grep=r"\bfinally:"),
        I("raise", V("raise ValueError\nreturn n", "raises"),
          V("raise ValueError('bad', n)\nreturn n", "raises"),
          V("h_raise(n)", "raises"), grep=r"\braise \w"),
        I("with objmode", body("with objmode(r='float64'):", "    r = float(n) * 2.0",
                               "return r"),
          grep=r"with objmode\(y='float64', z="),
        I("list comprehension", "[i * i for i in range(n)]",
          "[[i for i in range(m)] for m in range(k)]",
          "np.array([[x * j for j in range(k)] for i in range(k)])", grep=r"\[\w.* for "),
        I("del (unsupported in Numba)", body("v = n", "del v", "return 1"), grep=r"\bdel \w"),
    ]),
    (2, "Language: functions", [
        I("positional, named and default arguments", "h_kw(1)", "h_kw(1, c=5)",
          "h_kw(b=4, a=1)", grep=r"=\d+\)"),
        I("*args", "h_star(1, 2, 3)", "h_star(*t)", grep=r"\*args"),
        I("functions as arguments", "h_apply(h_add1, n)", grep=r"\bfn\(|\bf\(x\)"),
        I("inner functions and closures", body("def g(v):", "    return v * n", "return g(3)"),
          body("f = lambda v: v + k", "return f(n)"), grep=r"\blambda\b"),
        I("recursion", "h_fib(10)", "h_even(6)", grep=r"fib|recurs"),
    ]),
    (2, "Built-in types", []),
    (3, "int, bool", [
        I("arithmetic and truth", "(n + k, n - k, n * k, n // k, n % k, n ** k, n / k)",
          "(n & k, n | k, n ^ k, n << k, n >> 1, ~n)", "(not n, bool(0), b and n, b + 1)",
          grep=r" // "),
        I("int .conjugate() .real .imag", "(n.conjugate(), n.real, n.imag)",
          "(b.real, b.imag)", grep=r"\.conjugate\(\)",
          note="int.imag is the float 0.0 (Numba: the int 0); bool.real stays a bool"),
    ]),
    (3, "float, complex", [
        I("arithmetic and truth", "(x + y, x * y, x / y, x // y, x % y, x ** 2, -x)",
          "(z * z, z / 2, z + x, z ** 2, abs(z), z == z)", "(bool(0.0), not x)", grep=r"\*\* 2"),
        I("float .conjugate() .real .imag", "(x.conjugate(), x.real, x.imag)",
          grep=r"\.real\b"),
        I("complex .conjugate() .real .imag", "(z.conjugate(), z.real, z.imag)",
          grep=r"\.imag\b"),
    ]),
    (3, "str", [
        I("str literals, passed in and returned", "'abc'", "s", grep=r"return s\b"),
        I("str(int)", "str(n)", "str(-42)", grep=r"\bstr\("),
        I("len(str)", "len(s)", grep=r"len\(s\)"),
        I("+, * of strings", "s + s2", "s2 * 3", grep=r"\+ s2"),
        I("in", "s2 in s", "'z' in s", grep=r" in s\b"),
        I("comparison == < <= > >=", "(s == s2, s < s2, s <= s2, s > s2, s >= s2)",
          grep=r"s == s2"),
        I("indexing, slicing, iteration", "(s[0], s[-1], s[1:4], s[::2])",
          body("c = 0", "for ch in s:", "    c += ord(ch)", "return c"), grep=r"s\[1:4\]"),
        I("f-strings", "f'n={n}'", "f'{s2}_{n + 1}'", grep=r"\bf'"),
    ] + methods("str", STR_METHODS)),
    (3, "tuple", [
        I("construction, unpacking", body("p, q, r = t", "return (r, q, p)"),
          body("u = (n, x)", "return u"), grep=r", \w+ = t\b"),
        I("comparison", "(t == (1, 2, 3), t < (1, 2, 4), t != t)", grep=r"t == \("),
        I("comparison of tuples holding strs",
          "((s, 1) < (s2, 2), (s2, n) == ('lo', 7), (s, k) >= (s, n))",
          grep=r"\(s, 1\) == \(1, 1\)"),
        I("iteration and indexing", "(t[0], t[-1], t[k - 1])", "th[1]",
          body("s = 0", "for v in t:", "    s += v", "return s"), grep=r"t\[k"),
        I("concatenation", "t + (4, 5)", "t + th", grep=r"t \+ \("),
        I("constant slices", "(t[1:], t[::-1], t[:2])", grep=r"t\[1:\]"),
        I("tuple.index", "t.index(2)", grep=r"t\.index\("),
        I("literal_unroll over heterogeneous tuples",
          body("s = 0.0", "for v in literal_unroll(th):", "    s += abs(v)", "return s"),
          grep=r"literal_unroll"),
        I("tuple() constructor (unsupported in Numba)", "tuple(l)", grep=r"\btuple\("),
    ]),
    (3, "list", [
        I("creation, indexing, len, in, return", "[n, k, 1]", "(l[0], l[-1], len(l), 4 in l)",
          grep=r"\[n, k"),
        I("slicing", "(l[1:3], l[::-1])", body("l[1:3] = [0, 0]", "return l"), grep=r"l\[1:3\]"),
        I("+, *, comparison", "(l + [9], [0] * 3, l == l)", grep=r"l \+ \["),
        I("list() constructor", "list(t)", "list(range(n))", grep=r"\blist\("),
        I("lists of arrays, of tuples, nested lists",
          body("r = []", "for i in range(k):", "    r.append(np.arange(i))",
               "return len(r)"), "[(i, x) for i in range(k)]", "[[1, 2], [3]]",
          grep=r"append\(np\."),
        I("lists of tuples holding strs, sorted",
          "sorted([(s2, 2), (s, 1), ('a', k)])",
          body("r = [(s, n), (s2, k)]", "r.sort(key=lambda p: p[1])", "return r"),
          grep=r"l\.sort\(key=lambda t: t\[1\]\)"),
        I("typed.List (kern.typed.List)", body("r = kern.typed.List()", "r.append(n)",
                                                "return r"), grep=r"typed\.List"),
    ] + methods("list", LIST_METHODS)),
    (3, "set", [
        I("set display, len, in, iteration", "(len(st), 2 in st, 9 in st)",
          body("s = 0", "for v in {n, k, 1}:", "    s += v", "return s"), grep=r"for x in s:"),
        I("set() constructor", "set(l)", "len(set(t))", "set(range(n))", "set(a)",
          grep=r"\bset\("),
        I("operators | & - ^ <= >=", "(st | st2, st & st2, st - st2, st ^ st2, st <= st2, st >= st)", grep=r"a \| b"),
        I("operators < > == !=", "(st < st2, {1, 2} < st, st > {1}, st == {3, 2, 1}, st != st2)",
          grep=r"a < b"),
        I("in-place operators |= &= -= ^=", body("s = st.copy()", "s |= st2",
                                                 "s &= {1, 2, 4}", "s -= {4}",
                                                 "s ^= {7}", "return s"),
          grep=r"\|= "),
        I("sets passed in (reflected) and returned", body("st.add(n)", "return st"),
          grep=r"s\.add\(x\)"),
        I("sorted() and list() of a set", "sorted(st)", "len(list(st))",
          grep=r"sorted\(s"),
        I("pop() and remove() of what is not there raise KeyError",
          V(body("st.clear()", "return st.pop()"), "raises"),
          V(body("st.remove(9)"), "raises"), grep=r"\+= s\.pop\(\)"),
        I("set comprehension (unsupported in Numba)", "{i % 3 for i in range(n)}",
          grep=r"\{[^:{}]* for \w+ in "),
        I("sets of tuples: add, in, remove, iteration, algebra, returned",
          body("s = {(i % 3, i % 2 == 0) for i in range(n)}", "s.add((9, True))",
               "s.remove((0, True))", "t = 0", "for a2, b2 in s:",
               "    t += a2 + b2", "return s, s | {(1, 1)}, (1.0, 0) in s, t"),
          grep=r"s\.add\(\(min"),
    ] + methods("set", SET_METHODS, grep=r"\b(s|[abce-h])\.{m}\(")),
    (3, "dict", [
        I("display, d[k], d[k] = v, del, in, len", body("d[4] = 0.5", "del d[1]",
                                                       "return d, 2 in d, len(d), d[2]"),
          grep=r"del d\["),
        I("dict() constructor", body("r = dict()", "r[1] = 2", "return r"),
          "dict(zip(t, lf))", grep=r"\bdict\("),
        I("dict comprehension", "{i: i ** 2 for i in range(n)}", grep=r"\{\w+: .* for "),
        I("string keys, tuple and array values", "{'a': 1, 'b': 2}",
          "{1: (1, 2.5)}", body("r = {'a': np.zeros(2)}", "return r['a']"),
          body("r = {}", "for i in range(n):", "    r[i] = (i, i * 0.5, str(i))",
               "return r, r.pop(0), r.get(9, (0, 0.0, '')), len(r)"),
          body("r = {}", "for i in range(n):", "    r[i % 3] = np.zeros((2, i))",
               "r[1][0] += 1.0", "return r, 2 in r"),
          body("g = {}", "for i in range(n):", "    g.setdefault(i % 3, []).append(i)",
               "return g"),
          body("r = {}", "for i in range(n):", "    r[str(i)] = 'v' * i", "return r"),
          grep=r"d\.setdefault\(a\[i\], \[\]\)"),
        I("iteration in insertion order", "[k2 for k2 in d]", grep=r"for k in d\b"),
        I("tuple keys (memo tables, sparse matrices, edges), passed in and returned",
          body("m = {(0, 0): 1.0}", "for i in range(1, n):",
               "    m[(i, i % 3)] = m.get((i - 1, (i - 1) % 3), 0.0) + 0.5",
               "del m[(1, 1)]", "return m, (2, 2) in m, (2, 2.5) in m, m.pop((3, 0))"),
          body("r = {(1, 2.5, True): n}", "r[(1.0, 2.5, 1)] += 1", "return r"),
          body("r = {('a', 1): n}", "r[('b', 2)] = k", "return r, ('a', 1.0) in r"),
          grep=r"d\[\(i, j\)\]"),
        I("exact key lookups: 1.5 in {1: 2.0} is False, 1.0 in it True",
          "(1.5 in d, 1.0 in d, d.get(2.0, -1.0), d.get(2.5, -1.0), 1.5 in st)",
          grep=r"1\.5 in d"),
    ] + methods("dict", DICT_METHODS)),
    (3, "None", [
        I("None, is None, Optional", "None", body("v = None if n > 5 else n",
                                                  "return v is None"), grep=r"is None",
          note="`if` statements that assign None on one path do make an Optional"),
    ]),
    (3, "bytes, bytearray, memoryview", [
        I("bytes: indexing, iteration, len", "(bs[0], len(bs))",
          body("c = 0", "for v in bs:", "    c += v", "return c"),
          grep=r"\bbytes\b|b'|b\"|memoryview\(b"),
        I("bytearray: indexing, iteration, len", "(ba[1], len(ba))", grep=r"bytearray"),
        I("memoryview: indexing, slicing, len, attributes", "(mv[1], len(mv))",
          "(mv.ndim, mv.itemsize, mv.nbytes, mv.readonly, mv.contiguous, mv.shape)",
          grep=r"memoryview"),
    ]),
    (2, "Built-in functions", [
        I("abs", "abs(y)", "abs(-n)", "abs(z)"),
        I("bool", "bool(n)", "bool(0.0)", "bool(l)"),
        I("chr", "chr(65 + k)"),
        I("complex", "complex(x, y)", "complex(n)"),
        I("divmod", "divmod(n, k)", "divmod(x, y)"),
        I("enumerate", body("s = 0", "for i, v in enumerate(l):", "    s += i * v", "return s"),
          body("s = 0", "for i, v in enumerate(t, 1):", "    s += i * v", "return s")),
        I("filter", "list(filter(lambda v: v > 1, l))",
          body("s = 0", "for v in filter(lambda v: v > 1, l):", "    s += v", "return s")),
        I("float", "float(n)", "float('1.5')"),
        I("getattr", "getattr(z, 'real')", grep=r"getattr\("),
        I("hasattr", "hasattr(z, 'real')", grep=r"hasattr\("),
        I("hash", "hash(n)", "hash(x)", "hash(t)", "hash(s)", "hash((s, -1, y))"),
        I("int", "int(x)", "int(y)", "int(b)", "int('42')"),
        I("iter, next", "next(iter(l))", body("it = iter(t)", "next(it)", "return next(it)"),
          body("it = iter(range(n))", "s = 0", "while True:", "    v = next(it, None)",
               "    if v is None:", "        break", "    s += v", "return s"),
          V(body("it = iter(s2)", "next(it)", "next(it)", "return next(it)"), "raises"),
          grep=r"\bnext\("),
        I("isinstance", "isinstance(n, int)", "isinstance(x, int)",
          "isinstance(t, tuple)"),
        I("len", "len(l)", "len(t)", "len(a)", "len(d)"),
        I("min, max", "(min(n, k), max(x, y))", "(min(l), max(lf))", "min(1, 2.5, 0)",
          "max(t)", grep=r"\bmin\("),
        I("map", "list(map(lambda v: v * 2, l))",
          body("s = 0", "for v in map(lambda v: v * 2, l):", "    s += v", "return s")),
        I("ord", "ord('a')", "ord(s[0])"),
        I("print", V("print(n, x)", "stdout"), V("print('n =', n)", "stdout"),
          V("print(s)", "stdout")),
        I("range", body("s = 0", "for i in range(1, n, 2):", "    s += i", "return s"),
          "len(range(n))"),
        I("repr", "repr(n)", "repr(s)"),
        I("reversed", body("r = 0", "for v in reversed(l):", "    r = r * 10 + v", "return r"),
          "list(reversed(t))"),
        I("round", "round(x)", "round(2.675, 2)", "round(y)",
          note="round(2.675, 2) is 2.68 in Numba too: x * 100 rounded, not CPython's "
               "correctly rounded decimal"),
        I("sorted", "sorted(l)", "sorted(lf, reverse=True)", "sorted(t)",
          "sorted(l, key=lambda v: (v % 2, -v), reverse=True)", "sorted(a, key=abs)"),
        I("str", "str(n)", "str(x)"),
        I("sum", "sum(l)", "sum(lf)", "sum(t)", "sum(a)"),
        I("type", "type(n)(x)", "type(pt)(1.0, 3.0)", grep=r"\btype\("),
        I("zip", body("s = 0", "for p, q in zip(l, t):", "    s += p * q", "return s"),
          "list(zip(t, t))"),
    ]),
    (2, "Standard library modules", [
        I("array.array: indexing, iteration, len", "(arr[1], len(arr))",
          body("s = 0.0", "for v in arr:", "    s += v", "return s"), grep=r"array\.array"),
        I("collections.namedtuple", "pt", "(pt.x, pt[1])", "Point(x, y)",
          "Point(y=1.0, x=x)", grep=r"namedtuple"),
        I("ctypes functions", "c_cos(x)", "c_labs(-n)", grep=r"ctypes"),
        I("enum.Enum, enum.IntEnum", "Color.RED is Color.RED", "Color.GREEN.value",
          "Shape.SQUARE + 1", grep=r"\benum\b|IntEnum"),
        I("functools.reduce", "functools.reduce(lambda p, q: p + q, l, 0)",
          grep=r"reduce\("),
    ]),
    (3, "cmath", each(("cmath.{f}(z)", "cmath.{f}(0.5 + 0.25j)"), CMATH, "cmath.")
        + [I("cmath.isfinite, isinf, isnan", "(cmath.isfinite(z), cmath.isinf(z), cmath.isnan(z))",
             grep=r"cmath\.is"),
           I("cmath.phase", "cmath.phase(z)"), I("cmath.polar", "cmath.polar(z)"),
           I("cmath.rect", "cmath.rect(x, y)")]),
    (3, "math", math_items()),
    (3, "operator", each("operator.{f}(n, k)", OPERATOR_BIN, "operator.")
        + each("operator.{f}(n, k)", OPERATOR_IN, "operator.")
        + each("operator.{f}(n)", "invert neg not_ pos".split(), "operator.")
        + [I("operator.matmul, imatmul", "operator.matmul(a, a)", "operator.imatmul(a, a)",
             grep=r"matmul")]),
    (3, "random", random_items()),
    (3, "heapq", [
        I("heapq.heapify, heappush, heappop",
          body("heapq.heapify(l)", "heapq.heappush(l, 0)", "return heapq.heappop(l), l"),
          grep=r"heapq"),
        I("heapq.heappushpop, heapreplace",
          body("heapq.heapify(l)", "p = heapq.heappushpop(l, 2)",
               "q = heapq.heapreplace(l, 7)", "return p, q, l"), grep=r"heapq"),
        I("heapq.nlargest, nsmallest", "(heapq.nlargest(2, l), heapq.nsmallest(2, l))",
          grep=r"heapq"),
    ]),
]
