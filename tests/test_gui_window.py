"""The window opens with an imported article and its claims listed."""
from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from conftest import FIXTURES  # noqa: E402


def test_window_shows_article_and_claims(qtbot, tmp_path):
    from ui.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    assert w.open_file(str(FIXTURES / "de_hafen.txt"))
    assert w.reader.toPlainText() == (FIXTURES / "de_hafen.txt").read_text(encoding="utf-8")
    model = w.table.model()
    assert model.rowCount() > 10
    first = model.index(0, 1).data()
    assert first.startswith("Hafenbericht")
    assert "Hafenbericht" in w.windowTitle()
    w.grab().save(str(tmp_path / "shot.png"))
    assert (tmp_path / "shot.png").stat().st_size > 1000


def test_bad_file_shows_error_and_window_stays_usable(qtbot, tmp_path):
    from ui.main_window import MainWindow

    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    assert not w.open_file(str(bad))
    assert "empty" in w.statusBar().currentMessage()
    assert w.open_file(str(FIXTURES / "en_grid.txt"))
