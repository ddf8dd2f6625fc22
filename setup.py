"""`pip install .` at the repository's root installs the package of
python-frontend/, the same as `pip install ./python-frontend`: its
pyproject.toml holds the metadata and its setup.py the build (which runs
cmake when no finished build is found). This file only runs that one from
its own folder, so there is one description of the package."""

import os
import runpy

FRONTEND = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                        "python-frontend")
os.chdir(FRONTEND)
runpy.run_path("setup.py", run_name="__main__")
