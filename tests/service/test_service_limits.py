"""Server-side limits: the operator's CLEANER_MAX_* are the default and a cap clients cannot raise."""
from __future__ import annotations

from cleaner.options import Options
from cleaner.service.limits import server_options
from cleaner.service.settings import ServiceSettings


def test_limits_a_client_left_out_are_the_servers():
    settings = ServiceSettings(max_input_chars=20_000_000, max_lines=1000, max_html_depth=100, max_html_nodes=500)
    opts = server_options(Options(preset="conservative"), settings)
    assert (opts.max_input_chars, opts.max_lines, opts.max_html_depth, opts.max_html_nodes) == (20_000_000, 1000, 100, 500)
    assert opts.preset.value == "conservative"


def test_a_client_may_lower_a_limit_but_not_raise_it():
    settings = ServiceSettings(max_lines=1000)
    assert server_options(Options(max_lines=10), settings).max_lines == 10
    assert server_options(Options(max_lines=10**9), settings).max_lines == 1000


def test_a_clients_time_budget_is_dropped_for_the_services_own():
    assert server_options(Options(timeout_seconds=500), ServiceSettings()).timeout_seconds is None


def test_limit_settings_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("CLEANER_MAX_LINES", "1234")
    monkeypatch.setenv("CLEANER_MAX_HTML_NODES", "99")
    settings = ServiceSettings()
    assert (settings.max_lines, settings.max_html_nodes) == (1234, 99)
