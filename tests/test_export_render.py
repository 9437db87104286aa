"""DOCX and PDF export: what a user opens, checked with the tools a user (or CI) has."""
from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import zipfile

import pytest
from lxml import etree

from briefing.compose import compose
from briefing.model import (Article, Attribution, Brief, BriefSection, Claim, ClaimItem, Figure, Project, Source,
                            TextItem)
from briefing.render import export_warnings, render
from briefing.render.docx import docx_bytes
from briefing.templates import get_template, list_templates

EPOCH = "1764028800"  # 2025-11-25, as tests/conftest.py sets it
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HAVE_POPPLER = shutil.which("pdftotext") is not None
needs_poppler = pytest.mark.skipif(not HAVE_POPPLER, reason="poppler-utils not installed")

SOURCES = [
    Source(id="s1", title="Hafenbericht: Reederei meldet Engpässe bei Getreideexporten", publisher="Küstenkurier",
           author="Jana Brandt", published=dt.date(2026, 4, 4), url="https://kuestenkurier.example/hafen",
           accessed=dt.date(2026, 4, 6), language="de"),
    Source(id="s2", title="Grid operator warns of winter shortfall after transformer fire", publisher="Energy Wire",
           published=dt.date(2026, 11, 3), url="https://energywire.example/grid", accessed=dt.date(2026, 11, 4)),
]
HAFEN_PARAS = [
    "Hafenbericht: Reederei meldet Engpässe bei Getreideexporten",
    "Die rumänische Hafenbehörde legte am Montag ihre Quartalszahlen vor. Bis Ende März wurden rund 4,2 Mio. "
    "Tonnen umgeschlagen, etwa 13 % weniger als im Vorjahr.",
    "Nach Angaben des Verbands der Getreidehändler stehen derzeit mehr als 11.000 Lkw vor dem Hafen. Die Wartezeit "
    "betrage im Schnitt neun Tage.",
    "„Wir stoßen an die Grenzen“, sagte Hafendirektor Dr. Mihai Ionescu.",
]
GRID_PARAS = [
    "Grid operator warns of winter shortfall after transformer fire",
    "A transformer fire has cut the regional reserve. The outage affects roughly 40,000 households.",
    "The National Grid Control Room gave a first estimate. Repairs will take at least six weeks.",
]


def article(source: Source, paras: list[str]) -> Article:
    from briefing.model import Paragraph as APara

    text, spans = "", []
    for i, p in enumerate(paras):
        spans.append(APara(start=len(text), end=len(text) + len(p), heading=i == 0))
        text += p + "\n"
    return Article(source=source, text=text, paragraphs=spans)


ARTICLES = [article(SOURCES[0], HAFEN_PARAS), article(SOURCES[1], GRID_PARAS)]


def span(sid: str, sentence: str) -> dict:
    """``start``/``end`` of a sentence in its article: the claim is verbatim."""
    text = next(a.text for a in ARTICLES if a.source.id == sid)
    at = text.index(sentence)
    return {"start": at, "end": at + len(sentence), "text": sentence, "source_id": sid}


CLAIMS = [
    Claim(id="c1", paragraph=2, stance="reported",
          **span("s1", "Bis Ende März wurden rund 4,2 Mio. Tonnen umgeschlagen, etwa 13 % weniger als im Vorjahr."),
          attribution=Attribution(source="der rumänischen Hafenbehörde", normalized="rumänische Hafenbehörde",
                                  cue="laut Angaben"),
          figures=[Figure(kind="number", text="4,2 Mio. Tonnen", start=0, end=1)]),
    Claim(id="c2", paragraph=3, stance="reported", **span("s1", "Die Wartezeit betrage im Schnitt neun Tage."),
          paraphrase="Lkw warten im Schnitt neun Tage auf die Abfertigung.",
          attribution=Attribution(source="des Verbands der Getreidehändler", normalized="Verband der Getreidehändler",
                                  via="Agerpres")),
    Claim(id="c3", paragraph=2, **span("s2", "The outage affects roughly 40,000 households."),
          figures=[Figure(kind="number", text="40,000 households", start=0, end=1)]),
    Claim(id="c4", paragraph=3, stance="reported", **span("s2", "Repairs will take at least six weeks."),
          attribution=Attribution(source="the National Grid Control Room", normalized="National Grid Control Room")),
    Claim(id="c5", paragraph=4, **span("s1", "„Wir stoßen an die Grenzen“, sagte Hafendirektor Dr. Mihai Ionescu.")),
]
JUDGMENT = "Wir schätzen mit mittlerer Sicherheit, dass der Rückstau anhält. Ελληνικά и кириллица."


def make_project(template="analyst-brief", *, lang=None, copies=0, mode=None, style=None, classification="VS – NUR FÜR DEN DIENSTGEBRAUCH"):
    t = get_template(template)
    update = {}
    if lang:
        update["language"] = lang
    if mode or style:
        update["citation"] = t.citation.model_copy(update={k: v for k, v in (("mode", mode), ("style", style)) if v})
    if update:
        t = t.model_copy(update=update)
    claims = list(CLAIMS)
    ids = [c.id for c in claims]
    if copies:
        claims += [CLAIMS[i % 5].model_copy(update={"id": f"k{i}", "paragraph": i + 1}) for i in range(copies)]
        ids = [c.id for c in claims]
    sections = [BriefSection(id=s.id, title=s.title) for s in t.sections]
    first_claims = True
    for s, ts in zip(sections, t.sections):
        if ts.kind == "bottom_line":
            s.items = [TextItem(text="Die Häfen sind überlastet; Engpässe dürften bis zum Sommer anhalten.")]
        elif ts.kind == "claims" and first_claims:
            s.items = [ClaimItem(claim_id=i) for i in ids]
            first_claims = False
        elif ts.kind == "text":
            s.items = [TextItem(text=JUDGMENT)]
    brief = Brief(title="Häfen und Netze: Lage im „Frühjahr“", subtitle="Lagebild Logistik", author="A. Analyst",
                  organisation="Referat 21", date=dt.date(2026, 11, 20), classification=classification,
                  sections=sections)
    return Project(articles=list(ARTICLES), claims=claims, brief=brief, template=t)


def pdftext(path, first=None, last=None, layout=False) -> str:
    cmd = ["pdftotext", "-enc", "UTF-8"]
    if first:
        cmd += ["-f", str(first), "-l", str(last or first)]
    if layout:
        cmd.append("-layout")
    return subprocess.run(cmd + [str(path), "-"], capture_output=True, text=True, check=True).stdout


def pages(path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", out).group(1))


def audit(path) -> None:
    exe = shutil.which("openxml-audit")
    if exe is None:
        import sys
        from pathlib import Path

        exe = str(Path(sys.executable).parent / "openxml-audit")
    r = subprocess.run([exe, str(path), "-m", "0"], capture_output=True, text=True)
    assert r.returncode == 0 and "Errors: 0" in r.stdout, r.stdout + r.stderr


def docx_xml(data: bytes, name: str):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read(name))


# --------------------------------------------------------------------------- DOCX


@pytest.fixture(scope="module")
def brief_docx(tmp_path_factory):
    out = tmp_path_factory.mktemp("docx") / "brief.docx"
    with pytest.MonkeyPatch.context() as mp:  # module fixtures run before conftest's autouse one
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        render(compose(make_project(lang="de")), out)
    return out


def test_docx_passes_openxml_audit(brief_docx):
    audit(brief_docx)


def test_docx_has_real_footnotes_with_styles(brief_docx):
    data = brief_docx.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        rels = z.read("word/_rels/document.xml.rels").decode()
        types = z.read("[Content_Types].xml").decode()
    assert "word/footnotes.xml" in names
    assert "relationships/footnotes" in rels and "footnotes+xml" in types
    body = docx_xml(data, "word/document.xml")
    refs = [int(r.get(f"{W}id")) for r in body.iter(f"{W}footnoteReference")]
    assert refs == [1, 2, 3, 4, 5]
    for r in body.iter(f"{W}footnoteReference"):
        assert r.getparent().find(f"{W}rPr/{W}rStyle").get(f"{W}val") == "FootnoteReference"
    notes = docx_xml(data, "word/footnotes.xml")
    by_id = {int(n.get(f"{W}id")): "".join(n.itertext()) for n in notes.findall(f"{W}footnote")}
    assert "¶\u00a02" in by_id[1]  # a locator never breaks across lines
    by_id = {k: v.replace("\u00a0", " ") for k, v in by_id.items()}
    assert set(by_id) == {-1, 0, 1, 2, 3, 4, 5}
    assert "Nach Angaben der rumänischen Hafenbehörde, zitiert in: Jana Brandt" in by_id[1]
    assert "¶ 2" in by_id[1] and "abgerufen am 6. April 2026" in by_id[1]
    assert by_id[2].strip() == ("Nach Angaben des Verbands der Getreidehändler, wiedergegeben von Agerpres, zitiert in: "
                                "ebd., ¶ 3. Original: „Die Wartezeit betrage im Schnitt neun Tage.“")
    styles = docx_xml(data, "word/styles.xml")
    ids = {s.get(f"{W}styleId") for s in styles.findall(f"{W}style")}
    assert {"FootnoteText", "FootnoteReference", "Judgment", "Hyperlink"} <= ids


def test_docx_furniture_fields_and_properties(brief_docx):
    data = brief_docx.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        footer = z.read("word/footer1.xml").decode()
        header = z.read("word/header1.xml").decode()
        core = z.read("docProps/core.xml").decode()
    assert "VS – NUR FÜR DEN DIENSTGEBRAUCH" in header and "VS – NUR FÜR DEN DIENSTGEBRAUCH" in footer
    assert 'w:instr=" PAGE "' in footer and 'w:instr=" NUMPAGES "' in footer
    assert "Seite " in footer and " von " in footer
    assert "<dc:title>Häfen und Netze: Lage im „Frühjahr“</dc:title>" in core
    assert "<dc:creator>A. Analyst</dc:creator>" in core and "<dc:language>de</dc:language>" in core
    assert "2025-11-25T00:00:00Z" in core  # SOURCE_DATE_EPOCH (set by conftest), not the clock


def test_docx_is_byte_identical_and_zip_dates_fixed(brief_docx):
    doc = compose(make_project(lang="de"))
    a, b = docx_bytes(doc), docx_bytes(compose(make_project(lang="de")))
    assert a == b == brief_docx.read_bytes()
    with zipfile.ZipFile(io.BytesIO(a)) as z:
        assert {i.date_time for i in z.infolist()} == {(2025, 11, 25, 0, 0, 0)}


def test_brief_date_is_the_timestamp_without_source_date_epoch(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    data = docx_bytes(compose(make_project()))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert {i.date_time for i in z.infolist()} == {(2026, 11, 20, 0, 0, 0)}
        assert "2026-11-20T00:00:00Z" in z.read("docProps/core.xml").decode()


def test_docx_endnotes_mode(tmp_path):
    out = tmp_path / "e.docx"
    render(compose(make_project(mode="endnotes")), out)
    audit(out)
    with zipfile.ZipFile(out) as z:
        assert "word/endnotes.xml" in z.namelist() and "word/footnotes.xml" not in z.namelist()
    body = docx_xml(out.read_bytes(), "word/document.xml")
    assert len(list(body.iter(f"{W}endnoteReference"))) == 5
    # numbered 1, 2, 3 like the PDF's notes (Word and LibreOffice would count i, ii, iii)
    assert [e.get(f"{W}val") for e in body.iter(f"{W}numFmt")] == ["decimal"]
    settings = docx_xml(out.read_bytes(), "word/settings.xml")
    assert settings.find(f"{W}endnotePr/{W}numFmt").get(f"{W}val") == "decimal"


def test_author_date_mode_puts_citations_in_the_text(tmp_path):
    doc = compose(make_project(mode="author-date", style="apa"))
    assert doc.notes == [] and doc.notes_mode == "none"
    text = doc.plain_text()
    assert ("The outage affects roughly 40,000 households (“Grid Operator Warns of Winter Shortfall After "
            "Transformer Fire”, 2026, ¶ 2).") in text
    assert "anhält. Ελληνικά и кириллица." in text  # the analyst's text carries no citation
    out = tmp_path / "ad.docx"
    render(doc, out)
    audit(out)


def test_style_base_keeps_styles_page_and_header_drops_body(tmp_path):
    import docx as pydocx
    from docx.shared import Mm, RGBColor

    base = pydocx.Document()
    base.styles["Normal"].font.name = "Liberation Sans"
    base.styles["Heading 1"].font.color.rgb = RGBColor(0xAA, 0x11, 0x22)
    sec = base.sections[0]
    sec.page_width, sec.page_height, sec.left_margin = Mm(215.9), Mm(279.4), Mm(31)
    sec.header.paragraphs[0].text = "Ministerium für Häfen – Referat 21"
    base.add_paragraph("Dieser Text der Vorlage darf nicht im Lagebild erscheinen.")
    folder = tmp_path / "tpl"
    folder.mkdir()
    base.save(folder / "hausstil.docx")
    t = get_template("analyst-brief").model_copy(update={"style_base": "hausstil.docx", "name": "haus"})
    (folder / "haus.json").write_text(t.model_dump_json(), encoding="utf-8")
    template = get_template(str(folder / "haus.json"))
    project = make_project()
    project.template = template
    out = tmp_path / "b.docx"
    render(compose(project), out)
    audit(out)
    d = pydocx.Document(str(out))
    text = "\n".join(p.text for p in d.paragraphs)
    assert "darf nicht" not in text and "Häfen und Netze" in text
    assert d.styles["Normal"].font.name == "Liberation Sans"
    assert d.styles["Heading 1"].font.color.rgb == RGBColor(0xAA, 0x11, 0x22)
    s = d.sections[0]
    assert abs(s.page_width.mm - 215.9) < 0.2 and abs(s.left_margin.mm - 31) < 0.2
    header = [p.text for p in s.header.paragraphs]
    assert "Ministerium für Häfen – Referat 21" in header and "VS – NUR FÜR DEN DIENSTGEBRAUCH" in header


# --------------------------------------------------------------------------- PDF


@pytest.fixture(scope="module")
def long_pdf(tmp_path_factory):
    out = tmp_path_factory.mktemp("pdf") / "long.pdf"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        render(compose(make_project(lang="de", copies=60)), out)
    return out


@needs_poppler
def test_pdf_passes_qpdf_and_embeds_all_fonts(long_pdf):
    if shutil.which("qpdf"):
        r = subprocess.run(["qpdf", "--check", str(long_pdf)], capture_output=True, text=True)
        assert r.returncode == 0, r.stdout + r.stderr
    fonts = subprocess.run(["pdffonts", str(long_pdf)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:] if line.strip()]
    assert rows and all(r[-5] == "yes" for r in rows), fonts  # the "emb" column
    assert any("DejaVuSerif" in r[0] for r in rows)


@needs_poppler
def test_pdf_text_reading_order_umlauts_quotes_and_scripts(long_pdf):
    text = pdftext(long_pdf, 1, 2)
    order = ["VS – NUR FÜR DEN DIENSTGEBRAUCH", "Häfen und Netze: Lage im „Frühjahr“", "Lagebild Logistik",
             "Die Häfen sind überlastet", "Bis Ende März wurden rund 4,2 Mio. Tonnen", "(Quelle: rumänische Hafenbehörde)"]
    pos = [text.find(s) for s in order]
    assert -1 not in pos and pos == sorted(pos), (pos, text[:800])
    full = pdftext(long_pdf)
    assert "Ελληνικά" in full and "кириллица" in full
    assert "„Wir stoßen an die Grenzen“" in full


@needs_poppler
def test_pdf_footnotes_sit_on_the_page_of_their_reference(long_pdf):
    from pypdf import PdfReader

    r = PdfReader(str(long_pdf))
    assert len(r.pages) >= 3
    seen = []
    for number, page in enumerate(r.pages, start=1):
        text = pdftext(long_pdf, number)
        notes = [int(m) for m in re.findall(r"^(\d+) (?:Nach Angaben|Ebd|Brandt|Energy Wire|„Grid|Jana|National Grid)",
                                            text, re.M)]
        seen += notes
        links = [a.get_object() for a in page.get("/Annots", []) if "/Dest" in a.get_object()]
        # each note has a link from its reference mark down to the note and one back up
        assert len(links) == 2 * len(notes), (number, len(links), notes)
        for link in links:  # and every one of them stays on this page
            assert r.get_page_number(link["/Dest"][0].get_object()) == number - 1
    assert seen == list(range(1, 66))


@needs_poppler
def test_pdf_page_x_of_y_has_the_right_total(long_pdf):
    n = pages(long_pdf)
    for p in (1, n):
        assert f"Seite {p} von {n}" in pdftext(long_pdf, p)
        assert pdftext(long_pdf, p).count("VS – NUR FÜR DEN DIENSTGEBRAUCH") == 2  # header and footer


def test_pdf_metadata_bookmarks_and_note_links(long_pdf):
    from pypdf import PdfReader

    r = PdfReader(str(long_pdf))
    meta = r.metadata
    assert meta.title == "Häfen und Netze: Lage im „Frühjahr“" and meta.author == "A. Analyst"
    assert meta.subject == "Lagebild Logistik"
    assert str(meta.get("/CreationDate")).startswith("D:20251125000000")
    assert r.trailer["/Root"].get("/Lang") == "de"
    titles = [o.title for o in r.outline if not isinstance(o, list)]
    assert titles[:2] == [s.title for s in get_template("analyst-brief").sections][:2]
    # the first link on page 1 is reference mark 1: it points down to note 1 at the foot of the page
    first = r.pages[0]["/Annots"][0].get_object()
    assert first["/Dest"][1] == "/XYZ" and first["/Dest"][3] < first["/Rect"][1]


def test_pdf_is_byte_identical(tmp_path):
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    render(compose(make_project()), a)
    render(compose(make_project()), b)
    assert a.read_bytes() == b.read_bytes()


@needs_poppler
def test_pdf_endnotes_mode(tmp_path):
    out = tmp_path / "e.pdf"
    render(compose(make_project(mode="endnotes")), out)
    text = pdftext(out)
    notes_at = text.index("\nNotes\n")
    assert "1 According to rumänische Hafenbehörde, quoted in: Jana Brandt" in text[notes_at:]
    assert text.index("Sources") < notes_at


@needs_poppler
def test_docx_and_pdf_have_the_same_text(tmp_path):
    import docx as pydocx

    doc = compose(make_project(lang="de"))
    render(doc, tmp_path / "b.docx")
    render(doc, tmp_path / "b.pdf")
    d = pydocx.Document(str(tmp_path / "b.docx"))
    words_docx = []
    for block in d.element.body.iter(f"{W}p"):
        words_docx += "".join(t.text or "" for t in block.iter(f"{W}t")).split()
    notes = docx_xml((tmp_path / "b.docx").read_bytes(), "word/footnotes.xml")
    words_docx += "".join(notes.itertext()).split()
    words_pdf = pdftext(tmp_path / "b.pdf").split()
    norm = lambda ws: sorted(re.sub(r"\d+$", "", w) for w in ws if not re.fullmatch(r"\d+|Seite|von|•", w))  # noqa: E731
    banner = "VS – NUR FÜR DEN DIENSTGEBRAUCH".split()
    pdf_words = norm(words_pdf)
    for w in norm(banner) * 2 * pages(tmp_path / "b.pdf"):
        pdf_words.remove(w)
    assert pdf_words == norm(words_docx)


# --------------------------------------------------------------------------- all templates, fonts, CLI


@pytest.mark.parametrize("name", sorted(t.name for t in list_templates()))
def test_every_builtin_template_exports(tmp_path, name):
    project = make_project(name)
    doc = compose(project)
    for suffix in (".docx", ".pdf"):
        out = tmp_path / f"b{suffix}"
        render(doc, out)
        assert out.stat().st_size > 1000
    audit(tmp_path / "b.docx")
    if HAVE_POPPLER:
        assert "Häfen und Netze" in pdftext(tmp_path / "b.pdf")


def test_group_by_source_and_key_figures_sections():
    from briefing.model import TemplateSection

    t = get_template("analyst-brief")
    sections = [TemplateSection(id="by-source", title="By source", kind="claims", group_by_source=True),
                TemplateSection(id="figures", title="Key figures", kind="key_figures"),
                TemplateSection(id="sources", title="Sources", kind="sources")]
    t = t.model_copy(update={"sections": sections})
    project = make_project()
    project.template = t
    project.brief.sections = [BriefSection(id="by-source", title="By source",
                                           items=[ClaimItem(claim_id=c.id) for c in CLAIMS]),
                              BriefSection(id="figures", title="Key figures"), BriefSection(id="sources", title="Sources")]
    doc = compose(project)
    text = doc.plain_text()
    assert "Küstenkurier: Hafenbericht: Reederei meldet Engpässe bei Getreideexporten" in text
    assert "Energy Wire: Grid operator warns" in text
    assert "4,2 Mio. Tonnen" in text and "Brandt, ¶ 2" in text and "Energy Wire, ¶ 2" in text


def test_judgment_is_visibly_distinct_from_reporting(brief_docx):
    body = docx_xml(brief_docx.read_bytes(), "word/document.xml")
    styles = [("".join(p.itertext())[:30], p.find(f"{W}pPr/{W}pStyle").get(f"{W}val")
               if p.find(f"{W}pPr/{W}pStyle") is not None else "Normal") for p in body.iter(f"{W}p")]
    assert (JUDGMENT[:30], "Judgment") in styles
    assert any(v == "ListBullet" for k, v in styles if k.startswith("Bis Ende März"))


def test_missing_glyphs_are_reported_before_export():
    project = make_project()
    project.claims[2] = project.claims[2].model_copy(update={"text": "Der Betreiber 中 meldet Ausfälle."})
    lines = export_warnings(compose(project))  # twice: in the key points and the key figures
    assert lines == ["the fonts cannot show U+4E2D CJK UNIFIED IDEOGRAPH-4E2D '中' (2×); "
                     "it will appear as an empty box"]
    assert export_warnings(compose(make_project())) == []


def test_cli_prints_warning_lines_for_missing_glyphs(cli, tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("Testbericht\nDer Hafen meldet 3.000 Container, Zeichen 中文.\n", encoding="utf-8")
    out = tmp_path / "a.pdf"
    r = cli("build", str(src), "-o", str(out), "--date", "2026-11-20")
    assert r.returncode == 0, r.stderr
    assert "briefing: warning: the fonts cannot show U+4E2D" in r.stderr
    assert out.exists()


def test_common_characters_are_in_every_shipped_face():
    from briefing.render.fonts import COMMON, FAMILIES, _ttf

    for faces in FAMILIES.values():
        for face in faces.values():
            cmap = _ttf(face).face.charToGlyph
            assert not [c for c in COMMON if ord(c) not in cmap], face
