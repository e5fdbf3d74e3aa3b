from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from app.db.hlc import HybridClock, Stamp


def test_clock_never_runs_backwards_when_wall_does():
    times = iter([1000, 1000, 900, 900, 2000])
    clock = HybridClock("a", wall=lambda: next(times))
    stamps = [clock.now() for _ in range(5)]
    assert stamps == sorted(stamps)
    assert len(set(stamps)) == 5


def test_observe_moves_past_remote():
    clock = HybridClock("a", wall=lambda: 10)
    clock.observe(str(Stamp(5000, 3, "b")))
    assert Stamp.parse(clock.now()) > Stamp(5000, 3, "b")


@given(st.lists(st.integers(0, 10**13 - 1), min_size=1, max_size=50))
def test_stamps_strictly_increase_for_any_wall(walls):
    it = iter(walls)
    clock = HybridClock("n", wall=lambda: next(it))
    stamps = [Stamp.parse(clock.now()) for _ in walls]
    assert all(a < b for a, b in itertools.pairwise(stamps))
    assert [str(s) for s in stamps] == sorted(str(s) for s in stamps)  # text order is stamp order
