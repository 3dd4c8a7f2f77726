"""A work plan's report (issue 7): planned against done, the events held with their
participants, the practices and documents produced — as a page, a PDF and a CSV file, in the
language of the address (/es/…/report.pdf is in Spanish).

`plan_report` reads everything in a fixed number of queries whatever the number of
activities; the three views only lay its figures out."""

import csv
import datetime
import io
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext, pgettext_lazy
from django.views.decorators.http import require_safe
from fpdf.enums import XPos, YPos

from intercambio.common.i18n import Text, current_language, field_suffix, translated
from intercambio.common.spreadsheets import safe_cell
from intercambio.events.exports import UnicodePDF, to_latin1
from intercambio.events.models import Event, Registration
from intercambio.library.models import Resource
from intercambio.practices.models import Practice
from intercambio.workplans.domain import Progress, progress_by_axis, progress_of
from intercambio.workplans.models import Activity, WorkPlan
from intercambio.workplans.queries import plan_activities, plan_or_404

# --- figures ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Output:
    """A practice or library document an activity produced."""

    pk: int
    title: Text
    url: str


@dataclass(frozen=True)
class EventFigures:
    pk: int
    title: Text
    starts_at: datetime.datetime
    dates: str
    url: str | None  # None while the event's page is not public
    held: bool
    registered: int  # confirmed registrations
    attended: int | None  # confirmed and checked in; None when check-in was not used

    @property
    def attended_text(self) -> str:
        return "—" if self.attended is None else str(self.attended)


@dataclass(frozen=True)
class ActivityRow:
    pk: int
    url: str
    when: str
    title: Text
    kind: str
    place: str
    responsible: list[str]
    status: str
    status_label: str
    status_on: str
    note: str
    event: EventFigures | None
    practices: list[Output]
    resources: list[Output]


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    count: int


@dataclass(frozen=True)
class AxisRow:
    position: int
    title: Text
    progress: Progress


@dataclass
class Report:
    plan: WorkPlan
    language: str
    title: Text
    period: str
    on: str  # the day the figures are given for
    progress: Progress
    total: int
    by_status: list[StatusCount]
    axes: list[AxisRow]
    rows: list[ActivityRow]
    events_held: list[EventFigures] = field(default_factory=list)
    registered_total: int = 0
    attended_total: int | None = None  # None when no event held used check-in
    practices: list[Output] = field(default_factory=list)
    resources: list[Output] = field(default_factory=list)

    @property
    def attended_total_text(self) -> str:
        return "—" if self.attended_total is None else str(self.attended_total)


def _date(day: datetime.date | None) -> str:
    return formats.date_format(day, "DATE_FORMAT") if day else ""


def _span(first: datetime.date, last: datetime.date | None) -> str:
    if last is None or last == first:
        return _date(first)
    return _("%(start)s to %(end)s") % {"start": _date(first), "end": _date(last)}


def _when(activity: Activity) -> str:
    if activity.planned_on:
        return _span(activity.planned_on, activity.planned_until)
    if activity.planned_month:
        return formats.date_format(activity.planned_month, "YEAR_MONTH_FORMAT")
    return _("Throughout the period")


def _title_fields() -> list[str]:
    return [f"title_{field_suffix(code)}" for code, _name in settings.LANGUAGES]


def _outputs(records, language: str) -> list[Output]:
    return [
        Output(
            pk=record.pk,
            title=translated(record, "title", language=language),
            url=record.get_absolute_url(),
        )
        for record in records
    ]


def _events(plan: WorkPlan, *, language: str, now: datetime.datetime) -> dict[int, EventFigures]:
    """The plan's linked events with their registration counts, in one query (a subquery
    rather than a join with the activities, so that an event linked twice counts once)."""
    confirmed = Q(registrations__status=Registration.Status.CONFIRMED)
    events = (
        Event.objects.filter(pk__in=Activity.objects.filter(plan=plan).values("event_id"))
        .only(
            "pk",
            "slug",
            "status",
            "starts_at",
            "ends_at",
            "time_zone",
            "original_language",
            *_title_fields(),
        )  # fmt: skip
        .annotate(
            registered=Count("registrations", filter=confirmed),
            attended=Count(
                "registrations", filter=confirmed & Q(registrations__checked_in_at__isnull=False)
            ),
        )
    )
    figures = {}
    for event in events:
        start, end = event.starts_at.astimezone(event.zone), event.ends_at.astimezone(event.zone)
        figures[event.pk] = EventFigures(
            pk=event.pk,
            title=translated(event, "title", language=language),
            starts_at=event.starts_at,
            dates=_span(start.date(), end.date()),
            url=event.get_absolute_url() if event.is_public else None,
            # A postponed event's dates are no longer its dates: not held.
            held=event.status not in (Event.Status.CANCELLED, Event.Status.POSTPONED)
            and event.ends_at < now,
            registered=event.registered,
            attended=event.attended or None,
        )
    return figures


def _unique(outputs) -> list[Output]:
    return list({output.pk: output for output in outputs}.values())


def plan_report(
    plan: WorkPlan, *, language: str | None = None, now: datetime.datetime | None = None
) -> Report:
    """The report's figures, in `language` (the active one by default), with the events held
    by `now` (the current time by default). Only published practices and documents count as
    produced. Seven queries, whatever the number of activities."""
    language = language or current_language()
    now = now or timezone.now()
    activities = list(
        plan_activities(plan).prefetch_related(
            Prefetch(
                "practices",
                queryset=Practice.objects.filter(status=Practice.Status.PUBLISHED).only(
                    "pk", "slug", "original_language", *_title_fields()
                ),
            ),
            Prefetch(
                "resources",
                queryset=Resource.objects.filter(status=Resource.Status.PUBLISHED).only(
                    "pk", "slug", "original_language", *_title_fields()
                ),
            ),
        )
    )
    axes = list(plan.axes.all())
    events = _events(plan, language=language, now=now)

    rows = []
    for activity in activities:
        place = ", ".join(
            part for part in (activity.city, activity.country.name if activity.country else "")
            if part
        )  # fmt: skip
        rows.append(
            ActivityRow(
                pk=activity.pk,
                url=reverse("workplans:activity", kwargs={"slug": plan.slug, "pk": activity.pk}),
                when=_when(activity),
                title=translated(activity, "title", language=language),
                kind=activity.get_kind_display(),
                place=place,
                responsible=[organization.name for organization in activity.responsible.all()],
                status=activity.status,
                status_label=activity.get_status_display(),
                status_on=_date(activity.status_on),
                note=activity.status_note,
                event=events.get(activity.event_id),
                practices=_outputs(activity.practices.all(), language),
                resources=_outputs(activity.resources.all(), language),
            )
        )

    statuses = Counter(activity.status for activity in activities)
    held = [figures for figures in events.values() if figures.held]
    held.sort(key=lambda figures: (figures.starts_at, figures.pk))
    checked_in = [figures.attended for figures in held if figures.attended is not None]
    return Report(
        plan=plan,
        language=language,
        title=translated(plan, "title", language=language),
        period=_span(plan.starts_on, plan.ends_on),
        on=_date(timezone.localdate(now)),
        progress=progress_of(activities),
        total=len(activities),
        by_status=[
            StatusCount(status=value, label=label, count=statuses[value])
            for value, label in Activity.Status.choices
        ],
        axes=[
            AxisRow(
                position=axis.position,
                title=translated(axis, "title", language=language),
                progress=progress,
            )
            for axis, progress in progress_by_axis(axes, activities)
        ],
        rows=rows,
        events_held=held,
        registered_total=sum(figures.registered for figures in held),
        attended_total=sum(checked_in) if checked_in else None,
        practices=_unique(output for row in rows for output in row.practices),
        resources=_unique(output for row in rows for output in row.resources),
    )


# --- the CSV file -------------------------------------------------------------------------

COLUMNS = [
    pgettext_lazy("activity", "When"),
    gettext_lazy("Title"),
    gettext_lazy("Type"),
    gettext_lazy("Place"),
    gettext_lazy("Responsible cities"),
    gettext_lazy("Status"),
    gettext_lazy("Status date"),
    gettext_lazy("Note on the status"),
    gettext_lazy("Event"),
    gettext_lazy("Dates of the event"),
    pgettext_lazy("participants", "Registered"),
    pgettext_lazy("participants", "Attended"),
    gettext_lazy("Practices"),
    gettext_lazy("Documents"),
]


def _cells(row: ActivityRow) -> list:
    event = row.event
    return [
        row.when,
        row.title.text,
        row.kind,
        row.place,
        ", ".join(row.responsible),
        row.status_label,
        row.status_on,
        row.note,
        event.title.text if event else "",
        event.dates if event else "",
        event.registered if event else "",
        event.attended if event and event.attended is not None else "",
        "; ".join(output.title.text for output in row.practices),
        "; ".join(output.title.text for output in row.resources),
    ]


def report_csv_bytes(report: Report) -> bytes:
    """One row per activity; UTF-8 with a byte order mark, so that Excel reads the accents;
    every cell safe from formula injection."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([str(column) for column in COLUMNS])
    for row in report.rows:
        writer.writerow([safe_cell(value) for value in _cells(row)])
    return buffer.getvalue().encode("utf-8-sig")


# --- the PDF file -------------------------------------------------------------------------


class _ReportPDF(UnicodePDF):
    def __init__(self, footer: str) -> None:
        super().__init__()
        self.footer_text = footer
        self.set_auto_page_break(auto=True, margin=15)

    def clean(self, text) -> str:
        text = str(text)
        if not self.unicode:
            return to_latin1(text)
        # DejaVu has no emoji: leave out what the font cannot draw rather than a blank box.
        font = self.fonts[f"{self.family.lower()}{self.font_style}"]
        return "".join(char for char in text if char in "\n\t" or ord(char) in font.cmap)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.family, "", 8)
        self.cell(0, 6, self.clean(f"{self.footer_text} · {self.page_no()}"), align="R")

    def heading(self, text: str, *, size: float = 13) -> None:
        self.set_font(self.family, "B", size)
        self.multi_cell(0, size * 0.5, self.clean(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(2)

    def paragraph(self, text: str, *, size: float = 10) -> None:
        self.set_font(self.family, "", size)
        self.multi_cell(0, size * 0.5, self.clean(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1)

    def grid(self, headings: list[str], rows: list[list], widths: tuple, *, size=8.5) -> None:
        self.set_font(self.family, "", size)
        with self.table(
            col_widths=widths, line_height=size * 0.5, text_align="LEFT", padding=1
        ) as table:
            self.set_font(self.family, "B", size)
            header = table.row()
            for text in headings:
                header.cell(self.clean(text))
            self.set_font(self.family, "", size)
            for cells in rows:
                row = table.row()
                for text in cells:
                    row.cell(self.clean(text))
        self.ln(4)


def report_pdf_bytes(report: Report) -> bytes:
    pdf = _ReportPDF(footer=f"{report.title.text or report.plan.slug} · {_('Report')}")
    pdf.set_title(f"{_('Report')} · {report.title.text or report.plan.slug}")
    pdf.set_lang(report.language)
    pdf.set_creator(settings.PLATFORM_NAME)
    pdf.add_page()
    pdf.heading(_("Report"), size=18)
    pdf.heading(report.title.text or report.plan.slug, size=15)
    pdf.paragraph(
        _("Period: %(period)s. Figures on %(date)s.") % {"period": report.period, "date": report.on}
    )
    pdf.paragraph(
        ngettext(
            "%(done)s of %(counted)s activity done (%(percent)s %%).",
            "%(done)s of %(counted)s activities done (%(percent)s %%).",
            report.progress.counted,
        )
        % {
            "done": report.progress.done,
            "counted": report.progress.counted,
            "percent": report.progress.percent,
        }
        + " "
        + _("Cancelled activities are not counted in the percentage done.")
    )

    pdf.heading(_("Activities by status"))
    pdf.grid(
        [_("Status"), _("Activities")],
        [[item.label, item.count] for item in report.by_status] + [[_("Total"), report.total]],
        (60, 30),
    )
    if report.axes:
        pdf.heading(_("Progress by axis of work"))
        pdf.grid(
            [_("Axis of work"), _("Done"), _("Counted"), _("Cancelled"), _("Percentage done")],
            [
                [
                    f"{axis.position}. {axis.title.text}",
                    axis.progress.done,
                    axis.progress.counted,
                    axis.progress.cancelled,
                    f"{axis.progress.percent} %",
                ]
                for axis in report.axes
            ],  # fmt: skip
            (150, 25, 25, 25, 25),
        )

    pdf.heading(_("Activities"))
    if report.rows:
        pdf.grid(
            [str(column) for column in COLUMNS],
            [
                ["" if value is None else value for value in _cells(row)] for row in report.rows
            ],  # fmt: skip
            (18, 30, 16, 18, 20, 16, 16, 24, 24, 18, 14, 14, 19, 20),
            size=6.5,
        )
    else:
        pdf.paragraph(_("This plan has no activities yet."))

    pdf.heading(_("Events held"))
    if report.events_held:
        pdf.grid(
            [
                _("Event"),
                _("Dates"),
                pgettext("participants", "Registered"),
                pgettext("participants", "Attended"),
            ],  # fmt: skip
            [
                [event.title.text, event.dates, event.registered, event.attended_text]
                for event in report.events_held
            ]
            + [[_("Total"), "", report.registered_total, report.attended_total_text]],
            (130, 70, 35, 35),
        )
    else:
        pdf.paragraph(_("No event linked to this plan has been held yet."))

    pdf.heading(_("Practices produced"))
    pdf.paragraph(
        "\n".join(f"· {output.title.text}" for output in report.practices)
        or _("None yet.")
    )  # fmt: skip
    pdf.heading(_("Documents produced"))
    pdf.paragraph(
        "\n".join(f"· {output.title.text}" for output in report.resources)
        or _("None yet.")
    )  # fmt: skip
    return bytes(pdf.output())


# --- views --------------------------------------------------------------------------------


def _filename(plan: WorkPlan, extension: str) -> str:
    return f"{plan.slug}-report-{current_language()}.{extension}"


@require_safe
def report_page(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_or_404(request, slug)
    return render(request, "workplans/report.html", {"plan": plan, "report": plan_report(plan)})


@require_safe
def report_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_or_404(request, slug)
    response = HttpResponse(report_pdf_bytes(plan_report(plan)), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(plan, "pdf")}"'
    return response


@require_safe
def report_csv(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_or_404(request, slug)
    response = HttpResponse(
        report_csv_bytes(plan_report(plan)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(plan, "csv")}"'
    return response
