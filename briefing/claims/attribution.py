"""Attribution: who a sentence comes from, with which cue, and normalised source names.

The cue tables come from the language data files; this module builds one fast trigger regex per
language (a prefix trie of every cue word, so a whole article is scanned in one C-level pass) and
the small helpers that read the source phrase around a cue: the noun phrase after a preposition
("laut Angaben des südkoreanischen Geheimdienstes"), before "zufolge", after "so", around a verb
of saying in either position ("X sagte", "…, sagte X", "teilte X … mit"), "heißt es in dem Bericht",
and chains ("wird X von KCNA zitiert", "KCNA quoted X").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .. import _regex
from .lang import Lang, load
from .scan import Openings

# ------------------------------------------------------------------------------ trigger regex

def trie_regex(words) -> str:
    """A regex alternation of ``words`` factored as a prefix trie (much faster than a flat list)."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    esc: dict[str, str] = {}

    def build(node: dict) -> str:
        # a chain of single letters is written out in one go; a branch becomes a group
        head: list[str] = []
        while len(node) == 1:
            ch = next(iter(node))
            if ch == "":
                return "".join(head)
            e = esc.get(ch)
            if e is None:
                e = esc[ch] = re.escape(ch)
            head.append(e)
            node = node[ch]
        if not node:
            return "".join(head)
        alts = []
        for ch in sorted(node):
            if ch != "":
                e = esc.get(ch)
                if e is None:
                    e = esc[ch] = re.escape(ch)
                alts.append(e + build(node[ch]))
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "".join(head) + ("(?:" + body + ")?" if "" in node else body)

    return build(trie)

@dataclass
class Tables:
    lang: Lang
    trigger: re.Pattern
    kinds: dict  # matched string -> frozenset of kinds
    verbs: frozenset
    particles: dict
    particle_required: frozenset
    blocking: frozenset
    needs_clause: frozenset
    clause_intro: frozenset
    stop: frozenset
    determiners: frozenset
    pronouns: frozenset
    person_pronouns: frozenset
    adverbs: frozenset
    media: frozenset
    doc_nouns: frozenset
    report_nouns: frozenset
    passive_aux: frozenset
    neuter: tuple
    months: frozenset
    konj_blockers: frozenset
    idioms: tuple
    hearsay_needs: frozenset
    non_comment: re.Pattern | None
    hearsay_modal: frozenset = frozenset()
    anywhere: frozenset = frozenset()
    quote_verbs: frozenset = frozenset()
    back_reference: frozenset = frozenset()  # "dem", "diesem", "the": a noun naming something said before
    report_re: re.Pattern | None = None
    object_blockers: frozenset = frozenset()
    object_blocker_re: re.Pattern | None = None  # any of them as a substring: a cheap test before the word test
    non_comment_hint: tuple[str, ...] | None = None  # every non-comment match contains one of these (None: no such test)
    there_words: frozenset = frozenset()  # "darin", "therein": the report named before
    voice_re: re.Pattern | None = None  # "Kritik kommt vom X", "Criticism came from X": X speaks
    position_verbs: frozenset = frozenset()  # "criticised the plan": a position stated with a plain object
    closing_clause: bool = False  # "…, she added.": a short reporting clause after a comma ends the sentence
    definite: frozenset = frozenset()  # "die", "the": "die Behörde" refers back to an agency named before
    honorifics: frozenset = frozenset()  # "herr", "mr": "Herr Ionescu", "Mr. Reeves" name a person named before
    trigger_openings: Openings | None = None  # where the trigger can match (see scan.py); None: search it everywhere
    particle_reach: int = 0  # a blocking particle counts only this many words after the verb (0: anywhere in the clause)
    citing_cues: frozenset = frozenset()  # "unter Berufung auf", "citing": the source, passed on by the verb's speaker
    participles: frozenset = frozenset()  # "seen", "given": past participles that end a noun phrase (English)
    participle_suffix: str = ""  # "ed": a lower-case word with it after the head is a participle ...
    participle_exceptions: frozenset = frozenset()  # ... unless it is one of these nouns ("need", "speed")
    from_verbs: frozenset = frozenset()  # "verlautete": the source is "aus X" before the verb
    not_before_to: frozenset = frozenset()  # "are being asked to work": a request, no speech
    articles: frozenset = frozenset()  # "an", "the": a verb form right after one is an adjective (not listed for German: "die sagte")
    reflexives: frozenset = frozenset()  # "sich": after a verb of saying, no speaker
    addressee_verbs: frozenset = frozenset()  # "told": the phrase after the verb is who was told
    insertion_openers: frozenset = frozenset()  # "a", "who": a description between speaker and verb
    doc_preps: tuple = ()  # the prepositions of document cues, lower-case, longest first ("according to", "laut")
    np_link_words: frozenset = frozenset()  # "für", "of": a complement inside a name ("Landesamt für Denkmalpflege")
    np_classes: dict = field(default_factory=dict)  # lower-case word -> its role in a noun phrase (see _np_classes)
    hearsay_words: frozenset = frozenset()  # "angeblich", "soll": hearsay markers, lower-case
    hearsay_idioms: tuple = ()  # word sets after "soll" that make it hearsay ("soll es sich um X handeln")
    bare_clause_words: frozenset = frozenset()  # "believe the fire was set": a clause without "that" (English)
    demand_verbs: dict = field(default_factory=dict)  # "called" -> "for": a demand, cue "called for"

_QUOTE_CHARS = "„“”»«\""
_NO_QUOTES = {ord(c): None for c in _QUOTE_CHARS}

def caps_forms(words) -> set[str]:
    """``words``, each also with a capital first letter."""
    forms = set()
    for w in words:
        forms.add(w)
        forms.add(w[:1].upper() + w[1:])
    return forms


def caps_alt(words) -> str:
    """Trie alternation of ``words``, each also with a capital first letter."""
    return trie_regex(sorted(caps_forms(words)))

def _required_text(patterns) -> tuple[str, ...] | None:
    """Plain text pieces such that every match of any of ``patterns`` contains one of them.

    For each pattern the longest literal run at its top level (outside groups and repeats, so
    every match contains it) is taken. None when some pattern has no such run or uses flags: then
    there is no cheap pre-test and the patterns are searched directly.
    """
    try:
        from re import _constants as sre_c, _parser as sre_p  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - the parser's place in other Python versions
        return None
    pieces = []
    for pat in patterns:
        try:
            parsed = sre_p.parse(pat)
        except re.error:
            return None
        if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
            return None
        runs, cur = [], []
        for op, av in parsed.data:
            if op is sre_c.LITERAL:
                cur.append(chr(av))
            elif cur:
                runs.append("".join(cur))
                cur = []
        if cur:
            runs.append("".join(cur))
        if not runs:
            return None
        pieces.append(max(runs, key=len))
    return tuple(sorted(set(pieces))) if pieces else None


@lru_cache(maxsize=16)
def tables(code: str | None) -> Tables | None:
    lg = load(code)
    if lg.code is None:
        return None
    kinds: dict[str, set] = {}

    def add(words, kind, caps=False):
        for w in words:
            kinds.setdefault(w, set()).add(kind)
            if caps and w[:1].islower():
                kinds.setdefault(w[:1].upper() + w[1:], set()).add(kind)

    add(lg.words("speech_verb_finite"), "verb")
    add(lg.words("prep_cues"), "prep", caps=True)
    add(lg.words("postposition_cues"), "post")
    add(lg.words("heisst_es"), "heisst", caps=True)
    add(lg.words("passive_quote_verbs"), "passive")
    if lg.raw.get("so_cue"):
        add([lg.raw["so_cue"]], "so")
    add(lg.words("hearsay"), "hearsay", caps=True)
    months = {m.lower() for m in lg.months}
    add([w for w in lg.words("hedges") if w.lower() not in months], "hedge", caps=True)
    add([w for w in lg.words("hedges") if w.lower() in months], "hedge")
    add(lg.words("subjunctive1"), "konj1")
    add(lg.words("subjunctive2"), "konj2")
    add(lg.words("reportative_adverbs"), "demnach", caps=True)
    add(lg.words("intention_modals"), "intention", caps=True)
    add(lg.words("voice_nouns"), "voice", caps=True)
    words = [w for w in kinds if w not in ("wie",)]
    cue = r"(?:" + trie_regex(words) + r")(?![\w-])"
    preps = lg.words("doc_cue_preps")
    openers = list(words)  # the words a trigger match can begin with (besides quotation marks)
    if preps:
        openers += caps_forms(preps)
        # "nach jüngsten Untersuchungen", "laut übereinstimmenden Angaben": a document noun after fillers
        fill = lg.raw.get("doc_cue_fillers") or r"\w+"
        docs = trie_regex(sorted(set(lg.words("document_nouns"))))
        suffixes = lg.words("document_suffixes")
        # "nach Polizeiangaben", "laut jüngsten Unternehmensangaben": a compound ending in a document noun
        compound = (r"|(?:" + fill + r"\s+){0,2}[\w-]+(?:" + trie_regex(sorted(suffixes)) + r")") if suffixes else ""
        cue = (r"(?P<docprep>(?:" + caps_alt(preps) + r")\s+(?:(?:" + fill + r"\s+){1,2}(?:" + docs + r")"
               + compound + r")(?![\w-]))|" + cue)
    # the word-start test comes first and once for all cues: inside words (most positions) the
    # engine gives up after that one test
    pattern = r"(?<![\w-])(?:" + cue + r")|[" + re.escape(_QUOTE_CHARS) + "]"
    nc = lg.words("non_comment")
    openings = Openings(openers, _QUOTE_CHARS)
    t = Tables(
        lang=lg,
        trigger=_regex.compile(pattern),
        kinds={k: frozenset(v) for k, v in kinds.items()},
        verbs=lg.set("speech_verb_finite", lower=False),
        particles={k: tuple(v) for k, v in (lg.raw.get("speech_verb_particles") or {}).items()},
        particle_required=lg.set("particle_required", lower=False),
        blocking=lg.set("blocking_particles"),
        needs_clause=lg.set("verbs_needing_clause", lower=False),
        clause_intro=lg.set("clause_introducers"),
        stop=lg.set("source_stop_words") | lg.set("speech_verb_finite") | lg.set("hedges") | lg.set("subjunctive1") | lg.set("hearsay_modal"),
        determiners=lg.set("determiners"),
        pronouns=lg.set("pronouns"),
        person_pronouns=lg.set("person_pronouns"),
        adverbs=lg.set("clause_start_adverbs"),
        media=lg.set("media_nouns"),
        doc_nouns=lg.set("document_nouns"),
        report_nouns=lg.set("report_nouns"),
        passive_aux=lg.set("passive_aux"),
        neuter=tuple(lg.words("neuter_suffixes")),
        months=frozenset(months),
        konj_blockers=lg.set("subjunctive1_blockers_before"),
        idioms=tuple(lg.words("subjunctive1_idioms")),
        hearsay_needs=lg.set("hearsay_modal_needs"),
        non_comment=_regex.compile("|".join(nc)) if nc else None,
        non_comment_hint=_required_text(nc),
        hearsay_modal=lg.set("hearsay_modal"),
        anywhere=lg.set("particles_anywhere"),
        quote_verbs=lg.set("passive_quote_verbs", lower=False) | frozenset(lg.words("active_quote_verbs")),
        back_reference=lg.set("back_reference_determiners"),
        object_blockers=lg.set("speech_object_blockers", lower=False),
        object_blocker_re=(_regex.compile("|".join(re.escape(w) for w in sorted(lg.set("speech_object_blockers", lower=False))))
                           if lg.words("speech_object_blockers") else None),
        there_words=lg.set("report_back_reference_words"),
        position_verbs=lg.set("position_verbs", lower=False),
        closing_clause=bool(lg.raw.get("reporting_clause_after_comma")),
        definite=lg.set("definite_articles"),
        honorifics=frozenset(w.lower().rstrip(".") for w in lg.words("honorifics")),
        voice_re=(_regex.compile(lg.raw["voice_pattern"].replace("NOUNS", caps_alt(lg.words("voice_nouns"))))
                  if lg.raw.get("voice_pattern") and lg.words("voice_nouns") else None),
        report_re=_regex.compile(r"(?<!\w)(?:" + caps_alt(lg.words("report_nouns")) + r")(?!\w)") if lg.words("report_nouns") else None,
        trigger_openings=openings if openings.usable else None,
        np_link_words=lg.set("np_links"),
        addressee_verbs=lg.set("addressee_verbs", lower=False),
        reflexives=lg.set("reflexive_pronouns", lower=False),
        articles=lg.set("articles"),
        not_before_to=lg.set("not_speech_before_to", lower=False),
        from_verbs=lg.set("from_source_verbs", lower=False),
        participles=lg.set("np_participles"),
        participle_suffix=str(lg.raw.get("np_participle_suffix") or ""),
        participle_exceptions=lg.set("np_participle_exceptions"),
        citing_cues=lg.set("citing_cues", lower=False),
        particle_reach=int(lg.raw.get("blocking_particle_reach") or 0),
        insertion_openers=lg.set("insertion_openers"),
        doc_preps=tuple(sorted({w.lower() for w in lg.words("doc_cue_preps")}, key=lambda w: -len(w.split()))),
        hearsay_words=lg.set("hearsay"),
        hearsay_idioms=tuple(frozenset(w.lower() for w in idiom.split()) for idiom in lg.words("hearsay_modal_idioms")),
        bare_clause_words=lg.set("bare_clause_words"),
        demand_verbs=dict(lg.raw.get("demand_verbs") or {}),
    )
    t.np_classes.update(_np_classes(t))
    return t

# ------------------------------------------------------------------------------ noun phrases

_WORD = re.compile(r"\(?[^\W_][\w.'’&/-]*\)?")
_ACRONYM = re.compile(r"^[A-ZÄÖÜ][A-ZÄÖÜ0-9&-]{1,9}$")
_PAREN_ACR = re.compile(r"\(([A-ZÄÖÜ][A-ZÄÖÜ0-9&-]{1,9})\)")
_INITIALISM = re.compile(r"^(?:[A-Z]\.){2,}$")
_GAP_OK = re.compile(r"^[ \t\u00a0„“”\"»«]*$")  # blanks, and quotation marks around a title

def _is_adjective(w: str, t: Tables) -> bool:
    lw = w.lower()
    if lw in t.stop or lw in t.determiners:
        return False
    if t.lang.code == "de":
        return w[:1].islower() and len(w) > 3 and lw.endswith(("e", "en", "er", "es", "em"))
    return w[:1].islower()

_NP_STOP, _NP_DET, _NP_GENDET, _NP_LINK, _NP_NAMELINK, _NP_COORD, _NP_TITLE = range(7)
_NAME_PARTICLES = ("van", "de", "al", "bin", "del", "da", "du")

def _np_classes(t: Tables) -> dict[str, int]:
    """Lower-case word -> its role in a noun phrase (one dict look-up per word)."""
    cls: dict[str, int] = {}
    for w in t.stop:
        cls[w] = _NP_STOP
    for w in t.determiners:
        cls[w] = _NP_DET
    for w in t.lang.words("np_genitive_determiners"):
        cls[w] = _NP_GENDET
    for w in _NAME_PARTICLES:
        cls[w] = _NP_NAMELINK
    for w in t.lang.words("np_links"):  # "von", "für", "of", "for": a complement after the head
        cls[w] = _NP_LINK
    for w in t.lang.words("np_coordination"):  # "und" inside a complement: "Bund für Umwelt und Naturschutz"
        cls[w] = _NP_COORD
    for w in t.lang.titles:
        cls.setdefault(w + ".", _NP_TITLE)
    for w in t.lang.words("hearsay") + t.lang.words("reportative_adverbs"):
        if " " not in w:
            cls.setdefault(w.lower(), _NP_STOP)  # "Corvale reportedly warned": the adverb ends the phrase
    return cls

_NP_RUN = re.compile(r"\(?[^\W_][\w.'’&/-]*\)?(?:[ \t\u00a0]*\(?[^\W_][\w.'’&/-]*\)?){0,13}")

def noun_phrase(s: str, pos: int, t: Tables, limit: int = 12) -> tuple[int, int] | None:
    """The noun phrase starting at ``pos`` in ``s`` (offsets into ``s``), or None.

    One regex takes the run of words separated only by blanks; each word then costs one dict
    look-up for its role. German: articles and adjectives before a head noun, capitalised nouns
    and names, a genitive ("des Verbands"), a complement with "von"/"für" (and "und" inside it),
    an acronym in brackets, which ends the phrase. Lower-case words after the head end it.
    """
    n0 = len(s)
    while pos < n0 and s[pos].isspace():
        pos += 1
    run = _NP_RUN.match(s, pos)
    if run is None:
        return None
    de = t.lang.code == "de"
    cls = t.np_classes
    abbrev = t.lang.abbreviations
    media = t.media
    # the words of the run (split in C); their offsets are found only for the word the phrase ends on
    words = run.group().split()
    end_i = -1  # the phrase ends on words[end_i] ...
    cut = 0  # ... less this many characters (a sentence-final period glued to it)
    has_head = False  # a head noun somewhere in the phrase
    part_head = False  # a head noun in the current part (after the last article/link)
    in_link = False
    last_i = -1
    for i, w in enumerate(words[:limit]):
        c0 = w[0]
        if c0 == "(":
            if has_head and w[-1] == ")" and _ACRONYM.match(w[1:-1]):
                end_i, cut = i, 0
                last_i = i
            break  # "Team (MSMT)" ends the phrase
        if w[-1] == ")":
            break
        lw = w.lower()
        k = cls.get(lw)
        dot = w[-1] == "."
        if k is None and dot:
            k = cls.get(lw[:-1])
            if k == _NP_TITLE or k == _NP_DET:
                k = None
        if k == _NP_TITLE or (c0.isupper() and w[1:2] == "." and _INITIALISM.match(w)):
            end_i, cut = i, 0
            last_i = i
            continue
        if k == _NP_DET or k == _NP_GENDET:
            if has_head:
                if de and k != _NP_GENDET:
                    break
                nxt = words[i + 1] if i + 1 < len(words) else ""
                if nxt.rstrip(".").lower() in media:
                    break  # "sagte X der Nachrichtenagentur Y": a dative recipient, not a genitive
                part_head = False

        elif k == _NP_LINK or k == _NP_NAMELINK:
            if not has_head:
                break
            part_head = False
            in_link = in_link or k == _NP_LINK

        elif k == _NP_COORD:
            nxt_cap = i + 1 < len(words) and words[i + 1][0].isupper()
            truncated = i > 0 and words[i - 1][-1] == "-"  # "Kongress- und Verteidigungskreise"
            # "Food and Drug Administration": capitalised words on both sides, the name goes on
            in_name = (nxt_cap and part_head and i + 2 < len(words) and words[i + 2][0].isupper()
                       and words[i - 1][0].isupper() and cls.get(words[i + 2].lower()) is None)
            if not (nxt_cap and ((in_link and part_head) or truncated or in_name)):
                break
            part_head = False

        elif k == _NP_STOP and (de or i == 0 or cls.get(words[i - 1].lower()) != _NP_DET):
            break  # (English: after an article a verb form is a noun, "the state transport department")
        elif k == _NP_STOP:
            has_head = part_head = True
        elif c0.isupper() or c0.isdigit():
            if dot and not (lw[:-1] in abbrev or _ACRONYM.match(w[:-1])):
                end_i, cut = i, 1  # sentence end glued to the word
                last_i = i
                break
            has_head = part_head = True

        elif de:
            # a lower-case adjective before the head noun ("der rumänischen Hafenbehörde")
            if len(w) <= 3 or not lw.endswith(("e", "en", "er", "es", "em")):
                break
            if part_head:
                # "Mannheims oberster Bürgermeister": a possessor name in -s, then the phrase goes on
                prev = words[i - 1]
                if not (prev[-1] == "s" and prev[0].isupper() and i + 1 < len(words) and words[i + 1][0].isupper()):
                    break
                part_head = False

        else:
            if has_head and _participle(lw.rstrip("."), t):
                break  # "an internal audit seen by …": a participle after the head ends the phrase
            if dot and lw[:-1] not in abbrev:
                end_i, cut = i, 1
                last_i = i
                has_head = True
                break
            has_head = part_head = True

        if dot and k is None and lw[:-1] not in abbrev:
            end_i, cut = i, 1
            last_i = i
            break
        end_i, cut = i, 0
        last_i = i
    if end_i < 0:
        return None
    # trim trailing function words and (German) adjectives without a noun
    while last_i >= 0:
        w = words[last_i]
        if cls.get(w.lower()) in _NP_TRIM or (de and w[0].islower()):
            last_i -= 1
        else:
            break
    if last_i < 0:
        return None
    # offsets: the words lie in order in the run
    off = pos
    offs = []
    for w in words[: max(end_i, last_i) + 1]:
        off = s.find(w, off)
        offs.append(off)
        off += len(w)
    w = words[last_i]
    end = min(offs[end_i] + len(words[end_i]) - cut, offs[last_i] + len(w))
    if s[end - 1] == "." and cls.get(w.lower()) != _NP_TITLE and w.lower()[:-1] not in abbrev and not _INITIALISM.match(w):
        end -= 1
    return (pos, end) if end > pos else None

def _participle(lw: str, t: Tables) -> bool:
    """A lower-case word that is a past participle ("seen", "obtained"), by the language's lists."""
    if lw in t.participles:
        return True
    suffix = t.participle_suffix
    return bool(suffix) and len(lw) > len(suffix) + 2 and lw.endswith(suffix) and lw not in t.participle_exceptions


_NP_TRIM = frozenset((_NP_DET, _NP_GENDET, _NP_LINK, _NP_NAMELINK, _NP_COORD))

def np_before(s: str, pos: int, t: Tables, limit: int = 8) -> tuple[int, int] | None:
    """The noun phrase ending just before ``pos`` (for "X zufolge")."""
    words = [m for m in _WORD.finditer(s, max(0, pos - 200), pos)]
    j = len(words)
    start = None
    while j > 0 and len(words) - j < limit:
        m = words[j - 1]
        gap = s[m.end() : (words[j].start() if j < len(words) else pos)]
        if not _GAP_OK.match(gap):
            break
        w = m.group().strip("()").rstrip(".")
        lw = w.lower()
        # "Landesamt für Denkmalpflege": a link word inside a name, with a capitalised word before it
        link = lw in t.np_link_words and j >= 2 and words[j - 2].group()[:1].isupper()
        if lw in t.stop and lw not in ("von",) and not link:
            break
        if not (w[:1].isupper() or lw in t.determiners or _is_adjective(w, t) or lw == "von" or link):
            break
        start = m.start()
        j -= 1
    if start is None:
        return None
    return start, pos - (len(s[:pos]) - len(s[:pos].rstrip()))

# ------------------------------------------------------------------------------ normalisation

def normalize(phrase: str | None, t: Tables | None) -> str | None:
    """A normalised source name: nominative without article, acronym for "Long Name (ACR)"."""
    if not phrase:
        return None
    for q in _QUOTE_CHARS:
        if q in phrase:
            phrase = " ".join(phrase.translate(_NO_QUOTES).split())  # "der „Lokalpost“": a title's marks are no part of it
            break
    m = _PAREN_ACR.search(phrase)
    if m:
        # "Food and Agriculture Organization (FAO)": the acronym of the name; "Minister Jana Roth
        # (CDU)": a party or employer, dropped (its letter opens none of the name's words)
        acr = m.group(1)
        named = [w for w in phrase[: m.start()].split()
                 if w[:1].isupper() and "." not in w and (t is None or w.lower() not in t.determiners)]
        if not named or named[0][0] == acr[0]:
            return acr
        phrase = (phrase[: m.start()].rstrip() + phrase[m.end() :]).strip()
    words = phrase.split()
    if not words or t is None:
        return phrase
    first = words[0].lower()
    art = None
    if first in ("in", "aus", "von", "vom", "bei", "beim", "seitens", "of", "from", "by", "im"):
        words = words[1:]
        if first in ("vom", "beim", "im"):
            art = "dem"
    if words and words[0].lower() in t.determiners:
        art = words[0].lower()
        words = words[1:]
    if not words:
        return phrase
    if len(words) >= 2 and _ACRONYM.match(words[-1]) and words[-2][:1].isupper() and not _ACRONYM.match(words[-2]):
        return words[-1]  # "Nordkoreas staatliche Nachrichtenagentur KCNA" -> "KCNA"
    if t.lang.code != "de":
        # "Dr. Alan Moore of the U.K. Energy Institute": a titled person, the of-phrase is his affiliation
        if "of" in words[2:] and words[0].lower().rstrip(".") in t.lang.titles:
            return " ".join(words[: words.index("of", 2)])
        return " ".join(words)
    if art is None:
        return " ".join(words)
    # German: adjectives and head noun back to the nominative
    gen = art in ("des", "eines", "dieses", "seines", "ihres", "unseres")
    fem_pl = art in ("der", "einer", "dieser", "seiner", "ihrer", "den", "unserer")
    dat = art in ("dem", "einem", "diesem", "seinem", "ihrem", "unserem")
    out = []
    head_done = False
    head_idx = None
    for i, w in enumerate(words):
        if head_done:
            out.append(w)
            continue
        if w[:1].islower() and w.endswith("en") and len(w) > 4:
            out.append(w)  # fixed below, once the head's gender is known
            continue
        if w[:1].isupper():
            head_idx = len(out)
            head = w
            if gen and not _ACRONYM.match(w):
                head = _strip_genitive(w)
            out.append(head)
            head_done = True
            continue
        out.append(w)
    if head_idx is None:
        return " ".join(words)
    neuter = out[head_idx].lower().endswith(t.neuter)
    ending = "e" if fem_pl else ("es" if neuter else "er")
    if gen or fem_pl or dat:
        for i in range(head_idx):
            w = out[i]
            if w[:1].islower() and w.endswith("en") and len(w) > 4:
                out[i] = w[:-2] + ending
    return " ".join(out)

def _strip_genitive(w: str) -> str:
    if w.endswith("nisses"):
        return w[:-3]
    if w.endswith(("enten", "anten", "isten", "ologen")):
        return w[:-2]
    if w.endswith("es") and len(w) > 5 and w[-3] not in "aeiouäöüy":
        return w[:-2]
    if w.endswith("s") and len(w) > 3 and not w.endswith("ss"):
        return w[:-1]
    return w

def report_name(noun: str, owner: str, t: Tables) -> str:
    """'MSMT-Bericht' / 'MSMT report' for the report of ``owner``."""
    noun = noun.strip()
    if t.lang.code == "de":
        base = _strip_genitive(noun) if noun.endswith("s") else noun
        return f"{owner}-{base}" if " " not in owner else f"{base} ({owner})"
    return f"{owner} {noun.lower()}" if " " not in owner else f"{noun.lower()} ({owner})"
