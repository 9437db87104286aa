"""Paragraphs of plain runs for the PDF, laid out and drawn by us.

reportlab's ``Paragraph`` parses markup with an HTML parser and breaks lines with a general
algorithm that compares the look of neighbouring pieces word by word; for the hundreds of
claim paragraphs and notes of a long brief that was about a third of the PDF export.
:class:`TextPara` lays out what these paragraphs hold (text in the style's face, bold and
italic runs, links, reference marks, anchors) the way reportlab does for them:

* lines filled word by word, left-aligned: a word goes on the line when it fits, a word
  longer than a whole line is cut at characters; no-break spaces hold words together;
* reportlab's geometry: first baseline one font size below the top, ``leading`` between
  lines, ``firstLineIndent``/``leftIndent``/``rightIndent``, bullets at ``bulletIndent``;
* reference marks as reportlab's ``<super>`` (raised by half the font size, two points
  smaller), internal links as named destinations and URLs as URI links, anchors as
  horizontal bookmarks at the top of their line;
* splitting between lines with reportlab's rule (no single first line left at the foot of a
  page).

Each line is written as few text runs as its looks allow. Styles with a background, a
border or another alignment keep reportlab's ``Paragraph``.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from reportlab.lib.colors import toColor
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus.flowables import Flowable

from ..document import NoteRef, keep_locators

LINK_COLOR = "#1f4e99"
_SPACES = re.compile(r"[ \t\r\n]+")  # not the no-break space
_SUPER_RISE = 0.5  # reportlab's supFraction
_SUPER_SMALLER = 2.0  # reportlab's sizeDelta (at most a fifth of the size)


class Piece(NamedTuple):
    """A stretch of text in one look (``anchor``: a bookmark name, with empty text)."""

    text: str
    font: str
    size: float
    rise: float = 0.0
    color: object = None
    link: str | None = None  # "#name" (a destination in the document) or a URL
    anchor: str | None = None


def plain_style(style) -> bool:
    """Whether ``TextPara`` can draw paragraphs of ``style`` (no background or border, left-aligned)."""
    return (style.alignment == TA_LEFT and not style.backColor
            and not (style.borderWidth and style.borderColor) and not getattr(style, "autoLeading", "")
            and not getattr(style, "endDots", None))


_COLORS: dict = {}
_WIDTHS: dict = {}  # (text, font, size) -> width: words repeat a lot in a brief


def _color(value):
    c = _COLORS.get(value)
    if c is None:
        c = _COLORS[value] = toColor(value)
    return c


def width(text: str, font: str, size: float) -> float:
    key = (text, font, size)
    w = _WIDTHS.get(key)
    if w is None:
        if len(_WIDTHS) > 50000:
            _WIDTHS.clear()
        w = _WIDTHS[key] = stringWidth(text, font, size)
    return w


def pieces(content, style, *, prefix: list[Piece] | None = None, notes_linked: bool = True) -> list[Piece]:
    """The document's inline content (runs and note references) as pieces in ``style``."""
    family, bold, italic = ps2tt(style.fontName)
    color = _color(style.textColor)
    link_color = _color(LINK_COLOR)
    size = style.fontSize
    out = list(prefix or [])
    for inline in content:
        if isinstance(inline, NoteRef):
            n = inline.note
            out.append(Piece("", style.fontName, size, anchor=n.ref_anchor))
            out.append(Piece(str(n.number), style.fontName, size - min(_SUPER_SMALLER, 0.2 * size),
                             size * _SUPER_RISE, color, f"#{n.anchor}" if notes_linked else None))
            continue
        face = tt2ps(family, bold or inline.bold, italic or inline.italic)
        out.append(Piece(keep_locators(inline.text), face, size, 0.0,
                         link_color if inline.link else color, inline.link))
    return out


class _Word(NamedTuple):
    parts: list  # [(Piece, text)]
    width: float
    space: float  # width of the space after it
    space_look: Piece | None = None  # the piece that space belongs to (its font and size)


def _words(items: list[Piece]) -> list[_Word]:
    """Words and the spaces between them; a space has the look of the run it stands in."""
    words: list[_Word] = []
    parts: list = []

    def close(space_look: Piece | None):
        if parts:
            total = sum(width(t, p.font, p.size) for p, t in parts if t)
            look = space_look or next((p for p, t in reversed(parts) if t), parts[-1][0])
            words.append(_Word(list(parts), total, width(" ", look.font, look.size), look))
        parts.clear()

    for piece in items:
        if piece.anchor:
            parts.append((piece, ""))
            continue
        chunks = _SPACES.split(piece.text)
        for i, chunk in enumerate(chunks):
            if i:
                close(piece)
            if chunk:
                parts.append((piece, chunk))
    close(None)
    # an anchor alone (a reference at the very start) joins the word after it
    merged: list[_Word] = []
    for w in words:
        if merged and not merged[-1].width and all(p.anchor for p, _t in merged[-1].parts):
            prev = merged.pop()
            w = w._replace(parts=prev.parts + w.parts)
        merged.append(w)
    return merged


def _cut(word: _Word, first: float, rest: float) -> list[_Word]:
    """A word wider than a line cut at characters, as reportlab cuts it: the first piece fills
    ``first`` (what is left of the current line; it may stay empty), the others lines of ``rest``."""
    out: list[_Word] = []
    parts: list = []
    limit, line_width, chunk_width = first, 0.0, 0.0
    for piece, text in word.parts:
        start = 0
        for i, ch in enumerate(text):
            cw = width(ch, piece.font, piece.size)
            if line_width + cw > limit and (chunk_width or cw <= rest):
                if i > start:
                    parts.append((piece, text[start:i]))
                out.append(_Word(parts, chunk_width, 0.0))
                parts, limit, line_width, chunk_width, start = [], rest, 0.0, 0.0, i
            line_width += cw
            chunk_width += cw
        if start < len(text) or piece.anchor:
            parts.append((piece, text[start:]))
    out.append(_Word(parts, chunk_width, word.space, word.space_look))
    return out


class TextPara(Flowable):
    """A paragraph of pieces (see the module notes); ``_notes`` as for the footnote frame."""

    _notes: tuple = ()

    def __init__(self, items: list[Piece], style, bullet: str | None = None):
        super().__init__()
        self.style = style
        self.bullet = bullet
        self._items = items
        self._lines: list[tuple[float, list[_Word], float]] | None = None  # (x, words, word space)
        self._for_width: float | None = None
        self._first = True  # the first part: bullet and first-line indent

    # ------------------------------------------------------------------ layout
    def _bullet_offset(self) -> float:
        st = self.style
        offset = st.firstLineIndent
        if self.bullet and self._first:
            end = st.bulletIndent + width(self.bullet, st.bulletFontName, st.bulletFontSize)
            offset = max(offset, end + st.bulletFontSize * 0.6 - st.leftIndent)
        return offset

    def _layout(self, width: float) -> list[tuple[float, list[_Word]]]:
        st = self.style
        first_offset = self._bullet_offset() if self._first else 0.0
        full = width - st.leftIndent - st.rightIndent
        shrink = getattr(st, "spaceShrinkage", 0) or 0
        lines: list[tuple[float, list[_Word], float]] = []
        line: list[_Word] = []
        used = gaps = 0.0

        def room() -> float:
            return full - (first_offset if not lines else 0.0)

        def flush():
            nonlocal line, used, gaps
            word_space = 0.0
            if used > room() + 1e-8:  # fitted by narrowing its spaces, as reportlab does
                spaces = len(line) - 1 + sum(t.count("\u00a0") for w in line for _p, t in w.parts)
                if spaces > 0:
                    word_space = (room() - used) / spaces
            lines.append((st.leftIndent + (first_offset if not lines else 0.0), line, word_space))
            line, used, gaps = [], 0.0, 0.0

        def add(word: _Word) -> None:
            nonlocal used, gaps
            if line:
                used += line[-1].space
                gaps += line[-1].space
            line.append(word)
            used += word.width

        for word in _words(self._items):
            space = line[-1].space if line else 0.0
            if used + space + word.width > room() + shrink * (gaps + space):
                if word.width > room():  # longer than the line: cut, starting on this line
                    cut = _cut(word, room() - used - space, full)
                    if cut[0].parts:
                        add(cut[0])
                    if line:
                        flush()
                    for part in cut[1:-1]:
                        add(part)
                        flush()
                    word = cut[-1]
                elif line:
                    flush()
            add(word)
        if line:
            flush()
        return lines

    def wrap(self, availWidth, availHeight):
        if self._lines is None or self._for_width != availWidth:
            self._lines = self._layout(availWidth)
            self._for_width = availWidth
        self.width = availWidth
        self.height = len(self._lines) * self.style.leading
        return self.width, self.height

    def split(self, availWidth, availHeight):
        self.wrap(availWidth, availHeight)
        st = self.style
        fit = int(availHeight / float(st.leading))
        if (not getattr(st, "allowOrphans", 0) and fit <= 1) or fit == 0:
            return []
        if len(self._lines) <= fit:
            return [self]
        head, tail = self._part(self._lines[:fit], True), self._part(self._lines[fit:], False)
        tail._notes = self._notes  # our references end their paragraph
        return [head, tail]

    def _part(self, lines, first: bool) -> "TextPara":
        part = TextPara(self._items, self.style, self.bullet if first and self._first else None)
        part._lines, part._for_width, part._first = lines, self._for_width, first and self._first
        return part

    # ------------------------------------------------------------------ drawing
    def draw(self):
        canv = self.canv
        st = self.style
        leading = st.leading
        y = self.height - st.fontSize
        if self.bullet and self._first:
            bt = canv.beginText(st.bulletIndent, y)
            bt.setFont(st.bulletFontName, st.bulletFontSize)
            bt.setFillColor(getattr(st, "bulletColor", None) or st.textColor)
            bt.textOut(self.bullet)
            canv.drawText(bt)
        tx = canv.beginText(0, y)
        look = None
        buf: list[str] = []
        links: list[list] = []  # [target, x1, x2, y, size, rise]
        anchors: list[tuple[str, float, float]] = []

        def set_look(piece):
            nonlocal look
            new = (piece.font, piece.size, piece.rise, piece.color)
            if new == look:
                return
            if buf:
                tx.textOut("".join(buf))
                buf.clear()
            if look is None or (new[0], new[1]) != (look[0], look[1]):
                tx.setFont(piece.font, piece.size, leading)
            if look is None or new[2] != look[2]:
                tx.setRise(piece.rise)
            if look is None or new[3] != look[3]:
                tx.setFillColor(piece.color)
            look = new

        word_space = 0.0
        for x, words, line_space in self._lines:
            if buf:
                tx.textOut("".join(buf))
                buf.clear()
            if line_space != word_space:
                tx.setWordSpace(line_space)
                word_space = line_space
            tx.setTextOrigin(x, y)
            for j, word in enumerate(words):
                gap = 0.0  # what may lie between two parts of one link: the space between words
                if j:
                    set_look(words[j - 1].space_look)
                    buf.append(" ")
                    gap = words[j - 1].space + word_space
                    x += gap
                for piece, text in word.parts:
                    if piece.anchor:
                        anchors.append((piece.anchor, x, y + leading))
                        continue
                    set_look(piece)
                    buf.append(text)
                    w = width(text, piece.font, piece.size)
                    if word_space and "\u00a0" in text:
                        w += word_space * text.count("\u00a0")
                    if piece.link:
                        last = links[-1] if links else None
                        if last and last[0] == piece.link and last[3] == y and -1e-6 <= x - last[2] <= gap + 1e-6:
                            last[2] = x + w  # the same link running on
                        else:
                            links.append([piece.link, x, x + w, y, piece.size, piece.rise])
                    x += w
                    gap = 0.0
            y -= leading
        if buf:
            tx.textOut("".join(buf))
        if word_space:
            tx.setWordSpace(0)
        canv.drawText(tx)
        for name, ax, ay in anchors:
            canv.bookmarkHorizontal(name, ax, ay)
        for target, x1, x2, ly, size, rise in links:
            rect = (x1, ly + rise - size * 0.2, x2, ly + rise + size * 0.8)
            if target.startswith("#"):
                canv.linkRect("", target[1:], rect, relative=1)
            else:
                canv.linkURL(target, rect, relative=1, kind="URI")
