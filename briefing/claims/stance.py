"""Stance and attribution for a run of sentences, with context carried across sentences.

``analyse_spans`` walks the sentences of an article in order. One trigger regex finds every cue
word and quotation mark in the whole text at once; each sentence then only looks at its own hits:

- an explicit cue with its source (prepositional cue, verb of saying, "heißt es", ", so X",
  "X zufolge", quotation chains) makes it *reported*;
- a hearsay marker (soll … haben/sein, angeblich, reportedly), Konjunktiv I, Konjunktiv II right
  after reported speech, a sentence inside or made of a quotation, or "demnach" makes it
  *reported* too, inheriting the last named source (``inherited``) when there is one nearby;
- otherwise a hedge of the author (könnte, offenbar, may, likely) makes it *hedged*;
- everything else is *asserted*.
Languages without a data file get ("asserted", None) everywhere: we do not guess.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from ..model import Attribution
from ._fast import trusted
from .attribution import _PAREN_ACR, _QUOTE_CHARS, Tables, noun_phrase, normalize, np_before, report_name, tables
from .scan import COMPILED, matches, openings

_ATT_FIELDS = ("source", "normalized", "cue", "via", "inherited", "source_start", "source_end", "cue_start", "cue_end")
_att = trusted(Attribution, _ATT_FIELDS)

# a comma between digits ("2,5 Mio.", "1,200") is a decimal or thousands mark, not a clause boundary
_CLAUSE_COMMA = r",(?!\d)|(?<!\d),"
_CLAUSE_BOUNDARY = re.compile(r"(?:[;:–—(„“”\"»«]|" + _CLAUSE_COMMA + r")\s*")
_CLAUSE_NO_QUOTES = re.compile(r"[;:–—(]|" + _CLAUSE_COMMA)  # the same without quotation marks
_WORDS = re.compile(r"[^\W_][\w'’-]*")
_INHERIT_WINDOW = 6
_QUOTE_WORDS = 5  # a quotation of this many words is someone's statement, not a title or term
_DE_PASSIVE = re.compile(r"\b(?:wird|wurde|werden|wurden)\s+(?P<src>[^\s,;:][^,;:]{0,80}?)\s+(?:von|vom|in|im|bei|gegenüber)\s+(?P<via>\S.{0,60}?)\s+(?:zitiert|wiedergegeben)\b")
_DE_PASSIVE2 = re.compile(r"\b(?:wird|wurde|werden|wurden)\s+(?:von|vom)\s+(?P<via>\S.{0,60}?)\s+(?:mit den Worten\s+)?(?:zitiert|wiedergegeben)\b")
_EN_PASSIVE = re.compile(r"\b(?:was|were|is|are|has been|have been)\s+quoted\s+(?:by|in)\s+(?P<via>\S)")
_DASH_OR_COMMA_END = re.compile(r"[,–—-]\s*$")
_NONBLANK = re.compile(r"\S+")
_QUOTE_MARK = re.compile(r"[„“”\"»«]")
_RECIPIENT = re.compile(r"\s+(?:der|dem|to|the)\s+")
_DOC_OWNER = re.compile(r"\s+(?:von|vom|des|der|of|by|from)\s+")
_PREP_BEFORE = re.compile(r"\s*(?:[Ii]n|[Ii]m|[Bb]ei|[Aa]us)\s+")
_PREP_AFTER = re.compile(r"\s+(?:in|aus|bei|von|im|seitens|vom|from|in|by)\s+")


class _Found:
    """A cue found in a sentence, with the spans of its source and channel (offsets into the sentence).

    A plain class with its own ``__init__``: compiled, that constructor is native (a dataclass's
    generated one would run interpreted)."""

    __slots__ = ("cue", "cue_start", "cue_end", "src", "via", "passive")

    def __init__(self, cue: str, cue_start: int, cue_end: int, src: tuple[int, int] | None = None,
                 via: tuple[int, int] | None = None, passive: bool = False) -> None:
        self.cue = cue
        self.cue_start = cue_start
        self.cue_end = cue_end
        self.src = src
        self.via = via
        self.passive = passive  # a passive speech act without a named agent: no source, none inherited


class _State:
    def __init__(self) -> None:
        self.last: Attribution | None = None  # last explicitly named source
        self.since = 99  # sentences since that source
        self.prev_reported = False
        self.quote: str | None = None  # open quotation mark carried into the next sentence
        self.report: str | None = None  # normalised name of the last report named ("MSMT-Bericht")
        self.last_person: str | None = None
        self.para = 0  # paragraph of the current sentence
        self.last_para = 0  # paragraph in which the last source was named
        self.broken = False  # the author spoke in a later paragraph: the chain of reported speech ended
        self.text = ""
        self.names: list[str] = []  # sources named with two or more words, in order
        self.name_set: set[str] = set()  # the same names, for look-ups
        # indexes of ``names`` for _full_name: last word -> the latest name ending on it; lower-case
        # ending (4+ letters) of a word -> (name number, word length, whole word?) in name order
        self.by_last: dict[str, int] = {}
        self.by_ending: dict[str, list[tuple[int, int, bool]]] = {}
        self.full_names: dict = {}  # _full_name's answers while ``names`` is unchanged (cleared when it grows)
        self.norms: dict[str, str | None] = {}  # normalize's answers for the phrases of this text
        self.prev_start = 0  # start of the sentence before the current one
        self.prev_para = 0  # paragraph of the sentence before the current one
        self.prev_unnamed = False  # the sentence before was hearsay that names nobody ("Angeblich …", "soll")


_CLOSE_FOR = {"„": "“”\"", "»": "«", "«": "»", "“": "”\"", "\"": "\"", "”": "”"}


def analyse_spans(text: str, spans: list[tuple[int, int]], lang: str | None,
                  trigger_places: list[int] | None = None) -> list[tuple[str, Attribution | None]]:
    """(stance, attribution) for each sentence span of ``text``, in order. ``trigger_places``: where
    the trigger can match in the spans' range, when the caller's scan found them already."""
    t = tables(lang)
    if t is None or not spans:
        return [("asserted", None)] * len(spans)
    # bucket trigger hits per sentence (spans are sorted and do not overlap)
    buckets: list[list[re.Match]] = [[] for _ in spans]
    lo, hi = spans[0][0], spans[-1][1]
    i = 0
    n = len(spans)
    op = t.trigger_openings
    hits: Iterable[re.Match]
    if trigger_places is not None:
        hits = matches(t.trigger, text, lo, hi, trigger_places)
    elif COMPILED and op is not None:
        hits = matches(t.trigger, text, lo, hi, openings(text, lo, hi, op))
    else:
        hits = t.trigger.finditer(text, lo, hi)
    for m in hits:
        p = m.start()
        while i < n and spans[i][1] <= p:
            i += 1
        if i == n:
            break
        if p >= spans[i][0]:
            buckets[i].append(m)
    st = _State()
    st.text = text
    out = []
    prev_end = lo
    for (a, b), hits in zip(spans, buckets):
        if text.find("\n", prev_end, a) >= 0:
            st.para += 1
        r = _sentence(text, a, b, hits, t, st)
        out.append(r)
        att = r[1]
        st.prev_unnamed = (att is not None and att.source is None and att.cue is not None and not att.inherited
                           and att.cue.lower() in t.hearsay_words)
        st.prev_para = st.para
        st.prev_start = a
        prev_end = b
    _fill_quote_groups(out)
    return [(s, att) for s, att, _g in out]


def _fill_quote_groups(out: list) -> None:
    """Sentences of one multi-sentence quotation share the source named anywhere in it."""
    i = 0
    while i < len(out):
        g = out[i][2]
        if g is None:
            i += 1
            continue
        j = i
        while j + 1 < len(out) and out[j + 1][2] == g:
            j += 1
        named = next((att for _s, att, _g in out[i : j + 1] if att and att.source and not att.inherited), None)
        if named is not None:
            for k in range(i, j + 1):
                s, att, gg = out[k]
                if att is None or not att.source or att.inherited:
                    out[k] = ("reported", _att(named.source, named.normalized, att.cue if att else None, named.via, True,
                                               None, None, att.cue_start if att else None, att.cue_end if att else None), gg)
        i = j + 1


_group_counter = [0]
# the kinds of trigger with which ``_explicit`` can find a cue and its source
_EXPLICIT_KINDS = frozenset(("passive", "heisst", "prep", "docprep", "post", "so", "verb", "voice"))


_ASSERTED = ("asserted", None, None)


def _sentence(text: str, a: int, b: int, hits: list, t: Tables, st: _State):
    if not hits and st.quote is None:
        # no cue word, no quotation mark, not inside a quotation: the author's own statement
        st.since += 1
        st.prev_reported = False
        if st.para > st.last_para:
            st.broken = True
        return _ASSERTED
    s = text[a:b]
    kinds: dict[str, list] = {}
    quote_chars = []
    for m in hits:
        w = m.group()
        if m.lastgroup == "docprep":
            kinds.setdefault("docprep", []).append(m)
            continue
        k = t.kinds.get(w)
        if k is None:
            if w in _CLOSE_FOR or w in "“”«»\"":
                quote_chars.append(m)
            continue
        for kind in k:
            kinds.setdefault(kind, []).append(m)

    # ---- quotations: carried state, quoted words, group id for multi-sentence quotes
    started_inside = st.quote is not None
    state = st.quote
    quoted_words = 0
    seg_start = 0 if started_inside else None
    for m in quote_chars:
        ch = m.group()
        rel = m.start() - a
        if state is None:
            if ch in "„»«“\"" and not (ch == "“" and t.lang.code == "de" and rel > 0 and not s[rel - 1].isspace() and s[rel - 1] not in "(:"):
                state = ch
                seg_start = rel + 1
        elif ch in _CLOSE_FOR.get(state, ""):
            quoted_words += len(_WORDS.findall(s, seg_start or 0, rel))
            state = None
            seg_start = None
    if state is not None:
        quoted_words += len(_WORDS.findall(s, seg_start or 0))
    ends_inside = state is not None
    group = None
    if started_inside:
        group = _group_counter[0]
    if ends_inside and not started_inside:
        _group_counter[0] += 1
        group = _group_counter[0]
    st.quote = state
    long_quote = quoted_words >= _QUOTE_WORDS or started_inside or ends_inside

    # only a sentence with an explicit cue can name a source (and only then is "non-comment" read)
    found = None
    if not _EXPLICIT_KINDS.isdisjoint(kinds):
        if _non_comment(s, t, a, kinds.get("verb", ())):
            st.last = None  # "X äußerte sich nicht": the chain of reported speech before it ends
        else:
            found = _explicit(s, a, kinds, t, st)

    if found is not None:
        att = _attribution(s, a, found, t, st)
        st.prev_reported = True
        return "reported", att, group

    inherit = None
    cue = None
    reported = False
    hearsay = _hearsay(s, a, kinds["hearsay"], t) if "hearsay" in kinds else None
    if hearsay is not None:
        reported, cue = True, hearsay
    elif started_inside or long_quote:
        reported = True
    elif "konj1" in kinds and _konj1(s, a, kinds["konj1"], t) is not None:
        reported = True
    elif kinds.get("konj2") and st.prev_reported and not st.prev_unnamed and st.prev_para == st.para:
        # Konjunktiv II carries on someone's speech within a paragraph; after a paragraph break or
        # after hearsay with nobody named ("Angeblich …"), "wäre", "müssten" are the author's own
        reported = True
    elif kinds.get("demnach"):
        m = kinds["demnach"][0]
        reported, cue = True, (m.group().lower(), m.start(), m.end())
    elif kinds.get("intention") and not _non_comment(s, t):
        # "Die Partei will … fördern": the actor's stated intention, a position of its own
        m = kinds["intention"][0]
        st.prev_reported = True
        st.since += 1
        return "reported", _att(None, None, m.group().lower(), None, False, None, None, m.start(), m.end()), group
    if reported:
        st.since += 1
        # continuing reported speech takes the last source; an adverb of hearsay ("angeblich",
        # "reportedly") points to unnamed sources, never to the last named one
        adverb = cue is not None and cue[0].lower() not in t.hearsay_modal
        # indirect speech (Konjunktiv) in a new paragraph after the author spoke in between (often
        # about a new actor) is not pinned on the old source; hearsay ("soll") still points to the
        # article's source of reports
        broken = st.broken and hearsay is None
        if st.last is not None and not adverb and (started_inside or (st.since <= _INHERIT_WINDOW and not broken)):
            inherit = st.last
        st.prev_reported = True
        if inherit is None and cue is None:
            return "reported", None, group
        att = _att(
            inherit.source if inherit else None,
            inherit.normalized if inherit else None,
            cue[0] if cue else None,
            inherit.via if inherit else None,
            inherit is not None,
            None,
            None,
            cue[1] if cue else None,
            cue[2] if cue else None,
        )
        return "reported", att, group
    st.since += 1
    st.prev_reported = False
    if st.para > st.last_para:
        st.broken = True
    if kinds.get("hedge"):
        for m in kinds["hedge"]:
            if m.group()[:1].isupper() and m.start() != a:
                continue
            return "hedged", None, group
    return "asserted", None, group


# ------------------------------------------------------------------------------ markers


def _non_comment(s: str, t: Tables, a: int = 0, verbs=()) -> bool:
    """"… äußerte sich nicht", "declined to comment": a statement that nothing was said. With
    ``verbs`` (hits at offset ``a``), a verb of saying before that phrase ("bestätigte den
    Bericht, wollte sich aber nicht äußern") makes the sentence a statement after all; one after it
    belongs to what was not commented on ("declined to comment on what she called …")."""
    if t.non_comment is None:
        return False
    hint = t.non_comment_hint
    if hint is not None:
        found = False
        for piece in hint:
            if piece in s:
                found = True
                break
        if not found:
            return False  # none of the text every such phrase contains
    m = t.non_comment.search(s)
    if m is None:
        return False
    return not any(v.end() - a <= m.start() for v in verbs)


def _konj1(s: str, a: int, hits, t: Tables):
    for m in hits:
        rel = m.start() - a
        before = s[max(0, rel - 6) : rel].split()
        after = s[m.end() - a : m.end() - a + 6].split()
        if (before and before[-1] in t.konj_blockers) or (after and after[0] in t.konj_blockers):
            continue
        around = s[max(0, rel - 12) : m.end() - a + 12]
        if any(idiom in around for idiom in t.idioms):
            continue
        return m
    return None


def _hearsay(s: str, a: int, hits, t: Tables):
    for m in hits:
        w = m.group()
        if t.hearsay_needs and w.lower() in t.hearsay_modal:
            # "soll … geliefert haben / worden sein": hearsay; "soll im Mai fertig werden": a plan
            after = _WORDS.findall(s, m.end() - a)
            if not any(x in t.hearsay_needs for x in after) and not any(
                x in t.hearsay_needs for x in _WORDS.findall(s, max(0, m.start() - a - 25), m.start() - a)
            ) and not any(idiom.issubset(after) for idiom in t.hearsay_idioms):
                continue  # ("soll es sich um X handeln": hearsay, an identification)
        return (w[:1].lower() + w[1:], m.start(), m.end())
    return None


# ------------------------------------------------------------------------------ explicit cues


def _explicit(s: str, a: int, kinds: dict, t: Tables, st: _State) -> _Found | None:
    de = t.lang.code == "de"
    if "voice" in kinds and t.voice_re is not None:
        # "Kritik kommt vom Bund für Umwelt", "Criticism came from X": a new voice without a verb of saying
        lead = len(s) - len(s.lstrip(" \t\n„“\"»"))
        vm = t.voice_re.match(s, lead)
        if vm:
            src = noun_phrase(s, vm.end(), t)
            if src is not None:
                if vm.group("prep") == "vom":
                    src = (vm.start("prep"), src[1])
                cue_end = vm.start("prep")
                cue = s[vm.start("noun") : cue_end].rstrip()
                cue = " ".join(cue.split())
                return _Found(cue[:1].lower() + cue[1:], a + vm.start("noun"), a + cue_end, src)
    # chains: "wird die Militärführung von KCNA zitiert", "X was quoted by Y"
    if "passive" in kinds:
        if de:
            m = _DE_PASSIVE.search(s)
            if m:
                src = noun_phrase(s[: m.end("src")], m.start("src"), t)
                via = _channel(s, m.start("via"), m.end("via"), t)
                aux = s[m.start() : m.start() + len(m.group().split()[0])]
                verb = m.group().split()[-1]
                return _Found(f"{aux.lower()} … {verb}", a + m.start(), a + m.end(), src, via)
            m = _DE_PASSIVE2.search(s)
            if m:
                src = _subject(s, m.start(), t)
                via = _channel(s, m.start("via"), m.end("via"), t)
                aux = m.group().split()[0]
                return _Found(f"{aux.lower()} … {m.group().split()[-1]}", a + m.start(), a + m.end(), src, via)
        else:
            m = _EN_PASSIVE.search(s)
            if m:
                src = _subject(s, m.start(), t)
                via = noun_phrase(s, m.start("via"), t)
                return _Found("quoted", a + m.start(), a + m.start("via"), src, via)
    if "heisst" in kinds:
        m = kinds["heisst"][0]
        rel = m.end() - a
        src = None
        pm = _PREP_AFTER.match(s, rel)
        if pm:
            src = noun_phrase(s, pm.end(), t)
        w = m.group()
        if src is None and w in t.from_verbs:
            src = _from_before(s, m.start() - a, t)
        if src is None:
            # "In einem Schreiben des Ministeriums heißt es": the phrase after "in" opening the sentence
            im = _PREP_BEFORE.match(s)
            if im is not None:
                np = noun_phrase(s, im.end(), t)
                if np is not None and s[np[1] : m.start() - a].strip() == "":
                    src = np
        dm = _WORDS.search(s, rel, rel + 12) if src is None and st.report else None
        if dm is not None and dm.group().lower() in t.there_words:
            # "…, heißt es darin": the report named before
            dm = _WORDS.match(s, dm.start())
            assert dm is not None
            return _Found(w[:1].lower() + w[1:], m.start(), m.end(), (dm.start(), dm.end()))
        return _Found(w[:1].lower() + w[1:], m.start(), m.end(), src)
    # a prepositional cue that names nobody ("said in a statement") gives way to a verb of saying
    # that names its speaker
    fallback: _Found | None = None
    verb_hits = kinds.get("verb", ())
    for m in kinds.get("prep", ()):
        f = _prep(s, a, m, t)
        if f and fallback is None and any(v.end() < m.start() and s[v.end() - a : m.start() - a].isspace() for v in verb_hits):
            # "said in a statement that it would …": the verb's speaker first, not the phrase after it
            fallback = f
            continue
        if f and f.src is not None and f.via is None and f.cue in t.citing_cues:
            f.via = _citing_channel(s, a, m, kinds.get("verb", ()), t)
        if f:
            if f.src is None and "verb" in kinds:
                if fallback is None:
                    fallback = f
                continue
            return f
    for m in kinds.get("docprep", ()):
        rel = m.end() - a
        src = None
        pm = _DOC_OWNER.match(s, rel)
        if pm:
            k = pm.end() if pm.group().strip() in ("von", "vom", "of", "by", "from") else rel + 1
            src = noun_phrase(s, k, t)
        w = m.group()
        if src is None:
            # "Laut einem internen Gutachten, …": with no owner named, a report is itself the source
            words = w.split()
            if len(words) >= 2 and words[-1].lower() in t.report_nouns:
                # the preposition may have two words ("according to")
                n = next((len(p.split()) for p in t.doc_preps if [x.lower() for x in words[: len(p.split())]] == p.split()), 1)
                if n < len(words):
                    spans = [wm.span() for wm in _NONBLANK.finditer(w)]
                    cue = " ".join(words[:n])
                    return _Found(cue[:1].lower() + cue[1:], m.start(), m.start() + spans[n - 1][1],
                                  (m.start() - a + spans[n][0], m.end() - a))
        return _Found(w[:1].lower() + w[1:], m.start(), m.end(), src)
    for m in kinds.get("post", ()):
        rel = m.start() - a
        src = np_before(s, rel, t)
        if src:
            return _Found(m.group(), m.start(), m.end(), src)
    for m in kinds.get("so", ()):
        rel = m.start() - a
        pre = s[max(0, rel - 3) : rel]
        if not _DASH_OR_COMMA_END.search(pre):
            continue
        src = noun_phrase(s, m.end() - a + 1, t)
        if src:
            tail = s[src[1] :].strip()
            if not tail or tail[0] in ",.;!?":
                return _Found("so", m.start(), m.end(), src)
    konj = bool(kinds.get("konj1"))
    # a verb right after a quotation or clause ("…,“ sagte X") is the frame; try it first
    verbs = kinds.get("verb", ())
    if len(verbs) > 1:
        verbs = sorted(verbs, key=lambda m: s[: m.start() - a].rstrip()[-1:] not in ",“”\"»«")
    hearsay = kinds.get("hearsay", ())
    for m in verbs:
        if hearsay and any(h.end() < m.start() and s[h.end() - a : m.start() - a].isspace() for h in hearsay):
            continue  # "X reportedly warned Y": hearsay about X, not X's statement
        f = _verb(s, a, m, t, konj)
        if f:
            return fallback if f.src is None and fallback is not None else f
    return fallback


def _from_before(s: str, rel: int, t: Tables) -> tuple[int, int] | None:
    """"Wie aus Verfahrenskreisen verlautete": the phrase after "aus" before the verb at ``rel``."""
    fm = None
    for fm in _FROM_SOURCE.finditer(s, max(0, rel - 120), rel):
        pass
    return noun_phrase(s[:rel], fm.end(), t) if fm is not None else None


def _channel(s: str, start: int, end: int, t: Tables) -> tuple[int, int] | None:
    """The outlet or person named in ``s[start:end]``: a quoted title ("der „Rundschau“" ->
    "Rundschau"), else the noun phrase there."""
    q = _QUOTE_MARK.search(s, start, end)
    if q is not None:
        close = _QUOTE_MARK.search(s, q.end(), end)
        if close is not None and close.start() > q.end():
            return (q.end(), close.start())
    return noun_phrase(s[:end], start, t)


def _citing_channel(s: str, a: int, cue: re.Match, verbs, t: Tables) -> tuple[int, int] | None:
    """"berichtete der „Kurier“ unter Berufung auf X", "Reuters reported, citing X": who passed
    X's statement on (the speaker of the verb of saying before the cue)."""
    for vm in verbs:
        if vm.end() > cue.start():
            continue
        between = s[vm.end() - a : cue.start() - a]
        if between.strip(" ,"):
            return _channel(s, vm.end() - a, cue.start() - a, t)  # "berichtete der „Kurier“ unter Berufung auf"
        return _subject(s, vm.start() - a, t) or _channel(s, 0, vm.start() - a, t)  # "Reuters reported, citing"
    for vm in verbs:
        if vm.start() > cue.end():
            return _subject(s, vm.start() - a, t)  # "Citing officials, the Courier reported that …"
    return None


def _prep(s: str, a: int, m: re.Match, t: Tables) -> _Found | None:
    rel = m.end() - a
    w = m.group()
    cue = w[:1].lower() + w[1:]
    k = rel + 1
    if s[k : k + 1] in ("„", "“", "\"", "»"):
        k += 1  # laut „Reuters“
    np = noun_phrase(s, k, t) if rel < len(s) and s[rel : rel + 1].isspace() else None
    if np is None and s[k : k + 4] in ("von ", "vom ") and " " in cue:
        np = noun_phrase(s, k + 4, t)  # "nach Angaben von Kristján Loftsson"
    if np is None:
        return _Found(cue, m.start(), m.end(), None) if " " in cue else None
    first = s[np[0] : np[1]].split()[0]
    if cue in ("per",) and not first[:1].isupper():
        return None  # "per cent", "per year"
    # "laut einem Bericht des X", "laut Angaben des X": the document joins the cue, X is the source
    words = list(_NONBLANK.finditer(s[np[0] : np[1]]))
    for i, wm in enumerate(words[:4]):
        word = wm.group().strip("(),")
        if word.lower() in t.doc_nouns and i + 1 < len(words):
            rest = np[0] + words[i + 1].start()
            nxt = words[i + 1].group().lower()
            if nxt in ("des", "der", "von", "vom", "of", "eines", "einer", "from", "by"):
                src_start = rest + (len(words[i + 1].group()) + 1 if nxt in ("von", "vom", "of", "from", "by") else 0)
                if src_start < np[1]:
                    return _Found(f"{cue} {s[np[0]:np[0] + wm.end()]}", m.start(), a + np[0] + wm.end(), (src_start, np[1]))
    return _Found(cue, m.start(), m.end(), np)


def _subject(s: str, pos: int, t: Tables) -> tuple[int, int] | None:
    """The noun phrase opening the clause that ends at ``pos`` (None if the clause opens otherwise)."""
    cstart = 0
    for cm in _CLAUSE_BOUNDARY.finditer(s, 0, pos):
        if s[cm.start()] == "(":
            if _PAREN_ACR.match(s, cm.start()) is not None:
                continue  # "the Food and Agriculture Organization (FAO) said": the acronym belongs to the name
            close = s.find(")", cm.end(), pos)
            if close >= 0 and len(s[cm.end() : close].split()) <= 3:
                continue  # "Katrin Loewe (parteilos) sagte": a short bracket inside the subject
        cstart = cm.end()
    clause = s[cstart:pos]
    words = clause.split()
    if not words:
        return None
    lead = words[0].strip("„“\"»«")
    if lead.lower() in ("wie", "as", "und", "and", "aber", "but", "doch", "denn", "dass", "that"):
        k = clause.find(words[0]) + len(words[0])
        cstart += k + 1
        words = words[1:]
        if not words:
            return None
        lead = words[0]
    low = lead.lower()
    if low in t.adverbs or (low in t.stop and low not in t.determiners):
        return None  # "ein Sprecher", "a spokesman": an article opens a subject
    start = cstart + (len(s[cstart:]) - len(s[cstart:].lstrip()))
    np = noun_phrase(s, start, t)
    if np is None:
        return None
    text = s[np[0] : np[1]]
    if text.lower() in t.determiners and text.lower() not in t.pronouns:
        return None
    return np


# a personal name as written: two to four capitalised words ("Jane Doe", "Mayor Jane Doe", "Hans-Peter Wolf")
_NAME_RUN = re.compile(r"(?<![\w-])[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?(?:[ \u00a0][A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?){1,3}(?![\w-])")


def _recent_person(text: str, start: int, pos: int, t: Tables, channel: str | None = None) -> str | None:
    """The last personal name written in ``text[start:pos]`` (this sentence and the one before it),
    for "she"/"er" as a source: the person the pronoun most likely refers to. ``channel``: the
    outlet the last source spoke to ("told the Nairobi Courier"), which is no person."""
    for m in reversed(list(_NAME_RUN.finditer(text, start, pos))):
        words = m.group().split()
        while words and (words[0].lower() in t.determiners or words[0].lower() in t.stop
                         or words[0].lower() in t.months or words[0].lower() in t.adverbs):
            words = words[1:]  # "The", "Last", a month: not part of the name
        if len(words) >= 2 and not any(w.lower() in t.media or w.lower() in t.doc_nouns for w in words):
            name = " ".join(words)
            if channel is not None and name == channel:
                continue
            return name
    return None


def _full_name(norm: str, words: list[str], st: _State, t: Tables) -> str:
    """A short name resolved to the full name of a source named before: "Ionescu", "Herr Ionescu"
    -> "Kapitän Radu Ionescu"; "die Behörde" -> "Hafenbehörde von Constanța"; "the agency" ->
    "Environment Agency". Otherwise ``norm`` unchanged."""
    if not st.names:
        return norm
    # the answer depends only on the name, the first word as written and the names so far
    key = (norm, words[0] if words else None)
    got = st.full_names.get(key)
    if got is None:
        got = st.full_names[key] = _resolve_name(norm, words, st, t)
    return got


def _resolve_name(norm: str, words: list[str], st: _State, t: Tables) -> str:
    core = norm.split()
    honorific = False
    while len(core) > 1 and core[0].lower().rstrip(".") in t.honorifics:
        core = core[1:]
        honorific = True
    if len(core) != 1:
        return norm
    word = core[0]
    back = words[0].lower() in t.definite
    low = word.lower()
    surname = word[:1].isupper() and (honorific or not back)
    inner = back and len(low) >= 4 and not honorific
    # the latest name that either ends on ``word`` (a surname: "Ionescu", "Mr. Reeves") or has a
    # word that is ``word`` or ends on it ("die Behörde" after "Hafenbehörde …", "the agency"
    # after "Environment Agency")
    best = st.by_last.get(word, -1) if surname else -1
    if inner:
        longer = len(low) + 2
        for i, n, whole in reversed(st.by_ending.get(low, ())):
            if i <= best:
                break
            if whole or n > longer:
                best = i
                break
    return st.names[best] if best >= 0 else norm


def _add_name(st: _State, name: str) -> None:
    i = len(st.names)
    st.names.append(name)
    st.name_set.add(name)
    parts = name.split()
    st.by_last[parts[-1]] = i
    for p in parts:
        low = p.lower()
        for k in range(4, len(low) + 1):
            st.by_ending.setdefault(low[-k:], []).append((i, len(p), k == len(low)))
    st.full_names.clear()


def _closing_clause(s: str, rel: int, rel_end: int, t: Tables) -> bool:
    """"The beds were enough, she added.", "…, the minister said on Tuesday.": a short reporting
    clause (subject and verb, a few words after it) closes a sentence after a comma."""
    if not t.closing_clause:
        return False
    last = None
    for last in _CLAUSE_BOUNDARY.finditer(s, 0, rel):
        pass
    if last is None or s[last.start()] != "," or _CLAUSE_BOUNDARY.search(s, rel_end) is not None:
        return False
    subject = s[last.end() : rel].split()
    return 1 <= len(subject) <= 5 and len(_WORDS.findall(s, rel_end)) <= 4 and len(s[: last.start()].split()) >= 3


def _last_comma(s: str, end: int) -> int:
    """The offset of the last comma in ``s[:end]`` that is no decimal mark ("2,5"), or -1."""
    k = s.rfind(",", 0, end)
    while k > 0 and k + 1 < len(s) and s[k - 1].isdigit() and s[k + 1].isdigit():
        k = s.rfind(",", 0, k)
    return k


def _apposition(s: str, rel: int, t: Tables) -> tuple[int, int] | None:
    """'Der Chef, Hans Müller, sagte': the phrase between the two commas before the verb."""
    before = s[:rel].rstrip()
    if not before.endswith(","):
        return None
    k = _last_comma(before, len(before) - 1)
    if k < 0:
        return None
    start = k + 1 + (len(s[k + 1 :]) - len(s[k + 1 :].lstrip()))
    return noun_phrase(s, start, t)


def _verb(s: str, a: int, m: re.Match, t: Tables, konj: bool = False) -> _Found | None:
    verb = m.group()
    rel, rel_end = m.start() - a, m.end() - a
    if t.articles and rel > 0 and s[rel - 1].isspace():
        pw = s[max(0, rel - 12) : rel].split()
        if pw and pw[-1].lower() in t.articles:
            return None  # "an estimated 420,000", "the alleged plan": an adjective, no verb of saying
    if verb in t.not_before_to and s.startswith(" to ", rel_end):
        return None  # "drivers are being asked to work longer": a request, not a statement
    # the rest of the clause after the verb
    nxt_b = _CLAUSE_BOUNDARY.search(s, rel_end)
    clause_end = nxt_b.start() if nxt_b else len(s.rstrip(".!?"))
    tail = _WORDS.findall(s, rel_end, clause_end)
    cue = verb
    particles = t.particles.get(verb)
    if verb in t.particle_required:
        if nxt_b is not None and s[nxt_b.start()] in _QUOTE_CHARS:
            # "wies den Vorwurf als „haltlos“ zurück": quotation marks inside the clause do not end it
            qb = _CLAUSE_NO_QUOTES.search(s, rel_end)
            tail = _WORDS.findall(s, rel_end, qb.start() if qb else len(s.rstrip(".!?")))
        tail_words = [w.lower() for w in tail]
        # a separable particle closes the clause: "teilte … mit", "gingen von … aus"
        anywhere = t.anywhere
        hit = next((p for p in (particles or ()) if tail_words[-len(p.split()):] == p.split()
                    or (len(p.split()) > 1 and tail_words[-1:] == p.split()[-1:] and p.split()[0] in tail_words)
                    or (p in anywhere and all(x in tail_words for x in p.split()))), None)
        if hit is None:
            return None
        n = len(hit.split())
        # the particle as written ("vertritt … die Ansicht") where it closes the clause
        cue = f"{verb} … {' '.join(tail[-n:]) if tail_words[-n:] == hit.split() else hit}"
    elif (tail and tail[-1].lower() in t.blocking and tail[-1].lower() not in (particles or ())
          and (t.particle_reach == 0 or len(tail) <= t.particle_reach)):
        return None  # "sagte den Termin ab", "called the meeting off" (not "said the deal was off")
    pas = _passive_agent(s, rel, rel_end, t) if verb not in t.quote_verbs else None
    if pas:
        # "wurden von der Reederei zurückgewiesen", "was denied by the company": the agent
        # speaks; the grammatical subject is what was said, never the source
        return _Found(cue, m.start(), m.end(), pas, None)
    before = s[:rel].rstrip()
    inverted = bool(before) and before[-1] in ",“”\"»«:–—"
    appo: tuple[int, int] | None = None
    if inverted and before[-1] == ",":
        k = _last_comma(before, len(before) - 1)
        ins = before[k + 1 : -1].split() if k >= 0 else []
        # unless a subject follows the verb ("…, sagte er"): German inversion
        if ins and ins[0].lower() in t.insertion_openers and not (
                t.lang.code == "de" and s[rel_end : rel_end + 1].isspace() and _after_verb(s, rel_end, t) is not None):
            # "Jane Doe, a senator from Ohio, said", "Hans Müller, der Chef des Verbands, sagte",
            # "Jane Doe, who leads the program, told": a description or relative clause between
            # the speaker and the verb
            name = _subject(s, k, t)
            if name is not None:
                appo, inverted = name, False
        elif ins and ins[0][:1].isupper() and ins[0].lower() not in t.determiners and not (
                t.lang.code == "de" and s[rel_end : rel_end + 1].isspace() and _after_verb(s, rel_end, t) is not None):
            # "Ursula Berg, Vorsitzende des Vereins, sagte": a person's name, then the role
            name = _subject(s, k, t)
            if name is not None and s[name[1] : k].strip() == "" and _is_name(s[name[0] : name[1]], t):
                appo, inverted = name, False
        if inverted:
            appo = _apposition(s, rel, t)
            if appo is not None and s[appo[1] :].strip().startswith(","):
                k = _last_comma(s, appo[0])
                if k >= 0 and s[k + 1 : appo[0]].strip() == "" and len(s[appo[0] : appo[1]].split()) <= 5:
                    inverted = False  # "Der Chef des Verbands, Hans Müller, sagte": an apposition, not a clause
    bare = False
    demand = t.demand_verbs.get(verb)
    if demand is not None and s[rel_end : rel_end + len(demand) + 2] == f" {demand} ":
        cue = f"{verb} {demand}"  # "called for a hearing": a demand
    elif verb in t.needs_clause and not inverted and not konj and verb not in t.quote_verbs:
        after = s[rel_end:].lstrip()
        intro = after[:1] in (",", ":", "„", "“", "\"", "»") or bool(after.split()[:1] and after.split()[0].lower().strip(",") in t.clause_intro)
        if not intro and nxt_b is not None and s[nxt_b.start()] in ",:":
            # "bestätigte X erstmals, … entsandt zu haben" / "erklärte, dass …"
            follow = _WORDS.findall(s, nxt_b.end(), nxt_b.end() + 200)
            intro = bool(follow) and (follow[0].lower() in t.clause_intro or "zu" in follow or s[nxt_b.start()] == ":")
        if not intro and t.bare_clause_words:
            # "Police believe the fire was set", "expect inflation to ease": a clause without "that"
            # (the phrase after the verb is then its subject, never the speaker)
            intro = bare = any(w.lower() in t.bare_clause_words for w in tail[1:6])
        if not intro and not _QUOTE_MARK.search(s):
            if not (_closing_clause(s, rel, rel_end, t)
                    or (verb in t.position_verbs and pas is None and _subject(s, rel, t) is not None)):
                return None
    if (verb not in t.needs_clause and t.object_blocker_re is not None and t.object_blocker_re.search(s)
            and not t.object_blockers.isdisjoint(_WORDS.findall(s))):
        return None  # "forderte zwölf Todesopfer": the verb claims lives, nobody says anything
    src = None
    via = None
    # the phrase after the verb (read only where it is used)
    if appo is not None and not inverted:
        src = appo
        if verb in t.addressee_verbs:
            post = _after_verb(s, rel_end, t)
            if post is not None and any(w[:1].isupper() for w in s[post[0] : post[1]].split()):
                via = post  # "…, Maria Okafor, told the Coastal Gazette"
    elif inverted and t.lang.code == "de":
        src = _after_verb(s, rel_end, t) or _apposition(s, rel, t)
    elif verb in t.addressee_verbs:
        # "told reporters": the phrase after the verb is who was told, never the speaker
        src = _subject(s, rel, t) or (_apposition(s, rel, t) if inverted else None)
    elif inverted:
        src = _subject(s, rel, t) or _after_verb(s, rel_end, t) or _apposition(s, rel, t)
    elif bare:
        src = _subject(s, rel, t)
    else:
        src = _subject(s, rel, t) or _after_verb(s, rel_end, t)
    if src is None and verb in t.from_verbs:
        src = _from_before(s, rel, t)
    if src is not None and via is None:
        # "sagte X der Nachrichtenagentur Agerpres": the outlet is the channel
        rm = _RECIPIENT.match(s, src[1])
        if rm:
            nx = _WORDS.match(s, rm.end())
            if nx and nx.group().lower() in t.media:
                via = noun_phrase(s, rm.end(), t)
    if verb in t.quote_verbs:
        # "KCNA quoted the military leadership": the object speaks, via the subject
        obj = noun_phrase(s, rel_end + 1, t) if rel_end < len(s) else None
        if src is not None and obj is not None and obj[0] > rel and obj != src:
            src, via = obj, src
    if pas is not None:
        return _Found(cue, m.start(), m.end(), None, None, True)  # a passive without its agent
    return _Found(cue, m.start(), m.end(), src, via)


_QUOTED_NAME = re.compile(r"\s+(?:(\w+)\s+)?[„“\"»]([^\W\d_][^„“”\"»«]{0,59})[“”\"«]")
_FROM_SOURCE = re.compile(r"(?<!\w)(?:[Aa]us|[Ff]rom)\s+")
_DE_AGENT = re.compile(r"(?<!\w)(?:von|vom|durch)\s+")
_EN_AGENT = re.compile(r"\s+by\s+")


def _passive_agent(s: str, rel: int, rel_end: int, t: Tables):
    """None if the verb at ``s[rel:rel_end]`` is no passive participle; else the agent phrase
    ("von der Reederei", "by the company") or () when the passive names no agent."""
    if not t.passive_aux:
        return None
    # the auxiliary is a word of the sentence (German: as written; English: in any case)
    low = s if t.lang.code == "de" else s.lower()
    if not any(aux in low for aux in t.passive_aux):
        return None
    cstart = 0
    for cm in _CLAUSE_BOUNDARY.finditer(s, 0, rel):
        cstart = cm.end()
    before = _WORDS.findall(s, cstart, rel)
    if not before:
        return None
    verb = s[rel:rel_end]
    if t.lang.code == "de":
        aux_i = next((i for i in range(len(before) - 1, -1, -1) if before[i] in t.passive_aux), None)
        after = _WORDS.findall(s, rel_end, rel_end + 12)[:1]
        if aux_i is None:
            if not (after and after[0] in t.passive_aux):
                return None  # "…, dass die Zahl bestätigt wurde": the auxiliary follows
            aux, agent_from = after[0], cstart
        else:
            aux, agent_from = before[aux_i], 0  # set below, once the clause is checked
        if aux in ("wird", "werden") and verb.endswith("en") and "ge" not in verb[:-2]:
            return None  # "wird … erklären": a future tense, not a passive
        if aux_i is not None:
            nb = _CLAUSE_BOUNDARY.search(s, rel_end)
            end = nb.start() if nb else len(s)
            if _WORDS.findall(s, rel_end, end)[:1] not in ([], ["worden"], ["sein"]):
                return None  # the participle closes a passive clause
            agent_from = s.find(before[aux_i], cstart)
        am = None
        for am in _DE_AGENT.finditer(s, agent_from, rel):
            pass
        if am is None:
            return ()
        np = noun_phrase(s[:rel], am.end(), t)
        if np is None:
            return ()
        if s[am.start() : am.start() + 3] == "vom":
            np = (am.start(), np[1])  # "vom Verband": the contracted article stays with the name
        return np
    # English: "was denied", "has been sharply criticised by": the auxiliary right before the verb
    lw = [w.lower() for w in before[-2:]]
    if not lw or not (lw[-1] in t.passive_aux or (len(lw) == 2 and lw[-2] in t.passive_aux and lw[-1].endswith("ly"))):
        return None
    nb = _CLAUSE_BOUNDARY.search(s, rel_end)
    end = nb.start() if nb else len(s)
    am = _EN_AGENT.search(s, rel_end, end)
    if am is None or len(_WORDS.findall(s, rel_end, am.start())) > 3:
        return ()
    np = noun_phrase(s, am.end(), t)
    return np or ()


def _is_name(phrase: str, t: Tables) -> bool:
    """A person's name as written (``_NAME_RUN``), not opened by an article ("Der Bürgermeister")."""
    return _NAME_RUN.fullmatch(phrase) is not None and phrase.split()[0].lower() not in t.determiners


# lower-case words before a title after the verb ("said state Sen. Mara Lind", "former Gov.")
_MODIFIED_TITLE = re.compile(r"\s+(?:[a-z]+\s+){1,2}([A-Z][a-z]{1,5})\.\s")


def _after_verb(s: str, rel_end: int, t: Tables) -> tuple[int, int] | None:
    """The noun phrase right after a verb of saying ending at ``rel_end`` ("sagte X")."""
    if t.reflexives and rel_end < len(s):
        rm = _WORDS.match(s, rel_end + 1)
        if rm is not None and rm.group() in t.reflexives:
            rel_end = rm.end()  # "äußerte sich der Präsident": the reflexive is no speaker
    post = noun_phrase(s, rel_end + 1, t) if rel_end < len(s) else None
    if post is None:
        qm = _QUOTED_NAME.match(s, rel_end)
        if qm is not None and (qm.group(1) is None or qm.group(1).lower() in t.determiners):
            return qm.span(2)  # "berichtete die „Automobilwoche“": the quoted title
    if post is None:
        tm = _MODIFIED_TITLE.match(s, rel_end)
        if tm is not None and tm.group(1).lower() in t.lang.titles:
            post = noun_phrase(s, tm.start(1), t)
    if post is None and rel_end < len(s):
        pm = _WORDS.match(s, rel_end + 1)
        if pm is not None and pm.group() in t.person_pronouns:
            return pm.span()  # "sagte sie", "so he said": a pronoun, resolved to a name later
    if post is not None:
        rest = s[post[1] :].lstrip()
        wm = _WORDS.match(rest) if t.lang.code != "de" and rest and rest[0] not in ",.;!?" else None
        if wm is not None and wm.group() in t.clause_intro:
            post = None  # "told reporters that …": an object, not the speaker
    return post


def _normalize(phrase: str, t: Tables, st: _State) -> str | None:
    """``normalize`` (a pure function of the phrase), asked once per phrase of the text."""
    try:
        return st.norms[phrase]
    except KeyError:
        got = st.norms[phrase] = normalize(phrase, t)
        return got


def _attribution(s: str, a: int, f: _Found, t: Tables, st: _State) -> Attribution:
    src = f.src
    src_text = s[src[0] : src[1]] if src else None
    via_text = s[f.via[0] : f.via[1]] if f.via else None
    norm = _normalize(src_text, t, st) if src_text else None
    if src_text and src:
        words = src_text.split()
        low = src_text.lower()
        if low in t.pronouns:
            channel = st.last.via if st.last is not None else None
            person = _recent_person(st.text, st.prev_start, a + src[0], t, channel) if low in t.person_pronouns else None
            norm = person or st.last_person or (st.last.normalized if st.last else None)
        elif low in t.there_words and st.report:
            norm = st.report
        elif len(words) <= 3 and st.report and words[0].lower() in t.back_reference:
            # "dem Bericht", "the report": the report named before
            head = words[-1]
            if head.lower() in t.report_nouns or (_normalize(head, t, st) or "").lower() in t.report_nouns:
                norm = st.report
        # remember named reports for later "dem Bericht", "heißt es darin"
        if norm and words[-1].lower() in t.report_nouns and low not in t.there_words and words[0].lower() not in t.back_reference:
            st.report = norm  # "laut einem internen Gutachten": the report itself is the source
        if f.cue and norm and t.report_re is not None:
            rm = t.report_re.search(f.cue)
            if rm and norm.lower() not in t.report_nouns:
                st.report = report_name(rm.group(), norm, t)
        if norm and low not in t.pronouns and low not in t.there_words and norm != st.report:
            norm = _full_name(norm, words, st, t)
        if low not in t.pronouns and norm:
            if len(words) >= 2 and words[-1][:1].isupper() and words[-2][:1].isupper():
                st.last_person = norm
            if len(norm.split()) >= 2 and norm not in st.name_set:
                _add_name(st, norm)
    if (src_text is None and st.last is not None and st.since < _INHERIT_WINDOW and not f.passive and not st.broken
            and st.para == st.last_para):
        # "…, hieß es." without a name: the last source
        last = st.last
        att = _att(last.source, last.normalized, f.cue, last.via, True, None, None, f.cue_start, f.cue_end)
    else:
        via_norm = _normalize(via_text, t, st) if via_text else None
        att = _att(
            src_text,
            norm if norm != src_text else (norm if norm else None),
            f.cue,
            via_norm or via_text,
            False,
            a + f.src[0] if f.src else None,
            a + f.src[1] if f.src else None,
            f.cue_start,
            f.cue_end,
        )
    if src_text is not None:
        st.last = att
        st.since = 0
        st.last_para = st.para
        st.broken = False
    else:
        st.since += 1
    return att
