"""Word footnotes and endnotes on python-docx's XML layer (python-docx has no API for them).

A note lives in its own part, ``word/footnotes.xml`` or ``word/endnotes.xml``, related to
the main document part. The body holds a reference run (``w:footnoteReference``) styled
"Footnote Reference"; the note starts with a ``w:footnoteRef`` mark (Word prints the
number there) in a paragraph styled "Footnote Text". Word also expects the separator and
continuation-separator notes (ids -1 and 0). Everything here is one small class so the
renderer only says "add a note with these runs here".
"""
from __future__ import annotations

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree

from ..document import keep_locators

_KINDS = {
    "footnotes": {"root": "footnotes", "note": "footnote", "ref": "footnoteReference", "mark": "footnoteRef",
                  "text_style": "FootnoteText", "ref_style": "FootnoteReference", "rel": RT.FOOTNOTES,
                  "ct": "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                  "partname": "/word/footnotes.xml"},
    "endnotes": {"root": "endnotes", "note": "endnote", "ref": "endnoteReference", "mark": "endnoteRef",
                 "text_style": "EndnoteText", "ref_style": "EndnoteReference", "rel": RT.ENDNOTES,
                 "ct": "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml",
                 "partname": "/word/endnotes.xml"},
}

_NS = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" " \
      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""


def escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as entities (what xml.sax.saxutils.escape does, without loading
    xml.sax and urllib.request, ~10 ms of a cold start)."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def _t(text: str) -> str:
    return f'<w:t xml:space="preserve">{escape(keep_locators(text))}</w:t>'


def _separators(kind: dict) -> str:
    n = kind["note"]
    return (f'<w:{n} w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
            f'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:{n}>'
            f'<w:{n} w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
            f'w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:{n}>')


class WordNotes:
    """The footnotes or endnotes part of one document being written."""

    def __init__(self, document, mode: str = "footnotes"):
        self.kind = _KINDS[mode]
        self.document = document
        self.main = document.part
        self.part = None
        for rel in self.main.rels.values():
            if rel.reltype == self.kind["rel"] and not rel.is_external:
                self.part = rel.target_part  # a style base's own notes part: reuse, empty it
                break
        self._notes: list[str] = []

    def reference_xml(self, note_id: int) -> str:
        """The reference run as WordprocessingML text (prefixes w:)."""
        k = self.kind
        return (f'<w:r><w:rPr><w:rStyle w:val="{k["ref_style"]}"/></w:rPr>'
                f'<w:{k["ref"]} w:id="{note_id}"/></w:r>')

    def reference_run(self, note_id: int):
        """The run that goes into the body where the note is referenced."""
        k = self.kind
        return parse_xml(f'<w:r {nsdecls("w")}><w:rPr><w:rStyle w:val="{k["ref_style"]}"/></w:rPr>'
                         f'<w:{k["ref"]} w:id="{note_id}"/></w:r>')

    def _hyperlink_rid(self, url: str) -> str:
        part = self._ensure_part()
        return part.relate_to(url, RT.HYPERLINK, is_external=True)

    def add(self, note_id: int, runs) -> None:
        """Add a note; ``runs`` are document Runs (text, bold, italic, link)."""
        k = self.kind
        body = [f'<w:r><w:rPr><w:rStyle w:val="{k["ref_style"]}"/></w:rPr><w:{k["mark"]}/></w:r>',
                f"<w:r>{_t(' ')}</w:r>"]
        for run in runs:
            props = ""
            if run.bold:
                props += "<w:b/>"
            if run.italic:
                props += "<w:i/>"
            if run.link:
                rid = self._hyperlink_rid(run.link)
                body.append(f'<w:hyperlink r:id="{rid}"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/>{props}</w:rPr>'
                            f"{_t(run.text)}</w:r></w:hyperlink>")
            else:
                body.append(f"<w:r>{'<w:rPr>' + props + '</w:rPr>' if props else ''}{_t(run.text)}</w:r>")
        self._notes.append(f'<w:{k["note"]} w:id="{note_id}"><w:p><w:pPr><w:pStyle w:val="{k["text_style"]}"/>'
                           f'</w:pPr>{"".join(body)}</w:p></w:{k["note"]}>')

    def _ensure_part(self):
        if self.part is None:
            k = self.kind
            package = self.main.package
            self.part = Part(PackURI(k["partname"]), k["ct"], b"", package)
            self.main.relate_to(self.part, k["rel"])
        return self.part

    def finish(self) -> None:
        """Write the part (only when there are notes, or when the base had one)."""
        if not self._notes and self.part is None:
            return
        part = self._ensure_part()
        k = self.kind
        xml = (f'<w:{k["root"]} {_NS}>{_separators(k)}{"".join(self._notes)}</w:{k["root"]}>')
        root = etree.fromstring(xml.encode("utf-8"))
        data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        if hasattr(part, "_element"):  # an XmlPart (python-docx parsed it): replace its tree
            part._element = parse_xml(data)
        else:
            part._blob = data
        if k["note"] == "endnote":
            self._decimal_endnotes()

    def _decimal_endnotes(self) -> None:
        """Endnotes numbered 1, 2, 3 as in the PDF (Word and LibreOffice default to i, ii, iii)."""
        body = self.document.element.body
        for sect in body.iter(qn("w:sectPr")):
            if sect.find(qn("w:endnotePr")) is None:
                el = parse_xml(f'<w:endnotePr {nsdecls("w")}><w:numFmt w:val="decimal"/></w:endnotePr>')
                after = None  # CT_SectPr: header/footer references, footnotePr, then endnotePr
                for child in sect:
                    if child.tag in (qn("w:headerReference"), qn("w:footerReference"), qn("w:footnotePr")):
                        after = child
                if after is None:
                    sect.insert(0, el)
                else:
                    after.addnext(el)
        settings = self.document.settings.element
        if settings.find(qn("w:endnotePr")) is None:
            el = parse_xml(f'<w:endnotePr {nsdecls("w")}><w:numFmt w:val="decimal"/></w:endnotePr>')
            # CT_Settings: footnotePr and endnotePr come right before compat (and what follows it)
            later = ("w:compat", "w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema", "w:themeFontLang",
                     "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures",
                     "w:forceUpgrade", "w:captions", "w:readModeInkLockDown", "w:smartTagType", "sl:schemaLibrary",
                     "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator")
            tags = {qn(t) for t in later if not t.startswith(("m:", "sl:"))}
            anchor = next((c for c in settings if c.tag in tags), None)
            if anchor is None:
                settings.append(el)
            else:
                anchor.addprevious(el)


def ensure_note_styles(document, font_size: float) -> None:
    """Define Footnote/Endnote Text and Reference styles when the base lacks them."""
    styles = document.styles.element
    have = {s.get(qn("w:styleId")) for s in styles.findall(qn("w:style"))}
    half_points = int(round(font_size * 0.8 * 2))
    defs = {
        "FootnoteText": ("paragraph", "footnote text",
                         f'<w:pPr><w:spacing w:after="40" w:line="240" w:lineRule="auto"/></w:pPr>'
                         f'<w:rPr><w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>'),
        "EndnoteText": ("paragraph", "endnote text",
                        f'<w:pPr><w:spacing w:after="60" w:line="240" w:lineRule="auto"/></w:pPr>'
                        f'<w:rPr><w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>'),
        "FootnoteReference": ("character", "footnote reference", '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'),
        "EndnoteReference": ("character", "endnote reference", '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'),
        "Hyperlink": ("character", "Hyperlink", '<w:rPr><w:color w:val="1F4E99"/><w:u w:val="single"/></w:rPr>'),
    }
    for sid, (stype, name, body) in defs.items():
        if sid in have:
            continue
        based = '<w:basedOn w:val="Normal"/>' if stype == "paragraph" else ""
        link_ui = '<w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
        el = parse_xml(f'<w:style {nsdecls("w")} w:type="{stype}" w:styleId="{sid}"><w:name w:val="{name}"/>'
                       f'{based}{link_ui}{body}</w:style>')
        styles.append(el)
