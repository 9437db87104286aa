"""The core data model: sources, articles, claims, briefs, templates and projects.

Everything that is saved to disk carries a ``schema_version``. Models forbid unknown
fields so that a damaged or hostile file is refused instead of silently half-read.
"""
from __future__ import annotations

import datetime as _dt
from copy import deepcopy as _deepcopy
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator
from pydantic_core import PydanticUndefined

SCHEMA_VERSION = 1

Stance = Literal["asserted", "reported", "hedged"]


# values copy.deepcopy returns as they are (it treats these types as atomic)
_ATOMIC = frozenset((str, int, float, bool, type(None)))


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)

    def __deepcopy__(self, memo: dict[int, Any] | None = None):
        """pydantic's deep copy, with field values that copy.deepcopy returns unchanged (text,
        numbers, None) taken as they are instead of going through deepcopy one by one: the same
        copy, ~3x faster for a project with hundreds of claims (``prepare_export`` copies it)."""
        if memo is None:
            memo = {}
        cls = type(self)
        m = cls.__new__(cls)
        memo[id(self)] = m
        atomic = _ATOMIC
        object.__setattr__(m, "__dict__", {k: v if type(v) in atomic else _deepcopy(v, memo)
                                           for k, v in self.__dict__.items()})
        object.__setattr__(m, "__pydantic_extra__", _deepcopy(self.__pydantic_extra__, memo))
        object.__setattr__(m, "__pydantic_fields_set__", set(self.__pydantic_fields_set__))
        private = getattr(self, "__pydantic_private__", None)
        if private is None:
            object.__setattr__(m, "__pydantic_private__", None)
        else:
            object.__setattr__(m, "__pydantic_private__",
                               _deepcopy({k: v for k, v in private.items() if v is not PydanticUndefined}, memo))
        return m


# --------------------------------------------------------------------------- sources


class Source(_Strict):
    """Bibliographic metadata of one imported article or report."""

    id: str = ""
    title: str | None = None
    publisher: str | None = None
    author: str | None = None
    published: _dt.date | None = None
    url: str | None = None
    language: str | None = None  # ISO 639-1
    accessed: _dt.date | None = None
    kind: str = "article"  # CSL type: article-newspaper, report, webpage ...
    file_name: str | None = None
    sha256: str | None = None
    imported: str | None = None  # ISO timestamp of the import


class Paragraph(_Strict):
    """A paragraph as a half-open character span ``[start, end)`` into the article text."""

    start: int
    end: int
    page: int | None = None
    heading: bool = False


class Article(_Strict):
    """The plain text of a source as the application holds it, with its locators."""

    schema_version: int = SCHEMA_VERSION
    source: Source
    text: str
    paragraphs: list[Paragraph] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    def paragraph_at(self, offset: int) -> tuple[int, Paragraph | None]:
        """1-based paragraph number and paragraph containing ``offset`` (0, None if none)."""
        lo, hi = 0, len(self.paragraphs) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            p = self.paragraphs[mid]
            if offset < p.start:
                hi = mid - 1
            elif offset >= p.end:
                lo = mid + 1
            else:
                return mid + 1, p
        return 0, None


# --------------------------------------------------------------------------- claims


class Attribution(_Strict):
    source: str | None = None  # the words in the text naming who it comes from
    normalized: str | None = None  # a normalised name
    cue: str | None = None
    via: str | None = None
    inherited: bool = False
    # Offsets (relative to the article text) of the source and cue words, for highlighting.
    source_start: int | None = None
    source_end: int | None = None
    cue_start: int | None = None
    cue_end: int | None = None


class Figure(_Strict):
    """A quantity or a date as written in a claim, with a normalised value where known."""

    kind: Literal["number", "date"]
    text: str
    start: int  # article offsets
    end: int
    value: float | None = None
    unit: str | None = None
    iso: str | None = None  # ISO date, month (YYYY-MM) or year


Reliability = Literal["A", "B", "C", "D", "E", "F"]


class Claim(_Strict):
    id: str
    source_id: str = ""
    start: int
    end: int
    text: str
    paragraph: int = 0
    page: int | None = None
    stance: Stance = "asserted"
    attribution: Attribution | None = None
    figures: list[Figure] = Field(default_factory=list)
    # the analyst's work
    included: bool = False
    paraphrase: str | None = None
    reliability: Reliability | None = None
    credibility: int | None = Field(default=None, ge=1, le=6)
    tags: list[str] = Field(default_factory=list)
    note: str | None = None
    manual: bool = False  # made by the analyst from a selection

    @property
    def numbers(self) -> list[str]:
        return [f.text for f in self.figures if f.kind == "number"]

    @property
    def dates(self) -> list[str]:
        return [f.text for f in self.figures if f.kind == "date"]


# --------------------------------------------------------------------------- templates

SectionKind = Literal["claims", "text", "bottom_line", "key_figures", "sources"]


class TemplateSection(_Strict):
    id: str = Field(max_length=64, pattern=r"^[a-z0-9][a-z0-9_-]*$")
    title: str = Field(max_length=200)
    guidance: str = Field(default="", max_length=2000)
    kind: SectionKind = "claims"
    required: bool = False
    min_claims: int = Field(default=0, ge=0, le=1000)
    group_by_source: bool = False


class PageSetup(_Strict):
    size: Literal["A4", "Letter"] = "A4"
    margin_top_mm: float = Field(default=25, ge=5, le=80)
    margin_bottom_mm: float = Field(default=25, ge=5, le=80)
    margin_left_mm: float = Field(default=25, ge=5, le=80)
    margin_right_mm: float = Field(default=25, ge=5, le=80)


class Fonts(_Strict):
    body: Literal["serif", "sans"] = "serif"
    headings: Literal["serif", "sans"] = "sans"
    size_pt: float = Field(default=11, ge=7, le=16)


class ClaimRender(_Strict):
    style: Literal["bullet", "paragraph"] = "bullet"
    text: Literal["quote", "paraphrase"] = "paraphrase"  # paraphrase falls back to the quote
    attribution: dict[str, str] = Field(
        default_factory=lambda: {"en": "According to {source}, ", "de": "Laut {source} "},
        max_length=10,
    )
    show_stance: bool = False
    show_grade: bool = False

    @field_validator("attribution")
    @classmethod
    def _short_values(cls, v: dict[str, str]) -> dict[str, str]:
        for key, value in v.items():
            if len(key) > 8 or len(value) > 200:
                raise ValueError("attribution phrase too long")
        return v


class Citation(_Strict):
    mode: Literal["footnotes", "endnotes", "author-date"] = "footnotes"
    style: str = Field(default="chicago-note-bibliography", max_length=100, pattern=r"^[A-Za-z0-9._-]+$")


class Template(_Strict):
    schema_version: int = SCHEMA_VERSION
    name: str = Field(max_length=64, pattern=r"^[^\W_][\w .-]*$")  # letters of any script, digits
    description: str = Field(default="", max_length=500)
    language: str = Field(default="en", max_length=8)
    page: PageSetup = Field(default_factory=PageSetup)
    fonts: Fonts = Field(default_factory=Fonts)
    title_fields: list[Literal["title", "subtitle", "date", "author", "organisation", "distribution"]] = Field(
        default_factory=lambda: ["title", "subtitle", "date", "author", "organisation"], max_length=6
    )
    classification: str | None = Field(default=None, max_length=120)
    sections: list[TemplateSection] = Field(max_length=40)
    claims: ClaimRender = Field(default_factory=ClaimRender)
    citation: Citation = Field(default_factory=Citation)
    style_base: str | None = Field(default=None, max_length=200)  # file name next to the template
    corroboration: bool = False  # ask for two independent sources per claim
    likelihood_terms: list[str] | None = Field(default=None, max_length=30)
    # Added with the template library (issue 5); all optional so older files still load.
    default_title: str | None = Field(default=None, max_length=200)  # may use {date}, {source} ...
    confidence_terms: list[str] | None = Field(default=None, max_length=30)
    # Where the template was read from (folder of its file); never saved. Used to find style_base.
    _origin: str | None = PrivateAttr(default=None)

    def __eq__(self, other: object) -> bool:  # where a template was read from is not part of it
        if not isinstance(other, Template):
            return NotImplemented
        return self.__dict__ == other.__dict__


# --------------------------------------------------------------------------- briefs


class ClaimItem(_Strict):
    kind: Literal["claim"] = "claim"
    claim_id: str


class TextItem(_Strict):
    kind: Literal["text"] = "text"
    text: str = ""


Item = Annotated[Union[ClaimItem, TextItem], Field(discriminator="kind")]


class BriefSection(_Strict):
    id: str
    title: str
    items: list[Item] = Field(default_factory=list)


class Brief(_Strict):
    title: str = ""
    subtitle: str = ""
    author: str = ""
    organisation: str = ""
    distribution: str = ""
    date: _dt.date | None = None
    classification: str | None = None
    sections: list[BriefSection] = Field(default_factory=list)

    def claim_ids(self) -> list[str]:
        return [i.claim_id for s in self.sections for i in s.items if isinstance(i, ClaimItem)]


class Project(_Strict):
    """Everything a brief needs, in one self-contained file (``.brief``)."""

    schema_version: int = SCHEMA_VERSION
    app: str = "briefing"
    articles: list[Article] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    brief: Brief = Field(default_factory=Brief)
    template: Template | None = None

    def article_for(self, claim: Claim) -> Article | None:
        for a in self.articles:
            if a.source.id == claim.source_id:
                return a
        return None

    def claim_by_id(self) -> dict[str, Claim]:
        return {c.id: c for c in self.claims}
