"""The main window: lays out the panels, wires actions and signals; no core work happens here.

Start-up comes in two steps so the window appears as fast as a bare Qt window: the frame
(menus, tool bar, the welcome page, empty docks) needs only Qt; the workspace (the session
over the core's project, the panels, their wiring) is built right after the first paint, or
at once when anything needs it first (an action, a dropped file, a test).
"""
from __future__ import annotations

from pathlib import Path

# Only what the first frame needs is imported here; in particular nothing touches the ``Qt``
# namespace (its enums take Qt for Python ~60 ms to create) before the first paint.
from PySide6.QtCore import QByteArray, QTimer
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QToolBar, QWidget

from briefing import __version__
from briefing.errors import BriefingError

from . import actions as A
from . import i18n
from .i18n import tr
from .recent import RecentMenu
from .settings import Settings
from .style import STYLE_SHEET
from .welcome import Welcome, demo_path

PROJECT_SUFFIX = ".brief"
ARTICLE_FILTER = "*.txt *.md *.markdown *.html *.htm *.docx *.pdf"
#: the name pasted text is imported under (the core's convention for the clipboard)
PASTE_NAME = "clipboard"


def import_article(path: str | None, data: bytes | None, name: str, source_id: str):
    """Worker side of an import: file or bytes -> (article, claims). Runs off the UI thread."""
    from briefing.claims import extract_claims
    from briefing.ingest import load_article, load_bytes

    article = load_article(path) if path is not None else load_bytes(data, name)
    article.source.id = source_id
    return article, extract_claims(article, prefix=source_id)


class ElidedLabel(QLabel):
    """A one-line label that shortens its text with "…" instead of demanding the width for it
    (a long article title must not push the splitter); the whole text is the tool tip."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._full = ""
        self.setMinimumWidth(40)

    def setText(self, text: str) -> None:  # noqa: N802
        self._full = text
        self.setToolTip(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def minimumSizeHint(self):  # noqa: N802
        hint = super().minimumSizeHint()
        hint.setWidth(40)
        return hint

    def sizeHint(self):  # noqa: N802
        hint = super().sizeHint()
        hint.setWidth(min(hint.width(), 200))
        return hint

    def resizeEvent(self, event):  # noqa: N802
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        from PySide6.QtCore import Qt

        room = max(10, self.contentsRect().width() - 2 * self.margin() - 4)
        QLabel.setText(self, self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, room))


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings | None = None, *, offer_recovery: bool = False,
                 deferred: bool = False):
        """``deferred``: build the workspace after the first paint (the application's start);
        otherwise at once (tests, screenshots)."""
        super().__init__()
        self.settings = settings or Settings()
        self.ready = False
        self._deferred = deferred
        self._offer_recovery = offer_recovery
        self.ask_on_close = True
        self.error_box = None  # QMessageBox: the last error shown
        self.dialog = None  # the dialog opened last (tests drive it)
        self.pending_imports = 0
        self.setObjectName("MainWindow")
        self.setAcceptDrops(True)
        self.setStyleSheet(STYLE_SHEET)
        self.resize(1480, 900)
        self._scheduled = False

        # ---------------------------------------------------------------- the frame (Qt only)
        self.welcome = Welcome()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.welcome)
        self.setCentralWidget(self.stack)
        self.docks: dict = {}  # the outline and preview docks come with the workspace

        self.actions_ = A.make_actions(self)
        for name, act in self.actions_.items():
            act.triggered.connect(lambda _checked=False, n=name: self.trigger(n))
        self.recent_menu = RecentMenu(self.settings, self)
        self.recent_menu.open_requested.connect(self.open_file)
        self._build_menus()
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)  # text beside icon: set in the style sheet (no enum needed)
        for name in A.TOOLBAR:
            if name is None:
                self.toolbar.addSeparator()
            else:
                self.toolbar.addAction(self.actions_[name])
        self.addToolBar(self.toolbar)
        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.status_label)
        for name in ("undo", "redo", "include", "exclude", "export", "copy_brief", "copy_claims", "make_claim",
                     "split_claim", "merge_claims"):
            self.actions_[name].setEnabled(False)  # nothing to act on yet (as after the start)
        self.welcome.open_requested.connect(self.open_dialog)
        self.welcome.paste_requested.connect(self.paste_article)
        self.welcome.demo_requested.connect(self.open_demo)
        self.setWindowTitle(f"{tr('Untitled brief')} — Briefing")
        self._retranslate_frame()
        self._restore_layout()
        if not deferred:
            self.finish_startup()

    def showEvent(self, event):  # noqa: N802
        super().showEvent(event)
        if self.ready:
            QTimer.singleShot(0, self._apply_default_split)

    def _apply_default_split(self) -> None:
        """First start: a third of the width for the article, the rest for the claims (once the
        splitter has its real width; later the user's own split is restored instead)."""
        if self.ready and self._default_split and self.split.isVisible() and self.split.width() > 200:
            self._default_split = False
            total = sum(self.split.sizes()) or self.split.width()
            self.split.setSizes([int(total * 0.36), total - int(total * 0.36)])

    def paintEvent(self, event):  # noqa: N802
        super().paintEvent(event)
        if not self.ready and not self._scheduled:
            # the first frame is on its way to the screen: build the workspace right after it
            self._scheduled = True
            QTimer.singleShot(0, self.finish_startup)

    def finish_startup(self) -> None:
        """Build the workspace: the session over the core's project, the panels, the wiring.
        Idempotent; whatever needs the workspace calls it first."""
        if self.ready:
            return
        self.ready = True
        from . import keep_none_alive

        keep_none_alive()
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QSplitter, QTabWidget, QVBoxLayout

        from .autosave import AutosaveController
        from .claims_view import ClaimsPanel
        from .inspector import Inspector
        from .outline import OutlinePanel
        from .preview import FindingsPanel, PreviewPanel
        from .reader import Reader
        from .session import Session
        from .sources_panel import SourcesPanel

        self.setUpdatesEnabled(False)
        self.session = Session(self)
        self.reader = Reader()
        self.claims = ClaimsPanel()
        self.inspector = Inspector(self.session)
        self.outline = OutlinePanel(self.session)
        self.preview = PreviewPanel(self.session)
        self.findings = FindingsPanel()
        self.sources = SourcesPanel(self.session)

        self.reader_title = ElidedLabel()
        self.reader_title.setObjectName("panelTitle")
        reader_box = QWidget()
        rl = QVBoxLayout(reader_box)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.setSpacing(0)
        rl.addWidget(self.reader_title)
        rl.addWidget(self.reader)
        self.detail_tabs = QTabWidget()
        self.detail_tabs.setDocumentMode(True)
        self.detail_tabs.addTab(self.inspector, "")
        self.detail_tabs.addTab(self.sources, "")
        self.right_split = QSplitter(Qt.Orientation.Vertical)
        self.right_split.setObjectName("claimsSplitter")
        self.right_split.addWidget(self.claims)
        self.right_split.addWidget(self.detail_tabs)
        self.right_split.setStretchFactor(0, 3)
        self.right_split.setStretchFactor(1, 1)
        self.right_split.setSizes([560, 260])
        self.split = QSplitter()
        self.split.setObjectName("workspaceSplitter")
        self.split.addWidget(reader_box)
        self.split.addWidget(self.right_split)
        self.split.setStretchFactor(0, 1)  # extra width goes mostly to the claims table
        self.split.setStretchFactor(1, 2)
        self.split.setSizes([400, 860])
        self.stack.addWidget(self.split)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.preview, "")
        self.tabs.addTab(self.findings, "")
        right = Qt.DockWidgetArea.RightDockWidgetArea
        self.outline_dock = self._dock("outline", self.outline, right)
        self.preview_dock = self._dock("preview", self.tabs, right)
        self.resizeDocks([self.outline_dock], [340], Qt.Orientation.Horizontal)
        self.resizeDocks([self.outline_dock, self.preview_dock], [380, 460], Qt.Orientation.Vertical)
        for dock in self.docks.values():
            self.view_menu.addAction(dock.toggleViewAction())
        A.set_icons(self.actions_, self.style())

        self._wire()
        self._set_tab_order()
        self.autosave = AutosaveController(self.session, self.settings.autosave_seconds, self)
        self.retranslate()
        self._restore_layout()  # again, now that the docks exist
        self._default_split = True
        for key, splitter in (("window/split", self.split), ("window/right_split", self.right_split)):
            value = self.settings.value(key)
            if isinstance(value, QByteArray) and not value.isEmpty():
                splitter.restoreState(value)
                self._default_split = False
        self.stack.currentChanged.connect(lambda _i: QTimer.singleShot(0, self._apply_default_split))
        self.refresh_all()
        self.setUpdatesEnabled(True)
        if self._offer_recovery:
            QTimer.singleShot(0, lambda: self.autosave.offer_recovery(self))
        if self._deferred:  # the application's start: warm up the import machinery meanwhile
            QTimer.singleShot(0, self._prestart_import)

    @staticmethod
    def _prestart_import() -> None:
        """Start the core's parser process now, so the first import does not wait for it."""
        try:
            from briefing.ingest.limits import prestart
        except ImportError:
            return
        try:
            prestart()
        except OSError:
            pass  # the import will start it itself

    # ------------------------------------------------------------------ layout
    def _dock(self, name: str, widget: QWidget, area):
        from PySide6.QtWidgets import QDockWidget

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
                    self.view_menu = menu  # the docks' toggles join when the docks exist
                else:
                    menu.addAction(self.actions_[name])

    def _set_tab_order(self) -> None:
        """Tab moves as the work flows: reader, filter bar, table, inspector, outline, preview."""
        c, i = self.claims, self.inspector
        chain = [self.reader, c.filter_edit, c.source_combo, c.stance_combo, c.table, self.detail_tabs,
                 i.paraphrase, i.reliability, i.credibility, i.tags, i.note,
                 self.outline.view, self.tabs, self.preview]
        for a, b in zip(chain, chain[1:]):
            QWidget.setTabOrder(a, b)

    def _restore_layout(self) -> None:
        geo = self.settings.value("window/geometry")
        state = self.settings.value("window/state")
        if isinstance(geo, QByteArray) and not geo.isEmpty():
            self.restoreGeometry(geo)
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)

    def save_layout(self) -> None:
        self.settings.set_value("window/geometry", self.saveGeometry())
        self.settings.set_value("window/state", self.saveState())
        if self.ready:
            self.settings.set_value("window/split", self.split.saveState())
            self.settings.set_value("window/right_split", self.right_split.saveState())
        self.settings.sync()

    def _retranslate_frame(self) -> None:
        A.retranslate(self.actions_)
        for menu, title in self.menus:
            menu.setTitle(tr(title))
        self.recent_menu.retranslate()
        titles = {"outline": tr("Brief outline"), "preview": tr("Preview and checks")}
        for name, dock in self.docks.items():
            dock.setWindowTitle(titles[name])
            dock.toggleViewAction().setText(titles[name])
        self.toolbar.setWindowTitle(tr("Tool bar"))
        self.welcome.retranslate()

    def retranslate(self) -> None:
        self._retranslate_frame()
        if not self.ready:
            return
        self.detail_tabs.setTabText(0, tr("Claim"))
        self.detail_tabs.setTabText(1, tr("Source"))
        self.tabs.setTabText(0, tr("Preview"))
        self.tabs.setTabText(1, tr("Findings"))
        for panel in (self.claims, self.inspector, self.outline, self.findings, self.sources):
            panel.retranslate()
        self.reader.setAccessibleName(tr("Article text"))
        self.preview.setAccessibleName(tr("Preview"))
        self._update_title()
        self._update_reader_title()
        self._update_actions()
        self.preview.schedule()

    def set_language(self, setting: str) -> str:
        lang = i18n.install(i18n.resolve(setting))
        self.retranslate()
        return lang

    # ------------------------------------------------------------------ wiring
    def trigger(self, name: str) -> None:
        """Run action ``name`` (the workspace is built first if the user was quicker than it)."""
        self.finish_startup()
        self._handlers[name]()

    def _wire(self) -> None:
        s = self.session
        t = self.claims.table
        self._handlers = {
            "open": self.open_dialog,
            "paste": self.paste_article,
            "demo": self.open_demo,
            "new": self.new_brief,
            "save": self.save,
            "save_as": self.save_as_dialog,
            "export": self.export_dialog,
            "copy_brief": self.copy_brief,
            "quit": self.close,
            "undo": s.undo_stack.undo,
            "redo": s.undo_stack.redo,
            "filter": self.focus_filter,
            "include": lambda: self.set_included(t.selected_ids(), True),
            "exclude": lambda: self.set_included(t.selected_ids(), False),
            "copy_claims": lambda: self.copy_claims(t.selected_ids()),
            "make_claim": self.reader.request_make_claim,
            "split_claim": self.reader.request_split,
            "merge_claims": lambda: self.merge_claims(t.selected_ids()),
            "add_text": lambda: self.outline.add_text(),
            "templates": self.templates_dialog,
            "settings": self.settings_dialog,
            "about": self.about,
        }
        s.state_changed.connect(self._stack_changed)
        s.changed.connect(self._on_changed)
        s.reset.connect(self.refresh_all)
        s.failed.connect(self.show_status)

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
        self.sources.error.connect(lambda message, title: self.show_error(message, title=title))

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

    def _on_changed(self, command) -> None:
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
        self.status_label.setText(" · ".join((tr("%n source(s)", len(p.articles)), tr("%n claim(s)", len(p.claims)),
                                              tr("%n in the brief", len(p.brief.claim_ids())))))

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
        from PySide6.QtCore import Qt

        self.claims.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.claims.filter_edit.selectAll()

    # ------------------------------------------------------------------ edits
    def set_included(self, claim_ids: list[str], value: bool) -> bool:
        from briefing import commands as C

        if not claim_ids:
            return False
        return self.session.push(C.SetIncluded(claim_ids, value, section_id=None))

    def make_claim(self, source_id: str, start: int, end: int) -> bool:
        from briefing import commands as C

        cmd = C.MakeClaim(source_id, start, end)
        ok = self.session.push(cmd)
        if ok:
            self.select_claim(cmd.claim.id)
        return ok

    def split_claim(self, claim_id: str, offset: int) -> bool:
        from briefing import commands as C

        return self.session.push(C.SplitClaim(claim_id, offset))

    def merge_claims(self, claim_ids: list[str]) -> bool:
        from briefing import commands as C

        return self.session.push(C.MergeClaims(claim_ids))

    def copy_brief(self) -> None:
        from .clipboard import copy_brief

        self.inspector.commit_text()
        copy_brief(self.session.project)
        self.show_status(tr("The brief was copied as rich text and plain text."))

    def copy_claims(self, claim_ids: list[str]) -> None:
        from .clipboard import copy_claims

        if claim_ids:
            copy_claims(self.session.project, claim_ids)
            self.show_status(tr("%n claim(s) copied with citations", len(claim_ids)))

    def apply_template(self, template) -> bool:
        from briefing import commands as C

        ok = self.session.push(C.ApplyTemplate(template))
        if ok:
            self.show_status(tr("The brief now uses the template “%1”.").replace("%1", template.name))
        return ok

    # ------------------------------------------------------------------ files
    def open_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        dlg = QFileDialog(self, tr("Open article or brief"))
        dlg.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dlg.setNameFilters([tr("Articles and briefs (%1)").replace("%1", f"{ARTICLE_FILTER} *{PROJECT_SUFFIX}"),
                            tr("All files (*)")])
        dlg.filesSelected.connect(lambda files: [self.open_file(f) for f in files])
        self.dialog = dlg
        dlg.open()

    def open_file(self, path: str) -> bool:
        """Open a saved brief, or import an article into the current brief (off the UI thread)."""
        self.finish_startup()
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
        return self.import_article(data=text.encode("utf-8"), name=PASTE_NAME)

    def import_article(self, *, path: str | None = None, data: bytes | None = None, name: str = "") -> bool:
        from .workers import run_task

        self.finish_startup()
        p = self.session.project
        used = {a.source.id for a in p.articles}
        n = 1 + len(used) + self.pending_imports
        while f"s{n}" in used:
            n += 1
        sid = f"s{n}"
        self.pending_imports += 1
        shown = tr("pasted text") if data is not None and name == PASTE_NAME else Path(name).name
        self.show_status(tr("Importing %1 …").replace("%1", shown))

        def work(progress, cancelled):
            return import_article(path, data, name, sid)

        run_task(work, self._imported, self._import_failed, parent=self, label=tr("Importing…"))
        return True

    def _imported(self, result) -> None:
        from briefing import commands as C

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
        self.show_status(tr("Imported “%1”: %2 claims").replace("%1", article.source.title or article.source.id)
                         .replace("%2", str(len(claims))))

    def _import_failed(self, message: str) -> None:
        self.pending_imports -= 1
        if message:
            self.show_error(message, title=tr("Cannot import"))

    def show_error(self, message: str, *, title: str | None = None) -> None:
        from PySide6.QtWidgets import QMessageBox

        self.show_status(message)
        box = QMessageBox(QMessageBox.Icon.Warning, title or tr("Briefing"), message, parent=self)
        box.setAccessibleName(title or tr("Error"))
        self.error_box = box
        box.open()

    def open_project(self, path: str) -> bool:
        from briefing.project import load_project

        self.finish_startup()
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
        from PySide6.QtWidgets import QFileDialog

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

        self.finish_startup()
        self.inspector.commit_text()
        dlg = ExportDialog(self.session, self, last_dir=str(self.settings.value("export/dir", "") or ""))
        dlg.exported.connect(lambda p: (self.settings.set_value("export/dir", str(Path(p).parent)),
                                        self.show_status(tr("Exported %1").replace("%1", p))))
        self.dialog = dlg
        dlg.open()
        return dlg

    def templates_dialog(self):
        from .template_manager import TemplateManager

        self.finish_startup()
        dlg = TemplateManager(self.session, self)
        dlg.use_template.connect(self.apply_template)
        dlg.message.connect(self.show_status)
        self.dialog = dlg
        dlg.open()
        return dlg

    def settings_dialog(self):
        from .settings_dialog import SettingsDialog

        dlg = SettingsDialog(self.settings, self)
        dlg.language_changed.connect(self.set_language)
        dlg.accepted.connect(lambda: self.autosave.set_interval(self.settings.autosave_seconds))
        self.dialog = dlg
        dlg.open()
        return dlg

    def about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

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

        if not self.ready:  # closed before the workspace existed: nothing to save but the layout
            self.save_layout()
            event.accept()
            return
        self.inspector.commit_text()
        if self.session.modified and self.ask_on_close:
            from PySide6.QtWidgets import QMessageBox

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
        from .workers import wait_all

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
