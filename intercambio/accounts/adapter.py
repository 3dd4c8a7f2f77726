from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.auth import get_user_model
from django.utils import translation

from intercambio.common.i18n import current_language


class AccountAdapter(DefaultAccountAdapter):
    """E-mails go out in the recipient's preferred language, not the language of the page
    that triggered them; a new account starts with the language it signed up in."""

    def save_user(self, request, user, form, commit=True):
        user.preferred_language = current_language()
        return super().save_user(request, user, form, commit)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        user = context.get("user")
        if user is None or not hasattr(user, "preferred_language"):
            user = get_user_model().objects.filter(email__iexact=email).first()
        language = user.preferred_language if user else current_language()
        with translation.override(language):
            super().send_mail(template_prefix, email, context)
