"""Brief + template -> Document (the format-neutral tree both renderers consume)."""
from __future__ import annotations

from . import citations
from .document import Document, Heading, ListBlock, Note, NoteRef, PageSetup, Paragraph, Run, Table
from .model import Claim, ClaimItem, Project, Template, TextItem

_LABELS = {
    "en": {"notes": "Notes", "page": "Page {page} of {pages}", "date": "Date", "author": "Author",
           "organisation": "Organisation", "distribution": "Distribution", "empty": "(no entries)"},
    "de": {"notes": "Anmerkungen", "page": "Seite {page} von {pages}", "date": "Datum", "author": "Verfasser",
           "organisation": "Organisation", "distribution": "Verteiler", "empty": "(keine Einträge)"},
}


def labels(lang: str) -> dict[str, str]:
    return _LABELS.get(lang, _LABELS["en"])


def _claim_source_name(claim: Claim, project: Project) -> str | None:
    att = claim.attribution
    if att and (att.normalized or att.source):
        return att.normalized or att.source
    return None


def claim_text(claim: Claim, template: Template) -> str:
    if template.claims.text == "paraphrase" and claim.paraphrase:
        return claim.paraphrase
    return claim.text


def compose(project: Project, template: Template | None = None) -> Document:
    template = template or project.template
    if template is None:
        raise ValueError("project has no template")
    lang = template.language
    lab = labels(lang)
    brief = project.brief
    page = PageSetup(
        size=template.page.size,
        margins_mm=(template.page.margin_top_mm, template.page.margin_right_mm,
                    template.page.margin_bottom_mm, template.page.margin_left_mm),
    )
    doc = Document(
        title=brief.title or "Brief",
        language=lang,
        author=brief.author,
        subject=brief.subtitle or template.description,
        banner=brief.classification or template.classification,
        page=page,
        body_font=template.fonts.body,
        heading_font=template.fonts.headings,
        font_size=template.fonts.size_pt,
        notes_mode="endnotes" if template.citation.mode == "endnotes" else "footnotes",
        notes_heading=lab["notes"],
        page_label=lab["page"],
        date=brief.date.isoformat() if brief.date else None,
    )
    doc.blocks.append(Heading(doc.title, level=0))
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

    claims = project.claim_by_id()
    used_sources: list[str] = []
    sections_by_id = {s.id: s for s in brief.sections}
    for tsec in template.sections:
        bsec = sections_by_id.get(tsec.id)
        doc.blocks.append(Heading(tsec.title, level=1, anchor=tsec.id))
        if tsec.kind == "sources":
            continue  # filled after all claims are known
        items = bsec.items if bsec else []
        bullets: list[Paragraph] = []
        for item in items:
            if isinstance(item, TextItem):
                if bullets:
                    doc.blocks.append(ListBlock(bullets))
                    bullets = []
                if item.text.strip():
                    doc.blocks.append(Paragraph([Run(item.text)], style="judgment"))
                continue
            assert isinstance(item, ClaimItem)
            claim = claims.get(item.claim_id)
            if claim is None:
                continue
            article = project.article_for(claim)
            if article and article.source.id not in used_sources:
                used_sources.append(article.source.id)
            note = Note(number=len(doc.notes) + 1, runs=[Run(citations.note_text(article, claim, lang))])
            doc.notes.append(note)
            content: list = []
            who = _claim_source_name(claim, project)
            if who and claim.stance == "reported":
                phrase = template.claims.attribution.get(lang) or template.claims.attribution.get("en", "")
                if phrase:
                    content.append(Run(phrase.replace("{source}", who)))
            text = claim_text(claim, template)
            if template.claims.text == "quote" or not claim.paraphrase:
                q = ("„", "“") if lang == "de" else ("“", "”")
                text = f"{q[0]}{text}{q[1]}" if template.claims.text == "quote" else text
            content.append(Run(text))
            content.append(NoteRef(note))
            para = Paragraph(content, style="body")
            if template.claims.style == "bullet":
                bullets.append(para)
            else:
                doc.blocks.append(para)
        if bullets:
            doc.blocks.append(ListBlock(bullets))
        if tsec.kind == "key_figures":
            rows = [[f.text, claims[i.claim_id].text[:80]] for i in items if isinstance(i, ClaimItem)
                    and i.claim_id in claims for f in claims[i.claim_id].figures]
            if rows:
                doc.blocks.append(Table(["Figure", "Claim"], rows))
    # source list
    for idx, block in enumerate(list(doc.blocks)):
        if isinstance(block, Heading) and block.anchor and any(
            t.id == block.anchor and t.kind == "sources" for t in template.sections
        ):
            entries = []
            for sid in used_sources:
                art = next((a for a in project.articles if a.source.id == sid), None)
                if art:
                    entries.append(Paragraph([Run(citations.source_entry(art.source, lang))], style="source_entry"))
            pos = doc.blocks.index(block) + 1
            doc.blocks[pos:pos] = entries or [Paragraph([Run(lab["empty"])], style="small")]
            break
    return doc
