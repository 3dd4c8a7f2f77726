from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkplansConfig(AppConfig):
    name = "intercambio.workplans"
    verbose_name = _("Work plans")

    def ready(self) -> None:
        from intercambio.workplans import rules  # noqa: F401 — registers the permissions
