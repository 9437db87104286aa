"""Brief + template -> Document (the format-neutral tree both renderers consume)."""
from __future__ import annotations

import datetime as _dt
import os
import re
from dataclasses import dataclass

from . import citations
from .document import Document, Heading, ListBlock, Note, NoteRef, PageSetup, Paragraph, Run, Table
from .brief import claim_display
from .model import Article, Claim, ClaimItem, Project, Source, Template, TemplateSection, TextItem

_LABELS = {
    "en": {"notes": "Notes", "page": "Page {page} of {pages}", "date": "Date", "author": "Author",
           "organisation": "Organisation", "distribution": "Distribution", "empty": "(no entries)",
           "figure": "Figure", "statement": "Statement", "source": "Source", "reported": "reported",
           "hedged": "hedged", "asserted": "stated", "grade": "grade", "unknown_source": "Unknown source",
           "original": "Original", "attributed": "source"},
    "de": {"notes": "Anmerkungen", "page": "Seite {page} von {pages}", "date": "Datum", "author": "Verfasser",
           "organisation": "Organisation", "distribution": "Verteiler", "empty": "(keine Einträge)",
           "figure": "Zahl", "statement": "Aussage", "source": "Quelle", "reported": "berichtet",
           "hedged": "vorbehaltlich", "asserted": "festgestellt", "grade": "Bewertung",
           "unknown_source": "Unbekannte Quelle", "original": "Original", "attributed": "Quelle"},
}

# Words that start a sentence but are not names: lower-cased after "According to X, ".
_LOWER_FIRST = {"the", "a", "an", "this", "that", "these", "those", "it", "its", "they", "there", "some", "several",
                "many", "most", "all", "one", "two", "three", "he", "she", "we", "our", "his", "her", "their",
                "in", "on", "at", "by", "for", "from", "after", "before", "since", "until", "while", "when", "if",
                "as", "about", "around", "more", "fewer", "less", "no", "none", "each", "every", "both", "local",
                "engineers", "officials", "prices", "demand", "repairs", "divers", "workers", "residents"}

# Quotation marks: (open, close, nested open, nested close) in the brief's language.
_QUOTES = {"de": ("„", "“", "‚", "‘"), "en": ("“", "”", "‘", "’")}
_QUOTED = re.compile(r"„([^“”\"„]*)[“”\"]|“([^”“]*)”|\"([^\"]*)\"|»([^«»]*)«|«([^«»]*)»")
_END = re.compile(r"([.!?…]+)([“”\"’‘«»]?)$")

# A sentence that carries its own attribution or hearsay cue needs no phrase in front of it.
_OWN_CUES = {
    "en": r"according to|reportedly|allegedly|purportedly|said|says|told|claimed|claims|stated|reported|"
          r"quoted|cited|is said to|are said to|was said to|were said to|sources",
    "de": r"laut|zufolge|nach angaben|angeblich|soll|sollen|sollte|berichte\w*|heißt es|sagte|sagt|erklärte|"
          r"teilte|meldete|zitiert|so ein\w*|wie \w+ mitteilte",
}


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


def claim_text(claim: Claim, template: Template) -> str:
    """The text a template shows for a claim, ignoring whether it still matches its source
    (kept for callers without the article; ``compose`` uses :func:`briefing.brief.claim_display`)."""
    if template.claims.text == "paraphrase" and claim.paraphrase:
        return claim.paraphrase
    return claim.text


def quoted(text: str, lang: str) -> str:
    """``text`` in the language's quotation marks; quotation marks inside become the nested
    ones (“… ‘…’ …” / „… ‚…‘ …“) so that the reader sees where the outer quote ends."""
    o, c, no, nc = _QUOTES.get(lang, _QUOTES["en"])

    def inner(m: re.Match) -> str:
        body = next(g for g in m.groups() if g is not None)
        return f"{no}{body}{nc}"

    return f"{o}{_QUOTED.sub(inner, text)}{c}"


def unverified_quotes_removed(text: str, source_text: str | None) -> str:
    """Quotation marks around words that are not in the source are dropped: an edited
    sentence may keep a fragment in quotation marks only while that fragment is verbatim."""
    if source_text is None:
        return text
    flat = " ".join(source_text.split())

    def check(m: re.Match) -> str:
        body = next(g for g in m.groups() if g is not None)
        return m.group(0) if " ".join(body.split()) in flat else body

    return _QUOTED.sub(check, text)


def _lower_first(text: str, article_text: str | None) -> str:
    """Lower-case the first word when it only is capitalised because it starts the sentence.

    Kept: acronyms, abbreviations (``Dr.``), words with capitals inside, and words the article
    also capitalises in mid-sentence (names such as ``Ofgem``)."""
    m = re.match(r"([^\W\d_][\w'’-]*)(\.?)", text)
    if not m or not m.group(1)[0].isupper():
        return text
    word = m.group(1)
    if m.group(2) or word == "I" or any(ch.isupper() for ch in word[1:]):
        return text
    if word.lower() not in _LOWER_FIRST and article_text:
        for hit in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", article_text):
            before = article_text[: hit.start()].rstrip(" \t\"“„‘'«»(")
            if before and before[-1] not in ".!?:\n":
                return text  # capitalised in mid-sentence: a name
    return word[0].lower() + text[1:]


def _insert_before_end(text: str, addition: str) -> str:
    """``addition`` before the sentence's final punctuation, or after a closing quotation mark."""
    m = _END.search(text)
    if m and not m.group(2):
        return text[: m.start()] + addition + m.group(1)
    return text + addition


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


@dataclass
class _Shown:
    """A claim as the brief shows it: attribution around the text, and the original when the
    text is not the source's own words."""

    before: str
    text: str
    after: str
    original: str | None


class _Composer:
    def __init__(self, project: Project, template: Template):
        self.project = project
        self.template = template
        self.lang = "de" if template.language.startswith("de") else "en"
        self.lab = labels(self.lang)
        self.claims = project.claim_by_id()
        self.sources: dict[str, Source] = {a.source.id: a.source for a in project.articles}
        self.articles: dict[str, Article] = {a.source.id: a for a in project.articles}
        self.citer = citations.Citer(template.citation.style, self.lang, list(self.sources.values()))
        self.mode = template.citation.mode
        self.used_sources: list[str] = []
        self.doc: Document | None = None
        self._shown: dict[int, tuple[Claim, _Shown]] = {}
        # the brief's language and the sources' may differ: a cue in either counts
        self._own_cue = re.compile(rf"(?<!\w)(?:{_OWN_CUES['en']}|{_OWN_CUES['de']})(?!\w)", re.IGNORECASE)

    # ---------------------------------------------------------------- claims
    def shown(self, claim: Claim) -> _Shown:
        """What the brief shows for ``claim`` (see the module notes in README-export); worked
        out once per claim (a claim's paragraph and its key figures row both need it)."""
        hit = self._shown.get(id(claim))
        if hit is not None and hit[0] is claim:
            return hit[1]
        result = self._shown_uncached(claim)
        self._shown[id(claim)] = (claim, result)
        return result

    def _shown_uncached(self, claim: Claim) -> _Shown:
        article = self.articles.get(claim.source_id)
        display = claim_display(claim, article, self.template)
        source_span = None
        if article is not None and 0 <= claim.start < claim.end <= len(article.text):
            source_span = article.text[claim.start:claim.end]
        text = " ".join(display.text.split())
        if display.is_quote:
            text = quoted(text, self.lang)
        elif not display.paraphrased and not display.verbatim:
            # an edited quote: shown as paraphrase; fragments still in quotation marks must be verbatim
            text = unverified_quotes_removed(text, article.text if article else None)
        original = None
        if source_span and (display.paraphrased or not display.verbatim):
            if " ".join(source_span.split()) != text:
                original = " ".join(source_span.split())
        before, text, after = self._attribution(claim, text, display, article)
        return _Shown(before, text, after, original)

    def _names_itself(self, claim: Claim, text: str, display, article: Article | None) -> bool:
        """Whether the shown sentence already says whose statement it is (its source or its own cue)."""
        att = claim.attribution
        low = text.casefold()
        if att is not None:
            for n in (att.source, att.normalized):
                if n and n.strip().casefold() in low:
                    return True
            # a paraphrase may name the source in its own words ("Der Verband zählt …"): the
            # name's head word (its first capitalised word, not a title such as "Dr.") in the text
            head = next((w for w in (att.normalized or att.source or "").split()
                         if len(w) >= 4 and w[0].isupper() and not w.endswith(".")), None)
            if head and re.search(rf"(?<!\w){re.escape(head)}(?!\w)", text):
                return True
        if att is not None and display.verbatim and not display.paraphrased:
            for a, b in ((att.source_start, att.source_end), (att.cue_start, att.cue_end)):
                if a is not None and claim.start <= a < claim.end:
                    return True
        return self._own_cue.search(text) is not None

    def _attribution(self, claim: Claim, text: str, display, article: Article | None) -> tuple[str, str, str]:
        """(before, text, after): the in-text attribution of a reported claim.

        * a sentence that names its source or carries its own cue ("laut …", "reportedly",
          "soll", "heißt es") gets nothing more;
        * hearsay without a known source is still marked: "Reportedly, …" / "… (Berichten zufolge)";
        * else the template's phrase: "X: " (a label), "According to X, " (a leading clause,
          the sentence's first word lower-cased unless it is a name), "(… X)" (trailing), or a
          phrase such as "Laut X" that cannot precede a whole sentence without moving its verb:
          "Laut X: „…“" before a quotation, "… (Quelle: X)" after running text.
        """
        if claim.stance != "reported":
            return "", text, ""
        if self._names_itself(claim, text, display, article):
            return "", text, ""
        art_text = article.text if article else None
        src_lang = (article.source.language if article else None) or self.lang

        def lower(t: str) -> str:  # German keeps its capitals (nouns); quotes are never touched
            return t if display.is_quote or not src_lang.startswith("en") else _lower_first(t, art_text)

        name = citations.source_name(claim.attribution, self.lang)

        def trailing(label: str) -> tuple[str, str, str]:
            # a sentence that opens with a quotation mark (often a quote running on from the
            # sentence before) would get the attribution inside the quote: a label in front instead
            if text[:1] in "„“\"«»‚‘'":
                if name:
                    return name[0].upper() + name[1:] + ": ", text, ""
                return "", text + label, ""
            return "", _insert_before_end(text, label), ""

        if not name:
            if self.lang == "de":
                return trailing(" (Berichten zufolge)")
            if not src_lang.startswith("en"):  # "Reportedly, der Hafenmeister …" would misread
                return trailing(" (reportedly)")
            return "Reportedly, ", lower(text), ""
        phrases = self.template.claims.attribution
        phrase = phrases.get(self.template.language) or phrases.get(self.lang) or phrases.get("en", "")
        if not phrase.strip():
            return "", text, ""
        core = phrase.strip()
        filled = " ".join(core.replace("{source}", name).split())
        if core.endswith(":"):
            return filled[0].upper() + filled[1:] + " ", text, ""
        if core.endswith(","):
            if not display.is_quote and not src_lang.startswith("en"):
                # a German sentence after "According to X, " would keep its capital: trailing instead
                return trailing(f" ({self.lab['attributed']}: {name})")
            return filled + " ", lower(text), ""
        if core.startswith(("(", "[", "–", "—", ",")):
            return trailing(("" if core.startswith(",") else " ") + filled)
        if display.is_quote:
            if self.lang == "de" and not name[0].isupper():
                # "Laut rumänische Hafenbehörde" would need the dative: the name as a label instead
                return name[0].upper() + name[1:] + ": ", text, ""
            return filled + ": ", text, ""
        return trailing(f" ({self.lab['attributed']}: {name})")

    def claim_paragraph(self, claim: Claim, grouped: bool = False) -> Paragraph:
        doc = self.doc
        shown = self.shown(claim)
        content: list = []
        if shown.before:
            content.append(Run(shown.before))
        text = shown.text + shown.after
        extras = []
        if self.template.claims.show_stance:
            extras.append(self.lab[claim.stance])
        if self.template.claims.show_grade and (claim.reliability or claim.credibility):
            extras.append(f"{claim.reliability or '?'}{claim.credibility or '?'}")
        src = self.sources.get(claim.source_id)
        if src is not None and src.id not in self.used_sources:
            self.used_sources.append(src.id)
        original = f"{self.lab['original']}: {quoted(shown.original, self.lang)}" if shown.original else ""
        if self.mode == "author-date":
            if grouped and src is not None:  # the source is the heading above: the locator suffices
                loc = citations.locator(claim, self.lang)
                cite = f"({loc})" if loc else ""
            else:
                cite = self.citer.in_text(src, claim)
            if cite:
                text = _insert_before_end(text, f" {cite}")
            content.append(Run(text))
            if original:
                content.append(Run(f" — {original}", italic=True))
            if extras:
                content.append(Run(f" [{', '.join(extras)}]", italic=True))
            return Paragraph(content, style="body")
        content.append(Run(text))
        if extras:
            content.append(Run(f" [{', '.join(extras)}]", italic=True))
        chain = citations.attribution_phrase(claim.attribution, self.lang) if claim.stance == "reported" else ""
        note = Note(number=len(doc.notes) + 1, runs=[], source_id=src.id if src else None)
        note_text = self.citer.note(src, claim, chain)
        if original:
            note_text = f"{note_text} {original}"
        note.runs = _link_runs(note_text, src.url if src else None)
        doc.notes.append(note)
        content.append(NoteRef(note))
        return Paragraph(content, style="body")

    # ---------------------------------------------------------------- sections
    def items_of(self, tsec: TemplateSection):
        bsec = next((s for s in self.project.brief.sections if s.id == tsec.id), None)
        return bsec.items if bsec else []

    def _has_content(self, items) -> bool:
        return any((isinstance(i, TextItem) and i.text.strip()) or
                   (isinstance(i, ClaimItem) and i.claim_id in self.claims) for i in items)

    def section(self, tsec: TemplateSection) -> None:
        """A section with its heading; an empty section is left out of the brief (the checks
        tell the analyst about empty required sections before export)."""
        doc = self.doc
        heading = Heading(tsec.title, level=1, anchor=f"sec-{tsec.id}")
        if tsec.kind == "sources":
            doc.blocks.append(_SourcesMarker(heading))
            return
        items = self.items_of(tsec)
        if tsec.kind == "key_figures":
            blocks = self.key_figures(items)
            if blocks:
                doc.blocks.append(heading)
                doc.blocks.extend(blocks)
            return
        if not self._has_content(items):
            return
        doc.blocks.append(heading)
        if tsec.group_by_source:
            self.grouped(items, tsec)
            return
        self.flow(items, tsec)

    def flow(self, items, tsec: TemplateSection, grouped: bool = False) -> None:
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
            para = self.claim_paragraph(claim, grouped)
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
            self.flow(groups[key], tsec, grouped=bool(key))

    def key_figures(self, items) -> list:
        """One row per claim with numbers: the figures, what the claim says (with its
        attribution, so reported numbers never read as fact) and where it stands."""
        blocks: list = []
        for item in items:
            if isinstance(item, TextItem) and item.text.strip():
                blocks.append(Paragraph([Run(" ".join(item.text.split()))], style="judgment"))
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
            numbers = [f.text for f in claim.figures if f.kind == "number"]
            if not numbers:
                continue
            src = self.sources.get(claim.source_id)
            if src is not None and src.id not in self.used_sources:
                self.used_sources.append(src.id)
            who = (self.citer._who(src) or _short_title(src.title)) if src else ""
            where = ", ".join(p for p in (who, citations.locator(claim, self.lang)) if p)
            shown = self.shown(claim)
            statement = shown.before + _shorten(shown.text, 110) + shown.after
            rows.append(["; ".join(dict.fromkeys(numbers)), statement, where])
        if rows:
            blocks.append(Table([self.lab["figure"], self.lab["statement"], self.lab["source"]], rows,
                                widths=[1.3, 4.1, 1.6]))
        return blocks if rows else []

    def sources_list(self) -> list[Paragraph]:
        entries = self.citer.bibliography(self.used_sources)
        out = []
        for sid, text in zip(self._bib_ids(), entries):
            src = self.sources.get(sid)
            out.append(Paragraph(_link_runs(text, src.url if src else None), style="source_entry"))
        return out

    def _bib_ids(self) -> list[str]:
        # the same order Citer.bibliography uses
        ids = [s for s in self.used_sources if s in self.sources]
        sort = self.citer.style.root.bibliography is not None and self.citer.style.root.bibliography.find(
            "{http://purl.org/net/xbiblio/csl}sort") is not None
        return sorted(ids, key=self.citer._sort_key) if sort else ids


@dataclass
class _SourcesMarker:
    """Where the source list goes; replaced once every claim has been cited."""

    heading: Heading


def _short_title(title: str | None, words: int = 4) -> str:
    if not title:
        return ""
    parts = title.split(":")[0].split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


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
        if isinstance(b, _SourcesMarker):
            entries = c.sources_list()
            blocks.extend([b.heading, *entries] if entries else [])
        else:
            blocks.append(b)
    doc.blocks = blocks
    return doc
