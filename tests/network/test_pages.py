"""Directory pages: what a visitor sees, a fixed number of queries, bad input handled."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from intercambio.network import queries
from intercambio.network.models import BodyRole, Membership, Organization
from tests import factories
from tests.conftest import login


def make_members(network, count: int) -> None:
    for n in range(count):
        organization = factories.OrganizationFactory(country=["BR", "AR", "UY"][n % 3])
        factories.MembershipFactory(organization=organization, network=network)
        body = factories.BodyFactory(network=network)
        factories.BodyRoleFactory(body=body, organization=organization)
        factories.PersonFactory(organization=organization)


def query_count(django_assert_max_num_queries, url: str, client: Client | None = None):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client or Client()
    # Steady state: the first request of a process fills caches (content types) once.
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


@pytest.mark.parametrize(
    "url",
    [
        "/en/",
        "/en/network/",
        "/en/network/?country=BR",
        "/en/network/?network=mercociudades&kind=municipality",
        "/es/network/mercociudades/",
        "/es/network/mercociudades/?country=BR",
        "/pt-br/network/mercociudades/utpeam/",
        "/en/network/organizations/canoas/",
    ],
)
def test_page_query_count_does_not_grow_with_data(
    network, organization, url, django_assert_max_num_queries
):
    body = factories.BodyFactory(network=network, slug="utpeam")
    factories.BodyRoleFactory(body=body, organization=organization)
    make_members(network, 1)
    for _ in range(1):
        factories.PersonFactory(organization=organization).bodies.add(body)
    factories.MembershipFactory(organization=organization, network=factories.NetworkFactory())
    with_one = query_count(django_assert_max_num_queries, url)
    make_members(network, 3)
    for n in range(3):
        factories.PersonFactory(organization=organization).bodies.add(body)
        factories.BodyRoleFactory(
            body=body, organization=factories.OrganizationFactory(),
            role=BodyRole.Role.SUB_COORDINATION, term_start=datetime.date(2015 - n, 1, 1),
        )  # fmt: skip
        factories.MembershipFactory(organization=organization, network=factories.NetworkFactory())
    assert query_count(django_assert_max_num_queries, url) == with_one


def test_signed_in_editor_page_query_count_is_fixed(
    alice, organization, network, django_assert_max_num_queries
):
    url = "/en/network/organizations/canoas/"
    client = login(alice)
    factories.PersonFactory(organization=organization)
    with_one = query_count(django_assert_max_num_queries, url, client)
    for _ in range(3):
        factories.PersonFactory(organization=organization)
        organization.editors.add(factories.UserFactory())
    assert query_count(django_assert_max_num_queries, url, client) == with_one


@pytest.mark.parametrize(
    "url",
    [
        "/en/network/mercociudades/",
        "/es/network/mercociudades/utpeam/",
        "/en/network/?network=mercociudades&kind=municipality",
    ],
)
def test_secretariat_page_query_count_is_fixed(
    secretariat, network, organization, url, django_assert_max_num_queries
):
    """As the secretariat sees them: with edit links and the change history."""
    from intercambio.network.forms import BodyRoleForm, MembershipForm

    body = factories.BodyFactory(network=network, slug="utpeam")
    client = login(secretariat)

    def add(n: int) -> None:
        for _ in range(n):
            city = factories.OrganizationFactory()
            MembershipForm({"organization": city.pk, "role": "member"}, network=network).save_by(
                secretariat
            )
            BodyRoleForm(
                {"organization": city.pk, "role": "sub_coordination", "term_start": "2016-01-01"},
                body=body,
            ).save_by(secretariat)

    add(1)
    with_one = query_count(django_assert_max_num_queries, url, client)
    add(3)
    assert query_count(django_assert_max_num_queries, url, client) == with_one


def test_directory_filters_by_country_and_kind(network):
    factories.MembershipFactory(
        network=network,
        organization=factories.OrganizationFactory(name="Montevideo", country="UY"),
    )
    factories.MembershipFactory(
        network=network,
        organization=factories.OrganizationFactory(
            name="Confederação Nacional de Municípios", country="BR",
            kind=Organization.Kind.ASSOCIATION,
        ),
    )  # fmt: skip
    page = Client().get("/en/network/mercociudades/?country=UY").content.decode()
    assert "Montevideo" in page and "Confederação" not in page
    page = Client().get("/en/network/?kind=association").content.decode()
    assert "Confederação" in page and "Montevideo" not in page


@pytest.mark.parametrize(
    "query", ["country=ZZ", "kind=<script>", "page=999999", "page=abc", "q=" + "x" * 5000]
)
def test_directory_bad_filter_values_are_ignored_not_errors(network, query):
    response = Client().get(f"/en/network/?{query}")
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


def test_body_page_shows_current_coordination_and_earlier_terms(network, organization):
    body = factories.BodyFactory(network=network, slug="utpeam", name_en="UTPEAM")
    this_year = timezone.localdate().year
    factories.BodyRoleFactory(
        body=body,
        organization=organization,
        term_start=datetime.date(this_year, 1, 1),
        term_end=None,
    )
    factories.BodyRoleFactory(
        body=body, organization=factories.OrganizationFactory(name="Lo Prado", country="CL"),
        role=BodyRole.Role.SUB_COORDINATION, term_start=datetime.date(2016, 1, 1),
    )  # fmt: skip
    page = Client().get("/en/network/mercociudades/utpeam/").content.decode()
    current, earlier = page.split("Earlier terms")
    assert "Current term" in current and "Canoas" in current
    assert "Lo Prado" in earlier and "Sub-coordination" in earlier


def test_body_with_only_past_terms_shows_the_latest_one(network, organization):
    body = factories.BodyFactory(network=network, slug="utpeam")
    factories.BodyRoleFactory(body=body, organization=organization)  # 2016
    page = Client().get("/en/network/mercociudades/utpeam/").content.decode()
    assert "Latest recorded term (2016)" in page
    assert "Canoas" in page


def test_body_name_falls_back_to_its_original_language_with_lang_attribute(network):
    factories.BodyFactory(
        network=network, slug="utpeam", original_language="pt-br", name_en="", name_es="",
        name_pt_br="Unidade Temática de Planejamento Estratégico", name="Unidade Temática de Planejamento Estratégico",
    )  # fmt: skip
    page = Client().get("/es/network/mercociudades/utpeam/").content.decode()
    assert '<h1 lang="pt-br">Unidade Temática de Planejamento Estratégico' in page


def test_unknown_records_give_404(network):
    for url in [
        "/en/network/nowhere/",
        "/en/network/organizations/nowhere/",
        "/en/network/mercociudades/nothing/",
    ]:
        assert Client().get(url).status_code == 404, url


def test_population_is_localized(network):
    organization = factories.OrganizationFactory(
        slug="sao-paulo", name="São Paulo", population=11451245
    )
    assert "11,451,245" in Client().get(organization.get_absolute_url()).content.decode()
    assert (
        "11.451.245"
        in Client().get("/pt-br" + organization.get_absolute_url()[3:]).content.decode()
    )


# --- the directory's reads: each organization once, counts right, a stable order ------------


def facets(response) -> tuple[list, list]:
    context = response.context
    return (
        [(code, n) for code, _, n in context["country_options"]],
        [(value, n) for value, _, n in context["kind_options"]],
    )


def member_counts(response) -> dict[str, int]:
    return {network.slug: network.member_count for network in response.context["networks"]}


@pytest.fixture
def two_roles(network, organization):
    """Canoas holds two roles in the network; Montevideo one; two organizations in none."""
    factories.MembershipFactory(
        organization=organization, network=network, role=Membership.Role.COUNCIL
    )
    factories.MembershipFactory(
        network=network,
        organization=factories.OrganizationFactory(name="Montevideo", country="UY"),
    )
    factories.OrganizationFactory(name="Asunción NGO", country="PY", kind=Organization.Kind.NGO)
    factories.OrganizationFactory(name="Nowhere", country="")
    return network


@pytest.mark.parametrize(
    "url", ["/en/network/mercociudades/", "/en/network/?network=mercociudades"]
)
def test_network_lists_a_member_with_two_roles_once_and_counts_it_once(two_roles, url):
    response = Client().get(url)
    page = response.context["page"]
    assert [o.name for o in page] == ["Canoas", "Montevideo"]
    assert page.paginator.count == 2
    assert facets(response) == ([("BR", 1), ("UY", 1)], [("municipality", 2)])
    # Both roles are still shown on the organization's row.
    assert sorted(m.role for m in page[0].memberships.all()) == ["council", "member"]


def test_network_member_counts_on_the_home_and_directory_count_organizations(two_roles):
    empty = factories.NetworkFactory(slug="empty")
    for url in ["/en/", "/en/network/"]:
        assert member_counts(Client().get(url)) == {"mercociudades": 2, empty.slug: 0}, url
    assert '<p class="meta">2 members</p>' in Client().get("/en/").content.decode()


def test_home_figures_count_organizations_countries_and_networks(two_roles):
    counts = Client().get("/en/").context["counts"]
    # Canoas, Montevideo, Asunción NGO, Nowhere; its empty country is not a country.
    assert counts == {"organizations": 4, "countries": 3, "networks": 1}


def test_directory_facets_count_every_organization_and_ignore_empty_values(two_roles):
    response = Client().get("/en/network/?country=UY&kind=municipality")
    assert [o.name for o in response.context["page"]] == ["Montevideo"]
    assert response.context["page"].paginator.count == 1
    # The options count the whole directory, not the current filter.
    assert facets(response) == (
        [("BR", 1), ("PY", 1), ("UY", 1)],
        [("municipality", 3), ("ngo", 1)],
    )


def test_network_filters_combine_with_country_kind_and_text(two_roles):
    def names(url):
        response = Client().get(url)
        page = response.context["page"]
        assert page.paginator.count == len(page.object_list)
        return [o.name for o in page]

    assert names("/en/network/mercociudades/?country=BR") == ["Canoas"]
    assert names("/en/network/?network=mercociudades&kind=ngo") == []
    assert names("/en/network/?network=mercociudades&q=monte") == ["Montevideo"]
    assert names("/en/network/?kind=ngo") == ["Asunción NGO"]


def test_network_count_agrees_with_its_rows_and_further_filters(two_roles):
    members = queries.organizations(network=two_roles)
    assert members.count() == len(list(queries.organizations(network=two_roles))) == 2
    assert members.filter(country="UY").count() == 1
    assert queries.organizations(network=two_roles, country="BR").count() == 1
    assert queries.organizations().count() == 4


def test_pages_of_equal_names_neither_repeat_nor_skip_an_organization(network):
    same = [
        factories.MembershipFactory(
            network=network, organization=factories.OrganizationFactory(name="San José")
        ).organization.pk
        for _ in range(53)
    ]
    for url in ["/en/network/?page={}", "/en/network/mercociudades/?page={}"]:
        pages = [Client().get(url.format(n)).context["page"] for n in (1, 2)]
        listed = [o.pk for page in pages for o in page]
        assert listed == sorted(same), url
