"""Built-in templates and the user's template library."""
from __future__ import annotations

import json
import os
from pathlib import Path

from pydantic import ValidationError

from .errors import TemplateError
from .model import Template
from .paths import templates_dir, user_data_dir

TEMPLATE_SUFFIXES = (".json", ".briefing-template")
DEFAULT_TEMPLATE = "analyst-brief"
MAX_TEMPLATE_BYTES = 256 * 1024


def looks_like_path(arg: str) -> bool:
    """A template argument is a path when it has a path separator or a template extension."""
    return os.sep in arg or "/" in arg or arg.lower().endswith(TEMPLATE_SUFFIXES)


def parse_template(data: bytes | str, name: str) -> Template:
    if isinstance(data, bytes) and len(data) > MAX_TEMPLATE_BYTES:
        raise TemplateError(f"template file is over {MAX_TEMPLATE_BYTES // 1024} KB", name)
    try:
        raw = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise TemplateError(f"not a valid template file (JSON: {exc})", name) from None
    try:
        return Template.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "template"
        raise TemplateError(f"invalid template: {where}: {first['msg']}", name) from None


def load_template_file(path: str | Path) -> Template:
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise TemplateError("no such template file", str(path)) from None
    except OSError as exc:
        raise TemplateError(f"cannot read template file ({exc.strerror or exc})", str(path)) from None
    return parse_template(data, str(path))


def library_dir() -> Path:
    return user_data_dir() / "templates"


def _template_files() -> list[Path]:
    files = sorted(templates_dir().glob("*.json"))
    lib = library_dir()
    if lib.is_dir():
        files += sorted(lib.glob("*.json"))
    return files


def list_templates() -> list[Template]:
    seen: dict[str, Template] = {}
    for f in _template_files():
        try:
            t = load_template_file(f)
        except TemplateError:
            continue
        seen.setdefault(t.name, t)
    return list(seen.values())


def get_template(arg: str | None) -> Template:
    """A template by name (built-in or library) or by path."""
    arg = arg or DEFAULT_TEMPLATE
    if looks_like_path(arg):
        return load_template_file(arg)
    for t in list_templates():
        if t.name == arg:
            return t
    raise TemplateError(f"no template named '{arg}' (see 'briefing templates list')", arg)
