from django import template
from django.conf import settings
from django.utils.safestring import SafeString

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
def interface_languages() -> list[tuple[str, str]]:
    """Each language named in itself ("Español", not "Spanish"), as people look for their own."""
    return settings.LANGUAGES
