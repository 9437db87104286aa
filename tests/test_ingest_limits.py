"""The guard that runs risky parsers: memory, time and crashes become one-line import errors."""
from __future__ import annotations

import sys
import time

import pytest

from briefing.errors import ImportFailed, LimitExceeded
from briefing.ingest import limits
from test_ingest_support import die_hard, hog_memory, sleep_for


def test_result_comes_back_from_the_child():
    assert limits.run_guarded(hog_memory, 1000, name="klein") == 1000


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="address-space limit is enforced on Linux")
def test_memory_limit_stops_a_parser():
    with pytest.raises(LimitExceeded, match="memory"):
        limits.run_guarded(hog_memory, 300 * limits.MB, name="gierig.pdf", memory=100 * limits.MB)


def test_time_limit_kills_a_parser():
    t = time.monotonic()
    with pytest.raises(LimitExceeded) as exc:
        limits.run_guarded(sleep_for, 30, name="langsam.pdf", timeout=0.5)
    assert str(exc.value) == "langsam.pdf: reading the file took longer than the time limit of 0.5 s"
    assert time.monotonic() - t < 5


def test_a_crashing_parser_is_a_clean_error():
    with pytest.raises(ImportFailed, match="parser stopped") as exc:
        limits.run_guarded(die_hard, name="absturz.docx")
    assert str(exc.value).startswith("absturz.docx: ")
