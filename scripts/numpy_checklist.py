#!/usr/bin/env python3
"""Probe kern against Numba's list of supported NumPy features.

    python3 scripts/numpy_checklist.py              # run every probe, print the
                                                    # table, rewrite docs/numpy.md
    python3 scripts/numpy_checklist.py --dry-run    # print only
    python3 scripts/numpy_checklist.py --only linalg --verbose
    python3 scripts/numpy_checklist.py --numba      # also run each probe with Numba

The probes are the table in scripts/numpy_probes.py: for each item of Numba's
page (docs/source/reference/numpysupported.rst) a few calls on typical
arguments. Each call becomes a function `def pN(<fixtures it uses>): return
<call>` in a generated module (kern compiles from source files); it runs
under kern.njit and in the interpreter (NumPy), and the results are compared:
shape, dtype (of np.asarray of each result, so a Python float is float64) and
values (np.allclose, NaNs equal). An item is `yes` when every call matches,
`partial (...)` when some do (the others are named), `no` when none does, and
`n/a` when the installed NumPy lacks the function.

`--page language` probes docs/language.md instead (scripts/language_probes.py,
Numba's pysupported.rst, compared with CPython; scripts/language_checklist.py).

The probes run in a worker process; a worker that crashes or overruns
--timeout is noted against the probe (`crash`, `hang`) and restarted after it.
The test column names the first test in test/python whose source (or a helper
or table it uses) matches the item's pattern.
"""

import argparse
import ast
import json
import os
import re
import select
import subprocess
import sys
import tempfile
import time
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path[:0] = [HERE, os.path.join(ROOT, "python-frontend")]
os.environ.setdefault("KERN_BUILD_DIR", os.path.join(ROOT, "build"))

import numpy as np  # noqa: E402

import numpy_probes  # noqa: E402

DOC = os.path.join(ROOT, "docs", "numpy.md")
# The page being probed: its probe table (a module with SECTIONS and FIXTURES,
# optionally HEADER, the generated module's first lines, `compare` and REF,
# the reference's name), the doc it rewrites. use_page() switches them.
PROBES, PAGE, REF = numpy_probes, "numpy", f"NumPy {np.__version__}"
PAGES = {"numpy": ("numpy_probes", "numpy.md"),
         "language": ("language_probes", "language.md")}
HEADER = ["import math", "import numpy as np", ""]


def use_page(page):
    """Probe `page` (a key of PAGES) instead of the NumPy page."""
    global PROBES, PAGE, REF, DOC, HEADER
    import importlib
    mod, doc = PAGES[page]
    PROBES, PAGE = importlib.import_module(mod), page
    DOC = os.path.join(ROOT, "docs", doc)
    REF = getattr(PROBES, "REF", REF)
    HEADER = getattr(PROBES, "HEADER", "\n".join(HEADER)).splitlines() + [""]
BEGIN, END = "<!-- checklist:begin -->", "<!-- checklist:end -->"
SUMMARY = re.compile(r"^\*\*Summary:\*\*.*$", re.M)


# ---------------------------------------------------------------- the probes

def items():
    """(section index, item) for every item, in page order."""
    for si, (_, _, its) in enumerate(PROBES.SECTIONS):
        for it in its:
            yield si, it


def as_body(src):
    return src if "return" in src else f"return ({src})"


def fixtures_of(body):
    """The fixtures a body reads (names it assigns are its own)."""
    tree = ast.parse("def f():\n" + "".join("    " + ln + "\n"
                                              for ln in body.splitlines()))
    names = [n for n in ast.walk(tree) if isinstance(n, ast.Name)]
    stored = {n.id for n in names if isinstance(n.ctx, ast.Store)}
    loaded = {n.id for n in names} - stored
    return [f for f in PROBES.FIXTURES if f in loaded]


def variants():
    """Every variant: (item id, source, mode, fixture names, body, ref body)."""
    out = []
    for n, (_, it) in enumerate(items()):
        for src in it.variants:
            body = as_body(src)
            ref = getattr(src, "ref", None)
            ref = as_body(ref) if ref else body
            names = fixtures_of(body + "\n" + ref)
            out.append((n, str(src), getattr(src, "mode", "value"), names, body, ref))
    return out


def module_source(vs):
    """pK: the probe kern compiles; rK: the same (or its `ref`) for NumPy."""
    lines = list(HEADER)
    for k, (_, _, _, names, body, ref) in enumerate(vs):
        for fn, text in ((f"p{k}", body), (f"r{k}", ref)):
            lines.append(f"def {fn}({', '.join(names)}):")
            lines += ["    " + ln for ln in text.splitlines()]
            lines.append("")
    return "\n".join(lines)


# ---------------------------------------------------------- comparing results

def compare(ref, got, mode):
    """None when got matches NumPy's ref, else what differs."""
    if isinstance(ref, (tuple, list)):
        if not isinstance(got, (tuple, list)) or len(got) != len(ref):
            return f"result {type(got).__name__}, NumPy {type(ref).__name__} of {len(ref)}"
        for r, g in zip(ref, got):
            why = compare(r, g, mode)
            if why:
                return why
        return None
    if ref is None or isinstance(ref, (str, bytes)):
        return None if got == ref else f"wrong value {got!r}, NumPy {ref!r}"
    try:
        r, g = np.asarray(ref), np.asarray(got)
    except Exception as e:  # noqa: BLE001
        return f"result {type(got).__name__}: {e}"
    if g.dtype == object:
        return f"result {type(got).__name__}, NumPy {r.dtype}"
    if r.shape != g.shape:
        return f"wrong shape {g.shape}, NumPy {r.shape}"
    if isinstance(got, (bool, int, float, complex)) and not isinstance(got, np.generic):
        # a returned scalar is boxed as Python's (as Numba's): its kind must match
        kinds = {bool: "b", int: "iu", float: "f", complex: "c"}[type(got)]
        if r.dtype.kind not in kinds:
            return f"wrong type {type(got).__name__}, NumPy {r.dtype}"
        g = g.astype(r.dtype) if r.dtype.kind not in "iu" else g
    elif r.dtype != g.dtype:
        return f"wrong dtype {g.dtype}, NumPy {r.dtype}"
    if mode == "meta":
        return None
    if r.dtype.kind in "fc":
        tol = 1e-5 if r.dtype.itemsize * (2 if r.dtype.kind == "f" else 1) <= 8 else 1e-7
        ok = np.allclose(g, r, rtol=tol, atol=1e-12, equal_nan=True)
    else:
        ok = np.array_equal(g, r)
    if ok:
        return None
    return "wrong values " + np.array2string(g.ravel()[:4], precision=4) + \
        ", NumPy " + np.array2string(r.ravel()[:4], precision=4)


def first_line(e):
    text = str(e).strip().splitlines()
    msg = text[0] if text else ""
    msg = re.sub(r"^\S+\.py:\d+: in '\w+': ", "", msg)  # the probe's location
    return f"{type(e).__name__}: {msg}"[:160]


def run_one(fn, ref_fn, names, mode, jit):
    """('ok'|'na'|'error'|'wrong', detail) of one probe."""
    fix = PROBES.FIXTURES
    call = getattr(PROBES, "call", lambda f, args, mode: f(*args))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            ref = call(ref_fn, [fix[n]() for n in names], mode)
        except Exception as e:  # noqa: BLE001
            return "na", "NumPy: " + first_line(e)
        try:
            got = call(jit(fn), [fix[n]() for n in names], mode)
        except Exception as e:  # noqa: BLE001
            return "error", first_line(e)
    why = getattr(PROBES, "compare", compare)(ref, got, mode)
    return ("wrong", why) if why else ("ok", "")


def worker(path, todo, fd, with_numba):
    """Run the probes `todo` of module `path`; report each on fd."""
    import importlib.util
    import kern
    spec = importlib.util.spec_from_file_location("kern_numpy_probes", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    vs = variants()
    numba = None
    if with_numba:
        import numba
    out = os.fdopen(fd, "w", buffering=1)
    for k in todo:
        mode, names = vs[k][2], vs[k][3]
        out.write(json.dumps({"begin": k}) + "\n")
        fn, ref = getattr(mod, f"p{k}"), getattr(mod, f"r{k}")
        res = {"k": k, "kern": run_one(fn, ref, names, mode, kern.njit)}
        if numba:
            res["numba"] = run_one(fn, ref, names, mode, numba.njit)
        out.write(json.dumps(res) + "\n")


def run_all(vs, selected, timeout, with_numba, verbose):
    """{variant index: result}, run by workers restarted after a crash or hang."""
    with tempfile.NamedTemporaryFile("w", suffix=".py", prefix="kern_numpy_",
                                     delete=False) as f:
        f.write(module_source(vs))
        path = f.name
    results, todo = {}, sorted(selected)
    try:
        while todo:
            rfd, wfd = os.pipe()
            proc = subprocess.Popen(
                [sys.executable, __file__, "--page", PAGE, "--worker", path,
                 ",".join(map(str, todo)), str(wfd)]
                + (["--numba"] if with_numba else []),
                pass_fds=(wfd,), stdout=subprocess.DEVNULL,
                stderr=None if verbose else subprocess.DEVNULL)
            os.close(wfd)
            current, buf, died = None, b"", None
            with os.fdopen(rfd, "rb", buffering=0) as pipe:
                while True:
                    ready, _, _ = select.select([pipe], [], [], timeout)
                    if not ready:                      # a probe that hangs
                        proc.kill()
                        died = f"hang (over {timeout:.0f} s)"
                        break
                    chunk = pipe.read(65536)
                    if not chunk:                      # finished, or died
                        rc = proc.wait()
                        died = f"crash (exit {rc})" if rc else None
                        break
                    buf += chunk
                    *lines, buf = buf.split(b"\n")
                    for line in lines:
                        msg = json.loads(line)
                        if "begin" in msg:
                            current = msg["begin"]
                        else:
                            results[msg["k"]] = msg
                            if verbose:
                                report_variant(vs, msg)
            proc.wait()
            if died and current is not None and current not in results:
                results[current] = {"k": current, "kern": ("error", died)}
                report_variant(vs, results[current])
            elif died:
                sys.exit(f"numpy_checklist: the worker failed: {died}")
            todo = [k for k in todo if k not in results]
    finally:
        os.unlink(path)
    return results


def report_variant(vs, msg):
    k = msg["k"]
    st, why = msg["kern"]
    extra = f"   [numba: {msg['numba'][0]}]" if "numba" in msg else ""
    src = "; ".join(ln.strip() for ln in vs[k][1].splitlines())
    print(f"  {st:5} {src[:60]:60} {why}{extra}", flush=True)


# ----------------------------------------------------------- item statuses

def status(item_results):
    """The status cell from [(source, (state, detail)), ...]."""
    states = [r[0] for _, r in item_results]
    if all(s == "na" for s in states):
        return "n/a (" + item_results[0][1][1].replace("NumPy: ", f"not in {REF}: ") + ")"
    bad = [(src, r) for src, r in item_results if r[0] in ("error", "wrong")]
    if not bad:
        return "yes"
    def call(src):
        lines = [ln.strip() for ln in src.splitlines()]
        return "`" + ("; ".join(lines) if len(lines) > 1 else lines[0]) + "`"
    good = [src for src, r in item_results if r[0] == "ok"]
    errors = [src for src, (st, why) in bad if st == "error"
              and not why.startswith(("crash", "hang"))]
    notes = [f"{call(src)}: {why}" for src, (st, why) in bad if src not in errors]
    if errors and good and len(good) < len(errors):
        notes.insert(0, "only " + ", ".join(map(call, good)) + " compile")
    elif errors:
        notes.insert(0, ", ".join(map(call, errors)) + " unsupported")
    text = "; ".join(notes)
    if any(s == "ok" for s in states) or all(r[0] == "wrong" and "dtype" in r[1]
                                             for _, r in bad):
        return f"partial ({text})"
    if any(st == "wrong" for _, (st, _) in bad):
        return f"no ({text})"
    return "no"


def cell(text):
    return text.replace("|", "\\|").replace("\n", " ")


# ------------------------------------------------------------- finding tests

def compiled_code(src, node, defs):
    """The source in `node` (a test or helper function, a table) that kern
    compiles: the functions defined inside it, lambdas, what is passed to a jit call
    (a function by name: its source from `defs`), strings holding a def."""
    seg = lambda n: ast.get_source_segment(src, n) or ""  # noqa: E731
    out = []
    for n in ast.walk(node):
        if isinstance(n, ast.FunctionDef) and n is not node:
            out.append(seg(n))
        elif isinstance(n, ast.Lambda):
            out.append(seg(n))
        elif isinstance(n, ast.Call) and "jit" in seg(n.func):
            for arg in n.args:
                out.append(defs.get(arg.id, "") if isinstance(arg, ast.Name) else seg(arg))
        elif isinstance(n, ast.Constant) and isinstance(n.value, str) and "def " in n.value:
            out.append(n.value)
    return "\n".join(out)


def test_index():
    """[(test id, the code it compiles)] for each test function of
    test/python: its compiled_code, the module-level functions it names but
    does not call (check(f, x), parametrize([f, g])), the compiled code of
    the helpers it calls and of the tables it names (with their functions)."""
    tdir = os.path.join(ROOT, "test", "python")
    out = []
    for fname in sorted(os.listdir(tdir)):
        if not (fname.startswith("test_") and fname.endswith(".py")):
            continue
        src = open(os.path.join(tdir, fname)).read()
        try:
            tree = ast.parse(src)
        except SyntaxError:
            continue
        sources = {n.name: ast.get_source_segment(src, n) or ""
                   for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
        top = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)
               and not n.name.startswith("test")}
        compiled = {}
        for node in tree.body:
            if isinstance(node, ast.FunctionDef):
                jitted = any("jit" in (ast.get_source_segment(src, d) or "")
                             for d in node.decorator_list)
                compiled[node.name] = sources[node.name] if jitted else \
                    compiled_code(src, node, sources)
            elif isinstance(node, ast.Assign):
                code = compiled_code(src, node, sources) + "\n".join(
                    sources[n.id] for n in ast.walk(node.value)
                    if isinstance(n, ast.Name) and n.id in top)
                for t in node.targets:
                    for nm in ast.walk(t):
                        if isinstance(nm, ast.Name):
                            compiled[nm.id] = code
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test"):
                code = compiled_code(src, node, sources)
                used = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
                called = {c.func.id for c in ast.walk(node) if isinstance(c, ast.Call)
                          and isinstance(c.func, ast.Name)}
                code += "\n".join(sources[u] if u in top and u not in called
                                  else compiled[u] for u in sorted(used)
                                  if u in compiled and u != node.name)
                out.append((f"test/python/{fname}::{node.name}", code))
    return out


def item_pattern(it):
    if it.grep:
        return it.grep
    name = it.name.split(" ")[0]
    return re.escape(name) + r"\b"


def find_test(it, index):
    pat = re.compile(item_pattern(it))
    hits = [tid for tid, src in index if pat.search(src)]
    word = re.sub(r"\W", "", it.name.split(" ")[0].split(".")[-1]).lower()
    for tid in hits:                       # prefer a test named after the item
        if word and word in tid.split("::")[1].lower():
            return tid
    return hits[0] if hits else "—"


# --------------------------------------------------------------- the output

def markdown(results, vs, index):
    by_item = {}
    for k, (n, src, *_) in enumerate(vs):
        by_item.setdefault(n, []).append((src, results[k]["kern"]))
    lines, counts, n = [], {"yes": 0, "partial": 0, "no": 0, "n/a": 0}, 0
    for level, title, its in PROBES.SECTIONS:
        lines += ["", "#" * (level + 1) + " " + title, ""]
        if not its:
            continue
        lines += ["| name | kern status | test |", "|---|---|---|"]
        for it in its:
            st = status(by_item[n])
            st = re.sub(r"(wrong values) [^;]*?, NumPy [^;]*?(?=;|\)$)", r"\1", st)
            if it.note and st != "yes":
                st = st[:-1] + f"; {it.note})" if st.endswith(")") else f"{st} ({it.note})"
            counts[st.split(" ")[0]] += 1
            test = "—" if st.startswith(("no", "n/a")) else find_test(it, index)
            lines.append(f"| {cell(it.name)} | {cell(st)} | {test} |")
            n += 1
    summary = (f"**Summary:** {counts['yes']} yes, {counts['partial']} partial, "
               f"{counts['no']} no ({sum(counts.values()) - counts['n/a']} items"
               f" probed; {counts['n/a']} n/a: not in {REF}).")
    return "\n".join(lines).strip("\n"), summary


def write_doc(table, summary):
    text = open(DOC).read()
    start, stop = text.index(BEGIN) + len(BEGIN), text.index(END)
    text = text[:start] + "\n\n" + table + "\n\n" + text[stop:]
    text = SUMMARY.sub(summary, text, count=1)
    with open(DOC, "w") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dry-run", action="store_true", help="do not rewrite the doc")
    ap.add_argument("--page", choices=sorted(PAGES), default="numpy",
                    help="the page probed (default numpy: docs/numpy.md)")
    ap.add_argument("--only", help="run only items whose name or section contains this")
    ap.add_argument("--numba", action="store_true", help="also run each probe with Numba")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds per probe")
    ap.add_argument("--verbose", action="store_true", help="print every probe")
    ap.add_argument("--worker", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.page != "numpy":
        use_page(args.page)
    if args.worker:
        path, todo, fd = args.worker
        return worker(path, [int(k) for k in todo.split(",")], int(fd), args.numba)

    vs = variants()
    its = list(items())
    want = set(range(len(vs)))
    if args.only:
        key = args.only.lower()
        want = {k for k, v in enumerate(vs)
                if key in its[v[0]][1].name.lower()
                or key in PROBES.SECTIONS[its[v[0]][0]][1].lower()}
    t0 = time.time()
    results = run_all(vs, want, args.timeout, args.numba, args.verbose)
    index = test_index()

    by_item = {}
    for k in sorted(results):
        by_item.setdefault(vs[k][0], []).append((vs[k][1], results[k]["kern"]))
    width = max(len(it.name) for _, it in its)
    for n, rs in sorted(by_item.items()):
        st = status(rs)
        errs = [r[1] for _, r in rs if r[0] == "error"]
        print(f"{its[n][1].name:{width}}  {st.split(' ')[0]:8} "
              f"{errs[0] if errs and not st.startswith('partial') else st[8:]}"[:220])
        if args.numba:
            nb = [r["numba"][0] for k, r in results.items() if vs[k][0] == n]
            if any(s not in ("ok", "na") for s in nb):
                print(f"{'':{width}}  numba:   {nb}")
    print(f"{len(results)} probes in {time.time() - t0:.0f} s")
    if not args.dry_run and not args.only:
        table, summary = markdown(results, vs, index)
        write_doc(table, summary)
        print(summary)
        print(f"wrote {os.path.relpath(DOC)}")


if __name__ == "__main__":
    sys.exit(main())
