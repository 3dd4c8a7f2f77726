"""Reads of the network directory. Every list is built with a fixed number of queries."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from intercambio.network.models import Body, BodyRole, Membership, Network, Organization, Person


def networks_with_bodies() -> QuerySet[Network]:
    active_bodies = Prefetch("bodies", queryset=Body.objects.filter(active=True))
    return Network.objects.annotate(
        member_count=Count("memberships__organization", distinct=True)
    ).prefetch_related(active_bodies)


def directory_counts() -> dict[str, int]:
    return Organization.objects.aggregate(
        organizations=Count("id"),
        countries=Count("country", distinct=True, filter=~Q(country="")),
    ) | {"networks": Network.objects.count()}


def organizations(
    *, network: Network | None = None, country: str = "", kind: str = "", text: str = ""
) -> QuerySet[Organization]:
    """Organizations for the directory lists, filtered; memberships ready for display."""
    queryset = Organization.objects.all()
    if network is not None:
        queryset = queryset.filter(memberships__network=network)
    if country:
        queryset = queryset.filter(country=country)
    if kind:
        queryset = queryset.filter(kind=kind)
    if text:
        queryset = queryset.filter(
            Q(name__icontains=text) | Q(short_name__icontains=text) | Q(city__icontains=text)
        )
    return (
        queryset.distinct()
        .order_by("name")
        .prefetch_related(
            Prefetch("memberships", queryset=Membership.objects.select_related("network"))
        )
    )


def facet_counts(queryset: QuerySet[Organization], field_name: str) -> dict[str, int]:
    rows = queryset.order_by().values(field_name).annotate(n=Count("id", distinct=True))
    return {row[field_name]: row["n"] for row in rows if row[field_name]}


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
