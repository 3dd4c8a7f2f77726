"""The input boundary of the work plans' editing pages. Every save() goes through the domain.

Text fields (titles, introduction, descriptions, objectives) are written in one language at a
time, into that language's columns, as in the practice and library editors."""

import datetime
import re
from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.forms import BaseModelFormSet, modelformset_factory
from django.utils.translation import gettext_lazy as _

from intercambio.common.forms import language_text_fields, set_language_text, unique_slug
from intercambio.events.models import Event
from intercambio.library.models import Resource
from intercambio.network.models import Body, BodyRole, Organization, Person
from intercambio.practices.models import Practice
from intercambio.workplans import domain
from intercambio.workplans.models import (
    ACTIVITY_TEXT_FIELDS,
    AXIS_TEXT_FIELDS,
    OBJECTIVE_TEXT_FIELDS,
    PLAN_TEXT_FIELDS,
    RESERVED_SLUGS,
    Activity,
    Axis,
    Objective,
    StatusProposal,
    WorkPlan,
)
from intercambio.workplans.rules import (
    COORDINATING_ROLES,
    coordinating_organizations,
    sub_coordinating_organizations,
)

NOTE_MAX_LENGTH = StatusProposal._meta.get_field("note").max_length
MAX_LINKS = 50


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


# --- links pasted by people --------------------------------------------------------------------

_SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")


def _slug_of(line: str, word: str) -> str | None:
    """The slug in `…/<word>/<slug>/` (a full address or a path, any language prefix), or a
    bare slug; None when the line is neither."""
    text = line.strip()
    if _SLUG.match(text):
        return text
    try:
        path = urlsplit(text).path
    except ValueError:  # not an address at all ("http://[")
        return None
    parts = [part for part in path.split("/") if part]
    if len(parts) >= 2 and parts[-2] == word and _SLUG.match(parts[-1]):
        return parts[-1]
    return None


def resolve_links(text: str, *, model, word: str) -> list:
    """The records named by the lines of `text` (links, paths or bare slugs), in order.

    Raises ValidationError naming every line that is not one of them."""
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if len(lines) > MAX_LINKS:
        raise ValidationError(_("Give at most %(n)s links.") % {"n": MAX_LINKS})
    slugs = {line: _slug_of(line, word) for line in lines}
    found = {
        record.slug: record
        for record in model.objects.filter(slug__in=[s for s in slugs.values() if s])
    }
    unknown = [line for line, slug in slugs.items() if slug not in found]
    if unknown:
        raise ValidationError(
            _("Not found: %(lines)s. Paste the address of the page, one per line.")
            % {"lines": ", ".join(f"“{line[:120]}”" for line in unknown)}
        )
    return list(dict.fromkeys(found[slugs[line]] for line in lines))


def link_lines(records) -> str:
    return "\n".join(record.get_absolute_url() for record in records)


class MonthField(forms.DateField):
    """A month as `<input type="month">` sends it (2016-06); without the browser's month picker
    the same text is typed. Stored as the first day of the month."""

    widget = forms.DateInput(attrs={"type": "month", "placeholder": "2016-06"}, format="%Y-%m")
    input_formats = ["%Y-%m", "%Y-%m-%d", "%m/%Y"]
    default_error_messages = {"invalid": _("Enter a month as year-month, for example 2016-06.")}

    def to_python(self, value):
        day = super().to_python(value)
        return day.replace(day=1) if day else day


# --- the plan ----------------------------------------------------------------------------------


def bodies_for(user):
    """The bodies a person may start a plan for: staff all; a secretariat its network's; an
    editor of a city coordinating a body, that body."""
    bodies = Body.objects.select_related("network").order_by("network__slug", "name")
    if user.is_staff:
        return bodies
    return bodies.filter(
        Q(network__secretariat=user)
        | Q(pk__in=BodyRole.objects.filter(
            role__in=COORDINATING_ROLES, organization__editors=user
        ).values("body_id"))
    ).distinct()  # fmt: skip


class PlanForm(forms.ModelForm):
    year = forms.IntegerField(
        label=_("Year"), required=False, min_value=1990, max_value=2100,
        help_text=_("For a plan of one calendar year: leave the dates empty and give the year."),
    )  # fmt: skip
    source_link = forms.CharField(
        label=_("Source document"), required=False, max_length=500,
        help_text=_("The address of the document in the library, if it is there."),
    )  # fmt: skip

    class Meta:
        model = WorkPlan
        fields = [
            "body", "original_language", "starts_on", "ends_on", "status",
            "presented_by_organization", "presented_by_person", "presented_on", "presented_at",
        ]  # fmt: skip
        widgets = {
            "starts_on": _date_input(),
            "ends_on": _date_input(),
            "presented_on": _date_input(),
        }
        error_messages = {"body": {"required": _("Choose the body whose plan this is.")}}

    def __init__(self, *args, user, language: str, instance: WorkPlan, **kwargs):
        if instance.pk is None:
            instance.original_language = language
        super().__init__(*args, instance=instance, **kwargs)
        self.user, self.language = user, language
        self.creating = self.instance.pk is None
        self.fields.update(
            language_text_fields(
                instance=self.instance, names=PLAN_TEXT_FIELDS, language=language,
                required=("title",),
            )
        )  # fmt: skip
        self.fields["starts_on"].required = self.fields["ends_on"].required = False
        if self.creating:
            bodies = bodies_for(user)
            self.fields["body"].queryset = bodies
            self.fields["original_language"].label = _("Written in")
            networks = bodies.values("network_id")
        else:
            # The body and the original language are fixed once the plan exists.
            self.fields.pop("body")
            self.fields.pop("original_language")
            self.fields["source_link"].initial = (
                self.instance.source_document.get_absolute_url()
                if self.instance.source_document_id
                else ""
            )
            networks = [self.instance.body.network_id]
        organizations = Organization.objects.filter(
            pk__in=Organization.objects.filter(memberships__network__in=networks).values("pk")
        ).order_by("name")
        self.fields["presented_by_organization"].queryset = organizations
        self.fields["presented_by_person"].queryset = (
            Person.objects.filter(organization__in=organizations)
            .select_related("organization")
            .order_by("organization__name", "name")
        )
        self.fields["presented_by_person"].help_text = _(
            "A contact of the organization that presented the plan."
        )
        self.fields["presented_by_person"].label_from_instance = lambda person: (
            f"{person.name} ({person.organization})"
        )
        self.order_fields(["body", "original_language", *PLAN_TEXT_FIELDS, "year"])

    def clean_original_language(self) -> str:
        # A new plan's text goes into the columns of the language it is written in.
        self.language = self.cleaned_data["original_language"]
        return self.language

    def clean_source_link(self):
        text = self.cleaned_data.get("source_link", "")
        if not text.strip():
            return None
        return resolve_links(text, model=Resource, word="library")[0]

    def clean(self):
        cleaned = super().clean()
        year, starts, ends = (cleaned.get(name) for name in ("year", "starts_on", "ends_on"))
        if year and not starts and not ends:
            cleaned["starts_on"] = datetime.date(year, 1, 1)
            cleaned["ends_on"] = datetime.date(year, 12, 31)
        elif "starts_on" not in self.errors and "ends_on" not in self.errors:
            if not starts:
                self.add_error("starts_on", _("Give the first day of the period, or the year."))
            if not ends:
                self.add_error("ends_on", _("Give the last day of the period, or the year."))
        person = cleaned.get("presented_by_person")
        organization = cleaned.get("presented_by_organization")
        if person and person.organization_id != getattr(organization, "pk", None):
            self.add_error(
                "presented_by_person", _("Choose a contact of the organization that presented it.")
            )
        if not self.errors and not self._still_editable_by_the_author(cleaned):
            self.add_error(None, _(
                "Your city does not coordinate this body during this period, so you could not "
                "edit the plan once saved. Choose your city as the one that presented it, "
                "change the period, or ask the network's secretariat to record your city's role."
            ))  # fmt: skip
        return cleaned

    def _still_editable_by_the_author(self, cleaned) -> bool:
        """Whether the person saving may still edit the plan as it will be saved: who
        coordinates depends on the body's roles during the period and on who presented the
        plan, and a plan its author cannot reach any more is a dead end (a 404)."""
        body = cleaned["body"] if self.creating else self.instance.body
        as_saved = WorkPlan(
            body=body, starts_on=cleaned["starts_on"], ends_on=cleaned["ends_on"],
            presented_by_organization=cleaned.get("presented_by_organization"),
        )  # fmt: skip
        return self.user.has_perm("workplans.change_plan", as_saved)

    def save_by(self, user) -> WorkPlan:
        plan = self.save(commit=False)
        plan.source_document = self.cleaned_data.get("source_link")
        changed = [name for name in self.changed_data if name in self._meta.fields]
        if "year" in self.changed_data:
            changed += ["starts_on", "ends_on"]
        if "source_link" in self.changed_data:
            changed.append("source_document")
        changed += set_language_text(
            record=plan, names=PLAN_TEXT_FIELDS, language=self.language, form=self
        )
        if plan.pk is None:
            plan.slug = unique_slug(
                model=WorkPlan, title=self.cleaned_data["title"], fallback="plan",
                reserved=RESERVED_SLUGS,
            )  # fmt: skip
        domain.save_plan(plan=plan, by=user, changed_fields=changed)
        return plan


# --- objectives and axes -----------------------------------------------------------------------


class _PartForm(forms.ModelForm):
    """One objective or axis in the page's language; its number is its row."""

    text_names: tuple[str, ...] = ()

    def __init__(self, *args, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.language = language
        self.fields.update(
            language_text_fields(
                instance=self.instance, names=self.text_names, language=language, required=()
            )
        )
        for name in self.text_names:
            if isinstance(self.fields[name].widget, forms.Textarea):
                self.fields[name].widget.attrs["rows"] = 2

    def has_text(self) -> bool:
        return any(self.cleaned_data.get(name) for name in self.text_names)


class ObjectiveForm(_PartForm):
    text_names = OBJECTIVE_TEXT_FIELDS

    class Meta:
        model = Objective
        fields: list[str] = []


class AxisForm(_PartForm):
    text_names = AXIS_TEXT_FIELDS

    class Meta:
        model = Axis
        fields: list[str] = []


class _PartFormSet(BaseModelFormSet):
    def __init__(self, *args, plan: WorkPlan, language: str, **kwargs):
        self.plan, self.language = plan, language
        super().__init__(*args, queryset=self.model.objects.filter(plan=plan), **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "language": self.language}

    def save_by(self, user, *, start: int = 1) -> None:
        """Rows kept in their order, numbered 1, 2, 3…; deleted rows and empty new rows
        dropped."""
        position = start
        for form in self.forms:
            if not form.has_changed() and form.instance.pk is None:
                continue
            if self.can_delete and self._should_delete_form(form):
                if form.instance.pk is not None:
                    domain.delete_plan_part(record=form.instance, by=user)
                continue
            if form.instance.pk is None and not form.has_text():
                continue
            record = form.instance
            if record.pk is None:
                record.plan = self.plan
                record.original_language = self.language
            changed = set_language_text(
                record=record, names=form.text_names, language=self.language, form=form
            )
            if record.position != position:
                record.position = position
                changed.append("position")
            if record.pk is None or changed:
                domain.save_plan_part(record=record, by=user, changed_fields=changed)
            position += 1


ObjectiveFormSet = modelformset_factory(
    Objective, form=ObjectiveForm, formset=_PartFormSet, extra=3, can_delete=True
)
AxisFormSet = modelformset_factory(
    Axis, form=AxisForm, formset=_PartFormSet, extra=3, can_delete=True
)


def save_structure(*, objectives, axes, user) -> None:
    with transaction.atomic():
        objectives.save_by(user)
        axes.save_by(user)


# --- activities --------------------------------------------------------------------------------


def responsible_choices(plan: WorkPlan):
    """The body's network members and the plan's coordinating and sub-coordinating cities."""
    return Organization.objects.filter(
        Q(pk__in=Organization.objects.filter(memberships__network=plan.body.network_id).values("pk"))
        | Q(pk__in=coordinating_organizations(plan).values("pk"))
        | Q(pk__in=sub_coordinating_organizations(plan).values("pk"))
    ).order_by("name")  # fmt: skip


def event_choices(plan: WorkPlan, current_event_id: int | None):
    """The events of the plan's network or body starting within the plan's period."""
    within = Q(starts_at__date__gte=plan.starts_on, starts_at__date__lte=plan.ends_on) & (
        Q(network=plan.body.network_id) | Q(body=plan.body_id)
    )
    return Event.objects.filter(within | Q(pk=current_event_id or 0)).order_by("starts_at")


class ActivityForm(forms.ModelForm):
    planned_month = MonthField(
        label=_("Planned month"), required=False,
        help_text=_("Year and month, for example 2016-06. A planned date sets it."),
    )  # fmt: skip
    practice_links = forms.CharField(
        label=_("Practices"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The addresses of the practice pages this activity produced, one per line."),
    )  # fmt: skip
    resource_links = forms.CharField(
        label=_("Library documents"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The addresses of the library documents it produced, one per line."),
    )  # fmt: skip

    class Meta:
        model = Activity
        fields = [
            "kind", "planned_month", "planned_on", "planned_until", "city", "country",
            "responsible", "axes", "objectives", "status", "status_on", "status_note", "event",
        ]  # fmt: skip
        widgets = {
            "planned_on": _date_input(),
            "planned_until": _date_input(),
            "status_on": _date_input(),
            "status_note": forms.Textarea(attrs={"rows": 3}),
            "responsible": forms.CheckboxSelectMultiple,
            "axes": forms.CheckboxSelectMultiple,
            "objectives": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, plan: WorkPlan, language: str, instance: Activity, **kwargs):
        instance.plan = plan
        if instance.pk is None:
            instance.original_language = language
        super().__init__(*args, instance=instance, **kwargs)
        self.plan, self.language = plan, language
        self.fields.update(
            language_text_fields(
                instance=self.instance, names=ACTIVITY_TEXT_FIELDS, language=language,
                required=("title",),
            )
        )  # fmt: skip
        self.fields["description"].widget.attrs["rows"] = 4
        self.fields["responsible"].queryset = responsible_choices(plan)
        self.fields["axes"].queryset = plan.axes.all()
        self.fields["objectives"].queryset = plan.objectives.all()
        self.fields["event"].queryset = event_choices(plan, self.instance.event_id)
        self.fields["status_note"].max_length = NOTE_MAX_LENGTH
        if self.instance.pk is not None:
            self.fields["practice_links"].initial = link_lines(self.instance.practices.all())
            self.fields["resource_links"].initial = link_lines(self.instance.resources.all())
        self.order_fields([*ACTIVITY_TEXT_FIELDS, "kind"])

    def clean_practice_links(self):
        return resolve_links(
            self.cleaned_data.get("practice_links"), model=Practice, word="practices"
        )

    def clean_resource_links(self):
        return resolve_links(
            self.cleaned_data.get("resource_links"), model=Resource, word="library"
        )

    def add_model_errors(self, error: ValidationError) -> None:
        """Errors of the domain's validation on their fields (else on the whole form)."""
        for field, messages in error.message_dict.items():
            self.add_error(field if field in self.fields else None, messages)

    def save_by(self, user) -> Activity:
        """Raises ValidationError (nothing saved) when the domain refuses the activity."""
        activity = self.save(commit=False)
        changed = [name for name in self.changed_data if name in self._meta.fields]
        changed += set_language_text(
            record=activity, names=ACTIVITY_TEXT_FIELDS, language=self.language, form=self
        )
        if activity.pk is None:
            last = self.plan.activities.order_by("-position").values_list("position", flat=True)
            activity.position = (last.first() or 0) + 1
        links = {name: self.cleaned_data[name] for name in ("responsible", "axes", "objectives")}
        links["practices"] = self.cleaned_data["practice_links"]
        links["resources"] = self.cleaned_data["resource_links"]
        domain.save_activity_with_links(
            activity=activity, by=user, changed_fields=changed, links=links
        )
        return activity


# --- status updates and proposals ------------------------------------------------------------


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Activity.Status.choices)
    status_on = forms.DateField(
        label=_("Status date"), required=False, widget=_date_input(),
        help_text=_("Today when left empty."),
    )  # fmt: skip
    note = forms.CharField(
        label=_("Note"), required=False, max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What happened: for example, how many cities took part."),
    )  # fmt: skip

    def save_by(self, user, *, activity: Activity) -> None:
        domain.set_status(
            activity=activity, status=self.cleaned_data["status"],
            status_on=self.cleaned_data["status_on"], note=self.cleaned_data["note"], by=user,
        )  # fmt: skip


class ProposalForm(StatusForm):
    organization = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=Organization.objects.none(), empty_label=None
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        if len(organizations) == 1:
            # One city: no choice to make; the page names it.
            self.fields["organization"].widget = forms.HiddenInput()
            self.fields["organization"].initial = organizations[0].pk
        self.fields["status_on"].help_text = ""
        self.order_fields(["organization"])

    def save_by(self, user, *, activity: Activity) -> StatusProposal:
        """Raises domain.ProposalError when the city's previous proposal still waits."""
        return domain.propose_status(
            activity=activity, organization=self.cleaned_data["organization"],
            status=self.cleaned_data["status"], status_on=self.cleaned_data["status_on"],
            note=self.cleaned_data["note"], by=user,
        )  # fmt: skip
