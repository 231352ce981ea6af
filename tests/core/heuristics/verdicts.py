"""Hand-built blocks and verdicts for the heuristics' unit tests."""
from cleaner.core.document import Block, Verdict

KEEP = Verdict(True)


def removed(rule: str) -> Verdict:
    return Verdict(False, rule, "test")


def blocks_of(lengths: list[int]) -> list[Block]:
    """Blocks of the given lengths (their text is filler)."""
    return [Block(i, 0, n, "x" * n, 0, False, False) for i, n in enumerate(lengths)]


def text_blocks(texts: list[str]) -> list[Block]:
    """Blocks holding the given lines."""
    return [Block(i, 0, len(t), t, 0, False, False) for i, t in enumerate(texts)]
