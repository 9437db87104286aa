"""Every edit of a project as a named command with ``apply`` and ``revert``.

The GUI wraps each command in a ``QUndoCommand`` on one undo stack; tests and scripts call
``apply``/``revert`` directly. A command mutates the project it is given and remembers
exactly what it needs to undo itself, so ``apply`` then ``revert`` leaves the project as it
was (the tests check this by comparing dumps). Commands never do I/O.

Each command reports what it touched in :attr:`Command.scope` (``claims``: fields of the
claims in :attr:`Command.claim_ids`; ``claim_list``: claims added or removed; ``brief``: the
outline; ``sources``: source metadata; ``articles``: articles added or removed), so a view
refreshes only what changed.
"""
from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from typing import Any

from .errors import BriefingError
from .model import (Article, Brief, BriefSection, Claim, ClaimItem, Item, Project, Source, Template,
                    TextItem)


class CommandError(BriefingError):
    """A command cannot be applied to this project (unknown id, bad range)."""


class Command:
    """Base class: subclasses implement :meth:`apply` and :meth:`revert`."""

    name = "Edit"
    scope: frozenset[str] = frozenset()

    def __init__(self) -> None:
        self.claim_ids: list[str] = []

    def apply(self, project: Project) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def revert(self, project: Project) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def merge(self, other: Command) -> bool:
        """Absorb ``other`` (applied right after this one) if both are one logical edit."""
        return False


# --------------------------------------------------------------------------- helpers


def _claim(project: Project, claim_id: str) -> Claim:
    for c in project.claims:
        if c.id == claim_id:
            return c
    raise CommandError(f"unknown claim {claim_id}")


def _section(project: Project, section_id: str) -> BriefSection:
    for s in project.brief.sections:
        if s.id == section_id:
            return s
    raise CommandError(f"unknown section {section_id}")


def _article(project: Project, source_id: str) -> Article:
    for a in project.articles:
        if a.source.id == source_id:
            return a
    raise CommandError(f"unknown source {source_id}")


def _placements(project: Project, claim_id: str) -> list[tuple[str, int]]:
    return [
        (s.id, i)
        for s in project.brief.sections
        for i, item in enumerate(s.items)
        if isinstance(item, ClaimItem) and item.claim_id == claim_id
    ]


def _remove_placements(project: Project, claim_ids: set[str]) -> list[tuple[str, int, Item]]:
    """Remove every brief item pointing at ``claim_ids``; returns what was removed, in order."""
    removed: list[tuple[str, int, Item]] = []
    for s in project.brief.sections:
        kept: list[Item] = []
        for i, item in enumerate(s.items):
            if isinstance(item, ClaimItem) and item.claim_id in claim_ids:
                removed.append((s.id, i, item))
            else:
                kept.append(item)
        if len(kept) != len(s.items):
            s.items = kept
    return removed


def _restore_placements(project: Project, removed: list[tuple[str, int, Item]]) -> None:
    # original indices, ascending per section: inserting in that order restores the list
    for sid, index, item in removed:
        sec = _section(project, sid)
        items = list(sec.items)
        items.insert(index, item)
        sec.items = items


def default_section_id(project: Project) -> str | None:
    """The section where a newly ticked claim goes: the template's first ``claims`` section."""
    kinds = {}
    if project.template:
        kinds = {t.id: t.kind for t in project.template.sections}
    for s in project.brief.sections:
        if kinds.get(s.id, "claims") == "claims":
            return s.id
    return project.brief.sections[0].id if project.brief.sections else None


def next_claim_id(project: Project, source_id: str, tag: str = "m") -> str:
    used = {c.id for c in project.claims}
    n = 1
    while f"{source_id}{tag}{n}" in used:
        n += 1
    return f"{source_id}{tag}{n}"


def next_source_id(project: Project) -> str:
    used = {a.source.id for a in project.articles}
    n = 1
    while f"s{n}" in used:
        n += 1
    return f"s{n}"


def _insert_claim_sorted(project: Project, claim: Claim) -> None:
    claims = project.claims
    pos = len(claims)
    for i, c in enumerate(claims):
        if c.source_id == claim.source_id and c.start > claim.start:
            pos = i
            break
    else:
        last = [i for i, c in enumerate(claims) if c.source_id == claim.source_id]
        if last:
            pos = last[-1] + 1
    claims.insert(pos, claim)


# --------------------------------------------------------------------------- articles


class AddArticle(Command):
    """Add an imported article and its claims (the source id must be unused)."""

    name = "Import article"
    scope = frozenset({"articles", "claim_list", "sources", "brief"})

    def __init__(self, article: Article, claims: list[Claim], *, set_title: bool = True):
        super().__init__()
        self.article = article
        self.claims = list(claims)
        self.set_title = set_title
        self._old_title: str | None = None

    def apply(self, project: Project) -> None:
        sid = self.article.source.id
        if any(a.source.id == sid for a in project.articles):
            raise CommandError(f"source id {sid} is already used")
        project.articles.append(self.article)
        project.claims.extend(self.claims)
        self._old_title = None
        if self.set_title and not project.brief.title and self.article.source.title:
            self._old_title = project.brief.title
            project.brief.title = self.article.source.title
        self.claim_ids = [c.id for c in self.claims]

    def revert(self, project: Project) -> None:
        sid = self.article.source.id
        ids = {c.id for c in self.claims}
        project.claims[:] = [c for c in project.claims if c.id not in ids]
        project.articles[:] = [a for a in project.articles if a.source.id != sid]
        if self._old_title is not None:
            project.brief.title = self._old_title


class EditSource(Command):
    """Change source metadata fields (title, publisher, author, published, url, language …)."""

    name = "Edit source"
    scope = frozenset({"sources"})

    def __init__(self, source_id: str, **fields: Any):
        super().__init__()
        unknown = set(fields) - set(Source.model_fields) - {"id"}
        if unknown or "id" in fields:
            raise CommandError(f"cannot edit source field {', '.join(sorted(unknown or {'id'}))}")
        self.source_id = source_id
        self.fields = fields
        self._old: dict[str, Any] = {}

    def apply(self, project: Project) -> None:
        src = _article(project, self.source_id).source
        self._old = {k: getattr(src, k) for k in self.fields}
        try:
            for k, v in self.fields.items():
                setattr(src, k, v)
        except ValueError as exc:
            for k, v in self._old.items():
                setattr(src, k, v)
            raise CommandError(f"invalid source metadata: {exc.__class__.__name__}") from None

    def revert(self, project: Project) -> None:
        src = _article(project, self.source_id).source
        for k, v in self._old.items():
            setattr(src, k, v)

    def merge(self, other: Command) -> bool:
        if isinstance(other, EditSource) and other.source_id == self.source_id and set(other.fields) == set(
            self.fields
        ):
            self.fields = dict(other.fields)
            return True
        return False


class EditBrief(Command):
    """Change the brief's title block (title, subtitle, author, organisation, date …)."""

    name = "Edit brief details"
    scope = frozenset({"brief"})
    FIELDS = ("title", "subtitle", "author", "organisation", "distribution", "date", "classification")

    def __init__(self, **fields: Any):
        super().__init__()
        bad = set(fields) - set(self.FIELDS)
        if bad:
            raise CommandError(f"cannot edit brief field {', '.join(sorted(bad))}")
        self.fields = fields
        self._old: dict[str, Any] = {}

    def apply(self, project: Project) -> None:
        self._old = {k: getattr(project.brief, k) for k in self.fields}
        for k, v in self.fields.items():
            setattr(project.brief, k, v)

    def revert(self, project: Project) -> None:
        for k, v in self._old.items():
            setattr(project.brief, k, v)

    def merge(self, other: Command) -> bool:
        if isinstance(other, EditBrief) and set(other.fields) == set(self.fields):
            self.fields = dict(other.fields)
            return True
        return False


# --------------------------------------------------------------------------- claims


class SetIncluded(Command):
    """Tick or untick claims. Ticking places an unplaced claim in the default section;
    unticking takes it out of the brief."""

    scope = frozenset({"claims", "brief"})

    def __init__(self, claim_ids: Iterable[str], included: bool, *, section_id: str | None = None):
        super().__init__()
        self.claim_ids = list(dict.fromkeys(claim_ids))
        self.included = included
        self.section_id = section_id
        self.name = "Include claims" if included else "Exclude claims"
        self._old: dict[str, bool] = {}
        self._removed: list[tuple[str, int, Item]] = []
        self._added: tuple[str, int] | None = None

    def apply(self, project: Project) -> None:
        claims = [_claim(project, cid) for cid in self.claim_ids]
        self._old = {c.id: c.included for c in claims}
        self._removed, self._added = [], None
        for c in claims:
            c.included = self.included
        if self.included:
            placed = set(project.brief.claim_ids())
            todo = [c.id for c in claims if c.id not in placed]
            sid = self.section_id or default_section_id(project)
            if todo and sid:
                sec = _section(project, sid)
                self._added = (sid, len(todo))
                sec.items = [*sec.items, *(ClaimItem(claim_id=cid) for cid in todo)]
        else:
            self._removed = _remove_placements(project, set(self.claim_ids))

    def revert(self, project: Project) -> None:
        if self._added:
            sid, n = self._added
            sec = _section(project, sid)
            sec.items = sec.items[: len(sec.items) - n]
        _restore_placements(project, self._removed)
        for cid, value in self._old.items():
            _claim(project, cid).included = value


class EditClaim(Command):
    """Edit the analyst's fields of a claim: paraphrase, reliability, credibility, tags, note."""

    scope = frozenset({"claims"})
    FIELDS = ("paraphrase", "reliability", "credibility", "tags", "note", "stance")
    NAMES = {"paraphrase": "Edit paraphrase", "reliability": "Grade claim", "credibility": "Grade claim",
             "tags": "Edit tags", "note": "Edit note", "stance": "Change stance"}

    def __init__(self, claim_id: str, **fields: Any):
        super().__init__()
        bad = set(fields) - set(self.FIELDS)
        if bad or not fields:
            raise CommandError(f"cannot edit claim field {', '.join(sorted(bad)) or '(none)'}")
        self.claim_ids = [claim_id]
        self.fields = dict(fields)
        self.name = self.NAMES[next(iter(fields))]
        self._old: dict[str, Any] = {}

    def apply(self, project: Project) -> None:
        c = _claim(project, self.claim_ids[0])
        self._old = {k: getattr(c, k) for k in self.fields}
        try:
            for k, v in self.fields.items():
                if k == "paraphrase" and v is not None and not v.strip():
                    v = None
                setattr(c, k, v)
        except ValueError:
            for k, v in self._old.items():
                setattr(c, k, v)
            raise CommandError(f"invalid value for {', '.join(self.fields)}") from None

    def revert(self, project: Project) -> None:
        c = _claim(project, self.claim_ids[0])
        for k, v in self._old.items():
            setattr(c, k, v)

    def merge(self, other: Command) -> bool:
        # typing a paraphrase is one edit, not one per keystroke
        if (isinstance(other, EditClaim) and other.claim_ids == self.claim_ids
                and set(other.fields) == set(self.fields) and set(self.fields) <= {"paraphrase", "note", "tags"}):
            self.fields = dict(other.fields)
            return True
        return False


class MakeClaim(Command):
    """Make a claim of a span of an article's text (the analyst's selection)."""

    name = "Make claim"
    scope = frozenset({"claim_list"})

    def __init__(self, source_id: str, start: int, end: int, *, claim_id: str | None = None):
        super().__init__()
        self.source_id = source_id
        self.start, self.end = start, end
        self.claim_id = claim_id
        self.claim: Claim | None = None

    def apply(self, project: Project) -> None:
        art = _article(project, self.source_id)
        text = art.text
        s, e = max(0, self.start), min(len(text), self.end)
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e <= s:
            raise CommandError("the selection is empty")
        if self.claim is None:
            cid = self.claim_id or next_claim_id(project, self.source_id)
            pno, para = art.paragraph_at(s)
            self.claim = Claim(id=cid, source_id=self.source_id, start=s, end=e, text=text[s:e], paragraph=pno,
                               page=para.page if para else None, manual=True)
        if any(c.id == self.claim.id for c in project.claims):
            raise CommandError(f"claim id {self.claim.id} is already used")
        _insert_claim_sorted(project, self.claim)
        self.claim_ids = [self.claim.id]

    def revert(self, project: Project) -> None:
        assert self.claim is not None
        project.claims[:] = [c for c in project.claims if c.id != self.claim.id]


class SplitClaim(Command):
    """Split a claim at an article offset: the first part keeps the id and the analyst's work,
    the second part becomes a new claim placed right after it wherever the first is placed."""

    name = "Split claim"
    scope = frozenset({"claim_list", "brief"})

    def __init__(self, claim_id: str, offset: int):
        super().__init__()
        self.claim_id = claim_id
        self.offset = offset
        self._old: dict[str, Any] = {}
        self.new_claim: Claim | None = None

    def apply(self, project: Project) -> None:
        c = _claim(project, self.claim_id)
        art = _article(project, c.source_id)
        text = art.text
        cut = self.offset
        a_end = cut
        while a_end > c.start and text[a_end - 1].isspace():
            a_end -= 1
        b_start = cut
        while b_start < c.end and text[b_start].isspace():
            b_start += 1
        if not (c.start < a_end and b_start < c.end):
            raise CommandError("split point must lie inside the claim")
        self._old = {"end": c.end, "text": c.text, "figures": list(c.figures)}
        if self.new_claim is None:
            pno, para = art.paragraph_at(b_start)
            self.new_claim = Claim(
                id=next_claim_id(project, c.source_id, "x"), source_id=c.source_id, start=b_start, end=c.end,
                text=text[b_start:c.end], paragraph=pno, page=para.page if para else c.page, stance=c.stance,
                attribution=c.attribution, included=c.included, manual=True,
                figures=[f for f in c.figures if f.start >= b_start],
            )
        c.end = a_end
        c.text = text[c.start:a_end]
        c.figures = [f for f in c.figures if f.end <= a_end]
        project.claims.insert(project.claims.index(c) + 1, self.new_claim)
        for sid, index in reversed(_placements(project, c.id)):
            sec = _section(project, sid)
            items = list(sec.items)
            items.insert(index + 1, ClaimItem(claim_id=self.new_claim.id))
            sec.items = items
        self.claim_ids = [c.id, self.new_claim.id]

    def revert(self, project: Project) -> None:
        assert self.new_claim is not None
        _remove_placements(project, {self.new_claim.id})
        project.claims[:] = [x for x in project.claims if x.id != self.new_claim.id]
        c = _claim(project, self.claim_id)
        for k, v in self._old.items():
            setattr(c, k, v)


class MergeClaims(Command):
    """Merge claims of one source into the first of them (it covers their whole span)."""

    name = "Merge claims"
    scope = frozenset({"claim_list", "brief"})

    def __init__(self, claim_ids: Iterable[str]):
        super().__init__()
        self.claim_ids = list(dict.fromkeys(claim_ids))
        self._old: dict[str, Any] = {}
        self._removed_claims: list[tuple[int, Claim]] = []
        self._removed_items: list[tuple[str, int, Item]] = []

    def apply(self, project: Project) -> None:
        if len(self.claim_ids) < 2:
            raise CommandError("select at least two claims to merge")
        claims = sorted((_claim(project, cid) for cid in self.claim_ids), key=lambda c: c.start)
        if len({c.source_id for c in claims}) != 1:
            raise CommandError("only claims from the same source can be merged")
        keep, rest = claims[0], claims[1:]
        text = _article(project, keep.source_id).text
        self._old = {"end": keep.end, "text": keep.text, "figures": list(keep.figures), "included": keep.included}
        rest_ids = {c.id for c in rest}
        self._removed_items = _remove_placements(project, rest_ids)
        self._removed_claims = [(i, c) for i, c in enumerate(project.claims) if c.id in rest_ids]
        project.claims[:] = [c for c in project.claims if c.id not in rest_ids]
        end = max(c.end for c in claims)
        figures = [f for c in claims for f in c.figures]
        keep.end = end
        keep.text = text[keep.start:end]
        keep.figures = sorted(figures, key=lambda f: f.start)
        keep.included = any(c.included for c in claims)
        self.claim_ids = [keep.id, *[c.id for c in rest]]
        self._keep_id = keep.id

    def revert(self, project: Project) -> None:
        for index, c in self._removed_claims:
            project.claims.insert(index, c)
        _restore_placements(project, self._removed_items)
        keep = _claim(project, self._keep_id)
        for k, v in self._old.items():
            setattr(keep, k, v)


# --------------------------------------------------------------------------- the outline


class AddClaimsToSection(Command):
    """Place claims in a section at ``index`` (end if None); a claim already placed elsewhere
    moves. Placed claims are ticked."""

    name = "Add claims to section"
    scope = frozenset({"claims", "brief"})

    def __init__(self, section_id: str, claim_ids: Iterable[str], index: int | None = None):
        super().__init__()
        self.section_id = section_id
        self.claim_ids = list(dict.fromkeys(claim_ids))
        self.index = index
        self._removed: list[tuple[str, int, Item]] = []
        self._inserted_at = 0
        self._old_included: dict[str, bool] = {}

    def apply(self, project: Project) -> None:
        for cid in self.claim_ids:
            _claim(project, cid)
        sec = _section(project, self.section_id)
        index = len(sec.items) if self.index is None else max(0, min(self.index, len(sec.items)))
        # items before the insertion point that are removed shift the index
        ids = set(self.claim_ids)
        shift = sum(1 for i, it in enumerate(sec.items[:index]) if isinstance(it, ClaimItem) and it.claim_id in ids)
        self._removed = _remove_placements(project, ids)
        index -= shift
        items = list(sec.items)
        items[index:index] = [ClaimItem(claim_id=cid) for cid in self.claim_ids]
        sec.items = items
        self._inserted_at = index
        self._old_included = {}
        for cid in self.claim_ids:
            c = _claim(project, cid)
            self._old_included[cid] = c.included
            c.included = True

    def revert(self, project: Project) -> None:
        sec = _section(project, self.section_id)
        items = list(sec.items)
        del items[self._inserted_at:self._inserted_at + len(self.claim_ids)]
        sec.items = items
        _restore_placements(project, self._removed)
        for cid, v in self._old_included.items():
            _claim(project, cid).included = v


class MoveItem(Command):
    """Move one outline item to another position (in the same or another section).

    ``to_index`` is the position in the destination list before the item is taken out."""

    name = "Move item"
    scope = frozenset({"brief"})

    def __init__(self, from_section: str, from_index: int, to_section: str, to_index: int):
        super().__init__()
        self.src = (from_section, from_index)
        self.dst = (to_section, to_index)
        self._final: tuple[str, int] = ("", 0)

    def apply(self, project: Project) -> None:
        src = _section(project, self.src[0])
        dst = _section(project, self.dst[0])
        if not 0 <= self.src[1] < len(src.items):
            raise CommandError("no such item to move")
        items = list(src.items)
        item = items.pop(self.src[1])
        src.items = items
        to = max(0, min(self.dst[1], len(dst.items) + (1 if src is dst else 0)))
        if src is dst and self.src[1] < to:
            to -= 1
        to = min(to, len(dst.items))
        items = list(dst.items)
        items.insert(to, item)
        dst.items = items
        self._final = (dst.id, to)
        if isinstance(item, ClaimItem):
            self.claim_ids = [item.claim_id]

    def revert(self, project: Project) -> None:
        dst = _section(project, self._final[0])
        items = list(dst.items)
        item = items.pop(self._final[1])
        dst.items = items
        src = _section(project, self.src[0])
        items = list(src.items)
        items.insert(self.src[1], item)
        src.items = items


class AddText(Command):
    """Add a paragraph of the analyst's own text to a section."""

    name = "Add own text"
    scope = frozenset({"brief"})

    def __init__(self, section_id: str, text: str = "", index: int | None = None):
        super().__init__()
        self.section_id = section_id
        self.text = text
        self.index = index
        self._at = 0

    def apply(self, project: Project) -> None:
        sec = _section(project, self.section_id)
        at = len(sec.items) if self.index is None else max(0, min(self.index, len(sec.items)))
        items = list(sec.items)
        items.insert(at, TextItem(text=self.text))
        sec.items = items
        self._at = at

    def revert(self, project: Project) -> None:
        sec = _section(project, self.section_id)
        items = list(sec.items)
        del items[self._at]
        sec.items = items

    @property
    def position(self) -> tuple[str, int]:
        return self.section_id, self._at


class EditText(Command):
    """Change the analyst's own text at ``(section_id, index)``."""

    name = "Edit own text"
    scope = frozenset({"brief"})

    def __init__(self, section_id: str, index: int, text: str):
        super().__init__()
        self.section_id, self.index, self.text = section_id, index, text
        self._old = ""

    def _item(self, project: Project) -> TextItem:
        sec = _section(project, self.section_id)
        if not 0 <= self.index < len(sec.items) or not isinstance(sec.items[self.index], TextItem):
            raise CommandError("no own text at this position")
        return sec.items[self.index]

    def apply(self, project: Project) -> None:
        item = self._item(project)
        self._old = item.text
        item.text = self.text

    def revert(self, project: Project) -> None:
        self._item(project).text = self._old

    def merge(self, other: Command) -> bool:
        if isinstance(other, EditText) and (other.section_id, other.index) == (self.section_id, self.index):
            self.text = other.text
            return True
        return False


class RemoveItem(Command):
    """Remove an outline item: own text is deleted, a claim goes back to unticked."""

    name = "Remove from brief"
    scope = frozenset({"brief", "claims"})

    def __init__(self, section_id: str, index: int):
        super().__init__()
        self.section_id, self.index = section_id, index
        self._item: Item | None = None
        self._old_included: bool | None = None

    def apply(self, project: Project) -> None:
        sec = _section(project, self.section_id)
        if not 0 <= self.index < len(sec.items):
            raise CommandError("no such item to remove")
        items = list(sec.items)
        self._item = items.pop(self.index)
        sec.items = items
        self._old_included = None
        self.claim_ids = []
        if isinstance(self._item, ClaimItem):
            cid = self._item.claim_id
            self.claim_ids = [cid]
            if not _placements(project, cid):
                c = _claim(project, cid)
                self._old_included = c.included
                c.included = False

    def revert(self, project: Project) -> None:
        sec = _section(project, self.section_id)
        items = list(sec.items)
        items.insert(self.index, self._item)
        sec.items = items
        if self._old_included is not None:
            _claim(project, self.claim_ids[0]).included = self._old_included


class ApplyTemplate(Command):
    """Give the brief another template: sections with the same id (or title) keep their items;
    items of sections the new template lacks go to its first claims section."""

    name = "Change template"
    scope = frozenset({"brief"})

    def __init__(self, template: Template):
        super().__init__()
        self.template = template
        self._old_template: Template | None = None
        self._old_sections: list[BriefSection] = []
        self._old_classification: str | None = None

    def apply(self, project: Project) -> None:
        from .brief import apply_template  # the one rule for keeping items, shared with the CLI

        self._old_template = project.template
        self._old_sections = project.brief.sections
        self._old_classification = project.brief.classification
        apply_template(project, self.template)
        if self.template.classification and not project.brief.classification:
            project.brief.classification = self.template.classification

    def revert(self, project: Project) -> None:
        project.template = self._old_template
        project.brief.sections = self._old_sections
        project.brief.classification = self._old_classification


def empty_project(template: Template, *, today: _dt.date | None = None) -> Project:
    """A project with no article yet, laid out by ``template``."""
    from .brief import sections_from_template

    sections = sections_from_template(template)
    brief = Brief(date=today or _dt.date.today(), sections=sections, classification=template.classification)
    return Project(brief=brief, template=template)


__all__ = [
    "Command", "CommandError", "AddArticle", "EditSource", "EditBrief", "SetIncluded", "EditClaim",
    "MakeClaim", "SplitClaim", "MergeClaims", "AddClaimsToSection", "MoveItem", "AddText", "EditText",
    "RemoveItem", "ApplyTemplate", "empty_project", "default_section_id", "next_claim_id", "next_source_id",
]
