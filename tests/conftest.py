"""Shared fixtures: the seed articles and their gold annotations."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def load_seeds() -> list[tuple[str, str, dict]]:
    """(name, raw text, gold) for every seed, from seeds/gold."""
    out = []
    for gold_path in sorted((SEEDS / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        out.append((gold["seed"], (SEEDS / gold["seed"]).read_text(encoding="utf-8"), gold))
    return out


@pytest.fixture(scope="session")
def seeds() -> list[tuple[str, str, dict]]:
    return load_seeds()
