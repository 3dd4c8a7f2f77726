"""The organizers' side: reading the answers, the CSV export, opening and closing, the outcome
summary; the list of consultations and what the event page includes."""

import csv
import io

import pytest
from django.template import Context, Template
from django.test import Client

from intercambio.consultations.models import Consultation
from intercambio.consultations.queries import consultations_of_event
from intercambio.events.models import Event
from tests import factories
from tests.conftest import count_queries, login
from tests.consultations.conftest import make_consultation, register
from tests.consultations.helpers import answer_data, detail_url, guest_url


def answers_url(consultation: Consultation) -> str:
    return f"/en/consultations/{consultation.slug}/answers/"


def export_url(consultation: Consultation) -> str:
    return f"/en/consultations/{consultation.slug}/answers.csv"


def outcome_url(consultation: Consultation, language: str = "") -> str:
    query = f"?language={language}" if language else ""
    return f"/en/consultations/{consultation.slug}/outcome/{query}"


def status_url(consultation: Consultation) -> str:
    return f"/en/consultations/{consultation.slug}/status/"


def answered(consultation: Consultation, *texts: str, **registration) -> None:
    """A confirmed guest answers through their link."""
    person = register(consultation.event, **registration)
    response = Client().post(
        guest_url(consultation, person.token), answer_data(consultation, *texts)
    )
    assert response.status_code == 302


def read_csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body.startswith(b"\xef\xbb\xbf")  # the BOM: spreadsheets then read UTF-8
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


# ---- who organizes ----------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["alice", "secretariat", "staff"])
def test_organizers_of_the_event_read_and_export_the_answers(consultation, persona, request):
    answered(consultation, "An answer.")
    client = login(request.getfixturevalue(persona))
    page = client.get(answers_url(consultation))
    assert page.status_code == 200
    assert "An answer." in page.content.decode()
    assert client.get(export_url(consultation)).status_code == 200
    assert client.get(outcome_url(consultation)).status_code == 200
    # The consultation's page links the organizers' pages.
    assert answers_url(consultation) in client.get(detail_url(consultation)).content.decode()


@pytest.mark.parametrize("persona", ["bob", "charlie"])
def test_members_and_outsiders_do_not_read_the_answers(consultation, persona, request):
    answered(consultation, "An answer.")
    client = login(request.getfixturevalue(persona))
    for url in (answers_url(consultation), export_url(consultation), outcome_url(consultation)):
        assert client.get(url).status_code == 403, url
    assert (
        client.post(outcome_url(consultation), {"outcome": "x", "action": "publish"}).status_code
        == 403
    )
    assert client.post(status_url(consultation), {"action": "close"}).status_code == 403
    assert answers_url(consultation) not in client.get(detail_url(consultation)).content.decode()
    consultation.refresh_from_db()
    assert (consultation.status, consultation.outcome_published_at) == ("open", None)


def test_a_respondent_does_not_read_the_others_answers(consultation, dora, dora_registration):
    answered(consultation, "Someone else's.")
    assert login(dora).get(answers_url(consultation)).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(consultation):
    for url in (answers_url(consultation), export_url(consultation), outcome_url(consultation)):
        response = Client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/en/accounts/login/?next=")


@pytest.mark.parametrize(("persona", "allowed"),
                         [("staff", True), ("secretariat", True), ("alice", False),
                          ("bob", False), ("charlie", False)])  # fmt: skip
def test_a_standalone_consultation_is_organized_by_staff_and_secretariat(
    standalone, persona, allowed, request
):
    status = login(request.getfixturevalue(persona)).get(answers_url(standalone)).status_code
    assert status == (200 if allowed else 403)


def test_the_secretariat_of_another_network_does_not_organize(standalone):
    other = factories.UserFactory(email="secretaria@other.example")
    factories.NetworkFactory(slug="other-network").secretariat.add(other)
    assert login(other).get(answers_url(standalone)).status_code == 403


# ---- the answers page -------------------------------------------------------------------


def test_answers_are_grouped_by_question_with_name_and_organization(
    consultation, alice, dora, dora_registration
):
    login(dora).post(
        detail_url(consultation), answer_data(consultation, "Dora on 1.", "Dora on 2.")
    )
    answered(consultation, "", "Guest on 2.", name="Gustavo", organization_name="Olinda")
    page = login(alice).get(answers_url(consultation))
    grouped = [
        (
            question.text_en,
            [(a.respondent_name, a.respondent_organization, a.text) for a in answers],
        )
        for question, answers in page.context["grouped"]
    ]
    assert grouped == [
        ("Question 1?", [("Dora", "Recife", "Dora on 1.")]),
        ("Question 2?", [("Dora", "Recife", "Dora on 2."), ("Gustavo", "Olinda", "Guest on 2.")]),
    ]
    assert page.context["respondents"] == 2
    assert page.context["confirmed"] == 2


def test_answers_page_queries_do_not_grow_with_respondents(consultation, alice):
    client = login(alice)
    answered(consultation, "First.", "First too.")
    one = count_queries(client, answers_url(consultation))
    for n in range(9):
        organization = factories.OrganizationFactory()
        answered(consultation, f"Answer {n}.", f"Other {n}.", organization=organization)
    account = factories.UserFactory(organization=factories.OrganizationFactory())
    register(consultation.event, user=account)
    login(account).post(detail_url(consultation), answer_data(consultation, "Member."))
    assert consultation.answers.values("registration").distinct().count() == 11
    assert count_queries(client, answers_url(consultation)) == one


def test_export_queries_do_not_grow_with_respondents(consultation, alice):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(alice)
    answered(consultation, "First.")
    client.get(export_url(consultation))
    with CaptureQueriesContext(connection) as one:
        client.get(export_url(consultation))
    for n in range(9):
        answered(consultation, f"Answer {n}.", organization=factories.OrganizationFactory())
    with CaptureQueriesContext(connection) as ten:
        client.get(export_url(consultation))
    assert len(ten.captured_queries) == len(one.captured_queries)


# ---- the export -------------------------------------------------------------------------


def test_export_has_every_answer_in_utf8_with_formulas_neutralized(consultation, alice):
    answered(consultation, "Inclusão digital, açaí.", "=HYPERLINK(\"http://evil\")",
             name="@Maria", organization_name="+Prefeitura")  # fmt: skip
    answered(consultation, "-1+1", "", name="José", organization_name="São José")
    response = login(alice).get(export_url(consultation))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{consultation.slug}-answers.csv"'
    )
    rows = read_csv(response)
    assert rows[0] == ["Question number", "Question", "Respondent", "Organization", "Answer",
                       "Last changed (UTC)"]  # fmt: skip
    assert [row[:5] for row in rows[1:]] == [
        ["1", "Question 1?", "'@Maria", "'+Prefeitura", "Inclusão digital, açaí."],
        ["1", "Question 1?", "José", "São José", "'-1+1"],
        ["2", "Question 2?", "'@Maria", "'+Prefeitura", '\'=HYPERLINK("http://evil")'],
    ]
    assert all(len(row[5]) == len("2024-09-05 14:00") for row in rows[1:])


def test_export_keeps_line_breaks_and_quotes_inside_one_cell(consultation, alice):
    answered(consultation, 'First line, "quoted";\nsecond line.')
    rows = read_csv(login(alice).get(export_url(consultation)))
    assert rows[1][4] == 'First line, "quoted";\nsecond line.'
    assert len(rows) == 2


def test_export_headers_follow_the_language(consultation, alice):
    answered(consultation, "Una respuesta.")
    response = login(alice).get(f"/es/consultations/{consultation.slug}/answers.csv")
    rows = read_csv(response)
    # The question in the page's language (its Spanish version exists).
    assert rows[1][1] == "¿Pregunta 1?"


# ---- opening, closing -------------------------------------------------------------------


def test_organizers_close_and_reopen(consultation, alice):
    client = login(alice)
    response = client.post(status_url(consultation), {"action": "close"})
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.CLOSED
    client.post(status_url(consultation), {"action": "open"})
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.OPEN


def test_an_unknown_status_action_is_a_400(consultation, alice):
    assert login(alice).post(status_url(consultation), {"action": "explode"}).status_code == 400


def test_a_consultation_without_questions_cannot_open(event, alice):
    empty = make_consultation(event=event, questions=0, status=Consultation.Status.DRAFT)
    response = login(alice).post(status_url(empty), {"action": "open"}, follow=True)
    assert "Add at least one question" in response.content.decode()
    empty.refresh_from_db()
    assert empty.status == Consultation.Status.DRAFT


# ---- the outcome ------------------------------------------------------------------------


def test_published_outcome_shows_on_the_public_page(consultation, alice):
    client = login(alice)
    response = client.post(outcome_url(consultation), {"outcome": "We **heard** you.",
                                                       "action": "save"})  # fmt: skip
    assert response.status_code == 302
    assert (
        "We <strong>heard</strong> you."
        not in Client().get(detail_url(consultation)).content.decode()
    )
    response = client.post(outcome_url(consultation), {"outcome": "We **heard** you.",
                                                       "action": "publish"})  # fmt: skip
    assert (response.status_code, response["Location"]) == (302, detail_url(consultation))
    consultation.refresh_from_db()
    assert consultation.outcome_published_at is not None
    body = Client().get(detail_url(consultation)).content.decode()
    assert "We <strong>heard</strong> you." in body
    # Withdrawn: gone from the public page, the text kept.
    client.post(outcome_url(consultation), {"outcome": "We **heard** you.", "action": "withdraw"})
    consultation.refresh_from_db()
    assert (consultation.outcome_published_at, consultation.outcome_en) == (
        None,
        "We **heard** you.",
    )
    assert (
        "We <strong>heard</strong>" not in Client().get(detail_url(consultation)).content.decode()
    )


def test_outcome_in_another_language_falls_back_to_it(consultation, alice):
    login(alice).post(outcome_url(consultation, "pt-br"),
                      {"outcome": "Resumo em português.", "action": "publish"})  # fmt: skip
    consultation.refresh_from_db()
    assert (consultation.outcome_pt_br, consultation.outcome_en or "") == (
        "Resumo em português.",
        "",
    )
    page = Client().get(detail_url(consultation))
    assert 'lang="pt-br">' in page.content.decode()
    assert "Resumo em português." in page.content.decode()


def test_publishing_an_empty_outcome_is_refused(consultation, alice):
    response = login(alice).post(outcome_url(consultation), {"outcome": "  ", "action": "publish"})
    assert response.status_code == 400
    assert "Write the summary before publishing it." in response.content.decode()
    consultation.refresh_from_db()
    assert consultation.outcome_published_at is None


def test_hostile_outcome_is_sanitized(consultation, alice):
    login(alice).post(outcome_url(consultation), {
        "outcome": "<script>alert(1)</script> [x](javascript:alert(1))", "action": "publish",
    })  # fmt: skip
    body = Client().get(detail_url(consultation)).content.decode()
    assert "<script>alert(1)" not in body
    assert 'href="javascript:' not in body


def test_an_unknown_outcome_action_changes_nothing(consultation, alice):
    response = login(alice).post(outcome_url(consultation), {"outcome": "x", "action": "boom"})
    assert response.status_code == 400
    consultation.refresh_from_db()
    assert not consultation.outcome_en


def test_too_long_an_outcome_is_refused(consultation, alice):
    response = login(alice).post(outcome_url(consultation), {"outcome": "x" * 20_001,
                                                             "action": "save"})  # fmt: skip
    assert response.status_code == 400


# ---- list and event page ----------------------------------------------------------------


def test_list_shows_open_and_past_consultations_not_drafts(event, network):
    make_consultation(event=event, title_en="Open one")
    make_consultation(network=network, title_en="Past one", status=Consultation.Status.CLOSED)
    make_consultation(network=network, title_en="Draft one", status=Consultation.Status.DRAFT)
    hidden_event = factories.EventFactory(status=Event.Status.DRAFT)
    make_consultation(event=hidden_event, title_en="Of a draft event")
    page = Client().get("/en/consultations/")
    assert [c.title_en for c in page.context["open_consultations"]] == ["Open one"]
    assert [c.title_en for c in page.context["past"]] == ["Past one"]


def test_list_queries_do_not_grow(event, network):
    make_consultation(event=event)
    make_consultation(network=network, status=Consultation.Status.CLOSED)
    one = count_queries(Client(), "/en/consultations/")
    for _ in range(5):
        make_consultation(event=factories.EventFactory())
        make_consultation(network=network, status=Consultation.Status.CLOSED)
    assert count_queries(Client(), "/en/consultations/") == one


def test_event_page_include_links_its_consultations(event):
    shown = make_consultation(event=event, title_en="Guiding questions")
    make_consultation(event=event, status=Consultation.Status.DRAFT, title_en="Not yet")
    assert consultations_of_event(event) == [shown]
    html = Template('{% include "consultations/_for_event.html" %}').render(
        Context({"event": event})
    )
    assert shown.get_absolute_url() in html
    assert "Not yet" not in html
    empty = Template('{% include "consultations/_for_event.html" %}').render(
        Context({"event": factories.EventFactory()})
    )
    assert empty.strip() == ""
