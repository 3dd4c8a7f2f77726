"""The registration form: a guest fills it all; a member's comes filled from the account."""

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField

from intercambio.common.models import LANGUAGE_CHOICES
from intercambio.common.queries import cached
from intercambio.events.domain import Details
from intercambio.events.models import Event, Registration
from intercambio.network.models import Organization

ACCESSIBILITY_MAX_LENGTH = 1000


class RegistrationForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    organization = forms.CharField(
        label=_("Organization"), max_length=200, required=False,
        widget=forms.TextInput(attrs={"list": "organization-suggestions",
                                      "autocomplete": "organization"}),
        help_text=_("Your city, association or institution: pick it from the list or type it."),
    )  # fmt: skip
    position = forms.CharField(
        label=_("Position"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    country = LazyTypedChoiceField(
        label=_("Country"), choices=[("", "—"), *countries], required=False
    )
    language = forms.ChoiceField(label=_("Language you will follow the event in"),
                                 choices=LANGUAGE_CHOICES)  # fmt: skip
    attendance = forms.ChoiceField(
        label=_("Taking part"), choices=Registration.Attendance.choices, widget=forms.RadioSelect,
        initial=Registration.Attendance.IN_PERSON,
    )  # fmt: skip
    needs_interpretation = forms.BooleanField(
        label=_("I need interpretation into my language"), required=False
    )
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs"), required=False, max_length=ACCESSIBILITY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": ACCESSIBILITY_MAX_LENGTH}),
        help_text=_("For example a wheelchair-accessible seat, sign language, large print."),
    )  # fmt: skip
    consent = forms.BooleanField(
        required=True,
        error_messages={"required": _("Registration needs your consent to the processing of "
                                      "your data.")},
    )  # fmt: skip
    listed_publicly = forms.BooleanField(
        label=_("Show my name and organization in the event's public list of participants"),
        required=False,
    )

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["consent"].label = format_html(
            "{} <a href=\"{}\">{}</a>",
            _("I agree that the organizers of this event receive and process these data to run "
              "it, as the privacy notice explains."),
            reverse("privacy"), _("Privacy notice"),
        )  # fmt: skip
        self.fields["consent"].summary_label = _("Consent")
        if event.format != Event.Format.HYBRID:
            # Only a hybrid event asks; the others have one way to take part.
            self.fields.pop("attendance")
        if not event.interpretation_language_list:
            self.fields.pop("needs_interpretation")

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def details(self) -> Details:
        data = self.cleaned_data
        organization, organization_name = match_organization(
            data["organization"], country=data["country"]
        )
        return Details(
            name=data["name"],
            email=data["email"],
            language=data["language"],
            attendance=data.get("attendance") or Registration.Attendance.IN_PERSON,
            organization=organization,
            organization_name=organization_name,
            position=data["position"],
            country=data["country"],
            needs_interpretation=data.get("needs_interpretation", False),
            accessibility_needs=data["accessibility_needs"],
            listed_publicly=data["listed_publicly"],
        )


def match_organization(typed: str, *, country: str) -> tuple[Organization | None, str]:
    """(organization, typed name): the directory's organization when the name is exactly one
    of it (in that country, when given); else the name as typed. Exact names only, read from
    the name index: a name picked from the list is exact, and a case-insensitive match would
    scan the directory."""
    typed = " ".join(typed.split())
    if not typed:
        return None, ""
    matches = Organization.objects.filter(name=typed)
    if country:
        matches = matches.filter(country=country) or matches
    found = list(matches[:2])
    return (found[0], "") if len(found) == 1 else (None, typed)


SUGGESTIONS = 500


def organization_suggestions(event: Event) -> list[str]:
    """The names offered in the organization field: the event's own organizations and the
    members of its network, a list short enough for a page; kept a few minutes, as it
    changes only when the network gains a member."""

    def names() -> list[str]:
        own = Organization.objects.filter(event_roles__event=event).values_list("name", flat=True)
        members = Organization.objects.filter(memberships__network_id=event.network_id)
        members = members.values_list("name", flat=True).order_by("name")[:SUGGESTIONS]
        found = set(own) | (set(members) if event.network_id else set())
        return sorted(found)[:SUGGESTIONS]

    return cached(namespace="events:suggestions", asked=[event.pk, event.network_id], compute=names)
