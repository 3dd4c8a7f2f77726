from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "intercambio.events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from intercambio.events import rules  # noqa: F401 — registers the permissions
