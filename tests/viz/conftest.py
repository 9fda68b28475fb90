"""Browser fixtures for the explorer's tests.

They live beside the viz tests rather than in tests/conftest.py: nothing outside
tests/viz uses them, and one chromium serves every browser test of the folder.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pytest

from viz_graphs import CHROMIUM, LAUNCH_ARGS, Opened


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium (/usr/bin/chromium) is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def open_page(browser) -> Iterator[Callable[..., Opened]]:
    """Open a page from a file:// URL with the network cut off.

    The page itself and the ALLOWED local files load; any other request is
    recorded and aborted. The page is ready when its layout is drawn and stable.
    """
    pages = []

    def _open(path: Path, *, allowed: Iterable[Path] = ()) -> Opened:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        pages.append(page)
        opened = Opened(page=page, url=path.as_uri())
        ok = {p.as_uri() for p in allowed}

        def route(r) -> None:
            url = r.request.url
            if (url == opened.url and not opened.loaded) or url in ok:
                opened.loaded.append(url)
                r.continue_()
            else:
                opened.requests.append(url)
                r.abort()

        page.route("**/*", route)
        page.on("console", lambda m: opened.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: opened.page_errors.append(str(e)))
        page.goto(opened.url)
        page.wait_for_function("window.kgNetwork !== undefined", timeout=15_000)
        page.wait_for_function('document.body.dataset.stable === "true"', timeout=30_000)
        return opened

    yield _open
    for page in pages:
        page.close()
