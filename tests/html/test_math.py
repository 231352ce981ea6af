"""HTML005 (cleaner/html/math.py): a formula is written once, as its MathML text or its TeX source."""
from selectolax.lexbor import LexborHTMLParser

from cleaner import clean
from cleaner.html.math import write_formulas_once
from cleaner.html.prune import prune, pruned_text

LEAD = ("<p>The government unveiled a plan on Monday to rebuild the national rail network over the "
        "next decade, promising shorter journeys between the largest cities and lower fares.</p>")
TAIL = ("<p>The council said the first works would start in the spring, once the budget for the "
        "coming year has been approved by a majority of its members.</p>")

KATEX = ('<span class="katex"><span class="katex-mathml"><math><semantics><mrow><mi>E</mi><mo>=</mo><mi>m</mi>'
         '<msup><mi>c</mi><mn>2</mn></msup></mrow><annotation encoding="application/x-tex">E = mc^2</annotation>'
         '</semantics></math></span><span class="katex-html" aria-hidden="true"><span class="base">'
         '<span class="mord">E</span><span class="mrel">=</span><span class="mord">m</span><span class="mord">c'
         '<span class="msupsub"><span class="mord">2</span></span></span></span></span></span>')
MEDIAWIKI = ('<span class="mwe-math-element"><span class="mwe-math-mathml-inline mwe-math-mathml-a11y" '
             'style="display: none;"><math alttext="{\\displaystyle N}"><semantics><mrow><mi>N</mi></mrow>'
             '<annotation encoding="application/x-tex">{\\displaystyle N}</annotation></semantics></math></span>'
             '<img src="n.svg" class="mwe-math-fallback-image-inline" aria-hidden="true" alt="N"></span>')
MATHJAX2 = ('<span class="MathJax_Preview">A = πr²</span><span class="MathJax" id="MathJax-Element-1-Frame">'
            '<nobr>A=πr2</nobr></span><script type="math/tex">A = \\pi r^2</script>')


def _page(formula: str) -> str:
    return (f"<html><body><article><h1>Notes on physics</h1>{LEAD}<p>The quantity {formula} appears in every "
            f"textbook on the subject, and most students meet it in their first year.</p>{TAIL}</article></body></html>")


def _sentence(result) -> str:
    return next(line for line in result.text.split("\n") if line.startswith("The quantity"))


def test_katex_formula_is_its_mathml_text_once():
    result = clean(html=_page(KATEX))
    assert _sentence(result).startswith("The quantity E = m c 2 appears")
    assert [span.rule for span in result.removed].count("HTML005") == 1


def test_mediawiki_formula_hidden_mathml_and_image_becomes_one_text():
    # before: the hidden MathML was pruned and the image has no text: "The quantity  appears"
    assert _sentence(clean(html=_page(MEDIAWIKI))).startswith("The quantity N appears")


def test_mathjax2_preview_and_typeset_copy_go_the_script_source_stays():
    result = clean(html=_page(MATHJAX2))
    sentence = _sentence(result)
    assert sentence.startswith("The quantity A = \\pi r^2 appears") and "πr" not in sentence
    assert sorted(span.text for span in result.removed if span.rule == "HTML005") == ["A = πr²", "A=πr2"]


def test_plain_mathml_without_renderings_is_left_as_it_is():
    tree = LexborHTMLParser(f"<html><body><p>Let <math><mi>x</mi><mo>+</mo><mn>1</mn></math> be given.</p></body></html>")
    assert write_formulas_once(tree) == []
    assert tree.css_first("math") is not None


def test_without_mathml_text_the_tex_source_is_written_its_style_switch_off_only_when_it_wraps_it_all():
    for alttext, expected in (("{\\displaystyle N}", "Sum N here."),
                              ("{\\displaystyle a}+{\\displaystyle b}", "Sum {\\displaystyle a}+{\\displaystyle b} here.")):
        markup = f'<span class="mwe-math-element"><math alttext="{alttext}"></math><img alt="x"></span>'
        tree = LexborHTMLParser(f"<html><body><p>Sum {markup} here.</p></body></html>")
        write_formulas_once(tree)
        assert " ".join(tree.body.text().split()) == expected


def test_disabling_html005_leaves_the_markup_to_pruning():
    result = clean(html=_page(MEDIAWIKI), options={"disable": ["HTML005"]})
    assert "HTML005" not in {span.rule for span in result.removed}
    assert not _sentence(result).startswith("The quantity N")


def test_formula_text_reaches_the_text_path_of_the_whole_pruned_page():
    tree = LexborHTMLParser(_page(KATEX))
    write_formulas_once(tree)
    prune(tree)
    assert "The quantity E = m c 2 appears" in pruned_text(tree)
