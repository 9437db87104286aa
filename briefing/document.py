"""A format-neutral document tree. ``compose`` builds it; the renderers only consume it.

Both the DOCX and the PDF renderer walk the same tree, so the two outputs cannot drift
apart in content. Nothing in here knows about Word or PDF.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from typing import Literal, Union


_LOCATOR_SPACE = re.compile(r"(¶|\b[Sp]\.|\bpp\.) (?=\d)")


def keep_locators(text: str) -> str:
    """"¶ 3", "S. 4", "p. 4" joined by a no-break space, so that no renderer breaks a
    locator across lines (text extraction still gives an ordinary space)."""
    if "¶ " not in text and ". " not in text:
        return text  # no locator can be in it (the common case for claim text)
    return _LOCATOR_SPACE.sub(_no_break, text)


def _no_break(m: re.Match) -> str:
    return m.group(1) + "\u00a0"


@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None  # external URL


@dataclass
class Note:
    """A footnote or endnote; ``runs`` is its full text (without the number)."""

    number: int
    runs: list[Run]
    source_id: str | None = None

    @property
    def anchor(self) -> str:
        return f"note-{self.number}"

    @property
    def ref_anchor(self) -> str:
        return f"noteref-{self.number}"

    def plain_text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass
class NoteRef:
    note: Note


Inline = Union[Run, NoteRef]

ParagraphStyle = Literal[
    "body",  # reporting: what a source says
    "quote",
    "judgment",  # the analyst's own text, visibly distinct from reporting
    "bottom_line",  # the analyst's bottom line, set off
    "guidance",
    "subtitle",
    "meta",
    "source_entry",
    "small",
]


@dataclass
class Paragraph:
    content: list[Inline]
    style: ParagraphStyle = "body"

    def plain_text(self) -> str:
        return "".join(i.text if isinstance(i, Run) else str(i.note.number) for i in self.content)

    @property
    def notes(self) -> list[Note]:
        return [i.note for i in self.content if isinstance(i, NoteRef)]


@dataclass
class Heading:
    text: str
    level: int = 1  # 0 = document title, 1 = section, 2 = sub-section
    anchor: str | None = None  # a bookmark name (PDF outline, DOCX bookmark)


@dataclass
class ListBlock:
    items: list[Paragraph]
    ordered: bool = False


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]
    widths: list[float] | None = None  # relative column widths (sum irrelevant)


Block = Union[Heading, Paragraph, ListBlock, Table]


@dataclass
class PageSetup:
    size: Literal["A4", "Letter"] = "A4"
    margins_mm: tuple[float, float, float, float] = (25, 25, 25, 25)  # top, right, bottom, left

    @property
    def size_mm(self) -> tuple[float, float]:
        return (210.0, 297.0) if self.size == "A4" else (215.9, 279.4)


@dataclass
class Document:
    title: str
    language: str = "en"
    author: str = ""
    subject: str = ""
    keywords: list[str] = field(default_factory=list)
    banner: str | None = None  # classification / handling marking on every page (header and footer)
    page: PageSetup = field(default_factory=PageSetup)
    body_font: Literal["serif", "sans"] = "serif"
    heading_font: Literal["serif", "sans"] = "sans"
    font_size: float = 11.0
    notes_mode: Literal["footnotes", "endnotes", "none"] = "footnotes"
    notes_heading: str = "Notes"
    page_label: str = "Page {page} of {pages}"
    date: str | None = None  # ISO date of the brief, used for document properties
    # The one timestamp written into the files (creation/modification dates, zip entries):
    # SOURCE_DATE_EPOCH when set, else the brief date at 00:00 UTC. Never the wall clock.
    timestamp: _dt.datetime = field(default_factory=lambda: _dt.datetime(2000, 1, 1, tzinfo=_dt.timezone.utc))
    blocks: list[Block] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    style_base: str | None = None  # name of the Word file used as the DOCX style base
    style_base_data: bytes | None = None  # its cleaned content (see briefing.styles_base)
    warnings: list[str] = field(default_factory=list)  # for the user, before export

    def paragraphs(self):
        """Every paragraph of the body in reading order (list items included)."""
        for b in self.blocks:
            if isinstance(b, Paragraph):
                yield b
            elif isinstance(b, ListBlock):
                yield from b.items

    def all_text(self) -> str:
        """Every character any renderer will draw (body, notes, furniture), for font checks."""
        parts = [self.title, self.banner or "", self.page_label, self.notes_heading, self.plain_text()]
        parts.extend(n.plain_text() for n in self.notes)
        return "\n".join(parts)

    def plain_text(self) -> str:
        """The document's body text in reading order (used to compare renderers)."""
        out: list[str] = []
        for b in self.blocks:
            if isinstance(b, Heading):
                out.append(b.text)
            elif isinstance(b, Paragraph):
                out.append(b.plain_text())
            elif isinstance(b, ListBlock):
                out.extend(p.plain_text() for p in b.items)
            elif isinstance(b, Table):
                out.append(" ".join(b.header))
                out.extend(" ".join(r) for r in b.rows)
        return "\n".join(out)
