"""Who answers a consultation, saving and changing answers, and bad input: the confirmed
registrant (member or guest with their link) answers an event's consultation, every member a
standalone one; nobody else, and nothing once it is closed."""

import datetime
import uuid

import pytest
from django.db import IntegrityError
from django.test import Client
from django.utils import timezone

from intercambio.consultations import domain
from intercambio.consultations.models import ANSWER_MAX_LENGTH, Answer, Consultation
from intercambio.events.models import Registration
from tests import factories
from tests.conftest import count_queries, login
from tests.consultations.conftest import make_consultation, register
from tests.consultations.helpers import answer_data, detail_url, guest_url

Status = Registration.Status
SAVED = "Thank you, your answers are saved."


def texts_of(consultation: Consultation) -> list[tuple[str, str]]:
    return list(
        consultation.answers.order_by("question__order", "pk").values_list(
            "question__text_en", "text"
        )
    )


# ---- who answers ------------------------------------------------------------------------


def test_confirmed_registrant_member_answers(consultation, dora, dora_registration):
    client = login(dora)
    page = client.get(detail_url(consultation))
    assert page.status_code == 200
    assert page.context["form"] is not None
    response = client.post(
        detail_url(consultation), answer_data(consultation, "By asking them.", "In workshops."),
        follow=True,
    )  # fmt: skip
    assert response.status_code == 200
    assert SAVED in response.content.decode()
    assert texts_of(consultation) == [("Question 1?", "By asking them."),
                                      ("Question 2?", "In workshops.")]  # fmt: skip
    answer = consultation.answers.first()
    assert (answer.registration, answer.user) == (dora_registration, dora)


def test_guest_answers_through_the_link_of_their_registration(consultation, guest_registration):
    url = guest_url(consultation, guest_registration.token)
    client = Client()
    assert client.get(url).context["form"] is not None
    response = client.post(url, answer_data(consultation, "Open data first."))
    # Back to the guest's own page (the token stays in the path), with their answers.
    assert (response.status_code, response["Location"]) == (302, f"{url}#answers")
    page = client.get(url)
    assert SAVED in page.content.decode()
    assert "Open data first." in page.content.decode()
    answer = consultation.answers.get()
    assert (answer.registration, answer.user, answer.text) == (
        guest_registration,
        None,
        "Open data first.",
    )


@pytest.mark.parametrize(
    ("status", "explanation"),
    [
        (Status.WAITLISTED, "not confirmed (status: On the waitlist)"),
        (Status.CANCELLED, "not confirmed (status: Cancelled)"),
        (Status.AWAITING_APPROVAL, "not confirmed (status: Awaiting the organizers"),
        (Status.AWAITING_EMAIL, "not confirmed (status: Awaiting e-mail confirmation)"),
    ],
)
def test_registrant_without_a_confirmed_seat_cannot_answer(consultation, dora, status, explanation):
    register(consultation.event, user=dora, status=status)
    client = login(dora)
    page = client.get(detail_url(consultation))
    assert page.context["form"] is None
    assert explanation in page.content.decode()
    response = client.post(detail_url(consultation), answer_data(consultation, "Mine."))
    assert response.status_code == 403
    assert consultation.answers.count() == 0


@pytest.mark.parametrize("status", [Status.WAITLISTED, Status.CANCELLED])
def test_guest_without_a_confirmed_seat_cannot_answer(consultation, status):
    registration = register(consultation.event, status=status)
    response = Client().post(
        guest_url(consultation, registration.token), answer_data(consultation, "Mine.")
    )
    assert response.status_code == 403
    assert consultation.answers.count() == 0


def test_member_not_registered_is_sent_to_register(consultation, bob):
    client = login(bob)
    page = client.get(detail_url(consultation))
    assert page.context["form"] is None
    assert page.context["reason"] == "register"
    assert consultation.event.get_absolute_url() in page.content.decode()
    assert client.post(detail_url(consultation), answer_data(consultation, "x")).status_code == 403
    assert consultation.answers.count() == 0


def test_someone_elses_registration_without_its_link_does_not_count(consultation, bob):
    # A registration made with bob's e-mail address but not with his account: the account is
    # what a member answers with; the guest link is the other way in.
    register(consultation.event, name="Bob", email=bob.email)
    assert login(bob).get(detail_url(consultation)).context["reason"] == "register"


def test_anonymous_visitor_is_asked_to_sign_in(consultation):
    page = Client().get(detail_url(consultation))
    assert page.status_code == 200
    assert page.context["reason"] == "sign_in"
    assert "/en/accounts/login/?next=" in page.content.decode()
    response = Client().post(detail_url(consultation), answer_data(consultation, "x"))
    assert response.status_code == 403
    assert consultation.answers.count() == 0


@pytest.mark.parametrize(
    "token", ["not-a-token", str(uuid.uuid4()), '"><svg onload=alert(1)>', "a" * 300]
)
def test_a_bad_link_explains_itself_with_a_404(consultation, token):
    response = Client().get(guest_url(consultation, token))
    assert response.status_code == 404
    assert "This answer link is not valid" in response.content.decode()
    assert "<svg onload" not in response.content.decode()
    assert (
        Client().post(guest_url(consultation, token), answer_data(consultation, "x")).status_code
        == 404
    )
    assert consultation.answers.count() == 0


def test_the_link_of_another_events_registration_is_refused(consultation):
    other = register(factories.EventFactory())
    response = Client().post(guest_url(consultation, other.token), answer_data(consultation, "x"))
    assert response.status_code == 404
    assert consultation.answers.count() == 0


def test_a_standalone_consultation_is_answered_by_any_member(standalone, bob, charlie):
    for person, text in ((bob, "Bob's view."), (charlie, "Charlie's view.")):
        response = login(person).post(detail_url(standalone), answer_data(standalone, text))
        assert response.status_code == 302
    assert sorted(standalone.answers.values_list("user__name", "text")) == [
        ("Bob", "Bob's view."), ("Charlie", "Charlie's view."),
    ]  # fmt: skip
    assert not standalone.answers.filter(registration__isnull=False).exists()


def test_a_standalone_consultation_has_no_guest_link(standalone, event):
    registration = register(event)
    response = Client().post(
        guest_url(standalone, registration.token), answer_data(standalone, "x")
    )
    assert response.status_code == 404
    assert standalone.answers.count() == 0


def test_anonymous_visitor_signs_in_for_a_standalone_consultation(standalone):
    page = Client().get(detail_url(standalone))
    assert page.context["reason"] == "sign_in"
    assert Client().post(detail_url(standalone), answer_data(standalone, "x")).status_code == 403


def test_a_draft_is_hidden_from_everyone_but_its_organizers(event, alice, bob):
    draft = make_consultation(event=event, status=Consultation.Status.DRAFT)
    assert Client().get(detail_url(draft)).status_code == 404
    assert login(bob).get(detail_url(draft)).status_code == 404
    page = login(alice).get(detail_url(draft))
    assert page.status_code == 200
    assert "Draft: only the organizers see this page." in page.content.decode()


def test_the_consultation_of_an_unpublished_event_is_hidden(alice):
    event = factories.EventFactory(status="draft", organizer=alice.edited_organizations.get())
    consultation = make_consultation(event=event)
    assert Client().get(detail_url(consultation)).status_code == 404
    assert login(alice).get(detail_url(consultation)).status_code == 200


# ---- saving and changing ----------------------------------------------------------------


def test_saving_again_replaces_the_answers(consultation, dora, dora_registration):
    client = login(dora)
    client.post(detail_url(consultation), answer_data(consultation, "First.", "Second."))
    first = consultation.answers.get(question__order=1)
    page = client.get(detail_url(consultation))
    # The form shows what was saved.
    assert "First." in page.content.decode()
    client.post(detail_url(consultation), answer_data(consultation, "First, revised.", ""))
    # One answer per question; the blank one removed; the changed one is the same row.
    assert texts_of(consultation) == [("Question 1?", "First, revised.")]
    assert consultation.answers.get().pk == first.pk


def test_one_answer_per_respondent_per_question_in_the_database(consultation, dora_registration):
    question = consultation.questions.first()
    fields = {"consultation": consultation, "question": question,
              "registration": dora_registration, "user": dora_registration.user}  # fmt: skip
    Answer.objects.create(text="One.", **fields)
    with pytest.raises(IntegrityError):
        Answer.objects.create(text="Two.", **fields)


def test_one_answer_per_account_per_question_in_the_database(standalone, bob):
    question = standalone.questions.first()
    Answer.objects.create(consultation=standalone, question=question, user=bob, text="One.")
    with pytest.raises(IntegrityError):
        Answer.objects.create(consultation=standalone, question=question, user=bob, text="Two.")


def test_two_submissions_make_one_answer_each(consultation, dora, dora_registration):
    client = login(dora)
    for _ in range(2):
        client.post(detail_url(consultation), answer_data(consultation, "Same.", "Same too."))
    assert consultation.answers.count() == 2


def test_empty_answers_are_refused_and_nothing_saved_is_lost(consultation, dora, dora_registration):
    client = login(dora)
    client.post(detail_url(consultation), answer_data(consultation, "Kept.", "Kept too."))
    response = client.post(detail_url(consultation), answer_data(consultation, "  ", "\r\n"))
    assert response.status_code == 400
    assert "Write an answer to at least one question." in response.content.decode()
    assert texts_of(consultation) == [("Question 1?", "Kept."), ("Question 2?", "Kept too.")]


def test_a_post_without_any_field_is_refused(consultation, dora, dora_registration):
    response = login(dora).post(detail_url(consultation), {})
    assert response.status_code == 400
    assert consultation.answers.count() == 0


def test_too_long_an_answer_is_refused_with_the_text_kept(consultation, dora, dora_registration):
    client = login(dora)
    client.post(detail_url(consultation), answer_data(consultation, "Saved before."))
    long_text = "x" * (ANSWER_MAX_LENGTH + 1)
    response = client.post(detail_url(consultation), answer_data(consultation, "New.", long_text))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Ensure this value has at most 10000 characters" in body
    assert long_text in body  # shown back in its text area, to be shortened
    assert texts_of(consultation) == [("Question 1?", "Saved before.")]


def test_an_answer_of_the_maximum_length_counts_line_breaks_once(
    consultation, dora, dora_registration
):
    text = ("a" * 99 + "\r\n") * (ANSWER_MAX_LENGTH // 100)  # 10 000 characters once CRLF → LF
    response = login(dora).post(detail_url(consultation), answer_data(consultation, text))
    assert response.status_code == 302
    assert len(consultation.answers.get().text) == ANSWER_MAX_LENGTH - 1  # last break stripped


def test_hostile_input_is_kept_as_text_and_shown_escaped(consultation, dora, dora_registration):
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)> =cmd|"/c calc"!A1'
    client = login(dora)
    client.post(detail_url(consultation), answer_data(consultation, hostile))
    assert consultation.answers.get().text == hostile
    body = client.get(detail_url(consultation)).content.decode()
    assert "<script>alert" not in body
    assert "<img src=x" not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body


def test_a_null_character_is_refused(consultation, dora, dora_registration):
    response = login(dora).post(detail_url(consultation), answer_data(consultation, "a\x00b"))
    assert response.status_code == 400
    assert consultation.answers.count() == 0


def test_answers_to_questions_of_another_consultation_are_ignored(
    consultation, dora, dora_registration
):
    other = make_consultation(event=consultation.event)
    data = {**answer_data(consultation, "Mine."), **answer_data(other, "Smuggled.")}
    login(dora).post(detail_url(consultation), data)
    assert texts_of(consultation) == [("Question 1?", "Mine.")]
    assert other.answers.count() == 0


# ---- closed -----------------------------------------------------------------------------


def test_a_closed_consultation_refuses_answers_and_shows_the_text_back(
    consultation, dora, dora_registration
):
    client = login(dora)
    client.post(detail_url(consultation), answer_data(consultation, "Given while open."))
    consultation.status = Consultation.Status.CLOSED
    consultation.save(update_fields=["status"])
    page = client.get(detail_url(consultation))
    assert page.context["form"] is None
    body = page.content.decode()
    assert "This consultation is closed" in body
    assert "Given while open." in body  # the respondent still reads their answers
    response = client.post(detail_url(consultation), answer_data(consultation, "Too late."))
    assert response.status_code == 409
    assert "Too late." in response.content.decode()  # not lost: shown back to copy
    assert texts_of(consultation) == [("Question 1?", "Given while open.")]


def test_past_its_closing_time_a_consultation_refuses_answers(event, dora):
    register(event, user=dora)
    ended = make_consultation(event=event, closes_at=timezone.now() - datetime.timedelta(hours=1))
    response = login(dora).post(detail_url(ended), answer_data(ended, "Too late."))
    assert response.status_code == 409
    assert ended.answers.count() == 0


def test_before_its_opening_time_a_consultation_refuses_answers(event, dora):
    register(event, user=dora)
    early = make_consultation(event=event, opens_at=timezone.now() + datetime.timedelta(days=2))
    page = login(dora).get(detail_url(early))
    assert "does not take answers yet" in page.content.decode()
    assert login(dora).post(detail_url(early), answer_data(early, "Early.")).status_code == 409


def test_closed_between_showing_the_form_and_saving(consultation, dora_registration):
    # The page was loaded while open; the domain reads the state again under the lock.
    Consultation.objects.filter(pk=consultation.pk).update(status=Consultation.Status.CLOSED)
    respondent = domain.Respondent(user=dora_registration.user, registration=dora_registration)
    question = consultation.questions.first()
    with pytest.raises(domain.ConsultationClosed):
        domain.save_answers(
            consultation=consultation, respondent=respondent, texts={question.pk: "Late."}
        )
    assert consultation.answers.count() == 0


def test_answers_survive_the_erasure_of_the_account(standalone, bob):
    login(bob).post(detail_url(standalone), answer_data(standalone, "Still useful."))
    bob.delete()
    answer = standalone.answers.get()
    assert (answer.user, answer.text, answer.respondent_name) == (None, "Still useful.", "(erased)")


def test_consultation_page_queries_do_not_grow_with_questions(event, dora):
    register(event, user=dora)
    client = login(dora)
    few = make_consultation(event=event, questions=1)
    client.post(detail_url(few), answer_data(few, "One."))
    many = make_consultation(event=event, questions=8)
    client.post(detail_url(many), answer_data(many, *[f"Answer {n}." for n in range(8)]))
    assert count_queries(client, detail_url(many)) == count_queries(client, detail_url(few))
