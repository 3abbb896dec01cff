"""Shared paths and helpers for the test suite."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "examples" / "seeds").glob("*.txt"))
GOLDEN = ROOT / "tests" / "golden"


NOTES = ("repairs", "warnings", "report")


def comparable(value):
    """A table's JSON with what goldens do not pin down removed: the wording of the `reason`
    of repairs, warnings and report entries, and the directory of `source`."""
    if isinstance(value, dict):
        result = {}
        for key, item in value.items():
            if key == "source" and isinstance(item, str):
                result[key] = Path(item).name
            elif key in NOTES and isinstance(item, list):
                result[key] = [{k: v for k, v in note.items() if k != "reason"} for note in item]
            else:
                result[key] = comparable(item)
        return result
    if isinstance(value, list):
        return [comparable(v) for v in value]
    return value


@pytest.fixture(scope="session")
def seeds() -> list[Path]:
    return SEEDS


def needs_tool(*names: str) -> str:
    """The path of the first program found among `names`; the test is skipped, saying which
    package brings it, where none is (a Windows machine, say). `make test` installs them all."""
    import shutil

    found = next((path for name in names if (path := shutil.which(name))), None)
    if found is None:
        pytest.skip(f"需要 {names[0]}（Debian：make install-system 会安装）")
    return found


def needs_cjk_font() -> None:
    """Skip a test of PDF export where no Chinese TrueType font is installed."""
    from jixiao.errors import OutputError
    from jixiao.writers.pdf import font_file

    try:
        font_file()
    except OutputError as error:
        pytest.skip(str(error))


@pytest.fixture(autouse=True)
def _no_cache_between_tests():
    """The web application's cache (the list's choices) lives in the process: a test must not
    see what an earlier one, with other tables under the same ids, left there."""
    yield
    if "django.core.cache" in sys.modules:
        from django.core.cache import cache
        cache.clear()


@pytest.fixture(autouse=True)
def _pdf_export_needs_a_font(request):
    """Every test parametrized with fmt="pdf" writes a PDF, which needs a Chinese font."""
    callspec = getattr(request.node, "callspec", None)
    if callspec is not None and callspec.params.get("fmt") == "pdf":
        needs_cjk_font()


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture
def browser_page():
    """A Chromium page through Playwright, on a laptop's screen (1366×768) in Chinese: Debian's
    chromium (JIXIAO_CHROMIUM, else the one on PATH), never a browser Playwright downloads. Pair
    it with pytest-django's live_server.

    While the page is open, Playwright's event loop runs in this thread and Django refuses queries
    from it (SynchronousOnlyOperation): set up data before the page opens and check what the
    server stored through the page, or after it. DJANGO_ALLOW_ASYNC_UNSAFE is not set, since
    nothing needs it, and it would hide a real query from an async context elsewhere."""
    import os
    import shutil

    executable = os.environ.get("JIXIAO_CHROMIUM") or shutil.which("chromium")
    if not executable:
        pytest.skip("需要 chromium（Debian：make install-system 会安装）")
    playwright_api = pytest.importorskip("playwright.sync_api", reason="需要 playwright（make install 会安装）")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
        try:
            yield context.new_page()
        finally:
            context.close()
            browser.close()
