from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "intercambio.practices"
    verbose_name = _("Good practices")

    def ready(self) -> None:
        from intercambio.practices import signals  # noqa: F401 — connects the receivers
