"""A format-neutral document tree. ``compose`` builds it; the renderers only consume it.

Both the DOCX and the PDF renderer walk the same tree, so the two outputs cannot drift
apart in content.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Union


@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None  # external URL


@dataclass
class Note:
    """A footnote or endnote; ``runs`` is its full text."""

    number: int
    runs: list[Run]


@dataclass
class NoteRef:
    note: Note


Inline = Union[Run, NoteRef]

ParagraphStyle = Literal["body", "quote", "judgment", "guidance", "subtitle", "meta", "source_entry", "small"]


@dataclass
class Paragraph:
    content: list[Inline]
    style: ParagraphStyle = "body"

    def plain_text(self) -> str:
        return "".join(i.text if isinstance(i, Run) else str(i.note.number) for i in self.content)


@dataclass
class Heading:
    text: str
    level: int = 1  # 0 = document title, 1 = section, 2 = sub-section
    anchor: str | None = None


@dataclass
class ListBlock:
    items: list[Paragraph]
    ordered: bool = False


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]


Block = Union[Heading, Paragraph, ListBlock, Table]


@dataclass
class PageSetup:
    size: Literal["A4", "Letter"] = "A4"
    margins_mm: tuple[float, float, float, float] = (25, 25, 25, 25)  # top, right, bottom, left


@dataclass
class Document:
    title: str
    language: str = "en"
    author: str = ""
    subject: str = ""
    keywords: list[str] = field(default_factory=list)
    banner: str | None = None  # classification / handling marking on every page
    page: PageSetup = field(default_factory=PageSetup)
    body_font: Literal["serif", "sans"] = "serif"
    heading_font: Literal["serif", "sans"] = "sans"
    font_size: float = 11.0
    notes_mode: Literal["footnotes", "endnotes", "none"] = "footnotes"
    notes_heading: str = "Notes"
    page_label: str = "Page {page} of {pages}"
    date: str | None = None  # ISO date of the brief, used for document properties
    blocks: list[Block] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    style_base: str | None = None  # path of a Word file used as the DOCX style base

    def plain_text(self) -> str:
        """The document's text in reading order (used to compare renderers)."""
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
