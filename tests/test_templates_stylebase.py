"""A Word style base from outside is checked as a zip and cleaned: remote template references,
external links, macros, embedded objects and ActiveX are removed, with a warning per kind."""
from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import docx
import pytest

from briefing import templates as tl
from briefing.errors import TemplateError
from briefing.styles_base import clean_style_base

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
R_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def house_docx() -> bytes:
    """A plain Word file with a house style and a header, made with python-docx."""
    d = docx.Document()
    d.styles.add_style("House Heading", docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
    d.sections[0].header.paragraphs[0].text = "House header"
    d.add_paragraph("Body text that a style base never contributes.")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _add_rel(rels: str, rid: str, rtype: str, target: str, external: bool = False) -> str:
    mode = ' TargetMode="External"' if external else ""
    return rels.replace("</Relationships>",
                        f'<Relationship Id="{rid}" Type="{REL}/{rtype}" Target="{target}"{mode}/></Relationships>')


def hostile_docx() -> bytes:
    """The house file with everything a style base must not carry."""
    src = zipfile.ZipFile(io.BytesIO(house_docx()))
    parts = {n: src.read(n) for n in src.namelist()}
    header = next(n for n in parts if re.match(r"word/header\d*\.xml$", n))
    header_rels = header.replace("word/", "word/_rels/") + ".rels"
    ct = parts["[Content_Types].xml"].decode()
    ct = ct.replace("wordprocessingml.document.main+xml", "PLACEHOLDER")
    ct = ct.replace("application/vnd.openxmlformats-officedocument.PLACEHOLDER",
                    "application/vnd.ms-word.document.macroEnabled.main+xml")
    ct = ct.replace("</Types>", '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
                                '<Override PartName="/word/activeX/activeX1.xml" '
                                'ContentType="application/vnd.ms-office.activeX+xml"/></Types>')
    parts["[Content_Types].xml"] = ct.encode()
    # macros
    parts["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 macro storage"
    doc_rels = parts["word/_rels/document.xml.rels"].decode()
    doc_rels = _add_rel(doc_rels, "rIdVba", "vbaProject", "vbaProject.bin")
    # a remote template in the settings
    settings = parts["word/settings.xml"].decode()
    settings = re.sub(r"(<w:settings[^>]*>)", r'\1<w:attachedTemplate r:id="rIdTpl"/><w:linkStyles/>', settings, 1)
    if "xmlns:r=" not in settings.split(">", 2)[1]:
        settings = settings.replace("<w:settings ", f"<w:settings {R_NS} ", 1)
    parts["word/settings.xml"] = settings.encode()
    parts["word/_rels/settings.xml.rels"] = _add_rel(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>',
        "rIdTpl", "attachedTemplate", "http://templates.example.invalid/house.dotm", external=True).encode()
    # an OLE object, an ActiveX control and a remote image in the header
    parts["word/embeddings/oleObject1.bin"] = b"\xd0\xcf\x11\xe0 ole"
    parts["word/activeX/activeX1.xml"] = b'<?xml version="1.0"?><ax:ocx xmlns:ax="urn:x"/>'
    parts["word/activeX/activeX1.bin"] = b"activex"
    hrels = parts.get(header_rels, b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships '
                                   b'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                                   b'</Relationships>').decode()
    hrels = _add_rel(hrels, "rIdOle", "oleObject", "embeddings/oleObject1.bin")
    hrels = _add_rel(hrels, "rIdAx", "control", "activeX/activeX1.xml")
    hrels = _add_rel(hrels, "rIdImg", "image", "http://tracker.example.invalid/pixel.png", external=True)
    hrels = _add_rel(hrels, "rIdLink", "hyperlink", "https://intranet.example.invalid/", external=True)
    parts[header_rels] = hrels.encode()
    h = parts[header].decode()
    if "xmlns:r=" not in h:
        h = h.replace("<w:hdr ", f"<w:hdr {R_NS} ", 1)
    h = h.replace("</w:p>", '<w:r><w:object><w:control r:id="rIdAx" w:name="Btn"/></w:object></w:r></w:p>', 1)
    parts[header] = h.encode()
    parts["word/_rels/document.xml.rels"] = doc_rels.encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)
    return out.getvalue()


def test_a_plain_style_base_passes_unchanged_in_substance():
    res = clean_style_base(house_docx(), "house.docx")
    assert res.warnings == []
    d = docx.Document(io.BytesIO(res.data))
    assert "House Heading" in [s.name for s in d.styles]
    assert d.sections[0].header.paragraphs[0].text == "House header"
    assert [p.text for p in d.paragraphs] == []  # the body is not part of a style base


def test_everything_dangerous_is_removed_with_a_warning_per_kind():
    res = clean_style_base(hostile_docx(), "house.docx")
    assert res.warnings == [
        "house.docx: removed a reference to a remote template (http://templates.example.invalid/house.dotm)",
        "house.docx: removed external references (http://tracker.example.invalid/pixel.png)",
        "house.docx: removed macros (vbaProject.bin, macro-enabled document type)",
        "house.docx: removed embedded objects (oleObject1.bin)",
        "house.docx: removed ActiveX controls (activeX1.bin, activeX1.xml)",
    ]
    z = zipfile.ZipFile(io.BytesIO(res.data))
    names = z.namelist()
    assert names[0] == "[Content_Types].xml"
    assert not [n for n in names if "vba" in n.lower() or "embeddings" in n or "activeX" in n]
    everything = b"".join(z.read(n) for n in names)
    for gone in (b"attachedTemplate", b"linkStyles", b"w:object", b"w:control", b"macroEnabled", b"vbaProject",
                 b"tracker.example", b"templates.example"):
        assert gone not in everything, gone
    assert b"intranet.example.invalid" in everything  # a plain hyperlink is kept
    d = docx.Document(io.BytesIO(res.data))  # still a valid Word document
    assert "House Heading" in [s.name for s in d.styles]
    assert d.sections[0].header.paragraphs[0].text == "House header"
    assert clean_style_base(res.data, "again.docx").warnings == []  # cleaning is complete in one pass


def bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"\0" * (30 * 1024 * 1024))
    return out.getvalue()


def duplicate_names() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<a/>")
        with pytest.warns(UserWarning):
            z.writestr("word/document.xml", "<b/>")
    return out.getvalue()


def with_dtd() -> bytes:
    src = zipfile.ZipFile(io.BytesIO(house_docx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for n in src.namelist():
            data = src.read(n)
            if n == "word/styles.xml":
                data = data.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY a "aaaa">]>', 1)
            z.writestr(n, data)
    return out.getvalue()


def traversal() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<a/>")
        z.writestr("../../evil.xml", "<a/>")
    return out.getvalue()


@pytest.mark.parametrize("maker, reason", [
    (lambda: b"not a zip at all", "not a Word file"),
    (lambda: b"PK\x03\x04" + b"\0" * 100, "damaged Word file"),
    (bomb, "zip bomb"),
    (duplicate_names, "duplicate part"),
    (with_dtd, "contains a DTD"),
    (traversal, "unsafe part name"),
])
def test_unsafe_word_files_are_refused(maker, reason):
    with pytest.raises(TemplateError) as exc:
        clean_style_base(maker(), "house.docx")
    assert reason in str(exc.value)
    assert str(exc.value).startswith("house.docx: style base: ")


def test_import_cleans_the_style_base_into_the_library(cli, tmp_path):
    folder = tmp_path / "from-colleague"
    folder.mkdir()
    sent = hostile_docx()
    (folder / "house.docx").write_bytes(sent)
    t = tl.get_template("analyst-brief").model_dump(mode="json")
    t.update(name="House brief", style_base="house.docx")
    f = folder / "house-brief.json"
    f.write_text(json.dumps(t), encoding="utf-8")
    data_dir = tmp_path / "data"
    r = cli("templates", "validate", str(f), env={"BRIEFING_DATA_DIR": str(data_dir)})
    assert r.returncode == 0, r.stderr
    assert not data_dir.exists()  # validate writes nothing
    r = cli("templates", "import", str(f), env={"BRIEFING_DATA_DIR": str(data_dir)})
    assert r.returncode == 0, r.stderr
    warnings = r.stderr.strip().split("\n")
    assert len(warnings) == 5 and all(w.startswith("briefing: warning: house.docx: removed ") for w in warnings)
    stored = data_dir / "templates" / "house-brief.assets" / "house.docx"
    z = zipfile.ZipFile(stored)
    assert not [n for n in z.namelist() if "vba" in n.lower() or "embeddings" in n]
    assert (folder / "house.docx").read_bytes() == sent  # the colleague's file is untouched
    # export puts the cleaned style base next to the exported template; import again is silent
    out = tmp_path / "out"
    out.mkdir()
    r = cli("templates", "export", "House brief", str(out / "t.json"), env={"BRIEFING_DATA_DIR": str(data_dir)})
    assert r.returncode == 0 and r.stderr == ""
    assert (out / "house.docx").read_bytes() == stored.read_bytes()
    r = cli("templates", "import", str(out / "t.json"), "House brief 2", env={"BRIEFING_DATA_DIR": str(data_dir)})
    assert r.returncode == 0 and r.stderr == ""


def test_read_style_base_gives_renderers_the_cleaned_bytes(tmp_path):
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "house.docx").write_bytes(hostile_docx())
    t = tl.get_template("lagebild").model_dump(mode="json")
    t.update(name="Haus", style_base="house.docx")
    (folder / "haus.json").write_text(json.dumps(t), encoding="utf-8")
    tpl = tl.get_template(str(folder / "haus.json"))
    res = tl.read_style_base(tpl)
    assert b"vbaProject" not in res.data and len(res.warnings) == 5
    assert tl.style_base_file(tpl) == (folder / "house.docx").resolve()
    assert tl.read_style_base(tl.get_template("lagebild")) is None
