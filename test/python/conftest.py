"""pytest set-up for kern's Python tests: `import kern` from the source tree.

The package is python-frontend/kern; its extension and libraries come from
the build directory $KERN_BUILD_DIR (default <repo>/build), which
scripts/test.sh sets.
"""

import os
import sys

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FRONTEND = os.path.join(REPO, "python-frontend")

os.environ.setdefault("KERN_BUILD_DIR", os.path.join(REPO, "build"))
if FRONTEND not in sys.path:
    sys.path.insert(0, FRONTEND)


@pytest.fixture(scope="session")
def kern_build_dir() -> str:
    """The build tree the tests use (absolute)."""
    path = os.environ["KERN_BUILD_DIR"]
    return path if os.path.isabs(path) else os.path.join(REPO, path)
