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
    assert w.reader.toPlainText() == w.session.project.articles[0].text
    assert w.reader.toPlainText().strip() == (FIXTURES / "de_hafen.txt").read_text(encoding="utf-8").strip()
    model = w.claims.table.model()
    assert model.rowCount() > 10
    assert model.index(0, 1).data().startswith("Hafenbericht")
    assert "Hafenbericht" in w.windowTitle()
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
