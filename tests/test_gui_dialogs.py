"""Dialogs driven like a user: the template manager (pick, preview, use, save the brief as a
template, rename, export, delete, import, a bad file), the settings dialog (language and
autosave, OK and Cancel), cancelling an export, and the keyboard's tab order."""
from __future__ import annotations

import pytest

pytest.importorskip("PySide6")
pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog  # noqa: E402

from conftest import FIXTURES  # noqa: E402

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot):
    from ui import i18n
    from ui.main_window import MainWindow
    from ui.settings import Settings

    settings = Settings()
    settings.language = "en"
    i18n.install("en")
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.ask_on_close = False
    w.show()
    w.open_file(str(FIXTURES / "en_grid.txt"))
    qtbot.waitUntil(lambda: w.pending_imports == 0 and bool(w.session.project.articles), timeout=20000)
    yield w
    i18n.install("en")


def names(dlg) -> list[str]:
    return dlg.names.stringList()


def test_template_manager_round_trip(qtbot, window, tmp_path):
    w = window
    w.actions_["templates"].trigger()
    dlg = w.dialog
    assert dlg.isVisible() and dlg.windowTitle() == "Templates"
    builtin = names(dlg)
    current = w.session.project.template.name
    assert current in builtin and dlg.current().name == current
    html = dlg.preview.toPlainText()
    assert all(s.title in html for s in w.session.project.template.sections)  # sections and guidance
    assert not dlg.buttons["rename"].isEnabled() and not dlg.buttons["delete"].isEnabled()  # built-in

    # save the brief as a template, through the name prompt
    dlg.buttons["save"].click()
    prompt = dlg._box
    assert prompt.isVisible()
    prompt.setTextValue("Morgenlage Hafen")
    prompt.accept()
    assert "Morgenlage Hafen" in names(dlg) and dlg.current().name == "Morgenlage Hafen"
    assert dlg.buttons["rename"].isEnabled() and dlg.buttons["delete"].isEnabled()

    # rename it
    dlg.buttons["rename"].click()
    dlg._box.setTextValue("Morgenlage Häfen")
    dlg._box.accept()
    assert "Morgenlage Häfen" in names(dlg) and "Morgenlage Hafen" not in names(dlg)

    # export it, delete it, import it again
    out = tmp_path / "morgenlage.json"
    dlg.buttons["export"].click()
    assert dlg._box.isVisible()
    dlg._box.fileSelected.emit(str(out))
    assert out.is_file() and "Morgenlage Häfen" in out.read_text(encoding="utf-8")
    dlg.buttons["delete"].click()
    assert names(dlg) == builtin
    dlg.buttons["import"].click()
    dlg._box.fileSelected.emit(str(out))
    assert "Morgenlage Häfen" in names(dlg) and dlg.current().name == "Morgenlage Häfen"

    # use a built-in one for the brief: one undoable step
    other = next(n for n in builtin if n != current)
    dlg.list.setCurrentIndex(dlg.names.index(builtin.index(other)))
    assert other in dlg.preview.toPlainText()
    dlg.buttons["use"].click()
    assert w.session.project.template.name == other
    assert [s.id for s in w.session.project.brief.sections] == [s.id for s in w.session.project.template.sections]
    w.actions_["undo"].trigger()
    assert w.session.project.template.name == current


def test_template_manager_refuses_a_bad_file_and_keeps_the_library(qtbot, window, tmp_path):
    w = window
    dlg = w.templates_dialog()
    before = names(dlg)
    bad = tmp_path / "kaputt.json"
    bad.write_text('{"name": "x", "sections": "not a list"', encoding="utf-8")
    assert dlg.import_file(str(bad)) is None
    assert dlg._box.isVisible() and dlg._box.icon() == QMessageBox.Icon.Warning
    assert "kaputt.json" in dlg._box.text()
    assert names(dlg) == before
    dlg._box.close()
    dlg.close()


def test_settings_dialog_ok_applies_and_cancel_does_not(qtbot, window):
    w = window
    w.actions_["settings"].trigger()
    dlg = w.dialog
    assert dlg.isVisible()
    assert dlg.language.currentData() == "en" and dlg.autosave.value() == w.settings.autosave_seconds
    dlg.language.setCurrentIndex(dlg.language.findData("de"))
    dlg.autosave.setValue(7)
    dlg.reject()  # Cancel: nothing changes
    assert w.settings.language == "en" and w.actions_["open"].text() == "&Open…"
    assert w.autosave.timer.interval() != 7000

    w.actions_["settings"].trigger()
    dlg = w.dialog
    dlg.language.setCurrentIndex(dlg.language.findData("de"))
    dlg.autosave.setValue(7)
    ok = next(b for b in dlg.findChildren(type(w.welcome.open_button)) if b.text() in ("OK", "&OK"))
    ok.click()
    assert w.settings.language == "de" and w.settings.autosave_seconds == 7
    assert w.autosave.timer.interval() == 7000
    assert w.actions_["open"].text() == "Ö&ffnen…"  # the window speaks German at once
    assert w.claims.model.headerData(1, Qt.Orientation.Horizontal) == "Aussage"
    # and the next start remembers it
    from ui.settings import Settings

    assert Settings().language == "de" and Settings().autosave_seconds == 7


def test_cancelled_export_leaves_no_file_and_the_dialog_usable(qtbot, window, tmp_path):
    w = window
    w.set_included([c.id for c in w.session.project.claims[:4]], True)
    dlg = w.export_dialog()
    target = tmp_path / "brief.pdf"
    dlg.set_target(str(target))
    failures = []
    dlg.failed.connect(failures.append)
    dlg.start_export()
    assert not dlg.export_button.isEnabled()  # running
    task = dlg.task
    dlg.cancel_export()
    qtbot.waitUntil(lambda: dlg.task is None, timeout=60000)
    assert task.is_cancelled
    assert not target.exists() and list(tmp_path.iterdir()) == []  # nothing half-written
    assert failures == [] and (dlg.result_box is None or not dlg.result_box.isVisible())  # no error for a cancel
    assert dlg.isVisible() and dlg.export_button.isEnabled()
    # the same dialog then exports for real
    with qtbot.waitSignal(dlg.exported, timeout=60000):
        dlg.export_button.click()
    assert target.is_file() and target.read_bytes()[:5] == b"%PDF-"


def test_the_progress_dialog_cancels_a_long_export(qtbot, window, tmp_path, monkeypatch):
    """A long export shows a progress dialog after a short delay; its Cancel stops the work."""
    import time

    from ui import export_dialog, workers

    def slow_export(project, template, path, progress=None, cancelled=None):
        end = time.monotonic() + 15
        i = 0
        while time.monotonic() < end:  # a long export that reports progress, as the real one does
            progress(i % 10, 10)
            i += 1
            time.sleep(0.005)
        raise AssertionError("not cancelled")

    monkeypatch.setattr(workers, "PROGRESS_DELAY_MS", 50)
    monkeypatch.setattr(export_dialog, "export_project", slow_export)
    w = window
    dlg = w.export_dialog()
    dlg.set_target(str(tmp_path / "brief.docx"))
    dlg.export_button.click()
    qtbot.waitUntil(lambda: any(p.isVisible() for p in dlg.findChildren(QProgressDialog)), timeout=5000)
    progress = next(p for p in dlg.findChildren(QProgressDialog) if p.isVisible())
    assert progress.labelText() == "Exporting…"
    from PySide6.QtWidgets import QPushButton

    cancel = next(b for b in progress.findChildren(QPushButton) if b.text() == "Cancel")
    cancel.click()  # what the user does
    qtbot.waitUntil(lambda: dlg.task is None, timeout=10000)
    assert dlg.export_button.isEnabled() and list(tmp_path.iterdir()) == []


def test_tab_moves_through_the_workspace_in_reading_order(qtbot, window):
    w = window
    w.activateWindow()
    c, i = w.claims, w.inspector
    expected = [c.filter_edit, c.source_combo, c.stance_combo, c.table, w.detail_tabs.tabBar(),
                i.paraphrase, i.reliability, i.credibility, i.tags, i.note, w.outline.view]
    w.reader.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w.reader)
    seen = []
    for _ in expected:
        w.focusNextChild()
        seen.append(QApplication.focusWidget())
    assert seen == expected
    for widget in (w.reader, c.filter_edit, c.source_combo, c.stance_combo, c.table, i.paraphrase,
                   i.reliability, i.credibility, i.tags, i.note, w.outline.view):
        assert widget.accessibleName(), widget


def test_export_dialog_save_as_label_has_its_shortcut_not_a_literal_ampersand(qtbot, window):
    from PySide6.QtWidgets import QFormLayout, QLabel

    dlg = window.export_dialog()
    form = dlg.findChild(QFormLayout)
    labels = [form.itemAt(r, QFormLayout.ItemRole.LabelRole).widget() for r in range(form.rowCount())]
    assert all(isinstance(lb, QLabel) for lb in labels)
    # every label with a mnemonic is bound to its field, so the '&' is a shortcut, not shown
    assert all(lb.buddy() is not None for lb in labels if "&" in lb.text())
    assert [lb for lb in labels if lb.buddy() is dlg.target]
    dlg.close()


def test_german_welcome_title_is_shown_whole(qtbot):
    from ui import i18n
    from ui.main_window import MainWindow
    from ui.settings import Settings

    settings = Settings()
    settings.language = "de"
    i18n.install("de")
    try:
        w = MainWindow(settings)
        qtbot.addWidget(w)
        w.ask_on_close = False
        w.resize(1400, 850)
        w.show()
        title = w.welcome.title if hasattr(w, "welcome") else None
        if title is None:
            from ui.welcome import Welcome
            title = w.findChild(Welcome).title
        qtbot.waitUntil(lambda: title.isVisible(), timeout=5000)
        assert title.text() == "Aus Artikeln ein belegtes Briefing machen"
        fits = title.fontMetrics().horizontalAdvance(title.text()) <= title.contentsRect().width()
        assert fits or (title.wordWrap() and title.height() >= title.heightForWidth(title.width()))
    finally:
        i18n.install("en")
