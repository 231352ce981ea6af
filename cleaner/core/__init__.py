"""The text core: blocks in, verdicts out, pure and synchronous (see docs/architecture.md)."""
