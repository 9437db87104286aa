"""Fonts the PDF embeds (DejaVu, shipped in resources/fonts) and the coverage check.

DejaVu Sans and Serif cover Latin (all German characters), Greek and Cyrillic.

Reading a font costs time on every export, so

* every face is registered with reportlab under its name, but its file is read only when
  text is first measured or drawn in it (a brief usually shows three of the eight faces);
* the glyph tables (character map, widths, glyph offsets) are read in bulk with
  ``struct.unpack_from`` instead of reportlab's one call per number, about ten times faster;
  the result is the same, field for field (a test compares it with reportlab's own reader),
  and a font our reader does not handle goes through reportlab's reader unchanged.
"""
from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from ..paths import resources_dir

FAMILIES = {
    "serif": {"regular": "DejaVuSerif", "bold": "DejaVuSerif-Bold", "italic": "DejaVuSerif-Italic",
              "bolditalic": "DejaVuSerif-BoldItalic"},
    "sans": {"regular": "DejaVuSans", "bold": "DejaVuSans-Bold", "italic": "DejaVuSans-Oblique",
             "bolditalic": "DejaVuSans-BoldOblique"},
}
WORD_NAMES = {"serif": "DejaVu Serif", "sans": "DejaVu Sans"}

# Characters that never need a glyph (line breaks, joiners, soft hyphen ...).
_IGNORED = {"\n", "\r", "\t", "\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}


def font_path(face: str) -> str:
    return str(resources_dir() / "fonts" / f"{face}.ttf")


@lru_cache(maxsize=None)
def _classes():
    """The reportlab font classes with our bulk table reader and deferred loading (built on
    first use, so that importing this module does not import reportlab)."""
    from fnmatch import fnmatch
    from struct import unpack_from
    from weakref import WeakKeyDictionary

    from reportlab import rl_config
    from reportlab.pdfbase import ttfonts
    from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes, TTFont, TTFontFace, TTFontFile

    unshaped = getattr(ttfonts, "unShapedFontGlob", ())

    class Face(TTFontFace):
        """A TrueType face whose glyph tables are read in bulk."""

        def extractInfo(self, charInfo=1):
            TTFontFile.extractInfo(self, 0)  # names, head, OS/2, post, hhea, maxp: a few fields
            if charInfo and not self._glyph_tables():
                TTFontFile.extractInfo(self, charInfo)  # a layout we do not read: reportlab's way

        def _glyph_tables(self) -> bool:
            """cmap (formats 4 and 12), hmtx and loca as reportlab's ``extractInfo`` reads them;
            False (nothing set) for anything else."""
            data, table = self._ttf_data, self.table
            if not all(t in table for t in ("head", "hhea", "cmap", "hmtx", "loca")):
                return False
            head = table["head"]["offset"]
            index_to_loc, glyph_format = unpack_from(">hh", data, head + 50)
            if glyph_format != 0 or index_to_loc not in (0, 1):
                return False
            (n_metrics,) = unpack_from(">H", data, table["hhea"]["offset"] + 34)
            n_glyphs = self.numGlyphs
            if n_metrics == 0 or n_metrics > n_glyphs:
                return False
            # the subtable reportlab picks: the last one that matches its rules
            cmap = table["cmap"]["offset"]
            version, count = unpack_from(">HH", data, cmap)
            if count == 0 and version != 0:
                count = version
            encoffs, enc = None, 0
            for n in range(count):
                platform, encoding, offset = unpack_from(">HHL", data, cmap + 4 + 8 * n)
                if platform == 3:
                    enc, encoffs = 1, offset
                elif platform == 1 and encoding == 0 and enc != 1:
                    enc, encoffs = 2, offset
                elif platform == 1 and encoding == 1:
                    enc, encoffs = 1, offset
                elif platform == 0 and encoding != 5:
                    enc, encoffs = 1, offset
            if encoffs is None:
                return False
            encoffs += cmap
            char_to_glyph: dict[int, int] = {}
            glyph_to_char: dict[int, list[int]] = {}
            (fmt,) = unpack_from(">H", data, encoffs)
            if fmt == 12:  # groups of (first char, last char, first glyph)
                (groups,) = unpack_from(">L", data, encoffs + 12)
                for first, last, glyph in zip(*[iter(unpack_from(f">{3 * groups}L", data, encoffs + 16))] * 3):
                    inc = glyph - first
                    for u in range(first, last + 1):
                        char_to_glyph[u] = u + inc
                        glyph_to_char.setdefault(u + inc, []).append(u)
            elif fmt == 4:
                self._cmap4(data, encoffs, char_to_glyph, glyph_to_char)
            else:
                return False
            # hmtx: (advance, left side bearing) pairs, then bearings that reuse the last advance
            hmtx = table["hmtx"]["offset"]
            pairs = unpack_from(f">{2 * n_metrics}H", data, hmtx)
            bearings = unpack_from(f">{n_glyphs - n_metrics}H", data, hmtx + 4 * n_metrics)
            loca = table["loca"]["offset"]
            if index_to_loc == 0:
                glyph_pos = [v << 1 for v in unpack_from(f">{n_glyphs + 1}H", data, loca)]
            else:
                glyph_pos = list(unpack_from(f">{n_glyphs + 1}L", data, loca))
            scale = self._pdfScale
            widths: dict[int, float] = {}
            hmetrics = list(zip(pairs[0::2], pairs[1::2]))
            aw = None
            for glyph, (advance, _lsb) in enumerate(hmetrics):
                aw = scale(advance)
                chars = glyph_to_char.get(glyph)
                if chars:
                    for ch in chars:
                        widths[ch] = aw
            # reportlab keeps the *scaled* last advance for the glyphs without their own
            hmetrics.extend((aw, lsb) for lsb in bearings)
            for glyph in range(n_metrics, n_glyphs):
                chars = glyph_to_char.get(glyph)
                if chars:
                    for ch in chars:
                        widths[ch] = aw
            self.charToGlyph, self.glyphToChar = char_to_glyph, glyph_to_char
            self.charWidths, self.hmetrics, self.glyphPos = widths, hmetrics, glyph_pos
            self.defaultWidth = scale(pairs[0])
            self._pos = loca + (n_glyphs + 1) * (2 if index_to_loc == 0 else 4)  # where reportlab stops
            if 0x20 in char_to_glyph:
                char_to_glyph[0xA0] = char_to_glyph[0x20]
                widths[0xA0] = widths[0x20]
            elif 0xA0 in char_to_glyph:
                char_to_glyph[0x20] = char_to_glyph[0xA0]
                widths[0x20] = widths[0xA0]
            return True

        @staticmethod
        def _cmap4(data, encoffs: int, char_to_glyph: dict, glyph_to_char: dict) -> None:
            """A format 4 character map (segments of consecutive characters)."""
            (length,) = unpack_from(">H", data, encoffs + 2)
            limit = encoffs + length
            seg = unpack_from(">H", data, encoffs + 6)[0] // 2
            ends = unpack_from(f">{seg}H", data, encoffs + 14)
            starts = unpack_from(f">{seg}H", data, encoffs + 16 + 2 * seg)
            deltas = unpack_from(f">{seg}h", data, encoffs + 16 + 4 * seg)
            range_start = encoffs + 16 + 6 * seg
            ranges = unpack_from(f">{seg}H", data, range_start)
            for n in range(seg):
                start, end, delta, ro = starts[n], ends[n], deltas[n], ranges[n]
                if ro == 0:
                    for u in range(start, end + 1):
                        g = (u + delta) & 0xFFFF
                        char_to_glyph[u] = g
                        glyph_to_char.setdefault(g, []).append(u)
                    continue
                base = range_start + 2 * n + ro
                for u in range(start, end + 1):
                    offset = base + (u - start) * 2
                    if offset >= limit:  # a broken font: reportlab maps these to glyph 0
                        g = 0
                    else:
                        g = unpack_from(">H", data, offset)[0]
                        if g != 0:
                            g = (g + delta) & 0xFFFF
                    char_to_glyph[u] = g
                    glyph_to_char.setdefault(g, []).append(u)

    class LazyFace(Face):
        """A face that knows its PostScript name (all reportlab needs to register it) and
        reads its file the first time anything else is asked of it."""

        def __init__(self, filename: str, name: str):  # noqa: D107 - no parent __init__ on purpose
            self.__dict__.update(_lazy_file=filename, name=TTFNameBytes(name.encode("ascii")))

        def __getattr__(self, attr):
            d = self.__dict__
            filename = d.pop("_lazy_file", None)
            if filename is None or attr.startswith("__"):
                raise AttributeError(attr)
            expected = d["name"]
            Face.__init__(self, filename)
            if self.name != expected:
                raise ValueError(f"{filename}: font name {self.name!r}, expected {expected!r}")
            return getattr(self, attr)

    class LazyTTFont(TTFont):
        """reportlab's ``TTFont`` with a :class:`LazyFace` (its ``__init__`` minus the parse)."""

        def __init__(self, name: str, filename: str):  # noqa: D107
            self.fontName = name
            self.face = LazyFace(filename, name)
            self.encoding = TTEncoding()
            self.state = WeakKeyDictionary()
            self._asciiReadable = rl_config.ttfAsciiReadable
            self.shapable = not any(fnmatch(name, g) for g in unshaped)

        def splitString(self, text, doc, encoding="utf-8"):
            """reportlab's ``splitString`` (text -> runs of (subset, codes)), with a fast way for
            text whose characters all have their codes already, as nearly all text has after
            the first lines: a lookup per character instead of reportlab's loop of tests."""
            state = self.state.get(doc) if isinstance(text, str) else None
            if state is not None:
                assigned = state.assignments
                try:
                    codes = [assigned[c] for c in map(ord, text.replace("\u00a0", " "))]
                except KeyError:  # a character not seen yet: reportlab assigns it a code
                    codes = None
                if codes is not None:
                    if not codes:
                        return []
                    if max(codes) < 256:
                        return [(0, bytes(codes))]
                    results, cur, cur_set = [], [], codes[0] >> 8
                    for n in codes:
                        if n >> 8 != cur_set:
                            results.append((cur_set, bytes(cur)))
                            cur, cur_set = [], n >> 8
                        cur.append(n & 0xFF)
                    results.append((cur_set, bytes(cur)))
                    return results
            return TTFont.splitString(self, text, doc, encoding)

    return Face, LazyTTFont


@lru_cache(maxsize=None)
def _ttf(face: str):
    """The registered reportlab font of a shipped face (named like its file, which is its
    PostScript name); the file is read when the font is first used."""
    from reportlab.pdfbase import pdfmetrics

    font = _classes()[1](face, font_path(face))
    pdfmetrics.registerFont(font)
    return font


@lru_cache(maxsize=None)
def _register_family(family: str) -> None:
    from reportlab.lib.fonts import addMapping

    faces = FAMILIES[family]
    for face in faces.values():
        _ttf(face)
    base = faces["regular"]
    addMapping(base, 0, 0, faces["regular"])
    addMapping(base, 1, 0, faces["bold"])
    addMapping(base, 0, 1, faces["italic"])
    addMapping(base, 1, 1, faces["bolditalic"])


def register_fonts(families: Iterable[str] = ("serif", "sans")) -> dict[str, str]:
    """Register the families a document uses (and sans, for the page furniture).

    Returns ``{"serif": name, "serif-bold": name, "serif-italic": name, ...}``."""
    names: dict[str, str] = {}
    for family in sorted(set(families) | {"sans"}):
        _register_family(family)
        faces = FAMILIES[family]
        names[family] = faces["regular"]
        for face in ("bold", "italic", "bolditalic"):
            names[f"{family}-{face}"] = faces[face]
    return names


@lru_cache(maxsize=None)
def _coverage(face: str) -> frozenset[int]:
    return frozenset(_ttf(face).face.charToGlyph)


# Characters every shipped face is known to have (a test checks this against the fonts):
# text made only of these needs no font file opened for the check.
COMMON = frozenset(
    [chr(c) for c in range(0x20, 0x7F)] + [chr(c) for c in range(0xA0, 0x180)]
    + list("–—‘’‚“”„†‡•…‰‹›€™¶§·−")
)


def missing_characters(text: str, families: Iterable[str] = ("serif", "sans")) -> Counter:
    """Characters of ``text`` that a used font family cannot show, with their counts."""
    rest = set(text) - COMMON - _IGNORED
    if not rest:
        return Counter()
    counts = Counter(ch for ch in text if ch in rest)
    missing: Counter = Counter()
    sets = [_coverage(FAMILIES[f]["regular"]) for f in sorted(set(families))]
    for ch, n in counts.items():
        code = ord(ch)
        if code < 0x20 and ch not in _IGNORED:
            missing[ch] += n
        elif any(code not in s for s in sets):
            missing[ch] += n
    return missing


def coverage_warnings(document) -> list[str]:
    """One line per character the document's fonts cannot show (call before export)."""
    missing = missing_characters(document.all_text(), (document.body_font, document.heading_font))
    lines = []
    for ch, n in sorted(missing.items(), key=lambda kv: ord(kv[0])):
        name = unicodedata.name(ch, "unnamed character")
        shown = ch if ch.isprintable() else ""
        lines.append(f"the fonts cannot show U+{ord(ch):04X} {name} {shown!r} ({n}×); "
                     "it will appear as an empty box")
    return lines
