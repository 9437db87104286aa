"""Offline language identification for imported text.

lingua, restricted to the languages the application knows something about: German and
English (full claim analysis) and a few common languages of open sources that import with
a generic sentence splitter. Without lingua, a small stop-word count tells German from
English.

A clearly German or clearly English text is decided by a vote of frequent function words
first (microseconds, where loading lingua's models costs a cold process ~0.2 s); lingua
answers whenever that vote is not decisive: short texts, other languages, mixed text.
"""
from __future__ import annotations

import re
import threading

# ISO 639-1 codes lingua may answer with. German and English are analysed fully.
SUPPORTED = ("de", "en", "fr", "es", "it", "nl", "pl", "ru", "uk", "pt")
SAMPLE_CHARS = 6000  # enough for a reliable answer, small enough to stay fast
MIN_CONFIDENCE = 0.5

_WORDS = {
    "de": set("der die das und ist nicht mit von zu den des dem sich auch ein eine einer im für auf wurde sei habe nach laut".split()),
    "en": set("the and of to is in that was for on with as by it said from has have are were be this".split()),
}
_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)

# The fast vote: words frequent in one language and rare in the others. German and English
# decide; the lists of the other Latin-script languages lingua knows only veto (their
# function words in a text send it to lingua). Words shared between languages ("in", "was",
# "is", "die") are left out of the deciding lists.
_VOTE = {
    "de": frozenset("der das und nicht mit von zu den des dem sich auch ein eine einer einem im für auf "
                    "wurde wurden sei habe nach laut ist sind hat haben werden bei aus wie oder noch".split()),
    "en": frozenset("the and of to that for with said from have were this which would their they been "
                    "after who about by are has be not".split()),
}
_VETO = {
    "fr": frozenset("le la les des du et une est que qui dans pour pas sur au aux avec ce il elle sont "
                    "ont été selon plus".split()),
    "es": frozenset("el los las del y que una por con para se al su lo como más fue según".split()),
    "it": frozenset("il lo gli di del della che una è per non con sono nel alla anche più secondo".split()),
    "pt": frozenset("os dos das que uma em na por para com não se foi é segundo".split()),
    "nl": frozenset("de het een en van dat op te zijn met voor niet aan ook bij door werd naar".split()),
    "pl": frozenset("w na z się nie że jest jak przez od za oraz był była według tym".split()),
}
VOTE_MIN_TOKENS = 40  # shorter texts go to lingua
VOTE_MIN_SHARE = 0.15  # the winner's words are at least this share of all words
VOTE_MARGIN = 5.0  # ... and this many times the count of any other list

_detector = None
_detector_failed = False
_lock = threading.Lock()


def _lingua():
    global _detector, _detector_failed
    with _lock:
        if _detector is None and not _detector_failed:
            try:
                from lingua import IsoCode639_1, LanguageDetectorBuilder

                codes = [getattr(IsoCode639_1, c.upper()) for c in SUPPORTED]
                # Low-accuracy mode uses trigram models only. lingua does the same for any text of
                # 120 characters or more anyway; for shorter ones the full mode first loads the
                # 1- to 5-gram models of every language (several seconds, once per process).
                _detector = LanguageDetectorBuilder.from_iso_codes_639_1(*codes).with_low_accuracy_mode().build()
            except Exception:  # noqa: BLE001 - lingua missing or broken: use the word lists
                _detector_failed = True
        return _detector


def detect_wordlist(text: str) -> str | None:
    """German or English by counting frequent function words; None when unsure."""
    sample = text[:20000]
    counts = {lang: 0 for lang in _WORDS}
    total = 0
    for m in _TOKEN.finditer(sample):
        w = m.group(0).lower()
        total += 1
        for lang, words in _WORDS.items():
            if w in words:
                counts[lang] += 1
    if total == 0:
        return None
    lang, best = max(counts.items(), key=lambda kv: kv[1])
    if best < max(2, total * 0.05):
        return None
    return lang


def detect_vote(text: str) -> str | None:
    """"de" or "en" when the function-word vote on the text's start is decisive, else None."""
    words = [w.lower() for w in _TOKEN.findall(text[:SAMPLE_CHARS])]
    if len(words) < VOTE_MIN_TOKENS:
        return None
    counts = {lang: sum(1 for w in words if w in vocab) for lang, vocab in (*_VOTE.items(), *_VETO.items())}
    lang = max(_VOTE, key=counts.__getitem__)
    best = counts[lang]
    rest = max(n for other, n in counts.items() if other != lang)
    if best < VOTE_MIN_SHARE * len(words) or best < VOTE_MARGIN * rest:
        return None
    return lang


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when unsure."""
    sample = text[:SAMPLE_CHARS]
    if not _TOKEN.search(sample):
        return None
    voted = detect_vote(sample)
    if voted is not None:
        return voted
    detector = _lingua()
    if detector is None:
        return detect_wordlist(text)
    try:
        values = detector.compute_language_confidence_values(sample)
    except Exception:  # noqa: BLE001
        return detect_wordlist(text)
    if not values:
        return None
    best = values[0]
    if best.value < MIN_CONFIDENCE:
        return detect_wordlist(text)
    return best.language.iso_code_639_1.name.lower()
