"""Fuzz the importers for a set time (outside the test suite).

    .venv/bin/python bench/fuzz_importers.py --seconds 120
    .venv/bin/python bench/fuzz_importers.py --seconds 600 --format docx --out /tmp/fuzz

Hypothesis drives mutations of generated seed files (text in several encodings, Markdown,
HTML, DOCX, PDF): byte flips, insertions, deletions, duplicated and spliced chunks,
truncation, and for DOCX mutations of the XML inside the zip. Each input goes through
``briefing.ingest.load_bytes`` and, when it imports, through the claims engine.

A finding is any exception that is not the core's one-line ``BriefingError``, or an input
that takes longer than ``--per-input`` seconds. Findings are written to ``--out`` (one file
per finding plus the traceback) and the script exits 1; otherwise it exits 0.

By default parsers run behind the same child-process guard as the application, so the
fuzzer checks what users get. ``--strict`` parses in this process
(``BRIEFING_INGEST_INPROCESS=1``): faster, and every exception a parser lets escape (which
the guard would turn into a generic "could not read the file (XMLSyntaxError: ...)") counts
as a finding, for importers that should give a specific reason.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import os
import signal
import sys
import tempfile
import time
import traceback
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
FIXTURES = ROOT / "tests" / "fixtures"


class InputTimeout(Exception):
    pass


def seeds() -> dict[str, bytes]:
    de = (FIXTURES / "de_hafen.txt").read_text(encoding="utf-8")
    en = (FIXTURES / "en_grid.txt").read_text(encoding="utf-8")
    out = {
        "de.txt": de.encode("utf-8"),
        "de16.txt": de.encode("utf-16"),
        "de1252.txt": de.encode("cp1252"),
        "en.md": ("# " + en.replace("\n", "\n\n- ", 3)).encode("utf-8"),
        "de.html": ("<!DOCTYPE html><html><head><title>Hafen</title><meta name='author' content='Redaktion'>"
                    "</head><body><nav>Menü</nav><article>"
                    + "".join(f"<p>{p}</p>" for p in de.split("\n") if p)
                    + "</article><footer>Impressum</footer></body></html>").encode("utf-8"),
    }
    import docx

    d = docx.Document()
    d.core_properties.title = "Hafenbericht"
    for p in de.split("\n"):
        if p:
            d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    out["de.docx"] = buf.getvalue()

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    buf = io.BytesIO()
    style = getSampleStyleSheet()["BodyText"]
    SimpleDocTemplate(buf, pagesize=A4, invariant=1, title="Grid").build(
        [Paragraph(p.replace("&", "&amp;"), style) for p in en.split("\n") if p])
    out["en.pdf"] = buf.getvalue()
    return out


def mutate(data: bytes, ops: list[tuple[int, int, int]], name: str) -> bytes:
    """Apply (kind, position, value) operations; positions are taken modulo the length."""
    if name.endswith(".docx") and ops and ops[0][0] % 3 == 0:
        try:
            z = zipfile.ZipFile(io.BytesIO(data))
            xml = z.read("word/document.xml")
            xml = mutate(xml, ops[1:], "document.xml")
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as w:
                for info in z.infolist():
                    w.writestr(info.filename, xml if info.filename == "word/document.xml" else z.read(info.filename))
            return out.getvalue()
        except (zipfile.BadZipFile, KeyError):
            pass
    buf = bytearray(data)
    for kind, pos, value in ops:
        n = len(buf)
        if n == 0:
            buf += bytes([value & 0xFF])
            continue
        i = pos % n
        k = kind % 7
        if k == 0:
            buf[i] ^= 1 << (value % 8)
        elif k == 1:
            buf[i] = value & 0xFF
        elif k == 2:
            buf[i:i] = bytes([value & 0xFF]) * (1 + value % 16)
        elif k == 3:
            del buf[i : i + 1 + value % 64]
        elif k == 4:
            j = (i + 1 + value % 256) % n
            a, b = sorted((i, j))
            buf[b:b] = buf[a:b] * (1 + value % 4)
        elif k == 5:
            del buf[i:]
        else:
            magic = [b"\x00", b"\xff\xfe", b"<!ENTITY a 'aaaa'>", b"<div>" * 50, b"endobj", b"R", b"%%EOF",
                     b"PK\x03\x04", b"\xc3", b"\r\n"]
            buf[i:i] = magic[value % len(magic)]
        if len(buf) > 4 * 1024 * 1024:
            del buf[4 * 1024 * 1024 :]
    return bytes(buf)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Fuzz the importers for a set time.")
    ap.add_argument("--seconds", type=float, default=60.0, help="how long to fuzz (default 60)")
    ap.add_argument("--per-input", type=float, default=10.0, help="seconds one input may take")
    ap.add_argument("--format", action="append", help="only seeds with this extension (txt, md, html, docx, pdf)")
    ap.add_argument("--out", default=os.path.join(tempfile.gettempdir(), "briefing-fuzz-findings"), help="folder for findings")
    ap.add_argument("--strict", action="store_true",
                    help="parse in this process; exceptions the guard would catch count as findings")
    args = ap.parse_args(argv)

    if args.strict:
        os.environ["BRIEFING_INGEST_INPROCESS"] = "1"
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from briefing.claims import extract_claims
    from briefing.errors import BriefingError
    from briefing.ingest import load_bytes

    all_seeds = seeds()
    if args.format:
        all_seeds = {k: v for k, v in all_seeds.items() if k.rsplit(".", 1)[1] in args.format}
    names = sorted(all_seeds)
    out = Path(args.out)
    findings: dict[str, str] = {}
    stats = {"inputs": 0, "imported": 0, "refused": 0}
    use_alarm = hasattr(signal, "SIGALRM")

    def on_alarm(signum, frame):
        raise InputTimeout()

    if use_alarm:
        signal.signal(signal.SIGALRM, on_alarm)

    def check(name: str, data: bytes) -> None:
        stats["inputs"] += 1
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, args.per_input)
        try:
            article = load_bytes(data, name)
            claims = extract_claims(article)
            for c in claims:
                assert article.text[c.start : c.end] == c.text, "claim offsets are not an exact slice"
            stats["imported"] += 1
        except BriefingError as exc:
            assert "\n" not in str(exc), "error message is not one line"
            stats["refused"] += 1
        except InputTimeout:
            record(name, data, f"took longer than {args.per_input} s")
        except Exception:  # noqa: BLE001 - a finding
            record(name, data, traceback.format_exc())
        finally:
            if use_alarm:
                signal.setitimer(signal.ITIMER_REAL, 0)

    def record(name: str, data: bytes, why: str) -> None:
        key = hashlib.sha256(data).hexdigest()[:16]
        if key in findings:
            return
        findings[key] = why
        out.mkdir(parents=True, exist_ok=True)
        ext = name.rsplit(".", 1)[1]
        (out / f"{key}.{ext}").write_bytes(data)
        (out / f"{key}.txt").write_text(why, encoding="utf-8")
        print(f"fuzz: finding {key}.{ext}: {why.strip().splitlines()[-1][:200]}", file=sys.stderr, flush=True)

    ops = st.lists(st.tuples(st.integers(0, 1000), st.integers(0, 2**31), st.integers(0, 2**16)), min_size=1,
                   max_size=12)

    @settings(max_examples=200, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.sampled_from(names), ops)
    def one_round(name, operations):
        check(name, mutate(all_seeds[name], operations, name))

    for name in names:  # the seeds themselves must import
        check(name, all_seeds[name])
    end = time.monotonic() + args.seconds
    rounds = 0
    while time.monotonic() < end:
        one_round()
        rounds += 1
    print(f"fuzz: {stats['inputs']} inputs in {args.seconds:.0f} s ({rounds} rounds): {stats['imported']} imported, "
          f"{stats['refused']} refused with a one-line error, {len(findings)} findings"
          + (f" (written to {out})" if findings else ""))
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
