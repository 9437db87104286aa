"""The body of a brief as WordprocessingML text, shared by both DOCX writers.

Both the direct package writer (:mod:`.docx_package`, no style base) and the python-docx
writer for a user's style base (:mod:`.docx_stylebase`) write the same body from the same
document tree; they differ only in where style ids and relationship ids come from. Nothing
here imports python-docx or lxml: the body is plain text, joined once.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from ..document import Document, Heading, ListBlock, NoteRef
from ..document import Paragraph as DParagraph
from ..document import Table as DTable
from .docx_notes import NoteTexts, escape, t

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

# document paragraph style -> Word style name
PARA_STYLES = {
    "body": "Normal", "quote": "Quote", "judgment": "Judgment", "bottom_line": "Bottom Line",
    "guidance": "Guidance", "subtitle": "Subtitle", "meta": "Meta", "source_entry": "Source Entry",
    "small": "Small",
}

# Characters XML 1.0 does not allow (C0 controls other than tab/newline/CR, U+FFFE/U+FFFF,
# lone surrogates): dropped, so that no stray byte of an input can make the package unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_clean(text: str) -> str:
    return _NOT_XML.sub("", text) if _NOT_XML.search(text) else text


def attr(text: str) -> str:
    """Text for a double-quoted XML attribute value."""
    return escape(text).replace('"', "&quot;")


# Units as python-docx computes them (Length in EMU, then rounded), so both writers agree.
def twips_mm(mm: float) -> int:
    return int(round(int(mm * 36000) / 635))


def twips_pt(pt: float) -> int:
    return int(round(int(pt * 12700) / 635))


def half_points(pt: float) -> int:
    return int(int(pt * 12700) / 12700 * 2)


def page_label_xml(label: str) -> str:
    """Runs for "Page {page} of {pages}" with real PAGE and NUMPAGES fields."""
    out = []
    rest = label
    while rest:
        i = min((rest.find(k) for k in ("{page}", "{pages}") if k in rest), default=-1)
        if i < 0:
            out.append(f"<w:r>{t(rest)}</w:r>")
            break
        if i:
            out.append(f"<w:r>{t(rest[:i])}</w:r>")
        if rest.startswith("{pages}", i):
            out.append('<w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>1</w:t></w:r></w:fldSimple>')
            rest = rest[i + len("{pages}"):]
        else:
            out.append('<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>')
            rest = rest[i + len("{page}"):]
    return "".join(out)


class BodyWriter:
    """Writes the blocks of a document as the content of ``w:body`` (without ``w:sectPr``).

    ``style_id(name)`` gives the style id of a Word style name (it may raise for a table
    style the base lacks: the table is then written without one); ``link_rid(url)`` gives
    the relationship id of an external hyperlink of the main part; ``notes`` collects the
    footnotes or endnotes (None: note numbers as superscript text); ``numbered_list()``,
    when given, returns the numbering id of a new ordered list (so each one starts at 1).
    """

    def __init__(self, doc: Document, *, style_id: Callable[[str], str], link_rid: Callable[[str], str],
                 notes: NoteTexts | None, own_look: bool, numbered_list: Callable[[], int] | None = None):
        self.doc = doc
        self.style_id = style_id
        self.link_rid = link_rid
        self.notes = notes
        self.own_look = own_look
        self.numbered_list = numbered_list
        self._bookmark = 0
        self._written_notes: set[int] = set()
        self._ids: dict[str, str] = {}
        self.out: list[str] = []

    def sid(self, name: str) -> str:
        sid = self._ids.get(name)
        if sid is None:
            sid = self._ids[name] = self.style_id(name)
        return sid

    def runs(self, content) -> str:
        out = []
        for inline in content:
            if isinstance(inline, NoteRef):
                note = inline.note
                if self.notes is None:
                    out.append(f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>{t(str(note.number))}</w:r>')
                    continue
                out.append(self.notes.reference_xml(note.number))
                if note.number not in self._written_notes:
                    self.notes.add(note.number, note.runs)
                    self._written_notes.add(note.number)
                continue
            props = ("<w:b/>" if inline.bold else "") + ("<w:i/>" if inline.italic else "")
            if inline.link:
                rid = self.link_rid(inline.link)
                out.append(f'<w:hyperlink r:id="{rid}"><w:r><w:rPr><w:rStyle w:val="{self.sid("Hyperlink")}"/>'
                           f'{props}</w:rPr>{t(inline.text)}</w:r></w:hyperlink>')
                continue
            out.append(f"<w:r>{'<w:rPr>' + props + '</w:rPr>' if props else ''}{t(inline.text)}</w:r>")
        return "".join(out)

    def par(self, style: str, inner: str, numbering: str = "") -> None:
        self.out.append(f'<w:p><w:pPr><w:pStyle w:val="{self.sid(style)}"/>{numbering}</w:pPr>{inner}</w:p>')

    def heading(self, block: Heading) -> None:
        name = "Title" if block.level == 0 else f"Heading {min(block.level, 3)}"
        inner = f"<w:r>{t(block.text)}</w:r>"
        if block.anchor:
            self._bookmark += 1
            bid = self._bookmark
            mark = "_" + "".join(ch if ch.isalnum() else "_" for ch in block.anchor)[:38]
            inner = f'<w:bookmarkStart w:id="{bid}" w:name="{attr(mark)}"/>{inner}<w:bookmarkEnd w:id="{bid}"/>'
        self.par(name, inner)

    def table(self, block: DTable) -> None:
        top, right, bottom, left = self.doc.page.margins_mm
        avail = self.doc.page.size_mm[0] - left - right
        rel = block.widths if block.widths and len(block.widths) == len(block.header) else [1] * len(block.header)
        widths = [twips_mm(avail * w / sum(rel)) for w in rel]
        try:
            style = f'<w:tblStyle w:val="{self.sid("Table Grid")}"/>'
        except Exception:  # noqa: BLE001 - a base without table styles: plain table
            style = ""
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)

        size = round(self.doc.font_size * 0.85 * 2)
        # the look of the PDF's table: light rules between rows, a shaded header row with a
        # dark rule below it (repeated on every page), no vertical lines
        borders = ('<w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/>'
                   '<w:bottom w:val="single" w:sz="4" w:space="0" w:color="BBBBBB"/><w:right w:val="nil"/>'
                   '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="BBBBBB"/><w:insideV w:val="nil"/>'
                   '</w:tblBorders>') if self.own_look else ""
        margins = ('<w:tblCellMar><w:top w:w="50" w:type="dxa"/><w:left w:w="80" w:type="dxa"/>'
                   '<w:bottom w:w="50" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar>')

        def row(cells, header=False):
            trpr = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if header else "<w:trPr><w:cantSplit/></w:trPr>"
            head = ('<w:tcBorders><w:bottom w:val="single" w:sz="8" w:space="0" w:color="1F3A5F"/></w:tcBorders>'
                    '<w:shd w:val="clear" w:color="auto" w:fill="E8EDF3"/>') if header and self.own_look else ""
            rpr = f'<w:rPr>{"<w:b/>" if header else ""}<w:sz w:val="{size}"/></w:rPr>'
            tcs = "".join(
                f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/>{head}</w:tcPr><w:p>'
                f'<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
                f"<w:r>{rpr}{t(c)}</w:r></w:p></w:tc>" for c, w in zip(cells, widths))
            return f"<w:tr>{trpr}{tcs}</w:tr>"

        body = row(block.header, True) + "".join(row(r) for r in block.rows)
        self.out.append(f'<w:tbl><w:tblPr>{style}<w:tblW w:w="{sum(widths)}" w:type="dxa"/>{borders}'
                        f'<w:tblLayout w:type="fixed"/>{margins}<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" '
                        f'w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
                        f"<w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>")
        self.out.append("<w:p/>")  # Word needs a paragraph after a table

    def write(self) -> str:
        """The body's content as one string (notes go to ``self.notes``)."""
        for block in self.doc.blocks:
            if isinstance(block, Heading):
                self.heading(block)
            elif isinstance(block, DParagraph):
                self.par(PARA_STYLES.get(block.style, "Normal"), self.runs(block.content))
            elif isinstance(block, ListBlock):
                name = "List Number" if block.ordered else "List Bullet"
                numbering = ""
                if block.ordered and self.numbered_list is not None:
                    numbering = f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{self.numbered_list()}"/></w:numPr>'
                for item in block.items:
                    self.par(name, self.runs(item.content), numbering)
            elif isinstance(block, DTable):
                self.table(block)
        return xml_clean("".join(self.out))
