"""Citations: a source plus a locator, formatted for notes and the source list."""
from __future__ import annotations

from .model import Article, Claim, Source

_MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
           "November", "Dezember"],
}


def format_date(d, lang: str = "en") -> str:
    months = _MONTHS.get(lang, _MONTHS["en"])
    if lang == "de":
        return f"{d.day}. {months[d.month - 1]} {d.year}"
    return f"{d.day} {months[d.month - 1]} {d.year}"


def locator(claim: Claim, lang: str = "en") -> str:
    if claim.page:
        return f"S. {claim.page}" if lang == "de" else f"p. {claim.page}"
    if claim.paragraph:
        return f"¶ {claim.paragraph}"
    return ""


def source_entry(src: Source, lang: str = "en") -> str:
    """A full reference for the source list."""
    parts: list[str] = []
    if src.author:
        parts.append(src.author)
    parts.append(f"„{src.title}“" if lang == "de" else f"“{src.title}”" if src.title else "untitled")
    if src.publisher:
        parts.append(src.publisher)
    if src.published:
        parts.append(format_date(src.published, lang))
    if src.url:
        url = src.url
        if src.accessed:
            url += f" ({'abgerufen am' if lang == 'de' else 'accessed'} {format_date(src.accessed, lang)})"
        parts.append(url)
    return ", ".join(parts) + "."


def note_text(article: Article | None, claim: Claim, lang: str = "en") -> str:
    src = article.source if article else Source(title="unknown source")
    text = source_entry(src, lang).rstrip(".")
    loc = locator(claim, lang)
    if loc:
        text += f", {loc}"
    return text + "."
