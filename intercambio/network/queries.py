"""Reads of the network directory. Every list is built with a fixed number of queries.

At 100 000 organizations every directory page must answer within the design's budget on
SQLite, so no read here joins memberships and de-duplicates afterwards (DISTINCT over the
join sorts every row): an organization is "in a network" through an EXISTS subquery, which
cannot repeat it, and the counts read the narrow indexes declared in models.py.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import (
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.utils import timezone
from modeltranslation.manager import MultilingualQuerySet

from intercambio.network.models import Body, BodyRole, Membership, Network, Organization, Person

# The directory's facets, counted together in one GROUP BY (see facet_counts).
FACET_FIELDS = ("country", "kind")


def _member_count(network_ref) -> Subquery:
    """Distinct member organizations of a network: an organization with two roles in the same
    network counts once. Read from the membership_network_org index alone. COUNT is written
    as a plain function so the subquery has no GROUP BY: one row, 0 for a network without
    members."""
    count = Func(
        F("organization"),
        function="COUNT",
        template="%(function)s(DISTINCT %(expressions)s)",
        output_field=IntegerField(),
    )
    members = Membership.objects.filter(network=network_ref).order_by()
    return Subquery(members.annotate(n=count).values("n"), output_field=IntegerField())


def networks_with_bodies() -> QuerySet[Network]:
    active_bodies = Prefetch("bodies", queryset=Body.objects.filter(active=True))
    return Network.objects.annotate(member_count=_member_count(OuterRef("pk"))).prefetch_related(
        active_bodies
    )


def directory_counts() -> dict[str, int]:
    # One GROUP BY over a country-first index (no row read) gives both figures.
    per_country = Organization.objects.order_by().values_list("country").annotate(n=Count("pk"))
    rows = list(per_country)
    return {
        "organizations": sum(n for _, n in rows),
        "countries": sum(1 for country, _ in rows if country),
        "networks": Network.objects.count(),
    }


class OrganizationQuerySet(MultilingualQuerySet):
    """The directory's organizations (the manager's own queryset class, translated fields
    included). Remembers, until it is filtered further, that it is exactly one network's
    members, so its count (Paginator calls count()) and its facets read the memberships
    index instead of testing every organization."""

    _members_of: Network | None = None  # not copied by _clone(): any further filter drops it

    def count(self) -> int:
        if self._members_of is None or self._result_cache is not None:
            return super().count()
        # Every membership points to an existing organization (foreign key), so the
        # network's distinct member organizations are exactly the rows of this queryset.
        members = Membership.objects.filter(network=self._members_of)
        return members.aggregate(n=Count("organization", distinct=True))["n"]


def organizations(
    *, network: Network | None = None, country: str = "", kind: str = "", text: str = ""
) -> QuerySet[Organization]:
    """Organizations for the directory lists, filtered, by name; memberships ready for display.

    Each organization appears once, however many memberships it has in the network.
    """
    queryset = OrganizationQuerySet(model=Organization)
    if network is not None:
        queryset = queryset.filter(
            Exists(Membership.objects.filter(network=network, organization=OuterRef("pk")))
        )
    if country:
        queryset = queryset.filter(country=country)
    if kind:
        queryset = queryset.filter(kind=kind)
    if text:
        queryset = queryset.filter(
            Q(name__icontains=text) | Q(short_name__icontains=text) | Q(city__icontains=text)
        )
    # The primary key breaks ties between equal names, so pages never overlap or skip a row
    # and SQLite and PostgreSQL list the same organizations on the same page.
    queryset = queryset.order_by("name", "pk").prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.select_related("network"))
    )
    if network is not None and not (country or kind or text):
        queryset._members_of = network
    return queryset


def facet_counts(queryset: QuerySet[Organization], field_name: str) -> dict[str, int]:
    """How many organizations of the queryset have each non-empty value of the field.

    The queryset holds each organization once, so a plain COUNT per group is right. The
    directory's facets (FACET_FIELDS) are counted in a single GROUP BY, kept on the queryset,
    so asking for the second facet of the same queryset costs no query.
    """
    if field_name not in FACET_FIELDS or queryset.model is not Organization:
        rows = queryset.order_by().values_list(field_name).annotate(n=Count("pk"))
        return {value: n for value, n in rows if value}
    groups = getattr(queryset, "_facet_groups", None)
    if groups is None:
        groups = list(
            _facet_base(queryset).order_by().values_list(*FACET_FIELDS).annotate(n=Count("pk"))
        )
        queryset._facet_groups = groups
    position = FACET_FIELDS.index(field_name)
    counts: dict[str, int] = {}
    for *values, n in groups:
        value = values[position]
        if value:
            counts[value] = counts.get(value, 0) + n
    return counts


def _facet_base(queryset: QuerySet[Organization]) -> QuerySet[Organization]:
    """The rows to count. A network's members are tested with "(id + 0) IN (its members)":
    the subquery runs once into a lookup table, and SQLite reads country and kind from the
    org_country_kind index, already grouped, checking each id against that table. A bare
    "id IN" lets SQLite fetch each member's wide table row by primary key instead, and the
    EXISTS of organizations() probes the membership index once per organization: both are
    about 1.5 times slower at 50 000 members. PostgreSQL runs it as a hash semi-join."""
    network = getattr(queryset, "_members_of", None)
    if network is None:
        return queryset
    members = Membership.objects.filter(network=network).values("organization")
    return Organization.objects.alias(member_id=F("pk") + 0).filter(member_id__in=members)


def visible_people(*, user, queryset: QuerySet[Person] | None = None) -> QuerySet[Person]:
    """Contacts the user may see, decided in SQL (no check per row)."""
    queryset = Person.objects.all() if queryset is None else queryset
    if user.is_authenticated and user.is_staff:
        return queryset
    allowed = Q(visibility=Person.Visibility.PUBLIC)
    if user.is_authenticated:
        allowed |= Q(visibility=Person.Visibility.MEMBERS)
        allowed |= Q(organization__editors=user)
        allowed |= Q(organization__memberships__network__secretariat=user)
    return queryset.filter(allowed).distinct()


@dataclass
class Term:
    start: date
    end: date | None
    roles: list[BodyRole] = field(default_factory=list)

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return self.start <= today and (self.end is None or self.end >= today)


def body_terms(*, body: Body) -> list[Term]:
    """The body's roles grouped by term, newest first (one query)."""
    terms: dict[tuple, Term] = {}
    roles = BodyRole.objects.filter(body=body).select_related("organization")
    for role in roles.order_by("-term_start", "role", "organization__name"):
        key = (role.term_start, role.term_end)
        terms.setdefault(key, Term(start=role.term_start, end=role.term_end)).roles.append(role)
    return list(terms.values())


def split_terms(terms: list[Term]) -> tuple[Term | None, list[Term]]:
    """The term to show first and the earlier ones.

    The current term if there is one; otherwise the most recent, so a body whose records
    stop in 2016 still shows who coordinated it then rather than an empty page.
    """
    if not terms:
        return None, []
    current = next((term for term in terms if term.is_current), terms[0])
    return current, [term for term in terms if term is not current]
