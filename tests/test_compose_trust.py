"""What a reader of the brief can trust: quotes are verbatim, paraphrases say so and keep the
original at hand, reported claims carry their attribution (hearsay included), and the
analyst's own judgments stay visibly apart from reporting — read back from the DOCX
(python-docx) and the PDF (pdftotext, pypdf), not from the document tree alone."""
from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess

import docx
import pytest

from briefing.brief import select_claims
from briefing.compose import compose, quoted
from briefing.model import (Article, Attribution, Brief, BriefSection, Claim, ClaimItem, Figure, Project, Source,
                            TextItem)
from briefing.model import Paragraph as APara
from briefing.render import render
from briefing.templates import get_template

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")

PORT = Source(id="p", title="Werft meldet Auftragsrückgang", publisher="Ostseebote", author="Lena Kraus",
              published=dt.date(2026, 5, 2), language="de")
DAM = Source(id="d", title="Dam repairs slip into next year", publisher="Valley Courier",
             published=dt.date(2026, 6, 1), language="en")
PORT_PARAS = [
    "Werft meldet Auftragsrückgang",
    "Der Verband der Zulieferer legte am Montag neue Zahlen vor. Seit Januar seien rund 2.400 Stellen weggefallen.",
    "„Die Lage ist ernst“, sagte Verbandschefin Dr. Petra Lindqvist. Zudem soll ein Investor aus Norwegen "
    "verhandeln.",
    "Die rumänische Hafenbehörde äußerte sich ebenfalls. Die Umschlagmengen gingen um 13 % zurück.",
]
DAM_PARAS = [
    "Dam repairs slip into next year",
    "The water board published its timetable on Monday. Repairs will take at least fourteen months.",
    "The regulator Ofgem opened an inquiry in May. Ofgem inspectors found cracks in two of the blocks.",
    "Local anglers complained about the low water. Fish stocks have fallen sharply.",
]
JUDGMENT = "Wir halten einen Stellenabbau in dieser Größenordnung für plausibel."


def _article(src: Source, paras: list[str]) -> Article:
    text, spans = "", []
    for i, p in enumerate(paras):
        spans.append(APara(start=len(text), end=len(text) + len(p), heading=i == 0))
        text += p + "\n"
    return Article(source=src, text=text, paragraphs=spans)


ARTICLES = {"p": _article(PORT, PORT_PARAS), "d": _article(DAM, DAM_PARAS)}


def claim(cid: str, sid: str, sentence: str, **kw) -> Claim:
    text = ARTICLES[sid].text
    at = text.index(sentence)
    para = ARTICLES[sid].paragraph_at(at)[0]
    return Claim(id=cid, source_id=sid, start=at, end=at + len(sentence), text=sentence, paragraph=para, **kw)


VERBAND = Attribution(source="Der Verband der Zulieferer", normalized="Verband der Zulieferer", inherited=True)
CLAIMS = {
    # reported, no cue of its own (Konjunktiv continuation)
    "jobs": claim("jobs", "p", "Seit Januar seien rund 2.400 Stellen weggefallen.", stance="reported",
                  attribution=VERBAND, figures=[Figure(kind="number", text="2.400 Stellen", start=0, end=1)]),
    # names its speaker itself
    "quote": claim("quote", "p", "„Die Lage ist ernst“, sagte Verbandschefin Dr. Petra Lindqvist.", stance="reported",
                   attribution=Attribution(source="Verbandschefin Dr. Petra Lindqvist",
                                           normalized="Verbandschefin Dr. Petra Lindqvist", cue="sagte")),
    # hearsay with its own cue ("soll") and an inherited source
    "investor": claim("investor", "p", "Zudem soll ein Investor aus Norwegen verhandeln.", stance="reported",
                      attribution=Attribution(source="Verbandschefin Dr. Petra Lindqvist", normalized="Verbandschefin "
                                              "Dr. Petra Lindqvist", cue="soll", inherited=True)),
    # a name that starts with an adjective ("rumänische …")
    "volume": claim("volume", "p", "Die Umschlagmengen gingen um 13 % zurück.", stance="reported",
                    attribution=Attribution(source="Die rumänische Hafenbehörde", normalized="rumänische Hafenbehörde")),
    # hearsay whose source nobody names
    "rumour": claim("rumour", "p", "Die Umschlagmengen gingen um 13 % zurück.", stance="reported"),
    "repairs": claim("repairs", "d", "Repairs will take at least fourteen months.", stance="reported",
                     attribution=Attribution(source="The water board", normalized="water board")),
    "cracks": claim("cracks", "d", "Ofgem inspectors found cracks in two of the blocks.", stance="reported",
                    attribution=Attribution(source="Ofgem", normalized="Ofgem", inherited=True)),
    "fish": claim("fish", "d", "Fish stocks have fallen sharply.", stance="reported"),
}


def project(template: str, ids: list[str], *, lang: str | None = None, text_items=(JUDGMENT,), **edits) -> Project:
    t = get_template(template)
    if lang:
        t = t.model_copy(update={"language": lang})
    claims = [CLAIMS[i].model_copy(update=edits.get(i, {})) for i in ids]
    sections = [BriefSection(id=s.id, title=s.title) for s in t.sections]
    target = next(s for s, ts in zip(sections, t.sections) if ts.kind == "claims")
    target.items = [ClaimItem(claim_id=c.id) for c in claims] + [TextItem(text=x) for x in text_items]
    brief = Brief(title="Werften und Talsperren", date=dt.date(2026, 6, 3), author="A. Analyst", sections=sections)
    return Project(articles=list(ARTICLES.values()), claims=claims, brief=brief, template=t)


def export(p: Project, tmp_path, name: str = "b"):
    doc = compose(p)
    out_docx, out_pdf = tmp_path / f"{name}.docx", tmp_path / f"{name}.pdf"
    render(doc, out_docx)
    render(doc, out_pdf)
    return out_docx, out_pdf


def docx_body_and_notes(path) -> tuple[list[str], list[str]]:
    d = docx.Document(str(path))
    body = [p.text.replace("\u00a0", " ") for p in d.paragraphs]  # locators keep a no-break space
    notes_part = next((r.target_part for r in d.part.rels.values()
                       if r.reltype.endswith(("/footnotes", "/endnotes"))), None)
    notes = []
    if notes_part is not None:
        from lxml import etree

        root = etree.fromstring(notes_part.blob)
        ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
        notes = ["".join(n.itertext()).strip().replace("\u00a0", " ") for n in root.xpath("//w:footnote|//w:endnote", namespaces=ns)
                 if int(n.get(f"{{{ns['w']}}}id")) > 0]
    return body, notes


def pdftext(path) -> str:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())  # lines joined: sentences wrap


# --------------------------------------------------------------------------- quotes and paraphrases


@needs_poppler
def test_verbatim_quote_in_quotation_marks_edited_quote_as_attributed_paraphrase(tmp_path):
    edited = "Seit Januar seien rund 2.500 Stellen weggefallen."  # the analyst changed a figure
    p = project("source-digest", ["jobs", "repairs"], lang="de", text_items=(),
                jobs={"text": edited})
    out_docx, out_pdf = export(p, tmp_path)
    body, _ = docx_body_and_notes(out_docx)
    pdf = pdftext(out_pdf)
    for text in ("\n".join(body), pdf):
        # still matching its source: a quote, in the brief's quotation marks
        assert "„Repairs will take at least fourteen months.“" in text
        # edited: never in quotation marks, but attributed and cited, with the original beside it
        assert f"„{edited}" not in text and f"{edited[:-1]}“" not in text
        assert "Verband der Zulieferer: Seit Januar seien rund 2.500 Stellen weggefallen (¶ 2)." in text
        assert "Original: „Seit Januar seien rund 2.400 Stellen weggefallen.“" in text


@needs_poppler
def test_paraphrase_shown_as_such_with_the_original_in_its_note(tmp_path):
    para = "Der Verband zählt seit Januar etwa 2.400 verlorene Stellen."
    p = project("lagebild", ["jobs"], jobs={"paraphrase": para})
    out_docx, out_pdf = export(p, tmp_path)
    body, notes = docx_body_and_notes(out_docx)
    line = next(b for b in body if b.startswith("Der Verband zählt"))
    assert line == para  # running text: no quotation marks, no "Laut": the paraphrase names the Verband itself
    assert notes == ["Verband der Zulieferer, zitiert in: Kraus, Lena: Werft meldet Auftragsrückgang. In: Ostseebote "
                     "(2026), ¶ 2. Original: „Seit Januar seien rund 2.400 Stellen weggefallen.“"]
    pdf = pdftext(out_pdf)
    assert para in pdf and "„" + para not in pdf
    assert "Original: „Seit Januar seien rund 2.400 Stellen weggefallen.“" in pdf


def test_quote_fragments_that_are_not_in_the_source_lose_their_quotation_marks():
    kept = "„Die Lage ist ernst“, sagte Verbandschefin Dr. Petra Lindqvist am Montag."
    faked = "„Die Lage ist katastrophal“, sagte Verbandschefin Dr. Petra Lindqvist."
    for text, expected in ((kept, kept), (faked, "Die Lage ist katastrophal, sagte Verbandschefin Dr. Petra "
                                                 "Lindqvist.")):
        doc = compose(project("lagebild", ["quote"], quote={"text": text}))
        assert expected in doc.plain_text()


def test_nested_quotation_marks_when_a_whole_sentence_is_quoted():
    assert quoted("„Die Lage ist ernst“, sagte sie.", "de") == "„‚Die Lage ist ernst‘, sagte sie.“"
    assert quoted('He said it was "the thinnest since 2016."', "en") == \
        "“He said it was ‘the thinnest since 2016.’”"
    doc = compose(project("source-digest", ["quote"], text_items=()))
    assert "“‘Die Lage ist ernst’, sagte Verbandschefin Dr. Petra Lindqvist.” (¶ 3)" in doc.plain_text()


# --------------------------------------------------------------------------- attribution


def shown(template: str, cid: str, lang: str | None = None, **edits) -> str:
    doc = compose(project(template, [cid], lang=lang, text_items=(), **edits))
    return next(p.plain_text() for p in doc.paragraphs() if p.style == "body")


def test_german_running_text_gets_a_trailing_source_not_laut_with_a_colon():
    # "Laut X hätten …" would need the verb moved; "Laut X: …" before running text is not German
    assert shown("lagebild", "jobs") == "Seit Januar seien rund 2.400 Stellen weggefallen (Quelle: Verband der Zulieferer).1"
    assert shown("lagebild", "volume") == "Die Umschlagmengen gingen um 13 % zurück (Quelle: rumänische Hafenbehörde).1"


def test_a_quote_running_on_from_the_sentence_before_gets_its_source_in_front():
    # "„Wir haben … verloren (Quelle: X)." would put the attribution inside the quotation
    line = shown("lagebild", "jobs", jobs={"text": "„Seit Januar seien rund 2.400 Stellen weggefallen.",
                                           "start": CLAIMS["jobs"].start - 1})
    assert line.startswith("Verband der Zulieferer: „Seit Januar seien rund 2.400 Stellen weggefallen.")


def test_german_quotes_get_laut_with_a_colon_or_the_name_as_a_label():
    quote_mode = {"claims": get_template("lagebild").claims.model_copy(update={"text": "quote"})}

    def q(cid):
        t = get_template("lagebild").model_copy(update=quote_mode)
        p = project("lagebild", [cid], text_items=())
        p.template = t
        return next(x.plain_text() for x in compose(p).paragraphs() if x.style == "body")

    assert q("jobs") == "Laut Verband der Zulieferer: „Seit Januar seien rund 2.400 Stellen weggefallen.“1"
    # "Laut rumänische Hafenbehörde" is ungrammatical (the adjective is not in the dative): a label
    assert q("volume") == "Rumänische Hafenbehörde: „Die Umschlagmengen gingen um 13 % zurück.“1"


def test_a_sentence_that_names_its_source_or_cue_gets_no_phrase():
    assert shown("lagebild", "quote").startswith("„Die Lage ist ernst“, sagte Verbandschefin")
    assert shown("lagebild", "investor") == "Zudem soll ein Investor aus Norwegen verhandeln.1"
    assert shown("analyst-brief", "investor").startswith("Zudem soll")


def test_english_attribution_reads_naturally():
    # the article of the name is kept, the sentence's first word lower-cased
    assert shown("analyst-brief", "repairs") == "According to the water board, repairs will take at least fourteen months.1"
    # a name stays capitalised: the article writes "Ofgem" in mid-sentence too
    assert shown("analyst-brief", "cracks") == "Ofgem inspectors found cracks in two of the blocks.1"  # names itself
    p = project("analyst-brief", ["cracks"], text_items=(),
                cracks={"attribution": Attribution(source="the regulator", normalized="regulator")})
    line = next(x.plain_text() for x in compose(p).paragraphs() if x.style == "body")
    assert line == "According to the regulator, Ofgem inspectors found cracks in two of the blocks.1"
    # a German sentence in an English brief keeps its capitals: the source goes after it
    assert shown("analyst-brief", "jobs") == ("Seit Januar seien rund 2.400 Stellen weggefallen "
                                              "(source: Verband der Zulieferer).1")


@needs_poppler
def test_hearsay_without_a_source_is_still_marked_as_reported(tmp_path):
    assert shown("analyst-brief", "fish") == "Reportedly, fish stocks have fallen sharply.1"
    assert shown("lagebild", "rumour") == "Die Umschlagmengen gingen um 13 % zurück (Berichten zufolge).1"
    out_docx, out_pdf = export(project("lagebild", ["rumour"]), tmp_path)
    assert "Die Umschlagmengen gingen um 13 % zurück (Berichten zufolge)." in docx_body_and_notes(out_docx)[0]
    assert "(Berichten zufolge)" in pdftext(out_pdf)
    # and in the key-figures table too: a reported number never reads as fact
    out_docx, out_pdf = export(project("lagebild", ["jobs"]), tmp_path, "fig")
    cells = [c.text for t in docx.Document(str(out_docx)).tables for r in t.rows for c in r.cells]
    assert any(c.endswith("(Quelle: Verband der Zulieferer).") for c in cells), cells


# --------------------------------------------------------------------------- judgment vs reporting


@needs_poppler
def test_judgment_and_reporting_are_visibly_distinct_in_docx_and_pdf(tmp_path):
    from pypdf import PdfReader

    out_docx, out_pdf = export(project("lagebild", ["jobs", "quote"]), tmp_path)
    d = docx.Document(str(out_docx))
    judgment = next(p for p in d.paragraphs if p.text == JUDGMENT)
    report = next(p for p in d.paragraphs if p.text.startswith("Seit Januar"))
    assert judgment.style.name == "Judgment" and judgment.style.font.italic
    assert judgment.style.element.pPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}shd") is not None  # shaded box
    assert report.style.name == "List Bullet" and not report.style.font.italic
    assert report._p.xpath(".//w:footnoteReference") and not judgment._p.xpath(".//w:footnoteReference")
    # in the PDF: the judgment is set in the italic face, reporting in the regular one
    runs: list[tuple[str, str]] = []

    def visit(text, _cm, _tm, font, _size):
        if text.strip() and font is not None:
            runs.append((text.strip(), str(font.get("/BaseFont"))))

    PdfReader(str(out_pdf)).pages[0].extract_text(visitor_text=visit)
    slanted = lambda f: "Italic" in f or "Oblique" in f  # noqa: E731
    judged = [f for t, f in runs if t.startswith(JUDGMENT[:20])]
    reported = [f for t, f in runs if t.startswith("Seit Januar seien")]
    assert judged and all(slanted(f) for f in judged), runs
    assert reported and not any(slanted(f) for f in reported), runs


# --------------------------------------------------------------------------- layout


def test_empty_sections_are_left_out():
    doc = compose(project("analyst-brief", ["repairs"], text_items=()))
    headings = [b.text for b in doc.blocks if type(b).__name__ == "Heading" and b.level == 1]
    assert headings == ["Key points", "Sources"]  # no empty bottom line, key figures, background, assessment


def test_headlines_are_not_selected_as_claims():
    from briefing.claims import extract_claims

    a = ARTICLES["d"]
    claims = extract_claims(a, prefix="d")
    assert any(c.start == 0 for c in claims)  # the engine offers the headline …
    assert not any(c.start == 0 for c in select_claims(claims, "all", [a]))  # … "all" leaves it out
    assert [c.id for c in select_claims(claims, claims[0].id, [a])] == [claims[0].id]  # by id: exactly


@needs_poppler
def test_key_figures_table_repeats_its_header_on_every_page(tmp_path):
    many = {f"n{i}": CLAIMS["jobs"].model_copy(update={"id": f"n{i}", "paragraph": i + 1}) for i in range(90)}
    CLAIMS.update(many)
    try:
        p = project("lagebild", list(many))
    finally:
        for k in many:
            CLAIMS.pop(k)
    out_docx, out_pdf = export(p, tmp_path)
    n = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(out_pdf)], capture_output=True,
                                                       text=True).stdout).group(1))
    table_pages = []
    for page in range(1, n + 1):
        text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(out_pdf), "-"],
                              capture_output=True, text=True).stdout
        if "2.400 Stellen" in text and "Zahlen und Daten" in text or table_pages:
            if "2.400 Stellen;" in text or re.search(r"^2\.400 Stellen$", text, re.M):
                table_pages.append(page)
                lines = [x for x in text.splitlines() if x.strip()]
                assert "Zahl" in lines and "Aussage" in lines and "Quelle" in lines, (page, lines[:8])
    assert len(table_pages) >= 3, table_pages
    table = docx.Document(str(out_docx)).tables[0]
    assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")  # Word repeats it on each page
