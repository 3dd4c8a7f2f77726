"""The review workflow: every step × persona, e-mails in each person's language, double clicks."""

import datetime

import pytest
from django.core import mail
from django.test import Client

from intercambio.practices.models import Practice, Transition
from tests import factories
from tests.conftest import login

Status = Practice.Status


@pytest.fixture
def practice(organization, network):
    practice = factories.PracticeFactory(organization=organization, slug="bike-lanes")
    practice.networks.add(network)
    return practice


def persona_client(request, persona: str) -> Client:
    if persona == "visitor":
        return Client()
    return login(request.getfixturevalue(persona))


def post_step(client: Client, practice: Practice, action: str, **data):
    return client.post(f"/en/practices/{practice.slug}/{action}/", data)


# persona → (HTTP status, status the practice ends in), for each step from its starting status.
STEPS = [
    ("submit", Status.DRAFT, {
        "alice": (302, Status.SUBMITTED), "charlie": (403, Status.DRAFT),
        "secretariat": (403, Status.DRAFT), "visitor": (302, Status.DRAFT),
    }),
    ("submit", Status.CHANGES_REQUESTED, {
        "alice": (302, Status.SUBMITTED), "charlie": (403, Status.CHANGES_REQUESTED),
        "secretariat": (403, Status.CHANGES_REQUESTED), "visitor": (302, Status.CHANGES_REQUESTED),
    }),
    ("request-changes", Status.SUBMITTED, {
        "alice": (403, Status.SUBMITTED), "charlie": (403, Status.SUBMITTED),
        "secretariat": (302, Status.CHANGES_REQUESTED), "visitor": (302, Status.SUBMITTED),
    }),
    ("publish", Status.SUBMITTED, {
        "alice": (403, Status.SUBMITTED), "charlie": (403, Status.SUBMITTED),
        "secretariat": (302, Status.PUBLISHED), "visitor": (302, Status.SUBMITTED),
    }),
    ("archive", Status.PUBLISHED, {
        "alice": (403, Status.PUBLISHED), "charlie": (403, Status.PUBLISHED),
        "secretariat": (302, Status.ARCHIVED), "visitor": (302, Status.PUBLISHED),
    }),
]  # fmt: skip


@pytest.mark.parametrize("persona", ["alice", "charlie", "secretariat", "visitor"])
@pytest.mark.parametrize(("action", "start", "expected"), STEPS)
def test_workflow_step_by_persona(request, practice, persona, action, start, expected):
    Practice.objects.filter(pk=practice.pk).update(status=start)
    response = post_step(persona_client(request, persona), practice, action, note="Add numbers.")
    code, final = expected[persona]
    assert response.status_code == code
    if persona == "visitor":
        assert "/accounts/login/" in response.url
    practice.refresh_from_db()
    assert practice.status == final
    assert Transition.objects.filter(practice=practice).count() == (1 if final != start else 0)


@pytest.mark.parametrize("persona", ["alice", "charlie", "secretariat", "visitor"])
def test_feature_by_persona(request, practice, persona):
    Practice.objects.filter(pk=practice.pk).update(status=Status.PUBLISHED)
    post_step(persona_client(request, persona), practice, "feature")
    practice.refresh_from_db()
    assert practice.featured == (persona == "secretariat")


def test_staff_can_take_every_step(practice, staff):
    client = login(staff)
    for action, expected in [("submit", Status.SUBMITTED), ("publish", Status.PUBLISHED),
                             ("archive", Status.ARCHIVED)]:  # fmt: skip
        assert post_step(client, practice, action).status_code == 302
        practice.refresh_from_db()
        assert practice.status == expected


def test_secretariat_of_another_network_cannot_review(practice):
    other = factories.UserFactory(email="sec@uclg.example")
    factories.NetworkFactory(slug="uclg").secretariat.add(other)
    Practice.objects.filter(pk=practice.pk).update(status=Status.SUBMITTED)
    assert post_step(login(other), practice, "publish").status_code == 403


def test_full_review_cycle_emails_each_person_in_their_language(practice, alice, secretariat):
    alice.preferred_language = "pt-br"
    alice.save(update_fields=["preferred_language"])
    secretariat.preferred_language = "es"
    secretariat.save(update_fields=["preferred_language"])

    post_step(login(alice), practice, "submit")
    assert [m.to for m in mail.outbox] == [[secretariat.email]]
    assert mail.outbox[0].subject == f"Práctica para revisar: {practice}"
    assert f"/es/practices/{practice.slug}/" in mail.outbox[0].body

    mail.outbox.clear()
    post_step(login(secretariat), practice, "request-changes", note="Faltan los resultados.")
    assert [m.to for m in mail.outbox] == [[alice.email]]
    assert "Faltan los resultados." in mail.outbox[0].body
    assert mail.outbox[0].subject.startswith("Alterações solicitadas")

    mail.outbox.clear()
    post_step(login(alice), practice, "submit")
    post_step(login(secretariat), practice, "publish")
    practice.refresh_from_db()
    assert practice.status == Status.PUBLISHED
    assert practice.published_at is not None
    assert practice.revalidate_by == (practice.published_at + datetime.timedelta(days=365)).date()
    assert [m.subject.split(":")[0] for m in mail.outbox] == ["Práctica para revisar", "Publicada"]
    steps = list(practice.transitions.order_by("at", "id").values_list("to_status", "note"))
    assert steps == [
        (Status.SUBMITTED, ""), (Status.CHANGES_REQUESTED, "Faltan los resultados."),
        (Status.SUBMITTED, ""), (Status.PUBLISHED, ""),
    ]  # fmt: skip


def test_request_changes_without_a_note_changes_nothing(practice, secretariat):
    Practice.objects.filter(pk=practice.pk).update(status=Status.SUBMITTED)
    response = login(secretariat).post(
        f"/pt-br/practices/{practice.slug}/request-changes/", {"note": ""}, follow=True
    )
    assert "Escreva uma nota" in response.content.decode()
    practice.refresh_from_db()
    assert practice.status == Status.SUBMITTED


def test_double_click_on_submit_acts_once_and_answers_409(practice, alice):
    client = login(alice)
    assert post_step(client, practice, "submit").status_code == 302
    second = client.post(f"/es/practices/{practice.slug}/submit/")
    assert second.status_code == 409
    assert "no se aplicó" in second.content.decode()
    assert practice.transitions.count() == 1


def test_feature_on_an_unpublished_practice_is_a_conflict(practice, secretariat):
    Practice.objects.filter(pk=practice.pk).update(status=Status.SUBMITTED)
    assert post_step(login(secretariat), practice, "feature").status_code == 409
    practice.refresh_from_db()
    assert practice.featured is False


def test_unknown_step_is_404(practice, alice):
    assert post_step(login(alice), practice, "delete-everything").status_code == 404


@pytest.mark.parametrize(
    ("persona", "status", "code"),
    [
        ("visitor", Status.DRAFT, 404), ("bob", Status.SUBMITTED, 404),
        ("charlie", Status.CHANGES_REQUESTED, 404), ("alice", Status.DRAFT, 200),
        ("secretariat", Status.SUBMITTED, 200), ("visitor", Status.PUBLISHED, 200),
        ("visitor", Status.ARCHIVED, 404), ("alice", Status.ARCHIVED, 200),
    ],
)  # fmt: skip
def test_who_sees_a_practice_in_each_status(request, practice, persona, status, code):
    Practice.objects.filter(pk=practice.pk).update(status=status)
    assert (
        persona_client(request, persona).get(f"/en/practices/{practice.slug}/").status_code == code
    )


@pytest.mark.parametrize(
    ("status", "alice_may_edit"),
    [(Status.DRAFT, True), (Status.SUBMITTED, False), (Status.CHANGES_REQUESTED, True),
     (Status.PUBLISHED, True), (Status.ARCHIVED, False)],
)  # fmt: skip
def test_owner_editor_edits_only_outside_review(practice, alice, charlie, secretariat, status,
                                                alice_may_edit):  # fmt: skip
    Practice.objects.filter(pk=practice.pk).update(status=status)
    url = f"/en/practices/{practice.slug}/edit/"
    assert login(alice).get(url).status_code == (200 if alice_may_edit else 403)
    assert login(charlie).get(url).status_code == 403
    assert login(secretariat).get(url).status_code == 200
    assert Client().get(url).status_code == 302


def test_revalidation_reminder_is_sent_once_per_due_date(practice, alice):
    from intercambio.practices.domain import confirm_still_running, send_revalidation_reminders

    Practice.objects.filter(pk=practice.pk).update(
        status=Status.PUBLISHED, revalidate_by=datetime.date(2026, 1, 10)
    )
    assert send_revalidation_reminders(today=datetime.date(2026, 1, 9)) == 0
    assert send_revalidation_reminders(today=datetime.date(2026, 1, 10)) == 1
    assert [m.to for m in mail.outbox] == [[alice.email]]
    assert send_revalidation_reminders(today=datetime.date(2026, 1, 11)) == 0
    practice.refresh_from_db()
    confirm_still_running(practice=practice, by=alice)
    practice.refresh_from_db()
    assert practice.revalidate_by > datetime.date(2026, 11, 1)
