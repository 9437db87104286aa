"""Fonts the PDF embeds (DejaVu, shipped in resources/fonts) and the coverage check.

DejaVu Sans and Serif cover Latin (all German characters), Greek and Cyrillic. Only the
faces a document uses are loaded (parsing a TrueType file costs time on every export).
"""
from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from ..paths import resources_dir

FAMILIES = {
    "serif": {"regular": "DejaVuSerif", "bold": "DejaVuSerif-Bold", "italic": "DejaVuSerif-Italic",
              "bolditalic": "DejaVuSerif-BoldItalic"},
    "sans": {"regular": "DejaVuSans", "bold": "DejaVuSans-Bold", "italic": "DejaVuSans-Oblique",
             "bolditalic": "DejaVuSans-BoldOblique"},
}
WORD_NAMES = {"serif": "DejaVu Serif", "sans": "DejaVu Sans"}

# Characters that never need a glyph (line breaks, joiners, soft hyphen ...).
_IGNORED = {"\n", "\r", "\t", "\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}


@lru_cache(maxsize=None)
def _ttf(face: str):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    font = TTFont(face, str(resources_dir() / "fonts" / f"{face}.ttf"))
    pdfmetrics.registerFont(font)
    return font


@lru_cache(maxsize=None)
def _register_family(family: str) -> None:
    from reportlab.lib.fonts import addMapping

    faces = FAMILIES[family]
    for face in faces.values():
        _ttf(face)
    base = faces["regular"]
    addMapping(base, 0, 0, faces["regular"])
    addMapping(base, 1, 0, faces["bold"])
    addMapping(base, 0, 1, faces["italic"])
    addMapping(base, 1, 1, faces["bolditalic"])


def register_fonts(families: Iterable[str] = ("serif", "sans")) -> dict[str, str]:
    """Register the families a document uses (and sans, for the page furniture).

    Returns ``{"serif": name, "serif-bold": name, "serif-italic": name, ...}``."""
    names: dict[str, str] = {}
    for family in sorted(set(families) | {"sans"}):
        _register_family(family)
        faces = FAMILIES[family]
        names[family] = faces["regular"]
        for face in ("bold", "italic", "bolditalic"):
            names[f"{family}-{face}"] = faces[face]
    return names


@lru_cache(maxsize=None)
def _coverage(face: str) -> frozenset[int]:
    return frozenset(_ttf(face).face.charToGlyph)


# Characters every shipped face is known to have (a test checks this against the fonts):
# text made only of these needs no font file opened for the check.
COMMON = frozenset(
    [chr(c) for c in range(0x20, 0x7F)] + [chr(c) for c in range(0xA0, 0x180)]
    + list("–—‘’‚“”„†‡•…‰‹›€™¶§·−")
)


def missing_characters(text: str, families: Iterable[str] = ("serif", "sans")) -> Counter:
    """Characters of ``text`` that a used font family cannot show, with their counts."""
    rest = set(text) - COMMON - _IGNORED
    if not rest:
        return Counter()
    counts = Counter(ch for ch in text if ch in rest)
    missing: Counter = Counter()
    sets = [_coverage(FAMILIES[f]["regular"]) for f in sorted(set(families))]
    for ch, n in counts.items():
        code = ord(ch)
        if code < 0x20 and ch not in _IGNORED:
            missing[ch] += n
        elif any(code not in s for s in sets):
            missing[ch] += n
    return missing


def coverage_warnings(document) -> list[str]:
    """One line per character the document's fonts cannot show (call before export)."""
    missing = missing_characters(document.all_text(), (document.body_font, document.heading_font))
    lines = []
    for ch, n in sorted(missing.items(), key=lambda kv: ord(kv[0])):
        name = unicodedata.name(ch, "unnamed character")
        shown = ch if ch.isprintable() else ""
        lines.append(f"the fonts cannot show U+{ord(ch):04X} {name} {shown!r} ({n}×); "
                     "it will appear as an empty box")
    return lines
