"""Real-browser fixtures: one Chromium for the folder, one context per test, a live server.

The folder is skipped, with the reason printed, when no Chromium is found. Look-up order:
$CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser, `chromium` on the PATH.
Playwright's own browser downloads are never used (the test machines have no internet).
"""

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.utils import translation

HERE = Path(__file__).resolve().parent

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

DEMO_PASSWORD = "intercambio-demo"  # noqa: S105 - the demo accounts' published password
DEMO_ACCOUNTS = {
    "admin": "admin@intercambio.example",
    "secretariat": "secretaria@mercociudades.example",
    "editor": "editor@canoas.example",
    "member": "membro@intercambio.example",
}

# Every failing wait fails within this time instead of Playwright's 30 s.
TIMEOUT_MS = 10_000


def find_chromium() -> str | None:
    candidates = [
        os.environ.get("CHROMIUM_PATH"),
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        shutil.which("chromium"),
    ]
    for candidate in candidates:
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


CHROMIUM = find_chromium()
SKIP_REASON = (
    "browser tests skipped: no Chromium found (looked at $CHROMIUM_PATH, /usr/bin/chromium, "
    "/usr/bin/chromium-browser and `chromium` on the PATH); set CHROMIUM_PATH to run them"
)


def _in_this_folder(item: pytest.Item) -> bool:
    return HERE in Path(item.path).resolve().parents


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    ours = [item for item in items if _in_this_folder(item)]
    for item in ours:
        item.add_marker(pytest.mark.browser)
        if CHROMIUM is None:
            item.add_marker(pytest.mark.skip(reason=SKIP_REASON))


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    if CHROMIUM is None:
        terminalreporter.write_line(SKIP_REASON, yellow=True)


# --- Django side ------------------------------------------------------------------------


@pytest.fixture(scope="session")
def _browser_server_settings() -> Iterator[None]:
    """Settings the live server must have from the moment it starts.

    The session-scoped live server builds its middleware once, when it starts, and
    SecurityMiddleware reads SECURE_SSL_REDIRECT then: the function-scoped override of
    tests/conftest.py comes too late for it and every page would redirect to https://.
    """
    from django.test import override_settings

    with override_settings(SECURE_SSL_REDIRECT=False):
        yield


@pytest.fixture(scope="session")
def live_server(_browser_server_settings, live_server):
    """pytest-django's live server, started with the settings above (http://localhost:port)."""
    return live_server


LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1"}


@pytest.fixture
def _secure_cookies_over_http(settings, live_server) -> None:
    """Cookies are `Secure` when DEBUG is off, as in production. Chromium keeps Secure cookies
    set over plain http by a loopback host, a "potentially trustworthy" origin (checked with
    Chromium 156 on both http://localhost and http://127.0.0.1: session, CSRF and language
    cookies are kept), so the production settings are kept and tested. Over plain http from
    any other host (--liveserver 0.0.0.0 or a LAN address) Chromium drops them and every form
    fails its CSRF check: only then are the three settings turned off."""
    if urlsplit(live_server.url).hostname not in LOOPBACK_HOSTS:
        settings.SESSION_COOKIE_SECURE = False
        settings.CSRF_COOKIE_SECURE = False
        settings.LANGUAGE_COOKIE_SECURE = False


@pytest.fixture
def demo(live_server) -> None:
    """The demo data set (`intercambio demo`): Mercociudades, UTPEAM, Canoas, demo accounts."""
    call_command("demo", verbosity=0)


# --- Browser side -----------------------------------------------------------------------


@pytest.fixture(scope="package")
def browser(django_db_setup) -> Iterator:
    """One Chromium for the whole folder (the test database is created before it starts)."""
    if CHROMIUM is None:
        pytest.skip(SKIP_REASON)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API marks an asyncio loop as running in this thread between its calls,
    # and Django then refuses ORM calls (SynchronousOnlyOperation). The tests and fixtures use
    # the ORM only between browser steps, never concurrently with them, so the guard is lifted
    # while the browser lives: for this folder only, as the variable is inherited by
    # subprocesses (`check --deploy` in tests/test_settings.py rejects it).
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()


class Session:
    """One browser context (cookies, JS on or off) and its page, with every request recorded."""

    def __init__(self, context, base_url: str) -> None:
        self.context = context
        self.base_url = base_url
        self.requests: list[str] = []
        self.failed_resources: list[str] = []
        context.on("request", lambda request: self.requests.append(request.url))
        context.on("response", self._check_resource)
        context.on("requestfailed", self._check_failure)
        self.page = context.new_page()

    def _check_failure(self, request) -> None:
        # A request the browser abandons because the page moved on (a quick click while the
        # icon still loads) is not a broken resource; a refused or unreachable one is.
        if "ERR_ABORTED" not in (request.failure or ""):
            self.failed_resources.append(request.url)

    def _check_resource(self, response) -> None:
        # Pages may answer 4xx on purpose (404 page, form errors); their subresources may not.
        if response.status >= 400 and response.request.resource_type != "document":
            self.failed_resources.append(f"{response.status} {response.url}")

    def goto(self, path: str, *, status: int = 200):
        response = self.page.goto(path)
        assert response is not None, path
        assert response.status == status, f"{path}: HTTP {response.status}, expected {status}"
        return response

    def foreign_requests(self) -> list[str]:
        own = urlsplit(self.base_url).netloc
        return [url for url in self.requests if urlsplit(url).netloc != own]

    def sign_in(self, email: str, password: str = DEMO_PASSWORD, *, language: str = "en"):
        """Sign in through the real login form."""
        page = self.page
        self.goto(f"/{language}/accounts/login/")
        page.locator("input[name=login]").fill(email)
        page.locator("input[name=password]").fill(password)
        with page.expect_navigation():
            page.locator("form:has(input[name=password]) [type=submit]").click()
        assert "/accounts/login/" not in page.url, f"sign-in as {email} failed: {page.url}"


@pytest.fixture
def new_session(
    browser, live_server, _secure_cookies_over_http
) -> Iterator[Callable[..., Session]]:
    contexts = []

    def make(*, javascript: bool = True, locale: str = "en-GB") -> Session:
        context = browser.new_context(
            base_url=live_server.url, java_script_enabled=javascript, locale=locale
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return Session(context, live_server.url)

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def session(new_session) -> Session:
    return new_session()


def gettext_in(language: str, message: str) -> str:
    """What the interface says for `message` in `language` (follows the project's catalogs)."""
    with translation.override(language):
        return translation.gettext(message)
