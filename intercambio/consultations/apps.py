from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "intercambio.consultations"
    verbose_name = _("Consultations")

    def ready(self) -> None:
        from intercambio.consultations import rules  # noqa: F401 — registers the permissions
