"""User-interface languages: English (the source strings) and German (a Qt .qm translation).

All visible strings go through :func:`tr` (one translation context, ``Briefing``), so
``resources/translations/update.py`` can collect them and ``pyside6-lrelease`` compiles the
German catalogue. The language follows the system locale unless the user picked one in the
settings; switching installs the new translator and the window re-translates itself.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from briefing.paths import resources_dir

CONTEXT = "Briefing"
LANGUAGES = {"en": "English", "de": "Deutsch"}

_translator: QTranslator | None = None
_qt_translator: QTranslator | None = None
_current = "en"


def tr(text: str, n: int = -1) -> str:
    out = QCoreApplication.translate(CONTEXT, text, None, n)
    if n >= 0 and "(s)" in out:
        # English is the source language, without a catalogue of its own: "%n claim(s)" becomes
        # "1 claim" / "3 claims" here (German plural forms come from the .qm catalogue)
        out = out.replace("(s)", "" if n == 1 else "s")
    return out


def N_(text: str) -> str:  # noqa: N802 - marks a string for extraction, translated later with tr()
    return text


def system_language() -> str:
    for name in QLocale.system().uiLanguages():
        code = name.split("-")[0].split("_")[0].lower()
        if code in LANGUAGES:
            return code
    return "en"


def resolve(setting: str | None) -> str:
    return setting if setting in LANGUAGES else system_language()


def qm_path(lang: str):
    return resources_dir() / "translations" / f"briefing_{lang}.qm"


def install(lang: str) -> str:
    """Install the translator for ``lang`` ("en" removes it); returns the language in effect."""
    global _translator, _qt_translator, _current
    app = QCoreApplication.instance()
    for t in (_translator, _qt_translator):
        if t is not None and app is not None:
            app.removeTranslator(t)
    _translator = _qt_translator = None
    _current = "en"
    if lang != "en" and app is not None:
        t = QTranslator()
        if t.load(str(qm_path(lang))):
            app.installTranslator(t)
            _translator = t
            _current = lang
            # Qt's own dialogs and buttons (Save, Cancel …), if the Qt build ships them
            qt = QTranslator()
            if qt.load(QLocale(lang), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
                app.installTranslator(qt)
                _qt_translator = qt
    QLocale.setDefault(QLocale(_current if _current != "en" else "en_GB"))
    return _current


def current() -> str:
    return _current


# command names (briefing.commands) shown in the Edit menu as "Undo <name>"
COMMAND_NAMES = [
    N_("Edit"), N_("Import article"), N_("Edit source"), N_("Edit brief details"), N_("Include claims"),
    N_("Exclude claims"), N_("Edit paraphrase"), N_("Grade claim"), N_("Edit tags"), N_("Edit note"),
    N_("Change stance"), N_("Make claim"), N_("Split claim"), N_("Merge claims"), N_("Add claims to section"),
    N_("Move item"), N_("Add own text"), N_("Edit own text"), N_("Remove from brief"), N_("Change template"),
]
