"""kern.sysinfo() and `python -m kern -s` (kern/sysreport.py)."""

import os
import subprocess
import sys

import numpy as np

import kern

HERE = os.path.dirname(os.path.abspath(__file__))
FRONTEND = os.path.abspath(os.path.join(HERE, "..", "..", "python-frontend"))


def test_sysinfo_dict():
    info = kern.sysinfo(quiet=True)
    assert info["kern version"] == kern.__version__
    assert info["numpy version"] == np.__version__
    assert info["python version"] == sys.version.split()[0]
    assert info["llvm version"].split(".")[0] == "22"
    assert os.path.exists(info["libkern"])
    assert info["threads"] == kern.get_num_threads()
    assert info["threading layer"].startswith("OpenMP (")
    assert info["cpu count"] == os.cpu_count()
    assert info["cpu name"]
    assert "cuda driver" in info and isinstance(info["cuda devices"], int)
    assert "blas library" in info
    assert "compiler error" not in info


def test_python_m_kern_s():
    env = dict(os.environ, KERN_CACHE_DIR="/tmp/kern-sysinfo-test-cache",
               PYTHONPATH=os.pathsep.join([FRONTEND,
                                           os.environ.get("PYTHONPATH", "")]))
    out = subprocess.run([sys.executable, "-m", "kern", "-s"], env=env,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    text = out.stdout
    for label in ("kern version", "python version", "numpy version",
                  "llvm version", "cpu name", "cpu features",
                  "threading layer", "threads", "cuda driver",
                  "blas library", "cache dir", "KERN_* variables"):
        assert label in text, label
    assert "KERN_CACHE_DIR=/tmp/kern-sysinfo-test-cache" in text
    assert "/tmp/kern-sysinfo-test-cache" in text.split("cache dir")[1]
    assert subprocess.run([sys.executable, "-m", "kern", "--version"],
                          env=env, capture_output=True, text=True,
                          timeout=60).stdout.strip() == kern.__version__
