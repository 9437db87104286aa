"""Fonts the PDF renderer embeds (DejaVu, shipped in resources/fonts)."""
from __future__ import annotations

from functools import lru_cache

from ..paths import resources_dir

FAMILIES = {
    "serif": {"regular": "DejaVuSerif", "bold": "DejaVuSerif-Bold", "italic": "DejaVuSerif-Italic",
              "bolditalic": "DejaVuSerif-BoldItalic"},
    "sans": {"regular": "DejaVuSans", "bold": "DejaVuSans-Bold", "italic": "DejaVuSans-Oblique",
             "bolditalic": "DejaVuSans-BoldOblique"},
}


@lru_cache(maxsize=None)
def register_fonts() -> dict[str, str]:
    """Register the TrueType fonts with reportlab; returns family -> registered family name."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = resources_dir() / "fonts"
    names = {}
    for family, faces in FAMILIES.items():
        for face, fname in faces.items():
            pdfmetrics.registerFont(TTFont(fname, str(folder / f"{fname}.ttf")))
        addMapping(faces["regular"], 0, 0, faces["regular"])
        addMapping(faces["regular"], 1, 0, faces["bold"])
        addMapping(faces["regular"], 0, 1, faces["italic"])
        addMapping(faces["regular"], 1, 1, faces["bolditalic"])
        names[family] = faces["regular"]
    return names
