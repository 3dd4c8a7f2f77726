"""The report of a plan (issue 7): its figures, the page, the CSV and PDF files, in the
address's language, hidden for a draft, in a fixed number of queries."""

import csv
import datetime
import io

import pypdf
import pytest
from django.test import Client
from django.utils import timezone, translation

from intercambio.events import exports
from intercambio.events.models import Registration
from intercambio.library.models import Resource
from intercambio.practices.models import Practice
from intercambio.workplans import report
from intercambio.workplans.models import Activity, WorkPlan
from tests import factories
from tests.conftest import count_queries, login

NOW = timezone.now()


def page_url(plan, language="en", suffix="report/") -> str:
    return f"/{language}/workplans/{plan.slug}/{suffix}"


def registration(event, n: int, *, status=Registration.Status.CONFIRMED, checked_in=False):
    return Registration.objects.create(
        event=event, status=status, name=f"Person {n}", email=f"person{n}@example.org",
        language="es", consented_at=NOW,
        checked_in_at=NOW - datetime.timedelta(days=10) if checked_in else None,
    )  # fmt: skip


def past_event(**kwargs):
    starts = NOW - datetime.timedelta(days=10)
    return factories.EventFactory(
        starts_at=starts, ends_at=starts + datetime.timedelta(hours=8), **kwargs
    )


@pytest.fixture
def known(plan, organization):
    """Five activities: two done, one planned, one postponed, one cancelled (50 % done).
    The first held a past seminar (3 confirmed registrations, 2 checked in, 1 cancelled) and
    produced a practice and a document; the second links a future event and the same
    practice again; a draft practice does not count."""
    first_axis, second_axis = plan.axes.all()
    held = past_event(title_en="Seminar on metropolitan areas", title_es="Seminario metropolitano")
    for n in range(3):
        registration(held, n, checked_in=n < 2)
    registration(held, 3, status=Registration.Status.CANCELLED)
    future = factories.EventFactory(title_en="Future forum")
    registration(future, 9)
    practice = factories.PracticeFactory(
        title_en="Participatory budget", status=Practice.Status.PUBLISHED
    )
    draft_practice = factories.PracticeFactory(title_en="Unfinished practice")
    document = factories.ResourceFactory(
        title_en="Guide to metropolitan planning", status=Resource.Status.PUBLISHED
    )
    activities = {}
    for n, (name, status, axes) in enumerate(
        [
            ("Annual meeting", Activity.Status.DONE, [first_axis]),
            ("Technical mission", Activity.Status.DONE, [second_axis]),
            ("Border seminar", Activity.Status.PLANNED, [second_axis]),
            ("Publication", Activity.Status.POSTPONED, [first_axis]),
            ("Fair", Activity.Status.CANCELLED, [first_axis, second_axis]),
        ],
        start=1,
    ):
        activities[name] = factories.ActivityFactory(
            plan=plan, title_en=name, status=status, axes=axes,
            planned_month=datetime.date(2016, n + 1, 1),
            status_on=datetime.date(2016, 11, 30), status_note=f"Note {n}",
        )  # fmt: skip
        activities[name].responsible.add(organization)
    meeting = activities["Annual meeting"]
    meeting.event = held
    meeting.save(update_fields=["event"])
    meeting.practices.add(practice, draft_practice)
    meeting.resources.add(document)
    mission = activities["Technical mission"]
    mission.event = future
    mission.save(update_fields=["event"])
    mission.practices.add(practice)
    return {
        "plan": plan, "held": held, "future": future, "practice": practice,
        "document": document, **activities,
    }  # fmt: skip


# --- figures ------------------------------------------------------------------------------


def test_report_figures_on_a_known_plan(known):
    with translation.override("en"):
        figures = report.plan_report(known["plan"])

    assert {item.status: item.count for item in figures.by_status} == {
        "planned": 1, "in_progress": 0, "done": 2, "postponed": 1, "cancelled": 1,
    }  # fmt: skip
    assert figures.total == 5
    assert (figures.progress.done, figures.progress.counted, figures.progress.percent) == (2, 4, 50)
    assert [
        (axis.position, axis.progress.done, axis.progress.counted, axis.progress.cancelled)
        for axis in figures.axes
    ] == [(1, 1, 2, 1), (2, 1, 2, 1)]
    assert [event.pk for event in figures.events_held] == [known["held"].pk]
    held = figures.events_held[0]
    assert (held.title.text, held.registered, held.attended) == (
        "Seminar on metropolitan areas", 3, 2,
    )  # fmt: skip
    assert (figures.registered_total, figures.attended_total) == (3, 2)
    assert [output.title.text for output in figures.practices] == ["Participatory budget"]
    assert [output.title.text for output in figures.resources] == ["Guide to metropolitan planning"]


def test_report_rows_follow_the_timeline(known):
    with translation.override("en"):
        figures = report.plan_report(known["plan"])

    first, second = figures.rows[:2]
    assert [row.title.text for row in figures.rows] == [
        "Annual meeting", "Technical mission", "Border seminar", "Publication", "Fair",
    ]  # fmt: skip
    assert (first.when, first.kind, first.place, first.responsible) == (
        "February 2016", "Meeting", "Canoas, Brazil", ["Canoas"],
    )  # fmt: skip
    assert (first.status_label, first.status_on, first.note) == (
        "Done", "Nov. 30, 2016", "Note 1",
    )  # fmt: skip
    assert (first.event.registered, first.event.attended, first.event.held) == (3, 2, True)
    # The future event is shown on its activity's row, but not held yet.
    assert (second.event.title.text, second.event.registered, second.event.held) == (
        "Future forum", 1, False,
    )  # fmt: skip
    assert figures.rows[2].event is None


def test_report_event_without_check_in_has_no_attended_figure(plan):
    event = past_event()
    registration(event, 1)
    factories.ActivityFactory(plan=plan, event=event, status=Activity.Status.DONE)

    figures = report.plan_report(plan)

    assert (figures.events_held[0].registered, figures.events_held[0].attended) == (1, None)
    assert (figures.registered_total, figures.attended_total) == (1, None)


def test_report_cancelled_and_postponed_events_are_not_held(plan):
    for status in ("cancelled", "postponed"):
        factories.ActivityFactory(plan=plan, event=past_event(status=status))

    figures = report.plan_report(plan)

    assert figures.events_held == []
    assert figures.registered_total == 0


def test_report_event_linked_twice_counts_once(plan):
    event = past_event()
    registration(event, 1)
    factories.ActivityFactory(plan=plan, event=event)
    factories.ActivityFactory(plan=plan, event=event)

    figures = report.plan_report(plan)

    assert [(held.pk, held.registered) for held in figures.events_held] == [(event.pk, 1)]
    assert figures.registered_total == 1


def test_report_events_held_by_the_report_date(known):
    figures = report.plan_report(known["plan"], now=NOW + datetime.timedelta(days=60))

    assert [event.pk for event in figures.events_held] == [known["held"].pk, known["future"].pk]
    assert figures.registered_total == 4


def test_report_of_a_plan_without_activities(plan):
    figures = report.plan_report(plan)

    assert (figures.total, figures.progress.percent, figures.rows) == (0, 0, [])


# --- the page -----------------------------------------------------------------------------


def test_report_page_shows_the_figures_in_spanish(client, known):
    response = client.get(page_url(known["plan"], "es"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Informe" in html  # "Report"
    assert "UTPEAM work plan 2016" in html
    assert "50 %" in html
    assert "Seminario metropolitano" in html
    assert "Participatory budget" in html
    assert "Guide to metropolitan planning" in html
    assert "Unfinished practice" not in html
    assert "Future forum" in html  # on its activity's row
    assert page_url(known["plan"], "es", "report.pdf") in html
    assert page_url(known["plan"], "es", "report.csv") in html
    assert '<th scope="col">' in html
    assert html.count("<caption>") == 4


def test_report_page_of_a_draft_plan_is_hidden_from_a_visitor(client, plan, alice):
    plan.status = WorkPlan.Status.DRAFT
    plan.save(update_fields=["status"])

    for suffix in ("report/", "report.pdf", "report.csv"):
        assert client.get(page_url(plan, suffix=suffix)).status_code == 404
        assert login(alice).get(page_url(plan, suffix=suffix)).status_code == 200


def test_report_of_an_unknown_plan_is_404(client, db):
    assert client.get("/en/workplans/no-such-plan/report/").status_code == 404


def test_report_refuses_a_post(client, plan):
    assert client.post(page_url(plan)).status_code == 405


def test_report_page_queries_do_not_grow_with_activities(organization):
    def plan_with(count: int) -> WorkPlan:
        plan = factories.WorkPlanFactory()
        axis = factories.AxisFactory(plan=plan)
        for n in range(count):
            event = past_event()
            registration(event, n, checked_in=True)
            activity = factories.ActivityFactory(plan=plan, event=event, axes=[axis])
            activity.responsible.add(organization)
            activity.practices.add(factories.PracticeFactory(status=Practice.Status.PUBLISHED))
            activity.resources.add(factories.ResourceFactory(status=Resource.Status.PUBLISHED))
        return plan

    client = Client()
    one, twenty = plan_with(1), plan_with(20)

    assert count_queries(client, page_url(twenty)) == count_queries(client, page_url(one))
    for suffix in ("report.csv", "report.pdf"):
        assert count_queries(client, page_url(twenty, suffix=suffix)) == count_queries(
            client, page_url(one, suffix=suffix)
        )


# --- the CSV file -------------------------------------------------------------------------


def csv_rows(response) -> list[list[str]]:
    assert response.content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_report_csv_in_spanish(client, known):
    response = client.get(page_url(known["plan"], "es", "report.csv"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="utpeam-2016-report-es.csv"'
    )  # fmt: skip
    header, *rows = csv_rows(response)
    with translation.override("es"):
        assert header == [str(column) for column in report.COLUMNS]
        statuses = [str(Activity.Status(value).label) for value in
                    ("done", "done", "planned", "postponed", "cancelled")]  # fmt: skip
    assert {"Título", "Tipo", "Lugar", "Estado", "Evento"} <= set(header)
    assert len(rows) == 5
    column = {name: n for n, name in enumerate(header)}
    assert [row[column["Estado"]] for row in rows] == statuses
    assert rows[0][column["Estado"]] == "Completada"
    assert rows[3][column["Estado"]] == "Aplazado"
    assert rows[0][column["Título"]] == "Annual meeting"
    assert rows[0][column["Evento"]] == "Seminario metropolitano"
    assert rows[0][10:12] == ["3", "2"]  # registered, attended
    assert rows[1][10:12] == ["1", ""]  # the future event: nobody checked in
    assert rows[0][12:] == ["Participatory budget", "Guide to metropolitan planning"]


def test_report_csv_neutralizes_formulas(client, plan):
    factories.ActivityFactory(plan=plan, title_en='=HYPERLINK("http://evil.example")')

    _header, row = csv_rows(client.get(page_url(plan, suffix="report.csv")))

    assert row[1] == '\'=HYPERLINK("http://evil.example")'


# --- the PDF file -------------------------------------------------------------------------


def pdf_text(response) -> str:
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_report_pdf_in_spanish(client, known):
    response = client.get(page_url(known["plan"], "es", "report.pdf"))

    text = pdf_text(response)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="utpeam-2016-report-es.pdf"'
    )  # fmt: skip
    assert "Informe" in text
    assert "UTPEAM work plan 2016" in text
    assert "Seminario metropolitano" in text
    assert "Participatory budget" in text


@pytest.mark.parametrize("unicode_font", [True, False])
def test_report_pdf_with_odd_characters(client, plan, monkeypatch, unicode_font):
    if not unicode_font:
        monkeypatch.setattr(exports, "unicode_font_files", lambda: None)
    elif exports.unicode_font_files() is None:
        pytest.skip("DejaVu is not installed")
    plan.title_en = "Plan de Łódź 🎉"
    plan.save(update_fields=["title_en"])
    factories.ActivityFactory(
        plan=plan, title_en="Encontro em São Paulo 🚀 — Nguyễn", status_note="=1+1 ✓"
    )

    text = pdf_text(client.get(page_url(plan, suffix="report.pdf")))

    assert ("Łódź" if unicode_font else "Lódz") in text
    assert "São Paulo" in text
