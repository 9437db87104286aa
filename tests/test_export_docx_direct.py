"""The DOCX package written directly (no style base): what it contains and what it leaves out.

Without a user's Word file the package is written as text (briefing/render/docx_package.py);
python-docx is only loaded for a style base. These tests read the package as Word would:
every part it names is there, every style it uses is defined, lists are numbered, the
template's look is in the styles, and a style base still brings its own styles.
"""
from __future__ import annotations

import datetime as dt
import io
import os
import posixpath
import subprocess
import sys
import zipfile

import pytest
from lxml import etree

from briefing.compose import compose
from briefing.document import Document, Heading, ListBlock, Note, NoteRef, PageSetup, Paragraph, Run, Table
from briefing.render.docx import docx_bytes
from briefing.templates import get_template
from conftest import FIXTURES, ROOT
from test_export_render import audit, make_project

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
NS = {"w": W, "r": R}


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def xml(data: bytes, name: str):
    return etree.fromstring(parts(data)[name])


def rels_name(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def referenced(files: dict[str, bytes]) -> tuple[set[str], list[tuple[str, str]]]:
    """Every internal part reachable from the package relationships, and every external link
    as (source part, URL)."""
    seen: set[str] = set()
    links: list[tuple[str, str]] = []
    todo = [("", "_rels/.rels")]
    while todo:
        source, rels = todo.pop()
        root = etree.fromstring(files[rels])
        for rel in root.findall(f"{{{PR}}}Relationship"):
            target = rel.get("Target")
            if rel.get("TargetMode") == "External":
                links.append((source, target))
                continue
            name = posixpath.normpath(posixpath.join(posixpath.dirname(source), target))
            assert name in files, f"{source or 'package'} refers to missing part {name}"
            if name not in seen:
                seen.add(name)
                if rels_name(name) in files:
                    todo.append((name, rels_name(name)))
    return seen, links


def rich_doc(**kw) -> Document:
    """A document tree with every kind of block: two ordered lists, bullets, a table, notes with links."""
    n1 = Note(1, [Run("Quelle A, S. 4, "), Run("https://a.example/x?a=1&b=2", link="https://a.example/x?a=1&b=2")])
    n2 = Note(2, [Run("Quelle B, ¶ 3.", italic=True)])
    blocks = [
        Heading("Lage „Nord“ & Süd", level=0, anchor="title"),
        Paragraph([Run("Untertitel")], style="subtitle"),
        Paragraph([Run("Datum: 20. November 2026")], style="meta"),
        Heading("Kernaussagen", level=1, anchor="sec-1"),
        ListBlock([Paragraph([Run("Erster Punkt."), NoteRef(n1)]), Paragraph([Run("Zweiter Punkt."), NoteRef(n2)])]),
        ListBlock([Paragraph([Run("Schritt eins")]), Paragraph([Run("Schritt zwei")])], ordered=True),
        Paragraph([Run("Zwischentext mit "), Run("Link", link="https://b.example/"), Run(".")]),
        ListBlock([Paragraph([Run("Neu eins")]), Paragraph([Run("Neu zwei")])], ordered=True),
        Heading("Unterabschnitt", level=2),
        Heading("Tiefer", level=3),
        Paragraph([Run("Wir schätzen, dass es so bleibt.")], style="judgment"),
        Paragraph([Run("Das Fazit.")], style="bottom_line"),
        Paragraph([Run("Ein Zitat.")], style="quote"),
        Paragraph([Run("Hinweis.")], style="guidance"),
        Paragraph([Run("Klein.")], style="small"),
        Table(["Zahl", "Aussage"], [["11.000", "Lkw vor dem Hafen"], ["9", "Tage Wartezeit"]], widths=[1, 3]),
        Paragraph([Run("Brandt, Jana: Hafenbericht.")], style="source_entry"),
    ]
    fields = dict(title="Lage „Nord“ & Süd", language="de", author="A. Analyst", subject="Logistik",
                  keywords=["lagebild", "häfen"], banner="VS – NUR FÜR DEN DIENSTGEBRAUCH",
                  page=PageSetup("Letter", (20, 18, 22, 30)), body_font="serif", heading_font="sans", font_size=10.5,
                  notes_mode="footnotes", page_label="Seite {page} von {pages}",
                  timestamp=dt.datetime(2026, 11, 20, tzinfo=dt.timezone.utc), blocks=blocks, notes=[n1, n2])
    fields.update(kw)
    return Document(**fields)


def test_a_cold_build_without_style_base_never_loads_python_docx(tmp_path):
    out = tmp_path / "brief.docx"
    script = ("import runpy, sys\n"
              f"sys.argv = ['briefing', 'build', {str(FIXTURES / 'de_hafen.txt')!r}, '-o', {str(out)!r}, "
              "'--date', '2026-11-20']\n"
              "try:\n"
              f"    runpy.run_path({str(ROOT / 'main.py')!r}, run_name='__main__')\n"
              "except SystemExit as e:\n"
              "    assert not e.code, e.code\n"
              "print(sorted(m for m in sys.modules if m == 'docx' or m.startswith('docx.')))\n")
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT,
                       env=dict(os.environ), timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().splitlines()[-1] == "[]"
    assert zipfile.is_zipfile(out)
    audit(out)


def test_the_package_holds_exactly_the_parts_it_refers_to():
    for doc in (rich_doc(), rich_doc(notes_mode="endnotes"), rich_doc(notes_mode="none", banner=None)):
        files = parts(docx_bytes(doc))
        names = list(files)
        assert names[:2] == ["[Content_Types].xml", "_rels/.rels"]
        reached, _links = referenced(files)
        rels = {n for n in names if n.endswith(".rels")}
        assert reached == set(names) - rels - {"[Content_Types].xml"}
        types = etree.fromstring(files["[Content_Types].xml"])
        overrides = {o.get("PartName").lstrip("/") for o in types.findall(f"{{{CT}}}Override")}
        assert overrides == reached  # every part has its content type, none is declared in vain
        for name, blob in files.items():
            etree.fromstring(blob)  # every part is well-formed XML
        kinds = {"footnotes": "word/footnotes.xml", "endnotes": "word/endnotes.xml"}
        for mode, part in kinds.items():
            assert (part in names) == (doc.notes_mode == mode)
        assert ("word/header1.xml" in names) == bool(doc.banner)


def test_links_are_related_from_the_part_they_stand_in():
    files = parts(docx_bytes(rich_doc()))
    _reached, links = referenced(files)
    assert sorted(links) == [("word/document.xml", "https://b.example/"),
                             ("word/footnotes.xml", "https://a.example/x?a=1&b=2")]
    for part in ("word/document.xml", "word/footnotes.xml"):
        root = etree.fromstring(files[part])
        rels = etree.fromstring(files[rels_name(part)])
        ids = {r.get("Id") for r in rels}
        used = {h.get(f"{{{R}}}id") for h in root.iter(f"{{{W}}}hyperlink")}
        assert used and used <= ids


def test_every_style_used_is_defined():
    for doc in (rich_doc(), rich_doc(notes_mode="endnotes"), compose(make_project("lagebild"))):
        files = parts(docx_bytes(doc))
        styles = etree.fromstring(files["word/styles.xml"])
        defined = {s.get(f"{{{W}}}styleId"): s.get(f"{{{W}}}type") for s in styles.findall(f"{{{W}}}style")}
        kinds = {"pStyle": "paragraph", "rStyle": "character", "tblStyle": "table"}
        used = set()
        for name, blob in files.items():
            if not name.startswith("word/") or name.endswith(".rels"):
                continue
            for tag, kind in kinds.items():
                for el in etree.fromstring(blob).iter(f"{{{W}}}{tag}"):
                    sid = el.get(f"{{{W}}}val")
                    assert defined.get(sid) == kind, (name, sid)
                    used.add(sid)
        for s in styles.findall(f"{{{W}}}style"):  # a style's parent and follower exist too
            for ref in ("basedOn", "next"):
                el = s.find(f"{{{W}}}{ref}")
                assert el is None or el.get(f"{{{W}}}val") in defined
        assert {"Title", "Heading1", "ListBullet", "FootnoteReference" if doc.notes_mode == "footnotes"
                else "EndnoteReference", "Banner", "PageLabel"} <= used
    assert {"Subtitle", "Heading2", "Heading3", "Quote", "ListNumber", "Hyperlink", "TableGrid", "FootnoteText",
            "Judgment", "BottomLine", "Meta", "Guidance", "Small", "SourceEntry"} <= set(defined)


def test_lists_are_numbered_and_each_numbered_list_starts_at_one():
    data = docx_bytes(rich_doc())
    styles, numbering, body = xml(data, "word/styles.xml"), xml(data, "word/numbering.xml"), xml(data,
                                                                                                  "word/document.xml")
    nums = {n.get(f"{{{W}}}numId"): n for n in numbering.findall(f"{{{W}}}num")}
    abstract = {a.get(f"{{{W}}}abstractNumId"): a for a in numbering.findall(f"{{{W}}}abstractNum")}

    def fmt(num_id: str) -> str:
        a = abstract[nums[num_id].find(f"{{{W}}}abstractNumId").get(f"{{{W}}}val")]
        return a.find(f"{{{W}}}lvl/{{{W}}}numFmt").get(f"{{{W}}}val")

    def style_num(sid: str) -> str:
        s = next(s for s in styles.findall(f"{{{W}}}style") if s.get(f"{{{W}}}styleId") == sid)
        return s.find(f"{{{W}}}pPr/{{{W}}}numPr/{{{W}}}numId").get(f"{{{W}}}val")

    assert fmt(style_num("ListBullet")) == "bullet"
    assert fmt(style_num("ListNumber")) == "decimal"
    # the two numbered lists: the first uses the style's numbering, the second its own, restarting at 1
    ordered = [p for p in body.iter(f"{{{W}}}p")
               if p.find(f"{{{W}}}pPr/{{{W}}}pStyle") is not None
               and p.find(f"{{{W}}}pPr/{{{W}}}pStyle").get(f"{{{W}}}val") == "ListNumber"]
    ids = [p.find(f"{{{W}}}pPr/{{{W}}}numPr/{{{W}}}numId").get(f"{{{W}}}val") for p in ordered]
    assert len(ids) == 4 and ids[0] == ids[1] == style_num("ListNumber") and ids[2] == ids[3] != ids[0]
    restart = nums[ids[2]].find(f"{{{W}}}lvlOverride/{{{W}}}startOverride")
    assert restart is not None and restart.get(f"{{{W}}}val") == "1" and fmt(ids[2]) == "decimal"


def test_template_look_page_setup_language_and_properties():
    data = docx_bytes(rich_doc())
    styles = xml(data, "word/styles.xml")
    normal = next(s for s in styles.findall(f"{{{W}}}style") if s.get(f"{{{W}}}styleId") == "Normal")
    assert normal.find(f"{{{W}}}rPr/{{{W}}}rFonts").get(f"{{{W}}}ascii") == "DejaVu Serif"
    assert normal.find(f"{{{W}}}rPr/{{{W}}}sz").get(f"{{{W}}}val") == "21"  # 10.5 pt
    assert normal.find(f"{{{W}}}rPr/{{{W}}}lang").get(f"{{{W}}}val") == "de-DE"
    h1 = next(s for s in styles.findall(f"{{{W}}}style") if s.get(f"{{{W}}}styleId") == "Heading1")
    assert h1.find(f"{{{W}}}rPr/{{{W}}}rFonts").get(f"{{{W}}}ascii") == "DejaVu Sans"
    assert h1.find(f"{{{W}}}pPr/{{{W}}}outlineLvl").get(f"{{{W}}}val") == "0"
    sect = xml(data, "word/document.xml").find(f"{{{W}}}body/{{{W}}}sectPr")
    size, margins = sect.find(f"{{{W}}}pgSz"), sect.find(f"{{{W}}}pgMar")
    twips = lambda mm: round(mm / 25.4 * 1440)  # noqa: E731
    assert abs(int(size.get(f"{{{W}}}w")) - twips(215.9)) <= 1 and abs(int(size.get(f"{{{W}}}h")) - twips(279.4)) <= 1
    for side, mm in (("top", 20), ("right", 18), ("bottom", 22), ("left", 30)):
        assert abs(int(margins.get(f"{{{W}}}{side}")) - twips(mm)) <= 1, side
    core = parts(data)["docProps/core.xml"].decode()
    assert "<dc:title>Lage „Nord“ &amp; Süd</dc:title>" in core
    assert "<cp:keywords>lagebild, häfen</cp:keywords>" in core and "<dc:language>de</dc:language>" in core
    assert "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2026-11-20T00:00:00Z</dcterms:created>" in core
    footer = parts(data)["word/footer1.xml"].decode()
    assert 'w:instr=" PAGE "' in footer and 'w:instr=" NUMPAGES "' in footer and "Seite " in footer
    assert docx_bytes(rich_doc()) == data  # reproducible


def test_python_docx_reads_the_direct_package():
    import docx

    d = docx.Document(io.BytesIO(docx_bytes(rich_doc())))
    assert [p.text for p in d.paragraphs][:3] == ["Lage „Nord“ & Süd", "Untertitel", "Datum: 20. November 2026"]
    assert d.paragraphs[0].style.name == "Title" and d.paragraphs[3].style.name == "Heading 1"
    assert d.styles["Judgment"].font.italic and d.styles["Bottom Line"].font.bold
    assert [c.text for c in d.tables[0].rows[1].cells] == ["11.000", "Lkw vor dem Hafen"]
    assert d.core_properties.author == "A. Analyst"
    assert d.sections[0].header.paragraphs[0].text == "VS – NUR FÜR DEN DIENSTGEBRAUCH"


def test_characters_xml_cannot_hold_are_dropped_not_written():
    bad = rich_doc(title="Titel\x0b mit Steuerzeichen", banner="VS\x01",
                   blocks=[Paragraph([Run("Text\x0c mit\x00 Zeichen & <Klammern>", link='https://c.example/"q"')])],
                   notes=[])
    files = parts(docx_bytes(bad))
    for blob in files.values():
        etree.fromstring(blob)
    body = "".join(xml(docx_bytes(bad), "word/document.xml").itertext())
    assert "Text mit Zeichen & <Klammern>" in body


def test_a_style_base_still_brings_its_own_styles_and_header(tmp_path):
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    base = docx.Document()
    base.styles["Normal"].font.name = "Liberation Sans"
    base.styles.add_style("Hausstil Überschrift", WD_STYLE_TYPE.PARAGRAPH)
    base.sections[0].header.paragraphs[0].text = "Ministerium für Häfen"
    base.add_paragraph("Text der Vorlage, der nicht erscheinen darf.")
    buf = io.BytesIO()
    base.save(buf)
    data = docx_bytes(rich_doc(style_base="haus.docx", style_base_data=buf.getvalue()))
    out = tmp_path / "b.docx"
    out.write_bytes(data)
    audit(out)
    d = docx.Document(io.BytesIO(data))
    assert d.styles["Normal"].font.name == "Liberation Sans"
    assert "Hausstil Überschrift" in [s.name for s in d.styles]
    assert "nicht erscheinen" not in "\n".join(p.text for p in d.paragraphs)
    header = [p.text for p in d.sections[0].header.paragraphs]
    assert header == ["VS – NUR FÜR DEN DIENSTGEBRAUCH", "Ministerium für Häfen"]
    files = parts(data)
    assert "word/footnotes.xml" in files
    notes = etree.fromstring(files["word/footnotes.xml"])
    assert [n.get(f"{{{W}}}id") for n in notes.findall(f"{{{W}}}footnote")] == ["-1", "0", "1", "2"]
    assert docx_bytes(rich_doc(style_base="haus.docx", style_base_data=buf.getvalue())) == data


@pytest.mark.parametrize("name", ["analyst-brief", "lagebild", "press-summary", "source-digest"])
def test_every_builtin_template_has_its_font_and_size(name):
    fonts = get_template(name).fonts
    styles = xml(docx_bytes(compose(make_project(name))), "word/styles.xml")
    normal = next(s for s in styles.findall(f"{{{W}}}style") if s.get(f"{{{W}}}styleId") == "Normal")
    word_font = {"serif": "DejaVu Serif", "sans": "DejaVu Sans"}
    assert normal.find(f"{{{W}}}rPr/{{{W}}}rFonts").get(f"{{{W}}}ascii") == word_font[fonts.body]
    assert int(normal.find(f"{{{W}}}rPr/{{{W}}}sz").get(f"{{{W}}}val")) == int(fonts.size_pt * 2)
