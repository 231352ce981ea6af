"""The one wording of a pydantic refusal, shared by the library, the service and the CLI."""
from __future__ import annotations

import pytest
from pydantic import BaseModel, ValidationError

from cleaner.errors import DocumentTimeout, validation_message


class _Inner(BaseModel):
    n: int


class _Outer(BaseModel):
    inner: _Inner
    flag: bool


def _refusal() -> ValidationError:
    with pytest.raises(ValidationError) as info:
        _Outer.model_validate({"inner": {"n": "x"}, "flag": "maybe"})
    return info.value


def test_first_error_names_its_dotted_field():
    assert validation_message(_refusal().errors()).startswith("inner.n: Input should be a valid integer")


def test_every_error_with_the_readers_names():
    text = validation_message(_refusal().errors(), every=True, name=lambda loc: "ENV_" + "_".join(map(str, loc)).upper())
    first, second = text.split("; ")
    assert first.startswith("ENV_INNER_N: ") and second.startswith("ENV_FLAG: Input should be a valid boolean")


def test_an_error_without_a_location_is_its_message():
    assert validation_message([{"loc": (), "msg": "body is empty"}]) == "body is empty"
    assert validation_message([]) == "invalid"


def test_timeout_message_names_the_budget():
    assert str(DocumentTimeout.after(2.5)) == "document took longer than 2.5 s"
