"""Figures and dates as written, with normalised values where possible.

Two regex passes over the text: dates first (day + month + year, month + year, "Ende April",
"im vergangenen Herbst", "vor einem Jahr", "last week", weekdays, years), then quantities (digit
numbers in the language's notation, spelled-out numbers, scale words, units, currency and the
counted noun: "11.000 Soldaten", "6,9 Mrd. Euro", "13 %", "neun Millionen"). Identifiers
("18/13166", "G40", "Hwasong-18"), numbers right after an identifier word ("Nr. 4", "No. 7",
"Artikel 5": the language's ``identifier_words``) and numbers inside dates are not quantities.
A season named on its own ("im Winter", "bis in den Sommer", "in the summer") is a date when the
word before it is one of the language's ``season_before`` (a compound such as "Sommerferien" is
no season; in English a season that modifies a noun, "the winter storm", is none either).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .. import _regex
from ..model import Figure
from ._fast import trusted
from .attribution import caps_alt, caps_forms, trie_regex

_figure = trusted(Figure, ("kind", "text", "start", "end", "value", "unit", "iso"))
from .lang import load
from .scan import COMPILED, Openings, matches, openings


class _Ix:
    """The number of each group the figure code reads, in one pattern (0: the pattern has none)."""

    def __init__(self, index: dict[str, int]) -> None:
        self.y1 = index.get("y1", 0)
        self.y2 = index.get("y2", 0)
        self.y3 = index.get("y3", 0)
        self.y4 = index.get("y4", 0)
        self.y5 = index.get("y5", 0)
        self.y6 = index.get("y6", 0)
        self.mon = index.get("mon", 0)
        self.mon3 = index.get("mon3", 0)
        self.m2 = index.get("m2", 0)
        self.day = index.get("day", 0)
        self.d2 = index.get("d2", 0)
        self.day2 = index.get("day2", 0)
        self.num = index.get("num", 0)
        self.word = index.get("word", 0)
        self.scale = index.get("scale", 0)
        self.unit = index.get("unit", 0)
        self.noun = index.get("noun", 0)
        self.cur = index.get("cur", 0)
        self.wscale = index.get("wscale", 0)
        self.wscale2 = index.get("wscale2", 0)
        self.wunit = index.get("wunit", 0)
        self.wnoun = index.get("wnoun", 0)
        self.y7 = index.get("y7", 0)
        self.y8 = index.get("y8", 0)
        self.season = index.get("season", 0)
        self.sq = index.get("sq", 0)
        self.rel = index.get("rel", 0)
        self.hol = index.get("hol", 0)


@dataclass
class _FigTables:
    number: re.Pattern
    months: dict
    number_words: dict
    scales: dict
    de: bool
    anchor: re.Pattern  # words and digits where a figure can start: only there are the big patterns tried
    led: re.Pattern  # the same anchors, found from the character before a word (see _anchors)
    either: re.Pattern  # a date, else a quantity, in one call (group "isdate" tells which)
    openings: Openings | None = None  # where ``anchor`` can match (see scan.py)
    either_ix: _Ix = field(default_factory=lambda: _Ix({}))  # group numbers, for ``either`` and ``number``
    number_ix: _Ix = field(default_factory=lambda: _Ix({}))
    # words after which a number is an identifier ("Nr. 4"): any case, as written, compound endings, marks
    id_any: frozenset = frozenset()
    id_exact: frozenset = frozenset()
    id_endings: tuple = ()
    id_marks: str = ""
    id_last: str = ""  # the last characters of those words (both cases) and the marks: a quick test
    # a season standing alone: the words that may come before it (lower case), the season names as
    # the language writes them inside a sentence, and (None: no check) the words that may follow it
    season_before: frozenset = frozenset()
    season_forms: frozenset = frozenset()
    season_next: frozenset | None = None
    # number words that stand for a person after these words ("no one", "every one"): no quantity
    pronoun_words: frozenset = frozenset()
    pronoun_after: frozenset = frozenset()
    # "mehrere Hundert", "a few thousand": a round number word after a vague word is no count
    vague_before: tuple = ()
    vague_numbers: frozenset = frozenset()
    # "a third straight loss": a fraction word followed by a word other than these is an ordinal
    frac_ordinals: frozenset = frozenset()
    frac_next: frozenset = frozenset()
    # "Jens Morgen": a time word (as written) right after a capitalised word is a surname, unless
    # that word (lower case) is one of ``surname_not_after`` ("am Morgen", "Heute Morgen")
    surname_words: frozenset = frozenset()
    surname_not_after: frozenset = frozenset()


@lru_cache(maxsize=16)
def _tables(code: str | None) -> _FigTables | None:
    lg = load(code)
    if lg.code is None:
        return None
    de = lg.code == "de"
    months = {k: v for k, v in lg.months.items()}
    # month names are capitalised; only a short form takes a period ("Jan. 2024"), a full name
    # followed by a period ends the sentence ("… im Januar.")
    full = sorted({m[:1].upper() + m[1:] for m in months if len(m) > 4 or m in ("mai", "may", "juni", "juli", "june", "july", "märz")})
    short = sorted({m[:1].upper() + m[1:] for m in months} - set(full))
    # a short form stands for a month only with its period or before a number ("Dr. Jan Berger" is a name)
    month_re = r"(?:(?:" + trie_regex(full) + r")|(?:" + trie_regex(short) + r")(?:\.(?=\s)|(?=\s*\d)))"
    wd = caps_alt(lg.words("weekdays"))
    seasons = caps_alt(lg.words("seasons"))
    deictic = caps_alt(lg.words("deictic_adjectives"))
    rel = caps_alt(lg.words("relative_time_words"))
    units_t = caps_alt(lg.words("time_units"))
    nw = {k.lower(): v for k, v in (lg.raw.get("number_words") or {}).items()}
    nwords = caps_alt(nw)
    quals = caps_alt(lg.words("period_qualifiers"))
    # "mid-April": qualifiers that may be joined to the month by a hyphen
    hyph = lg.words("period_qualifiers_hyphenated")
    qual_sep = r"(?:(?:" + quals + r")\s+" + (r"|(?:" + caps_alt(hyph) + r")-" if hyph else "") + r")"
    year = r"(?<![\d.,/-])(?:1[5-9]\d\d|20\d\d)(?![\d/-]|[.,]\d)"
    season_names = lg.words("season_names")
    # a season named on its own ("im Winter", "in late summer"), checked per figure (_season_ok);
    # a qualifier that is itself a season ("Sommer") does not lead one
    sq = [w for w in lg.words("period_qualifiers") if w.lower() not in {s.lower() for s in season_names}]
    season_alt = ""
    if season_names:
        season_alt = (r"|(?<![\w-])(?:(?P<sq>" + caps_alt(sq) + r")[\s-]+)?(?P<season>" + caps_alt(season_names) + r")(?![\w-])"
                      + r"(?:\s+" + ("" if de else r"(?:of\s+)?") + r"(?P<y7>" + year + r"))?")
    # a clock time ("6 Uhr", "7.30 a.m.", "14:15 Uhr"), also the first of a range ("zwischen 23 und 6 Uhr")
    clock_words = "|".join(re.escape(w) for w in sorted(lg.words("clock_words"), key=len, reverse=True))
    clock = ""
    if clock_words:
        time_re = r"\d{1,2}(?:[.:][0-5]\d)?"
        clock = (r"(?<![\w.,:])" + time_re + r"(?:\s?(?:" + clock_words + r")(?![\w])"
                 + (r"|(?=\s+(?:" + caps_alt(lg.words("clock_range_words")) + r")\s+" + time_re + r"\s?(?:" + clock_words
                    + r")(?![\w]))" if lg.words("clock_range_words") else "") + r")|")
    # named holidays ("nach Ostern", "before Christmas", "New Year's Eve")
    hol_alt = ""
    if lg.words("holidays"):
        hol_alt = r"|(?<![\w-])(?P<hol>" + trie_regex(sorted(lg.words("holidays"))) + r")(?![\w'’-])"
    if de:
        date = (
            clock +
            r"(?<![\w.])(?:(?:" + quals + r")\s+)?(?P<day>\d{1,2})\.\s?(?P<mon>" + month_re + r")(?:\s+(?P<y1>" + year + r"))?"
            r"|(?<![\w.])(?P<d2>\d{1,2})\.(?P<m2>\d{1,2})\.(?P<y2>(?:19|20)?\d\d)?(?![\d])"
            r"|(?<![\w.])(?:(?:" + quals + r")\s+)?(?P<mon3>" + month_re + r")(?:\s+(?P<y3>" + year + r"))?(?![\w])"
            r"|(?<![\w])(?:(?:" + quals + r")\s+)?(?:(?:" + deictic + r")\s+)(?:" + seasons + r"|" + wd + r"|" + month_re + r")(?![\w])"
            # "in den ersten drei Monaten des Jahres": a stretch of the calendar year
            r"|(?<![\w])(?:" + deictic + r")\s+(?:\d+|" + nwords + r")\s+(?:" + units_t + r")\s+des\s+Jahres(?![\w])"
            r"|(?<![\w])(?:" + quals + r")\s+(?:des\s+Jahres|(?P<y4>" + year + r"))"
            r"|(?<![\w])(?:vor|Vor)\s+(?:(?:fast|genau|knapp|rund|etwa|mehr\s+als|über|gut)\s+){0,3}(?:\d+|einem|einer|" + nwords + r")\s+(?:" + units_t + r")(?![\w])"
            r"|(?<![\w.])\d{1,2}\.\s?(?:Jahrhunderts?|Jahrtausends?)"
            + hol_alt +
            r"|(?<![\w])(?P<rel>" + wd + r"|" + rel + r")(?![\w])"
            r"|(?<![\w])(?:Jahr|Jahres|Jahren)\s+(?P<y5>" + year + r")"
            + season_alt +
            r"|(?P<y6>" + year + r")"
        )
    else:
        date = (
            clock +
            r"(?<![\w])" + qual_sep + r"?(?:(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+)?(?P<mon>" + month_re + r")"
            r"(?:\s+(?P<day2>\d{1,2})(?:st|nd|rd|th)?(?![\d]))?(?:,?\s+(?P<y1>" + year + r"))?(?![\w])"
            # "the first half (of the year)", "the first three months of the year"
            r"|(?<![\w])(?:" + deictic + r")\s+(?:(?:" + seasons + r"|" + wd + r"|" + month_re + r")(?![\w])"
            r"(?:\s+of\s+(?:the\s+year|(?P<y8>" + year + r"))(?![\w]))?"
            r"|(?:\d+|" + nwords + r")\s+(?:" + units_t + r")\s+of\s+(?:the\s+year|" + year + r")(?![\w]))"
            r"|(?<![\w])(?:\d+|a|an|one|" + nwords + r")\s+(?:" + units_t + r")\s+(?:ago|earlier|later)(?![\w])"
            + hol_alt +
            r"|(?<![\w])(?P<rel>" + wd + r"|" + rel + r")(?![\w])"
            + season_alt +
            r"|(?P<y6>" + year + r")(?:s(?![\w]))?"
        )
    scales = {k.lower(): v for k, v in (lg.raw.get("scale_words") or {}).items()}
    scale_re = caps_alt(scales)
    unit_re = trie_regex(sorted(set(lg.words("units"))))
    if de:
        num = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
        noun = r"(?:[a-zäöüß]+(?:e|en|er|es|em)\s+)?[A-ZÄÖÜ][\w-]*[a-zäöüß]"
    else:
        num = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
        # an adjective before the counted noun ("three main transformers") is no unit: the number stands alone
        noun = (r"(?!(?:" + caps_alt(lg.words("source_stop_words") + lg.words("determiners") + lg.words("count_modifiers")
                                     + lg.words("not_counted_nouns"))
                + r")\b)[a-z][a-z-]+[a-z](?<!ly)(?<!ing)(?<!ed)")
    counted_one = (lg.raw.get("counted_one") or {}).get("pattern")
    number = (
        r"(?P<cur>[$€£]\s?)?(?<![\w/.,-])(?P<num>" + num + r")(?![\w/]|[.,]\d|-(?![a-zäöüß]{2})\w)"
        r"(?:\s?(?P<scale>" + scale_re + r")(?![\w]))?"
        r"(?:\s?(?P<unit>" + unit_re + r")(?![\w])|\s(?P<noun>" + noun + r")(?![\w]))?"
        # "two hundred thousand": a second scale word multiplies again
        r"|(?<![\w-])(?P<word>" + nwords + r")(?![\w-])(?:\s(?P<wscale>" + scale_re + r")(?![\w])"
        r"(?:\s(?P<wscale2>" + scale_re + r")(?![\w]))?)?"
        r"(?:\s(?P<wunit>" + unit_re + r")(?![\w])|\s(?P<wnoun>" + noun + r")(?![\w]))?"
        + (r"|(?<![\w])" + counted_one + r"(?![\w])" if counted_one else "")
    )
    starts = set(months) | {w.lower() for w in lg.words("weekdays") + lg.words("deictic_adjectives") + lg.words("relative_time_words")}
    starts |= {w.split()[0].lower() for w in lg.words("period_qualifiers")} | set(nw) | {w.lower() for w in lg.words("ago_before")}
    starts |= {"jahr", "jahres", "jahren", "a", "an", "one"} if de else {"a", "an", "one"}
    starts |= {w.lower() for w in season_names}
    starts |= {w.split()[0].lower() for w in lg.words("holidays")}
    if counted_one:
        starts |= {w.lower() for w in re.findall(r"[^\W\d_]+", counted_one)}
    words = r"(?:" + caps_alt(sorted(starts)) + r")(?![\w])"
    anchor = _regex.compile(r"\d+|[$€£]|(?<![\w-])" + words)
    # the same anchors, but every match starts with a digit or a character that is no word
    # character, so the regex engine skips the letters inside words without trying the pattern
    # there: a run of digits, a word led by a non-word character other than "-" (group "w"), or a
    # currency sign; a currency sign leading a word gives both anchors.
    led = _regex.compile(r"[\d\W](?:(?<=\d)\d*|(?<!-)(?P<w>" + words + r")|(?<=[$€£]))")
    either = _regex.compile(r"(?P<isdate>(?:" + date + r"))|(?:" + number + r")")
    # the anchor words in the forms caps_alt gives them, for the compiled scan
    op = Openings(caps_forms(starts), "$€£", digits=True)
    number_re = _regex.compile(number)
    ids = lg.words("identifier_words")
    nxt = lg.raw.get("season_next_words")
    pronouns = lg.raw.get("pronoun_numbers") or {}
    vague = lg.raw.get("vague_amounts") or {}
    fracs = lg.raw.get("fraction_ordinals") or {}
    surnames = lg.raw.get("time_word_surnames") or {}
    # a capitalised word before a time word that is no first name: prepositions, articles, other
    # time words ("Heute Morgen", "Montag Abend") and the words the language lists
    not_name = set(surnames.get("not_after", ()))
    for key in ("source_stop_words", "date_prepositions", "season_before", "determiners", "definite_articles",
                "deictic_adjectives", "relative_time_words", "weekdays", "clause_start_adverbs", "sentence_starters",
                "period_qualifiers"):
        not_name.update(lg.words(key))
    ft = _FigTables(number_re, months, nw, scales, de, anchor, led, either, op if op.usable else None,
                      _Ix(dict(either.groupindex)), _Ix(dict(number_re.groupindex)),
                      frozenset(w for w in ids if w[:1].isalpha() and w == w.lower()),
                      frozenset([w for w in ids if w[:1].isalpha() and w != w.lower()] + [w.upper() for w in ids if w[:1].isalpha()]),
                      tuple(w.lower() for w in lg.words("identifier_word_endings")),
                      "".join(w for w in ids if not w[:1].isalpha()),
                      "".join(sorted({c for w in ids + lg.words("identifier_word_endings") for c in (w[-1:].lower(), w[-1:].upper())})),
                      frozenset(w.lower() for w in lg.words("season_before")),
                      frozenset(season_names),
                      None if nxt is None else frozenset(w.lower() for w in nxt),
                      frozenset(w.lower() for w in pronouns.get("words", ())),
                      frozenset(w.lower() for w in pronouns.get("after", ())))
    ft.vague_before = tuple(sorted((w.lower() for w in vague.get("before", ())), key=len, reverse=True))
    ft.vague_numbers = frozenset(w.lower() for w in vague.get("numbers", ()))
    ft.frac_ordinals = frozenset(w.lower() for w in fracs.get("words", ()))
    ft.frac_next = frozenset(w.lower() for w in fracs.get("fraction_next", ()))
    ft.surname_words = frozenset(surnames.get("words", ()))
    ft.surname_not_after = frozenset(w.lower() for w in not_name)
    return ft


def _after_identifier(text: str, p: int, lo: int, ft: _FigTables) -> bool:
    """The figure at ``p`` follows an identifier word ("Nr. 4", "No. 7", "§ 5"), looking no
    further back than ``lo``: it is then a name, not a quantity or a year."""
    j = p
    if j > lo and text[j - 1] in " \u00a0":
        j -= 1
    if j <= lo:
        return False
    c = text[j - 1]
    if c not in ft.id_last:
        return False
    if c in ft.id_marks:
        return True
    dot = c == "."
    if dot:
        j -= 1
    k = j
    while k > lo and (text[k - 1].isalpha() or text[k - 1] == "-"):
        k -= 1
    if k == j or (k > lo and text[k - 1].isalnum()):
        return False
    w = text[k:j].rsplit("-", 1)[-1]
    low = text[k:j].lower()
    if dot:
        w += "."
    if w in ft.id_exact or w.lower() in ft.id_any:
        return True
    if not dot:
        for e in ft.id_endings:
            if low.endswith(e) and len(low) > len(e):
                return True
    return False


def _word_before(text: str, p: int, lo: int) -> str:
    """The word that ends before position ``p`` (after blanks), looking no further back than ``lo``."""
    j = p
    while j > lo and text[j - 1] in " \u00a0\n":
        j -= 1
    k = j
    while k > lo and text[k - 1].isalpha():
        k -= 1
    return text[k:j]


def _word_after(text: str, e: int) -> str:
    """The letters after one space at ``e`` ("" when no space follows)."""
    if e >= len(text) or text[e] != " ":
        return ""
    n = e + 1
    while n < len(text) and text[n].isalpha():
        n += 1
    return text[e + 1 : n]


def _season_ok(text: str, m: re.Match, lo: int, ft: _FigTables) -> bool:
    """A season standing alone is a date after one of the language's ``season_before`` words
    ("im Winter", "in the summer") or a qualifier ("late summer"); where the language lists the
    words that may follow it, another lower-case word after it makes it a modifier ("the winter
    storm"). A season the language writes in lower case but the text capitalises after a
    lower-case word is a name ("the Winter Olympics")."""
    g, ix = _groups(m, ft)
    word = _g(g, ix.season) or ""
    e = m.end("season")
    before = _word_before(text, m.start(), lo)  # (the qualifier's, when one leads)
    if word not in ft.season_forms and word.lower() in ft.season_forms and not before[:1].isupper():
        return False  # "the Winter Olympics", "Prague Spring"
    if not _g(g, ix.sq) and before.lower() not in ft.season_before:
        return False
    if ft.season_next is not None and not _g(g, ix.y7):
        after = _word_after(text, e)
        if after[:1].islower() and after not in ft.season_next:
            return False
    return True


def _after_first_name(text: str, p: int, lo: int, ft: _FigTables) -> bool:
    """The time word at ``p`` follows a capitalised word and one space, looking no further back
    than ``lo``, and that word is no preposition, article, time word or other word the language
    lists (``time_word_surnames``): it is then a first name and the time word a surname ("Jens
    Morgen", "Paul Abend"), while "am Morgen", "Heute Morgen" and "Montag Abend" stay dates."""
    j = p - 1
    if j <= lo or text[j] not in " \u00a0":
        return False
    k = j
    while k > lo and text[k - 1].isalpha():
        k -= 1
    w = text[k:j]
    if len(w) < 2 or not w[0].isupper() or not w[1:].islower():
        return False
    if k > lo and (text[k - 1].isalnum() or text[k - 1] in "_."):
        return False
    return w.lower() not in ft.surname_not_after


def _holiday_ok(text: str, e: int, ft: _FigTables) -> bool:
    """A holiday ending at ``e`` is a date, unless (where the language lists the words that may
    follow a season, as English does) another word runs on from it: a lower-case word that is not
    listed makes it a modifier ("the Christmas market"), a capitalised one a name ("Easter Island")."""
    if ft.season_next is None:
        return True
    after = _word_after(text, e)
    if not after:
        return True
    if after[:1].isupper():
        return False
    return after in ft.season_next


def _vague_before(text: str, s: int, lo: int, ft: _FigTables) -> bool:
    """One of the language's vague words ("mehrere", "ein paar", "several", "a few") ends right
    before ``s``, after ``lo``, separated from it by spaces."""
    j = s
    while j > lo and text[j - 1] in " \u00a0":
        j -= 1
    if j == s:
        return False
    low = text[max(lo, j - 16):j].lower()
    for ph in ft.vague_before:
        if low.endswith(ph):
            a = j - len(ph)
            if a >= lo and (a == 0 or not text[a - 1].isalnum()):
                return True
    return False


def _fraction_is_ordinal(text: str, e: int, ft: _FigTables) -> bool:
    """A fraction word that is also an ordinal ("a third"), ending at ``e``, followed by a word
    that is not one of the language's ``fraction_next`` words: an ordinal ("a third straight
    loss", "a third consecutive dry winter"), while "a third of the budget" and "cut by a third."
    stay fractions."""
    if e >= len(text) or text[e] not in " \u00a0":
        return False
    n = e + 1
    while n < len(text) and (text[n].isalpha() or text[n] == "-"):
        n += 1
    after = text[e + 1:n].lower()
    return bool(after) and after not in ft.frac_next


def _groups(m: re.Match, ft: _FigTables) -> tuple[tuple, _Ix]:
    """The groups of a match of ``either`` or ``number`` and their numbers (cheaper than
    ``groupdict``, which makes a dict of every group for each figure)."""
    return m.groups(), (ft.either_ix if m.re is ft.either else ft.number_ix)


def _g(groups: tuple, k: int) -> str | None:
    """Group number ``k`` of a match, None when it took no part or ``k`` is 0 (no such group)."""
    return groups[k - 1] if k else None


def _anchors(ft: _FigTables, text: str, start: int, end: int):
    """Start positions of the matches of ``ft.anchor`` in ``text[start:end]``, in order."""
    pos = start
    if start == 0:
        m = ft.anchor.match(text, 0, end)
        if m and not text[0].isdigit() and text[0] not in "$€£":
            yield 0  # a word at the very start: no character before it to lead it
            pos = m.end()
    elif not (text[start - 1].isalnum() or text[start - 1] in "_-"):
        pos = start - 1  # the character before ``start`` may lead a word at ``start``
    for m in ft.led.finditer(text, pos, end):
        w = m.start("w")
        if w < 0:
            p = m.start()
            if p >= start:
                yield p
            continue
        p = m.start()
        if p >= start and text[p] in "$€£":
            yield p
        yield w


def extract_figures(text: str, start: int, end: int, lang: str | None, anchor_places: list[int] | None = None) -> list[Figure]:
    """Figures (kind "date" and "number") in ``text[start:end]``, in text order, not overlapping.
    ``anchor_places``: where the anchor can match in that range, when the caller's scan found them."""
    ft = _tables(lang)
    if ft is None:
        return []
    end = min(end, len(text))  # a range past the end of the text stops at its end
    start = max(0, min(start, end))
    out: list[Figure] = []
    last = start
    op = ft.openings
    if op is not None and (COMPILED or anchor_places is not None):
        # the anchor pattern is digits, currency signs and single words: every place the scan
        # lists is one of its matches (else each place is tried)
        places = anchor_places if anchor_places is not None else openings(text, start, end, op)
        if not op.single_words:
            places = [m.start() for m in matches(ft.anchor, text, start, end, places)]
    else:
        places = _anchors(ft, text, start, end)
    for p in places:
        if p < last:
            continue
        # one call tries the date pattern, then the quantity pattern (the group names differ)
        m = ft.either.match(text, p, end)
        if m is None:
            continue
        e = m.end()
        if m.start("isdate") >= 0:
            if e > p:
                ix = ft.either_ix
                if ix.season and m.start(ix.season) >= 0 and not _season_ok(text, m, start, ft):
                    last = e
                    continue
                if ix.rel and m.start(ix.rel) >= 0 and text[p:e] in ft.surname_words and _after_first_name(text, p, start, ft):
                    last = e  # "Jens Morgen": a surname, no time of day
                    continue
                if ix.hol and m.start(ix.hol) >= 0 and not _holiday_ok(text, e, ft):
                    last = e  # "the Christmas market", "Easter Island": a modifier or a name
                    continue
                if ix.y6 and m.start(ix.y6) >= 0 and _after_identifier(text, p, start, ft):
                    last = e  # "Resolution Nr. 1718": a name, not a year
                    continue
                out.append(_figure("date", text[p:e], p, e, None, None, _iso(m, ft)))
                last = e
                continue
            m = ft.number.match(text, p, end)  # an empty date: the quantity pattern on its own
        if m and m.end() > p:
            fig = _number(text, m, ft, last)
            if fig is not None:
                if not _after_identifier(text, m.start(), start, ft):  # "Nr. 4": a name, no quantity
                    out.append(fig)
            last = m.end()
    # each figure starts at or after its anchor and ends before the next anchor tried, so ``out``
    # is already in text order
    return out


def _iso(m: re.Match, ft: _FigTables) -> str | None:
    g, ix = _groups(m, ft)
    year = _g(g, ix.y1) or _g(g, ix.y3) or _g(g, ix.y4) or _g(g, ix.y5) or _g(g, ix.y6) or _g(g, ix.y7) or _g(g, ix.y8)
    mon = _g(g, ix.mon) or _g(g, ix.mon3)
    month = ft.months.get(mon.lower().rstrip(".")) if mon else None
    m2 = _g(g, ix.m2)
    if m2:
        month = int(m2) if 1 <= int(m2) <= 12 else None
        year = _g(g, ix.y2)
        if year and len(year) == 2:
            year = "20" + year if int(year) < 50 else "19" + year
    day = _g(g, ix.day) or _g(g, ix.d2) or _g(g, ix.day2)
    if year and month and day and 1 <= int(day) <= 31:
        return f"{year}-{month:02d}-{int(day):02d}"
    if year and month:
        return f"{year}-{month:02d}"
    if year and not mon:
        return year
    return None


def _number(text: str, m: re.Match, ft: _FigTables, lo: int) -> Figure | None:
    """The quantity matched by ``m`` (None: no quantity). ``lo``: where the figure may begin at the
    earliest (the end of the previous one)."""
    g, ix = _groups(m, ft)
    s, e = m.span()
    value = None
    unit = None
    num = _g(g, ix.num)
    word = _g(g, ix.word) if not num else None
    if num:
        raw = num
        if ft.de:
            raw = raw.replace(".", "").replace(",", ".")
        else:
            raw = raw.replace(",", "")
        try:
            value = float(raw)
        except ValueError:
            value = None
        scale = _g(g, ix.scale)
        unit = _g(g, ix.unit) or _g(g, ix.noun)
        cur = _g(g, ix.cur)
        if cur:
            s = m.start(ix.cur)
            # a country's letters before the sign belong to it ("A$3,000", "US$4.2 million")
            k = s
            while k > lo and s - k < 3 and text[k - 1].isupper():
                k -= 1
            if k < s and (k == 0 or not text[k - 1].isalnum()):
                s = k
            unit = text[s:m.start(ix.cur)] + cur.strip() + (" " + unit if unit else "")
    elif word:
        if word.lower() in ft.pronoun_words and _word_before(text, s, lo).lower() in ft.pronoun_after:
            return None  # "no one", "every one": a person, not a count
        low = word.lower()
        if low in ft.vague_numbers and _vague_before(text, s, lo, ft):
            return None  # "mehrere Hundert Flaschen", "a few thousand": a vague amount, no count
        if low in ft.frac_ordinals and _fraction_is_ordinal(text, m.end(ix.word), ft):
            return None  # "a third straight loss": an ordinal, no fraction
        value = ft.number_words.get(low)
        scale = _g(g, ix.wscale)
        scale2 = _g(g, ix.wscale2)
        if scale2 and value is not None:
            value *= ft.scales.get(scale2.lower(), 1)
        unit = _g(g, ix.wunit) or _g(g, ix.wnoun)
    else:  # "mindestens ein": the count is the point; the qualifier is not part of the figure
        w = m.group().split()[-1]
        s = e - len(w)
        return _figure("number", text[s:e], s, e, 1.0, None, None)
    if scale and value is not None:
        value *= ft.scales.get(scale.lower(), 1)
    if unit:
        unit = unit.split()[-1] if not unit.startswith(("$", "€", "£")) else unit
    return _figure("number", text[s:e], s, e, None if value is None else float(value), unit, None)
