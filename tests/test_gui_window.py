"""The window opens with an imported article and its claims listed."""
from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from conftest import FIXTURES  # noqa: E402


def _window(qtbot):
    from ui.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.ask_on_close = False
    w.show()
    return w


def test_window_shows_article_and_claims(qtbot, tmp_path):
    w = _window(qtbot)
    assert w.open_file(str(FIXTURES / "de_hafen.txt"))
    qtbot.waitUntil(lambda: w.pending_imports == 0 and w.claims.model.rowCount() > 0, timeout=20000)
    assert w.reader.article_text() == w.session.project.articles[0].text
    assert w.reader.article_text().strip() == (FIXTURES / "de_hafen.txt").read_text(encoding="utf-8").strip()
    # the display separates paragraphs by an empty line, and nothing else
    assert w.reader.toPlainText().split("\n\n") == w.reader.article_text().rstrip("\n").split("\n")[:-1] + [
        w.reader.article_text().rstrip("\n").split("\n")[-1] + "\n"]
    model = w.claims.table.model()
    assert model.rowCount() > 10
    assert model.index(0, 1).data().startswith("Hafenbericht")
    assert "Hafenbericht" in w.windowTitle()
    n = len(w.session.project.claims)
    assert w.status_label.text() == f"1 source · {n} claims · 0 in the brief"  # English plurals
    w.grab().save(str(tmp_path / "shot.png"))
    assert (tmp_path / "shot.png").stat().st_size > 1000


def test_bad_file_shows_error_and_window_stays_usable(qtbot, tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    w = _window(qtbot)
    w.open_file(str(bad))
    qtbot.waitUntil(lambda: w.error_box is not None and w.error_box.isVisible(), timeout=20000)
    assert "empty" in w.statusBar().currentMessage()
    w.open_file(str(FIXTURES / "en_grid.txt"))
    qtbot.waitUntil(lambda: w.claims.model.rowCount() > 0, timeout=20000)


STARTUP_PROBE = r"""
import sys
from ui.app import start
seen = {}
app, w = start([])
# the first frame: menus, tool bar and the welcome page, before the core is imported
while not w._scheduled:
    app.processEvents()
seen["frame"] = sorted(m for m in ("pydantic", "briefing.model", "briefing.commands", "docx", "reportlab")
                       if m in sys.modules)
seen["frame_ready"] = w.ready
seen["title"] = w.windowTitle()
seen["frame_actions"] = (w.actions_["open"].isEnabled(), w.actions_["export"].isEnabled(),
                         w.actions_["undo"].isEnabled())
while not w.ready:
    app.processEvents()
seen["ready"] = sorted(m for m in ("pydantic", "briefing.model", "docx", "reportlab") if m in sys.modules)
seen["docks"] = sorted(w.docks)
seen["claims_rows"] = w.claims.model.rowCount()
w.ask_on_close = False
print(seen)
"""


def test_start_shows_the_window_before_the_core_loads(tmp_path):
    """The application's start path paints a frame with Qt alone, then builds the workspace;
    exporters (python-docx, reportlab) are not imported by the start at all."""
    import ast
    import os
    import subprocess
    import sys

    from conftest import ROOT

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BRIEFING_DATA_DIR=str(tmp_path))
    out = subprocess.run([sys.executable, "-c", STARTUP_PROBE], capture_output=True, text=True, env=env,
                         cwd=str(ROOT), timeout=120)
    seen = ast.literal_eval(out.stdout.strip().splitlines()[-1])
    assert seen["frame"] == [] and seen["frame_ready"] is False
    assert "Briefing" in seen["title"]
    assert seen["frame_actions"] == (True, False, False)  # nothing to export or undo yet
    assert seen["ready"] == ["briefing.model", "pydantic"]  # the session's project needs them; exporters not
    assert seen["docks"] == ["outline", "preview"] and seen["claims_rows"] == 0


def test_an_action_before_the_workspace_exists_builds_it_first(qtbot):
    from ui.main_window import MainWindow

    w = MainWindow(deferred=True)
    qtbot.addWidget(w)
    w.ask_on_close = False
    assert not w.ready and not hasattr(w, "session")
    w.actions_["new"].trigger()  # the user was quicker than the first paint
    assert w.ready and w.session.project.articles == []
    assert w.outline.model.rowCount() > 0  # the template's sections are there


def test_reader_separates_paragraphs_and_claims_map_exactly(qtbot):
    """Paragraphs get air between them, while every claim's highlight still covers exactly its
    text, clicking in a claim finds it, and copying gives the article's own characters."""
    from PySide6.QtGui import QGuiApplication, QTextCursor

    w = _window(qtbot)
    w.open_file(str(FIXTURES / "de_hafen.txt"))
    qtbot.waitUntil(lambda: w.pending_imports == 0 and w.claims.model.rowCount() > 0, timeout=20000)
    r = w.reader
    doc = r.document()
    art = w.session.project.articles[0]
    assert doc.blockCount() == 2 * len(art.paragraphs) - 1 + (1 if art.text.endswith("\n") else 0)
    # the gap lines are lower than text lines
    text_h = r.blockBoundingRect(doc.findBlockByNumber(0)).height()
    gap_h = r.blockBoundingRect(doc.findBlockByNumber(1)).height()
    assert 0 < gap_h < 0.7 * text_h
    for c in w.session.project.claims:
        cur = QTextCursor(doc)
        cur.setPosition(r.offsets.to_qt(c.start))
        cur.setPosition(r.offsets.to_qt(c.end), QTextCursor.MoveMode.KeepAnchor)
        assert cur.selectedText() == c.text
        assert r.claim_at(r.offsets.from_qt(r.offsets.to_qt(c.start) + 1)) is c
    # a selection across a paragraph break copies the article's text, not the display's
    last = w.session.project.claims[-1]
    first_of_next = next(c for c in w.session.project.claims if c.start >= art.paragraphs[2].start)
    start = art.paragraphs[1].end - 10
    r.select_range(start, first_of_next.start + 5)
    r.copy()
    assert QGuiApplication.clipboard().text() == art.text[start:first_of_next.start + 5]
    assert r.selection_range() == (start, first_of_next.start + 5)
    assert last.text in r.toPlainText()


def test_void_qt_calls_cannot_wear_out_none(qtbot):
    """Qt for Python 6.12 on Python < 3.12 drops a reference to None on every void call; the
    window guards against the interpreter aborting after enough of them."""
    import sys

    from PySide6.QtCore import QTimer

    w = _window(qtbot)
    assert w.ready
    timer = QTimer()
    before = sys.getrefcount(None)
    for _ in range(20000):
        timer.stop()  # a void call
    assert sys.getrefcount(None) > 100_000  # whatever the binding does, None stays alive
    assert before - sys.getrefcount(None) <= 20000


def test_process_exits_cleanly_after_copying_to_the_clipboard(tmp_path):
    """Data we put on the clipboard is released before Python shuts down (no crash at exit)."""
    import subprocess
    import sys

    from conftest import ROOT

    script = (
        "import sys; sys.path.insert(0, %r)\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from PySide6.QtCore import QMimeData\n"
        "import ui\n"
        "app = QApplication([])\n"
        "m = QMimeData(); m.setText('Laut Angaben des Verbands …')\n"
        "QApplication.clipboard().setMimeData(m)\n"
        "print(QApplication.clipboard().text())\n" % str(ROOT)
    )
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                       env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert r.returncode == 0, (r.returncode, r.stderr[-500:])
    assert "Laut Angaben" in r.stdout


def test_a_new_brief_starts_with_the_template_of_the_ui_language(qtbot):
    from ui import i18n
    from ui.session import Session

    try:
        assert i18n.install("de") == "de"
        assert Session().project.template.name == "lagebild"
        assert i18n.install("en") == "en"
        assert Session().project.template.name == "analyst-brief"
    finally:
        i18n.install("en")
