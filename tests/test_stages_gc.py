"""The extract stage pauses the cycle collector and always gives it back as it found it."""

from __future__ import annotations

import gc

import pytest

from khabar.stages import cyclic_gc_paused


def test_the_collector_is_off_inside_and_back_after():
    assert gc.isenabled()
    with cyclic_gc_paused():
        assert not gc.isenabled()
        with cyclic_gc_paused():  # nested (or another thread's stage): the outer block turns it back on
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_an_error_inside_still_turns_it_back_on():
    with pytest.raises(ValueError):
        with cyclic_gc_paused():
            raise ValueError("bad shard")
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off():
    gc.disable()
    try:
        with cyclic_gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
