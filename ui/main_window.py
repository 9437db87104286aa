"""The main window: lays out the panels, wires actions and signals; no core work happens here."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (QDockWidget, QFileDialog, QLabel, QMainWindow, QMessageBox, QSplitter,
                               QStackedWidget, QTabWidget, QToolBar, QVBoxLayout, QWidget)

from briefing import __version__
from briefing import commands as C
from briefing.errors import BriefingError

from . import actions as A
from . import i18n
from .autosave import AutosaveController
from .claims_view import ClaimsPanel
from .clipboard import copy_brief, copy_claims
from .i18n import tr
from .inspector import Inspector
from .outline import OutlinePanel
from .preview import FindingsPanel, PreviewPanel
from .reader import Reader
from .recent import RecentMenu
from .session import Session
from .settings import Settings, SettingsDialog
from .sources_panel import SourcesPanel
from .style import STYLE_SHEET
from .welcome import Welcome, demo_path
from .workers import run_task, wait_all

PROJECT_SUFFIX = ".brief"
ARTICLE_FILTER = "*.txt *.md *.markdown *.html *.htm *.docx *.pdf"


def import_article(path: str | None, data: bytes | None, name: str, source_id: str):
    """Worker side of an import: file or bytes -> (article, claims). Runs off the UI thread."""
    from briefing.claims import extract_claims
    from briefing.ingest import load_article, load_bytes

    article = load_article(path) if path is not None else load_bytes(data, name)
    article.source.id = source_id
    return article, extract_claims(article, prefix=source_id)


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings | None = None, *, offer_recovery: bool = False):
        super().__init__()
        self.settings = settings or Settings()
        self.session = Session(self)
        self.ask_on_close = True
        self.error_box: QMessageBox | None = None
        self.dialog = None  # the dialog opened last (tests drive it)
        self.pending_imports = 0
        self.setObjectName("MainWindow")
        self.setAcceptDrops(True)
        self.setStyleSheet(STYLE_SHEET)
        self.resize(1480, 900)

        # ---------------------------------------------------------------- panels
        self.welcome = Welcome()
        self.reader = Reader()
        self.claims = ClaimsPanel()
        self.inspector = Inspector(self.session)
        self.outline = OutlinePanel(self.session)
        self.preview = PreviewPanel(self.session)
        self.findings = FindingsPanel()
        self.sources = SourcesPanel(self.session)

        self.reader_title = QLabel()
        self.reader_title.setObjectName("panelTitle")
        reader_box = QWidget()
        rl = QVBoxLayout(reader_box)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.setSpacing(2)
        rl.addWidget(self.reader_title)
        rl.addWidget(self.reader)
        self.detail_tabs = QTabWidget()
        self.detail_tabs.setDocumentMode(True)
        self.detail_tabs.addTab(self.inspector, "")
        self.detail_tabs.addTab(self.sources, "")
        self.right_split = QSplitter(Qt.Orientation.Vertical)
        self.right_split.addWidget(self.claims)
        self.right_split.addWidget(self.detail_tabs)
        self.right_split.setStretchFactor(0, 3)
        self.right_split.setStretchFactor(1, 1)
        self.right_split.setSizes([560, 240])
        self.split = QSplitter()
        self.split.setObjectName("workspaceSplitter")
        self.split.addWidget(reader_box)
        self.split.addWidget(self.right_split)
        self.split.setStretchFactor(0, 2)
        self.split.setStretchFactor(1, 3)
        self.split.setSizes([420, 720])
        self.stack = QStackedWidget()
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self.split)
        self.setCentralWidget(self.stack)

        self.docks: dict[str, QDockWidget] = {}
        self.outline_dock = self._dock("outline", self.outline, Qt.DockWidgetArea.RightDockWidgetArea)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.preview, "")
        self.tabs.addTab(self.findings, "")
        self.preview_dock = self._dock("preview", self.tabs, Qt.DockWidgetArea.RightDockWidgetArea)
        self.resizeDocks([self.outline_dock], [360], Qt.Orientation.Horizontal)
        self.resizeDocks([self.outline_dock, self.preview_dock], [380, 460], Qt.Orientation.Vertical)

        # ---------------------------------------------------------------- actions
        self.actions_ = A.make_actions(self)
        self.recent_menu = RecentMenu(self.settings, self)
        self.recent_menu.open_requested.connect(self.open_file)
        self._build_menus()
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for name in A.TOOLBAR:
            if name is None:
                self.toolbar.addSeparator()
            else:
                self.toolbar.addAction(self.actions_[name])
        self.addToolBar(self.toolbar)
        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.status_label)
        self._wire()

        self.autosave = AutosaveController(self.session, self.settings.autosave_seconds, self)
        self.retranslate()
        self._restore_layout()
        self.refresh_all()
        if offer_recovery:
            QTimer.singleShot(0, lambda: self.autosave.offer_recovery(self))

    # ------------------------------------------------------------------ layout
    def _dock(self, name: str, widget: QWidget, area) -> QDockWidget:
        dock = QDockWidget(self)
        dock.setObjectName(f"dock_{name}")
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(area, dock)
        self.docks[name] = dock
        return dock

    def _build_menus(self) -> None:
        self.menus = []
        for title, names in A.MENUS:
            menu = self.menuBar().addMenu(title)
            self.menus.append((menu, title))
            for name in names:
                if name is None:
                    menu.addSeparator()
                elif name == "recent":
                    menu.addMenu(self.recent_menu)
                elif name == "docks":
                    for dock in self.docks.values():
                        menu.addAction(dock.toggleViewAction())
                else:
                    menu.addAction(self.actions_[name])

    def _restore_layout(self) -> None:
        geo = self.settings.value("window/geometry")
        state = self.settings.value("window/state")
        if isinstance(geo, QByteArray) and not geo.isEmpty():
            self.restoreGeometry(geo)
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        for key, splitter in (("window/split", self.split), ("window/right_split", self.right_split)):
            value = self.settings.value(key)
            if isinstance(value, QByteArray) and not value.isEmpty():
                splitter.restoreState(value)

    def save_layout(self) -> None:
        self.settings.set_value("window/geometry", self.saveGeometry())
        self.settings.set_value("window/state", self.saveState())
        self.settings.set_value("window/split", self.split.saveState())
        self.settings.set_value("window/right_split", self.right_split.saveState())
        self.settings.sync()

    def retranslate(self) -> None:
        A.retranslate(self.actions_)
        for menu, title in self.menus:
            menu.setTitle(tr(title))
        self.recent_menu.retranslate()
        titles = {"outline": tr("Brief outline"), "preview": tr("Preview and checks")}
        self.detail_tabs.setTabText(0, tr("Claim"))
        self.detail_tabs.setTabText(1, tr("Source"))
        for name, dock in self.docks.items():
            dock.setWindowTitle(titles[name])
            dock.toggleViewAction().setText(titles[name])
        self.tabs.setTabText(0, tr("Preview"))
        self.tabs.setTabText(1, tr("Findings"))
        self.toolbar.setWindowTitle(tr("Tool bar"))
        for panel in (self.welcome, self.claims, self.inspector, self.outline, self.findings, self.sources):
            panel.retranslate()
        self.reader.setAccessibleName(tr("Article text"))
        self.preview.setAccessibleName(tr("Preview"))
        self._update_title()
        self._update_reader_title()
        self.preview.schedule()

    def set_language(self, setting: str) -> str:
        lang = i18n.install(i18n.resolve(setting))
        self.retranslate()
        return lang

    # ------------------------------------------------------------------ wiring
    def _wire(self) -> None:
        a = self.actions_
        s = self.session
        a["open"].triggered.connect(self.open_dialog)
        a["paste"].triggered.connect(self.paste_article)
        a["demo"].triggered.connect(self.open_demo)
        a["new"].triggered.connect(self.new_brief)
        a["save"].triggered.connect(self.save)
        a["save_as"].triggered.connect(self.save_as_dialog)
        a["export"].triggered.connect(self.export_dialog)
        a["copy_brief"].triggered.connect(lambda: copy_brief(self.session.project))
        a["quit"].triggered.connect(self.close)
        a["undo"].triggered.connect(s.undo_stack.undo)
        a["redo"].triggered.connect(s.undo_stack.redo)
        a["filter"].triggered.connect(self.focus_filter)
        a["include"].triggered.connect(lambda: self.set_included(self.claims.table.selected_ids(), True))
        a["exclude"].triggered.connect(lambda: self.set_included(self.claims.table.selected_ids(), False))
        a["copy_claims"].triggered.connect(lambda: self.copy_claims(self.claims.table.selected_ids()))
        a["make_claim"].triggered.connect(self.reader.request_make_claim)
        a["split_claim"].triggered.connect(self.reader.request_split)
        a["merge_claims"].triggered.connect(lambda: self.merge_claims(self.claims.table.selected_ids()))
        a["add_text"].triggered.connect(lambda: self.outline.add_text())
        a["templates"].triggered.connect(self.templates_dialog)
        a["settings"].triggered.connect(self.settings_dialog)
        a["about"].triggered.connect(self.about)
        s.state_changed.connect(self._stack_changed)
        s.changed.connect(self._on_changed)
        s.reset.connect(self.refresh_all)
        s.failed.connect(self.show_status)

        self.welcome.open_requested.connect(self.open_dialog)
        self.welcome.paste_requested.connect(self.paste_article)
        self.welcome.demo_requested.connect(self.open_demo)
        self.claims.claim_selected.connect(lambda cid: self.select_claim(cid, origin="table"))
        self.claims.toggle_requested.connect(self.set_included)
        self.claims.merge_requested.connect(self.merge_claims)
        self.claims.copy_requested.connect(self.copy_claims)
        self.reader.claim_clicked.connect(lambda cid: self.select_claim(cid, origin="reader"))
        self.reader.make_claim_requested.connect(self.make_claim)
        self.reader.split_requested.connect(self.split_claim)
        self.outline.claim_selected.connect(lambda cid: self.select_claim(cid, origin="outline"))
        self.findings.claim_activated.connect(lambda cid: self.select_claim(cid, origin="findings"))
        self.preview.composed.connect(lambda _doc, f: self._findings_ready(f))
        self.sources.source_selected.connect(self.show_source)
        self.sources.source_selected.connect(lambda _s: self.detail_tabs.setCurrentWidget(self.sources)
                                             if self.sources.view.hasFocus() else None)
        self.sources.message.connect(self.show_status)

    # ------------------------------------------------------------------ refresh
    def refresh_all(self) -> None:
        p = self.session.project
        self.claims.set_claims(p.claims)
        self.sources.rebuild()
        self.outline.rebuild()
        sid = self.sources.current_id() or (p.articles[0].source.id if p.articles else "")
        self.show_source(sid)
        self.inspector.show_claim(None)
        self.stack.setCurrentIndex(1 if p.articles else 0)
        self._update_title()
        self.preview.schedule()
        self._update_actions()

    def _on_changed(self, command: C.Command) -> None:
        scope = command.scope
        p = self.session.project
        if "claim_list" in scope:
            self.claims.set_claims(p.claims)
            self.reader.update_claims(p.claims)
            self.outline.model._claims = p.claim_by_id()
        elif "claims" in scope:
            self.claims.model.refresh_claims(command.claim_ids)
            self.claims._update_count()
        if "brief" in scope or "claims" in scope or "claim_list" in scope:
            self.outline.rebuild()
        if "articles" in scope or "sources" in scope:
            self.sources.rebuild() if "articles" in scope else self.sources.refresh()
            if "articles" in scope:
                self.stack.setCurrentIndex(1 if p.articles else 0)
                if self.reader.article is None or self.reader.article not in p.articles:
                    self.show_source(p.articles[-1].source.id if p.articles else "")
            self._update_reader_title()
        if self.inspector.claim is not None:
            current = p.claim_by_id().get(self.inspector.claim.id) if "claim_list" in scope else self.inspector.claim
            if current is None or not any(current is c for c in p.claims):
                self.inspector.show_claim(None)
            else:
                self.inspector.refresh_fields()
        self.preview.schedule()
        self._update_actions()

    def _update_actions(self) -> None:
        has = bool(self.session.project.articles)
        for name in ("export", "copy_brief", "include", "exclude", "copy_claims", "make_claim", "split_claim",
                     "merge_claims"):
            self.actions_[name].setEnabled(has)
        self.actions_["undo"].setEnabled(self.session.undo_stack.canUndo())
        self.actions_["redo"].setEnabled(self.session.undo_stack.canRedo())
        p = self.session.project
        self.status_label.setText(
            tr("%1 sources · %2 claims · %3 in the brief").replace("%1", str(len(p.articles)))
            .replace("%2", str(len(p.claims))).replace("%3", str(len(p.brief.claim_ids()))))

    def _stack_changed(self) -> None:
        self._update_title()
        self.actions_["undo"].setEnabled(self.session.undo_stack.canUndo())
        self.actions_["redo"].setEnabled(self.session.undo_stack.canRedo())

    def _update_title(self) -> None:
        p = self.session.project
        name = self.session.path.name if self.session.path else (p.brief.title or tr("Untitled brief"))
        self.setWindowTitle(f"{name}[*] — Briefing")
        self.setWindowModified(self.session.modified)

    def _update_reader_title(self) -> None:
        art = self.reader.article
        if art is None:
            self.reader_title.setText(tr("Article"))
            return
        src = art.source
        bits = [x for x in (src.publisher, src.published.isoformat() if src.published else None,
                            (src.language or "").upper() or None) if x]
        self.reader_title.setText((src.title or src.file_name or src.id) + ("  ·  " + " · ".join(bits) if bits else ""))

    def show_source(self, source_id: str) -> None:
        p = self.session.project
        art = next((a for a in p.articles if a.source.id == source_id), None)
        if art is not self.reader.article or art is None:
            self.reader.show_article(art, p.claims)
        self._update_reader_title()

    def _findings_ready(self, findings: list) -> None:
        self.findings.set_findings(findings)
        n = len(findings)
        self.tabs.setTabText(1, tr("Findings") + (f" ({n})" if n else ""))

    def show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    # ------------------------------------------------------------------ selection
    def select_claim(self, claim_id: str, origin: str = "") -> None:
        if not claim_id:
            return
        claim = self.session.project.claim_by_id().get(claim_id)
        if claim is None:
            return
        if origin != "table":
            self.claims.select_claim(claim_id)
        if origin != "reader":
            if self.reader.article is None or self.reader.article.source.id != claim.source_id:
                self.sources.select(claim.source_id)
                self.show_source(claim.source_id)
            self.reader.highlight_claim(claim_id)
        self.inspector.show_claim(claim)

    def focus_filter(self) -> None:
        self.claims.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.claims.filter_edit.selectAll()

    # ------------------------------------------------------------------ edits
    def set_included(self, claim_ids: list[str], value: bool) -> bool:
        if not claim_ids:
            return False
        return self.session.push(C.SetIncluded(claim_ids, value, section_id=None))

    def make_claim(self, source_id: str, start: int, end: int) -> bool:
        cmd = C.MakeClaim(source_id, start, end)
        ok = self.session.push(cmd)
        if ok:
            self.select_claim(cmd.claim.id)
        return ok

    def split_claim(self, claim_id: str, offset: int) -> bool:
        return self.session.push(C.SplitClaim(claim_id, offset))

    def merge_claims(self, claim_ids: list[str]) -> bool:
        return self.session.push(C.MergeClaims(claim_ids))

    def copy_claims(self, claim_ids: list[str]) -> None:
        if claim_ids:
            copy_claims(self.session.project, claim_ids)
            self.show_status(tr("%n claim(s) copied with citations", len(claim_ids)))

    def apply_template(self, template) -> bool:
        ok = self.session.push(C.ApplyTemplate(template))
        if ok:
            self.show_status(tr("The brief now uses the template “%1”.").replace("%1", template.name))
        return ok

    # ------------------------------------------------------------------ files
    def open_dialog(self) -> None:
        dlg = QFileDialog(self, tr("Open article or brief"))
        dlg.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dlg.setNameFilters([tr("Articles and briefs (%1)").replace("%1", f"{ARTICLE_FILTER} *{PROJECT_SUFFIX}"),
                            tr("All files (*)")])
        dlg.filesSelected.connect(lambda files: [self.open_file(f) for f in files])
        self.dialog = dlg
        dlg.open()

    def open_file(self, path: str) -> bool:
        """Open a saved brief, or import an article into the current brief (off the UI thread)."""
        if str(path).lower().endswith(PROJECT_SUFFIX):
            return self.open_project(path)
        return self.import_article(path=str(path), name=str(path))

    def open_demo(self) -> bool:
        return self.import_article(path=str(demo_path()), name=demo_path().name)

    def paste_article(self) -> bool:
        text = QGuiApplication.clipboard().text()
        if not text.strip():
            self.show_error(tr("The clipboard holds no text to import."))
            return False
        return self.import_article(data=text.encode("utf-8"), name=tr("pasted text"))

    def import_article(self, *, path: str | None = None, data: bytes | None = None, name: str = "") -> bool:
        p = self.session.project
        used = {a.source.id for a in p.articles}
        n = 1 + len(used) + self.pending_imports
        while f"s{n}" in used:
            n += 1
        sid = f"s{n}"
        self.pending_imports += 1
        self.show_status(tr("Importing %1 …").replace("%1", Path(name).name))

        def work(progress, cancelled):
            return import_article(path, data, name, sid)

        run_task(work, self._imported, self._import_failed, parent=self, label=tr("Importing…"))
        return True

    def _imported(self, result) -> None:
        self.pending_imports -= 1
        article, claims = result
        if any(a.source.id == article.source.id for a in self.session.project.articles):
            sid = C.next_source_id(self.session.project)
            article.source.id = sid
            for c in claims:
                c.source_id = sid
        if not self.session.push(C.AddArticle(article, claims)):
            return
        self.sources.select(article.source.id)
        self.show_source(article.source.id)
        if article.source.file_name and self.session.path is None:
            pass
        self.show_status(tr("Imported “%1”: %2 claims").replace("%1", article.source.title or article.source.id)
                         .replace("%2", str(len(claims))))

    def _import_failed(self, message: str) -> None:
        self.pending_imports -= 1
        if message:
            self.show_error(message, title=tr("Cannot import"))

    def show_error(self, message: str, *, title: str | None = None) -> None:
        self.show_status(message)
        box = QMessageBox(QMessageBox.Icon.Warning, title or tr("Briefing"), message, parent=self)
        box.setAccessibleName(title or tr("Error"))
        self.error_box = box
        box.open()

    def open_project(self, path: str) -> bool:
        from briefing.project import load_project

        try:
            project = load_project(path)
        except BriefingError as exc:
            self.show_error(str(exc), title=tr("Cannot open brief"))
            return False
        self.session.replace(project, Path(path))
        self.recent_menu.add(path)
        return True

    def new_brief(self) -> None:
        self.session.new()

    def save(self) -> bool:
        if self.session.path is None:
            self.save_as_dialog()
            return False
        return self.save_to(str(self.session.path))

    def save_as_dialog(self) -> None:
        name = (self.session.project.brief.title or "brief").replace("/", "_")[:80] + PROJECT_SUFFIX
        dlg = QFileDialog(self, tr("Save brief"), str(self.session.path or Path.home() / name))
        dlg.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dlg.setNameFilter(tr("Briefs (*%1)").replace("%1", PROJECT_SUFFIX))
        dlg.fileSelected.connect(self.save_to)
        self.dialog = dlg
        dlg.open()

    def save_to(self, path: str) -> bool:
        from briefing.project import save_project

        if not path.lower().endswith(PROJECT_SUFFIX):
            path += PROJECT_SUFFIX
        self.inspector.commit_text()
        try:
            save_project(self.session.project, path)
        except (BriefingError, OSError) as exc:
            self.show_error(str(exc), title=tr("Cannot save"))
            return False
        self.session.mark_saved(Path(path))
        self.autosave.discard()
        self.recent_menu.add(path)
        self._update_title()
        self.show_status(tr("Saved %1").replace("%1", path))
        return True

    # ------------------------------------------------------------------ dialogs
    def export_dialog(self):
        from .export_dialog import ExportDialog

        self.inspector.commit_text()
        dlg = ExportDialog(self.session, self, last_dir=str(self.settings.value("export/dir", "") or ""))
        dlg.exported.connect(lambda p: (self.settings.set_value("export/dir", str(Path(p).parent)),
                                        self.show_status(tr("Exported %1").replace("%1", p))))
        self.dialog = dlg
        dlg.open()
        return dlg

    def templates_dialog(self):
        from .template_manager import TemplateManager

        dlg = TemplateManager(self.session, self)
        dlg.use_template.connect(self.apply_template)
        dlg.message.connect(self.show_status)
        self.dialog = dlg
        dlg.open()
        return dlg

    def settings_dialog(self):
        dlg = SettingsDialog(self.settings, self)
        dlg.language_changed.connect(self.set_language)
        dlg.accepted.connect(lambda: self.autosave.set_interval(self.settings.autosave_seconds))
        self.dialog = dlg
        dlg.open()
        return dlg

    def about(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, tr("About Briefing"),
                          tr("Briefing %1 — turns articles into sourced briefs, offline.").replace("%1", __version__),
                          parent=self)
        self.dialog = box
        box.open()

    # ------------------------------------------------------------------ drag and drop of files
    def dragEnterEvent(self, event):  # noqa: N802
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event):  # noqa: N802
        self.dragEnterEvent(event)

    def dropEvent(self, event):  # noqa: N802
        files = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if not files:
            event.ignore()
            return
        event.acceptProposedAction()
        for f in files:
            self.open_file(f)

    # ------------------------------------------------------------------ closing
    def closeEvent(self, event):  # noqa: N802
        self.inspector.commit_text()
        if self.session.modified and self.ask_on_close:
            event.ignore()
            box = QMessageBox(QMessageBox.Icon.Question, tr("Unsaved changes"),
                              tr("Save the changes to this brief before closing?"), parent=self)
            save = box.addButton(QMessageBox.StandardButton.Save)
            discard = box.addButton(QMessageBox.StandardButton.Discard)
            box.addButton(QMessageBox.StandardButton.Cancel)
            save.clicked.connect(lambda: self.save() and self._close_now())
            discard.clicked.connect(self._discard_and_close)
            self.dialog = box
            box.open()
            return
        self.save_layout()
        wait_all(10000)
        if not self.session.modified:
            self.autosave.discard()
        else:
            self.autosave.write_now()
        event.accept()

    def _discard_and_close(self) -> None:
        self.autosave.discard()
        self.session.undo_stack.setClean()
        self._close_now()

    def _close_now(self) -> None:
        self.ask_on_close = False
        self.close()


__all__ = ["MainWindow", "QKeySequence"]
