"""GUI benchmarks (run outside the test suite), and the README screenshots.

    .venv/bin/python bench/bench_gui.py               # all figures
    .venv/bin/python bench/bench_gui.py --screenshots # docs/screenshot-en.png and -de.png

Figures:
- start to usable window (fresh process: import, QApplication, window shown and painted)
  compared with a bare PySide6 QMainWindow in the same run, median of several runs;
- time to show a 1 MB article with its claims (import + claims on the worker, table, reader);
- time per filter keystroke with 10,000 claims (proxy filter + table relayout);
- resident memory with that article open.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(ROOT))

# Both children are timed the same way: from just before the parent starts the Python process
# (perf_counter is CLOCK_MONOTONIC, shared by all processes) to the end of the window's first
# paint, seen by an event filter; the child then prints the clock and exits.
PAINT_PROBE = """
import time
from PySide6.QtCore import QEvent, QObject
class _Probe(QObject):
    painted = 0
    def eventFilter(self, obj, ev):
        if ev.type() == QEvent.Type.Paint:
            self.painted += 1
        return False
def wait_paint(app, w, n=1):
    while probe.painted < n:
        app.processEvents()
    return time.perf_counter()
probe = _Probe()
"""

BARE = PAINT_PROBE + """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow(); w.installEventFilter(probe); w.resize(1280, 800); w.show()
print(wait_paint(app, w))
"""

# The application's own start path (what ``briefing`` runs before app.exec()); the second
# figure is when the workspace (core imported, session, panels) is built and painted too.
APP = PAINT_PROBE + """
import sys; sys.path.insert(0, {root!r})
import ui.app as A
_create = A.create_window
def _probed(**kw):
    w = _create(**kw)
    w.installEventFilter(probe)  # before show(): nothing has been painted yet
    return w
A.create_window = _probed
app, w = A.start([])
print(wait_paint(app, w))
while not w.ready:
    app.processEvents()
n = probe.painted
w.update()
print(wait_paint(app, w, n + 1))
w.ask_on_close = False
"""


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _launch(code: str, env: dict) -> list[float]:
    """Seconds from process launch to each time stamp the child prints."""
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True,
                         cwd=str(ROOT))
    return [float(x) - t0 for x in out.stdout.split()]


def startup(runs: int = 7) -> dict:
    """Median start times over ``runs`` runs, bare and Briefing taking turns (same load on both)."""
    env = dict(os.environ, BRIEFING_DATA_DIR=tempfile.mkdtemp(prefix="bench-gui-"), QT_QPA_PLATFORM="offscreen")
    app_code = APP.format(root=str(ROOT))
    _launch(BARE, env), _launch(app_code, env)  # warm the file cache
    bare, first, ready = [], [], []
    for _ in range(runs):
        bare.append(_launch(BARE, env)[0])
        f, r = _launch(app_code, env)
        first.append(f)
        ready.append(r)
    return {"bare_s": statistics.median(bare), "app_s": statistics.median(first),
            "ready_s": statistics.median(ready), "runs": runs}


def big_article(path: Path, target_bytes: int = 1_000_000) -> Path:
    """A ~1 MB article made of our own fixture paragraphs, numbered so no two are equal."""
    paras = [p for p in (ROOT / "tests/fixtures/de_hafen.txt").read_text(encoding="utf-8").splitlines()[1:] if p]
    out, size, n = ["Großer Lagebericht: Häfen und Getreideexporte"], 0, 0
    while size < target_bytes:
        p = f"({n}) " + paras[n % len(paras)]
        out.append(p)
        size += len(p.encode("utf-8")) + 1
        n += 1
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


def wait(app, cond, timeout=120.0):
    end = time.perf_counter() + timeout
    while not cond():
        app.processEvents()
        if time.perf_counter() > end:
            raise TimeoutError
        time.sleep(0.001)


def in_process(tmp: Path) -> dict:
    os.environ["BRIEFING_DATA_DIR"] = str(tmp / "data")
    from ui.app import create_app, create_window

    app = create_app([])
    w = create_window(offer_recovery=False)
    w.ask_on_close = False
    w.show()
    app.processEvents()
    base = rss_mb()
    art = big_article(tmp / "big.txt")
    t0 = time.perf_counter()
    w.open_file(str(art))
    wait(app, lambda: w.pending_imports == 0 and w.claims.model.rowCount() > 0)
    app.processEvents()
    w.grab()
    show_s = time.perf_counter() - t0
    n_claims = w.claims.model.rowCount()
    mem = rss_mb()

    # 10,000 claims in the table; type a word letter by letter
    from briefing.model import Claim

    claims = list(w.session.project.claims)
    while len(claims) < 10_000:
        c = claims[len(claims) % n_claims]
        claims.append(Claim(**{**c.model_dump(), "id": f"x{len(claims)}"}))
    claims = claims[:10_000]
    w.claims.set_claims(claims)
    app.processEvents()
    # Typing is debounced (FILTER_DELAY_MS after the last key); what is timed here is the work
    # each applied filter costs: the filter itself and the table's repaint, up to the painted frame.
    from PySide6.QtCore import QEvent, QObject

    class Paints(QObject):
        n = 0

        def eventFilter(self, obj, ev):  # noqa: N802
            if ev.type() == QEvent.Type.Paint:
                self.n += 1
            return False

    paints = Paints()
    w.claims.table.viewport().installEventFilter(paints)
    times, shown = [], []
    word = "hafenbehörde"
    steps = [word[:i] for i in range(1, len(word) + 1)] + [word[:i] for i in range(len(word) - 1, -1, -1)]
    for _round in range(3):
        for text in steps:  # typing the word and deleting it again (rows come back)
            w.claims.filter_edit.setText(text)
            before = paints.n
            t = time.perf_counter()
            w.claims.apply_filter_now()
            while paints.n == before:
                app.processEvents()
            times.append(time.perf_counter() - t)
            shown.append(w.claims.proxy.rowCount())
    return {"article_bytes": art.stat().st_size, "article_claims": n_claims, "show_s": show_s,
            "rss_base_mb": base, "rss_mb": mem, "filter_ms_median": statistics.median(times) * 1000,
            "filter_ms_max": max(times) * 1000, "filter_ms_p90": sorted(times)[int(len(times) * 0.9)] * 1000,
            "filter_rows": (min(shown), max(shown))}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--screenshots", action="store_true")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    if args.screenshots:  # kept for habit: bench/screenshots.py is the script
        from screenshots import screenshots

        for p in screenshots(ROOT / "docs"):
            print(p)
        return 0
    bare, app = startup(args.runs)
    print(f"start to usable window: bare PySide6 {bare * 1000:.0f} ms, Briefing {app * 1000:.0f} ms, "
          f"ratio {app / bare:.2f} (goal <= 1.5)")
    with tempfile.TemporaryDirectory() as d:
        r = in_process(Path(d))
    print(f"1 MB article ({r['article_bytes'] / 1e6:.2f} MB, {r['article_claims']} claims) shown in "
          f"{r['show_s']:.2f} s")
    print(f"filter keystroke with 10,000 claims: median {r['filter_ms_median']:.1f} ms, "
          f"max {r['filter_ms_max']:.1f} ms (goal < 50 ms)")
    print(f"memory: {r['rss_base_mb']:.0f} MB empty window, {r['rss_mb']:.0f} MB with the 1 MB article open")
    return 0


if __name__ == "__main__":
    sys.exit(main())


