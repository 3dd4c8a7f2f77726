import datetime

import factory
from django.contrib.auth import get_user_model

from intercambio.events.models import Event, EventOrganization, Session
from intercambio.library.models import Lesson, Resource
from intercambio.network.models import Body, BodyRole, Membership, Network, Organization, Person
from intercambio.practices.models import Practice
from intercambio.taxonomy.models import Theme
from intercambio.workplans.models import Activity, Axis, Objective, WorkPlan


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["email"]

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Faker("name")
    password = factory.django.Password("correct horse battery staple")


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"city-{n}")
    name = factory.Sequence(lambda n: f"City {n}")
    kind = Organization.Kind.MUNICIPALITY
    country = "BR"
    city = factory.SelfAttribute("name")


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"network-{n}")
    name_en = factory.Sequence(lambda n: f"Network {n}")
    name = factory.SelfAttribute("name_en")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organization = factory.SubFactory(OrganizationFactory)
    network = factory.SubFactory(NetworkFactory)
    role = Membership.Role.MEMBER


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    network = factory.SubFactory(NetworkFactory)
    slug = factory.Sequence(lambda n: f"body-{n}")
    kind = Body.Kind.THEMATIC_UNIT
    name_en = factory.Sequence(lambda n: f"Thematic unit {n}")
    name = factory.SelfAttribute("name_en")


class BodyRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BodyRole

    body = factory.SubFactory(BodyFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = BodyRole.Role.COORDINATION
    term_start = datetime.date(2016, 1, 1)
    term_end = datetime.date(2016, 12, 31)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Faker("name")
    organization = factory.SubFactory(OrganizationFactory)
    email = factory.Sequence(lambda n: f"contact{n}@city.example")
    visibility = Person.Visibility.PUBLIC


class PracticeFactory(factory.django.DjangoModelFactory):
    """A complete practice written in English; pass status= for a published one."""

    class Meta:
        model = Practice
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"practice-{n}")
    organization = factory.SubFactory(OrganizationFactory)
    country = factory.LazyAttribute(lambda practice: practice.organization.country)
    original_language = "en"
    title_en = factory.Sequence(lambda n: f"Practice {n}")
    summary_en = "A short summary of what the city did."
    context_en = "The problem the city faced."
    actions_en = "What the city did, step by step."
    results_en = "What changed."
    lessons_en = "What another city needs."
    status = Practice.Status.DRAFT
    published_at = factory.Maybe(
        factory.LazyAttribute(lambda o: o.status == Practice.Status.PUBLISHED),
        yes_declaration=factory.LazyFunction(lambda: datetime.datetime.now(datetime.UTC)),
        no_declaration=None,
    )

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create:
            self.themes.set(extracted if extracted is not None else [theme("open-government")])


class ResourceFactory(factory.django.DjangoModelFactory):
    """A library guide described in English, without files; pass status= for a published one."""

    class Meta:
        model = Resource
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"resource-{n}")
    kind = Resource.Kind.GUIDE
    organization = factory.SubFactory(OrganizationFactory)
    original_language = "en"
    languages = "|en|"
    title_en = factory.Sequence(lambda n: f"Guide {n}")
    description_en = "What the guide is for."
    year = 2024
    status = Resource.Status.DRAFT
    published_at = factory.Maybe(
        factory.LazyAttribute(lambda o: o.status == Resource.Status.PUBLISHED),
        yes_declaration=factory.LazyFunction(lambda: datetime.datetime.now(datetime.UTC)),
        no_declaration=None,
    )

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create:
            self.themes.set(extracted if extracted is not None else [theme("open-government")])


class LessonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lesson

    resource = factory.SubFactory(ResourceFactory, kind=Resource.Kind.TRAINING)
    position = factory.Sequence(lambda n: n + 1)
    title_en = factory.Sequence(lambda n: f"Lesson {n}")
    body_en = "What to learn in this lesson."
    duration_minutes = 20


class EventFactory(factory.django.DjangoModelFactory):
    """A published seminar in Recife's time zone, 30 days from now, in English."""

    class Meta:
        model = Event
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"event-{n}")
    kind = Event.Kind.SEMINAR
    status = Event.Status.PUBLISHED
    original_language = "en"
    title_en = factory.Sequence(lambda n: f"Seminar {n}")
    description_en = "What the seminar is about."
    starts_at = factory.LazyFunction(
        lambda: (datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=30)).replace(
            hour=12, minute=0, second=0, microsecond=0
        )
    )
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + datetime.timedelta(hours=8))
    time_zone = "America/Recife"
    city = "Recife"
    country = "BR"
    floor_languages = "|pt-br|"

    @factory.post_generation
    def organizer(self, create, extracted, **kwargs):
        # The first organizer (a new organization unless one is passed; organizer=False: none).
        if create and extracted is not False:
            EventOrganization.objects.create(
                event=self, role=EventOrganization.Role.ORGANIZER,
                organization=extracted or OrganizationFactory(),
            )  # fmt: skip


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    event = factory.SubFactory(EventFactory)
    kind = Session.Kind.ROUNDTABLE
    original_language = "en"
    title_en = factory.Sequence(lambda n: f"Roundtable {n}")
    starts_at = factory.LazyAttribute(lambda session: session.event.starts_at)
    ends_at = factory.LazyAttribute(lambda session: session.starts_at + datetime.timedelta(hours=1))
    language = "pt-br"


class WorkPlanFactory(factory.django.DjangoModelFactory):
    """An approved plan for 2016, in English, of a new body."""

    class Meta:
        model = WorkPlan

    slug = factory.Sequence(lambda n: f"plan-{n}")
    body = factory.SubFactory(BodyFactory)
    original_language = "en"
    title_en = factory.Sequence(lambda n: f"Work plan {n}")
    starts_on = datetime.date(2016, 1, 1)
    ends_on = datetime.date(2016, 12, 31)
    status = WorkPlan.Status.APPROVED


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    plan = factory.SubFactory(WorkPlanFactory)
    original_language = "en"
    position = factory.Sequence(lambda n: n + 1)
    text_en = factory.Sequence(lambda n: f"Objective {n}")


class AxisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Axis

    plan = factory.SubFactory(WorkPlanFactory)
    original_language = "en"
    position = factory.Sequence(lambda n: n + 1)
    title_en = factory.Sequence(lambda n: f"Axis {n}")


class ActivityFactory(factory.django.DjangoModelFactory):
    """A meeting planned for June of its plan's first year."""

    class Meta:
        model = Activity
        skip_postgeneration_save = True

    plan = factory.SubFactory(WorkPlanFactory)
    original_language = "en"
    position = factory.Sequence(lambda n: n + 1)
    title_en = factory.Sequence(lambda n: f"Activity {n}")
    kind = Activity.Kind.MEETING
    planned_month = factory.LazyAttribute(lambda a: datetime.date(a.plan.starts_on.year, 6, 1))
    city = "Canoas"
    country = "BR"

    @factory.post_generation
    def axes(self, create, extracted, **kwargs):
        if create and extracted:
            self.axes.set(extracted)


def theme(slug: str) -> Theme:
    return Theme.objects.get(slug=slug)
