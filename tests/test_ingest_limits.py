"""The guard that runs risky parsers: memory, time and crashes become one-line import errors."""
from __future__ import annotations

import sys
import time

import pytest

from briefing.errors import ImportFailed, LimitExceeded
from briefing.ingest import limits
from test_ingest_support import die_hard, hog_memory, sleep_for


@pytest.fixture(params=["fork", "forkserver"], autouse=True)
def start(request, monkeypatch):
    """Every guard test runs with children forked directly (command line) and from the fork server (GUI)."""
    monkeypatch.setattr(limits, "FORK_WHEN_SINGLE_THREADED", request.param == "fork")
    if request.param == "fork" and limits.start_method() != "fork":
        pytest.skip("this process has other threads (or is not on Linux): children come from the fork server")
    if request.param == "forkserver":
        assert limits.start_method() in ("forkserver", "spawn")
    return request.param


def test_result_comes_back_from_the_child():
    assert limits.run_guarded(hog_memory, 1000, name="klein") == 1000


def test_fork_is_used_only_while_the_process_has_a_single_thread(start):
    import threading

    if start != "fork":
        pytest.skip("about direct forking")
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        assert limits.start_method() == "forkserver"  # forking a threaded process (a Qt GUI) is unsafe
        assert limits.run_guarded(hog_memory, 10, name="klein") == 10
    finally:
        stop.set()
        worker.join()
    deadline = time.monotonic() + 5
    while limits._os_threads() != 1 and time.monotonic() < deadline:  # the OS thread ends just after join()
        time.sleep(0.01)
    assert limits.start_method() == "fork"


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


def test_prestart_starts_the_fork_server_that_later_imports_use(start):
    import os
    from multiprocessing import forkserver

    if start != "forkserver":
        pytest.skip("about the fork server")
    limits.prestart()
    pid = forkserver._forkserver._forkserver_pid
    assert pid is not None
    os.kill(pid, 0)  # running
    limits.prestart()  # idempotent
    assert forkserver._forkserver._forkserver_pid == pid
    assert limits.run_guarded(hog_memory, 10, name="klein") == 10
    assert forkserver._forkserver._forkserver_pid == pid
