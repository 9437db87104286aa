"""Document -> DOCX with python-docx: real footnotes/endnotes, page fields, style base.

A user-supplied Word file can be the style base (like pandoc's reference document): its
styles, page setup, headers and footers are kept and its body is dropped. Output is
reproducible: no wall-clock time inside, zip entries with the document's timestamp.
"""
from __future__ import annotations

import datetime as _dt
import io
import zipfile
from pathlib import Path

import docx
from lxml import etree
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.packuri import PACKAGE_URI
from docx.opc.pkgwriter import _ContentTypesItem
from docx.styles import BabelFish
from docx.styles.style import StyleFactory
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor

from ..document import Document, Heading, ListBlock, NoteRef, Run, keep_locators
from ..document import Paragraph as DParagraph
from ..document import Table as DTable
from ..errors import BriefingError
from ..project import atomic_write_bytes
from .docx_notes import WordNotes, ensure_note_styles, escape
from .fonts import WORD_NAMES

_PARA_STYLES = {
    "body": "Normal", "quote": "Quote", "judgment": "Judgment", "bottom_line": "Bottom Line",
    "guidance": "Guidance", "subtitle": "Subtitle", "meta": "Meta", "source_entry": "Source Entry",
    "small": "Small",
}


def _set_fonts(style, name: str) -> None:
    style.font.name = name
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), name)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attr), None)


def _ppr_append(style, xml: str) -> None:
    ppr = style.element.get_or_add_pPr()
    el = parse_xml(xml)
    # keep CT_PPr child order: pBdr and shd come before spacing/ind/jc
    anchor = None
    for tag in ("w:spacing", "w:ind", "w:jc", "w:rPr"):
        anchor = ppr.find(qn(tag))
        if anchor is not None:
            break
    if anchor is not None:
        anchor.addprevious(el)
    else:
        ppr.append(el)


class _Styles:
    """Looks styles up once; creates the ones the base lacks.

    Lookups go through an index of the styles part by name (python-docx's ``styles[name]``
    and ``add_style`` search every style of the part on each call); the results are the
    same style objects python-docx returns."""

    def __init__(self, d, doc: Document, own_look: bool):
        self.d = d
        self.doc = doc
        self.own_look = own_look
        self.cache: dict[str, object] = {}
        self._by_name: dict[str, object] | None = None
        body_font = WORD_NAMES[doc.body_font]
        head_font = WORD_NAMES[doc.heading_font]
        styles = d.styles
        size = doc.font_size
        if own_look:
            normal = styles["Normal"]
            _set_fonts(normal, body_font)
            normal.font.size = Pt(size)
            normal.paragraph_format.space_after = Pt(size * 0.45)
            normal.paragraph_format.line_spacing = 1.15
            for name, scale, color in (("Title", 1.9, "1F3A5F"), ("Heading 1", 1.25, "1F3A5F"),
                                       ("Heading 2", 1.05, "1F3A5F"), ("Subtitle", 1.2, "333333")):
                st = self.get(name)
                _set_fonts(st, head_font)
                st.font.size = Pt(size * scale)
                st.font.color.rgb = RGBColor.from_string(color)
                st.font.bold = name != "Subtitle"
                st.font.italic = False
            self.get("Heading 1").paragraph_format.space_before = Pt(size * 1.1)
            # the default Title carries a rule and letter-spacing, the Subtitle a stray list
            # level: the meta line below the title block draws the one rule the PDF has too
            for name, tags in (("Title", ("w:pPr/w:pBdr", "w:rPr/w:spacing")),
                               ("Subtitle", ("w:pPr/w:numPr", "w:rPr/w:spacing"))):
                el = self.get(name).element
                for tag in tags:
                    parent_tag, child_tag = tag.split("/")
                    parent = el.find(qn(parent_tag))
                    child = parent.find(qn(child_tag)) if parent is not None else None
                    if child is not None:
                        parent.remove(child)
        ensure_note_styles(d, size)
        self._by_name = None  # the note styles were added on the XML layer
        self._custom(WD_STYLE_TYPE.PARAGRAPH, "Judgment", italic=True,
                     ppr='<w:shd {ns} w:val="clear" w:color="auto" w:fill="EEF2F7"/>',
                     border='<w:pBdr {ns}><w:left w:val="single" w:sz="18" w:space="6" w:color="5B7FA6"/></w:pBdr>')
        self._custom(WD_STYLE_TYPE.PARAGRAPH, "Bottom Line", bold=True,
                     ppr='<w:shd {ns} w:val="clear" w:color="auto" w:fill="EEF2F7"/>')
        self._custom(WD_STYLE_TYPE.PARAGRAPH, "Meta", size=size * 0.85, font=head_font,
                     border='<w:pBdr {ns}><w:bottom w:val="single" w:sz="6" w:space="4" w:color="1F3A5F"/></w:pBdr>')
        self._custom(WD_STYLE_TYPE.PARAGRAPH, "Guidance", size=size * 0.85, color="666666")
        self._custom(WD_STYLE_TYPE.PARAGRAPH, "Small", size=size * 0.85)
        self._custom(WD_STYLE_TYPE.PARAGRAPH, "Source Entry", hanging=True)
        self._custom(WD_STYLE_TYPE.PARAGRAPH, "Banner", size=9, bold=True, color="8B0000", font=WORD_NAMES["sans"],
                     center=True)
        self._custom(WD_STYLE_TYPE.PARAGRAPH, "Page Label", size=8, font=WORD_NAMES["sans"], right=True)

    def _index(self) -> dict[str, object]:
        if self._by_name is None:
            index: dict[str, object] = {}
            for el in self.d.styles.element.style_lst:
                name = el.name_val
                if name is not None and name not in index:  # the first of a name wins, as in python-docx
                    index[name] = el
            self._by_name = index
        return self._by_name

    def lookup(self, name: str):
        """``styles[name]`` of python-docx (KeyError when missing)."""
        el = self._index().get(BabelFish.ui2internal(name))
        if el is None:
            return self.d.styles[name]  # python-docx's own lookup: by style id, or KeyError
        return StyleFactory(el)

    def add(self, name: str, kind):
        """``styles.add_style(name, kind)`` of python-docx, for a name the index lacks."""
        internal = BabelFish.ui2internal(name)
        if internal in self._index():
            raise ValueError(f"document already contains style '{name}'")
        el = self.d.styles.element.add_style_of_type(internal, kind, False)
        self._by_name[internal] = el
        return StyleFactory(el)

    def _custom(self, kind, name, *, italic=False, bold=False, size=None, color=None, font=None, ppr=None,
                border=None, hanging=False, center=False, right=False) -> None:
        try:
            self.lookup(name)
            return  # the style base defines it: its look wins
        except KeyError:
            pass
        st = self.add(name, kind)
        st.base_style = self.lookup("Normal")
        st.quick_style = True
        if italic:
            st.font.italic = True
        if bold:
            st.font.bold = True
        if size:
            st.font.size = Pt(size)
        if color:
            st.font.color.rgb = RGBColor.from_string(color)
        if font:
            _set_fonts(st, font)
        if border:
            _ppr_append(st, border.format(ns=nsdecls("w")))
        if ppr:
            _ppr_append(st, ppr.format(ns=nsdecls("w")))
        if hanging:
            st.paragraph_format.left_indent = Mm(6)
            st.paragraph_format.first_line_indent = Mm(-6)
        if center:
            st.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
            st.paragraph_format.space_after = Pt(0)
        if right:
            st.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            st.paragraph_format.space_after = Pt(0)

    def get(self, name: str):
        st = self.cache.get(name)
        if st is None:
            try:
                st = self.lookup(name)
            except KeyError:
                kind = WD_STYLE_TYPE.TABLE if name == "Table Grid" else WD_STYLE_TYPE.PARAGRAPH
                st = self.add(name, kind)
                if kind == WD_STYLE_TYPE.PARAGRAPH:
                    st.base_style = self.lookup("Normal")
                    if name.startswith(("Heading", "Title")):
                        st.font.bold = True
            self.cache[name] = st
        return st


def _load_base(doc: Document):
    if not doc.style_base_data:
        return docx.Document(), True
    try:
        d = docx.Document(io.BytesIO(doc.style_base_data))
    except Exception as exc:  # noqa: BLE001 - a damaged or non-Word file
        raise BriefingError(f"not a usable Word file for the style base ({type(exc).__name__})",
                            doc.style_base or "style base") from None
    body = d.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return d, False


def _field(instr: str, placeholder: str):
    return parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" {instr} "><w:r><w:t>{placeholder}</w:t></w:r>'
                     f"</w:fldSimple>")


def _has_field(part_el, name: str) -> bool:
    for el in part_el.iter(qn("w:fldSimple")):
        if name in (el.get(qn("w:instr")) or ""):
            return True
    return any(name in (t.text or "") for t in part_el.iter(qn("w:instrText")))


def _furniture(d, doc: Document, styles: _Styles, own_look: bool) -> None:
    banner_style = styles.get("Banner")
    label_style = styles.get("Page Label")
    for sec in d.sections:
        if own_look:
            sec.page_width, sec.page_height = (Mm(v) for v in doc.page.size_mm)
            top, right, bottom, left = doc.page.margins_mm
            sec.top_margin, sec.right_margin = Mm(top), Mm(right)
            sec.bottom_margin, sec.left_margin = Mm(bottom), Mm(left)
            sec.header_distance = sec.footer_distance = Mm(min(top, bottom) * 0.45)
        header, footer = sec.header, sec.footer
        if doc.banner:
            first = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
            if first.text.strip() or first._p.getparent() is None:
                first = first.insert_paragraph_before()
            first.text = doc.banner
            first.style = banner_style
        fpars = footer.paragraphs
        blank = fpars[0] if fpars and not fpars[0].text.strip() and len(fpars) == 1 else None
        if doc.banner:
            p = blank or footer.add_paragraph()
            blank = None
            p.text = doc.banner
            p.style = banner_style
        if not _has_field(footer._element, "PAGE"):
            p = blank or footer.add_paragraph()
            p.style = label_style
            _page_label(p, doc.page_label)


def _page_label(p, label: str) -> None:
    """"Page {page} of {pages}" with real PAGE and NUMPAGES fields."""
    rest = label
    while rest:
        i = min((rest.find(k) for k in ("{page}", "{pages}") if k in rest), default=-1)
        if i < 0:
            p.add_run(rest)
            break
        if i:
            p.add_run(rest[:i])
        if rest.startswith("{pages}", i):
            p._p.append(_field("NUMPAGES", "1"))
            rest = rest[i + len("{pages}"):]
        else:
            p._p.append(_field("PAGE", "1"))
            rest = rest[i + len("{page}"):]


def _t(text: str) -> str:
    return f'<w:t xml:space="preserve">{escape(keep_locators(text))}</w:t>'


class _Writer:
    """Writes the body as WordprocessingML text, parsed once (python-docx's per-object API
    looks styles up on every call and is several times slower for long briefs)."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.d, self.own_look = _load_base(doc)
        self.styles = _Styles(self.d, doc, self.own_look)
        self.notes = WordNotes(self.d, doc.notes_mode) if doc.notes_mode in ("footnotes", "endnotes") else None
        self._bookmark = 0
        self._written_notes: set[int] = set()
        self._ids: dict[str, str] = {}
        self.out: list[str] = []

    def sid(self, name: str) -> str:
        if name not in self._ids:
            self._ids[name] = self.styles.get(name).style_id
        return self._ids[name]

    def _ppr(self, name: str) -> str:
        return f'<w:pPr><w:pStyle w:val="{self.sid(name)}"/></w:pPr>'

    def runs(self, content) -> str:
        out = []
        for inline in content:
            if isinstance(inline, NoteRef):
                note = inline.note
                if self.notes is None:
                    out.append(f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>{_t(str(note.number))}</w:r>')
                    continue
                out.append(self.notes.reference_xml(note.number))
                if note.number not in self._written_notes:
                    self.notes.add(note.number, note.runs)
                    self._written_notes.add(note.number)
                continue
            props = ("<w:b/>" if inline.bold else "") + ("<w:i/>" if inline.italic else "")
            if inline.link:
                rid = self.d.part.relate_to(inline.link, RT.HYPERLINK, is_external=True)
                out.append(f'<w:hyperlink r:id="{rid}"><w:r><w:rPr><w:rStyle w:val="{self.sid("Hyperlink")}"/>'
                           f'{props}</w:rPr>{_t(inline.text)}</w:r></w:hyperlink>')
                continue
            out.append(f"<w:r>{'<w:rPr>' + props + '</w:rPr>' if props else ''}{_t(inline.text)}</w:r>")
        return "".join(out)

    def par(self, style: str, inner: str) -> None:
        self.out.append(f"<w:p>{self._ppr(style)}{inner}</w:p>")

    def heading(self, block: Heading) -> None:
        name = "Title" if block.level == 0 else f"Heading {min(block.level, 3)}"
        inner = f"<w:r>{_t(block.text)}</w:r>"
        if block.anchor:
            self._bookmark += 1
            bid = self._bookmark
            mark = "_" + "".join(ch if ch.isalnum() else "_" for ch in block.anchor)[:38]
            inner = f'<w:bookmarkStart w:id="{bid}" w:name="{mark}"/>{inner}<w:bookmarkEnd w:id="{bid}"/>'
        self.par(name, inner)

    def table(self, block: DTable) -> None:
        top, right, bottom, left = self.doc.page.margins_mm
        avail = self.doc.page.size_mm[0] - left - right
        rel = block.widths if block.widths and len(block.widths) == len(block.header) else [1] * len(block.header)
        widths = [int(Mm(avail * w / sum(rel)).twips) for w in rel]
        try:
            style = f'<w:tblStyle w:val="{self.sid("Table Grid")}"/>'
        except Exception:  # noqa: BLE001 - a base without table styles: plain table
            style = ""
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)

        half_points = round(self.doc.font_size * 0.85 * 2)
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
            rpr = f'<w:rPr>{"<w:b/>" if header else ""}<w:sz w:val="{half_points}"/></w:rPr>'
            tcs = "".join(
                f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/>{head}</w:tcPr><w:p>'
                f'<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
                f"<w:r>{rpr}{_t(c)}</w:r></w:p></w:tc>" for c, w in zip(cells, widths))
            return f"<w:tr>{trpr}{tcs}</w:tr>"

        body = row(block.header, True) + "".join(row(r) for r in block.rows)
        self.out.append(f'<w:tbl><w:tblPr>{style}<w:tblW w:w="{sum(widths)}" w:type="dxa"/>{borders}'
                        f'<w:tblLayout w:type="fixed"/>{margins}<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" '
                        f'w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
                        f"<w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>")
        self.out.append("<w:p/>")  # Word needs a paragraph after a table

    def write(self) -> None:
        doc = self.doc
        for block in doc.blocks:
            if isinstance(block, Heading):
                self.heading(block)
            elif isinstance(block, DParagraph):
                self.par(_PARA_STYLES.get(block.style, "Normal"), self.runs(block.content))
            elif isinstance(block, ListBlock):
                name = "List Number" if block.ordered else "List Bullet"
                for item in block.items:
                    self.par(name, self.runs(item.content))
            elif isinstance(block, DTable):
                self.table(block)
        # one parse for the whole body (moving hundreds of parsed paragraphs one by one into
        # the tree costs more than writing them)
        old = self.d.element.body
        sect = old.find(qn("w:sectPr"))
        tail = etree.tostring(sect, encoding="unicode") if sect is not None else ""
        body = parse_xml(f'<w:body {nsdecls("w", "r")}>{"".join(self.out)}{tail}</w:body>')
        self.d.element.replace(old, body)
        if self.notes is not None:
            self.notes.finish()
        _furniture(self.d, doc, self.styles, self.own_look)
        self._properties()

    def _properties(self) -> None:
        doc = self.doc
        cp = self.d.core_properties
        stamp = doc.timestamp.astimezone(_dt.timezone.utc).replace(tzinfo=None)
        cp.title, cp.author, cp.subject = doc.title, doc.author, doc.subject
        cp.language = doc.language
        cp.keywords = ", ".join(doc.keywords)
        cp.last_modified_by = doc.author
        cp.comments = ""
        cp.category = ""
        cp.revision = 1
        cp.created = stamp
        cp.modified = stamp
        cp.last_printed = stamp
        # the language of the text, for spelling and hyphenation
        normal_rpr = self.styles.lookup("Normal").element.get_or_add_rPr()
        lang_el = normal_rpr.find(qn("w:lang"))
        if lang_el is None:
            lang_el = parse_xml(f'<w:lang {nsdecls("w")}/>')
            normal_rpr.append(lang_el)
        lang_el.set(qn("w:val"), {"de": "de-DE", "en": "en-GB"}.get(doc.language, doc.language))


def _zip_time(doc: Document) -> tuple:
    t = doc.timestamp.astimezone(_dt.timezone.utc)
    if t.year < 1980:
        return (1980, 1, 1, 0, 0, 0)
    return (t.year, t.month, t.day, t.hour, t.minute, t.second)


def _package_bytes(d, when: tuple) -> bytes:
    """The package as python-docx's ``save`` writes it (same entries in the same order), in one
    pass with fixed entry dates and attributes (byte-identical output)."""
    pkg = d.part.package
    parts = list(pkg.parts)
    for part in parts:
        part.before_marshal()
    entries = [("[Content_Types].xml", _ContentTypesItem.from_parts(parts).blob),
               (PACKAGE_URI.rels_uri.membername, pkg.rels.xml)]
    for part in parts:
        entries.append((part.partname.membername, part.blob))
        if len(part.rels):
            entries.append((part.partname.rels_uri.membername, part.rels.xml))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, blob in entries:
            zi = zipfile.ZipInfo(name, date_time=when)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zi.create_system = 3
            dst.writestr(zi, blob)
    return out.getvalue()


def _drop_legacy_parts(d) -> None:
    """Drop python-docx's template thumbnail (a blank page) and the Word 2010
    ``stylesWithEffects`` copy of the styles, which would disagree with our styles."""
    pkg = d.part.package
    for rid, rel in list(pkg.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del pkg.rels[rid]
    for rid, rel in list(d.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            del d.part.rels[rid]


def docx_bytes(doc: Document) -> bytes:
    w = _Writer(doc)
    w.write()
    _drop_legacy_parts(w.d)
    return _package_bytes(w.d, _zip_time(doc))


def render_docx(doc: Document, path: str | Path) -> None:
    path = Path(path)
    atomic_write_bytes(path, docx_bytes(doc))
