"""The claims engine: article text -> claims (sentences with stance, attribution, figures)."""
from __future__ import annotations

from ..model import Article, Claim
from .segment import split_sentences


def extract_claims(article: Article, *, prefix: str = "s1") -> list[Claim]:
    """Split ``article`` into claims. Ids are ``{prefix}c{n}``, stable for the same text."""
    claims: list[Claim] = []
    text = article.text
    for pno, para in enumerate(article.paragraphs, start=1):
        for start, end in split_sentences(text, para.start, para.end):
            claims.append(
                Claim(
                    id=f"{prefix}c{len(claims) + 1}",
                    source_id=article.source.id,
                    start=start,
                    end=end,
                    text=text[start:end],
                    paragraph=pno,
                    page=para.page,
                )
            )
    return claims
