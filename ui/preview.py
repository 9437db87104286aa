"""Live preview of the brief as it will export, and the pre-export findings.

After an edit the brief is composed (and checked) on the thread pool from a small snapshot
of the project, so typing never waits for it; the newest result wins.
"""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLabel, QListView, QTextBrowser, QVBoxLayout, QWidget

from briefing.model import Project

from .document_html import document_html
from .i18n import tr
from .workers import run_task

PREVIEW_DELAY_MS = 250
FINDING_CLAIM_ROLE = Qt.ItemDataRole.UserRole + 20


def snapshot(project: Project) -> Project:
    """A copy with just what compose needs: the brief, its claims, the articles they cite."""
    used = set(project.brief.claim_ids())
    claims = [c.model_copy(deep=True) for c in project.claims if c.id in used or c.included]
    return Project.model_construct(
        schema_version=project.schema_version, app=project.app, articles=list(project.articles), claims=claims,
        brief=project.brief.model_copy(deep=True), template=project.template,
    )


def run_checks(project: Project) -> list:
    try:
        from briefing.checks import check_project
    except ImportError:  # the checks module is optional in older cores
        return []
    return list(check_project(project))


def finding_fields(f) -> tuple[str, str, str | None]:
    """(severity, message, claim id) of a finding, whatever its exact shape."""
    get = (lambda k: f.get(k)) if isinstance(f, dict) else (lambda k: getattr(f, k, None))
    severity = str(get("severity") or get("level") or "warning")
    message = str(get("message") or get("text") or f)
    claim = get("claim_id")
    if claim is None:
        ids = get("claim_ids")
        claim = ids[0] if ids else None
    return severity, message, claim


class PreviewPanel(QTextBrowser):
    composed = Signal(object, list)  # Document, findings

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.setOpenLinks(False)
        self.setAccessibleName(tr("Preview"))
        self._timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self._start)
        self._generation = 0
        self._busy = False
        self._again = False
        self.document_tree = None
        self.findings: list = []

    def schedule(self) -> None:
        self._timer.start()

    def _start(self) -> None:
        if self._busy:
            self._again = True
            return
        self._busy = True
        self._generation += 1
        snap = snapshot(self.session.project)

        def work(progress, cancelled):
            from briefing.compose import compose

            doc = compose(snap)
            return doc, run_checks(snap)

        run_task(work, self._done, self._failed, owner=self)

    def _finish(self) -> None:
        self._busy = False
        if self._again:
            self._again = False
            self._start()

    def _done(self, result) -> None:
        doc, findings = result
        self.document_tree = doc
        self.findings = findings
        bar = self.verticalScrollBar().value()
        self.setHtml(document_html(doc))
        self.verticalScrollBar().setValue(bar)
        self.composed.emit(doc, findings)
        self._finish()

    def _failed(self, message: str) -> None:
        if message:
            self.setPlainText(tr("The preview could not be built: %1").replace("%1", message))
        self._finish()

    @property
    def idle(self) -> bool:
        return not self._busy and not self._timer.isActive()


class FindingsPanel(QWidget):
    claim_activated = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = QStandardItemModel(self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setUniformItemSizes(True)
        self.view.setWordWrap(True)
        self.view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.summary = QLabel()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.summary)
        lay.addWidget(self.view)
        self.view.activated.connect(self._activated)
        self.view.clicked.connect(self._activated)
        self.set_findings([])

    def retranslate(self) -> None:
        self.view.setAccessibleName(tr("Findings"))
        self.set_findings(self._findings)

    def set_findings(self, findings: list) -> None:
        self._findings = list(findings)
        self.model.clear()
        icons = {"error": "⛔", "warning": "⚠", "info": "ℹ"}
        for f in findings:
            severity, message, claim = finding_fields(f)
            item = QStandardItem(f"{icons.get(severity, '•')} {message}")
            item.setData(claim, FINDING_CLAIM_ROLE)
            item.setToolTip(message)
            self.model.appendRow(item)
        self.summary.setText(tr("No findings: the brief is ready to export.") if not findings
                             else tr("%n finding(s) before export", len(findings)))
        self.view.setAccessibleName(tr("Findings"))

    def _activated(self, index: QModelIndex) -> None:
        claim = index.data(FINDING_CLAIM_ROLE)
        if claim:
            self.claim_activated.emit(claim)


__all__ = ["PreviewPanel", "FindingsPanel", "snapshot", "QStringListModel"]
