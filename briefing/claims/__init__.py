"""The claims engine: article text -> claims (sentences with stance, attribution, figures).

``extract_claims`` splits each paragraph into sentences (a heading paragraph is one claim), reads
stance and attribution sentence by sentence with context carried across the article, and lists
the figures and dates of each claim. Language tables come from ``data/<lang>.json``; articles in
other or unknown languages get the generic segmentation and no attribution.
"""
from __future__ import annotations

from ._loader import NATIVE  # noqa: I001 - first: picks compiled or source modules (see _loader)

import gc
from contextlib import contextmanager

from ..model import Article, Claim
from .figures import extract_figures
from .pipeline import extract, sentence_spans
from .segment import split_sentences
from .stance import analyse_spans

__all__ = ["NATIVE", "extract_claims", "sentence_spans", "split_sentences", "analyse_spans", "extract_figures"]


@contextmanager
def _gc_paused():
    """Pause the cyclic garbage collector while many acyclic objects are made (then resume it)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def extract_claims(article: Article, *, prefix: str = "s1") -> list[Claim]:
    """Split ``article`` into claims. Ids are ``{prefix}c{n}``, stable for the same text."""
    with _gc_paused():
        return extract(article, prefix)
