"""Speed and memory of the claims pipeline, side by side with pysbd's segmentation alone.

Builds a large German text from our own fixture articles (tests/fixtures/*.txt in German),
runs the whole pipeline (segmentation, attribution, stance, figures -> Claim objects) and pysbd
(``pip install .[bench]``) in the same run, and prints MB/s and the ratio. Memory: the peak
traced allocation for 1x and 4x the text, which should grow linearly.

    .venv/bin/python bench/bench_claims.py [--mb 2]
"""
from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.claims import extract_claims  # noqa: E402
from briefing.ingest.text import parse  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
GERMAN = ["de_hafen.txt", "claims_de_werft.txt"]


def build_text(mb: float) -> str:
    bodies = []
    for name in GERMAN:
        lines = (FIXTURES / name).read_text(encoding="utf-8").splitlines()
        bodies.append("\n".join(lines[1:]))  # without the headline
    unit = "\n".join(bodies) + "\n"
    reps = max(1, int(mb * 1_000_000 / len(unit.encode("utf-8"))))
    return "Benchmark: Sammelartikel aus eigenen Testtexten\n" + unit * reps


def article_for(text: str):
    art = parse(text.encode("utf-8"), "bench.txt")
    art.source.language = "de"
    return art


def run_pipeline(text: str) -> tuple[float, int]:
    art = article_for(text)
    t0 = time.perf_counter()
    claims = extract_claims(art)
    return time.perf_counter() - t0, len(claims)


def run_pysbd(text: str) -> tuple[float, float, int] | None:
    try:
        import pysbd
    except ImportError:
        return None
    seg = pysbd.Segmenter(language="de", clean=False)
    paras = [p for p in text.split("\n") if p.strip()]
    t0 = time.perf_counter()
    n = sum(len(seg.segment(p)) for p in paras)
    per_para = time.perf_counter() - t0
    sample = "\n".join(paras[: max(1, len(paras) // 20)])  # whole-text mode is superlinear: a 5% slice
    t0 = time.perf_counter()
    seg.segment(sample)
    whole = (time.perf_counter() - t0) * len(text) / max(1, len(sample))
    return per_para, whole, n


def peak_memory(text: str) -> int:
    art = article_for(text)
    tracemalloc.start()
    claims = extract_claims(art)
    _cur, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del claims
    return peak


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=2.0, help="size of the benchmark text in MB")
    args = ap.parse_args(argv)
    text = build_text(args.mb)
    size = len(text.encode("utf-8")) / 1e6
    run_pipeline(text[:20000])  # warm caches (compiled tables)
    dt, n = run_pipeline(text)
    print(f"text: {size:.2f} MB of German from our fixtures, {n} claims")
    print(f"briefing pipeline (segment+attribution+stance+figures+Claim objects): {dt:.3f} s = {size / dt:.2f} MB/s")
    res = run_pysbd(text)
    if res is None:
        print("pysbd: not installed (pip install .[bench]) - skipped")
    else:
        per_para, whole, m = res
        print(f"pysbd segmentation alone, paragraph by paragraph: {per_para:.3f} s = {size / per_para:.3f} MB/s ({m} sentences)")
        print(f"pysbd segmentation alone, whole text (estimated from a 5% slice): {whole:.1f} s = {size / whole:.4f} MB/s")
        print(f"speed ratio vs pysbd per paragraph: {per_para / dt:.1f}x; vs pysbd whole text: {whole / dt:.0f}x")
    small = build_text(args.mb / 4)
    m1, m4 = peak_memory(small), peak_memory(small * 4)
    print(f"peak memory: {m1 / 1e6:.1f} MB for {len(small) / 1e6:.2f} M chars, {m4 / 1e6:.1f} MB for 4x -> ratio {m4 / m1:.2f} (linear = 4)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
