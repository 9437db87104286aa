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
    """The ways a match can begin: the first word of a word alternative, a digit, a mark."""

    def __init__(self, words: Iterable[str], marks: str = "", digits: bool = False) -> None:
        forms = sorted(set(words))
        # a match of a word alternative begins with the alternative's first word (a run of word
        # characters), and the word in the text is that run too: the alternative either goes on
        # with a character that is no word character, or it is followed by none (``(?![\w-])``)
        firsts = [_TOKEN.match(w) for w in forms]
        self.usable: bool = all(m is not None and m.start() == 0 for m in firsts)
        tokens = frozenset(m.group() for m in firsts if m is not None)
        self.tokens: frozenset[str] = tokens
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
        self.marks: frozenset[str] = frozenset(marks)
        self.digits: bool = digits
        # every alternative is one word: a listed place is then a match of a pattern made of the
        # words (``(?<![\w-])words(?!\w)``), runs of digits (``\d+``) and single marks
        self.single_words: bool = self.usable and all(_TOKEN.fullmatch(w) for w in forms)


def _word(text: str, i: int) -> bool:
    """``text[i]`` is a word character (``\w``: alphanumeric or "_")."""
    c = ord(text[i])
    if c < 128:
        return (97 <= c <= 122) or (65 <= c <= 90) or (48 <= c <= 57) or c == 95
    return text[i].isalnum()


def _digit(text: str, i: int) -> bool:
    """``text[i]`` is a decimal digit (``\d``)."""
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
    out: list[int] = []
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
                if marks and text[i] in marks:
                    out.append(i)
            else:
                free = False
            i += 1
            continue
        j = i + 1
        while j < hi:
            c = ord(text[j])
            if c < 128:
                if not ((97 <= c <= 122) or (65 <= c <= 90) or (48 <= c <= 57) or c == 95):
                    break
            elif not text[j].isalnum():
                break
            j += 1
        if free and shortest <= j - i <= longest and _opens(text, i, j, pairs, wide) and text[i:j] in tokens:
            out.append(i)
        elif digits:
            # a run of digits begins at its first digit (or at ``lo``); the search goes on after
            # the run, so no match can begin inside it
            in_run = i > lo and _digit(text, i - 1)
            while i < j:
                d = _digit(text, i)
                if d and not in_run:
                    out.append(i)
                in_run = d
                i += 1
        i = j
        free = False
    return out


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
