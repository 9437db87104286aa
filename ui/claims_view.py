"""The claims panel: filter bar (text, source, stance) over a table of claims."""
from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence, QPalette
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMenu,
                               QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem,
                               QTableView, QVBoxLayout, QWidget)

from briefing.model import Claim

from .claims_model import (CLAIM_ID_ROLE, COL_CUE, COL_FIGURES, COL_GRADE, COL_LOC, COL_SOURCE, COL_STANCE,
                           COL_TEXT, COL_USE, STANCE_COLORS, STANCE_TEXT, ClaimsFilter, ClaimsModel, source_name,
                           stance_label)
from .i18n import tr

FILTER_DELAY_MS = 150


class ClaimsDelegate(QStyledItemDelegate):
    """Fills a cell's style option from the row's cached cells in one Python call (the default
    asks the model for seven roles per cell, each a call into Python): a repaint of the table
    costs a third as much. Drawing stays Qt's own (selection, check boxes, eliding)."""

    def __init__(self, proxy, parent=None):
        super().__init__(parent)
        self.proxy = proxy
        F = QStyleOptionViewItem.ViewItemFeature
        # the features a cell has (check box or text; alternate row), combined once: reading and
        # or-ing enum flags per cell would cost more than the rest of this function
        self._features = {(check, alt): (F.HasCheckIndicator if check else F.HasDisplay) | (F.Alternate if alt
                                                                                          else F.None_)
                          for check in (True, False) for alt in (True, False)}
        self._alternate = True
        self._bg = {k: QBrush(QColor(v)) for k, v in STANCE_COLORS.items()}
        self._fg = {k: QBrush(QColor(v)) for k, v in STANCE_TEXT.items()}
        self._text_role = QPalette.ColorRole.Text
        self._checked, self._unchecked = Qt.CheckState.Checked, Qt.CheckState.Unchecked
        self._style = QApplication.style()
        self._element = QStyle.ControlElement.CE_ItemViewItem

    def paint(self, painter, option, index):
        """Qt's own item drawing, by the application's style directly: the window's style
        sheet (which would look up its rules for every cell) has nothing to say about cells."""
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        self._style.drawControl(self._element, opt, painter, opt.widget)

    def initStyleOption(self, option, index):  # noqa: N802
        proxy = self.proxy
        row = index.row()
        if not (0 <= row < len(proxy._rows)):
            return super().initStyleOption(option, index)
        texts, stance, included = proxy._m.cells(proxy._rows[row])
        col = index.column()
        option.index = index
        alt = row & 1 and self._alternate
        if col == COL_USE:
            option.features = self._features[(True, bool(alt))]
            option.checkState = self._checked if included else self._unchecked
            return
        option.features = self._features[(False, bool(alt))]
        text = texts[col]
        if col == COL_TEXT:
            # Qt lays out the whole string to elide it; no character is narrower than 3 px, so
            # what lies beyond width/3 characters can never show: cut it off first
            limit = option.rect.width() // 3 + 1
            if len(text) > limit:
                text = text[:limit]
        option.text = text
        if col == COL_STANCE:
            option.backgroundBrush = self._bg.get(stance, option.backgroundBrush)
            pal = option.palette
            pal.setBrush(self._text_role, self._fg.get(stance, pal.text()))
            option.palette = pal


class ClaimsTable(QTableView):
    """Rows of claims; Space ticks/unticks the selected rows."""

    toggle_requested = Signal(list, bool)

    def keyPressEvent(self, event):  # noqa: N802
        if event.key() == Qt.Key.Key_Space and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            ids = self.selected_ids()
            if ids:
                model = self.model()
                first = model.index(self.selectionModel().selectedRows()[0].row(), COL_USE)
                checked = first.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
                self.toggle_requested.emit(ids, not checked)
                return
        super().keyPressEvent(event)

    def selected_ids(self) -> list[str]:
        rows = sorted(self.selectionModel().selectedRows(), key=lambda i: i.row())
        return [i.data(CLAIM_ID_ROLE) for i in rows]


class ClaimsPanel(QWidget):
    claim_selected = Signal(str)  # the current claim changed (id or "")
    toggle_requested = Signal(list, bool)
    split_requested = Signal(str)
    merge_requested = Signal(list)
    copy_requested = Signal(list)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = ClaimsModel(self)
        self.model.toggle_handler = self.toggle_requested.emit
        self.proxy = ClaimsFilter(self)
        self.proxy.setSourceModel(self.model)

        self.filter_edit = QLineEdit()
        self.filter_edit.setClearButtonEnabled(True)
        self.source_combo = QComboBox()
        self.source_combo.setMinimumContentsLength(14)
        self.source_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.stance_combo = QComboBox()
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.filter_edit, 3)
        bar.addWidget(self.source_combo, 2)
        bar.addWidget(self.stance_combo, 1)
        bar.addWidget(self.count_label)

        self.table = ClaimsTable()
        t = self.table
        t.setModel(self.proxy)
        self.delegate = ClaimsDelegate(self.proxy, t)
        t.setItemDelegate(self.delegate)
        self.delegate._alternate = True  # matches setAlternatingRowColors below
        t.setSortingEnabled(True)
        t.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        t.setWordWrap(False)
        t.setAlternatingRowColors(True)
        t.setShowGrid(False)
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        t.setDragEnabled(True)
        t.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        t.setDefaultDropAction(Qt.DropAction.CopyAction)
        t.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        t.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        vh = t.verticalHeader()
        vh.setVisible(False)
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # uniform rows: smooth with 10,000 claims
        vh.setDefaultSectionSize(t.fontMetrics().height() + 8)
        t.setTextElideMode(Qt.TextElideMode.ElideRight)
        hh = t.horizontalHeader()
        # the claim is what the analyst reads: it takes all the width the other, narrow columns
        # leave (they elide, with the whole text as tool tip); never sized to contents (10,000 rows)
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setSectionResizeMode(COL_TEXT, QHeaderView.ResizeMode.Stretch)
        hh.setSectionResizeMode(COL_USE, QHeaderView.ResizeMode.Fixed)
        hh.setMinimumSectionSize(24)
        hh.setHighlightSections(False)
        hh.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self._widths = {COL_USE: 26, COL_SOURCE: 104, COL_CUE: 64, COL_STANCE: 60, COL_FIGURES: 72, COL_LOC: 38,
                        COL_GRADE: 36}
        t.toggle_requested.connect(self.toggle_requested)
        t.customContextMenuRequested.connect(self._context_menu)
        t.selectionModel().currentRowChanged.connect(self._current_changed)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        lay.addLayout(bar)
        lay.addWidget(t)

        # typing is debounced: the filter runs once the user pauses for FILTER_DELAY_MS
        self._filter_timer = QTimer(self, singleShot=True, interval=FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self._apply_text_filter)
        self.filter_edit.textChanged.connect(lambda _t: self._filter_timer.start())
        self.source_combo.currentIndexChanged.connect(self._apply_combo_filters)
        self.stance_combo.currentIndexChanged.connect(self._apply_combo_filters)
        # rows come and go in many small ranges while filtering: count once, when it settles
        self._count_timer = QTimer(self, singleShot=True, interval=0)
        self._count_timer.timeout.connect(self._update_count)
        for sig in (self.proxy.modelReset, self.proxy.layoutChanged):
            sig.connect(self._count_timer.start)
        self.retranslate()

    # ------------------------------------------------------------------ text
    def retranslate(self) -> None:
        self.filter_edit.setPlaceholderText(tr("Filter claims (Ctrl+F)"))
        self.filter_edit.setAccessibleName(tr("Filter claims"))
        self.source_combo.setAccessibleName(tr("Filter by source"))
        self.stance_combo.setAccessibleName(tr("Filter by stance"))
        self.table.setAccessibleName(tr("Claims"))
        with QSignalBlocker(self.stance_combo):
            current = self.stance_combo.currentData()
            self.stance_combo.clear()
            self.stance_combo.addItem(tr("All stances"), "")
            for s in ("reported", "hedged", "asserted"):
                self.stance_combo.addItem(stance_label(s), s)
            self.stance_combo.setCurrentIndex(max(0, self.stance_combo.findData(current or "")))
        self.model.retranslate()
        # columns wide enough for their header and the longest stance word in this language
        fm = self.table.fontMetrics()
        bold = self.table.horizontalHeader().fontMetrics()
        for col, width in self._widths.items():
            header = str(self.model.headerData(col, Qt.Orientation.Horizontal) or "")
            need = bold.horizontalAdvance(header) + 18
            if col == COL_STANCE:
                need = max(need, *(fm.horizontalAdvance(stance_label(x)) + 16 for x in ("reported", "hedged", "asserted")))
            self.table.setColumnWidth(col, max(width, need))
        self._fill_sources()
        self._update_count()

    # ------------------------------------------------------------------ content
    def set_claims(self, claims: list[Claim]) -> None:
        current = self.current_id()
        self.model.set_claims(claims)  # the proxy follows the model's reset
        self._fill_sources()
        if current:
            self.select_claim(current, scroll=False)
        self._update_count()

    def _fill_sources(self) -> None:
        names = sorted({source_name(c) for c in self.model.claims()} - {""}, key=str.casefold)
        with QSignalBlocker(self.source_combo):
            current = self.source_combo.currentData()
            self.source_combo.clear()
            self.source_combo.addItem(tr("All sources"), "")
            for n in names:
                self.source_combo.addItem(n, n)
            self.source_combo.setCurrentIndex(max(0, self.source_combo.findData(current or "")))
        self.proxy.set_filter(source=self.source_combo.currentData() or "")

    def _apply_text_filter(self) -> None:
        self._filtered(text=self.filter_edit.text())

    def _apply_combo_filters(self) -> None:
        self._filtered(source=self.source_combo.currentData() or "", stance=self.stance_combo.currentData() or "")

    def _filtered(self, **change) -> None:
        """Change the filter; the current and selected claims stay so where they are still shown."""
        before = self.proxy.filter_state()
        current, selected = self.current_id(), self.table.selected_ids()
        self.proxy.set_filter(**change)
        if self.proxy.filter_state() == before:
            return
        self._reselect(current, selected)
        self._update_count()

    def _reselect(self, current: str, selected: list[str]) -> None:
        sm = self.table.selectionModel()
        last = self.proxy.columnCount() - 1
        sel = QItemSelection()
        for cid in selected:
            pidx = self.proxy.mapFromSource(self.model.index(self.model.row_of(cid), 0))
            if pidx.isValid():
                sel.select(pidx, self.proxy.index(pidx.row(), last))
        cur = self.proxy.mapFromSource(self.model.index(self.model.row_of(current), 0)) if current else None
        with QSignalBlocker(sm):  # the same claims as before: nothing to tell the window
            if cur is not None and cur.isValid():
                sm.setCurrentIndex(cur, QItemSelectionModel.SelectionFlag.NoUpdate)
            if not sel.isEmpty():
                sm.select(sel, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.table.viewport().update()

    def apply_filter_now(self) -> None:
        self._filter_timer.stop()
        self._apply_text_filter()

    def _update_count(self, *args) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        ticked = self.model.ticked()
        self.count_label.setText(tr("%n claim(s)", shown) if shown == total
                                 else tr("%1 of %2").replace("%1", str(shown)).replace("%2", str(total)))
        self.count_label.setToolTip(tr("%n ticked", ticked))

    # ------------------------------------------------------------------ selection
    def current_id(self) -> str:
        idx = self.table.currentIndex()
        return idx.data(CLAIM_ID_ROLE) if idx.isValid() else ""

    def _current_changed(self, current, _previous) -> None:
        self.claim_selected.emit(current.data(CLAIM_ID_ROLE) if current.isValid() else "")

    def select_claim(self, claim_id: str, *, scroll: bool = True) -> bool:
        row = self.model.row_of(claim_id)
        if row < 0:
            return False
        pidx = self.proxy.mapFromSource(self.model.index(row, COL_USE))
        if not pidx.isValid():  # filtered out: clear the filter so the claim can be shown
            self.clear_filters()
            pidx = self.proxy.mapFromSource(self.model.index(row, COL_USE))
        if self.table.currentIndex() != pidx:
            self.table.selectionModel().setCurrentIndex(
                pidx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        if scroll:
            self.table.scrollTo(pidx, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def clear_filters(self) -> None:
        for w in (self.filter_edit, self.source_combo, self.stance_combo):
            w.blockSignals(True)
        self.filter_edit.clear()
        self.source_combo.setCurrentIndex(0)
        self.stance_combo.setCurrentIndex(0)
        for w in (self.filter_edit, self.source_combo, self.stance_combo):
            w.blockSignals(False)
        self.proxy.set_filter(text="", source="", stance="")
        self._update_count()

    def select_reported_by(self, name: str) -> int:
        """Select every shown claim that ``name`` reported; returns how many."""
        sel = QItemSelection()
        last = self.proxy.columnCount() - 1
        n = 0
        for r in range(self.proxy.rowCount()):
            c = self.model.claim_at(self.proxy.mapToSource(self.proxy.index(r, 0)).row())
            if c.stance == "reported" and source_name(c) == name:
                sel.select(self.proxy.index(r, 0), self.proxy.index(r, last))
                n += 1
        self.table.selectionModel().select(sel, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        return n

    # ------------------------------------------------------------------ menu
    def _context_menu(self, pos) -> None:
        ids = self.table.selected_ids()
        if not ids:
            return
        menu = QMenu(self)
        menu.addAction(tr("Include"), lambda: self.toggle_requested.emit(ids, True))
        menu.addAction(tr("Exclude"), lambda: self.toggle_requested.emit(ids, False))
        claim = self.model.claim_at(self.model.row_of(ids[0]))
        name = source_name(claim)
        if name:
            menu.addAction(tr("Select all reported by “%1”").replace("%1", name),
                           lambda: self.select_reported_by(name))
        menu.addSeparator()
        copy = QAction(tr("Copy with citations"), menu)
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.triggered.connect(lambda: self.copy_requested.emit(ids))
        menu.addAction(copy)
        if len(ids) >= 2:
            menu.addAction(tr("Merge claims"), lambda: self.merge_requested.emit(ids))
        menu.popup(self.table.viewport().mapToGlobal(pos))
