"""Offline language identification for imported text.

lingua, restricted to the languages the application knows something about: German and
English (full claim analysis) and a few common languages of open sources that import with
a generic sentence splitter. Without lingua, a small stop-word count tells German from
English.
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


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when unsure."""
    sample = text[:SAMPLE_CHARS]
    if not _TOKEN.search(sample):
        return None
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
