"""kern's library (kern/np, kern/py) is imported by need through
kern/libindex.py: the index is current, a compile imports only the modules
it uses, and a user's overload of a function the library also implements
comes first."""

import os
import subprocess
import sys
import textwrap

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))


def run(code):
    env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "python-frontend"))
    return subprocess.run([sys.executable, "-c", code], env=env, text=True,
                          capture_output=True, check=True).stdout


def test_index_is_current():
    r = subprocess.run([sys.executable, os.path.join(ROOT, "scripts",
                                                     "library_index.py"),
                        "--check"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_compile_imports_only_the_modules_it_uses(tmp_path):
    prog = tmp_path / "prog.py"
    prog.write_text(textwrap.dedent("""
        import sys, numpy as np, kern
        @kern.njit
        def f(a):
            return np.median(a) + np.sin(a).sum()
        a = np.array([3.0, 1.0, 2.0])
        assert f(a) == np.median(a) + np.sin(a).sum()
        print(sorted(m for m in sys.modules if m.startswith("kern.np.")))
    """))
    out = run(f"exec(compile(open({str(prog)!r}).read(), {str(prog)!r}, "
              f"'exec'))")
    loaded = eval(out)
    assert "kern.np.statistics" in loaded
    assert "kern.np.polynomials" not in loaded
    assert "kern.np.generator" not in loaded


def test_user_overload_comes_before_the_library(tmp_path):
    prog = tmp_path / "prog.py"
    prog.write_text(textwrap.dedent("""
        import numpy as np, kern
        from kern.extending import overload
        @overload(np.median)
        def my_median(a):
            return lambda a: -1.0
        @kern.njit
        def f(a):
            return np.median(a)
        print(f(np.array([3.0, 1.0, 2.0])))
    """))
    out = run(f"exec(compile(open({str(prog)!r}).read(), {str(prog)!r}, "
              f"'exec'))")
    assert out.strip() == "-1.0"


def test_load_library_imports_every_module():
    out = run("import sys, kern.registry as r; r.REGISTRY.load_library(); "
              "print(sum(m.startswith(('kern.np.', 'kern.py.')) "
              "for m in sys.modules))")
    assert int(out) >= 20
