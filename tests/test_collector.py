"""The collector is paused inside the block only, and reads give back what was written."""

from __future__ import annotations

import gc
import io
import pickle

import pytest

from migkg import collector


def test_paused_inside_and_running_again_after_even_on_failure() -> None:
    assert gc.isenabled()
    with pytest.raises(ValueError), collector.paused():
        assert not gc.isenabled()
        raise ValueError("fails inside")
    assert gc.isenabled()


def test_left_off_when_it_was_off() -> None:
    gc.disable()
    try:
        with collector.paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_reads_give_back_what_was_pickled() -> None:
    value = {"Hà Nội": [1, (2, 3)], "cycle": []}
    value["cycle"].append(value["cycle"])
    data = pickle.dumps(value)
    for got in (collector.loads(data), collector.load(io.BytesIO(data))):
        assert got["Hà Nội"] == [1, (2, 3)] and got["cycle"][0] is got["cycle"]
    assert gc.isenabled()
