"""Sentence segmentation with exact character offsets (first version)."""
from __future__ import annotations

import re

_END = re.compile(r"[.!?…]+[\"'“”»«‘’)\]]*(?=\s+)")
_ABBREV = {"z", "B", "u", "a", "Nr", "Dr", "vgl", "bzw", "Mio", "Mrd", "Gen", "Sen", "Prof", "St", "ca", "etc", "Mr", "Mrs", "Ms", "Jan", "Feb", "Okt", "Dez", "S", "v", "Chr"}


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` in ``text[start:end]``, trimmed of whitespace."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    pos = start
    for m in _END.finditer(text, start, end):
        cut = m.end()
        before = text[pos : m.start()]
        word = re.search(r"(\w+)$", before)
        if word and (word.group(1) in _ABBREV or word.group(1).isdigit()) and text[m.start()] == ".":
            continue
        nxt = cut
        while nxt < end and text[nxt].isspace():
            nxt += 1
        if nxt < end and text[nxt].islower():
            continue
        spans.append((pos, cut))
        pos = nxt
    if pos < end:
        spans.append((pos, end))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out
