"""Who may see and do what in the library: every view × every persona, with its effect.

Personas: alice (editor of the owner, canoas), bob (signed in, no role), charlie (editor of an
organization in no shared network), secretariat (of mercociudades, canoas's network),
other_secretariat (of a network canoas is not in), staff, visitor (anonymous).
"""

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from intercambio.library.models import LessonCompletion, Resource, ResourceFile, Transition
from tests import factories
from tests.conftest import login

Status = Resource.Status
PERSONAS = ("alice", "bob", "charlie", "secretariat", "other_secretariat", "staff", "visitor")
LOGIN = "login"  # a redirect to the sign-in page


@pytest.fixture
def other_secretariat(db):
    """The secretariat of a network canoas does not belong to."""
    user = factories.UserFactory(email="sec@uclg.example", name="Other secretariat")
    factories.NetworkFactory(slug="uclg", name_en="UCLG").secretariat.add(user)
    return user


@pytest.fixture
def module(organization):
    """A training module of canoas with one lesson, a readable Spanish file and a Portuguese
    one whose reading failed."""
    resource = factories.ResourceFactory(
        organization=organization, slug="open-data-course", kind=Resource.Kind.TRAINING,
        title_en="Open data course", languages="|en|es|pt-br|",
    )  # fmt: skip
    factories.LessonFactory(resource=resource, position=1, title_en="Why open data")
    text = "Los datos abiertos permiten a la ciudadanía controlar la gestión pública. " * 5
    for language, state, failure in [("es", "ready", ""), ("pt-br", "failed", "internal")]:
        ResourceFile.objects.create(
            resource=resource, language=language, file=ContentFile(text.encode(), name="c.txt"),
            original_name=f"curso-{language}.txt", content_type="text/plain", size=len(text),
            state=state, failure=failure, excerpt=text if state == "ready" else "",
        )  # fmt: skip
    return resource


def persona_client(request, persona: str) -> Client:
    if persona == "visitor":
        return Client()
    return login(request.getfixturevalue(persona))


def assert_outcome(response, expected, path: str) -> None:
    """`expected` is an HTTP status, or LOGIN: sent to sign in, and back here afterwards."""
    if expected == LOGIN:
        assert (response.status_code, response.url) == (302, f"/en/accounts/login/?next={path}")
    else:
        assert response.status_code == expected


def expect(alice, bob, charlie, secretariat, other_secretariat, staff, visitor) -> dict:
    return dict(zip(PERSONAS, (alice, bob, charlie, secretariat, other_secretariat, staff,
                               visitor), strict=True))  # fmt: skip


# Who may only see published resources get a 404 elsewhere: a draft does not exist for them.
SEE_ANY_STATUS = expect(200, 404, 404, 200, 404, 200, 404)
SEE_PUBLISHED = expect(200, 200, 200, 200, 200, 200, 200)

# (case, method, path, status of the resource, expected HTTP status per persona)
PAGES = [
    ("list", "get", "/en/library/", Status.PUBLISHED, SEE_PUBLISHED),
    ("detail-draft", "get", "/en/library/{slug}/", Status.DRAFT, SEE_ANY_STATUS),
    ("detail-submitted", "get", "/en/library/{slug}/", Status.SUBMITTED, SEE_ANY_STATUS),
    ("detail-changes-requested", "get", "/en/library/{slug}/", Status.CHANGES_REQUESTED,
     SEE_ANY_STATUS),
    ("detail-published", "get", "/en/library/{slug}/", Status.PUBLISHED, SEE_PUBLISHED),
    ("detail-archived", "get", "/en/library/{slug}/", Status.ARCHIVED, SEE_ANY_STATUS),
    ("download-draft", "get", "/en/library/{slug}/files/es/", Status.DRAFT, SEE_ANY_STATUS),
    ("download-published", "get", "/en/library/{slug}/files/es/", Status.PUBLISHED,
     SEE_PUBLISHED),
    ("file-states-draft", "get", "/en/library/{slug}/files/states/", Status.DRAFT,
     SEE_ANY_STATUS),
    ("create", "get", "/en/library/new/", Status.DRAFT,
     expect(200, 403, 200, 403, 403, 200, LOGIN)),
    # The owner's editors leave a resource alone while it is reviewed, and once archived.
    ("edit-draft", "get", "/en/library/{slug}/edit/", Status.DRAFT,
     expect(200, 403, 403, 200, 403, 200, LOGIN)),
    ("edit-submitted", "get", "/en/library/{slug}/edit/", Status.SUBMITTED,
     expect(403, 403, 403, 200, 403, 200, LOGIN)),
    ("edit-published", "get", "/en/library/{slug}/edit/", Status.PUBLISHED,
     expect(200, 403, 403, 200, 403, 200, LOGIN)),
    ("edit-archived", "get", "/en/library/{slug}/edit/", Status.ARCHIVED,
     expect(403, 403, 403, 200, 403, 200, LOGIN)),
    ("lessons-draft", "get", "/en/library/{slug}/lessons/", Status.DRAFT,
     expect(200, 403, 403, 200, 403, 200, LOGIN)),
    ("lessons-submitted", "get", "/en/library/{slug}/lessons/", Status.SUBMITTED,
     expect(403, 403, 403, 200, 403, 200, LOGIN)),
    ("mine", "get", "/en/library/mine/", Status.DRAFT,
     expect(200, 200, 200, 200, 200, 200, LOGIN)),
    ("review-queue", "get", "/en/library/review/", Status.SUBMITTED,
     expect(403, 403, 403, 200, 200, 200, LOGIN)),
]  # fmt: skip


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("method", "path", "status", "expected"),
    [case[1:] for case in PAGES], ids=[case[0] for case in PAGES],
)  # fmt: skip
def test_page_by_persona(request, module, persona, method, path, status, expected):
    Resource.objects.filter(pk=module.pk).update(status=status)
    url = path.format(slug=module.slug)
    response = getattr(persona_client(request, persona), method)(url)
    assert_outcome(response, expected[persona], url)


# Workflow steps: (action, status it starts from, (HTTP status, status it ends in) per persona).
OK, DENIED = 302, 403


def step(start: str, to: str, *, alice, secretariat, staff) -> dict:
    """Only the named personas may take the step; bob, charlie and the secretariat of another
    network get a 403, visitors are sent to sign in; nothing changes for any of them."""
    outcome = {"alice": alice, "secretariat": secretariat, "staff": staff}
    return {
        persona: (OK, to) if outcome.get(persona) else (DENIED, start) for persona in PERSONAS
    } | {"visitor": (LOGIN, start)}


STEPS = [
    ("submit", Status.DRAFT,
     step(Status.DRAFT, Status.SUBMITTED, alice=True, secretariat=False, staff=True)),
    ("submit", Status.CHANGES_REQUESTED,
     step(Status.CHANGES_REQUESTED, Status.SUBMITTED, alice=True, secretariat=False, staff=True)),
    ("request-changes", Status.SUBMITTED,
     step(Status.SUBMITTED, Status.CHANGES_REQUESTED, alice=False, secretariat=True, staff=True)),
    ("publish", Status.SUBMITTED,
     step(Status.SUBMITTED, Status.PUBLISHED, alice=False, secretariat=True, staff=True)),
    ("archive", Status.PUBLISHED,
     step(Status.PUBLISHED, Status.ARCHIVED, alice=False, secretariat=True, staff=True)),
]  # fmt: skip


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("action", "start", "expected"), STEPS, ids=[f"{s[0]}-from-{s[1]}" for s in STEPS]
)
def test_workflow_step_by_persona(request, module, persona, action, start, expected):
    Resource.objects.filter(pk=module.pk).update(status=start)
    url = f"/en/library/{module.slug}/{action}/"
    response = persona_client(request, persona).post(url, {"note": "Add numbers."})
    code, final = expected[persona]
    assert_outcome(response, code, url)
    if code == OK:
        assert response.url == f"/en/library/{module.slug}/"
    module.refresh_from_db()
    assert module.status == final
    assert Transition.objects.filter(resource=module).count() == (1 if final != start else 0)


RETRY = [
    # Only moderators read a failed file again; a draft stays invisible to the others.
    (Status.PUBLISHED, expect(DENIED, DENIED, DENIED, OK, DENIED, OK, LOGIN)),
    (Status.DRAFT, expect(DENIED, 404, 404, OK, 404, OK, 404)),
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("status", "expected"), RETRY, ids=["published", "draft"])
def test_file_retry_by_persona(request, module, persona, status, expected):
    Resource.objects.filter(pk=module.pk).update(status=status)
    url = f"/en/library/{module.slug}/files/pt-br/retry/"
    response = persona_client(request, persona).post(url)
    assert_outcome(response, expected[persona], url)
    stored = module.files.get(language="pt-br")
    # The worker runs at once in tests: a retried file was read once more.
    assert stored.attempts == (1 if expected[persona] == OK else 0)
    assert (stored.state == ResourceFile.State.FAILED) == (expected[persona] != OK)


LESSON_DONE = [
    # Anyone signed in who may see the module keeps track of their lessons.
    (Status.PUBLISHED, expect(OK, OK, OK, OK, OK, OK, LOGIN)),
    (Status.DRAFT, expect(OK, 404, 404, OK, 404, OK, LOGIN)),
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("status", "expected"), LESSON_DONE, ids=["published", "draft"])
def test_lesson_done_by_persona(request, module, persona, status, expected):
    Resource.objects.filter(pk=module.pk).update(status=status)
    lesson = module.lessons.get()
    url = f"/en/library/{module.slug}/lessons/{lesson.pk}/done/"
    response = persona_client(request, persona).post(url, {"done": "1"})
    assert_outcome(response, expected[persona], url)
    if expected[persona] == OK:
        assert response.url == f"/en/library/{module.slug}/#lesson-{lesson.pk}"
    assert LessonCompletion.objects.filter(lesson=lesson).count() == (
        1 if expected[persona] == OK else 0
    )


@pytest.mark.parametrize("persona", ["bob", "charlie", "other_secretariat", "visitor"])
def test_edit_post_by_an_outsider_changes_nothing(request, module, persona):
    response = persona_client(request, persona).post(
        f"/en/library/{module.slug}/edit/", {"title": "Hijacked", "kind": "guide"}
    )
    assert response.status_code == (302 if persona == "visitor" else 403)
    module.refresh_from_db()
    assert (module.title_en, module.kind) == ("Open data course", Resource.Kind.TRAINING)


@pytest.mark.parametrize("persona", ["bob", "charlie", "secretariat", "visitor"])
def test_create_post_without_editing_an_organization_saves_nothing(request, organization,
                                                                   persona):  # fmt: skip
    response = persona_client(request, persona).post("/en/library/new/", {
        "organization": organization.pk, "original_language": "en", "kind": "guide",
        "title": "Smuggled", "themes": [factories.theme("open-data").pk], "licence": "cc-by-4.0",
    })  # fmt: skip
    # charlie edits an organization, so he may open the form, but not write for canoas.
    assert response.status_code == {"bob": 403, "charlie": 400, "secretariat": 403,
                                    "visitor": 302}[persona]  # fmt: skip
    assert Resource.objects.count() == 0


def test_mine_lists_only_the_editors_own_organizations(module, alice, charlie, bob):
    assert [r.pk for r in login(alice).get("/en/library/mine/").context["resources"]] == [module.pk]
    assert list(login(charlie).get("/en/library/mine/").context["resources"]) == []
    assert list(login(bob).get("/en/library/mine/").context["resources"]) == []


def test_review_queue_lists_only_the_secretariats_networks(
    module, secretariat, other_secretariat, staff
):
    Resource.objects.filter(pk=module.pk).update(status=Status.SUBMITTED)
    queue = "/en/library/review/"
    assert [r.pk for r in login(secretariat).get(queue).context["items"]] == [module.pk]
    assert [r.pk for r in login(staff).get(queue).context["items"]] == [module.pk]
    assert list(login(other_secretariat).get(queue).context["items"]) == []


def test_a_resource_filed_under_a_network_is_reviewed_by_its_secretariat(module, other_secretariat):
    """Filing a resource under a network (not only membership) makes its secretariat review it."""
    Resource.objects.filter(pk=module.pk).update(
        status=Status.SUBMITTED, network=other_secretariat.secretariat_of.get()
    )
    client = login(other_secretariat)
    assert client.get(f"/en/library/{module.slug}/").status_code == 200
    assert [r.pk for r in client.get("/en/library/review/").context["items"]] == [module.pk]
    assert client.post(f"/en/library/{module.slug}/publish/").status_code == 302
    module.refresh_from_db()
    assert module.status == Status.PUBLISHED


def test_lessons_of_a_resource_that_is_not_a_module_are_404(module, alice):
    Resource.objects.filter(pk=module.pk).update(kind=Resource.Kind.GUIDE)
    assert login(alice).get(f"/en/library/{module.slug}/lessons/").status_code == 404


def test_unknown_step_and_unknown_resource_are_404(module, secretariat):
    client = login(secretariat)
    assert client.post(f"/en/library/{module.slug}/delete-everything/").status_code == 404
    assert client.post("/en/library/no-such-thing/publish/").status_code == 404
    assert client.get("/en/library/no-such-thing/").status_code == 404
    assert client.get(f"/en/library/{module.slug}/files/xx/").status_code == 404


def test_workflow_steps_refuse_get(module, secretariat):
    Resource.objects.filter(pk=module.pk).update(status=Status.SUBMITTED)
    assert login(secretariat).get(f"/en/library/{module.slug}/publish/").status_code == 405
    module.refresh_from_db()
    assert module.status == Status.SUBMITTED
