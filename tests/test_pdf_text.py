"""Our PDF paragraphs (briefing.render.pdf_text) against reportlab's Paragraph: the same lines,
the same splits, the same pixels, and working links."""
from __future__ import annotations

import shutil
import subprocess

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from briefing.document import Note, NoteRef, Run
from briefing.render import pdf
from briefing.render.fonts import register_fonts
from briefing.render.pdf_text import TextPara, pieces, plain_style

URL = "https://www.example.org/" + "abschnitt/" * 12 + "bericht.html"


def _note(n: int) -> NoteRef:
    return NoteRef(Note(number=n, runs=[Run("x")]))


CONTENTS = [
    [Run("Laut Angaben der Hafenbehörde wurden in Konstanza rund 100.000 Tonnen umgeschlagen, die "
         "Wartezeit betrage 2 Tage (¶ 3)."), _note(7)],
    [Run("„Wir stoßen an die Grenzen“, sagte der Hafendirektor."), Run(" [reported, B2]", italic=True), _note(12)],
    [Run("Bottom line: "), Run("die Lage bleibt angespannt", bold=True), Run(" und "),
     Run("unsicher", bold=True, italic=True), Run(", so die Behörde, S. 4.")],
    [Run("Quelle: Hafenbehörde, "), Run(URL, link=URL), Run(", abgerufen am 3. Mai 2026.")],
    [Run(URL, link=URL), Run(" danach")],
    [Run("Wort " * 40 + "x" * 200)],
    [Run("Ελληνικά και кириллица: Κατά την αρχή λιμένα, поставки зерна сократились на 13 %."), _note(101)],
    [Run("Kurz.")],
    [Run("Nach\u00a0Angaben\u00a0des\u00a0Verbands\u00a0der\u00a0Getreidehändler " * 4)],
]


@pytest.fixture(scope="module")
def styles():
    register_fonts(("serif", "sans"))
    body = ParagraphStyle("body", fontName="DejaVuSerif", fontSize=11, leading=15.18, spaceAfter=5)
    return {
        "body": body,
        "bullet": ParagraphStyle("bullet", parent=body, leftIndent=6 * mm, bulletIndent=1.5 * mm,
                                 bulletFontName="DejaVuSerif"),
        "hanging": ParagraphStyle("hanging", parent=body, fontName="DejaVuSans", fontSize=8.6, leading=10.8,
                                  leftIndent=4 * mm, firstLineIndent=-4 * mm, textColor="#444444"),
    }


def _rl_lines(p) -> list[str]:
    out = []
    for line in p.blPara.lines:
        if hasattr(line, "words"):
            out.append("".join(w.text for w in line.words if not hasattr(w, "cbDefn")).strip())
        else:
            out.append(" ".join(line[1]).strip())
    return out


def _our_lines(p) -> list[str]:
    return [" ".join("".join(t for _p, t in w.parts) for w in words).strip() for _x, words, _s in p._lines]


def _pair(content, style, bullet=None):
    from reportlab.platypus import Paragraph

    rl = Paragraph(pdf._markup(content), style, bulletText=bullet)
    ours = TextPara(pieces(content, style), style, bullet)
    return rl, ours


def _same_page(a, b, page: int) -> bool:
    """Page ``page`` of the PDFs ``a`` and ``b`` rendered at 110 dpi is the same, pixel for pixel."""
    from PIL import Image, ImageChops

    for f in (a, b):
        subprocess.run(["pdftoppm", "-r", "110", "-f", str(page), "-l", str(page), "-png", "-singlefile",
                        str(f), str(f.with_suffix(""))], check=True)
    x = Image.open(a.with_suffix(".png")).convert("RGB")
    y = Image.open(b.with_suffix(".png")).convert("RGB")
    return ImageChops.difference(x, y).getbbox() is None


@pytest.mark.parametrize("content", CONTENTS, ids=range(len(CONTENTS)))
@pytest.mark.parametrize("style_name,bullet", [("body", None), ("bullet", "•"), ("bullet", "12."), ("hanging", None)])
def test_lines_break_where_reportlab_breaks_them(styles, content, style_name, bullet):
    style = styles[style_name]
    for width in (180, 300, 451.3):
        rl, ours = _pair(content, style, bullet)
        assert ours.wrap(width, 1e4) == pytest.approx(rl.wrap(width, 1e4)), width
        assert _our_lines(ours) == _rl_lines(rl), width


def test_splits_where_reportlab_splits_and_never_leaves_one_first_line(styles):
    content = CONTENTS[5]
    for height in (5, 16, 20, 31, 47, 90, 400):
        rl, ours = _pair(content, styles["body"])
        rl.wrap(200, 1e4), ours.wrap(200, 1e4)
        a, b = rl.split(200, height), ours.split(200, height)
        assert len(a) == len(b), height
        for x, y in zip(a, b):
            assert y.wrap(200, 1e4)[1] == pytest.approx(x.wrap(200, 1e4)[1]), height
        if len(b) == 2:
            assert _our_lines(b[0]) + _our_lines(b[1]) == _our_lines(ours)
    assert not ours.split(200, 16)  # one line would be an orphan


def test_split_paragraph_keeps_its_notes_on_the_last_part(styles):
    p = TextPara(pieces(CONTENTS[5] + [_note(3)], styles["body"]), styles["body"])
    p._notes = ("n3",)
    head, tail = p.split(200, 50)
    assert head._notes == () and tail._notes == ("n3",)


def test_only_plain_styles_are_drawn_by_us(styles):
    assert plain_style(styles["body"]) and plain_style(styles["hanging"])
    assert not plain_style(ParagraphStyle("j", parent=styles["body"], backColor="#eef2f7"))
    assert not plain_style(ParagraphStyle("c", parent=styles["body"], alignment=1))


def _render(tmp_path, name, flowables):
    from reportlab.platypus import SimpleDocTemplate

    def targets(canv, _doc):  # the notes the reference marks link to
        for n in (7, 12, 101):
            canv.bookmarkHorizontal(f"note-{n}", 0, 0)

    out = tmp_path / name
    SimpleDocTemplate(str(out), invariant=1, initialFontName="DejaVuSans").build(flowables, onFirstPage=targets)
    return out


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="needs poppler-utils")
def test_pages_look_exactly_as_reportlab_draws_them(styles, tmp_path):
    rl, ours = [], []
    for content in CONTENTS:
        for name, bullet in (("body", None), ("bullet", "•"), ("hanging", None)):
            a, b = _pair(content, styles[name], bullet)
            rl.append(a)
            ours.append(b)
    a, b = _render(tmp_path, "rl.pdf", rl), _render(tmp_path, "ours.pdf", ours)
    pages = int(subprocess.run(["pdfinfo", str(a)], capture_output=True, text=True).stdout.split("Pages:")[1].split()[0])
    assert pages >= 2  # a paragraph split across the page break too
    for page in range(1, pages + 1):
        assert _same_page(a, b, page), page


def test_links_cover_the_url_on_every_line_and_reference_marks_point_to_their_note(styles, tmp_path):
    from pypdf import PdfReader
    from reportlab.platypus import SimpleDocTemplate

    class Doc(SimpleDocTemplate):
        def afterFlowable(self, flowable):  # the note the reference points to
            if getattr(flowable, "_mark", False):
                self.canv.bookmarkHorizontal("note-7", 0, 100)

    body = styles["body"]
    first = TextPara(pieces(CONTENTS[3], body), body)
    marked = TextPara(pieces(CONTENTS[0], body), body)
    marked._mark = True
    out = tmp_path / "links.pdf"
    Doc(str(out), invariant=1, initialFontName="DejaVuSans").build([first, marked])
    annots = [a.get_object() for a in PdfReader(str(out)).pages[0]["/Annots"]]
    uris = [a for a in annots if "/A" in a and a["/A"].get("/URI") == URL]
    url_lines = sum(1 for line in _our_lines(first) if "example.org" in line or "abschnitt" in line)
    assert len(uris) == url_lines >= 2  # one link rectangle per line the URL runs over
    dests = [a for a in annots if "/Dest" in a]
    assert len(dests) == 1 and dests[0]["/Dest"][1] == "/XYZ"
    rect = [float(v) for v in dests[0]["/Rect"]]
    assert rect[2] - rect[0] < 15  # just the mark "7"


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="needs poppler-utils")
def test_table_cells_written_in_one_text_object_look_as_reportlab_draws_them(styles, tmp_path, monkeypatch):
    from reportlab.platypus import Table

    from briefing.document import Document
    from briefing.document import Table as DTable

    doc = Document(title="T", body_font="serif", heading_font="sans", font_size=10.5)
    st = pdf._styles(doc)
    rows = [[f"{i * 37 % 900 + 100}.000 t; {i % 9 + 2} Tage",
             f"Nach Angaben des Verbands wurden in Varna in Woche {i} rund {i * 37 % 900 + 100}.000 Tonnen "
             "umgeschlagen, die Wartezeit betrage einige Tage (¶ 4).", f"Verband, ¶ {i}"] for i in range(60)]
    table = DTable(["Zahl", "Aussage", "Quelle"], rows, widths=[1.3, 4.1, 1.6])
    ours = _render(tmp_path, "ours.pdf", pdf._tables(table, st, 440))
    monkeypatch.setattr(pdf, "_Table", Table)
    theirs = _render(tmp_path, "rl.pdf", pdf._tables(table, st, 440))
    for page in (1, 2):
        assert _same_page(ours, theirs, page), page
