"""The README screenshots of the main window, in English and German, with the demo article,
the claims table and the outline filled as an analyst would have them.

    .venv/bin/python bench/screenshots.py            # writes docs/screenshot-en.png and -de.png
    .venv/bin/python bench/screenshots.py --out DIR  # somewhere else

Rendered offscreen (no display needed); the same window code as the application.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(ROOT))


def wait(app, cond, timeout=120.0):
    end = time.perf_counter() + timeout
    while not cond():
        app.processEvents()
        if time.perf_counter() > end:
            raise TimeoutError
        time.sleep(0.001)


SHOT_TEXT = {
    "en": {"title": "Situation report: Eibenfeld dam",
           "bottom": "The dam will stay only partly usable until at least autumn 2027; drinking water supply is "
                     "secured until the end of 2026.",
           "assess": "Further delays are likely: the tender drew only two bids.",
           "para": "An internal expert report finds cracks in 14 of 38 wall blocks."},
    "de": {"title": "Lagebild: Talsperre Eibenfeld",
           "bottom": "Die Staumauer bleibt bis mindestens Herbst 2027 nur eingeschränkt nutzbar; die "
                     "Trinkwasserversorgung gilt bis Ende 2026 als gesichert.",
           "assess": "Weitere Verzögerungen sind wahrscheinlich: Auf die Ausschreibung gab es nur zwei Angebote.",
           "para": "Ein internes Gutachten stellt Risse an 14 von 38 Mauerblöcken fest."},
}


def screenshots(out_dir: Path) -> list[Path]:
    from briefing import commands as C
    from briefing.templates import get_template
    from ui import i18n
    from ui.app import create_app
    from ui.main_window import MainWindow
    from ui.settings import Settings
    from ui.welcome import demo_path

    app = create_app([])
    paths = []
    for lang in ("en", "de"):
        os.environ["BRIEFING_DATA_DIR"] = tempfile.mkdtemp(prefix=f"shot-{lang}-")
        i18n.install(lang)
        w = MainWindow(Settings())
        w.ask_on_close = False
        w.show()
        w.resize(1600, 960)
        if lang == "de":
            try:
                w.session.push(C.ApplyTemplate(get_template("lagebild")))
            except Exception:  # noqa: BLE001 - the German template is optional
                pass
        w.open_file(str(demo_path()))
        wait(app, lambda: w.pending_imports == 0 and w.claims.model.rowCount() > 0)
        t = SHOT_TEXT[lang]
        p = w.session.project
        ids = {c.text[:25]: c.id for c in p.claims}

        def cid(prefix):
            return next(v for k, v in ids.items() if k.startswith(prefix))

        secs = [s.id for s in p.brief.sections]
        kinds = {s.id: s.kind for s in p.template.sections}
        claim_secs = [s for s in secs if kinds.get(s) == "claims"]
        text_secs = [s for s in secs if kinds.get(s) in ("text", "bottom_line")]
        w.session.push(C.EditBrief(title=t["title"]))
        w.set_included([cid("Nach Angaben des Landes"), cid("Laut einem internen"), cid("„Die Sicherheit"),
                        cid("Nach Darstellung des")], True)
        if len(claim_secs) > 1:
            w.session.push(C.AddClaimsToSection(claim_secs[1], [cid("Die Kosten der"), cid("Die Trinkwasser")]))
        if text_secs:
            w.session.push(C.AddText(text_secs[0], t["bottom"]))
            w.session.push(C.AddText(text_secs[-1], t["assess"]))
        key = cid("Laut einem internen")
        w.session.push(C.EditClaim(key, paraphrase=t["para"]))
        w.session.push(C.EditClaim(key, reliability="B", credibility=2))
        w.select_claim(key)
        w.outline.select(("claim", claim_secs[0], 1))
        w.claims.table.setFocus()
        w.preview.schedule()
        wait(app, lambda: w.preview.idle and w.preview.document_tree is not None)
        for _ in range(20):
            app.processEvents()
            time.sleep(0.01)
        path = out_dir / f"screenshot-{lang}.png"
        w.grab().save(str(path))
        paths.append(path)
        w.close()
    i18n.install("en")
    return paths


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs")
    args, _unknown = ap.parse_known_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for p in screenshots(args.out):
        print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
