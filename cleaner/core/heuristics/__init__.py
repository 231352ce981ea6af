"""Block-shape and context heuristics: evidence from how a block looks, not what it says."""
