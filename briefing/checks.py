"""Checks before export: each problem becomes a :class:`Finding` the user can act on.

``check_project(project)`` returns the findings in brief order; ``str(finding)`` is its one-line
message (the command line prints it as ``briefing: warning: …``). The kinds:

``missing-claim``      the brief refers to a claim that no longer exists
``no-source``          a claim whose source article is not in the project
``no-locator``         a claim without paragraph or page
``quote-changed``      a quote that no longer matches its span in the stored article text; it is
                       shown as paraphrase (see :func:`briefing.brief.claim_display`)
``hearsay``            reported speech shown without saying whose it is
``single-source``      a claim resting on one source where the template asks for corroboration
``empty-section``      a required section with nothing in it
``too-few-claims``     a section with fewer claims than the template's ``min_claims``
``estimative``         likelihood wording outside the configured vocabulary (analyst's text)
``confidence-likelihood`` a confidence level and a likelihood in the same sentence

Estimative vocabulary (the analyst's own text only; quotations inside it are skipped). The
defaults are the seven likelihood terms of the US ICD 203 scale and a German set built the
same way, from "nahezu ausgeschlossen" to "nahezu sicher"; a template overrides them with
``likelihood_terms`` (and the confidence phrases with ``confidence_terms``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .brief import claim_display, layout_template
from .model import Claim, ClaimItem, Project, Template, TextItem
from .source_identity import SourceRegistry, build_registry, detect_agencies, is_generic, normalise_name

LIKELIHOOD_TERMS = {
    "en": ["almost no chance", "very unlikely", "unlikely", "roughly even chance", "likely", "very likely",
           "almost certain"],
    # German counterparts, one per step of the same scale
    "de": ["nahezu ausgeschlossen", "sehr unwahrscheinlich", "unwahrscheinlich", "etwa gleich wahrscheinlich",
           "wahrscheinlich", "sehr wahrscheinlich", "nahezu sicher"],
}
CONFIDENCE_TERMS = {
    "en": [r"(?:high|moderate|medium|low)(?:est)?(?: degree of)? confidence", r"(?:high|low)ly confident",
           r"(?:we are|i am) confident"],
    "de": [r"(?:hoh|mittler|gering|niedrig)\w* (?:Konfidenz|Zuversicht|Aussagesicherheit|Vertrauensgrad)",
           r"(?:Konfidenz|Zuversicht|Aussagesicherheit): (?:hoch|mittel|gering|niedrig)"],
}
# Likelihood wording that is not on the scale. A hit entirely inside a vocabulary term is fine.
_MARKERS = {
    "en": [
        r"probabl[ey]", r"improbabl[ey]", r"possibly", r"it is possible", r"perhaps", r"maybe", r"might",
        r"conceivabl[ey]", r"presumabl[ey]", r"doubtful", r"undoubtedly", r"definitely", r"certainly",
        r"(?<!almost )certain(?= that| to)", r"may well", r"could well", r"chances are", r"in all likelihood",
        r"more likely than not",
        r"(?:highly|extremely|quite|fairly|most|more|less|rather|pretty|somewhat|increasingly|not|very very)"
        r" (?:un)?likely",
        r"(?:good|high|low|slim|remote|small|strong|real|fair|slight|even) (?:chance|possibility|probability|odds)",
        r"probability", r"likelihood",
    ],
    "de": [
        r"vermutlich", r"möglicherweise", r"vielleicht", r"eventuell", r"womöglich", r"mutmaßlich",
        r"voraussichtlich", r"höchstwahrscheinlich", r"wohl", r"dürften?", r"sicherlich", r"gewiss",
        r"zweifellos", r"definitiv", r"ausgeschlossen",
        r"mit (?:hoher|großer|geringer|einiger|gewisser|an Sicherheit grenzender) Wahrscheinlichkeit",
        r"(?:ziemlich|äußerst|höchst|hoch|eher|recht|durchaus|kaum|nicht|überaus|extrem|relativ)"
        r" (?:un)?wahrscheinlich\w*",
    ],
}
_REPORT_CUES = {
    "en": r"according to|reportedly|allegedly|purportedly|said|says|told|claimed|claims|stated|reported|"
          r"quoted|cited|is said to|are said to|were said to|was said to",
    "de": r"laut|zufolge|nach angaben|angeblich|soll|sollen|berichtet\w*|heißt es|sagte|sagt|erklärte|teilte|"
          r"sei|seien|habe|hätten|werde|könne|müsse|wolle|solle|betrage|gebe|zitiert",
}
_QUOTED = re.compile(r"„[^“”\"]*[“”\"]|“[^”]*”|\"[^\"]*\"|»[^«]*«|«[^»]*»")
_ABBREV = re.compile(r"\b(?:[A-Za-zÄÖÜäöü]|Dr|Prof|Nr|bzw|vgl|ca|etc|usw|Mio|Mrd|z\.\s?B|u\.\s?a|d\.\s?h|Mr|Ms|Mrs|"
                     r"St|Jan|Feb|Aug|Sept|Okt|Nov|Dez|Dec|Oct|No|vs)\.$")


@dataclass(frozen=True)
class Finding:
    kind: str
    message: str
    claim_id: str | None = None
    section_id: str | None = None

    def __str__(self) -> str:
        return " ".join(self.message.split())


# --------------------------------------------------------------------------- helpers


def _lang(template: Template) -> str:
    return template.language.split("-")[0] if template.language.split("-")[0] in LIKELIHOOD_TERMS else "en"


def _term_regex(term: str) -> str:
    words = [re.escape(w) for w in term.split()]
    # the last word may be inflected: "almost certainly", "wahrscheinliche", "unwahrscheinlichen"
    return r"(?<!\w)" + r"\s+".join(words) + r"(?:ly|e|en|er|es|em)?(?!\w)"


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Rough sentence spans for the analyst's own paragraphs."""
    spans, start = [], 0
    for m in re.finditer(r"[.!?]+[\"“”»«]?(?=\s+[\"„“»«(]?[A-ZÄÖÜ0-9])|\n+", text):
        if m.group(0).startswith(".") and _ABBREV.search(text[start : m.start() + 1]):
            continue
        if text[start : m.end()].strip():
            spans.append((start, m.end()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def _blank_quotes(text: str) -> str:
    return _QUOTED.sub(lambda m: " " * len(m.group(0)), text)


def estimative_problems(text: str, template: Template) -> list[tuple[str, str]]:
    """(kind, detail) for each estimative-language problem in one of the analyst's paragraphs."""
    lang = _lang(template)
    vocab = template.likelihood_terms or LIKELIHOOD_TERMS[lang]
    vocab_rx = re.compile("|".join(_term_regex(t) for t in sorted(vocab, key=len, reverse=True)), re.IGNORECASE)
    marker_rx = re.compile(r"(?<!\w)(?:" + "|".join(_MARKERS[lang]) + r")(?!\w)", re.IGNORECASE)
    if template.confidence_terms:
        conf_rx = re.compile("|".join(_term_regex(t) for t in template.confidence_terms), re.IGNORECASE)
    else:
        conf_rx = re.compile(r"(?<!\w)(?:" + "|".join(CONFIDENCE_TERMS[lang]) + r")(?!\w)", re.IGNORECASE)
    out: list[tuple[str, str]] = []
    for s, e in split_sentences(text):
        sentence = _blank_quotes(text[s:e])
        vocab_spans = [m.span() for m in vocab_rx.finditer(sentence)]
        outside = []
        for m in marker_rx.finditer(sentence):
            a, b = m.span()
            if not any(va <= a and b <= vb for va, vb in vocab_spans):
                outside.append(m.group(0))
        for word in dict.fromkeys(w.lower() for w in outside):
            out.append(("estimative", word))
        conf = conf_rx.search(sentence)
        if conf and (vocab_spans or outside):
            out.append(("confidence-likelihood", " ".join(text[s:e].split())))
    return out


def _content_tokens(text: str) -> set[str]:
    return {normalise_name(t) for t in re.findall(r"\w{4,}", text.lower())} - {""}


def _figure_keys(c: Claim) -> set[tuple]:
    keys = set()
    for f in c.figures:
        if f.kind == "date" and f.iso:
            keys.add(("date", f.iso))
        elif f.value is not None:
            keys.add(("number", round(f.value, 6), (f.unit or "").lower()))
    return keys


def _supports(a: Claim, b: Claim) -> bool:
    """Whether two claims report the same thing: a shared tag, a shared figure, or mostly the same words."""
    if set(a.tags) & set(b.tags):
        return True
    if _figure_keys(a) & _figure_keys(b):
        return True
    ta, tb = _content_tokens(a.paraphrase or a.text), _content_tokens(b.paraphrase or b.text)
    if len(ta) >= 3 and len(tb) >= 3:
        return len(ta & tb) / min(len(ta), len(tb)) >= 0.6
    return False


@dataclass(frozen=True)
class _Origin:
    source: str | None  # cluster key of a named source
    article: str
    agencies: frozenset[str]
    publisher: str | None
    label: str


class _Origins:
    def __init__(self, project: Project):
        self.project = project
        self.registry: SourceRegistry = build_registry(project.articles, project.claims)
        self.agencies = {a.source.id: frozenset(detect_agencies(a)) for a in project.articles}
        self.publishers = {a.source.id: normalise_name(a.source.publisher) if a.source.publisher else None
                           for a in project.articles}
        self.titles = {a.source.id: a.source.publisher or a.source.title or a.source.id for a in project.articles}

    def of(self, c: Claim) -> _Origin:
        att = c.attribution
        key = None
        if att is not None:
            names = [n for n in (att.normalized, att.source) if n]
            specific = next((n for n in names if not is_generic(n)), None)
            if specific:
                key = self.registry.key(specific)
            elif names:
                offset = att.source_start if att.source_start is not None else c.start
                key = self.registry.resolve(names[0], c.source_id, offset)
        agencies = self.agencies.get(c.source_id, frozenset())
        label = self.registry.display(key) if key else (
            ", ".join(sorted(agencies)) + " copy" if agencies else self.titles.get(c.source_id, c.source_id))
        return _Origin(key, c.source_id, agencies, self.publishers.get(c.source_id), label)

    @staticmethod
    def same(a: _Origin, b: _Origin) -> bool:
        if a.source and b.source:
            return a.source == b.source
        if a.source or b.source:  # one named source, one the article's own reporting
            named, other = (a, b) if a.source else (b, a)
            agency_keys = {normalise_name(x) for x in other.agencies}
            return named.source in agency_keys or (other.publisher is not None and named.source == other.publisher)
        if a.article == b.article:
            return True
        if a.agencies & b.agencies:
            return True
        return a.publisher is not None and a.publisher == b.publisher


# --------------------------------------------------------------------------- the checks


def check_project(project: Project) -> list[Finding]:
    """All pre-export findings for ``project``, in the order of the brief."""
    template = layout_template(project)
    lang = _lang(template)
    findings: list[Finding] = []
    claims = project.claim_by_id()
    tsecs = {s.id: s for s in template.sections}
    placed: list[tuple[str, Claim]] = []

    for section in project.brief.sections:
        title = section.title or section.id
        for item in section.items:
            if isinstance(item, TextItem):
                for kind, detail in estimative_problems(item.text, template):
                    if kind == "estimative":
                        terms = ", ".join(template.likelihood_terms or LIKELIHOOD_TERMS[lang])
                        msg = (f"section '{title}': \"{detail}\" is not in the estimative vocabulary; "
                               f"use one of: {terms}")
                    else:
                        msg = (f"section '{title}': confidence level and likelihood in the same sentence; "
                               f"state them separately: \"{detail[:120]}\"")
                    findings.append(Finding(kind, msg, section_id=section.id))
                continue
            assert isinstance(item, ClaimItem)
            claim = claims.get(item.claim_id)
            if claim is None:
                findings.append(Finding("missing-claim", f"section '{title}': claim {item.claim_id} no longer "
                                        "exists; remove it from the brief", item.claim_id, section.id))
                continue
            placed.append((section.id, claim))
            findings.extend(_claim_findings(project, template, claim, section.id, title))

    findings.extend(_single_source_findings(project, template, placed))

    for ts in template.sections:
        if ts.kind == "sources":
            continue
        bs = next((s for s in project.brief.sections if s.id == ts.id), None)
        items = bs.items if bs else []
        n_claims = sum(1 for i in items if isinstance(i, ClaimItem) and i.claim_id in claims)
        has_text = any(isinstance(i, TextItem) and i.text.strip() for i in items)
        if ts.required and not n_claims and not has_text:
            findings.append(Finding("empty-section", f"required section '{ts.title}' is empty; "
                                    + ("add claims to it" if ts.kind in ("claims", "key_figures")
                                       else "write its text"), section_id=ts.id))
        elif ts.min_claims and n_claims < ts.min_claims:
            findings.append(Finding("too-few-claims", f"section '{ts.title}' has {n_claims} "
                                    f"claim{'s' if n_claims != 1 else ''}, the template asks for at least "
                                    f"{ts.min_claims}", section_id=ts.id))
    return findings


def _claim_findings(project: Project, template: Template, claim: Claim, section_id: str, title: str
                    ) -> list[Finding]:
    out: list[Finding] = []
    where = f"claim {claim.id} ({title})"
    article = project.article_for(claim)
    if article is None:
        out.append(Finding("no-source", f"{where}: has no source; import its article or remove the claim",
                           claim.id, section_id))
    if not claim.paragraph and not claim.page:
        out.append(Finding("no-locator", f"{where}: has no locator (paragraph or page) to cite",
                           claim.id, section_id))
    display = claim_display(claim, article, template)
    if article is not None and not display.verbatim:
        out.append(Finding("quote-changed", f"{where}: the quote no longer matches its source text; "
                           "it is shown as paraphrase, not as a quote", claim.id, section_id))
    if claim.stance == "reported" and not _attributed(claim, template, display.text):
        out.append(Finding("hearsay", f"{where}: reported by a source but shown without attribution; "
                           "name the source (e.g. \"" + _example_phrase(template) + "\")", claim.id, section_id))
    return out


def _example_phrase(template: Template) -> str:
    return "Laut …" if _lang(template) == "de" else "According to …"


def _attributed(claim: Claim, template: Template, shown: str) -> bool:
    """Whether a reader of the brief can tell this reported claim is someone else's statement."""
    att = claim.attribution
    name = (att.normalized or att.source) if att else None
    phrases = template.claims.attribution
    phrase = phrases.get(template.language) or phrases.get(_lang(template)) or phrases.get("en", "")
    if name and "{source}" in phrase:
        return True  # compose puts "According to {source}" in front of it
    low = shown.casefold()
    for n in (att.source, att.normalized) if att else ():
        if n and not is_generic(n) and n.casefold() in low:
            return True
    cues = _REPORT_CUES[_lang(template)]
    return re.search(rf"(?<!\w)(?:{cues})(?!\w)", shown, re.IGNORECASE) is not None


def _single_source_findings(project: Project, template: Template, placed: list[tuple[str, Claim]]
                            ) -> list[Finding]:
    if not template.corroboration or not placed:
        return []
    origins = _Origins(project)
    sections = {s.id: (s.title or s.id) for s in project.brief.sections}
    kinds = {s.id: s.kind for s in template.sections}
    out: list[Finding] = []
    for sid, claim in placed:
        if kinds.get(sid, "claims") not in ("claims", "key_figures", "bottom_line"):
            continue
        mine = origins.of(claim)
        support = [c for _, c in placed if c.id != claim.id and _supports(claim, c)]
        independent = [c for c in support if not origins.same(mine, origins.of(c))]
        if independent:
            continue
        why = ""
        if support:
            other = origins.of(support[0])
            if mine.agencies & other.agencies:
                why = f"; {', '.join(c.id for c in support)} carry the same {'/'.join(sorted(mine.agencies & other.agencies))} copy"
            else:
                why = f"; {', '.join(c.id for c in support)} come from the same source"
        out.append(Finding("single-source", f"claim {claim.id} ({sections.get(sid, sid)}): rests on a single "
                           f"source ({mine.label}){why}; the template asks for corroboration by an independent "
                           "source", claim.id, sid))
    return out
