"""Each built-in template exports a complete brief as DOCX and PDF."""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import docx
import pytest

from briefing.brief import add_claim, add_text, new_project, prepare_export
from briefing.claims import extract_claims
from briefing.compose import compose
from briefing.ingest import load_article
from briefing.render import render
from briefing.templates import get_template
from conftest import FIXTURES

BUILTINS = ["analyst-brief", "lagebild", "source-digest", "press-summary"]


def brief_for(name: str):
    articles = []
    for i, f in enumerate(["de_hafen.txt", "en_grid.txt"], start=1):
        a = load_article(FIXTURES / f)
        a.source.id = f"s{i}"
        articles.append(a)
    claims = [c for a in articles for c in extract_claims(a, prefix=a.source.id)]
    t = get_template(name)
    p = new_project(articles, claims, t, date=dt.date(2026, 11, 20), author="A. Muster")
    p.brief.organisation = "Referat 3"
    first = True
    for s in t.sections:
        if s.kind in ("text", "bottom_line"):
            add_text(p, s.id, "Eigene Einschätzung." if t.language == "de" else "Our own judgment.")
        elif s.kind == "claims" and not first:  # empty sections are left out of a brief: fill each
            add_claim(p, p.brief.claim_ids()[-1], s.id)
        first = first and s.kind != "claims"
    return p


@pytest.mark.parametrize("name", BUILTINS)
def test_builtin_template_exports_docx_and_pdf(tmp_path, name):
    p = brief_for(name)
    t = p.template
    doc = compose(prepare_export(p))
    text = doc.plain_text()
    for s in t.sections:
        assert s.title in text
    assert "{" not in text and "}" not in text  # every placeholder filled
    assert p.brief.title in text and p.brief.title != "Brief"
    out = tmp_path / f"{name}.docx"
    render(doc, out)
    d = docx.Document(out)
    headings = [q.text for q in d.paragraphs if q.style.name == "Heading 1"]
    assert headings == [s.title for s in t.sections]
    pdf = tmp_path / f"{name}.pdf"
    render(doc, pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        extracted = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                                   timeout=60).stdout
        for s in t.sections:
            assert s.title in extracted
        assert "11.000" in extracted


def test_lagebild_is_german_and_source_digest_quotes():
    p = brief_for("lagebild")
    text = compose(prepare_export(p)).plain_text()
    assert text.startswith("Lagebild vom 20. November 2026")
    assert "Laut " in text
    p = brief_for("source-digest")
    doc = compose(prepare_export(p))
    text = doc.plain_text()
    sub = [b.text for b in doc.blocks if getattr(b, "level", None) == 2]
    assert sub == [a.source.title for a in p.articles]  # grouped by source
    assert "“Die Getreideausfuhren über den Hafen von Konstanza" in text or "„Die Getreideausfuhren" in text
