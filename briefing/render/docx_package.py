"""Document -> DOCX package written directly (no style base): our own parts, our own styles.

Without a user's Word file there is nothing to load: every part is written here as text
and zipped once. No python-docx, no lxml, no template to parse. The package holds exactly
the parts it refers to:

    [Content_Types].xml, _rels/.rels
    docProps/core.xml (title, author, subject, keywords, language, dates = doc.timestamp)
    docProps/app.xml
    word/document.xml (+ _rels: styles, settings, numbering, notes, header, footer, links)
    word/styles.xml, word/numbering.xml, word/settings.xml, word/fontTable.xml, word/theme/theme1.xml
    word/header1.xml (banner), word/footer1.xml (banner, "Page X of Y" as fields)
    word/footnotes.xml or word/endnotes.xml (+ _rels for links in notes)

Style ids are Word's built-in ones (Normal, Title, Heading1, ListBullet, FootnoteText ...)
so that Word and LibreOffice map them to their own, plus ours (Judgment, BottomLine, Meta,
Guidance, Small, SourceEntry, Banner, PageLabel).
"""
from __future__ import annotations

import datetime as _dt
import io
import zipfile

from ..document import Document
from .docx_body import R_NS, W_NS, XML_DECL, BodyWriter, attr, half_points, page_label_xml, twips_mm, twips_pt
from .docx_body import t as _t
from .docx_body import xml_clean
from .docx_notes import REL_BASE, NoteTexts, escape, note_style_defs
from .fonts import WORD_NAMES

_PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT_BASE = "application/vnd.openxmlformats-officedocument."
_NS = f'xmlns:w="{W_NS}" xmlns:r="{R_NS}"'

# Word style name -> style id, for every style we define (the body writer asks by name)
STYLE_IDS = {
    "Normal": "Normal", "Title": "Title", "Subtitle": "Subtitle", "Heading 1": "Heading1",
    "Heading 2": "Heading2", "Heading 3": "Heading3", "Quote": "Quote", "List Bullet": "ListBullet",
    "List Number": "ListNumber", "Hyperlink": "Hyperlink", "Table Grid": "TableGrid",
    "Footnote Text": "FootnoteText", "Footnote Reference": "FootnoteReference",
    "Endnote Text": "EndnoteText", "Endnote Reference": "EndnoteReference",
    "Judgment": "Judgment", "Bottom Line": "BottomLine", "Meta": "Meta", "Guidance": "Guidance",
    "Small": "Small", "Source Entry": "SourceEntry", "Banner": "Banner", "Page Label": "PageLabel",
}
_BULLET_NUM, _NUMBER_NUM = 1, 2  # numbering ids the List Bullet / List Number styles point to


def _fonts(name: str) -> str:
    n = attr(name)
    return f'<w:rFonts w:ascii="{n}" w:hAnsi="{n}" w:eastAsia="{n}" w:cs="{n}"/>'


def _size(pt: float) -> str:
    hp = half_points(pt)
    return f'<w:sz w:val="{hp}"/><w:szCs w:val="{hp}"/>'


def _style(kind: str, sid: str, name: str, *, based: str | None = "Normal", next_: str | None = None,
           custom: bool = False, ui: int | None = None, unhide: bool = False, qformat: bool = True,
           default: bool = False, ppr: str = "", rpr: str = "", extra: str = "") -> str:
    """One ``w:style`` (children in the schema's order: name, basedOn, next, uiPriority,
    unhideWhenUsed, qFormat, pPr, rPr, tblPr)."""
    head = f'<w:style w:type="{kind}"' + (' w:default="1"' if default else "") + \
        (' w:customStyle="1"' if custom else "") + f' w:styleId="{sid}"><w:name w:val="{name}"/>'
    parts = [head]
    if based:
        parts.append(f'<w:basedOn w:val="{based}"/>')
    if next_:
        parts.append(f'<w:next w:val="{next_}"/>')
    if ui is not None:
        parts.append(f'<w:uiPriority w:val="{ui}"/>')
    if unhide:
        parts.append("<w:unhideWhenUsed/>")
    if qformat:
        parts.append("<w:qFormat/>")
    if ppr:
        parts.append(f"<w:pPr>{ppr}</w:pPr>")
    if rpr:
        parts.append(f"<w:rPr>{rpr}</w:rPr>")
    parts.append(extra)
    parts.append("</w:style>")
    return "".join(parts)


def _lang(doc: Document) -> str:
    return {"de": "de-DE", "en": "en-GB"}.get(doc.language, doc.language)


def styles_xml(doc: Document) -> str:
    """Every style the body, the notes, the header and the footer use, in the brief's look:
    the template's fonts and size, dark-blue sans headings, shaded judgment boxes."""
    body = WORD_NAMES[doc.body_font]
    head = WORD_NAMES[doc.heading_font]
    sans = WORD_NAMES["sans"]
    size = doc.font_size
    lang = attr(_lang(doc))
    after = twips_pt(size * 0.45)
    spacing = f'<w:spacing w:after="{after}" w:line="276" w:lineRule="auto"/>'
    blue = '<w:color w:val="1F3A5F"/>'
    shade = '<w:shd w:val="clear" w:color="auto" w:fill="EEF2F7"/>'
    right_tight = '<w:spacing w:after="0"/><w:jc w:val="right"/>'
    center_tight = '<w:spacing w:after="0"/><w:jc w:val="center"/>'

    def heading(level: int, scale: float, before: int) -> str:
        return _style("paragraph", f"Heading{level}", f"heading {level}", next_="Normal", ui=9, unhide=level > 1,
                      ppr=f'<w:keepNext/><w:keepLines/><w:spacing w:before="{before}" w:after="0"/>'
                          f'<w:outlineLvl w:val="{level - 1}"/>',
                      rpr=f"{_fonts(head)}<w:b/><w:bCs/>{blue}{_size(size * scale)}")

    styles = [
        _style("paragraph", "Normal", "Normal", based=None, default=True,
               ppr=f"<w:widowControl/>{spacing}",
               rpr=f'{_fonts(body)}{_size(size)}<w:lang w:val="{lang}"/>'),
        _style("character", "DefaultParagraphFont", "Default Paragraph Font", based=None, default=True, ui=1,
               unhide=True, qformat=False),
        _style("table", "TableNormal", "Normal Table", based=None, default=True, ui=99, unhide=True, qformat=False,
               extra='<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
                     '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
                     '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>'),
        _style("paragraph", "Title", "Title", next_="Normal", ui=10,
               ppr='<w:spacing w:after="300" w:line="240" w:lineRule="auto"/><w:contextualSpacing/>',
               rpr=f'{_fonts(head)}<w:b/><w:bCs/>{blue}<w:kern w:val="28"/>{_size(size * 1.9)}'),
        _style("paragraph", "Subtitle", "Subtitle", next_="Normal", ui=11,
               rpr=f'{_fonts(head)}<w:color w:val="333333"/>{_size(size * 1.2)}'),
        heading(1, 1.25, twips_pt(size * 1.1)),
        heading(2, 1.05, 200),
        heading(3, 1.0, 200),
        # a quotation set off as in the PDF: indented on both sides
        _style("paragraph", "Quote", "Quote", next_="Normal", ui=29,
               ppr=f'<w:ind w:left="{twips_mm(8)}" w:right="{twips_mm(8)}"/>'),
        _style("paragraph", "ListBullet", "List Bullet", ui=99, unhide=True, qformat=False,
               ppr=f'<w:numPr><w:numId w:val="{_BULLET_NUM}"/></w:numPr><w:contextualSpacing/>'),
        _style("paragraph", "ListNumber", "List Number", ui=99, unhide=True, qformat=False,
               ppr=f'<w:numPr><w:numId w:val="{_NUMBER_NUM}"/></w:numPr><w:contextualSpacing/>'),
        _style("table", "TableGrid", "Table Grid", based="TableNormal", ui=59, qformat=False,
               ppr='<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>',
               extra='<w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
                     '<w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
                     '<w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
                     '<w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
                     '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
                     '<w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr>'),
        *note_style_defs(size).values(),
        # our own: the analyst's judgment boxed and italic, the bottom line shaded and bold
        _style("paragraph", "Judgment", "Judgment", custom=True,
               ppr=f'<w:pBdr><w:left w:val="single" w:sz="18" w:space="6" w:color="5B7FA6"/></w:pBdr>{shade}',
               rpr="<w:i/><w:iCs/>"),
        _style("paragraph", "BottomLine", "Bottom Line", custom=True, ppr=shade, rpr="<w:b/><w:bCs/>"),
        _style("paragraph", "Meta", "Meta", custom=True,
               ppr='<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="4" w:color="1F3A5F"/></w:pBdr>',
               rpr=f'{_fonts(head)}<w:color w:val="444444"/>{_size(size * 0.85)}'),
        _style("paragraph", "Guidance", "Guidance", custom=True,
               rpr=f'<w:color w:val="666666"/>{_size(size * 0.85)}'),
        _style("paragraph", "Small", "Small", custom=True, rpr=_size(size * 0.85)),
        _style("paragraph", "SourceEntry", "Source Entry", custom=True,
               ppr=f'<w:ind w:left="{twips_mm(6)}" w:hanging="{twips_mm(6)}"/>'),
        _style("paragraph", "Banner", "Banner", custom=True, ppr=center_tight,
               rpr=f'{_fonts(sans)}<w:b/><w:bCs/><w:color w:val="8B0000"/>{_size(9)}'),
        _style("paragraph", "PageLabel", "Page Label", custom=True, ppr=right_tight, rpr=f"{_fonts(sans)}{_size(8)}"),
    ]
    defaults = (f'<w:docDefaults><w:rPrDefault><w:rPr>{_fonts(body)}{_size(size)}<w:lang w:val="{lang}"/>'
                f'</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>{spacing}</w:pPr></w:pPrDefault></w:docDefaults>')
    return f'<w:styles {_NS}>{defaults}{"".join(styles)}</w:styles>'


def numbering_xml(extra_numbered: int) -> str:
    """A bullet list and a numbered list definition; each numbered list after the first gets
    its own instance that starts again at 1."""
    def level(fmt: str, text: str, style: str) -> str:
        return (f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:pStyle w:val="{style}"/>'
                f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/><w:pPr><w:tabs><w:tab w:val="num" w:pos="360"/>'
                f'</w:tabs><w:ind w:left="360" w:hanging="360"/></w:pPr></w:lvl>')

    out = [f"<w:numbering {_NS}>",
           f'<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/>'
           f'{level("bullet", "•", "ListBullet")}</w:abstractNum>',
           f'<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="singleLevel"/>'
           f'{level("decimal", "%1.", "ListNumber")}</w:abstractNum>',
           f'<w:num w:numId="{_BULLET_NUM}"><w:abstractNumId w:val="0"/></w:num>',
           f'<w:num w:numId="{_NUMBER_NUM}"><w:abstractNumId w:val="1"/></w:num>']
    for i in range(extra_numbered):
        out.append(f'<w:num w:numId="{_NUMBER_NUM + 1 + i}"><w:abstractNumId w:val="1"/>'
                   f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>')
    out.append("</w:numbering>")
    return "".join(out)


def settings_xml(doc: Document, notes: str | None) -> str:
    note_pr = ""
    if notes == "footnotes":
        note_pr = '<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
    elif notes == "endnotes":  # numbered 1, 2, 3 as in the PDF (Word and LibreOffice default to i, ii, iii)
        note_pr = ('<w:endnotePr><w:numFmt w:val="decimal"/><w:endnote w:id="-1"/><w:endnote w:id="0"/>'
                   '</w:endnotePr>')
    decimal, separator = (",", ";") if doc.language == "de" else (".", ",")
    return (f'<w:settings {_NS}><w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/>'
            f'<w:characterSpacingControl w:val="doNotCompress"/>{note_pr}'
            f'<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" '
            f'w:val="15"/></w:compat><w:themeFontLang w:val="{attr(_lang(doc))}"/>'
            f'<w:decimalSymbol w:val="{decimal}"/><w:listSeparator w:val="{separator}"/></w:settings>')


def _core_xml(doc: Document) -> str:
    stamp = doc.timestamp.astimezone(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    fields = [("dc:title", doc.title), ("dc:subject", doc.subject), ("dc:creator", doc.author),
              ("cp:keywords", ", ".join(doc.keywords)), ("cp:lastModifiedBy", doc.author)]
    items = "".join(f"<{k}>{escape(v)}</{k}>" for k, v in fields if v)
    return ('<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f'{items}<cp:revision>1</cp:revision>'
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
            f'<dc:language>{escape(doc.language)}</dc:language></cp:coreProperties>')


def _font_table_xml() -> str:
    fonts = "".join(f'<w:font w:name="{WORD_NAMES[k]}"><w:family w:val="{fam}"/><w:pitch w:val="variable"/></w:font>'
                    for k, fam in (("serif", "roman"), ("sans", "swiss")))
    return f"<w:fonts {_NS}>{fonts}</w:fonts>"


def _theme_xml(doc: Document) -> str:
    """A small theme of our own (Word requires the part): the brief's colours and fonts."""
    colours = (("dk1", "000000"), ("lt1", "FFFFFF"), ("dk2", "1F3A5F"), ("lt2", "EEF2F7"), ("accent1", "1F3A5F"),
               ("accent2", "5B7FA6"), ("accent3", "8B0000"), ("accent4", "666666"), ("accent5", "E8EDF3"),
               ("accent6", "BBBBBB"), ("hlink", "1F4E99"), ("folHlink", "5B3A8F"))
    scheme = "".join(f'<a:{k}><a:srgbClr val="{v}"/></a:{k}>' for k, v in colours)

    def font(name: str) -> str:
        return f'<a:latin typeface="{attr(name)}"/><a:ea typeface=""/><a:cs typeface=""/>'

    fill = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    line = f'<a:ln w="6350">{fill}</a:ln>'
    return ('<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Briefing">'
            f'<a:themeElements><a:clrScheme name="Briefing">{scheme}</a:clrScheme>'
            f'<a:fontScheme name="Briefing"><a:majorFont>{font(WORD_NAMES[doc.heading_font])}</a:majorFont>'
            f'<a:minorFont>{font(WORD_NAMES[doc.body_font])}</a:minorFont></a:fontScheme>'
            f'<a:fmtScheme name="Briefing"><a:fillStyleLst>{fill * 3}</a:fillStyleLst>'
            f'<a:lnStyleLst>{line * 3}</a:lnStyleLst>'
            f'<a:effectStyleLst>{"<a:effectStyle><a:effectLst/></a:effectStyle>" * 3}</a:effectStyleLst>'
            f'<a:bgFillStyleLst>{fill * 3}</a:bgFillStyleLst></a:fmtScheme></a:themeElements>'
            '<a:objectDefaults/><a:extraClrSchemeLst/></a:theme>')


_APP_XML = ('<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            '<Application>Briefing</Application><DocSecurity>0</DocSecurity></Properties>')


class _Rels:
    """The relationships of one part; external links once per URL."""

    def __init__(self):
        self.rows: list[str] = []
        self._links: dict[str, str] = {}

    def add(self, kind: str, target: str) -> str:
        rid = f"rId{len(self.rows) + 1}"
        self.rows.append(f'<Relationship Id="{rid}" Type="{REL_BASE}{kind}" Target="{target}"/>')
        return rid

    def link(self, url: str) -> str:
        rid = self._links.get(url)
        if rid is None:
            rid = self._links[url] = f"rId{len(self.rows) + 1}"
            self.rows.append(f'<Relationship Id="{rid}" Type="{REL_BASE}hyperlink" Target="{attr(xml_clean(url))}" '
                             'TargetMode="External"/>')
        return rid

    def xml(self) -> str:
        return f'<Relationships xmlns="{_PKG_RELS}">{"".join(self.rows)}</Relationships>'


def _furniture_part(root: str, paragraphs: list[str]) -> str:
    return f'<w:{root} {_NS}>{"".join(paragraphs)}</w:{root}>'


def direct_docx_bytes(doc: Document, when: tuple) -> bytes:
    rels = _Rels()
    rels.add("styles", "styles.xml")
    rels.add("settings", "settings.xml")
    rels.add("numbering", "numbering.xml")
    rels.add("fontTable", "fontTable.xml")
    rels.add("theme", "theme/theme1.xml")
    mode = doc.notes_mode if doc.notes_mode in ("footnotes", "endnotes") else None
    note_rels = _Rels()
    notes = NoteTexts(mode, note_rels.link) if mode else None
    numbered: list[int] = []

    def numbered_list() -> int:
        if not numbered:
            numbered.append(_NUMBER_NUM)  # the first one uses the style's own numbering
        else:
            numbered.append(_NUMBER_NUM + len(numbered))
        return numbered[-1]

    writer = BodyWriter(doc, style_id=STYLE_IDS.__getitem__, link_rid=rels.link, notes=notes, own_look=True,
                        numbered_list=numbered_list)
    body = writer.write()
    parts: list[tuple[str, str, str | None]] = []  # (name, xml, content type or None for .rels)
    if notes is not None and len(notes):
        rels.add(mode, f"{mode}.xml")
        parts.append((f"word/{mode}.xml", xml_clean(notes.part_xml()),
                      _CT_BASE + f"wordprocessingml.{mode}+xml"))
        if note_rels.rows:
            parts.append((f"word/_rels/{mode}.xml.rels", note_rels.xml(), None))
    else:
        mode = None

    banner = xml_clean(doc.banner) if doc.banner else ""
    banner_p = f'<w:p><w:pPr><w:pStyle w:val="Banner"/></w:pPr><w:r>{_t(banner)}</w:r></w:p>' if banner else ""
    refs = ""
    if banner_p:
        rid = rels.add("header", "header1.xml")
        refs += f'<w:headerReference w:type="default" r:id="{rid}"/>'
        parts.append(("word/header1.xml", _furniture_part("hdr", [banner_p]),
                      _CT_BASE + "wordprocessingml.header+xml"))
    footer = [banner_p] if banner_p else []
    if doc.page_label:
        footer.append(f'<w:p><w:pPr><w:pStyle w:val="PageLabel"/></w:pPr>'
                      f"{xml_clean(page_label_xml(doc.page_label))}</w:p>")
    if footer:
        rid = rels.add("footer", "footer1.xml")
        refs += f'<w:footerReference w:type="default" r:id="{rid}"/>'
        parts.append(("word/footer1.xml", _furniture_part("ftr", footer), _CT_BASE + "wordprocessingml.footer+xml"))

    width, height = doc.page.size_mm
    top, right, bottom, left = doc.page.margins_mm
    distance = twips_mm(min(top, bottom) * 0.45)
    endnote_pr = '<w:endnotePr><w:numFmt w:val="decimal"/></w:endnotePr>' if mode == "endnotes" else ""
    sect = (f'<w:sectPr>{refs}{endnote_pr}<w:pgSz w:w="{twips_mm(width)}" w:h="{twips_mm(height)}"/>'
            f'<w:pgMar w:top="{twips_mm(top)}" w:right="{twips_mm(right)}" w:bottom="{twips_mm(bottom)}" '
            f'w:left="{twips_mm(left)}" w:header="{distance}" w:footer="{distance}" w:gutter="0"/>'
            f'<w:cols w:space="720"/><w:docGrid w:linePitch="360"/></w:sectPr>')
    document = f"<w:document {_NS}><w:body>{body}{sect}</w:body></w:document>"

    word = [("word/document.xml", document, _CT_BASE + "wordprocessingml.document.main+xml"),
            ("word/_rels/document.xml.rels", rels.xml(), None),
            ("word/styles.xml", styles_xml(doc), _CT_BASE + "wordprocessingml.styles+xml"),
            ("word/settings.xml", settings_xml(doc, mode), _CT_BASE + "wordprocessingml.settings+xml"),
            ("word/numbering.xml", numbering_xml(max(0, len(numbered) - 1)),
             _CT_BASE + "wordprocessingml.numbering+xml"),
            ("word/fontTable.xml", _font_table_xml(), _CT_BASE + "wordprocessingml.fontTable+xml"),
            ("word/theme/theme1.xml", _theme_xml(doc), _CT_BASE + "theme+xml")]
    props = [("docProps/core.xml", xml_clean(_core_xml(doc)), "application/vnd.openxmlformats-package.core-properties+xml"),
             ("docProps/app.xml", _APP_XML, _CT_BASE + "extended-properties+xml")]
    entries = word + parts + props
    overrides = "".join(f'<Override PartName="/{name}" ContentType="{ct}"/>' for name, _x, ct in entries if ct)
    types = ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             f'<Default Extension="xml" ContentType="application/xml"/>{overrides}</Types>')
    root_rels = (f'<Relationships xmlns="{_PKG_RELS}">'
                 f'<Relationship Id="rId1" Type="{REL_BASE}officeDocument" Target="word/document.xml"/>'
                 f'<Relationship Id="rId2" Type="{_PKG_RELS}/metadata/core-properties" Target="docProps/core.xml"/>'
                 f'<Relationship Id="rId3" Type="{REL_BASE}extended-properties" Target="docProps/app.xml"/>'
                 "</Relationships>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, xml in [("[Content_Types].xml", types), ("_rels/.rels", root_rels)] + \
                [(n, x) for n, x, _ct in entries]:
            zi = zipfile.ZipInfo(name, date_time=when)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zi.create_system = 3
            dst.writestr(zi, (XML_DECL + xml).encode("utf-8"))
    return out.getvalue()
