"""End to end: the explain page in headless Chromium (Debian's chromium + chromium-driver,
driven by Selenium). Installs what it needs when it can; otherwise skips LOUDLY."""
from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import clean
from tests.browser import start_chromium

ROOT = Path(__file__).resolve().parents[2]
SEED = sorted((ROOT / "seeds").glob("000_*.txt"))[0]


@pytest.fixture(scope="module")
def browser():
    driver = start_chromium()
    try:
        yield driver
    finally:
        driver.quit()


def _clean_in_page(driver, base_url: str, text: str, key: str | None = None, disable: str = "") -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(base_url + "/")
    area = driver.find_element(By.ID, "input")
    # "Paste": put the whole article in the textarea at once, as a paste does.
    driver.execute_script("arguments[0].value = arguments[1];", area, text)
    if key:
        driver.find_element(By.ID, "apikey").send_keys(key)
    if disable:
        driver.find_element(By.ID, "disable").send_keys(disable)
    driver.find_element(By.ID, "submit").click()
    WebDriverWait(driver, 30).until(
        lambda d: d.find_element(By.ID, "status").text.startswith(("Done", "Error", "Request failed"))
    )
    WebDriverWait(driver, 5).until(ec.element_to_be_clickable((By.ID, "submit")))


def test_page_highlights_seed_spans_with_rule_codes(browser, auth_client, api_key, tmp_path):
    from selenium.webdriver.common.by import By

    text = SEED.read_text(encoding="utf-8")
    expected = clean(text=text)
    _clean_in_page(browser, str(auth_client.base_url).rstrip("/"), text, key=api_key)
    status = browser.find_element(By.ID, "status").text
    assert status.startswith("Done"), status
    marks = browser.find_elements(By.CSS_SELECTOR, "#highlighted mark.removed")
    located = sorted((s for s in expected.removed if s.start is not None), key=lambda s: s.start)
    assert [m.get_attribute("data-rule") for m in marks] == [s.rule for s in located]
    for mark, span in zip(marks, located):
        assert mark.get_attribute("title").startswith(f"{span.rule}: ")
        assert mark.get_attribute("tabindex") == "0"
    legend = {li.get_attribute("data-rule") for li in browser.find_elements(By.CSS_SELECTOR, "#legend li")}
    assert legend == {s.rule for s in expected.removed}
    assert browser.find_element(By.ID, "title").text == expected.title
    # Keyboard: Tab reaches a highlight, which then has focus.
    marks[0].send_keys("")  # focuses the element
    assert browser.switch_to.active_element.get_attribute("data-rule") == located[0].rule
    shot = tmp_path / "explain-view.png"
    browser.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000


def test_page_without_key_reports_401(browser, auth_client):
    from selenium.webdriver.common.by import By

    _clean_in_page(browser, str(auth_client.base_url).rstrip("/"), "Hello.\nSubscribe to our newsletter")
    assert browser.find_element(By.ID, "status").text.startswith("Error 401")


def test_hostile_input_does_not_run_and_shows_literally(browser, client, tmp_path):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    hostile = (
        "A headline about <script>alert(1)</script> things\n\n"
        "The body of the article talks about <img src=x onerror=alert(1)> the negotiations that "
        "went on for weeks between the parties, at some length.\n"
        "Another paragraph explains what happened next, so the cleaner keeps it as body text.\n"
        "Subscribe to our newsletter <img src=x onerror=alert(2)>\n"
    )
    _clean_in_page(browser, str(client.base_url).rstrip("/"), hostile)
    assert browser.find_element(By.ID, "status").text.startswith("Done")
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 - raises when no alert() ran
    assert browser.find_elements(By.CSS_SELECTOR, "#highlighted img, #highlighted script, #body img") == []
    shown = browser.find_element(By.ID, "highlighted").text
    assert "<script>alert(1)</script>" in shown and "<img src=x onerror=alert(1)>" in shown
    browser.save_screenshot(str(tmp_path / "hostile.png"))
