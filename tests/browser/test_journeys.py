"""What a person does in a real browser, with and without JavaScript, on the demo data."""

import datetime
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from intercambio.common.i18n import translated
from intercambio.common.models import AuditEntry
from intercambio.network.models import Body, BodyRole, Membership, Organization
from tests.browser.conftest import DEMO_ACCOUNTS, Session, gettext_in
from tests.browser.test_accessibility import assert_no_violations

pytestmark = pytest.mark.browser

BODY_PATH = "/network/mercociudades/utpeam/"
CANOAS_PATH = "/network/organizations/canoas/"
HOME_HEADING = "Cities learning from cities"
SUB_COORDINATIONS = ["São Paulo", "El Bosque", "Lo Prado", "Canelones", "Esteban Echeverría"]


def path_of(page) -> str:
    return urlsplit(page.url).path


def assert_page(page, *, path: str, language: str, heading: str) -> None:
    """The address, the document language and the main heading a person sees."""
    assert path_of(page) == path
    assert page.locator("html").get_attribute("lang") == language
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("h1")).to_have_text(heading)


# With JavaScript off, Chromium still runs the scripts a test evaluates in the page, and their
# promise callbacks, but never fires a timer: axe-core, which yields between rules with
# setTimeout, would wait forever. So its timers run as promise callbacks. The page itself
# stays as a browser without JavaScript built it (none of its scripts ran, <noscript> shown).
RUN_TIMERS_AS_PROMISE_CALLBACKS = """() => {
    const cancelled = new Set();
    let last = 0;
    window.setTimeout = (callback, delay, ...args) => {
        const id = ++last;
        Promise.resolve().then(() => { if (!cancelled.delete(id)) callback(...args); });
        return id;
    };
    window.clearTimeout = (id) => { cancelled.add(id); };
}"""


def check_accessibility(page, step: str, *, javascript: bool) -> None:
    """axe-core (WCAG A and AA rules) on the page as it stands at this step of a journey."""
    if not javascript:
        page.evaluate(RUN_TIMERS_AS_PROMISE_CALLBACKS)
    mode = "JavaScript on" if javascript else "JavaScript off"
    assert_no_violations(page, f"{step} ({path_of(page)}, {mode})")


def term_list_with(page, organization_path: str):
    """The `<li>` of a term list that links to the organization."""
    return page.locator(f"ul.roles > li:has(a[href$='{organization_path}'])")


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_visitor_reaches_the_coordination_of_utpeam_in_spanish(new_session, demo, javascript):
    session: Session = new_session(javascript=javascript)
    page = session.page
    body = Body.objects.select_related("network").get(network__slug="mercociudades", slug="utpeam")
    body_name = translated(body, "name", "es")

    # Home, in the browser's language (English).
    session.goto("/")
    assert_page(page, path="/en/", language="en", heading=gettext_in("en", HOME_HEADING))
    check_accessibility(page, "home", javascript=javascript)

    # Switch to Spanish: same page, Spanish address and document language.
    spanish = page.locator("button[name=language][value=es]")
    expect(spanish).to_have_text("Español")
    expect(spanish).to_have_attribute("lang", "es")
    with page.expect_navigation():
        spanish.click()
    assert_page(page, path="/es/", language="es", heading=gettext_in("es", HOME_HEADING))
    assert page.locator("h1").inner_text() != HOME_HEADING, (
        "the Spanish page shows the English heading: are the catalogs compiled "
        "(`intercambio compiletranslations`)?"
    )
    current = page.locator("button[name=language][aria-current=true]")
    expect(current).to_have_count(1)
    expect(current).to_have_attribute("value", "es")
    check_accessibility(page, "home after switching to Spanish", javascript=javascript)

    # Network, from the main navigation.
    main_nav = page.get_by_role("navigation", name=gettext_in("es", "Main"))
    network_link = main_nav.get_by_role("link", name=gettext_in("es", "Network"), exact=True)
    with page.expect_navigation():
        network_link.click()
    directory = gettext_in("es", "Network directory")
    assert_page(page, path="/es/network/", language="es", heading=directory)
    expect(network_link).to_have_attribute("aria-current", "page")
    check_accessibility(page, "network directory", javascript=javascript)

    # UTPEAM, listed under its network on the directory page, named in Spanish.
    body_link = page.locator(f"a[href$='/es{BODY_PATH}']")
    expect(body_link).to_have_count(1)
    expect(body_link).to_have_text(body_name.text)
    expect(body_link).to_have_attribute("lang", body_name.language)
    with page.expect_navigation():
        body_link.click()
    heading = f"{body_name.text} ({body.acronym})" if body.acronym else body_name.text
    assert_page(page, path=f"/es{BODY_PATH}", language="es", heading=heading)
    expect(page.locator("h1")).to_have_attribute("lang", body_name.language)
    check_accessibility(page, "UTPEAM", javascript=javascript)

    # Canoas coordinates it in 2016, with the five sub-coordinations of that term.
    canoas = term_list_with(page, CANOAS_PATH)
    expect(canoas).to_have_count(1)
    expect(canoas.locator(".role")).to_have_text(f"{gettext_in('es', 'Coordination')}:")
    term_roles = canoas.locator("xpath=..")
    term_heading = term_roles.locator("xpath=preceding-sibling::*[self::h2 or self::h3][1]")
    expect(term_heading).to_contain_text("2016")
    sub_coordination = f"{gettext_in('es', 'Sub-coordination')}:"
    for name in SUB_COORDINATIONS:
        city = term_roles.locator("li", has=page.get_by_role("link", name=name, exact=True))
        expect(city).to_have_count(1)
        expect(city.locator(".role")).to_have_text(sub_coordination)

    # Canoas's own page.
    with page.expect_navigation():
        canoas.get_by_role("link", name="Canoas", exact=True).click()
    assert_page(page, path=f"/es{CANOAS_PATH}", language="es", heading="Canoas")
    roles = page.locator("section[aria-labelledby=roles-heading]")
    expect(roles).to_contain_text(gettext_in("es", "Coordination"))
    expect(roles.locator(f"a[href$='/es{BODY_PATH}']")).to_have_count(1)
    check_accessibility(page, "Canoas", javascript=javascript)

    # Everything the pages loaded came from this server: no CDN, font, analytics or map tile.
    assert session.requests, "no request was recorded"
    assert session.foreign_requests() == []


def test_pages_load_their_stylesheet_and_icon(session: Session, demo):
    for path in ["/en/", "/en/network/", f"/en{BODY_PATH}", "/en/no-such-page/"]:
        session.goto(path, status=404 if "no-such" in path else 200)
        assert session.failed_resources == [], f"on {path}"
        # The main navigation's dark band comes from the stylesheet.
        background = session.page.locator(".main-nav").evaluate(
            "element => getComputedStyle(element).backgroundColor"
        )
        assert background != "rgba(0, 0, 0, 0)", f"{path} is not styled"


def test_secretariat_records_a_role_in_utpeam(new_session, demo):
    session: Session = new_session()
    page = session.page
    body = Body.objects.get(network__slug="mercociudades", slug="utpeam")
    newcomer = (
        Organization.objects.filter(memberships__network=body.network)
        .exclude(body_roles__body=body)
        .order_by("name")
        .first()
    )
    assert newcomer is not None, "the demo should have a member with no role in UTPEAM"
    roles_before = BodyRole.objects.filter(body=body).count()

    session.sign_in(DEMO_ACCOUNTS["secretariat"], language="es")
    session.goto(f"/es{BODY_PATH}")
    with page.expect_navigation():
        page.get_by_role("link", name=gettext_in("es", "Add a role"), exact=True).click()
    assert path_of(page) == f"/es{BODY_PATH}roles/new/"
    assert page.locator("html").get_attribute("lang") == "es"

    # A term that ends before it starts: the form comes back in Spanish and nothing is saved.
    form = page.locator("main form")
    form.locator("select[name=organization]").select_option(str(newcomer.pk))
    form.locator("select[name=role]").select_option(BodyRole.Role.COORDINATION)
    form.locator("input[name=term_start]").fill("2018-01-01")
    form.locator("input[name=term_end]").fill("2017-12-31")
    with page.expect_navigation() as navigation:
        form.get_by_role("button", name=gettext_in("es", "Save")).click()
    assert navigation.value.status == 400
    assert page.locator("html").get_attribute("lang") == "es"
    message = gettext_in("es", "The term must end on or after its start.")
    assert message != "The term must end on or after its start.", "no Spanish catalog"
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text(gettext_in("es", "Please correct the following"))
    expect(summary).to_contain_text(message)
    expect(page.locator("#id_term_end_error")).to_have_text(message)
    # What was typed is kept.
    expect(form.locator("input[name=term_start]")).to_have_value("2018-01-01")
    expect(form.locator("select[name=organization]")).to_have_value(str(newcomer.pk))
    assert BodyRole.objects.filter(body=body).count() == roles_before

    # Corrected: the role is saved and shown on the body page.
    form.locator("input[name=term_end]").fill("2019-12-31")
    with page.expect_navigation() as navigation:
        form.get_by_role("button", name=gettext_in("es", "Save")).click()
    assert navigation.value.status == 200
    assert path_of(page) == f"/es{BODY_PATH}"
    expect(page.get_by_role("status")).to_contain_text(gettext_in("es", "The role was recorded."))
    added = term_list_with(page, f"/network/organizations/{newcomer.slug}/")
    expect(added).to_have_count(1)
    expect(added.locator(".role")).to_have_text(f"{gettext_in('es', 'Coordination')}:")
    assert BodyRole.objects.filter(body=body).count() == roles_before + 1
    role = BodyRole.objects.get(body=body, organization=newcomer)
    assert (role.role, role.term_start, role.term_end) == (
        BodyRole.Role.COORDINATION,
        datetime.date(2018, 1, 1),
        datetime.date(2019, 12, 31),
    )
    assert session.foreign_requests() == []


def test_secretariat_records_that_canoas_left_mercociudades_then_removes_it(new_session, demo):
    session: Session = new_session()
    page = session.page
    membership = (
        Membership.objects.filter(network__slug="mercociudades", organization__slug="canoas")
        .order_by("pk")
        .first()
    )
    assert membership is not None, "the demo should have Canoas in Mercociudades"
    network_path = "/es/network/mercociudades/"

    session.sign_in(DEMO_ACCOUNTS["secretariat"], language="es")
    session.goto(f"{network_path}?q=Canoas")
    check_accessibility(page, "network page as the secretariat", javascript=True)
    with page.expect_navigation():
        page.locator(f"a[href='{network_path}members/{membership.pk}/edit/']").click()
    assert path_of(page) == f"{network_path}members/{membership.pk}/edit/"
    assert page.locator("html").get_attribute("lang") == "es"
    check_accessibility(page, "membership form", javascript=True)

    # Canoas left at the end of 2024: the membership keeps its history with an end date.
    form = page.locator("main form")
    form.locator("input[name=until]").fill("2024-12-31")
    with page.expect_navigation() as navigation:
        form.get_by_role("button", name=gettext_in("es", "Save")).click()
    assert navigation.value.status == 200
    assert path_of(page) == network_path
    messages = page.locator(".messages[role=status]")  # the page has a result count too
    expect(messages).to_contain_text(gettext_in("es", "Your changes were saved."))
    membership.refresh_from_db()
    assert membership.until == datetime.date(2024, 12, 31)

    # Recorded by mistake after all: removed, and the removal stays in the audit log.
    session.goto(f"{network_path}?q=Canoas")
    remove = page.locator(f"form[action='{network_path}members/{membership.pk}/remove/'] button")
    with page.expect_navigation():
        remove.click()
    assert path_of(page) == network_path
    removed = gettext_in("es", "The membership of %(name)s was removed.") % {"name": "Canoas"}
    expect(messages).to_contain_text(removed)
    assert not Membership.objects.filter(pk=membership.pk).exists()
    entry = AuditEntry.objects.get(action="deleted", object_id=str(membership.pk))
    assert entry.actor.email == DEMO_ACCOUNTS["secretariat"]
    check_accessibility(page, "network page after the removal", javascript=True)
    assert session.foreign_requests() == []
