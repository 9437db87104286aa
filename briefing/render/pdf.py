"""Document -> PDF with reportlab: footnotes at the foot of their page, in one layout pass.

How the footnotes work (reportlab has none):

* every body paragraph that carries note references is a ``_NotedParagraph`` knowing its
  notes; the note paragraphs are built once and measured once (their width never changes);
* the page's single frame (``_NoteFrame``) raises its bottom edge by the height of a
  paragraph's notes *while it tries to place that paragraph*: if paragraph and notes fit,
  the bottom stays raised (the notes own that space now) and the notes are queued for the
  page; if not, the bottom is restored and reportlab splits the paragraph as usual — the
  part that holds the reference (our references end their paragraph) carries the notes
  to the next page;
* at the end of each page the queued notes are drawn into the reserved space.

So each flowable is laid out once; nothing is re-run to find where notes land. "Page X
of Y" needs the total: the canvas keeps each finished page's drawing and adds the footer
when it knows the count (a cheap replay of page state, not a second layout).
"""
from __future__ import annotations

import os
import re
import tempfile
import time
from pathlib import Path



class _DeferredPattern:
    """A regular expression compiled when first used (see :func:`_deferred_unicode_patterns`)."""

    __slots__ = ("_args", "_compiled")

    def __init__(self, pattern: str, flags: int):
        self._args = (pattern, flags)
        self._compiled = None

    def __getattr__(self, name):
        if self._compiled is None:
            self._compiled = _re_compile(*self._args)
        return getattr(self._compiled, name)


_re_compile = re.compile


def _deferred(pattern, flags=0):
    # case-insensitive classes up to U+FFFF: Python works out the case variants of every
    # character in the range when compiling (~45 ms for reportlab's URL pattern)
    if isinstance(pattern, str) and flags & re.IGNORECASE and "\uffff" in pattern:
        return _DeferredPattern(pattern, flags)
    return _re_compile(pattern, flags)


def _import_reportlab():
    """Import reportlab's paragraph module with such patterns compiled on first use: its URL
    pattern (only used to hyphenate URLs, which we do not ask for) cost ~45 ms per export."""
    import sys

    if "reportlab.platypus.paragraph" in sys.modules:
        return
    re.compile = _deferred
    try:
        import reportlab.platypus.paragraph  # noqa: F401
    finally:
        re.compile = _re_compile


_import_reportlab()

from reportlab.lib.enums import TA_CENTER, TA_LEFT  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Table, TableStyle  # noqa: E402
from reportlab.platypus.flowables import CondPageBreak, Flowable, HRFlowable, Spacer  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402

from ..document import Document, Heading, ListBlock, Note, NoteRef, Run, keep_locators
from ..document import Paragraph as DParagraph
from ..document import Table as DTable
from ..project import give_output_mode
from .fonts import register_fonts
from .pdf_text import Piece, TextPara, pieces, plain_style  # noqa: E402 - after _import_reportlab
from .pdf_text import width as text_width  # noqa: E402

_NOTE_GAP = 1.5  # points between two footnotes
_SEP_SPACE = 7.0  # points above the first footnote: the separator rule and air


def escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as entities, for paragraph markup (what ``xml.sax.saxutils.escape``
    does; that module imports urllib, http and email, a cost on every cold export)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(value: str) -> str:
    return escape(value).replace('"', "&quot;")


def _styles(doc: Document) -> dict[str, ParagraphStyle]:
    fonts = register_fonts((doc.body_font, doc.heading_font))
    body, head = fonts[doc.body_font], fonts[doc.heading_font]
    head_bold = fonts[doc.heading_font + "-bold"]
    size = doc.font_size
    base = ParagraphStyle("body", fontName=body, fontSize=size, leading=size * 1.38, spaceAfter=size * 0.45,
                          alignment=TA_LEFT)
    return {
        "title": ParagraphStyle("title", parent=base, fontName=head_bold, fontSize=size * 1.9, leading=size * 2.3,
                                spaceAfter=size * 0.4, textColor="#1f3a5f"),
        "h1": ParagraphStyle("h1", parent=base, fontName=head_bold, fontSize=size * 1.25, leading=size * 1.6,
                             spaceBefore=size * 1.1, spaceAfter=size * 0.4, textColor="#1f3a5f"),
        "h2": ParagraphStyle("h2", parent=base, fontName=head_bold, fontSize=size * 1.05, leading=size * 1.4,
                             spaceBefore=size * 0.7, spaceAfter=size * 0.25, textColor="#1f3a5f"),
        "body": base,
        "bullet": ParagraphStyle("bullet", parent=base, leftIndent=6 * mm, bulletIndent=1.5 * mm,
                                 bulletFontName=body),
        "quote": ParagraphStyle("quote", parent=base, leftIndent=8 * mm, rightIndent=8 * mm),
        "judgment": ParagraphStyle("judgment", parent=base, fontName=fonts[doc.body_font + "-italic"],
                                   backColor="#eef2f7", borderColor="#5b7fa6", borderWidth=0, borderPadding=(4, 6, 4, 6),
                                   leftIndent=3, rightIndent=3, spaceBefore=size * 0.5, spaceAfter=size * 0.9),
        "bottom_line": ParagraphStyle("bottom_line", parent=base, fontName=fonts[doc.body_font + "-bold"],
                                      backColor="#eef2f7", borderPadding=(5, 6, 5, 6), leftIndent=3, rightIndent=3,
                                      spaceBefore=size * 0.3, spaceAfter=size * 0.9),
        "guidance": ParagraphStyle("guidance", parent=base, fontSize=size * 0.85, textColor="#666666"),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontName=head, fontSize=size * 1.2, leading=size * 1.5,
                                   textColor="#333333"),
        "meta": ParagraphStyle("meta", parent=base, fontName=head, fontSize=size * 0.85, textColor="#444444",
                               spaceAfter=size * 0.3),
        "source_entry": ParagraphStyle("source_entry", parent=base, leftIndent=6 * mm, firstLineIndent=-6 * mm),
        "small": ParagraphStyle("small", parent=base, fontSize=size * 0.85),
        "cell": ParagraphStyle("cell", parent=base, fontSize=size * 0.85, leading=size * 1.1, spaceAfter=0),
        "cellhead": ParagraphStyle("cellhead", parent=base, fontName=head_bold, fontSize=size * 0.85,
                                   leading=size * 1.1, spaceAfter=0),
        "note": ParagraphStyle("note", parent=base, fontSize=size * 0.78, leading=size * 0.98, spaceAfter=0,
                               leftIndent=4 * mm, firstLineIndent=-4 * mm),
        "furniture": ParagraphStyle("furniture", parent=base, fontName=fonts["sans"], fontSize=8,
                                    alignment=TA_CENTER),
    }


def _markup(content, links: bool = True) -> str:
    out = []
    for inline in content:
        if isinstance(inline, NoteRef):
            n = inline.note
            out.append(f'<a name="{n.ref_anchor}"/><a href="#{n.anchor}"><super>{n.number}</super></a>')
            continue
        t = escape(keep_locators(inline.text))
        if inline.bold:
            t = f"<b>{t}</b>"
        if inline.italic:
            t = f"<i>{t}</i>"
        if inline.link and links:
            t = f'<a href="{_attr(inline.link)}" color="#1f4e99">{t}</a>'
        out.append(t)
    return "".join(out)


class _NotedParagraph(Paragraph):
    """A body paragraph with the notes its references point to."""

    _notes: tuple = ()

    def split(self, availWidth, availHeight):
        parts = Paragraph.split(self, availWidth, availHeight)
        if len(parts) > 1:
            for p in parts:
                p._notes = ()
            parts[-1]._notes = self._notes  # the reference ends the paragraph
        return parts


class _Heading(Paragraph):
    _outline: tuple | None = None  # (key, text, level)


class _NoteFrame(Frame):
    """A frame whose bottom rises by the height of the footnotes placed on its page."""

    def __init__(self, *args, notes: "_Notes", **kw):
        self._note_store = notes
        super().__init__(*args, **kw)

    def _reset(self):
        super()._reset()
        self._y1p = self._y1 + self._bottomPadding  # Frame._reset keeps a raised bottom
        self.page_notes: list[Note] = []

    def _add(self, flowable, canv, trySplit=0):
        notes = getattr(flowable, "_notes", ())
        if not notes:
            return Frame._add(self, flowable, canv, trySplit)
        extra = self._note_store.height(notes, first=not self.page_notes)
        bottom = self._y1p
        self._y1p = bottom + extra
        ok = Frame._add(self, flowable, canv, trySplit)
        if ok:
            self.page_notes.extend(notes)
        else:
            self._y1p = bottom
        return ok

    add = _add  # Frame binds ``add`` to its own ``_add`` at class level

    def split(self, flowable, canv):
        # Split as if the notes were already placed: the first part then leaves room for
        # them, so a paragraph that fits only without its notes still moves its last line
        # (which holds the reference) to the next page together with the notes.
        notes = getattr(flowable, "_notes", ())
        if not notes:
            return Frame.split(self, flowable, canv)
        bottom = self._y1p
        self._y1p = bottom + self._note_store.height(notes, first=not self.page_notes)
        try:
            return Frame.split(self, flowable, canv)
        finally:
            self._y1p = bottom


def _note_pieces(note: Note, style: ParagraphStyle, anchor: bool = False) -> list[Piece]:
    """A note: its number linked back to the reference mark, a no-break space, its text."""
    head = [Piece("", style.fontName, style.fontSize, anchor=note.anchor)] if anchor else []
    number = pieces([Run(str(note.number), link=None)], style)[0]
    head += [number._replace(link=f"#{note.ref_anchor}"), number._replace(text="\u00a0")]
    return pieces(note.runs, style, prefix=head)


class _Notes:
    """The note paragraphs, built and measured once."""

    def __init__(self, doc: Document, style: ParagraphStyle, width: float):
        self.width = width
        self.paras: dict[int, Paragraph] = {}
        self.heights: dict[int, float] = {}
        for note in doc.notes:
            self.paras[note.number] = TextPara(_note_pieces(note, style), style)
        self.style = style

    def _h(self, n: int) -> float:
        h = self.heights.get(n)
        if h is None:
            h = self.paras[n].wrap(self.width, 10000)[1]
            self.heights[n] = h
        return h

    def height(self, notes, first: bool) -> float:
        return sum(self._h(n.number) + _NOTE_GAP for n in notes) + (_SEP_SPACE if first else 0)

    def draw(self, canv, notes: list[Note], x: float, bottom: float) -> None:
        if not notes:
            return
        total = self.height(notes, first=True)
        y = bottom + total
        canv.saveState()
        canv.setStrokeColor("#777777")
        canv.setLineWidth(0.5)
        canv.line(x, y - 2.5, x + 45 * mm, y - 2.5)
        canv.restoreState()
        y -= _SEP_SPACE
        for n in notes:
            h = self._h(n.number)
            p = self.paras[n.number]
            canv.bookmarkHorizontal(n.anchor, x, y + 2)  # the target of the reference mark's link
            p.drawOn(canv, x, y - h)
            y -= h + _NOTE_GAP


def _canvas_class(doc: Document, fonts: dict[str, str], margins):
    top, right, bottom, left = margins
    label = doc.page_label
    banner = doc.banner
    stamp = doc.timestamp

    class _Canvas(Canvas):
        """Keeps finished pages until the end so that the footer can say "of Y"."""

        def __init__(self, *a, **kw):
            super().__init__(*a, **kw)
            ts = self._doc._timeStamp  # the one timestamp inside: the brief's, not the clock's
            epoch = int(stamp.timestamp())
            ts.t, ts.lt = epoch, time.gmtime(epoch)
            ts.YMDhms, ts.dhh, ts.dmm = tuple(ts.lt)[:6], 0, 0
            self._pages: list[dict] = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._doc.pageCounter += 1  # destinations made on the next page must point there
            self._startPage()

        def save(self):
            total = len(self._pages)
            self._doc.pageCounter = 1  # the real pages are added now, in order
            for state in self._pages:
                self.__dict__.update(state)
                self._furniture(total)
                Canvas.showPage(self)
            Canvas.save(self)

        def _furniture(self, total: int) -> None:
            w, h = self._pagesize
            self.saveState()
            self.setFillColor("#333333")
            self.setFont(fonts["sans"], 8)
            page = self._pageNumber
            text = label.format(page=page, pages=total)
            self.drawRightString(w - right * mm, bottom * mm * 0.45, text)
            if banner:
                self.setFont(fonts["sans-bold"], 9)
                self.setFillColor("#8b0000")
                self.drawCentredString(w / 2, h - top * mm * 0.5, banner)
                self.drawCentredString(w / 2, bottom * mm * 0.45, banner)
            self.restoreState()

    return _Canvas


class _DocTemplate(BaseDocTemplate):
    def afterFlowable(self, flowable):
        outline = getattr(flowable, "_outline", None)
        if outline:
            key, text, level = outline
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(text, key, level=level, closed=False)


_TABLE_CHUNK = 24  # rows per Table flowable: splitting a long table re-measures all its rows


class _TablePart(Flowable):
    """A later chunk of a long table: without the header when it continues the table on the
    same page, with the header when it starts a page (at the top of the frame), and split so
    that the part carried to the next page starts with the header again."""

    def __init__(self, make, first: int, last: int):
        super().__init__()
        self._make, self._first, self._last = make, first, last
        self._plain = make(first, last, header=False)
        self._table = self._plain

    def _at_top(self) -> bool:
        frame = getattr(self, "_frame", None)
        return bool(getattr(frame, "_atTop", 0))

    def wrap(self, aw, ah):
        if self._at_top():
            if self._table is self._plain:
                self._table = self._make(self._first, self._last, header=True)
        else:
            self._table = self._plain
        self.width, self.height = self._table.wrap(aw, ah)
        return self.width, self.height

    def split(self, aw, ah):
        if self._at_top():
            return self._make(self._first, self._last, header=True).split(aw, ah)
        self._plain.wrap(aw, ah)
        parts = self._plain.split(aw, ah)
        if len(parts) < 2:
            return parts
        done = len(parts[0]._cellvalues)
        return [parts[0], self._make(self._first + done, self._last, header=True)]

    def drawOn(self, canvas, x, y, _sW=0):
        self._table.drawOn(canvas, x, y, _sW)


def _break_lines(text: str, font: str, size: float, width: float) -> str:
    """``text`` broken at spaces into lines no wider than ``width`` (no-break spaces hold)."""
    stringWidth = text_width  # noqa: N806 - widths of repeated words are looked up once

    words = re.split(r"[ \t\r\n]+", text)
    space = stringWidth(" ", font, size)
    lines: list[str] = []
    line: list[str] = []
    used = -space
    for word in words:
        if not word:
            continue
        w = stringWidth(word, font, size)
        if line and used + space + w > width:
            lines.append(" ".join(line))
            line, used = [], -space
        line.append(word)
        used += space + w
    if line:
        lines.append(" ".join(line))
    return "\n".join(lines)


class _Table(Table):
    """A table whose plain-text cells are written into one text object (reportlab writes
    every line of every cell as a text object of its own: thousands in a long table); the
    same glyphs at the same places, written before the rules as reportlab writes them."""

    def draw(self):
        self._tx = self._look = None
        Table.draw(self)

    def _drawCell(self, cellval, cellstyle, pos, size):
        if not (isinstance(cellval, str) and cellstyle.alignment == "LEFT" and cellstyle.valign == "TOP"
                and not (cellstyle.href or cellstyle.destination or cellstyle.direction or cellstyle.shaping)):
            self._flush()
            return Table._drawCell(self, cellval, cellstyle, pos, size)
        tx = self._tx
        if tx is None:
            tx = self._tx = self.canv.beginText()
        look = (cellstyle.fontname, cellstyle.fontsize, cellstyle.leading, cellstyle.color)
        if look != self._look:
            tx.setFont(cellstyle.fontname, cellstyle.fontsize, cellstyle.leading)
            tx.setFillColor(cellstyle.color)
            self._look = look
        (colpos, rowpos), (_w, rowheight) = pos, size
        x = colpos + cellstyle.leftPadding
        y = rowpos + rowheight - cellstyle.topPadding - cellstyle.fontsize
        for line in cellval.split("\n"):
            tx.setTextOrigin(x, y)
            tx.textOut(line)
            y -= cellstyle.leading

    def _flush(self):
        if self._tx is not None:
            self.canv.saveState()
            self.canv.drawText(self._tx)
            self.canv.restoreState()
            self._tx = self._look = None
            self._curcellstyle = None  # the canvas font and colour are reportlab's again

    def _drawLines(self):
        self._flush()
        Table._drawLines(self)


_CELL_PAD = 3  # points above and below a cell's text
_CELL_SIDE = 6  # reportlab's default left/right cell padding


def _tables(block: DTable, st, width: float) -> list:
    """The table as short tables sharing one header: a long table would be re-measured
    at every page break (quadratic); chunks keep each split small. Every page the table
    runs onto starts with the header row. Each row is measured once, here: the tables get
    their row heights and never measure a cell themselves."""
    header_cells = [Paragraph(escape(c), st["cellhead"]) for c in block.header]
    rel = block.widths if block.widths and len(block.widths) == len(block.header) else [1] * len(block.header)
    widths = [width * w / sum(rel) for w in rel]
    leading = st["cell"].leading
    font, size = st["cell"].fontName, st["cell"].fontSize
    # cells are plain text broken into lines here (a Paragraph per cell is parsed as markup
    # and measured several times by the table, which dominated long tables)
    rows = [[_break_lines(keep_locators(c), font, size, w - 2 * _CELL_SIDE) for c, w in zip(row, widths)]
            for row in block.rows]

    def height(cells) -> float:
        h = leading
        for cell, w in zip(cells, widths):
            if isinstance(cell, Paragraph):
                h = max(h, cell.wrap(w - 2 * _CELL_SIDE, 1e6)[1])
            else:
                h = max(h, leading * (cell.count("\n") + 1))
        return h + 2 * _CELL_PAD

    header_height = height(header_cells)
    heights = [height(r) for r in rows]

    def make(first: int, last: int, header: bool = True) -> Table:
        data = ([header_cells] if header else []) + rows[first:last]
        row_heights = ([header_height] if header else []) + heights[first:last]
        t = _Table(data, colWidths=widths, rowHeights=row_heights, repeatRows=1 if header else 0, hAlign="LEFT")
        style = [
            ("FONTNAME", (0, 0), (-1, -1), st["cell"].fontName),  # else the table selects Helvetica
            ("FONTSIZE", (0, 0), (-1, -1), st["cell"].fontSize),
            ("LEADING", (0, 0), (-1, -1), leading),
            ("LINEBELOW", (0, 1 if header else 0), (-1, -1), 0.3, "#bbbbbb"),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), _CELL_PAD),
            ("BOTTOMPADDING", (0, 0), (-1, -1), _CELL_PAD),
            ("LEFTPADDING", (0, 0), (-1, -1), _CELL_SIDE),
            ("RIGHTPADDING", (0, 0), (-1, -1), _CELL_SIDE),
        ]
        if header:
            style += [("LINEBELOW", (0, 0), (-1, 0), 0.8, "#1f3a5f"), ("BACKGROUND", (0, 0), (-1, 0), "#e8edf3")]
        t.setStyle(TableStyle(style))
        return t

    out: list = [make(0, min(len(rows), _TABLE_CHUNK), header=True)]
    for i in range(_TABLE_CHUNK, len(rows), _TABLE_CHUNK):
        out.append(_TablePart(make, i, min(len(rows), i + _TABLE_CHUNK)))
    return out


def build_story(doc: Document, st: dict[str, ParagraphStyle], width: float) -> list:
    story: list = []
    footnotes = doc.notes_mode == "footnotes"
    outline_level = {1: 0, 2: 1}
    count = 0

    def para(p: DParagraph, style, bullet: str | None = None):
        if plain_style(style):
            out = TextPara(pieces(p.content, style), style, bullet)
            if footnotes:
                out._notes = tuple(p.notes)
            return out
        markup = _markup(p.content)
        if bullet is not None:
            out = _NotedParagraph(markup, style, bulletText=bullet)
        else:
            out = _NotedParagraph(markup, style)
        if footnotes:
            out._notes = tuple(p.notes)
        return out

    for index, block in enumerate(doc.blocks):
        if isinstance(block, Heading):
            style = st["title"] if block.level == 0 else st["h1"] if block.level == 1 else st["h2"]
            if block.level:
                # a heading never ends a page: ask for room for a few lines below it (cheaper
                # than keepWithNext, which deep-copies the next flowable to measure it); a table
                # needs its header row and a few rows of three lines
                following = doc.blocks[index + 1] if index + 1 < len(doc.blocks) else None
                lines = 10 if isinstance(following, DTable) else 3
                story.append(CondPageBreak(style.leading + st["body"].leading * lines))
            h = _Heading(escape(block.text), style)
            if block.level in outline_level:
                count += 1
                h._outline = (block.anchor or f"h{count}", block.text, outline_level[block.level])
            story.append(h)
            if block.level == 0:
                pass
        elif isinstance(block, DParagraph):
            story.append(para(block, st.get(block.style, st["body"])))
            if block.style == "meta":
                story.append(HRFlowable(width="100%", thickness=0.6, color="#1f3a5f", spaceBefore=2, spaceAfter=6))
        elif isinstance(block, ListBlock):
            for i, item in enumerate(block.items, start=1):
                story.append(para(item, st["bullet"], f"{i}." if block.ordered else "•"))
        elif isinstance(block, DTable):
            story.extend(_tables(block, st, width))
            story.append(Spacer(1, 4))
    if doc.notes and doc.notes_mode == "endnotes":
        h = _Heading(escape(doc.notes_heading), st["h1"])
        h._outline = ("notes", doc.notes_heading, 0)
        story.append(h)
        endnote = ParagraphStyle("endnote", parent=st["note"], fontSize=doc.font_size * 0.9,
                                 leading=doc.font_size * 1.2, spaceAfter=3)
        for note in doc.notes:
            story.append(TextPara(_note_pieces(note, endnote, anchor=True), endnote))
    return story


def render_pdf(doc: Document, path: str | Path) -> None:
    path = Path(path)
    top, right, bottom, left = doc.page.margins_mm
    fonts = register_fonts((doc.body_font, doc.heading_font))
    st = _styles(doc)
    pw, ph = (v * mm for v in doc.page.size_mm)
    width = pw - (left + right) * mm
    notes = _Notes(doc, st["note"], width) if doc.notes_mode == "footnotes" else None

    fd, tmp = tempfile.mkstemp(prefix=".briefing-", suffix=".pdf", dir=path.parent)
    os.close(fd)
    try:
        pdf = _DocTemplate(tmp, pagesize=(pw, ph), title=doc.title, author=doc.author, subject=doc.subject,
                           keywords=doc.keywords, lang=doc.language, creator="Briefing", producer="Briefing",
                           topMargin=top * mm, bottomMargin=bottom * mm, leftMargin=left * mm,
                           rightMargin=right * mm, invariant=1, initialFontName=fonts["sans"])
        frame_kw = dict(leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
        if notes is not None:
            frame = _NoteFrame(left * mm, bottom * mm, width, ph - (top + bottom) * mm, notes=notes, **frame_kw)

            def page_end(canv, _doc):
                notes.draw(canv, frame.page_notes, frame._x1, frame._y1)
        else:
            frame = Frame(left * mm, bottom * mm, width, ph - (top + bottom) * mm, **frame_kw)

            def page_end(canv, _doc):
                return None

        pdf.addPageTemplates([PageTemplate(id="page", frames=[frame], onPageEnd=page_end)])
        pdf.build(build_story(doc, st, width), canvasmaker=_canvas_class(doc, fonts, doc.page.margins_mm))
        give_output_mode(tmp, path)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
