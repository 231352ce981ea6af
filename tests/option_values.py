"""A valid non-default value for any Options field, for the tests that check every field
reaches every surface (tests/test_options_surfaces.py, tests/service/test_service_options.py)."""
from __future__ import annotations

import enum
import types
import typing

from pydantic.fields import FieldInfo


def another_value(name: str, info: FieldInfo) -> tuple[str, typing.Any]:
    """A valid value other than the default, as text (a query string, an environment
    variable, a flag's argument) and as parsed."""
    default = info.default
    kind = info.annotation
    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        kind = next(a for a in typing.get_args(kind) if a is not type(None))
    if kind is bool:
        return str(not default).lower(), not default
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        member = next(m for m in kind if m != default)
        return member.value, member
    if typing.get_origin(kind) is tuple:
        return "NAV,CAP002", ("NAV", "CAP002")
    if kind is int:
        return str(default - 1), default - 1
    if kind is float:
        value = round((default or 2.0) / 2, 3)
        return str(value), value
    value = "example.org" if name == "site" else "some/path.db"
    return value, value
