"""/docs (Swagger UI) and /redoc render in headless Chromium with no network but the
service's own address: their scripts and styles come from the service, not a CDN."""
from __future__ import annotations

import pytest

from tests.browser import start_chromium

# Every host but 127.0.0.1 (the service) fails to resolve: a page that needs a CDN stays
# blank, as offline.
OFFLINE = ("--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run")


@pytest.fixture(scope="module")
def offline_browser():
    driver = start_chromium(OFFLINE)
    try:
        yield driver
    finally:
        driver.quit()


def _loaded_from(driver) -> list[tuple[str, str]]:
    """(url, initiator) of the page and of every resource it requested."""
    return driver.execute_script("return [[location.href, 'page'], ...performance.getEntriesByType"
                                 "('resource').map(e => [e.name, e.initiatorType])];")


def _check_served_by(base: str, loaded: list[tuple[str, str]], asset: str) -> None:
    assert any(url == f"{base}/static-offline-docs/{asset}" for url, _ in loaded), loaded
    # Only an image may be asked of another host: ReDoc's footer logo (cdn.redoc.ly),
    # which hides itself when it cannot load.
    elsewhere = [(url, kind) for url, kind in loaded if not url.startswith(base + "/")]
    assert all(kind == "img" for _, kind in elsewhere), elsewhere


def _wait_for_text(driver, css: str, text: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 30).until(
        lambda d: any(text in e.text for e in d.find_elements(By.CSS_SELECTOR, css)),
        f"no {css} showing {text!r}: the page did not render")


def test_swagger_ui_renders_offline(offline_browser, client):
    from selenium.webdriver.common.by import By

    base = str(client.base_url).rstrip("/")
    offline_browser.get(base + "/docs")
    _wait_for_text(offline_browser, ".swagger-ui .info .title", "cleaner")
    _wait_for_text(offline_browser, ".opblock-summary-path", "/v1/clean/batch")
    paths = {e.text for e in offline_browser.find_elements(By.CSS_SELECTOR, ".opblock-summary-path")}
    assert {"/v1/clean", "/v1/rules", "/healthz"} <= paths
    _check_served_by(base, _loaded_from(offline_browser), "swagger-ui-bundle.js")


def test_redoc_renders_offline(offline_browser, client):
    base = str(client.base_url).rstrip("/")
    offline_browser.get(base + "/redoc")
    _wait_for_text(offline_browser, "h1", "cleaner")
    _wait_for_text(offline_browser, "label, li, span", "Clean one document")
    _check_served_by(base, _loaded_from(offline_browser), "redoc.standalone.js")
