"""Evaluate the claims engine on the shared evaluation data (read only, never copied).

Reads ../shared/samples (the sample article and its gold reading) and ../shared/eval
(golden-rules segmentation sets, UD German-GSD pseudo-documents, the attribution dev corpus)
relative to the repository, and prints every figure. Parts whose data is absent are skipped.
The part "heldout" scores our own held-out articles (tests/fixtures/heldout*), batch by batch.

    .venv/bin/python bench/eval_claims.py [--verbose] [sample golden ud attribution heldout]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.claims import extract_claims, split_sentences  # noqa: E402
from briefing.ingest.text import parse  # noqa: E402

SHARED = ROOT.parent / "shared"
SAMPLES = SHARED / "samples"
EVAL = SHARED / "eval"


def _words(s: str | None) -> set[str]:
    """Content words, lower-cased, inflection endings cut (for lenient source matching)."""
    out = set()
    for w in re.findall(r"[^\W_]+", (s or "").lower()):
        if len(w) < 2 or w in {"der", "die", "das", "des", "dem", "den", "ein", "eine", "einem", "einer", "eines", "the", "a", "an", "of", "in", "von"}:
            continue
        for suf in ("es", "en", "er", "em", "e", "s", "n"):
            if len(w) > 4 and w.endswith(suf):
                w = w[: -len(suf)]
                break
        out.add(w)
    return out


def _source_ok(claim, gold: dict) -> bool:
    gold_names = [gold.get("source"), gold.get("source_span"), gold.get("context_source")]
    gold_names = [g for g in gold_names if g]
    if not gold_names:
        return True
    att = claim.attribution
    mine = set()
    if att:
        mine = _words(att.source) | _words(att.normalized) | _words(att.via)
    for g in gold_names:
        gw = _words(g)
        if gw and len(gw & mine) * 2 >= len(gw):
            return True
    return False


def eval_sample(verbose: bool) -> None:
    txt = SAMPLES / "msmt-pantsir-de.txt"
    gold_file = SAMPLES / "msmt-pantsir-de.gold.json"
    if not (txt.exists() and gold_file.exists()):
        print("sample: skipped (no ../shared/samples)")
        return
    data = txt.read_bytes()
    article = parse(data, txt.name)
    article.source.language = "de"
    claims = extract_claims(article)
    gold = json.loads(gold_file.read_text(encoding="utf-8"))["sentences"]
    gb = {(g["start"], g["end"]) for g in gold}
    mb = {(c.start, c.end) for c in claims}
    print(f"sample: {len(gold)} gold sentences, {len(claims)} claims, exact spans {len(gb & mb)}/{len(gb)}"
          f"{'  ALL BOUNDARIES RIGHT' if gb == mb else ''}")
    by_span = {(c.start, c.end): c for c in claims}
    agree = 0
    for g in gold:
        c = by_span.get((g["start"], g["end"]))
        ok = c is not None and (c.stance == "reported") == bool(g["reported"]) and _source_ok(c, g)
        agree += ok
        if verbose and not ok:
            att = c.attribution if c else None
            print(f"  ✗ gold reported={g['reported']} src={g.get('source') or g.get('context_source')!r}"
                  f" | mine {c.stance if c else None} {att.source if att else None!r}/{att.normalized if att else None!r}"
                  f" :: {g['text'][:80]}")
    print(f"sample: stance+source agreement {agree}/{len(gold)} = {agree / len(gold):.1%}")


def eval_golden(verbose: bool) -> None:
    for lang in ("de", "en"):
        f = EVAL / "segmentation" / f"golden_{lang}.json"
        if not f.exists():
            print(f"golden {lang}: skipped")
            continue
        cases = json.loads(f.read_text(encoding="utf-8"))
        ok = 0
        for case in cases:
            t = case["text"]
            got = [t[s:e] for s, e in split_sentences(t, 0, len(t), lang)]
            exp = [x.strip() for x in case["expected"]]
            # the golden sets were written for cleaning splitters: compare with white space collapsed
            good = [" ".join(x.split()) for x in got] == [" ".join(x.split()) for x in exp]
            ok += good
            if verbose and not good:
                print(f"  ✗ {lang} {case['id']}\n     exp {exp}\n     got {got}")
        print(f"golden rules {lang}: {ok}/{len(cases)}")


def eval_ud(verbose: bool) -> None:
    f = EVAL / "segmentation" / "ud_de_gsd_test.json"
    if not f.exists():
        print("UD German-GSD: skipped")
        return
    docs = json.loads(f.read_text(encoding="utf-8"))["docs"]
    tp = fp = fn = 0
    shown = 0
    for sents in docs:
        text = " ".join(sents)
        gold, pos = set(), 0
        for s in sents[:-1]:
            pos += len(s)
            gold.add(pos)
            pos += 1
        got = {e for s, e in split_sentences(text, 0, len(text), "de")[:-1]}
        tp += len(gold & got)
        fp += len(got - gold)
        fn += len(gold - got)
        if verbose and shown < 15:
            for e in sorted(got - gold):
                print(f"  FP …{text[max(0, e - 40):e]}|{text[e:e + 30]}…")
                shown += 1
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"UD German-GSD ({len(docs)} docs): boundary precision {p:.4f} recall {r:.4f} F1 {f1:.4f}")


def eval_attribution(verbose: bool) -> None:
    f = EVAL / "attribution" / "uhh_quotes_dev.jsonl"
    if not f.exists():
        print("attribution: skipped")
        return
    from briefing.claims.stance import analyse_spans

    tp = fp = fn = tn = 0
    sp_total = sp_overlap = 0
    shown = 0
    for line in f.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        text = doc["text"]
        spans = [tuple(s) for s in doc["sentences"]]
        marked = []
        speakers = []
        for a in doc["annotations"]:
            for key in ("cue", "quote", "frame"):
                marked.extend(a.get(key) or [])
            speakers.extend(a.get("speaker") or [])
        results = analyse_spans(text, spans, "de")
        for (s, e), (stance, att) in zip(spans, results):
            gold = any(a < e and b > s for a, b in marked)
            mine = stance == "reported"
            if gold and mine:
                tp += 1
                sent_speakers = [(a, b) for a, b in speakers if a < e and b > s]
                if sent_speakers and att and att.source_start is not None:
                    sp_total += 1
                    if any(a < att.source_end and b > att.source_start for a, b in sent_speakers):
                        sp_overlap += 1
            elif mine:
                fp += 1
            elif gold:
                fn += 1
            else:
                tn += 1
            if verbose and gold != mine and shown < 400:
                shown += 1
                print(f"  {'FN' if gold else 'FP'} {text[s:e][:150]!r}")
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"attribution (reported, {tp + fp + fn + tn} sentences): precision {p:.3f} recall {r:.3f} F1 {f1:.3f}")
    if sp_total:
        print(f"attribution: speaker span overlaps the annotated speaker in {sp_overlap}/{sp_total} = {sp_overlap / sp_total:.1%}"
              " of true-positive sentences where both name one")


def eval_heldout(verbose: bool) -> None:
    """Our own held-out articles (tests/fixtures/heldout*.gold.json), batch by batch: boundaries,
    stance and source by the sample's agreement rule, and figures (found / extra: ours not in the gold)."""
    batches: dict[str, list[Path]] = {}
    for gold_file in sorted((ROOT / "tests" / "fixtures").glob("heldout*.gold.json")):
        batches.setdefault(gold_file.name.split("_")[0], []).append(gold_file)
    for batch, files in batches.items():
        tot = {"sent": 0, "bound": 0, "agree": 0, "num": 0, "num_found": 0, "num_extra": 0,
               "date": 0, "date_found": 0, "date_extra": 0}
        for gold_file in files:
            name = gold_file.name[: -len(".gold.json")]
            lang = "de" if "_de_" in name else "en"
            article = parse((gold_file.parent / f"{name}.txt").read_bytes(), f"{name}.txt")
            article.source.language = lang
            claims = extract_claims(article)
            by_span = {(c.start, c.end): c for c in claims}
            gold = json.loads(gold_file.read_text(encoding="utf-8"))["sentences"]
            row = dict.fromkeys(tot, 0)
            row["sent"] = len(gold)
            for g in gold:
                c = by_span.get((g["start"], g["end"]))
                row["bound"] += c is not None
                ok = c is not None and (c.stance == "reported") == bool(g["reported"]) and _source_ok(c, g)
                row["agree"] += ok
                if verbose and not ok:
                    att = c.attribution if c else None
                    print(f"  ✗ {name} gold reported={g['reported']} src={g.get('source') or g.get('context_source')!r}"
                          f" | mine {c.stance if c else 'no such span'} {att.source if att else None!r}/"
                          f"{att.normalized if att else None!r} :: {g['text'][:90]}")
                # figures of the claims that overlap this gold sentence
                mine = [f for c2 in claims if c2.start < g["end"] and c2.end > g["start"] for f in c2.figures]
                for kind, key in (("number", "num"), ("date", "date")):
                    want = list(g.get(f"{key}bers" if key == "num" else "dates") or [])
                    have = [f.text for f in mine if f.kind == kind]
                    # as written, the unit or counted noun may or may not be included: a gold figure
                    # is found when it and one of ours contain each other
                    found = [w for w in want if any(w in h or h in w for h in have)]
                    row[key] += len(want)
                    row[f"{key}_found"] += len(found)
                    row[f"{key}_extra"] += len([h for h in have if not any(w in h or h in w for w in want)])
                    if verbose and (len(found) < len(want) or len(have) > len(found)):
                        print(f"  {kind}s {name}: gold {want} mine {have} :: {g['text'][:70]}")
            for k in tot:
                tot[k] += row[k]
            print(f"{name}: boundaries {row['bound']}/{row['sent']}, stance+source {row['agree']}/{row['sent']}, "
                  f"numbers {row['num_found']}/{row['num']} (+{row['num_extra']}), "
                  f"dates {row['date_found']}/{row['date']} (+{row['date_extra']})")
        print(f"held-out {batch} ({len(files)} articles): boundaries {tot['bound']}/{tot['sent']}, "
              f"stance+source {tot['agree']}/{tot['sent']} = {tot['agree'] / max(1, tot['sent']):.1%}, "
              f"numbers {tot['num_found']}/{tot['num']} (+{tot['num_extra']} extra), "
              f"dates {tot['date_found']}/{tot['date']} (+{tot['date_extra']} extra)")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", "-v", action="store_true")
    ap.add_argument("parts", nargs="*", default=["sample", "golden", "ud", "attribution", "heldout"])
    args = ap.parse_args(argv)
    parts = {"sample": eval_sample, "golden": eval_golden, "ud": eval_ud, "attribution": eval_attribution,
             "heldout": eval_heldout}
    for part in args.parts:
        if part != "heldout" and not SHARED.exists():
            print(f"{part}: skipped (no ../shared folder)")
            continue
        parts[part](args.verbose)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
