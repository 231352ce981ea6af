"""Headless Chromium for the end-to-end browser tests (Debian's chromium + chromium-driver,
driven by Selenium). Installs what it needs when it can; otherwise skips LOUDLY."""
from __future__ import annotations

import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
DRIVER = "/usr/bin/chromedriver"
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000")


def skip_loudly(why: str) -> None:
    message = f"!!! BROWSER END-TO-END TEST SKIPPED: {why} !!!"
    print(message, file=sys.stderr)
    warnings.warn(message, stacklevel=2)
    pytest.skip(message)


def _ensure_chromium() -> None:
    if Path(CHROMIUM).exists() and Path(DRIVER).exists():
        return
    if shutil.which("apt-get") is None:
        skip_loudly("no /usr/bin/chromium or chromedriver and no apt-get to install them")
    install = ["apt-get", "install", "-y", "-q", "chromium", "chromium-driver"]
    try:
        if subprocess.run(install, capture_output=True, timeout=300).returncode != 0:
            # A fresh machine may have no package lists yet.
            subprocess.run(["apt-get", "update", "-q"], capture_output=True, timeout=300)
            subprocess.run(install, capture_output=True, timeout=300, check=True)
    except (subprocess.SubprocessError, OSError) as exc:
        skip_loudly(f"apt-get install chromium chromium-driver failed: {exc}")
    if not (Path(CHROMIUM).exists() and Path(DRIVER).exists()):
        skip_loudly("apt-get ran but /usr/bin/chromium or /usr/bin/chromedriver is still missing")


def _ensure_selenium():
    try:
        import selenium  # noqa: F401
    except ImportError:
        try:
            subprocess.run([sys.executable, "-m", "pip", "install", "-q", "selenium"],
                           capture_output=True, timeout=180, check=True)
        except (subprocess.SubprocessError, OSError) as exc:
            skip_loudly(f"selenium is not installed and pip install selenium failed: {exc}")
    from selenium import webdriver

    return webdriver


def start_chromium(extra_flags: tuple[str, ...] = ()):
    """A headless Chromium driver; the caller quits it."""
    _ensure_chromium()
    webdriver = _ensure_selenium()
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in (*FLAGS, *extra_flags):
        opts.add_argument(arg)
    try:
        driver = webdriver.Chrome(service=Service(DRIVER), options=opts)
    except Exception as exc:  # noqa: BLE001 - any driver start-up failure
        skip_loudly(f"could not start headless Chromium via chromedriver: {exc}")
    driver.set_page_load_timeout(30)
    return driver
