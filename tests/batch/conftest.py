from __future__ import annotations

import pytest
from batch_helpers import make_doc


@pytest.fixture
def small_records() -> list[dict]:
    return [{"id": f"doc-{i}", "text": make_doc(i), "source": "test", "n": i} for i in range(12)]
