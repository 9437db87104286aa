"""Putting a brief together: articles and selected claims into a project."""
from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable

from .errors import BriefingError
from .model import Article, Brief, BriefSection, Claim, ClaimItem, Project, Template


def sections_from_template(template: Template) -> list[BriefSection]:
    return [BriefSection(id=s.id, title=s.title) for s in template.sections]


def select_claims(claims: list[Claim], select: str | None) -> list[Claim]:
    """``all`` (default), ``reported``, or a comma-separated list of claim ids."""
    if select is None or select == "all":
        return list(claims)
    if select == "reported":
        return [c for c in claims if c.stance == "reported"]
    wanted = [s.strip() for s in select.split(",") if s.strip()]
    by_id = {c.id: c for c in claims}
    unknown = [w for w in wanted if w not in by_id]
    if unknown:
        raise BriefingError(f"unknown claim id {', '.join(unknown)}", "--select")
    return [by_id[w] for w in wanted]


def new_project(
    articles: Iterable[Article],
    claims: list[Claim],
    template: Template,
    *,
    selected: list[Claim] | None = None,
    title: str | None = None,
    author: str | None = None,
    date: _dt.date | None = None,
) -> Project:
    articles = list(articles)
    selected = list(claims) if selected is None else selected
    chosen = {c.id for c in selected}
    for c in claims:
        c.included = c.id in chosen
    sections = sections_from_template(template)
    target = next(
        (s for s, t in zip(sections, template.sections) if t.kind == "claims"),
        sections[0] if sections else None,
    )
    if target is not None:
        target.items = [ClaimItem(claim_id=c.id) for c in selected]
    if title is None:
        title = articles[0].source.title if len(articles) == 1 and articles[0].source.title else "Brief"
    brief = Brief(title=title, author=author or "", date=date or _dt.date.today(), sections=sections,
                  classification=template.classification)
    return Project(articles=articles, claims=claims, brief=brief, template=template)
