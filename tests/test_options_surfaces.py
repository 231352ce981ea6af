"""The options model is declared once: every Options field reaches every surface that
takes options, derived from the model, so adding a field is one edit.

The service's request side (query parameters, OpenAPI, JSON options) is checked over real
HTTP in tests/service/test_service_options.py, the flags in a real `cleaner clean` process
in tests/batch/test_batch_io.py.
"""
from __future__ import annotations

import argparse
import typing

import pytest
from pydantic import Field

from cleaner.cli import build_parser
from cleaner.flags import add_option_flags, flag_name, options_from_flags
from cleaner.options import Options, Surface, fields_where
from cleaner.service.settings import ServiceSettings

from option_values import another_value

CLEANING_COMMANDS = {"clean": (), "batch": (), "explain": ("explain",)}


def _subcommand(name: str, *path: str) -> argparse.ArgumentParser:
    parser = build_parser()
    for step in (name, *path):
        action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        parser = action.choices[step]
    return parser


def _flags(parser: argparse.ArgumentParser) -> dict[str, argparse.Action]:
    return {a.dest: a for a in parser._actions if any(s.startswith("--") for s in a.option_strings)}


@pytest.mark.parametrize("command", sorted(CLEANING_COMMANDS))
def test_every_option_is_a_flag_of_every_cleaning_command(command):
    fixed = CLEANING_COMMANDS[command]
    flags = _flags(_subcommand(command))
    assert set(Options.model_fields) - set(fixed) <= set(flags)
    for name in Options.model_fields:
        if name not in fixed:
            assert flag_name(name) in flags[name].option_strings


@pytest.mark.parametrize("name", list(Options.model_fields))
def test_each_flag_sets_its_field_and_only_it(name):
    info = Options.model_fields[name]
    typed, parsed = another_value(name, info)
    if isinstance(parsed, bool):
        argv = ["clean", "page.txt", flag_name(name) if parsed else flag_name(name).replace("--", "--no-")]
    else:
        argv = ["clean", "page.txt", flag_name(name), typed]
    options = options_from_flags(build_parser().parse_args(argv))
    assert getattr(options, name) == parsed != info.default
    assert options.model_fields_set == {name}


def test_flags_left_out_leave_the_library_defaults():
    assert options_from_flags(build_parser().parse_args(["clean", "page.txt"])) == Options()


def test_learn_and_profiles_show_take_the_fields_marked_for_them():
    learn = set(fields_where(lambda s: s.learn))
    thresholds = set(fields_where(lambda s: s.site_threshold))
    assert learn and thresholds
    assert learn <= set(_flags(_subcommand("learn")))
    assert thresholds <= set(_flags(_subcommand("profiles", "show")))


def test_operator_fields_are_service_settings_and_serve_flags(monkeypatch):
    operator = fields_where(lambda s: s.cap or s.operator)
    assert {"max_input_chars", "profiles"} <= set(operator)
    serve = _flags(_subcommand("serve"))
    for name, info in operator.items():
        assert flag_name(name) in serve[name].option_strings
        setting = ServiceSettings.model_fields[name]
        assert (setting.annotation, setting.default, setting.metadata) == (info.annotation, info.default, info.metadata)
        typed, parsed = another_value(name, info)
        monkeypatch.setenv(f"CLEANER_{name.upper()}", typed)
        assert getattr(ServiceSettings(), name) == parsed


def test_a_new_field_becomes_a_flag_with_its_help_and_bounds():
    class Extended(Options):
        new_knob: typing.Annotated[int, Surface(metavar="K")] = Field(default=3, ge=1, description="A new knob.")

    parser = argparse.ArgumentParser()
    add_option_flags(parser, model=Extended)
    action = _flags(parser)["new_knob"]
    assert action.option_strings == ["--new-knob"] and action.metavar == "K" and "A new knob." in action.help
    assert options_from_flags(parser.parse_args(["--new-knob", "7"]), model=Extended).new_knob == 7
    with pytest.raises(ValueError, match="greater than or equal to 1"):
        options_from_flags(parser.parse_args(["--new-knob", "0"]), model=Extended)


def test_batch_time_budget_defaults_to_a_minute_and_turns_off():
    parser = build_parser()
    assert options_from_flags(parser.parse_args(["batch", "in.jsonl", "-o", "o.jsonl"])).timeout_seconds == 60
    for off in ("0", "none"):
        args = parser.parse_args(["batch", "in.jsonl", "-o", "o.jsonl", "--timeout", off])
        assert options_from_flags(args).timeout_seconds is None
