"""str values in compiled code (frontend/strings.py, str_methods.py,
lib/Runtime/Str.c) against CPython on the same text, ASCII and not."""

import math

import pytest

import kern
from kern import types as kt

SAMPLES = ["", "a", "Hello, World", "  spaced  out  ", "straße", "ΣΑΣ ΟΔΟΣ",
           "日本語テキスト", "emoji 😀 ok", "MiXeD cAsE", "123", "١٢٣",
           "\tTab\tbed\n", "a\r\nb\nc\rd\u2028e", "x_1", "ǅungla title",
           "o'neil's", "-42", "  +7  ", "3.25e2", "inf", "0x1f"]

EXPRESSIONS = [
    "len(s)", "s", "s + '!'", "'<' + s + s", "s * 3", "2 * s", "s * 0",
    "s[0] if s else ''", "s[-1] if s else ''", "s[1:4]", "s[::-1]",
    "s[::2]", "s[-3:]", "s[:-2:3]", "s[5:1:-1]",
    "s == 'a'", "s != 'a'", "s < 'M'", "s <= 'a'", "s > 'straße'",
    "s >= s", "'a' in s", "'ß' in s", "'' in s", "'xyz' not in s",
    "s.upper()", "s.lower()", "s.capitalize()", "s.title()",
    "s.swapcase()", "s.casefold()",
    "s.isdigit()", "s.isalpha()", "s.isalnum()", "s.isspace()",
    "s.isupper()", "s.islower()", "s.isdecimal()", "s.isnumeric()",
    "s.istitle()", "s.isascii()", "s.isprintable()", "s.isidentifier()",
    "s.find('a')", "s.find('a', 2)", "s.find('l', -5, -1)", "s.rfind('a')",
    "s.rfind('')", "s.count('a')", "s.count('')", "s.count('l', 3)",
    "s.startswith('He')", "s.startswith(('x', 'a', 'H'))",
    "s.endswith('ok')", "s.endswith('d', 0, 4)",
    "s.replace('a', 'AA')", "s.replace('l', '', 1)", "s.replace('', '.')",
    "s.split()", "s.split(' ')", "s.split(',', 1)", "s.split(maxsplit=1)",
    "s.rsplit()", "s.rsplit(' ', 1)", "s.rsplit(None, 1)",
    "s.splitlines()", "s.splitlines(True)",
    "'-'.join(s.split())", "s.join(['x', 'y', 'z'])", "','.join(s)",
    "'/'.join(('a', s, 'b'))",
    "s.strip()", "s.lstrip()", "s.rstrip()", "s.strip('sa')",
    "s.rstrip('ok')", "s.zfill(6)", "s.center(15)", "s.center(16, '*')",
    "s.ljust(12, '.')", "s.rjust(12)", "s.partition(' ')",
    "s.rpartition(' ')", "s.partition('zz')", "s.expandtabs()",
    "s.expandtabs(4)", "hash(s) == hash(s + '')", "str(len(s))",
    "f'[{s}] {len(s)} {len(s) / 4}'", "f'{s!r}'", "repr(s)",
    "[c for c in s]", "s.index('a') if 'a' in s else -1",
]


def _compile(tmp_path, name, src):
    path = tmp_path / f"str_{name}.py"
    path.write_text(src)
    ns = {}
    exec(compile(src, str(path), "exec"), ns)
    return ns["f"], kern.njit(ns["f"])


def _outcome(fn, *args):
    try:
        return fn(*args)
    except Exception as e:  # the same exception as Python's
        return type(e)


@pytest.mark.parametrize("k", range(len(EXPRESSIONS)))
def test_expression_matches_python(tmp_path, k):
    expr = EXPRESSIONS[k]
    py, jit = _compile(tmp_path, k, f"def f(s):\n    return {expr}\n")
    for s in SAMPLES:
        assert _outcome(jit, s) == _outcome(py, s), (expr, s)


def test_hash_is_pythons():
    @kern.njit
    def f(s):
        return hash(s), hash(s[1:])
    for s in SAMPLES[1:]:
        assert f(s) == (hash(s), hash(s[1:]))


@pytest.mark.parametrize("text", ["12", "-7", "  +3 ", "1_000", "١٢", "0",
                                  "abc", "1.5", "", "99999999999999999999"])
def test_int_of_str(text):
    @kern.njit
    def f(s):
        return int(s)
    want = _outcome(int, text)
    if isinstance(want, int) and not -2 ** 63 <= want < 2 ** 63:
        want = OverflowError  # compiled ints are int64, as in Numba
    assert _outcome(f, text) == want


def test_int_with_base():
    @kern.njit
    def f(s, b):
        return int(s, b)
    for s, b in [("ff", 16), ("0x1F", 16), ("0x1F", 0), ("0b101", 0),
                 ("777", 8), ("z", 36), ("010", 0), ("12", 2)]:
        assert _outcome(f, s, b) == _outcome(int, s, b), (s, b)


@pytest.mark.parametrize("text", ["1.5", "-2e-3", " inf ", "NaN", "1_0.5",
                                  "abc", "", "3", "0x10", "١.٥"])
def test_float_of_str(text):
    @kern.njit
    def f(s):
        return float(s)
    got, want = _outcome(f, text), _outcome(float, text)
    if isinstance(want, float) and math.isnan(want):
        assert math.isnan(got)
    else:
        assert got == want


@pytest.mark.parametrize("x", [0, -17, 2 ** 62, 0.1, 1e16, 1.5e-7, -0.0,
                               float("inf"), 123456789.125, True])
def test_str_of_numbers(x):
    @kern.njit
    def f(x):
        return str(x), f"<{x}>"
    assert f(x) == (str(x), f"<{x}>")


def test_ord_chr():
    @kern.njit
    def f(s):
        total = 0
        out = ""
        for ch in s:
            total += ord(ch)
            out += chr(ord(ch) + 1)
        return total, out
    for s in ["abc", "żółw", "😀x", ""]:
        assert f(s) == (sum(map(ord, s)), "".join(chr(ord(c) + 1) for c in s))
    with pytest.raises(TypeError, match="ord"):
        kern.njit(lambda s: ord(s))("ab")
    with pytest.raises(ValueError, match="chr"):
        kern.njit(lambda i: chr(i))(0x110000)


def test_index_errors_are_pythons():
    @kern.njit
    def f(s, i):
        return s[i]
    assert f("héllo", -1) == "o"
    with pytest.raises(IndexError, match="string index out of range"):
        f("abc", 3)
    with pytest.raises(ValueError, match="substring not found"):
        kern.njit(lambda s: s.index("q"))("abc")
    with pytest.raises(ValueError, match="step cannot be zero"):
        kern.njit(lambda s, k: s[::k])("abc", 0)


def test_building_strings_in_loops():
    @kern.njit
    def f(n):
        out = ""
        for i in range(n):
            out = out + str(i) + ","
        parts = out.split(",")
        return out, len(parts), parts[-2]
    assert f(12) == ("".join(f"{i}," for i in range(12)), 13, "11")


def test_list_of_str_display_append_and_join():
    @kern.njit
    def f(s):
        words = ["zero"]
        for w in s.split():
            if w not in words:
                words.append(w.upper())
        return words, " ".join(words), len(words)
    assert f("a b a ç") == (["zero", "A", "B", "A", "Ç"], "zero A B A Ç", 5)


def test_str_variables_across_branches():
    @kern.njit
    def f(n):
        s = "even" if n % 2 == 0 else "odd"
        if n > 10:
            s = s + "!"
        return s
    assert [f(i) for i in (1, 2, 12)] == ["odd", "even", "even!"]


def test_print_of_strs(capsys):
    @kern.njit
    def f(s):
        print(s, s.upper(), (s, 1), s.split())
    f("héllo wörld")
    s = "héllo wörld"
    assert capsys.readouterr().out == f"{s} {s.upper()} {(s, 1)} " \
                                      f"{s.split()}\n"


def test_dispatch_keys_str_apart():
    @kern.njit
    def f(x):
        return x * 2
    assert f("ab") == "abab" and f(3) == 6
    assert kt.unicode_type in [sig[0] for sig in f.signatures]


def test_memory_stays_flat_over_many_calls():
    import resource

    @kern.njit
    def f(s, i):
        t = (s + str(i)) * 3
        return len(t.upper().split("1")) + len(t[::2])
    f("warm-up ", 1)
    for i in range(2000):
        f("warm-up ", i)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for i in range(100000):
        f("abcdéf ", i)
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert after - before < 20000  # KiB


@pytest.mark.parametrize("src,message", [
    ("def f(s):\n    return s.format(1)\n", "str method .format"),
    ("def f(s):\n    return s % 3\n", "str % formatting"),
    ("def f(s):\n    return f'{s:>10}'\n", "format specs"),
    ("def f(s):\n    return s - 'a'\n", "unsupported operand"),
])
def test_unsupported_forms_are_located(tmp_path, src, message):
    py, jit = _compile(tmp_path, "bad", src)
    with pytest.raises((kern.TypingError, kern.UnsupportedError),
                       match=message) as e:
        jit("abc")
    assert "str_bad.py" in str(e.value)


def test_list_of_str_argument_is_reflected():
    @kern.njit
    def f(words):
        words.append("ünd")
        return " ".join(words), len(words)
    words = ["a", "bé"]
    assert f(words) == ("a bé ünd", 3) and words == ["a", "bé", "ünd"]


def test_explicit_signature_and_augmented_assignment():
    @kern.njit("unicode_type(unicode_type, int64)")
    def f(s, n):
        s += "-"
        s *= n
        return s
    assert f("ab", 2) == "ab-ab-"
    with pytest.raises(TypeError):
        f(1, 2)


def test_dicts_with_str_keys_and_values():
    @kern.njit
    def count(text):
        d = {}
        for w in text.split():
            if w in d:
                d[w] += 1
            else:
                d[w] = 1
        return d
    text = "a b a ç b a żółw"
    want = {}
    for w in text.split():
        want[w] = want.get(w, 0) + 1
    assert count(text) == want and list(count(text)) == list(want)

    @kern.njit
    def names(k):
        d = {1: "one", 2: "twö"}
        s = {"x": 1.5}
        return d[k], d, s.get("x", 0.0), s.get("y", -1.0), "x" in s
    assert names(2) == ("twö", {1: "one", 2: "twö"}, 1.5, -1.0, True)

    @kern.njit
    def missing(k):
        return {"a": 1}[k]
    with pytest.raises(KeyError) as e:
        missing("nöpe")
    assert e.value.args == ("nöpe",)


def test_dict_of_str_argument_is_reflected():
    @kern.njit
    def f(d):
        d["new"] = 7
        return d["a"] + len(d)
    d = {"a": 1, "b": 2}
    assert f(d) == 4 and d == {"a": 1, "b": 2, "new": 7}
