"""The real window, driven like a user: import, filter, tick, drag into a section, paraphrase,
undo/redo, export DOCX and PDF; dropping a file; a hostile file; autosave recovery; German."""
from __future__ import annotations

import pytest

pytest.importorskip("PySide6")
pytest.importorskip("pytestqt")

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl  # noqa: E402
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

from conftest import FIXTURES  # noqa: E402
from ui.claims_model import CLAIM_ID_ROLE  # noqa: E402

pytestmark = pytest.mark.gui


def make_window(qtbot, *, language="en", recovery=False):
    from ui import i18n
    from ui.main_window import MainWindow
    from ui.settings import Settings

    settings = Settings()
    settings.language = language
    i18n.install(i18n.resolve(language))
    w = MainWindow(settings, offer_recovery=recovery)
    qtbot.addWidget(w)
    w.ask_on_close = False
    w.show()
    return w


@pytest.fixture
def window(qtbot):
    w = make_window(qtbot)
    yield w
    from ui import i18n

    i18n.install("en")


def import_file(qtbot, w, path):
    before = len(w.session.project.articles)
    w.open_file(str(path))
    qtbot.waitUntil(lambda: w.pending_imports == 0, timeout=20000)
    assert len(w.session.project.articles) == before + 1
    return w.session.project.articles[-1]


def drop(widget, pos: QPoint, mime: QMimeData, action=Qt.DropAction.CopyAction):
    """Deliver a drag enter, move and drop at ``pos`` as Qt would during a real drag."""
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier

    def make(cls):
        # Qt for Python versions differ in whether these events take QPoint or QPointF
        for p in (QPointF(pos), pos):
            try:
                return cls(p, action, mime, buttons, mods)
            except TypeError:
                continue
        raise TypeError(f"cannot construct {cls.__name__}")

    enter = make(QDragEnterEvent)
    QApplication.sendEvent(widget, enter)
    move = make(QDragMoveEvent)
    QApplication.sendEvent(widget, move)
    ev = make(QDropEvent)
    QApplication.sendEvent(widget, ev)
    return enter.isAccepted(), ev.isAccepted()


def section_ids(w, sid):
    sec = next(s for s in w.session.project.brief.sections if s.id == sid)
    return [getattr(i, "claim_id", None) for i in sec.items]


def test_whole_workflow_from_import_to_docx_and_pdf(qtbot, window, tmp_path):
    w = window
    assert w.stack.currentWidget() is w.welcome  # first start: tells the user what to do
    art = import_file(qtbot, w, FIXTURES / "de_hafen.txt")
    assert w.stack.currentWidget() is w.split
    assert w.reader.article_text() == art.text
    table, proxy = w.claims.table, w.claims.proxy
    total = proxy.rowCount()
    assert total > 10 and "Hafenbericht" in w.windowTitle()

    # filter by typing, as a user does after Ctrl+F
    w.actions_["filter"].trigger()
    qtbot.keyClicks(w.claims.filter_edit, "Angaben")
    qtbot.waitUntil(lambda: proxy.rowCount() < total)
    shown = [proxy.index(r, 1).data() for r in range(proxy.rowCount())]
    assert shown and all("angaben" in s.casefold() for s in shown)

    # tick the first shown claim with the keyboard (Space), the second with its checkbox
    table.setFocus()
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_Space)
    first_id = proxy.index(0, 0).data(CLAIM_ID_ROLE)
    assert proxy.index(0, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert proxy.setData(proxy.index(1, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    ticked = [c.id for c in w.session.project.claims if c.included]
    assert len(ticked) == 2 and first_id in ticked
    assert section_ids(w, "key-points") == ticked  # ticked claims land in the first claims section
    assert w.isWindowModified()

    # drag two claims from the table into "Background" with the table's own mime data
    w.claims.clear_filters()
    rows = [proxy.index(r, 1) for r in (3, 4)]
    dragged = [i.data(CLAIM_ID_ROLE) for i in rows]
    mime = proxy.mimeData(rows)
    outline = w.outline.view
    bg = w.outline.model.index_of(("section", "background"))
    outline.scrollTo(bg)
    pos = outline.visualRect(bg).center()
    accepted, dropped = drop(outline.viewport(), pos, mime)
    assert accepted and dropped
    assert section_ids(w, "background") == dragged
    assert all(w.session.project.claim_by_id()[c].included for c in dragged)

    # edit a paraphrase in the inspector: the verbatim quote stays visible and unchanged
    w.select_claim(dragged[0])
    claim = w.session.project.claim_by_id()[dragged[0]]
    quote = claim.text
    assert quote in w.inspector.quote.text()
    w.inspector.paraphrase.setFocus()
    qtbot.keyClicks(w.inspector.paraphrase, "Kurzfassung der Hafenlage")
    qtbot.waitUntil(lambda: claim.paraphrase == "Kurzfassung der Hafenlage", timeout=3000)
    assert claim.text == quote
    # (the brief may lower-case the paraphrase's first letter after its attribution: "According to …, k…")
    qtbot.waitUntil(lambda: "kurzfassung der hafenlage" in w.preview.toPlainText().casefold(), timeout=5000)

    # undo and redo (the whole typing is one step)
    assert w.session.undo_stack.undoText().lower().startswith("edit paraphrase")
    w.actions_["undo"].trigger()
    assert claim.paraphrase is None
    assert w.inspector.paraphrase.toPlainText() == ""
    w.actions_["undo"].trigger()
    assert section_ids(w, "background") == []
    w.actions_["redo"].trigger()
    w.actions_["redo"].trigger()
    assert section_ids(w, "background") == dragged and claim.paraphrase == "Kurzfassung der Hafenlage"

    # export DOCX and PDF through the dialog, off the UI thread
    for suffix in ("docx", "pdf"):
        dlg = w.export_dialog()
        target = tmp_path / f"brief.{suffix}"
        dlg.set_target(str(target))
        with qtbot.waitSignal(dlg.exported, timeout=60000):
            dlg.export_button.click()
        assert dlg.result_box is not None and dlg.result_box.isVisible()
        dlg.result_box.close()
        assert target.is_file()
    import docx

    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "brief.docx")).paragraphs)
    assert "kurzfassung der hafenlage" in text.casefold() and "Background" in text
    from pypdf import PdfReader

    pdf = "\n".join(p.extract_text() for p in PdfReader(str(tmp_path / "brief.pdf")).pages)
    assert "kurzfassung der hafenlage" in pdf.casefold()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.docx", "brief.pdf"]  # no temp files left

    # save: the title no longer shows unsaved changes; the project reloads identically
    assert w.save_to(str(tmp_path / "lage.brief"))
    assert not w.isWindowModified() and "lage.brief" in w.windowTitle()
    from briefing.project import load_project

    assert load_project(tmp_path / "lage.brief").model_dump() == w.session.project.model_dump()


def test_outline_reorders_by_keyboard_and_own_text(qtbot, window):
    w = window
    import_file(qtbot, w, FIXTURES / "en_grid.txt")
    ids = [c.id for c in w.session.project.claims[:3]]
    w.set_included(ids, True)
    w.outline.select(("claim", "key-points", 2))
    w.outline.view.setFocus()
    assert w.outline.move_current(-1)
    assert section_ids(w, "key-points") == [ids[0], ids[2], ids[1]]
    w.outline.select(("section", "assessment"))
    assert w.outline.add_text("The operator is likely to ration exports.")
    sec = next(s for s in w.session.project.brief.sections if s.id == "assessment")
    assert sec.items[0].text == "The operator is likely to ration exports."
    assert "Your judgment" in w.outline.guidance.text()
    w.actions_["undo"].trigger()
    assert sec.items == [] or next(s for s in w.session.project.brief.sections if s.id == "assessment").items == []


def test_make_split_and_merge_claims_from_the_reader(qtbot, window):
    w = window
    art = import_file(qtbot, w, FIXTURES / "de_hafen.txt")
    n = len(w.session.project.claims)
    start = art.text.index("mehr als 11.000 Lkw")
    w.reader.select_range(start, start + len("mehr als 11.000 Lkw"))
    assert w.reader.request_make_claim()
    made = [c for c in w.session.project.claims if c.manual]
    assert len(made) == 1 and made[0].text == "mehr als 11.000 Lkw"
    assert w.inspector.claim is made[0]
    w.actions_["undo"].trigger()
    assert len(w.session.project.claims) == n
    target = next(c for c in w.session.project.claims if c.text.startswith("Laut Angaben"))
    cut = target.start + target.text.index(" wurden")
    w.reader.select_range(cut, cut)
    messages = []
    w.session.failed.connect(messages.append)
    assert w.reader.request_split()
    assert messages == []
    assert len(w.session.project.claims) == n + 1
    new = w.session.project.claims[w.session.project.claims.index(target) + 1]
    assert w.merge_claims([target.id, new.id])
    assert len(w.session.project.claims) == n


def test_dropping_a_file_on_the_window_imports_it(qtbot, window):
    w = window
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(FIXTURES / "en_grid.txt"))])
    accepted, dropped = drop(w, QPoint(200, 200), mime)
    assert accepted and dropped
    qtbot.waitUntil(lambda: len(w.session.project.articles) == 1 and w.pending_imports == 0, timeout=20000)
    assert w.claims.model.rowCount() > 5


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02\xff" * 5000], ids=["empty", "binary"])
def test_hostile_file_shows_an_error_and_the_window_stays_usable(qtbot, window, tmp_path, content):
    w = window
    bad = tmp_path / "hostile.txt"
    bad.write_bytes(content)
    w.open_file(str(bad))
    qtbot.waitUntil(lambda: w.error_box is not None and w.error_box.isVisible(), timeout=20000)
    assert "hostile.txt" in w.error_box.text()
    assert w.error_box.icon() == QMessageBox.Icon.Warning
    w.error_box.close()
    assert w.session.project.articles == [] and not w.isWindowModified()
    import_file(qtbot, w, FIXTURES / "en_grid.txt")  # still works


def test_autosave_and_recovery_after_a_crash(qtbot, tmp_path):
    from briefing import autosave

    w = make_window(qtbot)
    import_file(qtbot, w, FIXTURES / "de_hafen.txt")
    cid = w.session.project.claims[2].id
    w.set_included([cid], True)
    w.autosave.timer.setInterval(50)
    w.set_included([w.session.project.claims[3].id], True)  # an edit restarts the idle timer
    qtbot.waitUntil(lambda: any(e.session_id == w.autosave.session_id for e in autosave.list_recoverable()),
                    timeout=5000)
    # a crash: the window goes away without saving or cleaning up
    w.autosave.timer.stop()
    w.session.undo_stack.blockSignals(True)

    w2 = make_window(qtbot, recovery=True)
    qtbot.waitUntil(lambda: w2.autosave.box is not None and w2.autosave.box.isVisible(), timeout=5000)
    assert "Hafenbericht" in w2.autosave.box.text()
    restore = next(b for b in w2.autosave.box.buttons() if b.text() == "Restore")
    restore.click()
    assert [c.id for c in w2.session.project.claims if c.included][:1] == [cid]
    assert w2.isWindowModified() and w2.claims.model.rowCount() > 10
    assert w2.stack.currentWidget() is w2.split
    w.close()


def test_german_interface_and_language_switch(qtbot, window):
    w = window
    assert w.actions_["open"].text() == "&Open…"
    assert w.set_language("de") == "de"
    assert w.actions_["open"].text() == "Ö&ffnen…"
    assert w.claims.filter_edit.placeholderText() == "Aussagen filtern (Strg+F)"
    assert w.claims.model.headerData(1, Qt.Orientation.Horizontal) == "Aussage"
    assert w.set_language("en") == "en"
    assert w.actions_["export"].text() == "&Export…"


def test_layout_and_recent_files_are_remembered(qtbot, tmp_path):
    w = make_window(qtbot)
    w.resize(w.width(), 530)
    w.preview_dock.hide()
    w.save_to(str(tmp_path / "a.brief"))
    w.close()
    w2 = make_window(qtbot)
    assert w2.size().height() == 530
    assert w2.preview_dock.isHidden()
    assert w2.settings.recent_files()[0].endswith("a.brief")
    assert w2.open_file(w2.settings.recent_files()[0])
