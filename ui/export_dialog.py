"""The export dialog: format, template, citation mode and style, target file. The export runs
on the thread pool with progress and cancel; the result can be opened at once."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout,
                               QLabel, QLineEdit, QMessageBox, QPushButton, QVBoxLayout, QWidget)

from briefing.project import give_output_mode
from briefing.templates import list_templates

from .i18n import tr
from .preview import snapshot
from .workers import run_task

FORMATS = (("docx", "Word (DOCX)"), ("pdf", "PDF"))
CITATION_MODES = ("footnotes", "endnotes", "author-date")


def citation_styles() -> list[str]:
    try:
        from briefing.citations import SUPPORTED_STYLES
    except ImportError:
        return ["chicago-note-bibliography"]
    return list(SUPPORTED_STYLES)


def export_project(project, template, path: Path, progress=None, cancelled=None) -> Path:
    """Compose and render ``project`` to ``path`` via a temporary file in the same folder,
    so a cancelled or failed export leaves nothing half-written."""
    from briefing.compose import compose
    from briefing.render import render

    if progress:
        progress(0, 3)
    doc = compose(project, template)
    if progress:
        progress(1, 3)
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    try:
        render(doc, tmp)
        if progress:
            progress(2, 3)
        if cancelled and cancelled():
            raise_cancel()
        give_output_mode(tmp, path)  # the new file's normal mode, not the temporary file's 0600
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if progress:
        progress(3, 3)
    return path


def raise_cancel():
    from .workers import Cancelled

    raise Cancelled()


class ExportDialog(QDialog):
    exported = Signal(str)
    failed = Signal(str)

    def __init__(self, session, parent: QWidget | None = None, *, last_dir: str = ""):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(tr("Export brief"))
        self.format = QComboBox()
        for key, label in FORMATS:
            self.format.addItem(label, key)
        self.template = QComboBox()
        current = session.project.template.name if session.project.template else ""
        self._templates = {t.name: t for t in list_templates()}
        if session.project.template and current not in self._templates:
            self._templates[current] = session.project.template
        for name in self._templates:
            self.template.addItem(name, name)
        self.template.setCurrentIndex(max(0, self.template.findData(current)))
        self.mode = QComboBox()
        names = {"footnotes": tr("Footnotes"), "endnotes": tr("Endnotes"), "author-date": tr("Author–date")}
        for m in CITATION_MODES:
            self.mode.addItem(names[m], m)
        self.style = QComboBox()
        for s in citation_styles():
            self.style.addItem(s, s)
        self.target = QLineEdit()
        browse = QPushButton(tr("Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.target, 1)
        row.addWidget(browse)
        form = QFormLayout()
        form.addRow(tr("&Format"), self.format)
        form.addRow(tr("&Template"), self.template)
        form.addRow(tr("&Citations"), self.mode)
        form.addRow(tr("Citation &style"), self.style)
        save_as = QLabel(tr("&Save as"))
        save_as.setBuddy(self.target)  # a layout is no buddy: without this the '&' shows
        form.addRow(save_as, row)
        for w, name in ((self.format, tr("Format")), (self.template, tr("Template")), (self.mode, tr("Citations")),
                        (self.style, tr("Citation style")), (self.target, tr("Target file"))):
            w.setAccessibleName(name)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton(tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)
        self.buttons.accepted.connect(self.start_export)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.buttons)
        self.template.currentIndexChanged.connect(self._template_changed)
        self.format.currentIndexChanged.connect(self._format_changed)
        self._template_changed()
        base = session.path.with_suffix("") if session.path else Path(last_dir or Path.home()) / _safe_name(
            session.project.brief.title or "brief")
        self.target.setText(str(base) + ".docx")
        self.task = None
        self.result_box: QMessageBox | None = None
        self.resize(520, self.sizeHint().height())

    def _template_changed(self) -> None:
        t = self._templates.get(self.template.currentData())
        if t is None:
            return
        self.mode.setCurrentIndex(max(0, self.mode.findData(t.citation.mode)))
        style = t.citation.style
        idx = self.style.findData(style)
        if idx < 0:
            try:
                from briefing.citations import STYLE_ALIASES

                idx = self.style.findData(STYLE_ALIASES.get(style, style))
            except ImportError:
                idx = 0
        self.style.setCurrentIndex(max(0, idx))

    def _format_changed(self) -> None:
        text = self.target.text()
        if text:
            self.target.setText(str(Path(text).with_suffix("." + self.format.currentData())))

    def _browse(self) -> None:
        dlg = QFileDialog(self, tr("Export brief"), self.target.text())
        dlg.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dlg.setNameFilter("Word (*.docx);;PDF (*.pdf)" if self.format.currentData() == "docx"
                          else "PDF (*.pdf);;Word (*.docx)")
        dlg.fileSelected.connect(self.set_target)
        dlg.open()

    def set_target(self, path: str) -> None:
        suffix = Path(path).suffix.lower().lstrip(".")
        if suffix in ("docx", "pdf"):
            self.format.setCurrentIndex(self.format.findData(suffix))
            self.target.setText(path)
        else:
            self.target.setText(path + "." + self.format.currentData())

    def chosen_template(self):
        t = self._templates[self.template.currentData()].model_copy(deep=True)
        t.citation.mode = self.mode.currentData()
        t.citation.style = self.style.currentData()
        return t

    def start_export(self) -> None:
        path = Path(self.target.text()).expanduser()
        if path.suffix.lower() not in (".docx", ".pdf"):
            path = path.with_suffix("." + self.format.currentData())
        if not path.parent.is_dir():
            self._error(tr("The folder %1 does not exist.").replace("%1", str(path.parent)))
            return
        template = self.chosen_template()
        snap = snapshot(self.session.project)
        snap.template = template
        self.export_button.setEnabled(False)

        def work(progress, cancelled):
            return export_project(snap, template, path, progress, cancelled)

        self.task = run_task(work, self._done, self._failed, parent=self, label=tr("Exporting…"))

    def _done(self, path) -> None:
        self.task = None
        self.export_button.setEnabled(True)
        self.exported.emit(str(path))
        box = QMessageBox(QMessageBox.Icon.Information, tr("Export finished"),
                          tr("The brief was saved as %1.").replace("%1", str(path)), parent=self.parentWidget())
        box.addButton(QMessageBox.StandardButton.Close)
        open_btn = box.addButton(tr("Open"), QMessageBox.ButtonRole.ActionRole)
        open_btn.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))
        self.result_box = box
        self.accept()
        box.open()

    def _failed(self, message: str) -> None:
        self.task = None
        self.export_button.setEnabled(True)
        if message:  # "" = cancelled by the user
            self._error(message)

    def _error(self, message: str) -> None:
        self.failed.emit(message)
        box = QMessageBox(QMessageBox.Icon.Warning, tr("Export failed"), message, parent=self)
        self.result_box = box
        box.open()

    def cancel_export(self) -> None:
        if self.task is not None:
            self.task.cancel()


def _safe_name(title: str) -> str:
    keep = "".join(ch if ch.isalnum() or ch in " -_" else "_" for ch in title).strip()
    return (keep or "brief")[:80]
