"""Process-level tuning for the app server. (``sim`` itself has no side effects.)

A full simulation allocates a few MB of temporary arrays. By default glibc hands such memory
back to the operating system after each run, and the next run pays ~1,000 page faults to get
it back: about half of a two-week simulation's time (benchmarks/cascade_speed.py). Raising the
mmap and trim thresholds keeps the freed memory for reuse.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools

M_TRIM_THRESHOLD = -1  # glibc mallopt parameter numbers (malloc.h)
M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD_BYTES = 32 * 2**20  # glibc's largest allowed value on 64-bit
TRIM_THRESHOLD_BYTES = 256 * 2**20


@functools.cache  # app.py calls it on every rerun; find_library spawns ldconfig each time
def keep_freed_memory() -> bool:
    """Ask glibc to reuse freed memory instead of returning it; False where unavailable."""
    name = ctypes.util.find_library("c")
    if name is None:
        return False
    try:
        mallopt = ctypes.CDLL(name).mallopt
    except (OSError, AttributeError):  # not glibc (e.g. musl, macOS)
        return False
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES)) and bool(
        mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD_BYTES)
    )
