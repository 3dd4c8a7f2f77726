import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import SafeString, mark_safe

from intercambio.common.i18n import Text, translated
from intercambio.common.markdown import render_markdown

register = template.Library()


@register.simple_tag
def tr(record, field: str) -> Text:
    """`{% tr org "description" as text %}` → text.text and text.language for `lang=`."""
    return translated(record, field)


@register.filter
def markdown(text) -> SafeString:
    return render_markdown(str(text))


@register.simple_tag
def json_ld(data: dict) -> SafeString:
    """Structured data for search engines. Not executed, so the CSP's script-src does not apply;
    <, > and & are escaped so that no text can close the element."""
    text = json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


@register.simple_tag
def interface_languages() -> list[tuple[str, str]]:
    """Each language named in itself ("Español", not "Spanish"), as people look for their own."""
    return settings.LANGUAGES


@register.filter
def file_extension(name: str) -> str:
    """ "Guia final.PDF" → "PDF": the type a reader recognizes, next to a download."""
    return name.rsplit(".", 1)[-1].upper() if "." in name else ""
