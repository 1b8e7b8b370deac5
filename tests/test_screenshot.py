"""The Inline XBRL report renders in a real browser: headless Chromium takes a screenshot of it.

Needs the Debian packages `chromium` and `fonts-noto-cjk` (without a CJK font the Chinese text
renders as boxes). The test fails, with the install command, when either is missing.

Set ESGXBRL_UPDATE_SCREENSHOT=1 to also copy the screenshot to docs/ixbrl-screenshot.png.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageStat

from esgxbrl.emit.ixbrl import ixbrl_bytes
from esgxbrl.preparer.load import load_report

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "examples" / "lufax" / "2023.yaml"
DOCS_SCREENSHOT = ROOT / "docs" / "ixbrl-screenshot.png"
WIDTH, HEIGHT = 1280, 2000
INSTALL = "apt-get update && apt-get install -y chromium fonts-noto-cjk"


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    pytest.fail(f"headless Chromium is needed to render the Inline XBRL report; install it with: {INSTALL}")


def _require_cjk_font() -> None:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        pytest.fail(f"fontconfig (fc-list) is missing, so no CJK font can be found; install with: {INSTALL}")
    found = subprocess.run([fc_list, ":lang=zh-tw", "family"], capture_output=True, text=True, timeout=60)
    if not found.stdout.strip():
        pytest.fail(f"no Traditional Chinese font is installed: the report would show boxes; install with: {INSTALL}")


@pytest.fixture(scope="module")
def screenshot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    browser = _chromium()
    _require_cjk_font()
    directory = tmp_path_factory.mktemp("screenshot")
    page = directory / "lufax-2023.html"
    page.write_bytes(ixbrl_bytes(load_report(REPORT)))
    png = directory / "ixbrl-screenshot.png"
    command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               f"--user-data-dir={directory / 'profile'}", f"--screenshot={png}",
               f"--window-size={WIDTH},{HEIGHT}", page.as_uri()]
    run = subprocess.run(command, capture_output=True, text=True, timeout=180)
    assert png.exists(), f"Chromium wrote no screenshot (exit {run.returncode}):\n{run.stderr[-2000:]}"
    if os.environ.get("ESGXBRL_UPDATE_SCREENSHOT") == "1":
        shutil.copyfile(png, DOCS_SCREENSHOT)
    return png


def test_screenshot_is_a_png_of_the_window_size(screenshot: Path) -> None:
    with Image.open(screenshot) as image:
        assert image.format == "PNG"
        assert image.size == (WIDTH, HEIGHT)
        image.verify()


def test_screenshot_is_not_blank(screenshot: Path) -> None:
    with Image.open(screenshot) as image:
        grey = image.convert("L")
        spread = ImageStat.Stat(grey).stddev[0]
        colours = grey.getcolors(maxcolors=256) or []
    # a blank or error page is one flat colour; the report has a dark cover, white text and tables
    assert spread > 20, f"the screenshot looks blank (grey-level standard deviation {spread:.1f})"
    assert len(colours) > 32


def test_cover_is_drawn_in_the_report_colours(screenshot: Path) -> None:
    with Image.open(screenshot) as image:
        red, green, blue = image.convert("RGB").getpixel((WIDTH // 2, 40))  # type: ignore[misc]
    # the cover band is dark teal: green and blue well above red, all well below white
    assert green > red + 20 and blue > red + 10 and max(red, green, blue) < 200
