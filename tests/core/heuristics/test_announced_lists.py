"""HEUR109 announced-list: a list under a header such as 'Ingredients' or 'Zutaten' near the
article comes back; a menu's 'Ingredients' entry, the lines after a rule hit and repeats stay out."""
from cleaner import clean
from cleaner.core.heuristics.structure import keep_announced_lists, list_headers

from verdicts import KEEP, removed, text_blocks as blocks

INTRO = ("Once in a while I like to cook without meat, and this stir fry is one of the dishes we make "
         "most often at home on a weeknight, because it is quick and the whole family enjoys it.")
STEP = ("Dice the tofu and use paper towels to soak up the excess water, then heat some oil in the wok "
        "and fry the cubes until they are golden on every side.")


def folded(texts: list[str]) -> list[str]:
    return [t.lower().rstrip(":") for t in texts]


HEADERS = list_headers("en")


def test_the_headers_come_from_the_lexicon_with_english_beside_the_language():
    assert "ingredients" in HEADERS and "directions" in HEADERS
    assert {"zutaten", "ingredients"} <= list_headers("de")
    assert "menu" not in HEADERS


def test_a_recipe_gets_back_its_ingredients_and_steps():
    texts = [INTRO, "Ingredients", "1/2 block of tofu, diced", "120g yellow noodles", "1 tbsp minced garlic",
             "Directions", STEP, "Add in the noodles.", "Stir fry to mix well.", "Related", "Chilli Fishcake Balls"]
    verdicts = [KEEP, removed("HEUR101"), removed("HEUR101"), removed("HEUR101"), removed("HEUR002"),
                removed("HEUR101"), KEEP, removed("HEUR101"), removed("HEUR101"), removed("REL001"), removed("HEUR101")]
    out = keep_announced_lists(blocks(texts), folded(texts), verdicts, HEADERS)
    kept = [t for t, v in zip(texts, out) if v.keep]
    assert kept == texts[:9]  # the "Related" header ends the list; its teaser stays out


def test_repeats_and_lines_without_letters_stay_out_without_ending_the_list():
    texts = [INTRO, "Zutaten", "600 g", "Erdbeeren", "600 g", "•", "Schlagsahne"]
    verdicts = [KEEP, removed("HEUR101"), removed("HEUR101"), removed("HEUR101"), removed("DUP001"),
                removed("HEUR001"), removed("HEUR101")]
    out = keep_announced_lists(blocks(texts), folded(texts), verdicts, list_headers("de"))
    assert [v.keep for v in out] == [True, True, True, True, False, False, True]


def test_a_menu_entry_far_from_kept_text_stays_out():
    menu = ["Dinners", "Meals", "Ingredients", "Chicken", "Beef", "Pork", "Seafood", "View All"]
    texts = menu + [INTRO]
    verdicts = [removed("HEUR101")] * 7 + [removed("NAV001"), KEEP]
    assert keep_announced_lists(blocks(texts), folded(texts), verdicts, HEADERS) == verdicts


def test_ingredients_heading_the_article_come_back_before_any_kept_text():
    """A recipe page that opens with its ingredients: nothing kept above them, the kept
    directions right below."""
    texts = ["Menu", "Ingredients", "50 ml milk", "250 g flour", "Directions", "Preheat the oven", STEP]
    verdicts = [removed("NAV001")] + [removed("HEUR101")] * 5 + [KEEP]
    out = keep_announced_lists(blocks(texts), folded(texts), verdicts, HEADERS)
    assert [v.keep for v in out] == [False, True, True, True, True, True, True]


def test_near_miss_a_list_heading_nothing_ends_at_a_rule_hit():
    texts = ["Ingredients", "Chicken", "Beef", "Newsletter", INTRO]
    verdicts = [removed("HEUR101")] * 3 + [removed("NEWS001"), KEEP]
    assert keep_announced_lists(blocks(texts), folded(texts), verdicts, HEADERS) == verdicts


def test_near_miss_kept_text_too_far_below_the_list():
    texts = ["Ingredients", "Chicken", "Beef", "Directions"] + ["Share"] * 12 + [INTRO]
    verdicts = [removed("HEUR101")] * 4 + [removed("SHARE001")] * 12 + [KEEP]
    assert keep_announced_lists(blocks(texts), folded(texts), verdicts, HEADERS) == verdicts


def test_a_header_over_items_kept_already_comes_back_alone():
    texts = [INTRO, "Ingredients", "1/2 block of tofu, diced", "Share on Facebook"]
    verdicts = [KEEP, removed("HEUR101"), KEEP, removed("SHARE001")]
    assert keep_announced_lists(blocks(texts), folded(texts), verdicts, HEADERS) == [KEEP, KEEP, KEEP, verdicts[3]]


def test_a_header_with_nothing_under_it_stays_removed():
    texts = [INTRO, "Ingredients", "Share on Facebook"]
    verdicts = [KEEP, removed("HEUR101"), removed("SHARE001")]
    assert keep_announced_lists(blocks(texts), folded(texts), verdicts, HEADERS) == verdicts


def test_end_to_end_a_recipe_keeps_its_ingredients_and_disabling_it_drops_them():
    page = "\n".join([
        "Home", "Recipes", "About", "Contact",
        "Vegan stir fry with flat rice noodles",
        INTRO,
        "The cooking itself is speedy; the only part that takes time is frying the tofu, which you can do ahead.",
        "Pin", "Print",  # a share bar: the lines below are no gap between kept text (HEUR102)
        "Ingredients", "1/2 block of tofu, diced", "120g yellow noodles", "120g flat rice noodles",
        "1 tbsp minced garlic", "Some beansprouts", "Some green vegetables",
        "Directions", STEP, "Add in the noodles.", "Stir fry to mix well.",
        "Related", "Chilli Fishcake Balls", "Tri-Eggs Spinach Noodles Soup",
        "Leave a Comment", "© 2026 Eat Tonight",
    ]) + "\n"
    text = clean(text=page).text
    lines = text.splitlines()
    assert "Ingredients" in lines and "120g yellow noodles" in lines and "Stir fry to mix well." in lines
    assert "Chilli Fishcake Balls" not in text and "Recipes" not in lines
    without = clean(text=page, options={"disable": ["HEUR109"]}).text.splitlines()
    assert "Stir fry to mix well." not in without and "Ingredients" not in without
