"""The input boundary of the practice pages. save() goes through the domain."""

from django import forms
from django.conf import settings
from django.db import transaction
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from intercambio.common.forms import language_text_fields, set_language_text, unique_slug
from intercambio.common.i18n import field_suffix
from intercambio.network.models import Body, Network, Organization, Person
from intercambio.practices import domain
from intercambio.practices.files import detect_type
from intercambio.practices.models import (
    SUMMARY_MAX_LENGTH,
    TEXT_FIELDS,
    Attachment,
    Partnership,
    Practice,
)
from intercambio.taxonomy.models import Goal, Theme

REQUIRED_TEXT = ("title", "summary")
RESERVED_SLUGS = {"new", "mine", "review", "feed"}
MARKDOWN_HELP = _("Markdown: **bold**, *italic*, lists, [links](https://…).")


class PracticeForm(forms.ModelForm):
    """One language version of a practice plus the facts that do not depend on language.

    The text fields are those of `language` (title_es, summary_es…); they are shown under
    neutral names (title, summary…) so the page reads the same in every language.
    """

    reviewed = forms.BooleanField(
        label=_("I have checked this translation against the original"), required=False
    )
    attachment = forms.FileField(
        label=_("Attach a file"), required=False,
        help_text=_("PDF, Word, Excel, PowerPoint, OpenDocument, CSV, text, PNG, JPEG or WebP."),
    )  # fmt: skip
    attachment_title = forms.CharField(label=_("Title of the file"), max_length=200, required=False)
    attachment_alt = forms.CharField(
        label=_("Text alternative of the image"), max_length=300, required=False,
        help_text=_("What the image shows, for people who cannot see it. Required for images."),
    )  # fmt: skip

    class Meta:
        model = Practice
        fields = [
            "organization", "original_language", "networks", "body", "themes", "goals", "tags",
            "start_year", "stage", "budget_range", "funding_source", "funder", "beneficiaries",
            "evidence_level", "contact", "links", "adapted_from", "licence",
        ]  # fmt: skip
        widgets = {
            "networks": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
            "goals": forms.CheckboxSelectMultiple,
            "links": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, language: str, instance: Practice, **kwargs):
        if instance.pk is None:
            # A new practice is written, by default, in the language of the page.
            instance.original_language = language
        super().__init__(*args, instance=instance, **kwargs)
        self.user = user
        self.language = language
        creating = self.instance.pk is None
        self.fields.update(language_text_fields(
            instance=self.instance, names=TEXT_FIELDS, language=language, required=REQUIRED_TEXT
        ))  # fmt: skip
        # The model column carries the limit; the browser's maxlength is only a help.
        self.fields["summary"].widget = forms.Textarea(
            attrs={"rows": 3, "maxlength": SUMMARY_MAX_LENGTH}
        )
        self.fields["summary"].help_text = _(
            "At most 300 characters: what a busy official reads first."
        )
        for name in ("context", "actions", "results", "lessons"):
            self.fields[name].help_text = MARKDOWN_HELP
        self.order_fields(["organization", "original_language", *TEXT_FIELDS])

        organizations = Organization.objects.order_by("name")
        if not user.is_staff:
            organizations = organizations.filter(editors=user)
        self.fields["organization"].queryset = organizations
        self.fields["organization"].empty_label = None
        if creating:
            self.fields["original_language"].label = _("Written in")
            self.fields.pop("reviewed")
        else:
            # The owner and the original language are fixed once the practice exists.
            self.fields.pop("organization")
            self.fields.pop("original_language")
            if language == self.instance.original_language:
                self.fields.pop("reviewed")
            else:
                self.fields["reviewed"].initial = (
                    self.instance.translation_status.get(language) == "reviewed"
                )
        self.fields["themes"].queryset = Theme.objects.filter(parent__isnull=False).order_by(
            "position"
        )
        self.fields["goals"].queryset = Goal.objects.all()
        self.fields["funder"].queryset = Organization.objects.filter(kind=Organization.Kind.BANK)
        self.fields["adapted_from"].queryset = Practice.objects.filter(
            status=Practice.Status.PUBLISHED
        ).exclude(pk=self.instance.pk)
        owner = self.instance.organization if not creating else None
        people = Person.objects.select_related("organization").order_by("name")
        self.fields["contact"].queryset = (
            people.filter(organization=owner)
            if owner
            else people.filter(organization__in=organizations)
        )
        # Only the networks (and their bodies) the practice's owner can belong to.
        owners = [owner] if owner else organizations
        networks = Network.objects.filter(memberships__organization__in=owners).distinct()
        self.fields["networks"].queryset = networks
        self.fields["body"].queryset = Body.objects.filter(
            active=True, network__in=networks
        ).select_related("network")

    def owner(self) -> Organization | None:
        if self.instance.pk:
            return self.instance.organization
        return self.cleaned_data.get("organization")

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if not upload:
            return upload
        limit = settings.MAX_ATTACHMENT_MB * 1024 * 1024
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s MB.") % {"limit": settings.MAX_ATTACHMENT_MB}
            )
        if upload.size == 0:
            raise forms.ValidationError(_("The file is empty."))

        content_type = detect_type(name=upload.name, file=upload)
        if content_type is None:
            raise forms.ValidationError(
                _("This file type is not accepted, or the content does not match its name.")
            )
        upload.detected_type = content_type
        return upload

    def clean(self):
        cleaned = super().clean()
        owner = self.owner()
        networks = cleaned.get("networks")
        if owner and networks:
            member_of = set(owner.memberships.values_list("network_id", flat=True))
            outside = [str(n) for n in networks if n.pk not in member_of]
            if outside:
                self.add_error("networks", _("The organization is not a member of: %(names)s.")
                               % {"names": ", ".join(outside)})  # fmt: skip
        body = cleaned.get("body")
        if body and networks is not None and body.network not in networks:
            self.add_error("body", _("Choose the body's network among the networks above."))
        contact = cleaned.get("contact")
        if contact and owner and contact.organization_id != owner.pk:
            self.add_error("contact", _("The contact must work at the owning organization."))
        upload = cleaned.get("attachment")
        if (
            upload
            and getattr(upload, "detected_type", "").startswith("image/")
            and not cleaned.get("attachment_alt")
        ):
            self.add_error("attachment_alt", _("Describe the image for people who cannot see it."))
        for line in (cleaned.get("links") or "").splitlines():
            url = line.strip().split(" ", 1)[0]
            if url and not url.startswith(("https://", "http://")):
                self.add_error(
                    "links", _("Each line must start with an address beginning with https://.")
                )
                break
        return cleaned

    def clean_original_language(self) -> str:
        # On a new practice the text goes into the columns of the language it is written in.
        self.language = self.cleaned_data["original_language"]
        return self.language

    def preview(self) -> Practice:
        """The practice as it would look, without saving anything (for the preview button)."""
        practice = self.instance
        suffix = field_suffix(self.language)
        for name in TEXT_FIELDS:
            setattr(practice, f"{name}_{suffix}", self.cleaned_data.get(name, ""))
        return practice

    def save_by(self, user) -> Practice:
        practice = self.save(commit=False)
        changed = [name for name in self.changed_data if name in self._meta.fields]
        changed += set_language_text(
            record=practice, names=TEXT_FIELDS, language=self.language, form=self
        )
        if practice.pk is None:
            practice.slug = unique_slug(
                model=Practice, title=self.cleaned_data["title"], fallback="practice",
                reserved=RESERVED_SLUGS,
            )  # fmt: skip
        with transaction.atomic():
            domain.save_practice(
                practice=practice, by=user, changed_fields=changed, language=self.language,
                reviewed=self.cleaned_data.get("reviewed", False),
            )  # fmt: skip
            self.save_m2m()
            upload = self.cleaned_data.get("attachment")
            if upload:
                Attachment.objects.create(
                    practice=practice, file=upload, original_name=upload.name[:255],
                    content_type=upload.detected_type, size=upload.size,
                    title=self.cleaned_data.get("attachment_title", ""),
                    alt_text=self.cleaned_data.get("attachment_alt", ""),
                )  # fmt: skip
        return practice


PartnerFormSet = inlineformset_factory(
    Practice, Partnership, fields=["organization", "role"], extra=2, can_delete=True
)


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("What should the editors change?"), widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
    )  # fmt: skip


class ContactForm(forms.Form):
    message = forms.CharField(
        label=_("Your message"), widget=forms.Textarea(attrs={"rows": 6}), min_length=20,
        max_length=5000,
        help_text=_("The city answers to your e-mail address. Its contact's address is not shown."),
    )  # fmt: skip
