"""ui.simulate.shared: a bounded cache that every session shares and that a page script's
functions keep across runs (issue 'A class can use it')."""

from __future__ import annotations

import threading
import time

import pytest

from ui.simulate import shared

PAGE = '''
@shared(max_entries=2)
def square(x):
    calls.append(x)
    if x < 0:
        raise ValueError("negative")
    return x * x
'''


def define(source: str = PAGE, calls: list | None = None, file: str = "/pages/p.py"):
    """The function as a page run defines it: the page's code run in a new namespace."""
    namespace = {"shared": shared, "calls": [] if calls is None else calls}
    exec(compile(source, file, "exec"), namespace)  # noqa: S102
    return namespace["square"]


def test_a_page_run_again_finds_the_last_runs_values():
    calls = []
    first = define(calls=calls, file="/pages/again.py")
    assert first(3) == 9 and first(3) == 9
    again = define(calls=calls, file="/pages/again.py")  # the next run compiles it anew
    assert again(3) == 9 and calls == [3]


def test_a_changed_function_does_not_get_the_old_values():
    calls = []
    assert define(calls=calls, file="/pages/changed.py")(3) == 9
    changed = define(PAGE.replace("x * x", "x + x"), calls, file="/pages/changed.py")
    assert changed(3) == 6 and calls == [3, 3]


def test_it_keeps_at_most_max_entries_dropping_the_least_recently_used():
    calls = []
    square = define(calls=calls, file="/pages/bounded.py")
    square(1), square(2), square(1), square(3)  # 2 is the least recently used
    assert len(square.values) == 2 and list(square.values) == [(1,), (3,)]
    square(1), square(2)
    assert calls == [1, 2, 3, 2]


def test_an_exception_is_not_kept():
    calls = []
    square = define(calls=calls, file="/pages/raises.py")
    for _ in range(2):
        with pytest.raises(ValueError, match="negative"):
            square(-1)
    assert calls == [-1, -1] and not square.values


def test_callers_asking_for_the_same_value_together_compute_it_once():
    calls = []

    @shared(max_entries=4)
    def slow(x):
        calls.append(x)
        time.sleep(0.05)
        return [x]

    got = []
    threads = [threading.Thread(target=lambda: got.append(slow(7))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert calls == [7] and len(got) == 8 and all(g is got[0] for g in got)
