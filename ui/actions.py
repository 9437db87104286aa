"""The window's actions in one table: name, text, shortcut, tool-bar icon, menu.

Texts are translated in :func:`retranslate`, so switching the language relabels everything.
Icons are named, not looked up here: ``QStyle`` costs a noticeable part of the start-up, so
the first frame shows transparent placeholders of the same size and :func:`set_icons` puts
the platform's icons in once the workspace is built.
"""
from __future__ import annotations

from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import QWidget

from .i18n import N_, tr

K = QKeySequence.StandardKey

# name, text, shortcuts, standard icon, status tip
ACTIONS = [
    ("open", N_("&Open…"), [K.Open], "SP_DialogOpenButton", N_("Import an article or open a saved brief")),
    ("paste", N_("&Paste Article Text"), ["Ctrl+Shift+V"], None, N_("Import the text on the clipboard as an article")),
    ("demo", N_("Open &Demo Article"), [], None, N_("Load a demo article to try the workflow")),
    ("new", N_("&New Brief"), [K.New], "SP_FileIcon", N_("Start an empty brief")),
    ("save", N_("&Save"), [K.Save], "SP_DialogSaveButton", N_("Save the brief")),
    ("save_as", N_("Save &As…"), [K.SaveAs], None, N_("Save the brief under a new name")),
    ("export", N_("&Export…"), ["Ctrl+E"], "SP_ArrowForward", N_("Export the brief as DOCX or PDF")),
    ("copy_brief", N_("Copy &Brief"), ["Ctrl+Shift+C"], None, N_("Copy the brief as rich text and plain text")),
    ("quit", N_("&Quit"), [K.Quit], None, N_("Close Briefing")),
    ("undo", N_("&Undo"), [K.Undo], "SP_ArrowBack", N_("Undo the last edit")),
    ("redo", N_("&Redo"), ["Ctrl+Shift+Z", K.Redo], "SP_ArrowForward", N_("Redo the edit")),
    ("filter", N_("&Filter Claims"), [K.Find], None, N_("Filter the claims table")),
    ("include", N_("&Include Selected Claims"), [], "SP_DialogApplyButton", N_("Tick the selected claims")),
    ("exclude", N_("E&xclude Selected Claims"), [], None, N_("Untick the selected claims")),
    ("copy_claims", N_("&Copy Claims with Citations"), [], None, N_("Copy the selected claims with their sources")),
    ("make_claim", N_("&Make Claim from Selection"), ["Ctrl+M"], None, N_("Make a claim of the text selected in the reader")),
    ("split_claim", N_("S&plit Claim at Cursor"), ["Ctrl+Shift+K"], None, N_("Split the claim at the reader's cursor")),
    ("merge_claims", N_("&Merge Selected Claims"), ["Ctrl+Shift+M"], None, N_("Merge the claims selected in the table")),
    ("add_text", N_("Add &Own Text"), ["Ctrl+T"], None, N_("Add a paragraph of your own judgment to the brief")),
    ("templates", N_("&Templates…"), [], None, N_("Pick, save, import and export templates")),
    ("settings", N_("&Settings…"), [K.Preferences], None, N_("Language and autosave")),
    ("about", N_("&About Briefing"), [], None, N_("About Briefing")),
]

MENUS = [
    (N_("&File"), ["new", "open", "recent", "paste", "demo", None, "save", "save_as", None, "export", "copy_brief",
                   None, "quit"]),
    (N_("&Edit"), ["undo", "redo", None, "filter", None, "include", "exclude", "copy_claims", None, "make_claim",
                   "split_claim", "merge_claims"]),
    (N_("&Brief"), ["add_text", None, "templates", None, "settings"]),
    (N_("&View"), ["docks"]),
    (N_("&Help"), ["about"]),
]

TOOLBAR = ["open", "save", None, "undo", "redo", None, "include", "make_claim", None, "export"]


def make_actions(window: QWidget) -> dict[str, QAction]:
    out: dict[str, QAction] = {}
    blank = None
    for name, _text, keys, icon, _tip in ACTIONS:
        act = QAction(window)
        act.setObjectName(f"action_{name}")
        if icon is not None:
            if blank is None:
                pix = QPixmap(24, 24)
                pix.fill(QColor(0, 0, 0, 0))
                blank = QIcon(pix)
            act.setIcon(blank)
        act.setShortcuts([QKeySequence(k) for k in keys])
        out[name] = act
    return out


def set_icons(actions: dict[str, QAction], style) -> None:
    """The platform's standard icons for the actions that have one."""
    from PySide6.QtWidgets import QStyle

    for name, _text, _keys, icon, _tip in ACTIONS:
        if icon is not None:
            actions[name].setIcon(style.standardIcon(getattr(QStyle.StandardPixmap, icon)))


def retranslate(actions: dict[str, QAction]) -> None:
    for name, text, keys, _icon, tip in ACTIONS:
        act = actions[name]
        act.setText(tr(text))
        act.setStatusTip(tr(tip))
        shortcut = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        act.setToolTip(f"{tr(tip)} ({shortcut})" if shortcut else tr(tip))
        act.setIconText(tr(text).replace("&", "").rstrip("…"))
