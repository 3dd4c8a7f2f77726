from modeltranslation.translator import TranslationOptions, register

from intercambio.network.models import Body, Network, Organization


@register(Organization)
class OrganizationTranslation(TranslationOptions):
    fields = ("description",)


@register(Network)
class NetworkTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Body)
class BodyTranslation(TranslationOptions):
    fields = ("name", "description")
