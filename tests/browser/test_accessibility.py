"""axe-core (WCAG 2.0/2.1/2.2 A and AA rules) on every kind of page, in two languages."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import DEMO_ACCOUNTS, Session, gettext_in

pytestmark = pytest.mark.browser

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
    }
}
LANGUAGES = ["en", "pt-br"]

# (name, path without the language prefix, expected HTTP status)
PUBLIC_PAGES = [
    ("home", "/", 200),
    ("directory", "/network/", 200),
    (
        "directory-filtered",
        "/network/?q=a&network=mercociudades&country=BR&kind=municipality",
        200,
    ),
    ("network", "/network/mercociudades/", 200),
    ("body", "/network/mercociudades/utpeam/", 200),
    ("organization", "/network/organizations/canoas/", 200),
    ("not-found", "/network/organizations/no-such-city/", 404),
    ("login", "/accounts/login/", 200),
    ("signup", "/accounts/signup/", 200),
    ("privacy", "/privacy/", 200),
    ("accessibility-statement", "/accessibility/", 200),
    ("workplans", "/workplans/", 200),
    ("workplans-calendar", "/workplans/calendar/?year=2016", 200),
    ("workplan-utpeam", "/workplans/utpeam-2016/", 200),
    ("workplan-term", "/workplans/innovation-governance-2018/", 200),
    ("events", "/events/", 200),
    ("events-past-filtered", "/events/?when=past&kind=seminar&language=es", 200),
    ("events-month", "/events/?view=month&month=2015-10", 200),
    ("event", "/events/modernization-municipal-management-sao-paulo-2015/", 200),
    ("event-programme", "/events/connected-people-integrated-cities-2024/programme/", 200),
    ("search", "/search/", 200),
    ("search-results", "/search/?q=dados+abertos", 200),
    ("search-filtered", "/search/?q=gobierno&type=practice&language=es", 200),
    ("library", "/library/", 200),
    ("library-filtered", "/library/?kind=guide&language=es&theme=governance&sort=year", 200),
    ("library-document", "/library/guia-governo-aberto-municipios/", 200),
    ("library-training-module", "/library/e-governance-for-local-decision-makers/", 200),
    ("practices", "/practices/", 200),
    ("practices-filtered", "/practices/?theme=participation&country=BR&sort=title", 200),
]

# (name, demo account, path without the language prefix)
SIGNED_IN_PAGES = [
    ("profile", "member", "/accounts/profile/"),
    ("organization-as-editor", "editor", "/network/organizations/canoas/"),
    ("organization-edit-form", "editor", "/network/organizations/canoas/edit/"),
    ("body-as-secretariat", "secretariat", "/network/mercociudades/utpeam/"),
    ("role-form", "secretariat", "/network/mercociudades/utpeam/roles/new/"),
    ("new-organization-form", "admin", "/network/organizations/new/"),
    ("practice-form", "editor", "/practices/new/"),
    ("my-practices", "editor", "/practices/mine/"),
    ("review-queue", "secretariat", "/practices/review/"),
    ("training-module-progress", "member", "/library/e-governance-for-local-decision-makers/"),
    ("library-form", "editor", "/library/new/"),
    ("library-edit-form", "editor", "/library/modelo-decreto-dados-abertos/edit/?language=es"),
    ("my-documents", "editor", "/library/mine/"),
    ("library-review-queue", "secretariat", "/library/review/"),
    ("lessons-form", "admin", "/library/e-governance-for-local-decision-makers/lessons/"),
]


def assert_no_violations(page, where: str) -> None:
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    report = describe(violations)
    assert not violations, f"{len(violations)} axe violation(s) on {where}:\n{report}"


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['html'][:200]}")
            if node.get("failureSummary"):
                summary = " ".join(node["failureSummary"].split())
                lines.append(f"      {summary[:300]}")
    return "\n".join(lines)


def failures_of(checks) -> list[str]:
    """Run every (name, check) and collect what fails, so that a report names every page in
    trouble, not only the first. The pages share one test, and so one load of the demo:
    a test per page spent four fifths of its time loading the demo again."""
    failures = []
    for name, check in checks:
        try:
            check()
        except AssertionError as error:
            failures.append(f"[{name}] {error}")
    return failures


@pytest.mark.parametrize("language", LANGUAGES)
def test_public_pages_have_no_axe_violation(session: Session, demo, language):
    def check(path: str, status: int) -> None:
        url = f"/{language}{path}"
        session.goto(url, status=status)
        assert session.page.locator("html").get_attribute("lang") == language
        if "?" in path:  # the filters must leave something to check
            rows = "table.list tbody th a" if path.startswith("/network/") else ".practice-card"
            rows = "table.month li" if "view=month" in path else rows
            assert session.page.locator(rows).count() > 0, f"{url}: nothing listed"
        assert_no_violations(session.page, url)

    failures = failures_of(
        (name, lambda path=path, status=status: check(path, status))
        for name, path, status in PUBLIC_PAGES
    )
    assert session.foreign_requests() == []
    assert session.failed_resources == []
    assert not failures, "\n\n".join(failures)


@pytest.mark.parametrize("language", LANGUAGES)
def test_signed_in_pages_have_no_axe_violation(new_session, demo, language):
    signed_in: dict[str, Session] = {}

    def check(account: str, path: str) -> None:
        if account not in signed_in:  # one browser context per account, signed in once
            signed_in[account] = new_session()
            signed_in[account].sign_in(DEMO_ACCOUNTS[account], language=language)
        session = signed_in[account]
        url = f"/{language}{path}"
        session.goto(url)
        assert session.page.locator("html").get_attribute("lang") == language
        assert_no_violations(session.page, f"{url} (signed in as {account})")

    failures = failures_of(
        (name, lambda account=account, path=path: check(account, path))
        for name, account, path in SIGNED_IN_PAGES
    )
    assert not failures, "\n\n".join(failures)


@pytest.mark.parametrize("language", LANGUAGES)
def test_form_with_errors_has_no_axe_violation(session: Session, demo, language):
    """The error state: summary, field errors and the values typed, as the editor sees them."""
    session.sign_in(DEMO_ACCOUNTS["editor"], language=language)
    url = f"/{language}/network/organizations/canoas/edit/"
    session.goto(url)
    page = session.page
    page.locator("input[name=website]").fill("not a website")
    page.locator("input[name=population]").fill("-5")
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name=gettext_in(language, "Save")).click()
    assert navigation.value.status == 400
    assert page.get_by_role("alert").count() == 1
    assert page.locator(".field.has-error").count() == 2
    assert_no_violations(page, f"{url} (submitted with errors)")


def demo_practice(**lookup) -> str:
    from intercambio.practices.models import Practice

    return Practice.objects.filter(**lookup).order_by("pk").values_list("slug", flat=True)[0]


@pytest.mark.parametrize("language", LANGUAGES)
def test_practice_pages_have_no_axe_violation(session: Session, demo, language):
    """A published practice in another language (banner, JSON-LD, related, contact), its
    original version, a submitted one as the secretariat sees it, and the contact form."""
    spanish = demo_practice(status="published", original_language="es")
    for path in (f"/practices/{spanish}/", f"/practices/{spanish}/?version=es"):
        session.goto(f"/{language}{path}")
        assert_no_violations(session.page, path)
    session.sign_in(DEMO_ACCOUNTS["secretariat"], language=language)
    submitted = demo_practice(status="submitted", networks__slug="mercociudades")
    session.goto(f"/{language}/practices/{submitted}/")
    assert session.page.locator("form.request-changes").count() == 1
    assert_no_violations(session.page, f"submitted practice {submitted} (secretariat)")
    session.goto(f"/{language}/practices/{spanish}/contact/")
    assert_no_violations(session.page, "contact form")
