"""Site-profile fixtures: the synthetic multi-page corpus built from the seeds."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import Page, generate  # noqa: E402


@pytest.fixture(scope="session")
def synthetic_pages() -> list[Page]:
    return generate(pages=30)


@pytest.fixture(scope="session")
def synthetic_jsonl(tmp_path_factory, synthetic_pages) -> Path:
    path = tmp_path_factory.mktemp("synthetic") / "pages.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for page in synthetic_pages:
            f.write(json.dumps(page.record()) + "\n")
    return path
