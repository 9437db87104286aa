"""Brief + template -> Document (the format-neutral tree both renderers consume)."""
from __future__ import annotations

import datetime as _dt
import os
import re

from . import citations
from .document import Document, Heading, ListBlock, Note, NoteRef, PageSetup, Paragraph, Run, Table
from .model import Claim, ClaimItem, Project, Source, Template, TemplateSection, TextItem

_LABELS = {
    "en": {"notes": "Notes", "page": "Page {page} of {pages}", "date": "Date", "author": "Author",
           "organisation": "Organisation", "distribution": "Distribution", "empty": "(no entries)",
           "figure": "Figure", "statement": "Statement", "source": "Source", "reported": "reported",
           "hedged": "hedged", "asserted": "stated", "grade": "grade", "unknown_source": "Unknown source"},
    "de": {"notes": "Anmerkungen", "page": "Seite {page} von {pages}", "date": "Datum", "author": "Verfasser",
           "organisation": "Organisation", "distribution": "Verteiler", "empty": "(keine Einträge)",
           "figure": "Zahl", "statement": "Aussage", "source": "Quelle", "reported": "berichtet",
           "hedged": "vorbehaltlich", "asserted": "festgestellt", "grade": "Bewertung",
           "unknown_source": "Unbekannte Quelle"},
}

_LOWER_FIRST = {"the", "a", "an", "this", "these", "those", "it", "its", "they", "there", "some", "several",
                "many", "most", "all", "one", "two", "three", "engineers", "officials", "prices", "demand"}


def labels(lang: str) -> dict[str, str]:
    return _LABELS.get(lang, _LABELS["en"])


def document_timestamp(date: _dt.date | None) -> _dt.datetime:
    """The only time written into output files: SOURCE_DATE_EPOCH, else the brief's date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return _dt.datetime.fromtimestamp(int(epoch), tz=_dt.timezone.utc)
    if date is not None:
        return _dt.datetime(date.year, date.month, date.day, tzinfo=_dt.timezone.utc)
    return _dt.datetime(2000, 1, 1, tzinfo=_dt.timezone.utc)


def _claim_source_name(claim: Claim) -> str | None:
    att = claim.attribution
    if att and (att.normalized or att.source):
        return att.normalized or att.source
    return None


def claim_text(claim: Claim, template: Template) -> str:
    if template.claims.text == "paraphrase" and claim.paraphrase:
        return claim.paraphrase
    return claim.text


def style_base_data(template: Template) -> tuple[bytes | None, list[str]]:
    """The cleaned bytes of the template's Word style base and warnings about it.

    A style base that cannot be found (e.g. a template read from a project file on another
    machine) is a warning, not a failure: the brief is written with the built-in look."""
    if not template.style_base:
        return None, []
    from .templates import read_style_base

    result = read_style_base(template)
    if result is None:
        return None, [f"{template.style_base}: style base not found next to the template; "
                      "using the built-in look"]
    return result.data, list(result.warnings)


class _Composer:
    def __init__(self, project: Project, template: Template):
        self.project = project
        self.template = template
        self.lang = "de" if template.language.startswith("de") else "en"
        self.lab = labels(self.lang)
        self.claims = project.claim_by_id()
        self.sources: dict[str, Source] = {a.source.id: a.source for a in project.articles}
        self.citer = citations.Citer(template.citation.style, self.lang, list(self.sources.values()))
        self.mode = template.citation.mode
        self.used_sources: list[str] = []
        self.doc: Document | None = None

    # ---------------------------------------------------------------- claims
    def _attribution_run(self, claim: Claim, text: str) -> tuple[str, str]:
        """(phrase, text): the template's in-text attribution for a reported claim."""
        who = _claim_source_name(claim)
        if not who or claim.stance != "reported":
            return "", text
        words = (claim.attribution.source or who) if claim.attribution else who
        if words.lower() in text.lower() or who.lower() in text.lower():
            return "", text  # the sentence already names its source
        phrase = self.template.claims.attribution.get(self.lang) or self.template.claims.attribution.get("en", "")
        if not phrase:
            return "", text
        phrase = phrase.replace("{source}", who)
        if phrase.rstrip().endswith(","):
            first = text.split(" ", 1)[0]
            if first.lower() in _LOWER_FIRST:
                text = text[0].lower() + text[1:]
            return phrase if phrase.endswith(" ") else phrase + " ", text
        return phrase.rstrip() + ": ", text

    def claim_paragraph(self, claim: Claim) -> Paragraph:
        doc = self.doc
        text = claim_text(claim, self.template)
        if self.template.claims.text == "quote" and text[:1] not in "„“\"«":
            q = ("„", "“") if self.lang == "de" else ("“", "”")
            text = f"{q[0]}{text}{q[1]}"
        phrase, text = self._attribution_run(claim, text)
        content: list = []
        if phrase:
            content.append(Run(phrase, italic=False))
        extras = []
        if self.template.claims.show_stance:
            extras.append(self.lab[claim.stance])
        if self.template.claims.show_grade and (claim.reliability or claim.credibility):
            extras.append(f"{claim.reliability or '?'}{claim.credibility or '?'}")
        src = self.sources.get(claim.source_id)
        if src is not None and src.id not in self.used_sources:
            self.used_sources.append(src.id)
        if self.mode == "author-date":
            cite = self.citer.in_text(src, claim)
            m = re.search(r"([.!?]['\"“”»]?)$", text)
            if m and not m.group(1).startswith(("“", "”")):
                text = text[: m.start()] + f" {cite}" + m.group(1)
            else:
                text = f"{text} {cite}"
            content.append(Run(text))
            if extras:
                content.append(Run(f" [{', '.join(extras)}]", italic=True))
            return Paragraph(content, style="body")
        content.append(Run(text))
        if extras:
            content.append(Run(f" [{', '.join(extras)}]", italic=True))
        chain = citations.attribution_phrase(claim.attribution, self.lang) if claim.stance == "reported" else ""
        note = Note(number=len(doc.notes) + 1, runs=[], source_id=src.id if src else None)
        note_text = self.citer.note(src, claim, chain)
        note.runs = _link_runs(note_text, src.url if src else None)
        doc.notes.append(note)
        content.append(NoteRef(note))
        return Paragraph(content, style="body")

    # ---------------------------------------------------------------- sections
    def items_of(self, tsec: TemplateSection):
        bsec = next((s for s in self.project.brief.sections if s.id == tsec.id), None)
        return bsec.items if bsec else []

    def section(self, tsec: TemplateSection) -> None:
        doc = self.doc
        doc.blocks.append(Heading(tsec.title, level=1, anchor=f"sec-{tsec.id}"))
        if tsec.kind == "sources":
            doc.blocks.append(_SourcesMarker())
            return
        items = self.items_of(tsec)
        if tsec.kind == "key_figures":
            self.key_figures(items)
            return
        if tsec.group_by_source:
            self.grouped(items, tsec)
            return
        self.flow(items, tsec)

    def flow(self, items, tsec: TemplateSection) -> None:
        doc = self.doc
        bullets: list[Paragraph] = []
        text_style = "bottom_line" if tsec.kind == "bottom_line" else "judgment"
        as_list = self.template.claims.style == "bullet" and tsec.kind != "bottom_line"
        for item in items:
            if isinstance(item, TextItem):
                if bullets:
                    doc.blocks.append(ListBlock(bullets))
                    bullets = []
                for chunk in (c.strip() for c in item.text.split("\n\n")):
                    if chunk:
                        doc.blocks.append(Paragraph([Run(" ".join(chunk.split()))], style=text_style))
                continue
            claim = self.claims.get(item.claim_id)
            if claim is None:
                continue
            para = self.claim_paragraph(claim)
            if as_list:
                bullets.append(para)
            else:
                doc.blocks.append(para)
        if bullets:
            doc.blocks.append(ListBlock(bullets))

    def grouped(self, items, tsec: TemplateSection) -> None:
        order: list[str] = []
        groups: dict[str, list] = {}
        for item in items:
            key = ""
            if isinstance(item, ClaimItem):
                claim = self.claims.get(item.claim_id)
                if claim is None:
                    continue
                key = claim.source_id
            if key not in groups:
                order.append(key)
                groups[key] = []
            groups[key].append(item)
        for key in order:
            src = self.sources.get(key)
            if key:
                name = (src.title or src.publisher) if src else self.lab["unknown_source"]
                if src and src.publisher and src.title:
                    name = f"{src.publisher}: {src.title}"
                self.doc.blocks.append(Heading(name or self.lab["unknown_source"], level=2))
            self.flow(groups[key], tsec)

    def key_figures(self, items) -> None:
        doc = self.doc
        for item in items:
            if isinstance(item, TextItem) and item.text.strip():
                doc.blocks.append(Paragraph([Run(" ".join(item.text.split()))], style="judgment"))
        ids = [i.claim_id for i in items if isinstance(i, ClaimItem)]
        if not ids:  # no claims placed here: the figures of every claim in the brief
            ids = self.project.brief.claim_ids()
        rows = []
        seen = set()
        for cid in ids:
            claim = self.claims.get(cid)
            if claim is None or cid in seen:
                continue
            seen.add(cid)
            src = self.sources.get(claim.source_id)
            if src is not None and src.id not in self.used_sources:
                self.used_sources.append(src.id)
            who = self.citer._who(src) if src else ""
            where = ", ".join(p for p in (who or (src.title if src else ""), citations.locator(claim, self.lang)) if p)
            for fig in claim.figures:
                if fig.kind == "number":
                    rows.append([fig.text, _shorten(claim_text(claim, self.template), 110), where])
        if rows:
            doc.blocks.append(Table([self.lab["figure"], self.lab["statement"], self.lab["source"]], rows,
                                    widths=[1.2, 4.0, 1.8]))
        else:
            doc.blocks.append(Paragraph([Run(self.lab["empty"])], style="small"))

    def sources_list(self) -> list[Paragraph]:
        entries = self.citer.bibliography(self.used_sources)
        out = []
        for sid, text in zip(self._bib_ids(), entries):
            src = self.sources.get(sid)
            out.append(Paragraph(_link_runs(text, src.url if src else None), style="source_entry"))
        return out or [Paragraph([Run(self.lab["empty"])], style="small")]

    def _bib_ids(self) -> list[str]:
        # the same order Citer.bibliography uses
        ids = [s for s in self.used_sources if s in self.sources]
        sort = self.citer.style.root.bibliography is not None and self.citer.style.root.bibliography.find(
            "{http://purl.org/net/xbiblio/csl}sort") is not None
        return sorted(ids, key=self.citer._sort_key) if sort else ids


class _SourcesMarker:
    """Where the source list goes; replaced once every claim has been cited."""


def _shorten(text: str, n: int) -> str:
    text = " ".join(text.split())
    if len(text) <= n:
        return text
    cut = text[:n].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + " …"


def _link_runs(text: str, url: str | None) -> list[Run]:
    """Split ``text`` so that the URL in it becomes a link run."""
    if not url or url not in text:
        return [Run(text)]
    before, after = text.split(url, 1)
    runs = [Run(before)] if before else []
    runs.append(Run(url, link=url))
    if after:
        runs.append(Run(after))
    return runs


def compose(project: Project, template: Template | None = None) -> Document:
    template = template or project.template
    if template is None:
        raise ValueError("project has no template")
    c = _Composer(project, template)
    lang, lab, brief = c.lang, c.lab, project.brief
    page = PageSetup(
        size=template.page.size,
        margins_mm=(template.page.margin_top_mm, template.page.margin_right_mm,
                    template.page.margin_bottom_mm, template.page.margin_left_mm),
    )
    doc = Document(
        title=brief.title or "Brief",
        language=lang,
        author=brief.author or brief.organisation,
        subject=brief.subtitle or template.description,
        keywords=[template.name],
        banner=brief.classification or template.classification,
        page=page,
        body_font=template.fonts.body,
        heading_font=template.fonts.headings,
        font_size=template.fonts.size_pt,
        notes_mode={"footnotes": "footnotes", "endnotes": "endnotes"}.get(template.citation.mode, "none"),
        notes_heading=lab["notes"],
        page_label=lab["page"],
        date=brief.date.isoformat() if brief.date else None,
        timestamp=document_timestamp(brief.date),
        style_base=template.style_base,
    )
    doc.style_base_data, doc.warnings = style_base_data(template)
    c.doc = doc
    doc.blocks.append(Heading(doc.title, level=0, anchor="title"))
    if brief.subtitle and "subtitle" in template.title_fields:
        doc.blocks.append(Paragraph([Run(brief.subtitle)], style="subtitle"))
    meta: list[str] = []
    if brief.date and "date" in template.title_fields:
        meta.append(f"{lab['date']}: {citations.format_date(brief.date, lang)}")
    for key in ("author", "organisation", "distribution"):
        value = getattr(brief, key)
        if value and key in template.title_fields:
            meta.append(f"{lab[key]}: {value}")
    if meta:
        doc.blocks.append(Paragraph([Run(" · ".join(meta))], style="meta"))
    for tsec in template.sections:
        c.section(tsec)
    blocks = []
    for b in doc.blocks:
        blocks.extend(c.sources_list() if isinstance(b, _SourcesMarker) else [b])
    doc.blocks = blocks
    return doc
