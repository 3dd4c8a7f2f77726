from django.db.models.signals import post_save
from django.dispatch import receiver

from intercambio.network.models import Organization
from intercambio.practices.models import Practice


@receiver(post_save, sender=Organization)
def follow_the_owners_country(sender, instance: Organization, **kwargs) -> None:
    """Practices keep a copy of their owner's country (see Practice.country)."""
    Practice.objects.filter(organization=instance).exclude(country=instance.country).update(
        country=instance.country
    )
