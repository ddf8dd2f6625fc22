"""Inspection of compiled functions: inspect_mlir / inspect_llvm /
inspect_asm, the KERN_DUMP environment variable, and `stats`."""

import importlib.util
import os
import subprocess
import sys

import numpy as np
import pytest

import kern

pytestmark = pytest.mark.skipif(importlib.util.find_spec("kern.lowering") is None,
                                reason="kern.lowering (the typing half) is not there yet")

HERE = os.path.dirname(os.path.abspath(__file__))
FRONTEND = os.path.join(os.path.dirname(os.path.dirname(HERE)), "python-frontend")


@kern.njit
def sumsq(a):
    s = 0.0
    for i in range(a.shape[0]):
        s += a[i] * a[i]
    return s


@pytest.fixture(scope="module")
def compiled():
    assert sumsq(np.arange(4.0)) == 14.0
    return sumsq


def test_inspect_mlir_kern_stage_is_read_by_kern_opt(compiled, kern_build_dir):
    text = compiled.inspect_mlir(compiled.signatures[0])
    assert "kern.entry" in text and "func.func" in text
    kern_opt = os.path.join(kern_build_dir, "bin", "kern-opt")
    result = subprocess.run([kern_opt], input=text, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "kern.entry" in result.stdout


def test_inspect_mlir_without_signature_covers_all(compiled):
    texts = compiled.inspect_mlir()
    assert list(texts) == compiled.signatures
    assert texts[compiled.signatures[0]] == compiled.inspect_mlir("(float64[:],)")


def test_inspect_later_stages(compiled):
    sig = compiled.signatures[0]
    affine = compiled.inspect_mlir(sig, stage="affine")
    llvm = compiled.inspect_mlir(sig, stage="llvm")
    assert "kern." not in affine.replace("kern.entry", "").replace(
        "kern.layout", "")
    assert "llvm.func" in llvm
    assert "define" in compiled.inspect_llvm(sig)
    assert "sumsq" in compiled.inspect_asm(sig)


def test_inspect_rejects_unknown_stage_and_signature(compiled):
    with pytest.raises(ValueError, match="stage"):
        compiled.inspect_mlir(stage="ptx")
    with pytest.raises(TypeError, match="no compiled signature"):
        compiled.inspect_llvm("(int64,)")


def test_stats_report_every_stage(compiled):
    stats = compiled.stats
    for stage in ("typing", "emission", "total"):
        assert stage in stats
    assert len(stats) > 4            # the compiler's own stages as well
    assert stats["total"] >= max(v for k, v in stats.items() if k != "total") * 0.5


def test_kern_dump_writes_each_stage(tmp_path, kern_build_dir):
    program = ("import kern, numpy as np\n"
               "@kern.njit\n"
               "def sumsq(a):\n"
               "    s = 0.0\n"
               "    for i in range(a.shape[0]):\n"
               "        s += a[i] * a[i]\n"
               "    return s\n"
               "print(sumsq(np.arange(3.0)))\n")
    script = tmp_path / "prog.py"
    script.write_text(program)
    env = dict(os.environ, PYTHONPATH=FRONTEND, KERN_BUILD_DIR=kern_build_dir,
               KERN_DUMP="kern,llvmir", KERN_DUMP_DIR=str(tmp_path / "dump"))
    out = subprocess.run([sys.executable, str(script)], env=env, check=True,
                         capture_output=True, text=True).stdout
    assert out.strip() == "5.0"
    names = sorted(os.listdir(tmp_path / "dump"))
    assert names == ["sumsq.float64_1d.kern.mlir", "sumsq.float64_1d.llvmir.ll"], names
    assert "kern.entry" in (tmp_path / "dump" / names[0]).read_text()


def test_kern_dump_to_stderr(tmp_path, kern_build_dir):
    env = dict(os.environ, PYTHONPATH=FRONTEND, KERN_BUILD_DIR=kern_build_dir,
               KERN_DUMP="all")
    env.pop("KERN_DUMP_DIR", None)
    script = tmp_path / "double.py"
    script.write_text("import kern\n"
                      "@kern.njit\n"
                      "def double(x):\n"
                      "    return x * 2.0\n"
                      "print(double(1.5))\n")
    result = subprocess.run([sys.executable, str(script)], env=env, check=True,
                            capture_output=True, text=True)
    assert result.stdout.strip() == "3.0"
    for stage in ("kern", "affine", "llvm", "llvmir", "asm"):
        assert f"stage '{stage}'" in result.stderr


def _printed(f, **kwargs):
    import io
    out = io.StringIO()
    f.inspect_types(file=out, **kwargs)
    return out.getvalue()


def test_inspect_types_prints_each_line_with_its_types(compiled):
    text = _printed(compiled)
    lines = text.splitlines()
    assert lines[0] == "sumsq (float64[:])"
    first = sumsq.py_func.__code__.co_firstlineno
    assert f"# --- LINE {first + 1} ---" in lines  # def sumsq(a):
    assert "    #   a  :: float64[:]" in lines
    assert "    #   s  :: float64" in lines
    assert "        #   a[i] * a[i]  :: float64" in lines
    assert any(l.strip() == "#   i  :: int64" for l in lines)
    assert lines[-2] == "# return  :: float64"


def test_inspect_types_of_each_signature_and_of_one():
    @kern.njit
    def twice(x):
        y = x + x
        return y

    assert twice(2) == 4 and twice(1.5) == 3.0
    both = _printed(twice)
    assert "twice (int64)" in both and "twice (float64)" in both
    assert "#   y  :: int64" in both and "#   y  :: float64" in both
    one = _printed(twice, signature=(kern.types.float64,))
    assert "twice (float64)" in one and "twice (int64)" not in one


def test_inspect_types_after_a_cache_hit(tmp_path, monkeypatch):
    code = (
        "import io, kern\n"
        "@kern.njit(cache=True)\n"
        "def tri(n):\n"
        "    t = 0\n"
        "    for k in range(n):\n"
        "        t += k\n"
        "    return t\n"
        "assert tri(4) == 6\n"
        "out = io.StringIO(); tri.inspect_types(file=out)\n"
        "assert '#   t  :: int64' in out.getvalue(), out.getvalue()\n"
        "print('ok')\n")
    script = tmp_path / "cached_types.py"
    script.write_text(code)
    env = dict(os.environ, PYTHONPATH=FRONTEND,
               KERN_CACHE_DIR=str(tmp_path / "cache"))
    for _ in range(2):  # compiled, then loaded from the cache
        done = subprocess.run([sys.executable, str(script)], env=env,
                              capture_output=True, text=True)
        assert done.stdout.strip() == "ok", done.stderr
