"""PDF import: pages, reading order, headers/footers, hyphenation, encryption and hostile files."""
from __future__ import annotations

import json
import textwrap
import time

import pytest

from briefing.errors import ImportFailed, LimitExceeded
from briefing.ingest import load_article, load_bytes
from test_ingest_support import (
    DE, EN, _esc, _font, article_lines, make_canvas_pdf, make_pdf, raw_pdf, stream_obj, zeros_deflated,
)


def test_typeset_pdf_gives_title_paragraphs_and_metadata():
    lines = article_lines(DE)
    a = load_bytes(make_pdf(lines, lang="de-DE"), "hafen.pdf")
    paras = [a.text[p.start:p.end] for p in a.paragraphs]
    assert paras == lines  # title first, one paragraph per source paragraph, nothing lost
    assert a.text == "\n".join(lines)
    assert a.paragraphs[0].heading and not any(p.heading for p in a.paragraphs[1:])
    assert all(p.page == 1 for p in a.paragraphs)
    s = a.source
    assert s.title == lines[0] and s.author == "Anna Muster" and s.kind == "report"
    assert s.language == "de" and s.published is not None
    # German specifics survive: „…“, ß, umlauts, 11.000, ordinals
    for piece in ("„Wir stoßen", "kann“", "11.000 Lkw", "am 3. April", "Höhe", "19. Jahrhundert"):
        assert piece in a.text


def test_pages_are_numbered_and_a_paragraph_continues_across_a_page_break():
    lines = article_lines(EN)
    # Large type so the article runs over several pages.
    a = load_bytes(make_pdf(lines, font_size=30), "grid.pdf")
    pages = [p.page for p in a.paragraphs]
    assert pages == sorted(pages) and pages[0] == 1 and pages[-1] >= 2
    assert [a.text[p.start:p.end] for p in a.paragraphs] == lines


def _wrap_page(paragraphs: list[str], x: float, top: float, width_chars: int, size: float = 10):
    out, y = [], top
    for para in paragraphs:
        for line in textwrap.wrap(para, width_chars):
            out.append((x, y, line, size))
            y -= size * 1.2
        y -= size * 0.8
    return out


def test_two_column_page_is_read_column_by_column_even_when_drawn_interleaved():
    lines = article_lines(EN)
    title, body = lines[0], lines[1:]
    left = _wrap_page(body[:2], 50, 700, 42)
    right = _wrap_page(body[2:], 310, 700, 42)
    # The content stream alternates between the columns line by line: stream order is wrong.
    interleaved = []
    for i in range(max(len(left), len(right))):
        interleaved += left[i:i + 1] + right[i:i + 1]
    page = [(50, 760, title, 16)] + interleaved
    a = load_bytes(make_canvas_pdf([page]), "columns.pdf")
    assert [a.text[p.start:p.end] for p in a.paragraphs] == lines


def test_running_headers_footers_and_page_numbers_go_hyphenation_is_undone():
    para1 = ("Laut Angaben der rumänischen Hafen-", "behörde wurden bis Ende März rund 4,2 Mio. Tonnen umgeschlagen.")
    pages = []
    for n in range(4):
        pages.append([
            (72, 740, f"Abschnitt {n + 1}: Lage im Hafen", 14),
            (72, 710, para1[0], 10),
            (72, 698, para1[1], 10),
            (72, 680, f"Die Nord-", 10),
            (72, 668, f"Stream-Route sei auf Seite {n + 1} nicht betroffen, teilte die Behörde mit.", 10),
        ])
    data = make_canvas_pdf(pages, header="Küstenzeitung · Lagebericht Schwarzmeerhäfen",
                           footer="Seite {n} von {total}")
    a = load_bytes(data, "bericht.pdf")
    assert "Küstenzeitung" not in a.text and "von 4" not in a.text
    assert "Hafenbehörde wurden" in a.text and "Hafen-" not in a.text
    assert "Nord-Stream-Route" in a.text  # a real hyphen before a capital stays
    heads = [a.text[p.start:p.end] for p in a.paragraphs if p.heading]
    assert heads == [f"Abschnitt {n}: Lage im Hafen" for n in range(1, 5)]
    assert [p.page for p in a.paragraphs if p.heading] == [1, 2, 3, 4]
    assert "Seite 3 nicht betroffen" in a.text  # page words inside the body are kept


def test_pdf_encrypted_only_against_copying_imports():
    from reportlab.lib.pdfencrypt import StandardEncryption

    lines = article_lines(DE)
    enc = StandardEncryption("", ownerPassword="redaktion", canPrint=0, canCopy=0, canModify=0)
    a = load_bytes(make_pdf(lines, encrypt=enc), "geschuetzt.pdf")
    assert [a.text[p.start:p.end] for p in a.paragraphs] == lines


def test_pdf_with_aes_and_empty_user_password_imports():
    import io

    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(make_pdf(article_lines(EN))))
    writer = pypdf.PdfWriter(clone_from=reader)
    writer.encrypt(user_password="", owner_password="owner-secret", algorithm="AES-256", permissions_flag=0)
    buf = io.BytesIO()
    writer.write(buf)
    a = load_bytes(buf.getvalue(), "aes.pdf")
    assert a.text.split("\n")[0] == article_lines(EN)[0]


def test_password_protected_pdf_gets_a_clear_message():
    from reportlab.lib.pdfencrypt import StandardEncryption

    enc = StandardEncryption("geheim", ownerPassword="redaktion")
    with pytest.raises(ImportFailed) as exc:
        load_bytes(make_pdf(article_lines(DE), encrypt=enc), "geheim.pdf")
    assert str(exc.value) == ("geheim.pdf: PDF is password-protected; open it with the password and save an "
                              "unprotected copy, then import that")


def test_truncated_pdf_fails_cleanly():
    data = make_pdf(article_lines(DE))
    with pytest.raises(ImportFailed, match="truncated"):
        load_bytes(data[: len(data) // 2], "halb.pdf")


def test_scanned_pdf_without_text_layer_says_so():
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
    import io

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    for i in range(40):  # "scanned" page: only graphics, no text operators
        c.rect(50 + i * 10, 300, 8, 200 - i * 3, fill=1)
    c.showPage()
    c.save()
    with pytest.raises(ImportFailed, match="no text layer"):
        load_bytes(buf.getvalue(), "scan.pdf")


def _page_with_contents(contents_ref: bytes) -> list[bytes]:
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents " + contents_ref + b" >>",
    ]


def test_stream_that_inflates_to_gigabytes_is_stopped_at_the_limit():
    bomb = zeros_deflated(160 << 20)  # 160 MB of zeros in one stream
    objs = _page_with_contents(b"4 0 R") + [stream_obj(bomb, flate=True)]
    t = time.monotonic()
    with pytest.raises(LimitExceeded, match="limit of 64 MB"):
        load_bytes(raw_pdf(objs), "bombe.pdf")
    assert time.monotonic() - t < 20


def test_many_references_to_one_big_stream_are_stopped_at_the_limit():
    part = zeros_deflated(40 << 20)  # referenced 50 times: 2 GB of content
    objs = _page_with_contents(b"[" + b" ".join([b"4 0 R"] * 50) + b"]") + [stream_obj(part, flate=True)]
    with pytest.raises(LimitExceeded, match="64 MB"):
        load_bytes(raw_pdf(objs), "bombe2.pdf")


def test_page_tree_reference_loop_fails_cleanly():
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",  # the tree contains itself
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        stream_obj(b"BT /F1 12 Tf 72 700 Td (Loop) Tj ET"),
    ]
    t = time.monotonic()
    with pytest.raises(ImportFailed):
        load_bytes(raw_pdf(objs), "schleife.pdf")
    assert time.monotonic() - t < 10


def test_content_stream_array_referring_to_itself_fails_cleanly():
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"[4 0 R 4 0 R]",
    ]
    with pytest.raises(ImportFailed):
        load_bytes(raw_pdf(objs), "schleife2.pdf")


def test_pdf_over_the_page_limit(monkeypatch):
    from briefing.ingest import limits

    data = make_canvas_pdf([[(72, 700, f"Seite mit Text {i}", 10)] for i in range(5)])
    monkeypatch.setattr(limits, "USE_CHILD_PROCESS", False)  # the patched limit must reach the parser
    monkeypatch.setattr(limits, "MAX_PDF_PAGES", 3)
    with pytest.raises(LimitExceeded, match="page limit of 3"):
        load_bytes(data, "lang.pdf")


def test_garbage_after_a_pdf_header_fails_cleanly():
    import random

    rnd = random.Random(7)
    data = b"%PDF-1.4\n" + bytes(rnd.getrandbits(8) for _ in range(20000)) + b"\n%%EOF\n"
    with pytest.raises(ImportFailed):
        load_bytes(data, "kaputt.pdf")


def test_cli_reports_pages_of_pdf_claims(cli, tmp_path):
    path = tmp_path / "grid.pdf"
    path.write_bytes(make_pdf(article_lines(EN), font_size=30))
    r = cli("claims", str(path))
    assert r.returncode == 0, r.stderr
    obj = json.loads(r.stdout)
    pages = [c["page"] for c in obj["claims"]]
    assert pages[0] == 1 and max(pages) >= 2 and pages == sorted(pages)
    for c in obj["claims"]:
        assert c["text"] == obj["text"][c["start"]:c["end"]]
    r = cli("claims", "--format", "text", str(path))
    assert r.returncode == 0 and " p.2\t" in r.stdout


def test_cli_one_line_error_for_a_protected_pdf(cli, tmp_path):
    from reportlab.lib.pdfencrypt import StandardEncryption

    path = tmp_path / "geheim.pdf"
    path.write_bytes(make_pdf(article_lines(DE), encrypt=StandardEncryption("geheim")))
    r = cli("claims", str(path))
    assert r.returncode == 1
    assert r.stderr.strip().count("\n") == 0 and "Traceback" not in r.stderr
    assert r.stderr.startswith(f"briefing: error: {path}: PDF is password-protected")


def test_reportlab_default_metadata_is_no_title_or_author(tmp_path):
    """A PDF made without a title by reportlab says "(anonymous)": that is no title or author."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate
    from reportlab.lib.styles import getSampleStyleSheet

    path = tmp_path / "plain.pdf"
    style = getSampleStyleSheet()["Heading1"]
    SimpleDocTemplate(str(path), pagesize=A4).build(
        [Paragraph("Grid operator reports outage", style),
         Paragraph("The outage lasted four hours, the operator said.", getSampleStyleSheet()["Normal"])])
    a = load_article(path)
    assert a.source.author is None
    assert a.source.title == "Grid operator reports outage"


# ---------------------------------------------------------------- paragraphs without spacing


def _plain_pdf(lines: list[str], *, frame: float, indent: float = 0, justify: bool = False,
               title: str = "plain") -> bytes:
    """A word-processor-like export: no space between paragraphs, the title in the body font
    ("plain"), in bold ("bold") or larger ("large")."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    body, head = _styles(indent, justify, title)
    buf = io.BytesIO()
    margin = (A4[0] - frame) / 2
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=margin, rightMargin=margin, invariant=1)
    doc.build([Paragraph(_esc(lines[0]), head)] + [Paragraph(_esc(t), body) for t in lines[1:]])
    return buf.getvalue()


def _styles(indent: float, justify: bool, title: str):
    from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
    from reportlab.lib.styles import ParagraphStyle

    font = _font()
    body = ParagraphStyle("b", fontName=font, fontSize=10, leading=12, spaceBefore=0, spaceAfter=0,
                          firstLineIndent=indent, alignment=TA_JUSTIFY if justify else TA_LEFT)
    head = ParagraphStyle("t", parent=body, firstLineIndent=0, alignment=TA_LEFT)
    if title == "bold":
        head.fontName = "Helvetica-Bold"  # the title has no low quote, which Helvetica lacks
    elif title == "large":
        head.fontSize, head.leading = 14, 17
    return body, head


def _last_line_fill(text: str, frame: float, indent: float, justify: bool) -> float:
    """How much of the frame width a paragraph's last line fills (0..1), as reportlab sets it."""
    from reportlab.platypus import Paragraph

    body, _ = _styles(indent, justify, "plain")
    p = Paragraph(_esc(text), body)
    frame -= 12  # the frame's padding
    p.wrap(frame, 10_000)
    last = p.blPara.lines[-1]
    extra = last[0] if isinstance(last, tuple) else last.extraSpace
    start = indent if len(p.blPara.lines) == 1 else 0
    return (frame - extra) / frame if start == 0 else (frame - extra) / (frame - start)


def _frame_where(lines: list[str], ok, indent: float = 0, justify: bool = False) -> float:
    """A frame width (points) for which ``ok(fills)`` holds for the body paragraphs' last lines."""
    for frame in range(380, 470, 2):
        fills = [_last_line_fill(t, frame, indent, justify) for t in lines[1:]]
        if ok(fills):
            return float(frame)
    raise AssertionError("no frame width fits")  # pragma: no cover - the fixture text changed


def _expected(lines: list[str]):
    """Claims of the same article as text: the reference for the ¶ numbers."""
    from briefing.claims import extract_claims

    article = load_bytes("\n".join(lines).encode("utf-8"), "hafen.txt")
    return [(c.text, c.paragraph) for c in extract_claims(article, prefix="s1")]


def _check(a, lines):
    from briefing.claims import extract_claims

    paras = [a.text[p.start:p.end] for p in a.paragraphs]
    assert len(paras) == len(lines)
    assert paras[0] == lines[0]  # the title is paragraph 1, alone
    assert paras == lines
    got = [(c.text, c.paragraph) for c in extract_claims(a, prefix="s1")]
    assert got == _expected(lines)
    assert got[0] == (lines[0], 1) and {p for _, p in got} == set(range(1, len(lines) + 1))


@pytest.mark.parametrize("title", ["plain", "bold", "large"])
def test_paragraphs_without_spacing_are_told_apart_by_short_last_lines(title):
    lines = article_lines(DE)
    frame = _frame_where(lines, lambda fills: max(fills) < 0.75)
    a = load_bytes(_plain_pdf(lines, frame=frame, title=title), "ohne_abstand.pdf")
    _check(a, lines)


def test_paragraphs_without_spacing_are_told_apart_by_first_line_indents():
    lines = article_lines(DE)
    # Some last lines nearly full (> 85 %): only the indent of the next paragraph tells them apart.
    frame = _frame_where(lines, lambda fills: sum(f > 0.88 for f in fills) >= 1, indent=18)
    a = load_bytes(_plain_pdf(lines, frame=frame, indent=18), "einzug.pdf")
    _check(a, lines)


def test_justified_paragraph_ending_in_a_full_line_then_an_indented_one():
    lines = article_lines(DE)
    frame = _frame_where(lines, lambda fills: any(f > 0.97 for f in fills[:-1]), indent=14, justify=True)
    a = load_bytes(_plain_pdf(lines, frame=frame, indent=14, justify=True), "blocksatz.pdf")
    _check(a, lines)


def test_no_paragraph_is_split_inside_when_a_last_line_is_nearly_full_and_nothing_else_shows():
    """No spacing, no indent, a last line filling most of the width: that break cannot be seen,
    but no paragraph may be cut in the middle either (every ¶ is whole source paragraphs)."""
    lines = article_lines(DE)
    frame = _frame_where(lines, lambda fills: sum(f > 0.88 for f in fills[:-1]) == 1 and
                         sorted(fills)[-2] < 0.75)
    a = load_bytes(_plain_pdf(lines, frame=frame), "ohne_abstand.pdf")
    paras = [a.text[p.start:p.end] for p in a.paragraphs]
    assert paras[0] == lines[0] and len(paras) == len(lines) - 1
    joined = [lines[i] + " " + lines[i + 1] for i in range(1, len(lines) - 1)]
    assert all(p in lines[1:] or p in joined for p in paras[1:])
