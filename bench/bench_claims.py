"""Speed and memory of the claims pipeline, side by side with pysbd's segmentation alone.

The input is one large German text built from our own articles (the German fixtures in
tests/fixtures and the demo article in resources/demo, without their headlines, repeated to the
wanted size). On exactly that text, in the same run:

- ours: the whole pipeline ``extract_claims`` (segmentation, attribution, stance, figures and
  the Claim objects), best of N after a warm-up;
- pysbd (``pip install .[bench]``), segmentation only: paragraph by paragraph (its fastest use:
  the reference of the ratio), each article of the text in one call (as it is used on an
  article), and the whole text in one call, which pysbd handles in super-linear time, so it is
  timed on a slice of the text and reported for that slice (the full text would be slower still);
- memory: the peak traced allocation of our pipeline for 1x and 4x a smaller text.

The output names the engine that ran: "compiled (mypyc)" when scripts/build_native.py built it and
it is current, else "pure Python". With the compiled engine, the pure engine is also timed on the
same text in a subprocess (``BRIEFING_PURE_PYTHON=1``): one more row, ratio compiled / pure.

    .venv/bin/python bench/bench_claims.py [--mb 1] [--quick] [--json]

With ``--json`` stdout is one JSON list of rows as bench/run.py expects (see /work/notes/BENCH.md).
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.claims import NATIVE, extract_claims  # noqa: E402
from briefing.claims._loader import REASON, engine  # noqa: E402
from briefing.ingest.text import parse  # noqa: E402

GERMAN = [ROOT / "tests" / "fixtures" / "de_hafen.txt", ROOT / "tests" / "fixtures" / "claims_de_werft.txt",
          ROOT / "resources" / "demo" / "demo-de-talsperre.txt"]
REPEATS = 3


def log(*a) -> None:
    print(*a, file=sys.stderr, flush=True)


def article_bodies() -> list[str]:
    """The German articles the benchmark text is made of, without their headlines."""
    bodies = []
    for path in GERMAN:
        if path.exists():
            lines = path.read_text(encoding="utf-8").splitlines()
            bodies.append("\n".join(lines[1:]).strip("\n"))  # without the headline
    return bodies


def _repeats(mb: float, bodies: list[str]) -> int:
    unit = "\n".join(bodies) + "\n"
    return max(1, int(mb * 1_000_000 / len(unit.encode("utf-8"))))


def build_text(mb: float) -> str:
    """About ``mb`` MB: a headline, then the articles one after another, again and again."""
    bodies = article_bodies()
    unit = "\n".join(bodies) + "\n"
    return "Sammelartikel aus eigenen Testtexten\n" + unit * _repeats(mb, bodies)


def build_articles(mb: float) -> list[str]:
    """The articles of ``build_text(mb)`` in text order, each as its own text."""
    bodies = article_bodies()
    return bodies * _repeats(mb, bodies)


def article_for(text: str):
    art = parse(text.encode("utf-8"), "bench.txt")
    art.source.language = "de"
    return art


def best_of(fn, repeats: int = REPEATS) -> tuple[float, object]:
    fn()  # warm-up
    best, out = float("inf"), None
    for _ in range(repeats):
        out = None  # the previous run's output is freed before the clock starts, not inside the timing
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def pysbd_times(text: str, articles: list[str], repeats: int) -> dict | None:
    try:
        import pysbd
    except ImportError:
        return None
    seg = pysbd.Segmenter(language="de", clean=False)
    paras = [p for p in text.split("\n") if p.strip()]
    per_para, n = best_of(lambda: sum(len(seg.segment(p)) for p in paras), repeats)
    # each article of the text in one call, as pysbd is used on an article
    per_article, n_art = best_of(lambda: sum(len(seg.segment(a)) for a in articles), repeats)
    articles_mb = sum(len(a.encode("utf-8")) for a in articles) / 1e6
    # whole text in one call: super-linear, so timed on a slice of about 40 KB
    cut = text.find("\n", 40_000)
    sl = text[: cut if cut > 0 else len(text)]
    whole, _ = best_of(lambda: seg.segment(sl), 1)
    return {"version": getattr(pysbd, "__version__", "?"), "per_para_s": per_para, "sentences": n,
            "per_article_s": per_article, "articles": len(articles), "articles_mb": articles_mb,
            "article_sentences": n_art,
            "whole_slice_s": whole, "slice_mb": len(sl.encode("utf-8")) / 1e6}


def peak_memory(text: str) -> int:
    art = article_for(text)
    gc.collect()
    tracemalloc.start()
    claims = extract_claims(art)
    _cur, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del claims
    return peak


def pure_engine_time(mb: float, repeats: int) -> tuple[float, int] | None:
    """Best time and claim count of the pure-Python engine on the same text, in a subprocess."""
    env = dict(os.environ, BRIEFING_PURE_PYTHON="1")
    r = subprocess.run([sys.executable, __file__, "--pure-child", "--mb", repr(mb), "--repeats", str(repeats)],
                       env=env, capture_output=True, text=True, timeout=900)
    if r.returncode != 0:
        log(f"pure-Python engine run failed: {r.stderr.strip()[-300:]}")
        return None
    out = json.loads(r.stdout)
    if out["native"]:
        log("pure-Python engine run: BRIEFING_PURE_PYTHON=1 was not honoured")
        return None
    return out["seconds"], out["claims"]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=None, help="size of the benchmark text in MB (default 1, quick 0.2)")
    ap.add_argument("--quick", action="store_true", help="smaller text, one repeat")
    ap.add_argument("--json", action="store_true", help="print the result rows as JSON on stdout")
    ap.add_argument("--pure-child", action="store_true", help=argparse.SUPPRESS)  # the pure-engine timing run
    ap.add_argument("--repeats", type=int, default=None, help=argparse.SUPPRESS)
    args, _unknown = ap.parse_known_args(argv)
    mb = args.mb or (0.2 if args.quick else 1.0)
    repeats = args.repeats or (1 if args.quick else REPEATS)
    text = build_text(mb)
    size = len(text.encode("utf-8")) / 1e6
    art = article_for(text)
    if args.pure_child:
        secs, claims = best_of(lambda: extract_claims(art), repeats)
        print(json.dumps({"native": NATIVE, "seconds": secs, "claims": len(claims)}))
        return 0
    log(f"text: {size:.2f} MB of German from our fixtures and demo article")
    log(f"engine: {engine()}" + ("" if NATIVE else f" ({REASON})"))
    ours, claims = best_of(lambda: extract_claims(art), repeats)
    n_claims = len(claims)
    del claims
    ours_mbs = size / ours
    log(f"briefing pipeline (segmentation+attribution+stance+figures+Claim objects), {engine()}: {ours:.3f} s = "
        f"{ours_mbs:.2f} MB/s, {n_claims} claims")
    rows = []
    if NATIVE:
        pure = pure_engine_time(mb, repeats)
        if pure is not None and pure[1] != n_claims:
            log(f"pure-Python engine gave {pure[1]} claims, the compiled one {n_claims}: not compared")
            pure = None
        pure_mbs = size / pure[0] if pure else None
        if pure_mbs:
            log(f"same pipeline, pure Python (subprocess, BRIEFING_PURE_PYTHON=1): {pure[0]:.3f} s = {pure_mbs:.2f} MB/s; "
                f"compiled / pure: {ours_mbs / pure_mbs:.2f}x")
        rows.append({"name": f"claims pipeline, compiled (mypyc) vs pure Python (German, {size:.1f} MB)",
                     "value": round(ours_mbs, 4), "unit": "MB/s",
                     "reference": "the same pipeline, pure Python (BRIEFING_PURE_PYTHON=1, subprocess, same text)"
                     + ("" if pure_mbs else " (run failed)"),
                     "reference_value": round(pure_mbs, 4) if pure_mbs else None,
                     "ratio": round(ours_mbs / pure_mbs, 2) if pure_mbs else None,
                     "goal": "information (> 1: the compiled engine is faster)"})
    ref = pysbd_times(text, build_articles(mb), repeats)
    if ref is None:
        log("pysbd: not installed (pip install .[bench])")
        rows.append({"name": f"claims pipeline throughput, {engine()} (German, {size:.1f} MB)", "value": round(ours_mbs, 4), "unit": "MB/s",
                     "reference": "pysbd (not installed)", "reference_value": None, "ratio": None,
                     "goal": ">= 15 (vs pysbd segmentation alone, paragraph by paragraph)"})
    else:
        para_mbs = size / ref["per_para_s"]
        whole_mbs = ref["slice_mb"] / ref["whole_slice_s"]
        log(f"pysbd {ref['version']} segmentation alone, paragraph by paragraph (its faster mode): {ref['per_para_s']:.3f} s = "
            f"{para_mbs:.3f} MB/s ({ref['sentences']} sentences)")
        log(f"pysbd segmentation alone, whole text in one call, on a {ref['slice_mb'] * 1000:.0f} KB slice: "
            f"{ref['whole_slice_s']:.2f} s = {whole_mbs:.4f} MB/s (super-linear: slower on the full text)")
        art_mbs = ref["articles_mb"] / ref["per_article_s"]
        log(f"pysbd segmentation alone, each of the {ref['articles']} articles in one call: {ref['per_article_s']:.3f} s = "
            f"{art_mbs:.3f} MB/s ({ref['article_sentences']} sentences)")
        log(f"ratio vs pysbd paragraph by paragraph: {ours_mbs / para_mbs:.1f}x; per article: {ours_mbs / art_mbs:.1f}x; "
            f"vs pysbd whole-text mode: {ours_mbs / whole_mbs:.0f}x")
        rows.append({"name": f"claims pipeline throughput, {engine()} (German, {size:.1f} MB)", "value": round(ours_mbs, 4), "unit": "MB/s",
                     "reference": f"pysbd {ref['version']} segmentation alone, paragraph by paragraph (its faster mode)",
                     "reference_value": round(para_mbs, 4), "ratio": round(ours_mbs / para_mbs, 2),
                     "goal": ">= 15"})
        rows.append({"name": f"claims pipeline vs pysbd article by article (German, {size:.1f} MB)",
                     "value": round(ours_mbs, 4), "unit": "MB/s",
                     "reference": f"pysbd {ref['version']} segmentation alone, each article of the text in one call",
                     "reference_value": round(art_mbs, 4), "ratio": round(ours_mbs / art_mbs, 2),
                     "goal": "information (pysbd as used on one article at a time)"})
        rows.append({"name": f"claims pipeline vs pysbd whole-text mode ({ref['slice_mb'] * 1000:.0f} KB slice for pysbd)",
                     "value": round(ours_mbs, 4), "unit": "MB/s",
                     "reference": f"pysbd {ref['version']} segmentation alone, one call on the slice",
                     "reference_value": round(whole_mbs, 5), "ratio": round(ours_mbs / whole_mbs, 1),
                     "goal": "information (the slower pysbd mode)"})
    small = build_text(mb / 4)
    m1, m4 = peak_memory(small), peak_memory(small * 4)
    log(f"peak memory: {m1 / 1e6:.1f} MB for {len(small) / 1e6:.2f} M chars, {m4 / 1e6:.1f} MB for 4x (4x the first = {4 * m1 / 1e6:.1f} MB)")
    rows.append({"name": "claims peak memory for 4x the text", "value": round(m4 / 1e6, 2), "unit": "MB",
                 "reference": "4 x our peak for 1x the text (linear growth), same run",
                 "reference_value": round(4 * m1 / 1e6, 2), "ratio": round(4 * m1 / m4, 2),
                 "goal": ">= 0.9 (memory linear in the text size)"})
    if args.json:
        print(json.dumps(rows))
    else:
        for r in rows:
            ratio = "n/a" if r["ratio"] is None else f"{r['ratio']}x"
            print(f"{r['name']}: {r['value']} {r['unit']} | {r['reference']}: {r['reference_value']} | ratio {ratio} | goal {r['goal']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
