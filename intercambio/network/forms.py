"""Input boundary of the directory pages. Every form's save() goes through the domain."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from intercambio.common.domain import save_with_audit
from intercambio.network.models import Body, BodyRole, Membership, Network, Organization, Person

MAX_LOGO_BYTES = 2 * 1024 * 1024


def translated_fields(*names: str) -> list[str]:
    return [f"{name}_{code.replace('-', '_')}" for name in names for code, _ in settings.LANGUAGES]


class AuditedModelForm(forms.ModelForm):
    def save_by(self, user):
        """Save through the audited domain write; many-to-many data saved after."""
        record = self.save(commit=False)
        save_with_audit(record=record, by=user, changed_fields=self.changed_data)
        self.save_m2m()
        return record


class OrganizationForm(AuditedModelForm):
    class Meta:
        model = Organization
        fields = [
            "name", "short_name", "slug", "kind", "country", "region", "city", "population",
            "website", "logo", "latitude", "longitude", "original_language",
            *translated_fields("description"),
        ]  # fmt: skip

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and getattr(logo, "size", 0) > MAX_LOGO_BYTES:
            raise forms.ValidationError(_("The logo must be 2 MB or smaller."))
        return logo


class NetworkForm(AuditedModelForm):
    class Meta:
        model = Network
        fields = [
            *translated_fields("name"), "acronym", "website", "founded", "original_language",
            *translated_fields("description"),
        ]  # fmt: skip


class BodyForm(AuditedModelForm):
    class Meta:
        model = Body
        fields = [
            *translated_fields("name"), "acronym", "slug", "kind", "active", "original_language",
            *translated_fields("description"), "contacts",
        ]  # fmt: skip
        widgets = {"contacts": forms.CheckboxSelectMultiple}

    def __init__(self, *args, network: Network, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.network = network
        self.fields["contacts"].queryset = (
            Person.objects.filter(organization__memberships__network=network)
            .select_related("organization")
            .distinct()
        )

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(name) for name in translated_fields("name")):
            raise forms.ValidationError(_("Give the body a name in at least one language."))
        slug = cleaned.get("slug")
        others = Body.objects.filter(network=self.instance.network, slug=slug)
        if slug and others.exclude(pk=self.instance.pk).exists():
            self.add_error("slug", _("Another body of this network already uses this address."))
        return cleaned


class BodyRoleForm(AuditedModelForm):
    class Meta:
        model = BodyRole
        fields = ["organization", "role", "note", "term_start", "term_end"]
        widgets = {
            "term_start": forms.DateInput(attrs={"type": "date"}),
            "term_end": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, body: Body, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.body = body
        self.fields["organization"].queryset = Organization.objects.order_by("name")

    def validate_unique(self):
        # body is not a form field, so Django would skip the (body, organization, role, start)
        # constraint and the database would answer with an error page.
        super().validate_unique()
        cleaned = self.cleaned_data
        duplicate = BodyRole.objects.filter(
            body=self.instance.body,
            organization=cleaned.get("organization"),
            role=cleaned.get("role"),
            term_start=cleaned.get("term_start"),
        ).exclude(pk=self.instance.pk)
        if duplicate.exists():
            self.add_error(None, _("This organization already has this role for this term."))


class MembershipForm(AuditedModelForm):
    class Meta:
        model = Membership
        fields = ["organization", "role", "since", "until"]
        widgets = {
            "since": forms.DateInput(attrs={"type": "date"}),
            "until": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, network: Network, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.network = network
        if "organization" in self.fields:
            self.fields["organization"].queryset = Organization.objects.order_by("name")

    def validate_unique(self):
        super().validate_unique()
        cleaned = self.cleaned_data
        if "organization" in self.fields:
            organization = cleaned.get("organization")
        else:
            organization = self.instance.organization
        duplicate = Membership.objects.filter(
            network=self.instance.network,
            organization=organization,
            role=cleaned.get("role"),
            since=cleaned.get("since"),
        ).exclude(pk=self.instance.pk)
        if duplicate.exists():
            self.add_error(None, _("This membership is already recorded."))


class MembershipEditForm(MembershipForm):
    """A recorded membership: its role and dates (e.g. `until` when a city left the network).

    The organization stays: a membership of another organization is another record."""

    class Meta(MembershipForm.Meta):
        fields = ["role", "since", "until"]


class PersonForm(AuditedModelForm):
    class Meta:
        model = Person
        fields = ["name", "position", "email", "phone", "visibility"]

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organization = organization


class EditorForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the account"))
