"""The source form: metadata from CSL-JSON, RIS and BibTeX files (fill gaps or replace, one
undoable step), the sources exported as CSL-JSON and RIS, and pasted text imported."""
from __future__ import annotations

import datetime as dt
import json

import pytest

pytest.importorskip("PySide6")
pytest.importorskip("pytestqt")

from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

from conftest import FIXTURES  # noqa: E402

pytestmark = pytest.mark.gui

RIS = """TY  - NEWS
TI  - Hafenbericht: Reederei meldet Engpässe bei Getreideexporten
AU  - Brenner, Jana
AU  - Okafor, Lukas
T2  - Küstenkurier
DA  - 2025/03/14
UR  - https://example.org/kuestenkurier/hafenbericht
LA  - de
ER  - 
"""

BIBTEX = r"""@online{hafen2025,
  title = {Getreide stapelt sich im Hafen},
  author = {M{\"u}ller, Greta},
  organization = {Nordsee-Rundschau},
  date = {2025-03-15},
  url = {https://example.org/rundschau/getreide},
  langid = {ngerman},
}
"""


def make_window(qtbot):
    from ui.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.ask_on_close = False
    w.show()
    return w


@pytest.fixture
def window(qtbot):
    w = make_window(qtbot)
    w.open_file(str(FIXTURES / "de_hafen.txt"))
    qtbot.waitUntil(lambda: w.pending_imports == 0 and bool(w.session.project.articles), timeout=20000)
    return w


def test_ris_fills_the_gaps_and_undo_takes_it_back(qtbot, window, tmp_path):
    w = window
    src = w.session.project.articles[0].source
    title_before, publisher_before = src.title, src.publisher
    ris = tmp_path / "hafen.ris"
    ris.write_text(RIS, encoding="utf-8")
    w.detail_tabs.setCurrentWidget(w.sources)
    panel = w.sources
    assert panel.ref_button.isVisible() and panel.ref_button.isEnabled()
    # through the real button and its file dialog
    panel.ref_button.click()
    assert panel.dialog is not None and panel.dialog.isVisible()
    panel.dialog.fileSelected.emit(str(ris))
    assert src.author == "Jana Brenner; Lukas Okafor"
    assert src.published == dt.date(2025, 3, 14)
    assert src.url == "https://example.org/kuestenkurier/hafenbericht"
    assert src.title == title_before  # filled gaps only: the import's title stays
    if publisher_before:
        assert src.publisher == publisher_before
    else:
        assert src.publisher == "Küstenkurier"
    assert panel.edits["author"].text() == "Jana Brenner; Lukas Okafor"  # the form shows it at once
    assert panel.edits["published"].text() == "2025-03-14"
    assert "field" in w.statusBar().currentMessage()
    assert w.isWindowModified()
    w.actions_["undo"].trigger()  # one step
    assert src.author is None and src.published is None and src.url is None
    assert panel.edits["author"].text() == ""


def test_bibtex_replaces_when_asked(qtbot, window, tmp_path):
    w = window
    src = w.session.project.articles[0].source
    bib = tmp_path / "entry.bib"
    bib.write_text(BIBTEX, encoding="utf-8")
    w.sources.replace_check.setChecked(True)
    assert w.sources.load_reference(str(bib), replace=True)
    assert src.title == "Getreide stapelt sich im Hafen"
    assert src.author == "Greta Müller"
    assert src.published == dt.date(2025, 3, 15)
    assert src.language == "de"
    assert w.sources.edits["title"].text() == "Getreide stapelt sich im Hafen"
    assert "Getreide stapelt sich im Hafen" in w.reader_title.full_text()  # the reader's heading follows
    # loading the same file again changes nothing, and says so
    assert not w.sources.load_reference(str(bib), replace=True)
    assert "nothing new" in w.statusBar().currentMessage()


def test_a_file_with_several_entries_uses_the_one_with_the_same_title(qtbot, window, tmp_path):
    w = window
    src = w.session.project.articles[0].source
    items = [{"id": "a", "type": "report", "title": "Ein ganz anderer Bericht", "publisher": "Falsch"},
             {"id": "b", "type": "article-newspaper", "title": src.title, "container-title": "Küstenkurier",
              "issued": {"date-parts": [[2025, 3, 14]]}}]
    path = tmp_path / "zotero.json"
    path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    assert w.sources.load_reference(str(path))
    assert src.published == dt.date(2025, 3, 14) and src.kind == "article-newspaper"
    assert "2 entries" in w.statusBar().currentMessage()


def test_a_broken_reference_file_shows_an_error_and_changes_nothing(qtbot, window, tmp_path):
    w = window
    before = w.session.project.articles[0].source.model_dump()
    steps = w.session.undo_stack.count()
    bad = tmp_path / "kaputt.bib"
    bad.write_text("@article{x, title = {unclosed", encoding="utf-8")
    assert not w.sources.load_reference(str(bad))
    assert w.error_box is not None and w.error_box.isVisible()
    assert "kaputt.bib" in w.error_box.text() and w.error_box.icon() == QMessageBox.Icon.Warning
    assert w.session.project.articles[0].source.model_dump() == before
    assert w.session.undo_stack.count() == steps  # no edit recorded


@pytest.mark.parametrize("suffix", ["json", "ris"])
def test_sources_export_as_csl_json_and_ris_and_read_back(qtbot, window, tmp_path, suffix):
    from briefing.bibmeta import read_metadata

    w = window
    ris = tmp_path / "hafen.ris"
    ris.write_text(RIS, encoding="utf-8")
    assert w.sources.load_reference(str(ris))
    src = w.session.project.articles[0].source
    out = tmp_path / f"quellen.{suffix}"
    w.sources.export_button.click()
    assert w.sources.dialog.isVisible()
    w.sources.dialog.close()
    assert w.sources.export_references(str(out))
    back = read_metadata(out)
    assert len(back) == 1
    for field in ("title", "author", "published", "url", "language"):
        assert getattr(back[0], field) == getattr(src, field), field
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["hafen.ris", out.name])  # nothing else written


def test_paste_imports_the_clipboard_text_as_the_core_expects(qtbot, tmp_path):
    w = make_window(qtbot)
    text = (FIXTURES / "en_grid.txt").read_text(encoding="utf-8")
    QApplication.clipboard().setText(text)
    assert w.actions_["paste"].isEnabled()
    w.actions_["paste"].trigger()
    qtbot.waitUntil(lambda: w.pending_imports == 0 and bool(w.session.project.articles), timeout=20000)
    art = w.session.project.articles[0]
    assert art.source.file_name == "clipboard"  # load_bytes(text.encode("utf-8"), "clipboard")
    assert art.text.split() == text.split()
    assert w.claims.model.rowCount() > 5
    QApplication.clipboard().setText("   ")
    w.paste_article()
    assert w.error_box is not None and "clipboard" in w.error_box.text().casefold()
