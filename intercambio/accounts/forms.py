from django import forms
from django.utils.translation import gettext_lazy as _

from intercambio.accounts.models import User
from intercambio.common.models import LANGUAGE_CHOICES


class ProfileForm(forms.ModelForm):
    languages_spoken = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=LANGUAGE_CHOICES
        + [("fr", "Français"), ("it", "Italiano"), ("de", "Deutsch"), ("gn", "Avañe'ẽ")],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = User
        fields = ["name", "position", "organization", "preferred_language", "languages_spoken"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = self.fields["organization"].queryset.order_by("name")
        self.fields["organization"].help_text = _(
            "Choosing an organization does not make you its editor; the secretariat grants that."
        )
