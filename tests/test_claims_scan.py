"""The compiled engine's scan (briefing/claims/scan.py) finds exactly the matches the regex search finds.

The scan lists the places where the trigger pattern (cue words, quotation marks) or the figure
anchors can begin and tries the pattern only there. These tests run the same functions
interpreted, so they hold whether or not the compiled engine is built.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.claims import extract_claims, figures, pipeline, scan, stance
from briefing.claims.attribution import tables
from briefing.claims.figures import _tables as figure_tables
from briefing.ingest.text import parse

ROOT = Path(__file__).resolve().parent.parent
TEXTS = sorted((ROOT / "tests" / "fixtures").glob("*.txt")) + sorted((ROOT / "resources" / "demo").glob("*.txt"))

# pieces that make the patterns match, miss by a letter, or sit at word edges
PIECES = ["A380", "2024", "Jahr2020", "sagte", "Sagte", "laut", "Laut", "nach Angaben", "zufolge", "soll", "sei", "habe", "said", "according to",
          "„", "“", "”", "»", "«", '"', "-", "_", " ", "\n", ".", ",", "1", "11.000", "٣", "²", "€", "$", "£",
          "März", "Ende", "neun", "Millionen", "last", "week", "ä", "ß", "é", "Ω", "x", "Q", "sagtex", "xsagte", "'",
          "’", "\u00a0", "NASA-Angaben", "Jahr", "a", "A", "per"]


def _pairs():
    out = [(tables(lang).trigger, tables(lang).trigger_openings) for lang in ("de", "en")]
    out += [(figure_tables(lang).anchor, figure_tables(lang).openings) for lang in ("de", "en")]
    return out


def test_every_pattern_can_use_the_scan():
    for pattern, op in _pairs():
        assert op is not None and op.usable, pattern.pattern[:60]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40), st.integers(min_value=0, max_value=400), st.integers(min_value=0, max_value=400))
def test_scan_finds_what_finditer_finds(pieces, a, b):
    text = "".join(pieces)
    lo, hi = sorted((min(a, len(text)), min(b, len(text))))
    for pattern, op in _pairs():
        want = [(m.span(), m.group()) for m in pattern.finditer(text, lo, hi)]
        got = [(m.span(), m.group()) for m in scan.matches(pattern, text, lo, hi, scan.openings(text, lo, hi, op))]
        assert got == want, (text, lo, hi)


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_claims_are_the_same_with_the_scan(path, monkeypatch):
    art = parse(path.read_bytes(), path.name)
    for lang in ("de", "en"):
        art.source.language = lang
        plain = [c.model_dump(mode="json") for c in extract_claims(art)]
        for module in (stance, figures, pipeline):
            monkeypatch.setattr(module, "COMPILED", True)
        scanned = [c.model_dump(mode="json") for c in extract_claims(art)]
        for module in (stance, figures, pipeline):
            monkeypatch.setattr(module, "COMPILED", scan.COMPILED)
        assert scanned == plain and plain


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40), st.integers(min_value=0, max_value=400), st.integers(min_value=0, max_value=400))
def test_the_figure_anchor_places_are_exactly_its_matches(pieces, a, b):
    # the anchor pattern is single words, digits and currency signs: the compiled engine takes
    # the listed places as they are, without trying the pattern
    text = "".join(pieces)
    lo, hi = sorted((min(a, len(text)), min(b, len(text))))
    assert figure_tables("de").openings.single_words
    for lang in ("de", "en"):
        ft = figure_tables(lang)
        if not ft.openings.single_words:
            continue  # number words of several parts ("a dozen", "two-thirds"): the places are tried, as tested above
        assert scan.openings(text, lo, hi, ft.openings) == [m.start() for m in ft.anchor.finditer(text, lo, hi)], (text, lo, hi)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40), st.integers(min_value=0, max_value=400), st.integers(min_value=0, max_value=400))
def test_one_joined_scan_lists_each_patterns_places(pieces, a, b):
    # the pipeline scans once for the cue trigger and the figure anchors together
    text = "".join(pieces)
    lo, hi = sorted((min(a, len(text)), min(b, len(text))))
    for lang in ("de", "en"):
        parts = [tables(lang).trigger_openings, figure_tables(lang).openings]
        joined = scan.Openings.joined(parts)
        assert scan.places(text, lo, hi, joined) == [scan.openings(text, lo, hi, op) for op in parts], (text, lo, hi)


def test_a_cue_at_the_very_start_and_after_a_hyphen():
    t = tables("de")
    text = "Laut Polizei kam es zu Staus. Die Anti-laut-Regel gilt, sagte sie."
    got = [m.group() for m in scan.matches(t.trigger, text, 0, len(text), scan.openings(text, 0, len(text), t.trigger_openings))]
    assert got == [m.group() for m in t.trigger.finditer(text)]
    assert got[0] == "Laut" and "sagte" in got
    # a search that starts inside a word: the letter before the start still counts
    got = [m.start() for m in scan.matches(t.trigger, text, 1, len(text), scan.openings(text, 1, len(text), t.trigger_openings))]
    assert 0 not in got and got == [m.start() for m in t.trigger.finditer(text, 1)]
