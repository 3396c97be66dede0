"""Playwright harness: Debian's Chromium drives the app served by pytest-django's `live_server`.

- Chromium is /usr/bin/chromium (`make browser-deps`); Playwright's own downloaded browsers are never used.
  Without it every test here is skipped, unless ANODYNE_REQUIRE_SERVICES=1 or CI=true, where it is an error.
- Tests here use `live_server` with `transactional_db`: the server thread must see the rows the test creates.
- They run after every other test, and only they see DJANGO_ALLOW_ASYNC_UNSAFE (see `_browser_session`).
- `screenshot(page, "step")` saves test-artifacts/<test name>--<step>.png (the folder is gitignored).
- `mobile_page` is a page in a phone-sized context (patient pages are designed for phones first); `page` is desktop.
"""

import os
import re
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
REQUIRE_BROWSER = os.environ.get("ANODYNE_REQUIRE_SERVICES") == "1" or os.environ.get("CI") == "true"
ARTIFACTS_DIR = Path(__file__).resolve().parents[2] / "test-artifacts"

DESKTOP_VIEWPORT = {"width": 1280, "height": 800}
# An iPhone 12 to 15 sized screen: the narrow end of what patients are likely to use.
MOBILE_CONTEXT = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}


def pytest_collection_modifyitems(config, items):
    """Browser tests run last, so that no other test runs with DJANGO_ALLOW_ASYNC_UNSAFE set (see below)."""
    here = Path(__file__).parent
    browser = [item for item in items if item.path.is_relative_to(here)]
    if browser:
        items[:] = [item for item in items if not item.path.is_relative_to(here)] + browser


@pytest.fixture(scope="session", autouse=True)
def _browser_session():
    """Skip (or fail) without Chromium; let the test's own thread use the ORM while Playwright runs.

    Once started, Playwright's sync API marks an asyncio loop as running in the main thread until the end of the
    session, and Django then refuses ORM calls there (SynchronousOnlyOperation), from tests and from the test
    database's teardown. Nothing here is really async: the live server answers in its own thread. The variable
    is set only from the first browser test on, never at import: subprocesses inherit it, and `manage.py check
    --deploy` (tests/test_production_settings.py) rightly fails on it (async.E001).
    """
    if not CHROMIUM.exists():
        message = f"Chromium is not installed at {CHROMIUM} (make browser-deps, or apt-get install chromium)"
        if REQUIRE_BROWSER:
            pytest.fail(f"{message}; browser tests are required (ANODYNE_REQUIRE_SERVICES=1 or CI=true).")
        pytest.skip(message)
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright's launch options (--headed, --slowmo …) with Debian's Chromium, headless by default."""
    return {
        "headless": True,
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {"viewport": DESKTOP_VIEWPORT, **browser_context_args}


@pytest.fixture
def mobile_page(browser, browser_context_args):
    """A page in a phone-sized, touch context (alongside `page` if a test wants both)."""
    # Its own context rather than pytest-playwright's `new_context`, which cannot override the desktop viewport.
    context = browser.new_context(**{**browser_context_args, **MOBILE_CONTEXT})
    yield context.new_page()
    context.close()


@pytest.fixture
def screenshot(request):
    """`screenshot(page, "dashboard")` saves the full page as test-artifacts/<test>--dashboard.png."""
    test_name = re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.name).strip("-")

    def take(page, step: str) -> Path:
        ARTIFACTS_DIR.mkdir(exist_ok=True)
        path = ARTIFACTS_DIR / f"{test_name}--{re.sub(r'[^A-Za-z0-9_.-]+', '-', step)}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
