"""Plain text: the first line is the title, one paragraph per line or blank-line separated."""
from __future__ import annotations

from ..errors import ImportFailed
from ..model import Article, Paragraph, Source


def decode(data: bytes, name: str) -> tuple[str, list[str]]:
    warnings: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="replace")
        warnings.append("invalid UTF-8 bytes were replaced")
    if "\x00" in text:
        raise ImportFailed("file looks binary (contains NUL bytes)", name)
    return text, warnings


def paragraphs_of(text: str) -> list[Paragraph]:
    """Paragraph spans: each non-blank line is a paragraph (whitespace trimmed)."""
    paras: list[Paragraph] = []
    pos = 0
    for line in text.split("\n"):
        start = pos
        end = pos + len(line)
        pos = end + 1
        s, e = start, end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            paras.append(Paragraph(start=s, end=e))
    return paras


def parse(data: bytes, name: str) -> Article:
    text, warnings = decode(data, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paras = paragraphs_of(text)
    title = text[paras[0].start : paras[0].end] if paras else None
    if paras:
        paras[0].heading = True
    return Article(source=Source(title=title), text=text, paragraphs=paras, warnings=warnings)
