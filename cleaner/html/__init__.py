"""HTML input: decode, read metadata, prune by structure, extract, then the text path."""
