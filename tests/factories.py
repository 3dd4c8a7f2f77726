import datetime

import factory
from django.contrib.auth import get_user_model

from intercambio.network.models import Body, BodyRole, Membership, Network, Organization, Person


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
