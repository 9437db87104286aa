"""Import benchmark: a 100-page PDF and a 1 MB text file (inputs are generated here).

Run: .venv/bin/python bench/bench_import.py [--repeat N]

Reports the median wall time of ``briefing.ingest.load_article`` for each input, the first
(cold) PDF import separately (it starts the parser's fork server), and for reference the
time of poppler's ``pdftotext`` on the same PDF and of a bare ``read_text`` of the text file.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FIXTURES = ROOT / "tests" / "fixtures"


def _paragraphs() -> list[str]:
    out = []
    for name in ("de_hafen.txt", "en_grid.txt"):
        lines = [ln for ln in (FIXTURES / name).read_text(encoding="utf-8").split("\n") if ln.strip()]
        out.extend(lines[1:])
    return out


def make_pdf(path: Path, pages: int = 100) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    ss = getSampleStyleSheet()
    paras = _paragraphs()
    story = [Paragraph("Lagebericht Schwarzmeerhäfen und Stromnetz", ss["Title"])]
    for page in range(pages):
        story.append(Paragraph(f"Abschnitt {page + 1}", ss["Heading2"]))
        for k in range(6):
            story.append(Paragraph(paras[(page + k) % len(paras)], ss["BodyText"]))
        if page < pages - 1:
            story.append(PageBreak())

    def footer(canvas, doc):
        canvas.setFont("Helvetica", 8)
        canvas.drawCentredString(A4[0] / 2, 30, f"Seite {doc.page}")

    SimpleDocTemplate(str(path), pagesize=A4, title="Lagebericht", author="Bench").build(
        story, onFirstPage=footer, onLaterPages=footer)


def make_text(path: Path, size: int = 1024 * 1024) -> None:
    paras = _paragraphs()
    parts = ["Lagebericht Schwarzmeerhäfen und Stromnetz"]
    total = len(parts[0].encode())
    i = 0
    while total < size:
        p = paras[i % len(paras)]
        parts.append(p)
        total += len(p.encode()) + 1
        i += 1
    path.write_text("\n".join(parts) + "\n", encoding="utf-8")


def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    from briefing.ingest import load_article

    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "bericht-100s.pdf"
        txt = Path(tmp) / "bericht-1mb.txt"
        make_pdf(pdf)
        make_text(txt)

        t = time.perf_counter()
        article = load_article(pdf)
        cold = time.perf_counter() - t
        pages = {p.page for p in article.paragraphs}
        pdf_times = timed(lambda: load_article(pdf), args.repeat)
        txt_article = load_article(txt)
        txt_times = timed(lambda: load_article(txt), args.repeat)
        raw_times = timed(lambda: txt.read_text(encoding="utf-8"), args.repeat)

        print(f"100-page PDF ({pdf.stat().st_size / 1e6:.2f} MB, {len(pages)} pages with text, "
              f"{len(article.paragraphs)} paragraphs, {len(article.text):,} chars)")
        print(f"  load_article cold (starts fork server): {cold:.3f} s")
        print(f"  load_article warm, median of {args.repeat}: {statistics.median(pdf_times):.3f} s "
              f"({statistics.median(pdf_times) / 100 * 1000:.1f} ms/page)")
        if shutil.which("pdftotext"):
            ref = timed(lambda: subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True),
                        args.repeat)
            print(f"  reference pdftotext (poppler), median: {statistics.median(ref):.3f} s -> ratio "
                  f"{statistics.median(pdf_times) / statistics.median(ref):.1f}x")
        print(f"1 MB text file ({txt.stat().st_size / 1e6:.2f} MB, {len(txt_article.paragraphs):,} paragraphs)")
        print(f"  load_article, median of {args.repeat}: {statistics.median(txt_times) * 1000:.1f} ms")
        print(f"  reference read_text, median: {statistics.median(raw_times) * 1000:.1f} ms -> ratio "
              f"{statistics.median(txt_times) / statistics.median(raw_times):.0f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
