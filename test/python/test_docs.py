"""The Python examples in docs/*.md run and their assertions hold.

Each ```python block of a page listed here is written to its own file
(kern reads the source of what it compiles) and run with runpy.
"""

import os
import re
import runpy

import pytest

DOCS = os.path.join(os.path.dirname(__file__), "..", "..", "docs")
PAGES = ["extending.md", "calls.md", "cuda.md"]


def _blocks(page):
    text = open(os.path.join(DOCS, page)).read()
    return re.findall(r"```python\n(.*?)```", text, re.S)


CASES = [(page, i, code) for page in PAGES
         for i, code in enumerate(_blocks(page))]


@pytest.mark.parametrize("page,index,code", CASES,
                         ids=[f"{p}-{i}" for p, i, _ in CASES])
def test_example_runs(page, index, code, tmp_path):
    path = tmp_path / f"{page.replace('.', '_')}_{index}.py"
    path.write_text(code)
    runpy.run_path(str(path), run_name="__main__")


def test_every_page_has_examples():
    assert all(_blocks(page) for page in PAGES)
