"""Codes the heuristics cite, so that nothing leaves the body without one."""
from cleaner.core.rules.registry import heuristic_rule

NO_TEXT = heuristic_rule(
    "HEUR001", "no-text", "A line with no words: separators, counters, icons.",
)
NOT_PROSE = heuristic_rule(
    "HEUR002",
    "not-prose",
    "A line too poor in function words to be running text (menus, lists of names, codes).",
    "jusText's stopword-density test, with lists per language from lexicon/stopwords.",
)
BOILERPLATE_NEIGHBOURHOOD = heuristic_rule(
    "HEUR101",
    "boilerplate-neighbourhood",
    "A short or uncertain line whose neighbours are boilerplate.",
    "jusText's context revision: short lines take the class of their neighbours.",
)
ARTICLE_GAP = heuristic_rule(
    "HEUR102",
    "article-gap",
    "Removes nothing: disabling it keeps out the lines dropped for their shape alone "
    "that stand between kept article text (lists, table rows), which otherwise come back.",
    "Until 2026-12 HEUR102 (off-column) read the page's indentation, which only some "
    "page-to-text converters keep; see cleaner/core/heuristics/gaps.py.",
)
PROMO_SANDWICH = heuristic_rule(
    "HEUR103",
    "promo-between-boilerplate",
    "A short blurb enclosed by removed boilerplate (the text of a promo box).",
)
OUTSIDE_ARTICLE = heuristic_rule(
    "HEUR104",
    "outside-article",
    "A short stretch of text cut off from the article by a section break (teasers, bios, footers).",
    "Also any stretch, whatever its length, after a comment thread that follows the article (a break with two "
    "comment hits or more: '1 Comment' ... 'Reply'), such as a republish box's guidelines; a page whose posts "
    "stand apart by comment hits more than twice is a thread of posts (a forum) and keeps them.",
)
NOTHING_LEFT = heuristic_rule(
    "HEUR105",
    "nothing-left",
    "When the other passes leave (nearly) nothing, a short input is kept whole and a longer one its best region.",
    "Cited in the result's warnings (short_input_kept, best_region_kept), never as a removal: it only undoes "
    "removals by the heuristics (HEUR codes), never a rule's. Disabling it lets an input be emptied.",
)
RECORD_LIST = heuristic_rule(
    "HEUR107",
    "record-list",
    "Removes nothing: disabling it keeps out the lines of a listing of records (results, products, papers) "
    "between kept article text, which otherwise come back, repeats included, past the rule hits its fields draw.",
    "A run where three field labels ('Title:', 'Weight:') each open three lines or more; "
    "see cleaner/core/heuristics/gaps.py.",
)
RECORD_RUN = heuristic_rule(
    "HEUR108",
    "record-run",
    "Removes nothing: disabling it keeps out the records of a page with no article (a chart, a listing, "
    "a product grid, a blog's index), which otherwise come back when they outweigh the text the page kept.",
    "Records are told by their rhythm: lines of one shape ('#12', 'Feb 9, 2026') recurring at a steady "
    "step; their bylines and date lines come back with them; teasers a teaser rule left standing inside the run "
    "are its own, not an article; under an article, only a grid of ten records or more that no teaser rule, "
    "byline or date line named comes back; see cleaner/core/heuristics/records.py.",
)
ANNOUNCED_LIST = heuristic_rule(
    "HEUR109",
    "announced-list",
    "Removes nothing: disabling it keeps out the items of a list a header announces near the article "
    "('Ingredients', 'Directions', 'Zutaten', 'You will need'), which otherwise come back with the header.",
    "Headers per language in the lexicon ([HEUR109] header), matched whole; see cleaner/core/heuristics/structure.py.",
    data_keys=("header",),
)
ANNOUNCED_QUESTIONS = heuristic_rule(
    "HEUR110",
    "announced-questions",
    "Removes nothing: disabling it keeps out the header of a page's questions and answers ('FAQs', "
    "'Frequently asked questions') when a kept question follows it, which otherwise comes back.",
    "Headers per language in the lexicon ([HEUR110] header), matched whole; alone on a line they are a "
    "footer's link (LEGAL002), over a question they head the article's own section; see "
    "cleaner/core/heuristics/structure.py.",
    data_keys=("header",),
)

THREAD_POSTS = heuristic_rule(
    "HEUR111",
    "thread-posts",
    "Removes nothing: disabling it keeps out the short posts of a forum or Q&A thread (sentences the "
    "context revision dropped among the posts' metadata), which otherwise come back.",
    "A thread is told by its posts' metadata lines: one shape ('#12', 'Oct 8, 2024', '14 posts · Joined "
    "2025') recurring with kept text between; see cleaner/core/heuristics/sections.py. Its posts are also "
    "one section for HEUR104.",
)

FRAMED_POST = heuristic_rule(
    "HEUR118",
    "framed-post",
    "Removes nothing: disabling it keeps out the lines of a short post framed by its header (a date or "
    "byline line) and its footer (share bar, 'Like this:', related posts, tags), which otherwise come back "
    "when every line between was dropped for its shape alone.",
    "See cleaner/core/heuristics/posts.py.",
)

CLOSING_LINE = heuristic_rule(
    "HEUR119",
    "closing-line",
    "Removes nothing: disabling it keeps out an article's short closing sentence ('Thank you for the "
    "interview!') that stands between its kept text and a footer hit (share bar, related posts, tags, "
    "comments), which otherwise comes back.",
    "At most two sentences of five words or more; see cleaner/core/heuristics/posts.py.",
)

OPENING_LINE = heuristic_rule(
    "HEUR120",
    "opening-line",
    "Removes nothing: disabling it keeps out the short sentence (a standfirst, a question to the reader) "
    "directly over the first kept line of the page's main section, which otherwise comes back.",
    "One sentence of five words or more; see cleaner/core/heuristics/posts.py.",
)

CLOSING_BIO = heuristic_rule(
    "HEUR121",
    "closing-bio",
    "An author's or site's blurb in the article's tail ('Will Knight is a senior writer for WIRED, ...', "
    "'I am Joyce from Sunny Singapore. This blog is ...').",
    "A paragraph opening with a capitalised name, a lexicon verb and a lexicon profession among its first 14 "
    "words, or with a first-person introduction and a name, with less kept text after it than half the text "
    "before; see cleaner/core/heuristics/promos.py.",
    data_keys=("verb", "intro", "profession"),
)

FOLLOWING_SENTENCE = heuristic_rule(
    "HEUR140",
    "sentence-after-text",
    "Removes nothing: disabling it keeps out a sentence too poor in function words for prose (a quote in "
    "another language, a reference, a name-heavy line) directly under kept text, which otherwise comes back.",
    "Sentences of five words or more removed as not-prose (HEUR002) alone; see cleaner/core/heuristics/posts.py.",
)

PROSE_RUN = heuristic_rule(
    "HEUR141",
    "prose-run",
    "Removes nothing: disabling it keeps out two or more prose sentences in a row (an article's short "
    "paragraphs among ad markers, dates or share bars) that the context revision dropped, which otherwise come back.",
    "Near-good lines each ending a sentence, not in a question mark; see cleaner/core/heuristics/posts.py.",
)
JOINED_CODE = heuristic_rule(
    "HEUR150",
    "joined-code",
    "Removes nothing: disabling it keeps out lines of code (a code block some converters join into one "
    "line) dropped for their shape right under kept text, which otherwise come back. All languages.",
    "Lines holding three code tokens or more (a call, an assignment, a snake_case name, a command-line "
    "option, a closing brace); see cleaner/core/heuristics/structure.py.",
)
