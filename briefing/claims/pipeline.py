"""The claims pipeline, paragraph to claim: sentence spans, stance and attribution, figures, and
the Claim objects. ``briefing.claims.extract_claims`` runs it with the garbage collector paused."""
from __future__ import annotations

from functools import lru_cache

from ..model import Article, Claim
from ._fast import trusted
from .attribution import tables
from .figures import _tables as figure_tables
from .figures import extract_figures
from .lang import is_known, load
from .scan import COMPILED, Openings, places
from .segment import split_sentences
from .stance import analyse_spans

_CLAIM_GIVEN = ("id", "source_id", "start", "end", "text", "paragraph", "page", "stance", "attribution", "figures",
                "included", "paraphrase", "reliability", "credibility", "tags", "note", "manual")
_claim = trusted(Claim, _CLAIM_GIVEN, unset=("included", "paraphrase", "reliability", "credibility", "tags", "note", "manual"))


_HEADING_MAX = 120  # characters: a heading of two sentences longer than this is running text


def sentence_spans(article: Article) -> list[tuple[int, int, int]]:
    """(start, end, paragraph number) of every sentence of ``article``, in text order."""
    lang = load(article.source.language if is_known(article.source.language) else None)
    text = article.text
    spans: list[tuple[int, int, int]] = []
    for pno, para in enumerate(article.paragraphs, start=1):
        s, e = max(0, para.start), min(len(text), para.end)
        if para.heading:
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            parts = split_sentences(text, s, e, lang) if e > s else []
            # A title is one claim; a first "title" paragraph that is really running text
            # (pasted text without a title line, a PDF whose title ran into the body) is split.
            if len(parts) > 2 or (len(parts) == 2 and e - s > _HEADING_MAX):
                spans.extend((a, b, pno) for a, b in parts)
            elif e > s:
                spans.append((s, e, pno))
            continue
        for a, b in split_sentences(text, s, e, lang):
            spans.append((a, b, pno))
    return spans


@lru_cache(maxsize=16)
def _scan_both(lang: str) -> Openings | None:
    """The openings of the cue trigger and of the figure anchors of ``lang``, joined for one scan."""
    t, ft = tables(lang), figure_tables(lang)
    if t is None or ft is None or t.trigger_openings is None or ft.openings is None:
        return None
    return Openings.joined([t.trigger_openings, ft.openings])


def extract(article: Article, prefix: str) -> list[Claim]:
    text = article.text
    lang = article.source.language if is_known(article.source.language) else None
    spans = sentence_spans(article)
    trigger_places: list[int] | None = None
    anchor_places: list[int] | None = None
    both = _scan_both(lang) if COMPILED and spans and lang else None
    if both is not None:
        # one pass over the text finds where cues and where figures can begin
        trigger_places, anchor_places = places(text, spans[0][0], spans[-1][1], both)
    readings = analyse_spans(text, [(a, b) for a, b, _p in spans], lang, trigger_places)
    figures = extract_figures(text, spans[0][0], spans[-1][1], lang, anchor_places) if spans and lang else []
    claims: list[Claim] = []
    fi = 0
    nfig = len(figures)
    pages = [p.page for p in article.paragraphs]
    sid = article.source.id
    make = _claim
    for n, ((a, b, pno), (stance, att)) in enumerate(zip(spans, readings), start=1):
        while fi < nfig and figures[fi].start < a:
            fi += 1
        mine = []
        while fi < nfig and figures[fi].end <= b:
            mine.append(figures[fi])
            fi += 1
        claims.append(make(f"{prefix}c{n}", sid, a, b, text[a:b], pno, pages[pno - 1], stance, att, mine,
                           False, None, None, None, [], None, False))
    return claims
