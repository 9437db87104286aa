"""The template manager: pick and preview templates, use one for the brief, save the current
brief as a template, import/export template files, rename and delete library templates."""
from __future__ import annotations

from html import escape

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QInputDialog, QListView,
                               QMessageBox, QPushButton, QTextBrowser, QVBoxLayout)

from briefing import templates as T
from briefing.errors import BriefingError

from .i18n import tr


def _has(name: str) -> bool:
    return hasattr(T, name)


class TemplateManager(QDialog):
    use_template = Signal(object)  # a Template to apply to the brief
    message = Signal(str)

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(tr("Templates"))
        self.names = QStringListModel(self)
        self.list = QListView()
        self.list.setModel(self.names)
        self.list.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.list.setAccessibleName(tr("Templates"))
        self.preview = QTextBrowser()
        self.preview.setAccessibleName(tr("Template preview"))
        self.buttons: dict[str, QPushButton] = {}
        col = QVBoxLayout()
        for key, label, fn, needs in (
            ("use", tr("&Use for this brief"), self.use_current, None),
            ("save", tr("&Save brief as template…"), self.save_current_dialog, "save_as_template"),
            ("import", tr("&Import…"), self.import_dialog, "import_template"),
            ("export", tr("E&xport…"), self.export_dialog, "export_template"),
            ("rename", tr("&Rename…"), self.rename_dialog, "rename_template"),
            ("delete", tr("&Delete"), self.delete_current, "delete_template"),
        ):
            b = QPushButton(label)
            b.clicked.connect(fn)
            b.setVisible(needs is None or _has(needs))
            col.addWidget(b)
            self.buttons[key] = b
        col.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.list, 2)
        top.addWidget(self.preview, 3)
        top.addLayout(col)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(close)
        self.list.selectionModel().currentChanged.connect(lambda *_: self._show())
        self.resize(760, 420)
        self.reload()
        self._box = None

    def reload(self, select: str | None = None) -> None:
        self._templates = {t.name: t for t in T.list_templates()}
        self.names.setStringList(list(self._templates))
        cur = select or (self.session.project.template.name if self.session.project.template else None)
        names = list(self._templates)
        row = names.index(cur) if cur in names else 0
        if names:
            self.list.setCurrentIndex(self.names.index(row))
        self._show()

    def current(self):
        idx = self.list.currentIndex()
        return self._templates.get(idx.data()) if idx.isValid() else None

    def _show(self) -> None:
        t = self.current()
        if t is None:
            self.preview.clear()
            return
        builtin = T.is_builtin(t.name) if _has("is_builtin") else True
        rows = "".join(
            f"<li><b>{escape(s.title)}</b>{' *' if s.required else ''}<br><span style='color:#666'>"
            f"{escape(s.guidance)}</span></li>" for s in t.sections)
        self.preview.setHtml(
            f"<h3>{escape(t.name)}</h3><p>{escape(t.description)}</p>"
            f"<p style='color:#555'>{tr('Language')}: {escape(t.language)} · {tr('Citations')}: "
            f"{escape(t.citation.mode)}, {escape(t.citation.style)}"
            f"{' · ' + tr('built-in') if builtin else ''}</p><ol>{rows}</ol>")
        for key in ("rename", "delete"):
            self.buttons[key].setEnabled(not builtin)

    # ------------------------------------------------------------------ actions
    def use_current(self) -> None:
        t = self.current()
        if t is not None:
            self.use_template.emit(t)

    def _run(self, fn, *args, select=None, **kw):
        try:
            result = fn(*args, **kw)
        except (BriefingError, OSError) as exc:
            self.message.emit(str(exc))
            self._box = QMessageBox(QMessageBox.Icon.Warning, tr("Templates"), str(exc), parent=self)
            self._box.open()
            return None
        self.reload(select)
        return result

    def _ask(self, title: str, label: str, text: str, then) -> None:
        dlg = QInputDialog(self)
        dlg.setWindowTitle(title)
        dlg.setLabelText(label)
        dlg.setTextValue(text)
        dlg.textValueSelected.connect(then)
        self._box = dlg
        dlg.open()

    def save_current_dialog(self) -> None:
        self._ask(tr("Save as template"), tr("Template name:"), "my-brief", self.save_current)

    def save_current(self, name: str):
        return self._run(T.save_as_template, self.session.project, name.strip(), select=name.strip())

    def rename_dialog(self) -> None:
        t = self.current()
        if t is not None:
            self._ask(tr("Rename template"), tr("New name:"), t.name, lambda n: self.rename_current(n))

    def rename_current(self, new_name: str):
        t = self.current()
        return self._run(T.rename_template, t.name, new_name.strip(), select=new_name.strip()) if t else None

    def delete_current(self):
        t = self.current()
        return self._run(T.delete_template, t.name) if t else None

    def import_dialog(self) -> None:
        dlg = QFileDialog(self, tr("Import template"))
        dlg.setNameFilter(tr("Templates (*.json *.briefing-template);;All files (*)"))
        dlg.fileSelected.connect(self.import_file)
        self._box = dlg
        dlg.open()

    def import_file(self, path: str):
        result = self._run(T.import_template, path)
        if result is not None:
            t = result[0] if isinstance(result, tuple) else result
            self.reload(t.name)
        return result

    def export_dialog(self) -> None:
        t = self.current()
        if t is None:
            return
        dlg = QFileDialog(self, tr("Export template"), f"{t.name}.json")
        dlg.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dlg.setNameFilter(tr("Templates (*.json)"))
        dlg.fileSelected.connect(self.export_file)
        self._box = dlg
        dlg.open()

    def export_file(self, path: str):
        t = self.current()
        return self._run(T.export_template, t, path, select=t.name) if t else None


__all__ = ["TemplateManager", "Qt"]
