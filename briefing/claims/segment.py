"""Sentence segmentation with exact character offsets.

One regex pass finds candidate sentence ends (``.``, ``!``, ``?``, ``…``, spaced ellipses, with
closing quotes or brackets and an optional footnote marker); each candidate is decided from the
token before it and the token after it, using the language tables (abbreviations, month names,
ordinal contexts, words that open sentences). Blank lines, list items and runs of short lines
always start a new sentence. Markdown list markers (``- ``, ``* ``) stay outside the sentences;
typographic bullets and item numbers (``• ``, ``1. ``) belong to their item. No character is ever
lost or moved: every span is ``text[start:end]`` trimmed of white space.
"""
from __future__ import annotations

import re

from .lang import Lang, load

_CLOSERS = "\"'“”»«‘’)\\]›‹"
_OPENERS = "\"'“„‚»«‘([¿¡"
# candidate end: terminator, closers, optional footnote marker, then a blank, the end, or (glued
# sentences "world.Today") a capitalised word. The regex starts at the terminator, so the C scanner
# skips ordinary text at full speed; the token before it is read afterwards (``_token_start``).
_CAND = re.compile(
    # the pattern opens with the terminator as a plain character class, so the regex engine skips
    # ordinary text between candidates without trying the pattern there; the alternatives then
    # check that first character from behind: a spaced ellipsis ". . .", "...", a run of
    # terminators, an emoticon ":-)" between blanks, a semicolon
    r"(?P<term>[.!?…‽:;](?:(?<=\s\.)(?: \.){2,3}|(?<=\.)\.\.|(?<=[.!?…‽])[.!?…‽]*|(?<=\s[:;])-?[()DP](?=\s)|(?<=;)))"
    r"(?P<close>[" + _CLOSERS + r"]*)"
    r"(?P<fn>\[\w{1,4}\]|\(\d{1,3}\))?(?=\s|$|(?P<glued>[A-ZÄÖÜ][a-zäöüß]))"
)
_NEXT = re.compile(r"\s*(\S+)")
_MD_MARKER = re.compile(r"[ \t]*[-*][ \t]+")
# list item at the start of a block: optional bullet, then a number or letter with its delimiter
_ITEM = re.compile(r"[ \t]*(?P<bullet>[•⁃·▪◦‣][ \t]*)?(?:(?P<num>\d{1,3})|(?P<let>[a-z]))(?P<delim>\.\)|\.|\))[ \t]+(?=\S)")
_BULLET_ONLY = re.compile(r"[ \t]*[•⁃·▪◦‣][ \t]*")
_BLOCK = re.compile(r"\n[ \t\r\f\v]*\n\s*|\n(?=[ \t]*(?:[-*•⁃·▪◦‣]|\d{1,3}[.)]|[a-z]\.)[ \t]+)")
_LINE = re.compile(r"\n")
_INITIALS = re.compile(r"^(?:[^\W\d_]\.)+[^\W\d_]$")
_DIGITS = re.compile(r"^[-–]?\d+(?:[.,]\d+)*$")
_WORD_BEFORE = re.compile(r"(\S+)\s+$")
_SPACED_ELLIPSIS_AHEAD = re.compile(r"\s\.(?: \.){2,}[" + _CLOSERS + r"]*(?:\s+(\S))?")
_CITATION = re.compile(r"\([^()\n]{1,40}\)[.,;:]")
_URLISH = re.compile(r"://|@|www\.|\.(?:com|org|net|de|uk|html?)\b", re.I)


def split_sentences(text: str, start: int = 0, end: int | None = None, lang: str | Lang | None = None) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` inside ``text[start:end]``, in order, trimmed of white space.

    ``lang`` is an ISO code ('de', 'en'), a loaded table, or None for the generic rules.
    """
    end = len(text) if end is None else max(0, min(end, len(text)))
    start = max(0, min(start, end))
    lg = lang if isinstance(lang, Lang) else load(lang)
    out: list[tuple[int, int]] = []
    pos = start
    for m in _BLOCK.finditer(text, start, end):
        _split_block(text, pos, m.start(), lg, out)
        pos = m.end()
    _split_block(text, pos, end, lg, out)
    return out


def _emit(text: str, s: int, e: int, out: list) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        out.append((s, e))


def _split_block(text: str, start: int, end: int, lg: Lang, out: list) -> None:
    if start >= end:
        return
    if text[start].isupper():
        # a block opening with a capital (most paragraphs) has no list marker, item label or bullet
        _split_text(text, start, start, end, lg, out)
        return
    md = _MD_MARKER.match(text, start, end)
    if md:
        start = md.end()
    item = _ITEM.match(text, start, end)
    if item and not _item_is_text(text, item, end, lg):
        # an inline list "1) first 2) second": cut before each following item number
        pos = start
        body = item.end()
        nxt_label = _next_label(item)
        while nxt_label is not None:
            pat = re.compile(r"\s(?:[•⁃·▪◦‣][ \t]*)?" + re.escape(nxt_label + item.group("delim")) + r"[ \t]+(?=\S)")
            m = pat.search(text, body, end)
            if not m:
                break
            _split_text(text, pos, body, m.start(), lg, out)
            pos = m.start()
            body = m.end()
            nxt_label = _next_label(item, nxt_label)
        _split_text(text, pos, body, end, lg, out)
        return
    bullet = _BULLET_ONLY.match(text, start, end)
    _split_text(text, start, bullet.end() if bullet else start, end, lg, out)


def _item_is_text(text: str, item: re.Match, end: int, lg: Lang) -> bool:
    """'3. April ...' or '1. FC ...' at a block start: a date or name, not a list item."""
    if item.group("num") is None or item.group("delim") != ".":
        return False
    nxt = _NEXT.match(text, item.end(), end)
    word = nxt.group(1).lower().strip(".,") if nxt else ""
    return word in lg.months or word in lg.ordinal_nouns


def _next_label(item: re.Match, cur: str | None = None) -> str | None:
    if item.group("num") is not None:
        return str(int(cur if cur is not None else item.group("num")) + 1)
    c = cur if cur is not None else item.group("let")
    return chr(ord(c) + 1) if c < "z" else None


def _split_text(text: str, start: int, body: int, end: int, lg: Lang, out: list) -> None:
    """Split ``text[start:end]`` into sentences; candidates are searched from ``body`` on."""
    pos = start
    if text.find("\n", body, end) >= 0:
        # runs of short lines ("features\ncontact manager\n...") are separate items
        cuts = _short_line_cuts(text, body, end)
    else:
        cuts = []
    ci = 0
    prev_end = body
    abbreviations = lg.abbreviations
    for c in _CAND.finditer(text, body, end):
        cut = c.end()
        # the token before the terminator: back to the last blank (or the previous candidate).
        # Every white-space character but the blank is unprintable, so a printable token found
        # back to the last blank is the whole token; otherwise walk back character by character.
        cs = c.start()
        ts = text.rfind(" ", prev_end, cs) + 1
        if ts < prev_end:
            ts = prev_end
        tok = text[ts:cs]
        if not tok.isprintable():
            ts = cs
            while ts > prev_end and not text[ts - 1].isspace():
                ts -= 1
            tok = text[ts:cs]
        prev_end = cut
        while ci < len(cuts) and cuts[ci] <= ts:
            _emit(text, pos, cuts[ci], out)
            pos = cuts[ci]
            ci += 1
        term, close, fn, glued = c.group("term", "close", "fn", "glued")
        if term == "." and not close and not fn and glued is None:
            # the common case "… word. Next" decided here, as _is_boundary would decide it
            word = tok.lstrip(_OPENERS)
            if len(word) >= 2 and word.isalpha() and not word.isupper() and word.lower() not in abbreviations:
                # the first character of the next word: mostly right after one blank
                if cut + 1 < end and text[cut] == " " and not text[cut + 1].isspace():
                    upper = text[cut + 1].isupper()
                else:
                    nxt = _NEXT.match(text, cut, end)
                    upper = nxt is None or nxt.group(1)[0].isupper()
                if upper:
                    # _emit, written out: the sentence ends on the period, its start is trimmed
                    while pos < cut and text[pos].isspace():
                        pos += 1
                    out.append((pos, cut))
                    pos = cut
                    continue
        if _is_boundary(text, c, tok, ts, cut, end, lg, pos):
            _emit(text, pos, cut, out)
            pos = cut
    while ci < len(cuts):
        if cuts[ci] > pos:
            _emit(text, pos, cuts[ci], out)
            pos = cuts[ci]
        ci += 1
    _emit(text, pos, end, out)


def _short_line_cuts(text: str, start: int, end: int) -> list[int]:
    lines = []
    pos = start
    for m in _LINE.finditer(text, start, end):
        lines.append((pos, m.start()))
        pos = m.end()
    lines.append((pos, end))
    cuts = []
    for (a, b), (c, d) in zip(lines, lines[1:]):
        prev, nxt = text[a:b], text[c:d]
        if prev and not prev[-1].isspace() and len(prev.split()) <= 3 and 0 < len(nxt.split()) <= 3:
            cuts.append(b)
    return cuts


def _is_boundary(text: str, c: re.Match, tok: str, tstart: int, cut: int, end: int, lg: Lang, pos: int) -> bool:
    nxt = _NEXT.match(text, cut, end)
    if nxt is None:
        return True
    tok = tok.lstrip(_OPENERS)
    term = c.group("term")
    if (term == "." and len(tok) >= 2 and nxt.group(1)[0].isupper() and tok.isalpha() and not tok.isupper()
            and c.group("glued") is None and not c.group("close") and not c.group("fn") and tok.lower() not in lg.abbreviations):
        return True  # the common case, "… word. Next": what the rules below decide for it, decided at once
    if c.group("glued") is not None:
        # "world.Today": two sentences without a blank, but not in URLs, file names, abbreviations
        chunk_end = text.find(" ", cut, end)
        chunk = text[tstart : chunk_end if chunk_end >= 0 else end]
        return (
            term == "."
            and len(tok) >= 2
            and (tok[-1].isdigit() or tok[-2:].isalpha() and tok[-2:].islower())
            and tok.lower() not in lg.abbreviations
            and "." not in tok
            and not _URLISH.search(chunk)
        )
    nword = nxt.group(1)
    first = nword[0]
    newline = "\n" in text[cut : nxt.start(1)]
    if first.islower() and not newline:
        return False
    if first in ",;:)]}":
        return False
    if first == "(" and _CITATION.match(text, nxt.start(1)):
        return False  # “…” (Smith 55).
    if c.group("fn"):
        return True
    if term[0] == "." and " " in term:  # spaced ellipsis ". . ." / ". . . ."
        return term.count(".") >= 4 and (first.isupper() or first in _OPENERS)
    if term == ";":  # "…; Der nächste Satz": a capitalised article or pronoun after a semicolon
        nlow = nword.lower()
        return first.isupper() and nlow in lg.strong_starters and bool(lg.raw.get("capital_after_semicolon_starts_sentence"))
    if term[0] in ":;":  # an emoticon ":-)" before a capital ends the sentence
        return first.isupper()
    if term in ("...", "…") or term[-1] == "…":
        # "Wort... Dann": glued to a word, a capital follows; standalone "..." needs a sentence opener
        nclean = nword.lstrip(_OPENERS).lower()
        return first in _OPENERS or nclean in lg.starters or (bool(tok) and tok[-1].isalnum() and first.isupper())
    if "." not in term:  # ! or ?
        return True
    if term != ".":
        return True  # "?." "!."
    if first == ".":
        # a glued period followed by a spaced ellipsis: "compounds. . . . The"
        m = _SPACED_ELLIPSIS_AHEAD.match(text, cut, end)
        return bool(m and m.group(1) and (m.group(1).isupper() or m.group(1) in _OPENERS))
    if c.group("close") and tok[-1:] != ".":
        return True  # closing quote after the period: „… Lust.“ Wir
    if not tok:
        return True
    low = tok.lower()
    if "-" in low[1:] and low.rsplit("-", 1)[1] in lg.abbreviations:
        low = low.rsplit("-", 1)[1]  # "Zimmermann-Str."
    nclean = nword.lstrip(_OPENERS).rstrip(".,;:!?\"'“”»«")
    nlow = nclean.lower()
    if len(tok) == 1 and tok.isalpha():
        # an initial ("H. W. Bush", "Josef K.") unless a sentence opener follows ("you and I. Did")
        if tok.islower() and low in lg.abbreviations:
            return False
        return nlow in lg.starters and not nclean.isupper()
    acronym = len(tok) >= 2 and tok.isupper() and tok.isalpha()  # "der FR." is a name, not "Fr."
    if not acronym and (low in lg.abbreviations or _INITIALS.match(tok)):
        if low not in lg.titles and nlow in lg.strong_starters and not nclean.isupper():
            return _words_before(text, pos, tstart) >= 3  # "… 1,24 Euro / Min. Und …"
        if low in lg.time_abbreviations and first.isupper() and nlow not in lg.time_zones and not nclean.isupper():
            return _words_before(text, pos, tstart) >= 3  # "… at 6 a.m. Okoro added": a name after a time
        if low in lg.final_abbreviations or (_INITIALS.match(tok) and low not in lg.abbreviations):
            # "etc. The", "U.S. He": ends the sentence when the next word usually opens one
            return nlow in lg.starters and not nclean.isupper() and _words_before(text, pos, tstart) >= 3
        return False
    if _DIGITS.match(tok):
        return _digit_boundary(text, tstart, tok.lstrip("-–"), nclean, nlow, lg)
    return True


def _words_before(text: str, start: int, end: int) -> int:
    """Number of words in ``text[start:end]`` (capped at 4, cheap)."""
    return len(text[max(start, end - 60) : end].split(None, 4))


def _digit_boundary(text: str, tstart: int, tok: str, nclean: str, nlow: str, lg: Lang) -> bool:
    """'am 1. März', 'im 15. Jahrhundert', '03.11.': German ordinals and dates do not end a sentence."""
    if not lg.ordinal_nouns and not lg.ordinal_before:
        if lg.code is not None:
            return True  # English: "He was 93. He ..."
    if nlow in lg.months or nlow in lg.ordinal_nouns:
        return False
    if "." in tok:  # 03.11. or 1.2.3.
        return nlow in lg.starters and not nclean.isupper()
    if "," in tok:
        return True
    if nlow in lg.starters and not nclean.isupper():
        return True  # "ab 3. Unsere …": an article or pronoun cannot follow an ordinal
    if len(tok) <= 3 and lg.ordinal_before:
        wb = _WORD_BEFORE.search(text, max(0, tstart - 40), tstart)
        if wb and wb.group(1).lower() in lg.ordinal_before:
            return False
    return True
