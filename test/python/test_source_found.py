"""kern reads Python source: a function defined by `python -c`, typed into
the interactive interpreter, or exec'd from code whose file name linecache
knows compiles; where the source is truly gone (exec of a plain string)
the error says what to do."""

import os
import pty
import select
import subprocess
import sys
import time

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
ENV = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "python-frontend"),
           TERM="dumb")

PROGRAM = """
import numpy as np, kern
@kern.njit
def f(a):
    s = 0.0
    for x in a:
        s += x * x
    return s
g = kern.njit(lambda x: x * 2 + 1)
print(f(np.arange(4.0)), g(3))
"""


def python(*args):
    return subprocess.run([sys.executable, *args], env=ENV, text=True,
                          capture_output=True, timeout=120)


def test_python_dash_c():
    r = python("-c", PROGRAM)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["14.0", "7"]


def test_exec_of_code_linecache_knows():
    r = python("-c", "import linecache\n"
               f"src = {PROGRAM!r}\n"
               "linecache.cache['cell-1'] = (len(src), None, "
               "src.splitlines(True), 'cell-1')\n"
               "exec(compile(src, 'cell-1', 'exec'))\n")
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["14.0", "7"]


def test_exec_of_a_string_says_what_to_do():
    r = python("-c", "import kern\n"
               "exec('def h(x):\\n    return x + 1\\n')\n"
               "try:\n"
               "    kern.njit(h)(1)\n"
               "except kern.UnsupportedError as e:\n"
               "    print(e)\n")
    assert r.returncode == 0, r.stderr
    assert "cannot read the source of 'h'" in r.stdout
    assert "linecache" in r.stdout and "define it in a file" in r.stdout


def test_interactive_interpreter():
    """A real interpreter on a pseudo-terminal (readline keeps history)."""
    master, slave = pty.openpty()
    p = subprocess.Popen([sys.executable, "-q", "-i"], stdin=slave,
                         stdout=slave, stderr=slave, env=ENV, close_fds=True)
    os.close(slave)
    typed = ["import kern", "@kern.njit", "def f(n):", "    s = 0",
             "    for i in range(n):", "        s += i * i", "    return s",
             "", "print('RESULT', f(10))", "exit()"]
    for line in typed:
        os.write(master, line.encode() + b"\n")
        time.sleep(0.05)
    out, deadline = b"", time.time() + 120
    while time.time() < deadline:
        ready, _, _ = select.select([master], [], [], 1)
        if ready:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # the interpreter exited
                break
            if not chunk:
                break
            out += chunk
        elif p.poll() is not None:
            break
    p.kill()
    os.close(master)
    text = out.decode(errors="replace")
    if "RESULT" not in text and "readline" in text:
        pytest.skip("no readline in this Python")
    assert "RESULT 285" in text, text[-2000:]
