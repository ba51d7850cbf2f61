"""Screenshots for the README, taken from a built site in Debian's Chromium (`make screenshots`).

The README shows what a reader sees; these images are regenerated from the bundled dossier,
never drawn by hand, so they cannot drift far from the site.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

from .conftest import CHROMIUM, CHROMIUM_ARGS, serve

SHOTS = {
    "matrix.png": "matrix/governance/",
    "actor-page.png": "actors/soc/",
    "demand-page.png": "demands/decentralisation/",
    "actor-page-ar.png": "ar/actors/soc/",
}
"""Image file → page of the built site."""


def take(site: Path, folder: Path, browser: Browser) -> list[Path]:
    """Screenshot each page of SHOTS (1280 × 900, light scheme) into `folder`."""
    written = []
    with serve(site) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme="light")
        for name, path in SHOTS.items():
            page.goto(url + path)
            page.get_by_role("heading", level=1).first.wait_for()
            page.wait_for_load_state("networkidle")
            page.screenshot(path=folder / name)
            written.append(folder / name)
        page.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("site", type=Path, help="a built site folder")
    parser.add_argument("folder", type=Path, help="where to write the images (docs/images)")
    args = parser.parse_args()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for path in take(args.site, args.folder, browser):
            print(path)
        browser.close()


if __name__ == "__main__":
    main()
