"""Word footnotes and endnotes (python-docx has no API for them).

A note lives in its own part, ``word/footnotes.xml`` or ``word/endnotes.xml``, related to
the main document part. The body holds a reference run (``w:footnoteReference``) styled
"Footnote Reference"; the note starts with a ``w:footnoteRef`` mark (Word prints the
number there) in a paragraph styled "Footnote Text". Word also expects the separator and
continuation-separator notes (ids -1 and 0).

:class:`NoteTexts` writes the part as text and is all the direct package writer needs (no
python-docx import). :func:`attach_notes` and :func:`ensure_note_styles` put the same part
and styles into a python-docx document, for the style-base writer; they import python-docx
only when called.
"""
from __future__ import annotations

from collections.abc import Callable

from ..document import keep_locators

_KINDS = {
    "footnotes": {"root": "footnotes", "note": "footnote", "ref": "footnoteReference", "mark": "footnoteRef",
                  "text_style": "FootnoteText", "ref_style": "FootnoteReference", "rel": "footnotes",
                  "ct": "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                  "partname": "/word/footnotes.xml"},
    "endnotes": {"root": "endnotes", "note": "endnote", "ref": "endnoteReference", "mark": "endnoteRef",
                 "text_style": "EndnoteText", "ref_style": "EndnoteReference", "rel": "endnotes",
                 "ct": "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml",
                 "partname": "/word/endnotes.xml"},
}
REL_BASE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

_NS = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" " \
      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""


def escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as entities (what xml.sax.saxutils.escape does, without loading
    xml.sax and urllib.request, ~10 ms of a cold start)."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def t(text: str) -> str:
    """A ``w:t`` element with the text (locators joined by a no-break space)."""
    return f'<w:t xml:space="preserve">{escape(keep_locators(text))}</w:t>'


def _separators(kind: dict) -> str:
    n = kind["note"]
    return (f'<w:{n} w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
            f'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:{n}>'
            f'<w:{n} w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
            f'w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:{n}>')


def note_style_defs(font_size: float) -> dict[str, str]:
    """The Footnote/Endnote Text and Reference styles and the Hyperlink character style, by
    style id, as ``w:style`` elements (without namespace declarations)."""
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
    out = {}
    for sid, (stype, name, body) in defs.items():
        based = '<w:basedOn w:val="Normal"/>' if stype == "paragraph" else ""
        out[sid] = (f'<w:style w:type="{stype}" w:styleId="{sid}"><w:name w:val="{name}"/>{based}'
                    f'<w:uiPriority w:val="99"/><w:unhideWhenUsed/>{body}</w:style>')
    return out


class NoteTexts:
    """The notes of one document, collected as WordprocessingML text.

    ``link_rid(url)`` gives the relationship id of an external hyperlink *of the notes
    part* (a note's URL is related from the notes part, not from the main part)."""

    def __init__(self, mode: str, link_rid: Callable[[str], str]):
        self.kind = _KINDS[mode]
        self.link_rid = link_rid
        self._notes: list[str] = []

    def __len__(self) -> int:
        return len(self._notes)

    def reference_xml(self, note_id: int) -> str:
        """The reference run that goes into the body where the note is referenced."""
        k = self.kind
        return (f'<w:r><w:rPr><w:rStyle w:val="{k["ref_style"]}"/></w:rPr>'
                f'<w:{k["ref"]} w:id="{note_id}"/></w:r>')

    def add(self, note_id: int, runs) -> None:
        """Add a note; ``runs`` are document Runs (text, bold, italic, link)."""
        k = self.kind
        body = [f'<w:r><w:rPr><w:rStyle w:val="{k["ref_style"]}"/></w:rPr><w:{k["mark"]}/></w:r>',
                f"<w:r>{t(' ')}</w:r>"]
        for run in runs:
            props = ""
            if run.bold:
                props += "<w:b/>"
            if run.italic:
                props += "<w:i/>"
            if run.link:
                rid = self.link_rid(run.link)
                body.append(f'<w:hyperlink r:id="{rid}"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/>{props}</w:rPr>'
                            f"{t(run.text)}</w:r></w:hyperlink>")
            else:
                body.append(f"<w:r>{'<w:rPr>' + props + '</w:rPr>' if props else ''}{t(run.text)}</w:r>")
        self._notes.append(f'<w:{k["note"]} w:id="{note_id}"><w:p><w:pPr><w:pStyle w:val="{k["text_style"]}"/>'
                           f'</w:pPr>{"".join(body)}</w:p></w:{k["note"]}>')

    def part_xml(self) -> str:
        """The whole notes part (separators first), without the XML declaration."""
        k = self.kind
        return f'<w:{k["root"]} {_NS}>{_separators(k)}{"".join(self._notes)}</w:{k["root"]}>'


# --------------------------------------------------------------------------- python-docx (style base)


def attach_notes(document, mode: str):
    """A :class:`NoteTexts` for a python-docx document; call the returned ``finish()`` after
    the body is written to put the part into the package (a style base's own notes part is
    reused and emptied). Returns ``(notes, finish)``."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    kind = _KINDS[mode]
    main = document.part
    reltype = REL_BASE + kind["rel"]
    found = [rel.target_part for rel in main.rels.values() if rel.reltype == reltype and not rel.is_external]
    state = {"part": found[0] if found else None}

    def ensure_part():
        if state["part"] is None:
            state["part"] = Part(PackURI(kind["partname"]), kind["ct"], b"", main.package)
            main.relate_to(state["part"], reltype)
        return state["part"]

    def link_rid(url: str) -> str:
        return ensure_part().relate_to(url, REL_BASE + "hyperlink", is_external=True)

    notes = NoteTexts(mode, link_rid)

    def finish() -> None:
        if not len(notes) and state["part"] is None:
            return
        from docx.oxml import parse_xml

        part = ensure_part()
        data = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + notes.part_xml()).encode("utf-8")
        if hasattr(part, "_element"):  # an XmlPart (python-docx parsed it): replace its tree
            part._element = parse_xml(data)
        else:
            parse_xml(data)  # well-formed, or an error here rather than in Word
            part._blob = data
        if kind["note"] == "endnote":
            _decimal_endnotes(document)

    return notes, finish


def _decimal_endnotes(document) -> None:
    """Endnotes numbered 1, 2, 3 as in the PDF (Word and LibreOffice default to i, ii, iii)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    body = document.element.body
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
    settings = document.settings.element
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
    """Define Footnote/Endnote Text and Reference styles (and Hyperlink) when the base lacks them."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    styles = document.styles.element
    have = {s.get(qn("w:styleId")) for s in styles.findall(qn("w:style"))}
    for sid, xml in note_style_defs(font_size).items():
        if sid not in have:
            styles.append(parse_xml(xml.replace("<w:style ", f'<w:style {nsdecls("w")} ', 1)))
