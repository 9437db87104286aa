"""Putting a brief together: articles and selected claims into a project, sections from a template.

The brief holds references to claims (which stay linked to their span in the stored article
text) and the analyst's own paragraphs. The helpers here are what the command line, the GUI
and ``compose`` share:

* :func:`new_project` / :func:`sections_from_template` - a fresh brief from a template;
* :func:`apply_template` - switch a brief to another template without losing any item;
* :func:`layout_template` - the template as the brief is laid out (the brief's own section
  order and extra sections win), which is what an export uses;
* :func:`prepare_export` - a copy of the project ready for ``compose``: layout applied and the
  whitelisted placeholders filled in;
* :func:`quote_is_verbatim` / :func:`claim_display` - whether a claim's quote still matches
  its source; an altered quote is shown as the analyst's paraphrase, never as a quote.
"""
from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from dataclasses import dataclass

from .errors import BriefingError
from .model import (
    Article,
    Brief,
    BriefSection,
    Claim,
    ClaimItem,
    Project,
    Template,
    TemplateSection,
    TextItem,
)


# --------------------------------------------------------------------------- quotes


def quote_is_verbatim(claim: Claim, article: Article | None) -> bool:
    """True when the claim's text is exactly its span in the stored article text."""
    if article is None:
        return False
    if not (0 <= claim.start <= claim.end <= len(article.text)):
        return False
    return article.text[claim.start : claim.end] == claim.text


@dataclass(frozen=True)
class ClaimDisplay:
    """What a brief shows for one claim."""

    text: str
    is_quote: bool  # shown in quotation marks as the source's own words
    verbatim: bool  # the claim's text still matches the source span
    paraphrased: bool  # the analyst's paraphrase/translation is shown


def claim_display(claim: Claim, article: Article | None, template: Template) -> ClaimDisplay:
    """The text to show for a claim under ``template``.

    ``claims.text == "quote"`` shows the verbatim quote in quotation marks - but only while it
    matches its source; an edited quote is shown as paraphrase (no quotation marks). With
    ``"paraphrase"`` the analyst's paraphrase is shown when there is one, else the source's
    sentence as running text.
    """
    verbatim = quote_is_verbatim(claim, article)
    if template.claims.text == "paraphrase" and claim.paraphrase:
        return ClaimDisplay(claim.paraphrase, False, verbatim, True)
    if template.claims.text == "quote" and verbatim:
        return ClaimDisplay(claim.text, True, True, False)
    return ClaimDisplay(claim.paraphrase or claim.text, False, verbatim, bool(claim.paraphrase))


# --------------------------------------------------------------------------- building


def sections_from_template(template: Template) -> list[BriefSection]:
    return [BriefSection(id=s.id, title=s.title) for s in template.sections]


def _in_heading(claim: Claim, articles: dict[str, Article]) -> bool:
    article = articles.get(claim.source_id)
    if article is None or claim.manual:
        return False
    _n, para = article.paragraph_at(claim.start)
    return bool(para and para.heading)


def select_claims(claims: list[Claim], select: str | None,
                  articles: Iterable[Article] | None = None) -> list[Claim]:
    """``all`` (default), ``reported``, or a comma-separated list of claim ids.

    With ``articles``, ``all`` and ``reported`` leave out sentences of headings (the headline
    is the source's title, already in its citation, not a claim); ids select exactly."""
    by_source = {a.source.id: a for a in articles or ()}
    if select is None or select == "all":
        return [c for c in claims if not _in_heading(c, by_source)]
    if select == "reported":
        return [c for c in claims if c.stance == "reported" and not _in_heading(c, by_source)]
    wanted = [s.strip() for s in select.split(",") if s.strip()]
    if not wanted:
        raise BriefingError("no claim ids given (use all, reported or ID,ID,...)", "--select")
    by_id = {c.id: c for c in claims}
    unknown = [w for w in wanted if w not in by_id]
    if unknown:
        raise BriefingError(f"unknown claim id {', '.join(unknown)}", "--select")
    return [by_id[w] for w in wanted]


def claims_section_index(template: Template) -> int | None:
    """Index of the section new claims go to: the first ``claims`` section (else the first one)."""
    for i, s in enumerate(template.sections):
        if s.kind == "claims":
            return i
    return 0 if template.sections else None


def source_label(articles: list[Article], lang: str = "en") -> str:
    """What ``{source}`` means outside a claim: the publishers (or titles) of the brief's articles.

    Long labels (several headlines) name the first and count the rest, so that a title made
    from ``{source}`` stays a title."""
    names: list[str] = []
    for a in articles:
        n = a.source.publisher or a.source.title or a.source.file_name
        if n and n not in names:
            names.append(n)
    label = "; ".join(names[:3]) + (" …" if len(names) > 3 else "")
    if len(names) > 1 and len(label) > 70:
        more = len(names) - 1
        label = names[0] + (f" und {more} weitere" if lang.startswith("de") else f" and {more} more")
    return label


def placeholder_values(project: Project, lang: str | None = None) -> dict[str, str]:
    from .citations import format_date

    b = project.brief
    lang = lang or (project.template.language if project.template else "en")
    return {
        "title": b.title,
        "date": format_date(b.date, lang) if b.date else "",
        "author": b.author,
        "organisation": b.organisation,
        "source": source_label(project.articles, lang),
    }


def new_project(
    articles: Iterable[Article],
    claims: list[Claim],
    template: Template,
    *,
    selected: list[Claim] | None = None,
    title: str | None = None,
    author: str | None = None,
    date: _dt.date | None = None,
    organisation: str | None = None,
) -> Project:
    from .templates import fill_placeholders

    articles = list(articles)
    selected = list(claims) if selected is None else selected
    chosen = {c.id for c in selected}
    for c in claims:
        c.included = c.id in chosen
    sections = sections_from_template(template)
    idx = claims_section_index(template)
    if idx is not None:
        sections[idx].items = [ClaimItem(claim_id=c.id) for c in selected]
    brief = Brief(title="", author=author or "", organisation=organisation or "", date=date or _dt.date.today(),
                  sections=sections, classification=template.classification)
    project = Project(articles=articles, claims=claims, brief=brief, template=template)
    if title is None:
        if template.default_title:
            title = fill_placeholders(template.default_title, placeholder_values(project)).strip()
        elif len(articles) == 1 and articles[0].source.title:
            title = articles[0].source.title
    brief.title = title or "Brief"
    return project


# --------------------------------------------------------------------------- editing


def add_claim(project: Project, claim_id: str, section_id: str | None = None, index: int | None = None) -> None:
    """Put a claim into a section (the first claims section by default); moves it if already used.

    The same edit the application makes, without an undo stack (see :mod:`briefing.commands`)."""
    from .commands import AddClaimsToSection, default_section_id

    target = section_id or default_section_id(project)
    if target is None:
        raise BriefingError("the brief has no sections")
    AddClaimsToSection(target, [claim_id], index).apply(project)


def remove_claim(project: Project, claim_id: str) -> None:
    from .commands import _remove_placements

    _remove_placements(project, {claim_id})


def add_text(project: Project, section_id: str, text: str, index: int | None = None) -> None:
    """Add one of the analyst's own paragraphs (a judgment) to a section."""
    from .commands import AddText

    AddText(section_id, text, index).apply(project)


# --------------------------------------------------------------------------- templates and layout


def _infer_kind(section: BriefSection) -> str:
    return "claims" if any(isinstance(i, ClaimItem) for i in section.items) else "text"


def apply_template(project: Project, template: Template) -> None:
    """Switch the project to ``template``, keeping every item of the brief.

    Sections the new template also has (same id, or the same title) keep their items; items of
    sections it lacks go to its first claims section, in their order.
    """
    old = {s.id: s for s in project.brief.sections}
    by_title = {s.title.casefold(): s for s in project.brief.sections}
    new_sections = []
    used: set[str] = set()
    for ts in template.sections:
        src = old.get(ts.id) or by_title.get(ts.title.casefold())
        if src is not None and src.id not in used:
            used.add(src.id)
            new_sections.append(BriefSection(id=ts.id, title=ts.title, items=list(src.items)))
        else:
            new_sections.append(BriefSection(id=ts.id, title=ts.title))
    leftovers = [i for s in project.brief.sections if s.id not in used for i in s.items]
    if leftovers and new_sections:
        idx = claims_section_index(template) or 0
        new_sections[idx].items.extend(leftovers)
    project.brief.sections = new_sections
    project.template = template


def layout_template(project: Project, template: Template | None = None) -> Template:
    """The template as this brief is laid out: the brief's section order and titles win.

    Sections only the brief has become sections of the result (kind ``claims`` when they hold
    claims, else ``text``); template sections the brief lacks (e.g. the source list) keep
    their place after the section they follow in the template.
    """
    template = template or project.template
    if template is None:
        from .templates import get_template

        template = get_template(None)
    tsecs = {s.id: s for s in template.sections}
    brief_ids = [s.id for s in project.brief.sections]
    if not brief_ids:
        return template
    result: list[TemplateSection] = []
    for bs in project.brief.sections:
        ts = tsecs.get(bs.id)
        if ts is None:
            ts = TemplateSection(id=bs.id if _valid_id(bs.id) else f"section-{len(result) + 1}",
                                 title=bs.title[:200] or bs.id, kind=_infer_kind(bs))
        elif bs.title and bs.title != ts.title:
            ts = ts.model_copy(update={"title": bs.title[:200]})
        result.append(ts)
    # template-only sections: after their predecessor in template order
    for pos, ts in enumerate(template.sections):
        if ts.id in brief_ids:
            continue
        prev = next((template.sections[j].id for j in range(pos - 1, -1, -1)
                     if any(r.id == template.sections[j].id for r in result)), None)
        at = 0 if prev is None else next(k for k, r in enumerate(result) if r.id == prev) + 1
        result.insert(at, ts)
    out = template.model_copy(update={"sections": result})
    out._origin = template._origin
    return out


def _valid_id(value: str) -> bool:
    import re

    return bool(re.match(r"^[a-z0-9][a-z0-9_-]*$", value)) and len(value) <= 64


def prepare_export(project: Project) -> Project:
    """A copy of ``project`` for ``compose``: the brief's layout, placeholders filled in.

    ``{source}`` in the attribution phrases is left for ``compose`` (it means the claim's
    source there); everywhere else it is the brief's sources.

    Only what changes is new (the brief's header fields and section list, the template); the
    articles and claims are shared with ``project``, read-only for ``compose`` (a deep copy of
    hundreds of claims and their article texts cost more than all the rest of the export's
    preparation).
    """
    from .templates import fill_placeholders

    template = layout_template(project)
    values = placeholder_values(project, template.language)
    sections = [s.model_copy(update={"title": fill_placeholders(s.title, values),
                                     "guidance": fill_placeholders(s.guidance, values)})
                for s in template.sections]
    update = {"sections": sections, "description": fill_placeholders(template.description, values)}
    if template.classification:
        update["classification"] = fill_placeholders(template.classification, values)
    origin = template._origin
    template = template.model_copy(update=update)
    template._origin = origin
    brief = project.brief
    brief_update: dict = {"sections": [s.model_copy(update={"title": fill_placeholders(s.title, values)})
                                       for s in brief.sections]}
    if brief.classification:
        brief_update["classification"] = fill_placeholders(brief.classification, values)
    return project.model_copy(update={"brief": brief.model_copy(update=brief_update), "template": template})
