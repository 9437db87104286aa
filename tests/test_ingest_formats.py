"""The same article as .txt, .md, .html, .docx and .pdf yields the same claims (apart from locators)."""
from __future__ import annotations

import pytest

from briefing.claims import extract_claims
from briefing.ingest import detect_format, load_article
from test_ingest_support import DE, EN, article_lines, make_docx, make_html, make_pdf


def _write_all(tmp_path, src):
    lines = article_lines(src)
    stem = src.stem
    files = {"txt": src}
    (tmp_path / f"{stem}.md").write_text(lines[0].join(["# ", "\n\n"]) + "\n\n".join(lines[1:]) + "\n",
                                         encoding="utf-8")
    files["md"] = tmp_path / f"{stem}.md"
    files["html"] = tmp_path / f"{stem}.html"
    files["html"].write_text(make_html(lines, lang="de" if src == DE else "en"), encoding="utf-8")
    files["docx"] = tmp_path / f"{stem}.docx"
    files["docx"].write_bytes(make_docx(lines))
    files["pdf"] = tmp_path / f"{stem}.pdf"
    files["pdf"].write_bytes(make_pdf(lines))
    return files


@pytest.mark.parametrize("src", [DE, EN], ids=lambda p: p.stem)
def test_same_article_in_every_format_gives_the_same_claims(tmp_path, src):
    files = _write_all(tmp_path, src)
    results = {}
    for kind, path in files.items():
        article = load_article(path)
        claims = extract_claims(article, prefix="s1")
        results[kind] = article, claims
    ref_article, ref_claims = results["txt"]
    ref_texts = [c.text for c in ref_claims]
    assert ref_texts and ref_texts[0] == article_lines(src)[0]
    for kind, (article, claims) in results.items():
        assert [c.text for c in claims] == ref_texts, kind
        assert [c.paragraph for c in claims] == [c.paragraph for c in ref_claims], kind
        assert article.source.title == article_lines(src)[0], kind
        assert article.source.language == ref_article.source.language, kind
        for c in claims:
            assert article.text[c.start:c.end] == c.text
    assert all(c.page == 1 for c in results["pdf"][1])
    assert all(c.page is None for c in results["docx"][1])


def test_detection_by_content_and_extension(tmp_path):
    lines = article_lines(EN)
    pdf = make_pdf(lines)
    html = make_html(lines).encode()
    docx = make_docx(lines)
    assert detect_format(pdf, "a.pdf") == "pdf"
    assert detect_format(pdf, "a.txt") == "pdf"  # content wins over a wrong extension
    assert detect_format(docx, "a.bin") == "docx"
    assert detect_format(html, "a.txt") == "html"
    assert detect_format(html, "-") == "html"
    assert detect_format(b"# Titel\n\nText", "a.md") == "markdown"
    assert detect_format(b"# Titel\n\nText", "a.txt") == "text"
    assert detect_format("Text mit <b>Auszeichnung</b>".encode(), "a.html") == "html"
