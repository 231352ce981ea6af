"""Site profiles: learn each site's recurring lines from the corpus, remove them (SITE001).

`cleaner learn` counts, per site, how many documents hold each normalised line
(`hashing`), into a store (`store`: SQLite by default, in memory for tests); SITE001
(`cleaner/core/rules/site.py`) reads them back through `lookup`.
"""
