"""Document -> DOCX on a user-supplied Word file (the style base), with python-docx.

Like pandoc's reference document: the base's styles, page setup, headers and footers are
kept and its body is dropped; styles the base lacks are added in our look. The body is the
same text the direct writer produces (:class:`.docx_body.BodyWriter`). Only this module
imports python-docx, and only an export with a style base imports this module.
"""
from __future__ import annotations

import datetime as _dt
import io
import zipfile

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PACKAGE_URI
from docx.opc.pkgwriter import _ContentTypesItem
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor
from docx.styles import BabelFish
from docx.styles.style import StyleFactory
from lxml import etree

from ..document import Document
from ..errors import BriefingError
from .docx_body import BodyWriter, page_label_xml
from .docx_notes import attach_notes, ensure_note_styles
from .fonts import WORD_NAMES


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
    """Looks styles up once; creates the ones the base lacks (in our look).

    Lookups go through an index of the styles part by name (python-docx's ``styles[name]``
    and ``add_style`` search every style of the part on each call); the results are the
    same style objects python-docx returns."""

    def __init__(self, d, doc: Document):
        self.d = d
        self.doc = doc
        self.cache: dict[str, object] = {}
        self._by_name: dict[str, object] | None = None
        head_font = WORD_NAMES[doc.heading_font]
        size = doc.font_size
        ensure_note_styles(d, size)
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
    try:
        d = docx.Document(io.BytesIO(doc.style_base_data))
    except Exception as exc:  # noqa: BLE001 - a damaged or non-Word file
        raise BriefingError(f"not a usable Word file for the style base ({type(exc).__name__})",
                            doc.style_base or "style base") from None
    body = d.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return d


def _has_field(part_el, name: str) -> bool:
    for el in part_el.iter(qn("w:fldSimple")):
        if name in (el.get(qn("w:instr")) or ""):
            return True
    return any(name in (t.text or "") for t in part_el.iter(qn("w:instrText")))


def _furniture(d, doc: Document, styles: _Styles) -> None:
    """The banner at the top of every header and footer, the page label in the footer (unless
    the base's footer has a page number already); the base's page setup is kept."""
    banner_style = styles.get("Banner")
    label_style = styles.get("Page Label")
    for sec in d.sections:
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
            for el in parse_xml(f'<w:p {nsdecls("w")}>{page_label_xml(doc.page_label)}</w:p>'):
                p._p.append(el)


def _properties(d, doc: Document, styles: _Styles) -> None:
    cp = d.core_properties
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
    normal_rpr = styles.lookup("Normal").element.get_or_add_rPr()
    lang_el = normal_rpr.find(qn("w:lang"))
    if lang_el is None:
        lang_el = parse_xml(f'<w:lang {nsdecls("w")}/>')
        normal_rpr.append(lang_el)
    lang_el.set(qn("w:val"), {"de": "de-DE", "en": "en-GB"}.get(doc.language, doc.language))


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
    """Drop a template thumbnail and the Word 2010 ``stylesWithEffects`` copy of the styles,
    which would disagree with the styles we add."""
    pkg = d.part.package
    for rid, rel in list(pkg.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del pkg.rels[rid]
    for rid, rel in list(d.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            del d.part.rels[rid]


def stylebase_docx_bytes(doc: Document, when: tuple) -> bytes:
    d = _load_base(doc)
    styles = _Styles(d, doc)
    notes = finish = None
    if doc.notes_mode in ("footnotes", "endnotes"):
        notes, finish = attach_notes(d, doc.notes_mode)
    writer = BodyWriter(doc, style_id=lambda name: styles.get(name).style_id,
                        link_rid=lambda url: d.part.relate_to(url, RT.HYPERLINK, is_external=True),
                        notes=notes, own_look=False)
    content = writer.write()
    # one parse for the whole body (moving hundreds of parsed paragraphs one by one into
    # the tree costs more than writing them)
    old = d.element.body
    sect = old.find(qn("w:sectPr"))
    tail = etree.tostring(sect, encoding="unicode") if sect is not None else ""
    d.element.replace(old, parse_xml(f'<w:body {nsdecls("w", "r")}>{content}{tail}</w:body>'))
    if finish is not None:
        finish()
    _furniture(d, doc, styles)
    _properties(d, doc, styles)
    _drop_legacy_parts(d)
    return _package_bytes(d, when)
