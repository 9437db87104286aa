"""Building the engine's pydantic objects without re-validating values the engine made itself.

The claims engine creates tens of thousands of Claim, Attribution and Figure objects per
megabyte of text; validating each costs more than finding it. The values are produced by our own
code with the right types, so they are put in place the way ``BaseModel.model_construct``
does (``__dict__`` and the set of given fields), only with the field list worked out once per
class instead of once per object: each class gets a constructor written out for its fields (the
field dict as one dict display), compiled once. ``tests/test_claims_engine.py`` checks that the
objects are equal to validated ones and survive a validating round trip. Should a model gain a
field with a default factory, a post-init hook or private attributes, the class's own validating
constructor is used instead, so nothing can silently go missing.
"""
from __future__ import annotations

import keyword
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

_setattr = object.__setattr__


def trusted(cls: type[BaseModel], given: tuple[str, ...], unset: tuple[str, ...] = ()) -> Callable[..., Any]:
    """A constructor ``make(*values)`` for ``cls`` taking the fields ``given`` positionally.

    Fields not in ``given`` get their defaults; fields with a default factory must be given
    (a fresh value each time). Names in ``unset`` are given but count as defaults, as if left out. Falls back to validating
    construction whenever the fast path could differ from it.
    """
    fields = cls.__pydantic_fields__
    simple = not (cls.__pydantic_post_init__ or cls.__private_attributes__ or cls.__pydantic_root_model__)
    defaults: dict[str, Any] = {}
    for name, f in fields.items():
        if name in given:
            continue
        if f.default_factory is not None or f.is_required():
            simple = False
            break
        if isinstance(f.default, (list, dict, set)):
            simple = False  # a shared mutable default would leak between objects
            break
        defaults[name] = f.default
    if not simple or any(g not in fields for g in given):
        def make_validated(*values):
            return cls(**dict(zip(given, values)))

        return make_validated
    order = tuple(fields)
    fields_set = frozenset(given) - frozenset(unset)
    if not all(name.isidentifier() and not keyword.iskeyword(name) and not name.startswith("_") for name in order):
        def make_validated(*values):
            return cls(**dict(zip(given, values)))

        return make_validated
    # a constructor written out for this class: the field dict as one dict display, in the field
    # order validation gives (given values by parameter, defaults as constants)
    items = ", ".join(f"{name!r}: {name}" if name in given else f"{name!r}: _default_{name}" for name in order)
    # the four slots are set through their descriptors, found as ``object.__setattr__`` finds
    # them (one look-up per class instead of one per object); ``object.__setattr__`` otherwise
    setters = {}
    for slot in ("__dict__", "__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__"):
        desc = next((k.__dict__[slot] for k in cls.__mro__ if slot in k.__dict__), None)
        if desc is not None and hasattr(type(desc), "__set__"):
            setters[slot] = desc.__set__
        else:
            setters[slot] = lambda obj, value, _name=slot: _setattr(obj, _name, value)
    src = (
        f"def make({', '.join(given)}):\n"
        f"    _obj = _new(_cls)\n"
        f"    _set_dict(_obj, {{{items}}})\n"
        f"    _set_fields_set(_obj, set(_fields_set))\n"
        f"    _set_extra(_obj, None)\n"
        f"    _set_private(_obj, None)\n"
        f"    return _obj\n"
    )
    # internal names start with "_", field names never do: no parameter can shadow them
    namespace = {"_new": cls.__new__, "_cls": cls, "_fields_set": fields_set, "_set_dict": setters["__dict__"],
                 "_set_fields_set": setters["__pydantic_fields_set__"], "_set_extra": setters["__pydantic_extra__"],
                 "_set_private": setters["__pydantic_private__"]}
    namespace.update({f"_default_{name}": value for name, value in defaults.items()})
    exec(compile(src, f"<trusted {cls.__name__}>", "exec"), namespace)  # noqa: S102 - our own field names
    return namespace["make"]
