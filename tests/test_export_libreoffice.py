"""Our DOCX opened by LibreOffice: it converts, and its footnotes land on their reference's page.

One conversion for the whole module (LibreOffice is slow to start); skipped only when
``soffice`` is not installed (CI installs it).
"""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from briefing.compose import compose
from briefing.render import render
from test_export_render import EPOCH, make_project, pages, pdftext

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed"),
              pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")]


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lo")
    docx = folder / "brief.docx"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        render(compose(make_project(lang="de", copies=35)), docx)
    r = subprocess.run([SOFFICE, "--headless", "--norestore", f"-env:UserInstallation=file://{folder}/profile",
                        "--convert-to", "pdf", "--outdir", str(folder), str(docx)],
                       capture_output=True, text=True, timeout=240)
    pdf = folder / "brief.pdf"
    assert pdf.exists(), r.stdout + r.stderr
    return pdf


def test_libreoffice_converts_our_docx(converted):
    text = pdftext(converted)
    assert "Häfen und Netze: Lage im „Frühjahr“" in text
    assert "Ελληνικά" in text and "кириллица" in text
    n = pages(converted)
    assert n >= 2
    assert f"Seite 1 von {n}" in pdftext(converted, 1)  # PAGE and NUMPAGES fields computed
    assert f"Seite {n} von {n}" in pdftext(converted, n)


def test_footnotes_are_on_the_page_of_their_reference(converted):
    seen = []
    for p in range(1, pages(converted) + 1):
        text = pdftext(converted, p, layout=True)
        # LibreOffice sets a footnote's number on a line of its own above the note text
        notes = [int(m) for m in re.findall(r"^[ \t]*(\d+)[ \t]*$", text, re.M)]
        refs = [int(m) for m in re.findall(r"[.“”][ \t]?(\d+)[ \t]*$", text, re.M)]
        assert sorted(refs) == notes, (p, refs, notes)
        seen += notes
    assert seen == list(range(1, 41))


def test_banner_in_header_and_footer_of_every_page(converted):
    for p in range(1, pages(converted) + 1):
        assert pdftext(converted, p).count("VS – NUR FÜR DEN DIENSTGEBRAUCH") == 2
