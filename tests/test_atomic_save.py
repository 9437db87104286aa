"""Saving survives crashes: the project file always loads, as the old or the new version."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from briefing import project as project_mod
from briefing.errors import ProjectError
from briefing.model import Article, Brief, Paragraph, Project, Source
from briefing.project import atomic_write_bytes, load_project, save_project

ROOT = Path(__file__).resolve().parent.parent

# The child saves version n, n+1, ... of the same project in a tight loop and reports
# "start n" before and "done n" after each save, so the test knows which versions can be
# on disk at the moment of the kill.
SAVER = r"""
import sys
sys.path.insert(0, sys.argv[2])
from pathlib import Path
from briefing.model import Article, Brief, Paragraph, Project, Source
from briefing.project import load_project, save_project
path = Path(sys.argv[1])
body = "Der Hafenbetreiber habe 11.000 Container umgeschlagen, heißt es. " * 20000
n = load_project(path).brief.title if path.exists() else "v0"
n = int(n[1:]) + 1
art = Article(source=Source(id="s1", title="Hafen"), text=body, paragraphs=[Paragraph(start=0, end=len(body))])
out = sys.stdout
out.write("ready\n"); out.flush()
while True:
    p = Project(articles=[art], brief=Brief(title=f"v{n}"))
    out.write(f"start {n}\n"); out.flush()
    save_project(p, path)
    out.write(f"done {n}\n"); out.flush()
    n += 1
"""

KILLS = 32
BODY_LEN = len("Der Hafenbetreiber habe 11.000 Container umgeschlagen, heißt es. ") * 20000


def _version(path: Path) -> int:
    p = load_project(path)  # raises if the file is torn
    assert len(p.articles[0].text) == BODY_LEN
    return int(p.brief.title[1:])


def _project(title: str, text: str = "Ein Satz. Noch ein Satz.") -> Project:
    return Project(
        articles=[Article(source=Source(id="s1", title="T"), text=text, paragraphs=[Paragraph(start=0, end=len(text))])],
        brief=Brief(title=title),
    )


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_killing_a_saving_process_never_leaves_a_torn_file(tmp_path):
    path = tmp_path / "brief.brief"
    rng = random.Random(8)
    kills = 0
    mid_save_kills = 0
    last_seen = 0
    for _ in range(KILLS):
        proc = subprocess.Popen(
            [sys.executable, "-c", SAVER, str(path), str(ROOT)], stdout=subprocess.PIPE, text=True
        )
        assert proc.stdout.readline().strip() == "ready"
        # wait until at least one save has started, then kill at a random moment
        first = proc.stdout.readline()
        assert first.startswith("start")
        time.sleep(rng.uniform(0.0, 0.12))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        kills += 1
        lines = [first.strip()] + proc.stdout.read().split("\n")
        proc.stdout.close()
        started = [int(x.split()[1]) for x in lines if x.startswith("start")]
        done = [int(x.split()[1]) for x in lines if x.startswith("done")]
        in_flight = started[-1]
        if not done or done[-1] != in_flight:
            mid_save_kills += 1
        if not path.exists():  # the very first save was killed: there is no old version yet
            assert last_seen == 0 and not done and in_flight == 1
            continue
        version = _version(path)
        # the file holds the save in flight (if its rename happened) or the one before it
        assert version in (in_flight, in_flight - 1), (version, in_flight)
        assert version >= last_seen
        last_seen = version
        backup = path.with_name(path.name + "~")
        if version > 1:
            assert _version(backup) in (version - 1, version - 2, version)
    assert kills == KILLS
    # the test is only meaningful if many kills hit a save in progress
    assert mid_save_kills >= KILLS // 2, mid_save_kills


def test_the_file_and_its_backup_exist_and_load_at_every_moment(tmp_path):
    path = tmp_path / "p.brief"
    backup = path.with_name("p.brief~")
    text = "Laut Angaben des Betreibers seien 20.000 Container verladen worden. " * 3000
    save_project(_project("v0", text), path)
    save_project(_project("v1", text), path)
    stop = threading.Event()
    problems: list[str] = []
    reads = [0]

    def reader():
        while not stop.is_set():
            for f in (path, backup):
                try:
                    t = load_project(f).brief.title
                    assert t.startswith("v")
                    reads[0] += 1
                except (ProjectError, AssertionError) as exc:  # pragma: no cover - the failure case
                    problems.append(f"{f.name}: {exc}")

    t = threading.Thread(target=reader)
    t.start()
    try:
        for i in range(2, 60):
            save_project(_project(f"v{i}", text), path)
    finally:
        stop.set()
        t.join()
    assert problems == []
    assert reads[0] > 20
    assert load_project(path).brief.title == "v59"
    assert load_project(backup).brief.title == "v58"
    assert [f.name for f in tmp_path.iterdir() if f.name.endswith(".tmp")] == []


def test_backup_works_without_hard_links(tmp_path, monkeypatch):
    """Windows without privileges, FAT and some shares have no os.link: a copy is made."""

    def no_link(*a, **k):
        raise OSError("hard links not supported")

    monkeypatch.setattr(project_mod.os, "link", no_link)
    path = tmp_path / "p.brief"
    save_project(_project("first"), path)
    assert not path.with_name("p.brief~").exists()
    save_project(_project("second"), path)
    save_project(_project("third"), path)
    assert load_project(path).brief.title == "third"
    assert load_project(path.with_name("p.brief~")).brief.title == "second"
    assert sorted(f.name for f in tmp_path.iterdir()) == ["p.brief", "p.brief~"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "p.brief"
    save_project(_project("old"), path)

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(project_mod.os, "fsync", broken_fsync)
    with pytest.raises(ProjectError, match="No space left on device") as info:
        save_project(_project("new"), path)
    assert str(path) in str(info.value)
    monkeypatch.undo()
    assert load_project(path).brief.title == "old"
    assert sorted(f.name for f in tmp_path.iterdir()) == ["p.brief"]


def test_saving_into_a_missing_folder_is_a_one_line_error(tmp_path):
    with pytest.raises(ProjectError, match="cannot write file"):
        save_project(_project("x"), tmp_path / "nope" / "p.brief")


def test_a_damaged_project_names_the_backup(tmp_path):
    path = tmp_path / "p.brief"
    save_project(_project("a"), path)
    save_project(_project("b"), path)
    path.write_bytes(path.read_bytes()[:100])
    with pytest.raises(ProjectError, match=r"previous version is kept in p\.brief~"):
        load_project(path)
    assert load_project(path.with_name("p.brief~")).brief.title == "a"


def test_templates_are_written_atomically_too(tmp_path):
    """Templates go through the same atomic writer (the template library reuses it)."""
    import json

    from briefing import templates as tl

    path = tmp_path / "t.json"
    atomic_write_bytes(path, b'{"name": "old"}', backup=True)
    atomic_write_bytes(path, b'{"name": "new"}', backup=True)
    assert json.loads(path.read_text())["name"] == "new"
    assert json.loads(path.with_name("t.json~").read_text())["name"] == "old"
    src = Path(tl.__file__).read_text(encoding="utf-8")
    if "write_bytes(" in src or "write_text(" in src or "open(" in src.replace("_open(", ""):
        assert "atomic_write_bytes" in src, "templates.py writes files without atomic_write_bytes"
