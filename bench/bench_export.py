"""Export speed: a 300-claim brief with 300 footnotes, from the command line, cold process.

Compared in the same run with
  (a) pandoc converting the same content (Markdown with footnotes) to DOCX, and
  (b) LibreOffice converting our DOCX to PDF (profile warmed once, then timed).
Goals: our DOCX no slower than pandoc; our PDF at most half of LibreOffice's time.

    .venv/bin/python bench/bench_export.py [--runs 3] [--claims 300]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PLACES = ["Konstanza", "Varna", "Triest", "Koper", "Rijeka", "Gdynia", "Klaipėda", "Burgas"]
WHO = ["Laut Angaben der Hafenbehörde", "Nach Angaben des Verbands der Getreidehändler",
       "Laut der Nachrichtenagentur Agerpres", "Nach Darstellung der Reederei"]


def article(n: int) -> str:
    """A generated article of ``n`` sentences (our own text), one paragraph per 3 sentences."""
    lines = ["Hafenlage: Umschlag und Wartezeiten in den Schwarzmeer- und Adriahäfen"]
    para = []
    for i in range(n - 1):
        place = PLACES[i % len(PLACES)]
        who = WHO[i % len(WHO)]
        para.append(f"{who} wurden in {place} in Woche {i % 52 + 1} rund {(i * 37) % 900 + 100}.000 Tonnen "
                    f"umgeschlagen, die Wartezeit betrage {i % 9 + 2} Tage.")
        if len(para) == 3:
            lines.append(" ".join(para))
            para = []
    if para:
        lines.append(" ".join(para))
    return "\n".join(lines) + "\n"


CPU: dict[str, list[float]] = {}


def timed(cmd: list[str], env=None, key: str | None = None) -> float:
    """Wall-clock seconds; CPU seconds of the process tree go to CPU[key] (robust on a busy machine)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True, env=env)
    dt = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if key:
        CPU.setdefault(key, []).append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    if r.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{r.stderr[-2000:]}")
    return dt


def markdown_of(docx_doc) -> str:
    """The same brief as pandoc Markdown with footnotes."""
    from briefing.document import Heading, ListBlock, NoteRef, Paragraph, Table

    def inline(content) -> str:
        return "".join(f"[^{i.note.number}]" if isinstance(i, NoteRef) else i.text for i in content)

    out = []
    for b in docx_doc.blocks:
        if isinstance(b, Heading):
            out.append("#" * max(1, b.level) + " " + b.text)
        elif isinstance(b, Paragraph):
            out.append(inline(b.content))
        elif isinstance(b, ListBlock):
            out.append("\n".join("- " + inline(p.content) for p in b.items))
        elif isinstance(b, Table):
            out.append("| " + " | ".join(b.header) + " |\n|" + "---|" * len(b.header))
            out[-1] += "\n" + "\n".join("| " + " | ".join(r) + " |" for r in b.rows)
        out.append("")
    for n in docx_doc.notes:
        out.append(f"[^{n.number}]: {n.plain_text()}")
    return "\n".join(out) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--claims", type=int, default=300)
    ap.add_argument("--json", action="store_true", help="print the results as a JSON list (bench/run.py)")
    ap.add_argument("--quick", action="store_true", help="fewer runs")
    args, _unknown = ap.parse_known_args()
    if args.quick:
        args.runs = 1
    real_stdout = sys.stdout
    if args.json:  # chatter goes to stderr; stdout carries only the JSON list
        sys.stdout = sys.stderr
    # Measure the application as installed: pip compiles bytecode at install time, so do the
    # same for the checkout (with PYTHONDONTWRITEBYTECODE set, every cold run would otherwise
    # compile our sources again, which no installed copy does).
    import compileall

    compileall.compile_dir(str(ROOT / "briefing"), quiet=1)
    compileall.compile_file(str(ROOT / "main.py"), quiet=1)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    pandoc = shutil.which("pandoc")
    env = dict(os.environ, SOURCE_DATE_EPOCH="1764028800")
    with tempfile.TemporaryDirectory(prefix="bench-export-") as tmp:
        tmp = Path(tmp)
        src = tmp / "hafenlage.txt"
        src.write_text(article(args.claims + 1), encoding="utf-8")
        cli = [sys.executable, str(ROOT / "main.py"), "build", str(src), "--date", "2026-11-20"]
        # the content, once, for pandoc and a sanity check
        from briefing.brief import new_project, prepare_export
        from briefing.cli import claims_for, load_inputs
        from briefing.compose import compose
        from briefing.templates import get_template

        arts = load_inputs([str(src)], None)
        claims = claims_for(arts[0])
        doc = compose(prepare_export(new_project(arts, claims, get_template(None))))
        print(f"brief: {len(claims)} claims, {len(doc.notes)} footnotes")
        md = tmp / "brief.md"
        md.write_text(markdown_of(doc), encoding="utf-8")

        results: dict[str, list[float]] = {"ours_docx": [], "ours_pdf": [], "pandoc_docx": [], "lo_pdf": []}
        profile = tmp / "lo-profile"
        # The first run on a machine also compiles the claims engine's large patterns and stores
        # them in the cache folder (briefing/_regex.py), as Python stores bytecode: time that run
        # on its own with an empty cache folder, then measure the runs a user sees afterwards.
        env["BRIEFING_CACHE_DIR"] = str(tmp / "cache")
        first = timed(cli + ["-o", str(tmp / "first.docx")], env)
        print(f"first run with an empty pattern cache: {first:.2f} s (DOCX)")
        if soffice:  # warm LibreOffice's profile once (first start writes it)
            subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{profile}", "--convert-to", "pdf",
                            "--outdir", str(tmp / "warm"), str(tmp / "first.docx")], capture_output=True)
        for _ in range(args.runs):
            results["ours_docx"].append(timed(cli + ["-o", str(tmp / "ours.docx")], env, "ours_docx"))
            results["ours_pdf"].append(timed(cli + ["-o", str(tmp / "ours.pdf")], env, "ours_pdf"))
            if pandoc:
                results["pandoc_docx"].append(timed([pandoc, str(md), "-f", "markdown", "-o", str(tmp / "pandoc.docx")],
                                                    key="pandoc_docx"))
            if soffice:
                results["lo_pdf"].append(timed([soffice, "--headless", f"-env:UserInstallation=file://{profile}",
                                                "--convert-to", "pdf", "--outdir", str(tmp / "lo"),
                                                str(tmp / "ours.docx")], key="lo_pdf"))
        med = {k: statistics.median(v) for k, v in results.items() if v}
        pages = subprocess.run(["pdfinfo", str(tmp / "ours.pdf")], capture_output=True, text=True).stdout
        print(f"our PDF: {[line for line in pages.splitlines() if line.startswith('Pages')]}")
        cpu = {k: statistics.median(v) for k, v in CPU.items()}
        for k, v in med.items():
            print(f"{k:12s} wall median {v:6.2f} s  cpu median {cpu.get(k, 0):6.2f} s   "
                  f"wall runs: {', '.join(f'{x:.2f}' for x in results[k])}")
        for label, ours, ref, goal in (("DOCX: ours / pandoc", "ours_docx", "pandoc_docx", 1.0),
                                       ("PDF: ours / LibreOffice", "ours_pdf", "lo_pdf", 0.5)):
            if ref in med:
                w, c = med[ours] / med[ref], cpu[ours] / cpu[ref]
                print(f"{label} = {w:.2f} wall, {c:.2f} cpu  (goal <= {goal:.2f}) "
                      f"{'OK' if w <= goal else 'MISSED'}")
        if args.json:
            rows = []
            for name, ours, ref, refname, goal in (
                (f"brief of {len(claims)} claims with footnotes to DOCX, cold `briefing build`", "ours_docx",
                 "pandoc_docx", "pandoc, the same content as Markdown with footnotes to DOCX", "<= pandoc's time (ratio >= 1)"),
                (f"brief of {len(claims)} claims with page-bottom footnotes to PDF, cold `briefing build`", "ours_pdf",
                 "lo_pdf", "LibreOffice headless converting our DOCX to PDF", "<= half of LibreOffice's time (ratio >= 2)"),
            ):
                have = ref in med
                rows.append({"name": name, "value": round(med[ours], 3), "unit": "s (median wall)",
                             "reference": refname if have else refname + " (not installed)",
                             "reference_value": round(med[ref], 3) if have else None,
                             "ratio": round(med[ref] / med[ours], 2) if have else None, "goal": goal})
            if "pandoc_docx" in med:
                rows.append({"name": f"the same DOCX, first run on a machine (empty pattern cache)", "value": round(first, 3),
                             "unit": "s (one run)", "reference": "pandoc, median of the runs above",
                             "reference_value": round(med["pandoc_docx"], 3), "ratio": round(med["pandoc_docx"] / first, 2),
                             "goal": "information"})
            print(json.dumps(rows), file=real_stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
