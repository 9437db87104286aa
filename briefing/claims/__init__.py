"""The claims engine: article text -> claims (sentences with stance, attribution, figures).

``extract_claims`` splits each paragraph into sentences (a heading paragraph is one claim), reads
stance and attribution sentence by sentence with context carried across the article, and lists
the figures and dates of each claim. Language tables come from ``data/<lang>.json``; articles in
other or unknown languages get the generic segmentation and no attribution.
"""
from __future__ import annotations

from ..model import Article, Claim
from .figures import extract_figures
from .lang import is_known
from .segment import split_sentences
from .stance import analyse_spans

__all__ = ["extract_claims", "split_sentences", "analyse_spans", "extract_figures"]


def sentence_spans(article: Article) -> list[tuple[int, int, int]]:
    """(start, end, paragraph number) of every sentence of ``article``, in text order."""
    lang = article.source.language if is_known(article.source.language) else None
    text = article.text
    spans: list[tuple[int, int, int]] = []
    for pno, para in enumerate(article.paragraphs, start=1):
        s, e = max(0, para.start), min(len(text), para.end)
        if para.heading:
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                spans.append((s, e, pno))
            continue
        for a, b in split_sentences(text, s, e, lang):
            spans.append((a, b, pno))
    return spans


def extract_claims(article: Article, *, prefix: str = "s1") -> list[Claim]:
    """Split ``article`` into claims. Ids are ``{prefix}c{n}``, stable for the same text."""
    text = article.text
    lang = article.source.language if is_known(article.source.language) else None
    spans = sentence_spans(article)
    readings = analyse_spans(text, [(a, b) for a, b, _p in spans], lang)
    figures = extract_figures(text, spans[0][0], spans[-1][1], lang) if spans and lang else []
    claims: list[Claim] = []
    fi = 0
    paras = article.paragraphs
    for n, ((a, b, pno), (stance, att)) in enumerate(zip(spans, readings), start=1):
        while fi < len(figures) and figures[fi].start < a:
            fi += 1
        mine = []
        while fi < len(figures) and figures[fi].end <= b:
            mine.append(figures[fi])
            fi += 1
        claims.append(
            Claim(
                id=f"{prefix}c{n}",
                source_id=article.source.id,
                start=a,
                end=b,
                text=text[a:b],
                paragraph=pno,
                page=paras[pno - 1].page,
                stance=stance,
                attribution=att,
                figures=mine,
            )
        )
    return claims
