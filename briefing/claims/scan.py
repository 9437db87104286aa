"""Where the engine's whole-text patterns can match, found in one pass over the characters.

The trigger pattern (cue words and quotation marks) and the figure anchors (digits, currency
signs, words that open a date or a quantity) are searched in the whole text. Most of their
alternatives begin at the start of a word, yet the regex engine tries the pattern at every
character. Compiled (``scripts/build_native.py``), the loop below finds the few places where a
match can begin: the start of a word whose first letters open one of the alternatives, a digit,
or a listed mark. The pattern is then tried only there, with ``finditer``'s rules (leftmost,
not overlapping), so the matches are exactly those of ``pattern.finditer``: the places found
are a superset of the places where the pattern matches. Interpreted, a character loop is slower
than the regex engine; the callers then use ``finditer`` itself (``COMPILED`` is False).
"""
from __future__ import annotations

import re
from collections.abc import Iterable


def _probe() -> None:
    pass


# a compiled module's functions are built-in functions
COMPILED: bool = type(_probe).__name__ != "function"

_TOKEN = re.compile(r"\w+")


class Openings:
    """The ways a match can begin: the first word of a word alternative, a digit, a mark.

    ``Openings.joined`` puts several patterns' openings into one, so that one pass over the text
    lists the places of each (``places``); each word, mark and digit rule then carries the set of
    patterns it belongs to, as bits.
    """

    def __init__(self, words: Iterable[str], marks: str = "", digits: bool = False) -> None:
        forms = sorted(set(words))
        # a match of a word alternative begins with the alternative's first word (a run of word
        # characters), and the word in the text is that run too: the alternative either goes on
        # with a character that is no word character, or it is followed by none (``(?![\w-])``)
        firsts = [_TOKEN.match(w) for w in forms]
        self.usable: bool = all(m is not None and m.start() == 0 for m in firsts)
        # every alternative is one word: a listed place is then a match of a pattern made of the
        # words (``(?<![\w-])words(?!\w)``), runs of digits (``\d+``) and single marks
        self.single_words: bool = self.usable and all(_TOKEN.fullmatch(w) for w in forms)
        self.groups: int = 1
        self.tokens: dict[str, int] = {m.group(): 1 for m in firsts if m is not None}
        self.marks: dict[str, int] = {ch: 1 for ch in marks}
        self.digits: int = 1 if digits else 0
        self._index()

    @classmethod
    def joined(cls, parts: list[Openings]) -> Openings:
        """One set of openings for all of ``parts``: ``places`` gives one list per part, in order."""
        op = cls(())
        op.usable = all(p.usable for p in parts)
        op.single_words = all(p.single_words for p in parts)
        op.groups = len(parts)
        op.tokens, op.marks, op.digits = {}, {}, 0
        for k, part in enumerate(parts):
            bit = 1 << k
            for w in part.tokens:
                op.tokens[w] = op.tokens.get(w, 0) | bit
            for ch in part.marks:
                op.marks[ch] = op.marks.get(ch, 0) | bit
            if part.digits:
                op.digits |= bit
        op._index()
        return op

    def _index(self) -> None:
        tokens = self.tokens
        # the first two letters of every first word (a blank for a one-letter word), as a table
        # for letters below U+0100 (the usual case: checked without making a string)
        pairs = [False] * 65536
        wide: set[str] = set()
        for w in tokens:
            if ord(w[0]) < 256 and (len(w) == 1 or ord(w[1]) < 256):
                pairs[ord(w[0]) * 256 + (ord(w[1]) if len(w) > 1 else 32)] = True
            else:
                wide.add(w[:2])
        self.pairs: list[bool] = pairs
        self.wide: frozenset[str] = frozenset(wide)
        self.shortest: int = min((len(w) for w in tokens), default=0)
        self.longest: int = max((len(w) for w in tokens), default=0)


def _word(text: str, i: int) -> bool:
    r"""``text[i]`` is a word character (``\w``: alphanumeric or "_")."""
    c = ord(text[i])
    if c < 128:
        return (97 <= c <= 122) or (65 <= c <= 90) or (48 <= c <= 57) or c == 95
    return text[i].isalnum()


def _digit(text: str, i: int) -> bool:
    r"""``text[i]`` is a decimal digit (``\d``)."""
    c = ord(text[i])
    if c < 128:
        return 48 <= c <= 57
    return text[i].isdecimal()


def _opens(text: str, i: int, j: int, pairs: list[bool], wide: frozenset[str]) -> bool:
    """The word ``text[i:j]`` begins like one of the first words (its first two letters)."""
    c0 = ord(text[i])
    c1 = ord(text[i + 1]) if j > i + 1 else 32
    if c0 < 256 and c1 < 256:
        return pairs[c0 * 256 + c1]
    return text[i : min(j, i + 2)] in wide


def openings(text: str, lo: int, hi: int, op: Openings) -> list[int]:
    """Positions in ``text[lo:hi]``, in order, where a match can begin (a superset)."""
    return places(text, lo, hi, op)[0]


def places(text: str, lo: int, hi: int, op: Openings) -> list[list[int]]:
    """For each pattern of ``op`` (one, or those ``Openings.joined`` joined), the positions in
    ``text[lo:hi]``, in order, where a match can begin (a superset)."""
    outs: list[list[int]] = [[] for _ in range(op.groups)]
    out = outs[0]
    one = op.groups == 1
    tokens = op.tokens
    pairs = op.pairs
    wide = op.wide
    shortest = op.shortest
    longest = op.longest
    marks = op.marks
    digits = op.digits
    # a word alternative needs no word character and no "-" right before it (``(?<![\w-])``)
    free = not (lo > 0 and (_word(text, lo - 1) or text[lo - 1] == "-"))
    i = lo
    while i < hi:
        c = ord(text[i])
        if c == 32:
            free = True
            i += 1
            continue
        # the word-character test of _word, written out: this loop runs once per character
        if c < 128:
            w = (97 <= c <= 122) or (65 <= c <= 90) or (48 <= c <= 57) or c == 95
        else:
            w = text[i].isalnum()
        if not w:
            if c != 45:
                free = True
                if marks:
                    bits = marks.get(text[i], 0)
                    if bits:
                        _add(outs, out, one, bits, i)
            else:
                free = False
            i += 1
            continue
        # the word runs to j; note whether it holds a digit (only then are its digits looked at)
        numeric = digits != 0 and ((48 <= c <= 57) or (c >= 128 and text[i].isdecimal()))
        j = i + 1
        while j < hi:
            c = ord(text[j])
            if c < 128:
                if not ((97 <= c <= 122) or (65 <= c <= 90) or (48 <= c <= 57) or c == 95):
                    break
                if c <= 57:
                    numeric = numeric or (digits != 0 and c >= 48)
            elif not text[j].isalnum():
                break
            elif digits != 0 and not numeric and text[j].isdecimal():
                numeric = True
            j += 1
        bits = 0
        if free and shortest <= j - i <= longest and _opens(text, i, j, pairs, wide):
            bits = tokens.get(text[i:j], 0)
            if bits:
                _add(outs, out, one, bits, i)
        runs = digits & ~bits  # the patterns for which no word begins here look for runs of digits
        if numeric and runs:
            # a run of digits begins at its first digit (or at ``lo``); the search goes on after
            # the run, so no match can begin inside it
            in_run = i > lo and _digit(text, i - 1)
            while i < j:
                d = _digit(text, i)
                if d and not in_run:
                    _add(outs, out, one, runs, i)
                in_run = d
                i += 1
        i = j
        free = False
    return outs


def _add(outs: list[list[int]], out: list[int], one: bool, bits: int, i: int) -> None:
    """Adds place ``i`` to the list of each pattern in ``bits``."""
    if one:
        out.append(i)
        return
    k = 0
    while bits:
        if bits & 1:
            outs[k].append(i)
        bits >>= 1
        k += 1


def matches(pattern: re.Pattern, text: str, lo: int, hi: int, places: list[int]) -> list[re.Match]:
    """The matches ``pattern.finditer(text, lo, hi)`` gives, trying only ``places`` (sorted, a
    superset of the positions where it matches)."""
    out: list[re.Match] = []
    last = lo
    for p in places:
        if p < last:
            continue  # inside the previous match
        m = pattern.match(text, p, hi)
        if m is not None:
            out.append(m)
            e = m.end()
            last = e if e > p else p + 1
    return out
