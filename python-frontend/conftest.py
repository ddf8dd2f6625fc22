"""pytest set-up for the doctests of the kern package (scripts/test.sh runs
``pytest --doctest-modules python-frontend/kern``): the names the examples
use without importing them."""

import numpy as np
import pytest


@pytest.fixture(autouse=True)
def _doctest_names(doctest_namespace):
    import kern
    from kern.types import float64, int64
    doctest_namespace.update(np=np, kern=kern, float64=float64, int64=int64)
