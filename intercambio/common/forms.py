"""Form pieces shared by the editors of translatable content (practices, library resources)."""

from django import forms
from django.db import models
from django.utils.text import slugify

from intercambio.common.i18n import field_suffix


def language_text_fields(
    *, instance: models.Model, names: tuple[str, ...], language: str, required: tuple[str, ...]
) -> dict[str, forms.Field]:
    """Form fields for the `language` columns of `names` (title_es, summary_es…), under their
    plain names (title, summary…), so the form reads the same in every language."""
    suffix = field_suffix(language)
    fields = {}
    for name in names:
        field = instance._meta.get_field(f"{name}_{suffix}").formfield()
        field.label = instance._meta.get_field(name).verbose_name
        field.help_text = instance._meta.get_field(name).help_text
        field.required = name in required
        field.initial = getattr(instance, f"{name}_{suffix}", "")
        fields[name] = field
    return fields


def set_language_text(
    *, record: models.Model, names: tuple[str, ...], language: str, form: forms.Form
) -> list[str]:
    """Copy the form's plain-named text into the `language` columns; returns the columns
    that changed (for the audit log)."""
    suffix = field_suffix(language)
    changed = []
    for name in names:
        setattr(record, f"{name}_{suffix}", form.cleaned_data.get(name, ""))
        if name in form.changed_data:
            changed.append(f"{name}_{suffix}")
    return changed


def unique_slug(*, model: type[models.Model], title: str, fallback: str, reserved: set[str]) -> str:
    """A free address made of the title; the list's own addresses (new/, mine/…) excluded."""
    base = slugify(title)[:120] or fallback
    slug, n = base, 2
    while slug in reserved or model.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug
