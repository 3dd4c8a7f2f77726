from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "intercambio.library"
    verbose_name = _("Knowledge library")

    def ready(self) -> None:
        from intercambio.library import rules  # noqa: F401 — registers the permissions
