"""Import benchmark: a 100-page PDF and a 1 MB text file (inputs are generated here).

    .venv/bin/python bench/bench_import.py            # human-readable summary
    .venv/bin/python bench/bench_import.py --json     # one JSON list of rows (bench/run.py)
    .venv/bin/python bench/bench_import.py --quick    # 20 pages and 256 KB, fewer repeats

Rows (times, lower is better; ``ratio = reference / value``, so > 1 would mean faster than
the reference):

* PDF, warm: ``load_article`` of the PDF in a process whose parser fork server already runs
  (the GUI after its first import). Reference: poppler's ``pdftotext`` on the same file in
  the same run (a separate process each time, as it is always used).
* PDF, first import of a command-line run: a fresh Python process imports ``briefing.ingest``
  and then times its first ``load_article`` (parse child forked directly). Same reference.
* PDF, first import of a GUI session: as above, with the parse child coming from the fork
  server, which is started (and loads the parsers) by this first import.
* 1 MB text file: ``load_article`` (decoding, paragraphs, language) against a bare
  ``Path.read_text`` of the same file, the floor any importer has to read it.

Every time is the best of N runs after one warm-up (``time.perf_counter``). pypdf is pure
Python and poppler is C++, so the PDF rows stay below 1; what we own is the rest: starting
the parse process, loading the parser libraries, and our layout analysis on top of pypdf.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FIXTURES = ROOT / "tests" / "fixtures"

# A fresh interpreter: import the package, then time the first import of the file.
_FIRST_IMPORT = """
import sys, time
from briefing.ingest import limits, load_article
limits.FORK_WHEN_SINGLE_THREADED = sys.argv[2] == "fork"
if __name__ == "__main__":
    t = time.perf_counter()
    load_article(sys.argv[1])
    print(time.perf_counter() - t)
"""


def log(*parts: object) -> None:
    print(*parts, file=sys.stderr, flush=True)


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


def best_of(fn, repeat: int) -> float:
    """Best wall time of ``repeat`` calls after one warm-up call."""
    fn()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def first_import(path: Path, start: str, repeat: int) -> float:
    """Best time of the first ``load_article`` in a fresh process (one warm-up process first)."""
    times = []
    for i in range(repeat + 1):
        r = subprocess.run([sys.executable, "-c", _FIRST_IMPORT, str(path), start], capture_output=True,
                           text=True, cwd=ROOT, timeout=300,
                           env={**__import__("os").environ, "PYTHONPATH": str(ROOT)})
        if r.returncode != 0:
            raise RuntimeError(f"first import ({start}) failed: {r.stderr.strip().splitlines()[-1:]}")
        if i:
            times.append(float(r.stdout.strip().splitlines()[-1]))
    return min(times)


def row(name: str, value: float, unit: str, reference: str, reference_value: float | None, goal: str) -> dict:
    ratio = None if reference_value is None else round(reference_value / value, 4)
    return {"name": name, "value": round(value, 5), "unit": unit, "reference": reference,
            "reference_value": None if reference_value is None else round(reference_value, 5),
            "ratio": ratio, "goal": goal}


def run(quick: bool, repeat: int) -> tuple[list[dict], list[str]]:
    from briefing.ingest import limits, load_article

    pages = 20 if quick else 100
    text_bytes = (256 if quick else 1024) * 1024
    rows: list[dict] = []
    notes: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / f"bericht-{pages}s.pdf"
        txt = Path(tmp) / "bericht.txt"
        log(f"bench_import: generating a {pages}-page PDF and a {text_bytes // 1024} KB text file")
        make_pdf(pdf, pages)
        make_text(txt, text_bytes)

        pdftotext = shutil.which("pdftotext")
        ref_name = "pdftotext (poppler), same file, same run"
        ref = None
        if pdftotext:
            ref = best_of(lambda: subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, check=True), repeat)
        else:
            ref_name = "pdftotext (not installed)"

        log("bench_import: PDF, warm (fork server)")
        limits.FORK_WHEN_SINGLE_THREADED = False  # as in the GUI: children from the fork server
        article = load_article(pdf)
        warm = best_of(lambda: load_article(pdf), repeat)
        n_pages = len({p.page for p in article.paragraphs})
        notes.append(f"PDF: {pdf.stat().st_size / 1e6:.2f} MB, {n_pages} pages with text, "
                     f"{len(article.paragraphs)} paragraphs, {len(article.text):,} characters")
        rows.append(row(f"import {pages}-page PDF, warm (GUI after its first import)", warm, "s", ref_name, ref,
                        ">= 0.1 (within 10x of poppler's C++ pdftotext; pypdf is pure Python)"))

        log("bench_import: PDF, first import of a command-line run (fresh processes)")
        cli_first = first_import(pdf, "fork", repeat)
        rows.append(row(f"import {pages}-page PDF, first of a command-line run (direct fork)", cli_first, "s",
                        ref_name, ref, ">= 0.1"))
        log("bench_import: PDF, first import of a GUI session (fresh processes, fork server start)")
        gui_first = first_import(pdf, "forkserver", repeat)
        rows.append(row(f"import {pages}-page PDF, first of a GUI session (starts the fork server)", gui_first,
                        "s", ref_name, ref, ">= 0.05 (one-off start of the parser process included)"))

        log("bench_import: text file")
        txt_article = load_article(txt)
        txt_time = best_of(lambda: load_article(txt), repeat)
        raw = best_of(lambda: txt.read_text(encoding="utf-8"), repeat)
        notes.append(f"text: {txt.stat().st_size / 1e6:.2f} MB, {len(txt_article.paragraphs):,} paragraphs")
        rows.append(row(f"import {text_bytes // 1024} KB text file", txt_time, "s",
                        "Path.read_text of the same file (the floor: reading and decoding only)", raw,
                        ">= 0.05 (decoding, paragraphs and language within 20x of a bare read)"))
    return rows, notes


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Import benchmark: 100-page PDF and 1 MB text file.")
    ap.add_argument("--json", action="store_true", help="print one JSON list of rows on stdout")
    ap.add_argument("--quick", action="store_true", help="smaller inputs and fewer repeats")
    ap.add_argument("--repeat", type=int, default=None, help="timed runs per measurement (best is kept; >= 3)")
    args, unknown = ap.parse_known_args(argv)
    if unknown:
        log(f"bench_import: ignoring unknown arguments {unknown}")
    repeat = max(3, args.repeat or (3 if args.quick else 5))
    rows, notes = run(args.quick, repeat)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False))
        return 0
    for note in notes:
        print(note)
    for r in rows:
        ref = "n/a" if r["reference_value"] is None else f"{r['reference_value']:.3f} s"
        ratio = "n/a" if r["ratio"] is None else f"{r['ratio']:.3f}"
        print(f"{r['name']}: {r['value']:.3f} s | {r['reference']}: {ref} | ratio {ratio} (goal {r['goal']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
