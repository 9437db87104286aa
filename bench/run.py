"""Run every benchmark under bench/ and print one table.

    .venv/bin/python bench/run.py            # all benchmarks, one table
    .venv/bin/python bench/run.py --quick    # smaller inputs (passed on to each script)
    .venv/bin/python bench/run.py --json     # the merged rows as JSON
    .venv/bin/python bench/run.py claims gui # only bench_claims.py and bench_gui.py

Each ``bench/bench_*.py`` is run in its own process with ``--json`` and prints a JSON list
of rows ``{"name", "value", "unit", "reference", "reference_value", "ratio", "goal"}``
(the convention is in the module docstring below and in the README). The reference is
measured in the same run; ``ratio`` is "times better than the reference" (> 1 is better).
A missing or failing script is listed as such; the others still run.

Row convention: ``ratio = value / reference_value`` for throughputs (higher is better) and
``reference_value / value`` for times (lower is better); ``reference_value`` and ``ratio``
are null when the reference is not installed.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
EXPECTED = ["bench_claims.py", "bench_import.py", "bench_export.py", "bench_gui.py"]
TIMEOUT_S = 15 * 60
RAW: dict[str, str] = {}
FIELDS = ("name", "value", "unit", "reference", "reference_value", "ratio", "goal")


def scripts(selected: list[str]) -> list[str]:
    found = sorted(p.name for p in BENCH.glob("bench_*.py"))
    names = EXPECTED + [n for n in found if n not in EXPECTED]
    if selected:
        names = [n for n in names if any(n == f"bench_{s}.py" or n == s for s in selected)]
    return names


def run_script(name: str, extra: list[str]) -> tuple[list[dict], str | None, float]:
    path = BENCH / name
    if not path.exists():
        return [], "missing", 0.0
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    start = time.perf_counter()
    try:
        r = subprocess.run([sys.executable, str(path), "--json", *extra], capture_output=True, text=True,
                           timeout=TIMEOUT_S, cwd=ROOT, env=env)
    except subprocess.TimeoutExpired:
        return [], f"timed out after {TIMEOUT_S} s", time.perf_counter() - start
    took = time.perf_counter() - start
    if r.returncode == 2 and "unrecognized arguments" in r.stderr:
        # a script that does not follow the --json convention yet: run it plainly and
        # show its own output under the table
        try:
            plain = subprocess.run([sys.executable, str(path)], capture_output=True, text=True,
                                   timeout=TIMEOUT_S, cwd=ROOT, env=env)
        except subprocess.TimeoutExpired:
            return [], f"timed out after {TIMEOUT_S} s", time.perf_counter() - start
        RAW[name] = (plain.stdout.strip() + "\n" + plain.stderr.strip()[-800:]).strip()
        if plain.returncode != 0:
            last = (plain.stderr.strip().splitlines() or ["no output"])[-1]
            return [], f"failed (exit {plain.returncode}): {last[:150]}", time.perf_counter() - start
        return [], "no --json output yet (its own report is printed below)", time.perf_counter() - start
    if r.returncode != 0:
        last = (r.stderr.strip().splitlines() or ["no output"])[-1]
        return [], f"failed (exit {r.returncode}): {last[:150]}", took
    try:
        rows = json.loads(r.stdout)
        if isinstance(rows, dict):
            rows = [rows]
        if not isinstance(rows, list) or not all(isinstance(x, dict) for x in rows):
            raise ValueError("not a list of objects")
    except ValueError as exc:
        return [], f"bad --json output ({exc})", took
    return rows, None, took


def _num(x) -> str:
    if x is None:
        return "—"
    if isinstance(x, (int, float)):
        if isinstance(x, float) and (math.isnan(x) or math.isinf(x)):
            return str(x)
        ax = abs(x)
        if ax >= 1e6 or (ax and ax < 1e-3):
            return f"{x:.3g}"
        if ax >= 100:
            return f"{x:,.0f}"
        return f"{x:.3g}"
    return str(x)


def table(results: list[tuple[str, list[dict], str | None, float]]) -> str:
    header = ["benchmark", "ours", "reference", "ref. value", "ratio", "goal"]
    lines = []
    for script, rows, problem, _took in results:
        if problem:
            lines.append([script, problem, "", "", "", ""])
            continue
        for row in rows:
            unit = row.get("unit") or ""
            ratio = row.get("ratio")
            lines.append([
                str(row.get("name", script)),
                f"{_num(row.get('value'))} {unit}".strip(),
                str(row.get("reference") or ""),
                f"{_num(row.get('reference_value'))} {unit}".strip() if row.get("reference_value") is not None else "—",
                f"{ratio:.2f}x" if isinstance(ratio, (int, float)) else "—",
                str(row.get("goal") or ""),
            ])
    widths = [max(len(header[i]), *(len(r[i]) for r in lines)) if lines else len(header[i]) for i in range(6)]
    widths = [min(w, 60) for w in widths]

    def fmt(r):
        return "  ".join(c[:w].ljust(w) for c, w in zip(r, widths)).rstrip()

    out = [fmt(header), fmt(["-" * w for w in widths])] + [fmt(r) for r in lines]
    out.append("")
    out.append("ratio = times better than the reference measured in the same run (> 1: we are better).")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("only", nargs="*", help="benchmark names (claims, import, export, gui, ...)")
    ap.add_argument("--quick", action="store_true", help="smaller inputs")
    ap.add_argument("--json", action="store_true", help="print the merged rows as JSON")
    args = ap.parse_args(argv)
    extra = ["--quick"] if args.quick else []
    results = []
    for name in scripts(args.only):
        print(f"bench: running {name} ...", file=sys.stderr, flush=True)
        rows, problem, took = run_script(name, extra)
        print(f"bench: {name}: {problem or f'{len(rows)} result(s)'} ({took:.0f} s)", file=sys.stderr, flush=True)
        results.append((name, rows, problem, took))
    if args.json:
        merged = [{"script": s, **{k: r.get(k) for k in FIELDS}} for s, rows, _, _ in results for r in rows]
        merged += [{"script": s, "problem": p} for s, _, p, _ in results if p]
        print(json.dumps(merged, indent=2, ensure_ascii=False))
    else:
        print(table(results))
        for name, text in RAW.items():
            print(f"\n--- {name} (plain output)\n{text}")
    return 0 if any(rows for _, rows, _, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
