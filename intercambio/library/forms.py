"""The input boundary of the library pages. save_by() goes through the domain."""

from django import forms
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from intercambio.common.forms import language_text_fields, set_language_text, unique_slug
from intercambio.common.i18n import field_suffix
from intercambio.common.models import LANGUAGE_CHOICES
from intercambio.library import domain
from intercambio.library.extract import LIBRARY_TYPES
from intercambio.library.models import TEXT_FIELDS, Lesson, Resource
from intercambio.network.models import Body, Network, Organization
from intercambio.practices.files import detect_type
from intercambio.practices.forms import MARKDOWN_HELP
from intercambio.practices.models import Practice
from intercambio.taxonomy.models import Goal, Theme

RESERVED_SLUGS = {"new", "mine", "review"}


def file_field_name(language: str) -> str:
    return f"file_{field_suffix(language)}"


class ResourceForm(forms.ModelForm):
    """One language version of a resource's text, the facts that do not depend on language,
    and a file per language (each replaces the one it had)."""

    class Meta:
        model = Resource
        fields = [
            "organization", "original_language", "kind", "co_publishers", "authors", "year",
            "network", "body", "themes", "goals", "licence", "external_url", "related_practices",
        ]  # fmt: skip
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "goals": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, user, language: str, instance: Resource, **kwargs):
        if instance.pk is None:
            instance.original_language = language
        super().__init__(*args, instance=instance, **kwargs)
        self.user = user
        self.language = language
        creating = instance.pk is None
        self.fields.update(language_text_fields(
            instance=instance, names=TEXT_FIELDS, language=language, required=("title",)
        ))  # fmt: skip
        self.fields["description"].help_text = MARKDOWN_HELP
        types = ", ".join(sorted({extension.upper() for extension in LIBRARY_TYPES} - {"HTM"}))
        for code, name in LANGUAGE_CHOICES:
            self.fields[file_field_name(code)] = forms.FileField(
                label=_("File in %(language)s") % {"language": name}, required=False,
                help_text=_("%(types)s, up to %(limit)s MB. Replaces the file in this language.")
                % {"types": types, "limit": settings.MAX_UPLOAD_MB},
            )  # fmt: skip
        self.order_fields(["organization", "original_language", "kind", *TEXT_FIELDS])

        organizations = Organization.objects.order_by("name")
        if not user.is_staff:
            organizations = organizations.filter(editors=user)
        self.fields["organization"].queryset = organizations
        self.fields["organization"].empty_label = None
        if creating:
            self.fields["original_language"].label = _("Written in")
        else:
            self.fields.pop("organization")
            self.fields.pop("original_language")
        self.fields["co_publishers"].queryset = Organization.objects.order_by("name")
        self.fields["co_publishers"].help_text = _("Hold Ctrl (⌘ on a Mac) to choose several.")
        self.fields["themes"].queryset = Theme.objects.filter(parent__isnull=False).order_by(
            "position"
        )
        self.fields["goals"].queryset = Goal.objects.all()
        self.fields["network"].queryset = Network.objects.order_by("name")
        self.fields["body"].queryset = Body.objects.filter(active=True).select_related("network")
        # The latest 200 through a subquery: a sliced queryset cannot be filtered, and the
        # field's validation filters it, so every chosen practice was refused as invalid.
        latest = Practice.objects.filter(status=Practice.Status.PUBLISHED).order_by(
            "-published_at"
        )[:200]
        offered = Q(pk__in=latest.values("pk"))
        if instance.pk:
            # The practices already linked stay offered, so saving the form keeps them.
            offered |= Q(pk__in=instance.related_practices.values("pk"))
        self.fields["related_practices"].queryset = Practice.objects.filter(offered).order_by(
            "-published_at"
        )
        self.fields["related_practices"].required = False

    def clean(self):
        cleaned = super().clean()
        for code, _name in LANGUAGE_CHOICES:
            upload = cleaned.get(file_field_name(code))
            if upload:
                try:
                    upload.detected_type = _checked_type(upload)
                except forms.ValidationError as error:
                    self.add_error(file_field_name(code), error)
        body, network = cleaned.get("body"), cleaned.get("network")
        if body and network and body.network_id != network.pk:
            self.add_error("body", _("Choose a body of the network above."))
        kind = cleaned.get("kind")
        if kind == Resource.Kind.LINK and not cleaned.get("external_url"):
            self.add_error("external_url", _("A link needs its address."))
        return cleaned

    def clean_original_language(self) -> str:
        # On a new resource the text goes into the columns of the language it is written in.
        self.language = self.cleaned_data["original_language"]
        return self.language

    def uploads(self) -> list[tuple[str, object]]:
        return [
            (code, self.cleaned_data[file_field_name(code)])
            for code, _name in LANGUAGE_CHOICES
            if self.cleaned_data.get(file_field_name(code))
        ]

    def save_by(self, user) -> Resource:
        resource = self.save(commit=False)
        changed = [name for name in self.changed_data if name in self._meta.fields]
        changed += set_language_text(
            record=resource, names=TEXT_FIELDS, language=self.language, form=self
        )
        if resource.pk is None:
            resource.slug = unique_slug(
                model=Resource, title=self.cleaned_data["title"], fallback="resource",
                reserved=RESERVED_SLUGS,
            )  # fmt: skip
        with transaction.atomic():
            domain.save_resource(resource=resource, by=user, changed_fields=changed)
            self.save_m2m()
            for language, upload in self.uploads():
                domain.attach_file(
                    resource=resource, language=language, upload=upload,
                    content_type=upload.detected_type, by=user,
                )  # fmt: skip
        return resource


def _checked_type(upload) -> str:
    limit = settings.MAX_UPLOAD_MB
    if upload.size > limit * 1024 * 1024:
        raise forms.ValidationError(
            _("The file is larger than %(limit)s MB.") % {"limit": limit}, code="too_large"
        )
    content_type = detect_type(name=upload.name, file=upload, accepted=LIBRARY_TYPES)
    if content_type is None:
        raise forms.ValidationError(
            _("This file type is not accepted, or the content does not match its name."),
            code="mismatch",
        )
    return content_type


class LessonForm(forms.ModelForm):
    """A lesson's title and content in the language being edited, its place and length."""

    class Meta:
        model = Lesson
        fields = ["position", "duration_minutes"]

    def __init__(self, *args, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.language = language
        self.fields.update(language_text_fields(
            instance=self.instance, names=("title", "body"), language=language, required=()
        ))  # fmt: skip
        self.fields["body"].widget = forms.Textarea(attrs={"rows": 6})
        self.order_fields(["position", "title", "body", "duration_minutes"])

    def clean(self):
        cleaned = super().clean()
        # A lesson needs a title in some language; one not yet translated into the language
        # being edited keeps the title it has.
        titled = any(getattr(self.instance, f"title_{field_suffix(code)}", "")
                     for code, _name in LANGUAGE_CHOICES)  # fmt: skip
        if not cleaned.get("title") and not titled and not cleaned.get("DELETE"):
            self.add_error("title", _("Give the lesson a title."))
        return cleaned

    def save(self, commit: bool = True) -> Lesson:
        lesson = super().save(commit=False)
        set_language_text(record=lesson, names=("title", "body"), language=self.language, form=self)
        if commit:
            lesson.save()
        return lesson


LessonFormSet = inlineformset_factory(
    Resource, Lesson, form=LessonForm, fields=["position", "duration_minutes"], extra=2,
    can_delete=True,
)  # fmt: skip
