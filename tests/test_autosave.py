"""Autosave and recovery: after a kill at most a few seconds of edits are lost."""
from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefing import autosave
from briefing.autosave import (
    Autosaver,
    RecoveryEntry,
    autosave_dir,
    discard_autosave,
    list_recoverable,
    load_autosave,
    new_session_id,
    write_autosave,
)
from briefing.errors import ProjectError
from briefing.model import Article, Brief, Claim, Paragraph, Project, Source

ROOT = Path(__file__).resolve().parent.parent

# An "editor" that changes the project every few milliseconds, tells the autosaver after
# every edit, and reports each edit with its wall-clock time. With IDLE set it stops
# editing after that many edits and just keeps running (the background poll must then
# write the last edits).
EDITOR = r"""
import os, sys, time
sys.path.insert(0, sys.argv[1])
from briefing.autosave import Autosaver
from briefing.model import Article, Brief, Claim, Paragraph, Project, Source
session, interval, idle_after = sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
text = "Laut Angaben des Betreibers seien 20.000 Container verladen worden. " * 500
p = Project(articles=[Article(source=Source(id="s1", title="Hafen"), text=text,
                              paragraphs=[Paragraph(start=0, end=len(text))])],
            brief=Brief(title="edit 0"))
saver = Autosaver(session, interval).start()
out = sys.stdout
n = 0
while True:
    if idle_after and n >= idle_after:
        time.sleep(0.05)
        continue
    n += 1
    with saver.lock:
        p.claims.append(Claim(id=f"c{n}", source_id="s1", start=0, end=5, text=text[:5]))
        p.brief.title = f"edit {n}"
    saver.touch(p)
    out.write(f"{n} {time.time():.6f}\n"); out.flush()
    time.sleep(0.004)
"""


def _project(title: str = "Lagebild Hafen") -> Project:
    text = "Der Betreiber habe 11.000 Container umgeschlagen, heißt es im Bericht."
    return Project(
        articles=[Article(source=Source(id="s1", title="Hafen"), text=text,
                          paragraphs=[Paragraph(start=0, end=len(text))])],
        brief=Brief(title=title),
    )


def _run_editor(session: str, interval: float, seconds: float, idle_after: int = 0) -> dict[int, float]:
    env = dict(os.environ)
    proc = subprocess.Popen(
        [sys.executable, "-c", EDITOR, str(ROOT), session, str(interval), str(idle_after)],
        stdout=subprocess.PIPE, text=True, env=env,
    )
    time.sleep(seconds)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    edits = {}
    for line in proc.stdout.read().split("\n"):
        if line.strip():
            n, t = line.split()
            edits[int(n)] = float(t)
    proc.stdout.close()
    return edits


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
@pytest.mark.parametrize("run", range(3))
def test_after_a_kill_recovery_loses_at_most_a_few_seconds(run):
    interval = 1.0
    session = f"kill-{run}"
    edits = _run_editor(session, interval, seconds=1.6 + 0.7 * run)
    assert len(edits) > 50, "the editor made too few edits to measure anything"
    entries = [e for e in list_recoverable() if e.session_id == session]
    assert len(entries) == 1
    project = load_autosave(entries[0].path)
    recovered = int(project.brief.title.split()[1])
    assert len(project.claims) == recovered  # the snapshot is consistent, not half an edit
    last = max(edits)
    lost_seconds = edits[last] - edits[recovered]
    assert lost_seconds <= 2 * interval, f"{last - recovered} edits, {lost_seconds:.2f} s of work lost"
    assert entries[0].title == project.brief.title


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_edits_followed_by_a_pause_are_all_recovered():
    """The last edits before the user pauses are written by the timer, not lost."""
    edits = _run_editor("idle", 0.5, seconds=2.0, idle_after=40)
    assert max(edits) == 40
    (entry,) = [e for e in list_recoverable() if e.session_id == "idle"]
    project = load_autosave(entry.path)
    assert project.brief.title == "edit 40"
    assert len(project.claims) == 40


def test_autosave_dir_follows_the_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(tmp_path / "data"))
    assert autosave_dir() == tmp_path / "data" / "autosave"
    path = write_autosave(_project(), "s1")
    assert path.parent == tmp_path / "data" / "autosave"
    assert path.exists()


def test_write_list_load_discard_round_trip():
    p = _project("Morgenlage 25. November")
    p.claims.append(Claim(id="c1", source_id="s1", start=0, end=12, text=p.articles[0].text[:12],
                          stance="reported", included=True, tags=["Hafen"], note="prüfen"))
    path = write_autosave(p, "sess-a", origin="/home/analyst/lage.brief")
    entries = list_recoverable()
    assert [e.session_id for e in entries] == ["sess-a"]
    e = entries[0]
    assert isinstance(e, RecoveryEntry)
    assert e.path == path and e.title == "Morgenlage 25. November"
    assert e.origin == Path("/home/analyst/lage.brief")
    assert e.modified.tzinfo is not None
    assert abs((dt.datetime.now(dt.timezone.utc) - e.modified).total_seconds()) < 60
    assert load_autosave(path) == p
    discard_autosave("sess-a")
    assert list_recoverable() == []
    assert not path.exists()
    discard_autosave("sess-a")  # no error when there is nothing to discard


def test_entries_are_newest_first_and_damaged_files_are_skipped():
    write_autosave(_project("old"), "a-old")
    time.sleep(0.02)
    write_autosave(_project("new"), "b-new")
    folder = autosave_dir()
    (folder / "torn.autosave").write_bytes(b'{"app": "briefing-autosave", "project": {"sche')
    (folder / "other.autosave").write_text(json.dumps({"app": "something else"}))
    bad_project = json.loads((folder / "a-old.autosave").read_text())
    bad_project["project"]["claims"] = [{"id": 5}]
    (folder / "invalid.autosave").write_text(json.dumps(bad_project))
    (folder / "notes.txt").write_text("not an autosave")
    titles = [(e.session_id, e.title) for e in list_recoverable()]
    assert titles == [("b-new", "new"), ("a-old", "old")]
    with pytest.raises(ProjectError):
        load_autosave(folder / "torn.autosave")
    with pytest.raises(ProjectError):
        load_autosave(folder / "invalid.autosave")


def test_session_ids_cannot_escape_the_autosave_folder():
    for bad in ("../x", "a/b", "", "..", "a\\b", "x" * 200):
        with pytest.raises(ValueError):
            write_autosave(_project(), bad)
        with pytest.raises(ValueError):
            discard_autosave(bad)
    assert len({new_session_id() for _ in range(50)}) == 50


def test_autosaver_writes_at_most_every_interval():
    now = [100.0]
    saver = Autosaver("throttle", 3.0, clock=lambda: now[0])
    p = _project("edit 1")
    assert saver.touch(p) is not None  # the first edit is written at once
    for i in range(2, 30):
        now[0] += 0.1
        p.brief.title = f"edit {i}"
        assert saver.touch(p) is None
    assert saver.writes == 1 and saver.pending
    assert load_autosave(saver.path).brief.title == "edit 1"
    assert saver.poll() is None  # not due yet (2.8 s)
    now[0] += 0.3
    assert saver.poll() is not None
    assert load_autosave(saver.path).brief.title == "edit 29"
    assert saver.writes == 2 and not saver.pending
    p.brief.title = "edit 30"
    saver.touch(p)
    assert saver.writes == 2
    saver.flush()
    assert saver.writes == 3 and load_autosave(saver.path).brief.title == "edit 30"
    saver.discard()
    assert not saver.path.exists()


def test_autosaver_survives_a_failing_disk(monkeypatch):
    saver = Autosaver("disk", 0.0)

    def full(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(autosave, "atomic_write_bytes", full)
    assert saver.touch(_project("a")) is None
    assert isinstance(saver.last_error, OSError) and saver.pending
    monkeypatch.undo()
    assert saver.flush() is not None
    assert saver.last_error is None and load_autosave(saver.path).brief.title == "a"


def test_stale_temporary_files_are_cleaned():
    write_autosave(_project(), "s")
    stale = autosave_dir() / ".s.autosave.abc.tmp"
    stale.write_bytes(b"half")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    fresh = autosave_dir() / ".s.autosave.def.tmp"
    fresh.write_bytes(b"being written")
    assert [e.session_id for e in list_recoverable()] == ["s"]
    assert not stale.exists() and fresh.exists()
