"""OpenMP set-up for parallel=True code.

libomp initializes at the first parallel region; by default it detects the
machine's topology (sockets, cores, caches: hwloc or /proc and /sys
parsing), which costs 7-15 ms on the benchmark machine -- more than a
cached function's whole first call may take. kern does not bind threads to
cores unless asked, so unless the user configures affinity, placement or
topology (OMP_PROC_BIND, OMP_PLACES, KMP_AFFINITY, KMP_HW_SUBSET,
KMP_TOPOLOGY_METHOD), libomp is told to use a flat topology
(KMP_TOPOLOGY_METHOD=flat, about 1 ms). The thread count itself follows
kern.set_num_threads / KERN_NUM_THREADS / OMP_NUM_THREADS (the runtime).
"""

from __future__ import annotations

import os

__all__ = ["prepare_openmp"]

_USER_AFFINITY = ("OMP_PROC_BIND", "OMP_PLACES", "KMP_AFFINITY",
                  "KMP_HW_SUBSET", "KMP_TOPOLOGY_METHOD", "GOMP_CPU_AFFINITY")
_prepared = False


def prepare_openmp() -> None:
    """Called before parallel code is loaded or first run (idempotent)."""
    global _prepared
    if _prepared:
        return
    _prepared = True
    if not any(name in os.environ for name in _USER_AFFINITY):
        os.environ["KMP_TOPOLOGY_METHOD"] = "flat"
