"""Library pages as visitors, members, editors and the secretariat see them: the list and its
facets, the detail page, training modules, the review workflow and the editor's form."""

import datetime
import json
import re

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from intercambio.library import domain
from intercambio.library.models import Lesson, LessonCompletion, Resource, ResourceFile
from intercambio.practices.models import Practice
from intercambio.taxonomy.models import Theme
from tests import factories
from tests.conftest import count_queries, facet_counts, login
from tests.factories import theme

Status = Resource.Status
LIST = "/en/library/"


def published(**fields) -> Resource:
    return factories.ResourceFactory(status=Status.PUBLISHED, **fields)


def detail_url(resource: Resource) -> str:
    # Explicit: reverse() would follow whatever language an earlier request left active.
    return f"/en/library/{resource.slug}/"


def add_file(resource: Resource, language: str, *, state: str = "ready", excerpt: str = ""):
    """A stored file as the worker leaves it, without running the extraction."""
    content = b"%PDF-1.4 not really read here"
    return ResourceFile.objects.create(
        resource=resource, language=language, file=ContentFile(content, name="doc.pdf"),
        original_name=f"guide-{language}.pdf", content_type="application/pdf",
        size=len(content), state=state, excerpt=excerpt,
    )  # fmt: skip


def listed(response) -> list[str]:
    return [resource.slug for resource in response.context["page"].object_list]


def section(page: str, heading_id: str) -> str:
    """The text of the <section> labelled by `heading_id`, whitespace collapsed."""
    match = re.search(rf'<section aria-labelledby="{heading_id}".*?</section>', page, re.S)
    assert match, heading_id
    return " ".join(match.group(0).split())


def json_ld(page: str) -> dict:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


# --- list and facets ------------------------------------------------------------------------


@pytest.fixture
def catalogue(db):
    """Three published resources, one of each kind of filing, and ones nobody may list."""
    recife = factories.OrganizationFactory(slug="recife", name="Recife")
    montevideo = factories.OrganizationFactory(slug="montevideo", name="Montevideo")
    guide = published(slug="open-data-guide", organization=recife, year=2019,
                      themes=[theme("open-data")])  # fmt: skip
    guide.goals.set([11])
    # Two narrower themes of "governance": counted once under it.
    report = published(slug="participation-report", kind=Resource.Kind.REPORT,
                       organization=recife, themes=[theme("open-government"),
                                                    theme("participation")])  # fmt: skip
    course = published(slug="participation-course", kind=Resource.Kind.TRAINING,
                       organization=montevideo, original_language="es", title_en="",
                       title_es="Curso de participación", languages="|es|pt-br|",
                       themes=[theme("participation")])  # fmt: skip
    course.goals.set([11, 16])
    for status in [Status.DRAFT, Status.SUBMITTED, Status.CHANGES_REQUESTED, Status.ARCHIVED]:
        hidden = factories.ResourceFactory(slug=f"hidden-{status}", organization=montevideo,
                                           status=status, themes=[theme("open-data")])  # fmt: skip
        hidden.goals.set([11])
    return {"guide": guide, "report": report, "course": course}


def test_list_shows_only_published_resources(catalogue):
    response = Client().get(LIST)
    assert response.status_code == 200
    assert sorted(listed(response)) == [
        "open-data-guide", "participation-course", "participation-report"
    ]  # fmt: skip
    assert response.context["page"].paginator.count == 3
    assert "hidden-" not in response.content.decode()


def test_facet_counts_without_filters(catalogue):
    counts = facet_counts(Client().get(LIST))
    assert counts == {
        "kind": {"guide": 1, "report": 1, "training": 1},
        # A broad theme counts the resources filed under its narrower themes, each once.
        "theme": {"open-data": 1, "digital": 1, "open-government": 1, "participation": 2,
                  "governance": 2},
        "sdg": {"11": 2, "16": 1},
        # Readable in Spanish and in Portuguese: counted under both.
        "language": {"en": 2, "es": 1, "pt-br": 1},
        "organization": {"recife": 2, "montevideo": 1},
        "year": {"2019": 1, "2024": 2},
    }  # fmt: skip


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=report", ["participation-report"]),
        ("theme=governance", ["participation-course", "participation-report"]),
        ("theme=participation", ["participation-course", "participation-report"]),
        ("theme=digital", ["open-data-guide"]),
        ("sdg=16", ["participation-course"]),
        ("sdg=11", ["open-data-guide", "participation-course"]),
        ("language=pt-br", ["participation-course"]),
        ("language=es", ["participation-course"]),
        ("language=en", ["open-data-guide", "participation-report"]),
        ("organization=recife", ["open-data-guide", "participation-report"]),
        ("year=2019", ["open-data-guide"]),
        ("year=2024&organization=recife", ["participation-report"]),
        ("theme=governance&language=es&sdg=11", ["participation-course"]),
        ("kind=guide&year=2024", []),
    ],
)
def test_each_filter_and_their_combinations_list_the_matching_resources(catalogue, query, expected):
    response = Client().get(f"{LIST}?{query}")
    assert sorted(listed(response)) == expected
    assert response.context["page"].paginator.count == len(expected)


def test_facets_count_with_the_other_filters(catalogue):
    response = Client().get(f"{LIST}?theme=governance&language=es")
    assert listed(response) == ["participation-course"]
    counts = facet_counts(response)
    # Each facet ignores its own filter, so the other values stay one click away.
    assert counts["language"] == {"en": 1, "es": 1, "pt-br": 1}
    assert counts["theme"] == {"participation": 1, "governance": 1}
    assert counts["kind"] == {"training": 1}
    assert counts["organization"] == {"montevideo": 1}
    selected = {name: [o.value for o in options if o.selected]
                for name, options in response.context["facets"].items()}  # fmt: skip
    assert selected == {"kind": [], "theme": ["governance"], "sdg": [], "language": ["es"],
                        "organization": [], "year": []}  # fmt: skip


def test_no_match_says_so(catalogue):
    page = Client().get(f"{LIST}?kind=guide&year=2024").content.decode()
    assert "No document matches these filters." in page
    assert "0 documents" in page


def test_attaching_a_file_in_another_language_makes_it_findable_in_it(
    settings, organization, alice
):
    # The file is found by its language before the worker reads it: queue, do not run.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    resource = published(organization=organization, slug="english-guide")
    assert listed(Client().get(f"{LIST}?language=es")) == []  # also fills the facet cache
    upload = SimpleUploadedFile("guia.txt", "Una guía para abrir los datos de la ciudad.".encode())
    domain.attach_file(resource=resource, language="es", upload=upload,
                       content_type="text/plain", by=alice)  # fmt: skip
    response = Client().get(f"{LIST}?language=es")
    assert listed(response) == ["english-guide"]
    assert facet_counts(response)["language"] == {"en": 1, "es": 1}
    assert resource.files.get().state == ResourceFile.State.PROCESSING


def test_sort_by_year_puts_the_latest_first_and_undated_last(db):
    for slug, year in [("y2010", 2010), ("undated", None), ("y2024", 2024), ("y2019", 2019)]:
        published(slug=slug, year=year)
    assert listed(Client().get(f"{LIST}?sort=year")) == ["y2024", "y2019", "y2010", "undated"]
    # The default: the latest published first.
    assert listed(Client().get(LIST)) == ["y2019", "y2024", "undated", "y2010"]


@pytest.mark.parametrize(
    "query",
    [
        "year=99999",
        "sdg=99",
        "sdg=0",
        "language=xx",
        "kind=<script>alert(1)</script>",
        "page=abc",
        "page=999999",
        "page=-1",
        "page=99999999999999999999999999",
        "theme=%3Cscript%3Ealert(1)%3C/script%3E&organization=' OR 1=1 --",
        "sort=;DROP TABLE",
        "year=12345678901234567890&sdg=12345678901234567890",
        # Unicode digits pass str.isdigit() but not int() or the database.
        "sdg=%C2%B2",
        "year=%C2%B2%C2%B2%C2%B2%C2%B2",
        "page=%C2%B2",
        "theme=%C2%B2",
        "language=" + "x" * 5000,
    ],
)
def test_hostile_list_parameters_get_a_normal_page(catalogue, query):
    response = Client().get(f"{LIST}?{query}")
    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()


def test_unknown_filter_values_are_ignored(catalogue):
    response = Client().get(f"{LIST}?year=99999&sdg=99&language=xx&kind=<script>")
    assert response.context["active_filters"] == {}
    assert response.context["page"].paginator.count == 3


def test_a_page_beyond_the_end_shows_the_last_one(catalogue):
    response = Client().get(f"{LIST}?page=999999")
    assert response.context["page"].number == 1
    assert len(listed(response)) == 3


@pytest.mark.parametrize(
    "url", [LIST, f"{LIST}?theme=governance&sort=year", f"{LIST}?language=es&sdg=11&page=1"]
)
def test_list_query_count_does_not_grow(db, url):
    def add(n: int) -> None:
        for _ in range(n):
            resource = published(original_language="es", title_es="Guía", languages="|en|es|",
                                 themes=[theme("open-data"), theme("participation")])  # fmt: skip
            resource.goals.set([11, 16])
            add_file(resource, "es")
            add_file(resource, "en")

    add(1)
    with_one = count_queries(Client(), url)
    add(4)
    assert count_queries(Client(), url) == with_one


# --- detail ---------------------------------------------------------------------------------


def full_resource(n: int, organization) -> Resource:
    """A published training module with `n` of everything a detail page shows (files: one per
    language, so at most three), and `n` published resources sharing its themes."""
    narrow = list(Theme.objects.filter(parent__isnull=False).order_by("position")[:n])
    resource = published(kind=Resource.Kind.TRAINING, organization=organization, themes=narrow,
                         authors="Ana Souza, Luis Pérez")  # fmt: skip
    resource.goals.set(range(1, n + 1))
    resource.co_publishers.set([factories.OrganizationFactory() for _ in range(n)])
    resource.related_practices.set(
        [factories.PracticeFactory(status=Practice.Status.PUBLISHED) for _ in range(n)]
    )
    for position in range(1, n + 1):
        factories.LessonFactory(resource=resource, position=position)
    for language in ["es", "pt-br", "en"][:n]:
        add_file(resource, language, excerpt="Texto del documento.")
    for _ in range(n):
        add_file(published(themes=narrow[:1]), "en")
    resource.transitions.create(from_status=Status.SUBMITTED, to_status=Status.PUBLISHED)
    return resource


@pytest.mark.parametrize("persona", ["visitor", "bob", "alice", "secretariat"])
def test_detail_query_count_does_not_grow(request, organization, persona):
    client = Client() if persona == "visitor" else login(request.getfixturevalue(persona))
    one = full_resource(1, organization)
    with_one = count_queries(client, detail_url(one))
    five = full_resource(5, organization)
    assert len(five.files.all()) == 3
    assert count_queries(client, detail_url(five)) == with_one


def test_detail_has_parseable_json_ld_with_one_encoding_per_file(organization):
    resource = published(organization=organization, title_en="Open data guide",
                         languages="|en|es|pt-br|")  # fmt: skip
    add_file(resource, "es")
    add_file(resource, "pt-br")
    data = json_ld(Client().get(detail_url(resource)).content.decode())
    assert data["@type"] == "CreativeWork"
    assert data["name"] == "Open data guide"
    assert sorted(data["inLanguage"]) == ["es", "pt-br"]
    assert sorted((e["inLanguage"], e["contentUrl"]) for e in data["encoding"]) == [
        ("es", f"http://testserver/en/library/{resource.slug}/files/es/"),
        ("pt-br", f"http://testserver/en/library/{resource.slug}/files/pt-br/"),
    ]
    assert data["publisher"] == [{"@type": "Organization", "name": "Canoas"}]


def test_json_ld_type_follows_the_kind_and_drafts_have_none(organization, alice):
    course = published(organization=organization, kind=Resource.Kind.TRAINING)
    data = json_ld(Client().get(detail_url(course)).content.decode())
    assert (data["@type"], data["inLanguage"], data["encoding"]) == ("Course", ["en"], [])
    draft = factories.ResourceFactory(organization=organization)
    assert "application/ld+json" not in login(alice).get(detail_url(draft)).content.decode()


def test_a_hostile_title_does_not_break_out_of_the_json_ld(organization):
    hostile = "</script><script>alert(1)</script>"
    resource = published(organization=organization, title_en=hostile)
    page = Client().get(detail_url(resource)).content.decode()
    assert "<script>alert(1)" not in page
    assert json_ld(page)["name"] == hostile


def test_detail_shows_the_excerpt_of_a_ready_file_and_a_download_link_per_language(
    organization,
):
    resource = published(organization=organization, languages="|en|es|pt-br|")
    add_file(resource, "es", excerpt="Los datos abiertos permiten controlar la gestión.")
    add_file(resource, "pt-br", state="processing", excerpt="Ainda não lido.")
    page = Client().get(detail_url(resource)).content.decode()
    downloads = section(page, "files-heading")
    assert (
        f'<a href="/en/library/{resource.slug}/files/es/" hreflang="es">Download in español'
        in downloads
    )
    assert (f'<a href="/en/library/{resource.slug}/files/pt-br/" hreflang="pt-br">'
            "Download in Português Brasileiro") in downloads  # fmt: skip
    text = section(page, "text-heading")
    assert "Los datos abiertos permiten controlar la gestión." in text
    assert "Ainda não lido." not in page
    assert "Processing: the text is being read." in downloads


def test_download_sends_the_file_under_its_original_name(organization):
    resource = published(organization=organization)
    add_file(resource, "es")
    response = Client().get(f"/en/library/{resource.slug}/files/es/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="guide-es.pdf"'
    assert b"".join(response.streaming_content) == b"%PDF-1.4 not really read here"


def test_related_resources_share_themes_and_say_which(organization):
    resource = published(organization=organization, themes=[theme("open-data"),
                                                           theme("participation")])  # fmt: skip
    published(title_en="Data portal manual", themes=[theme("open-data"), theme("culture")])
    published(title_en="Festival guide", themes=[theme("culture")])
    factories.ResourceFactory(title_en="Draft on data", themes=[theme("open-data")])
    page = Client().get(detail_url(resource)).content.decode()
    related = section(page, "related-heading")
    assert "Data portal manual" in related
    assert "Data portal manual</a> — City" in related
    assert "Shares: Open data</span>" in related
    assert "Festival guide" not in related
    assert "Draft on data" not in related


# --- training modules -----------------------------------------------------------------------


@pytest.fixture
def course(organization) -> Resource:
    course = published(organization=organization, slug="open-data-course",
                       kind=Resource.Kind.TRAINING, title_en="Open data course")  # fmt: skip
    factories.LessonFactory(resource=course, position=2, title_en="Publishing a dataset")
    factories.LessonFactory(resource=course, position=1, title_en="Why open data")
    return course


def lesson_titles(page: str) -> list[str]:
    return re.findall(r'<li id="lesson-\d+">\s*<h3 lang="en">([^<]+)', page)


def test_lessons_are_shown_in_order(course):
    page = Client().get(detail_url(course)).content.decode()
    assert lesson_titles(page) == ["Why open data", "Publishing a dataset"]
    assert "Sign in to keep track of the lessons you finished." in page


def test_a_member_marks_a_lesson_done_once_and_can_undo_it(course, bob):
    client = login(bob)
    first = course.lessons.get(position=1)
    url = f"/en/library/{course.slug}/lessons/{first.pk}/done/"
    assert "0 of 2 lessons done" in client.get(detail_url(course)).content.decode()

    response = client.post(url, {"done": "1"})
    assert response.url == f"/en/library/{course.slug}/#lesson-{first.pk}"
    page = client.get(detail_url(course))
    assert "1 of 2 lessons done" in page.content.decode()
    assert page.context["progress"] == 50
    assert [lesson.done for lesson in page.context["lessons"]] == [True, False]

    client.post(url, {"done": "1"})  # a second click
    assert LessonCompletion.objects.filter(lesson=first, user=bob).count() == 1

    client.post(url, {"done": "0"})
    assert LessonCompletion.objects.filter(lesson=first, user=bob).count() == 0
    assert "0 of 2 lessons done" in client.get(detail_url(course)).content.decode()


def test_progress_is_each_members_own(course, bob, alice):
    first = course.lessons.get(position=1)
    login(bob).post(f"/en/library/{course.slug}/lessons/{first.pk}/done/")
    assert "0 of 2 lessons done" in login(alice).get(detail_url(course)).content.decode()


def test_a_lesson_of_another_module_is_404(course, bob):
    other = factories.LessonFactory(resource=published(kind=Resource.Kind.TRAINING))
    url = f"/en/library/{course.slug}/lessons/{other.pk}/done/"
    assert login(bob).post(url).status_code == 404
    assert LessonCompletion.objects.count() == 0


def lessons_data(*rows, initial: int) -> dict:
    data = {
        "lessons-TOTAL_FORMS": str(len(rows)), "lessons-INITIAL_FORMS": str(initial),
        "lessons-MIN_NUM_FORMS": "0", "lessons-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    for index, row in enumerate(rows):
        data |= {f"lessons-{index}-{name}": value for name, value in row.items()}
    return data


def test_lessons_formset_saves_titles_in_the_chosen_language(course, alice):
    Resource.objects.filter(pk=course.pk).update(status=Status.DRAFT)
    first, second = course.lessons.order_by("position")
    url = f"/en/library/{course.slug}/lessons/?language=es"
    form = login(alice).get(url)
    assert form.status_code == 200
    assert form.context["formset"].prefix == "lessons"
    data = lessons_data(
        {"id": first.pk, "position": "1", "title": "Por qué datos abiertos",
         "body": "Lo que se aprende.", "duration_minutes": "20"},
        {"id": second.pk, "position": "2", "title": "Publicar un conjunto de datos",
         "body": "", "duration_minutes": "25"},
        {"position": "3", "title": "Evaluar", "body": "", "duration_minutes": "10"},
        initial=2,
    )  # fmt: skip
    response = login(alice).post(url, data)
    assert (response.status_code, response.url) == (302, detail_url(course))
    lessons = list(course.lessons.order_by("position").values_list(
        "title_es", "title_en", "duration_minutes"))  # fmt: skip
    assert lessons == [
        ("Por qué datos abiertos", "Why open data", 20),
        ("Publicar un conjunto de datos", "Publishing a dataset", 25),
        ("Evaluar", None, 10),  # no English title: the column stays empty
    ]


def test_a_lesson_without_a_title_is_refused_and_nothing_is_saved(course, alice):
    first, second = course.lessons.order_by("position")
    data = lessons_data(
        {"id": first.pk, "position": "1", "title": "Por qué datos abiertos",
         "duration_minutes": "20"},
        {"id": second.pk, "position": "2", "title": "Publicar", "duration_minutes": "20"},
        {"position": "3", "title": "", "body": "Contenido sin título.",
         "duration_minutes": "15"},
        initial=2,
    )  # fmt: skip
    response = login(alice).post(f"/en/library/{course.slug}/lessons/?language=es", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Give the lesson a title." in page
    assert "Contenido sin título." in page  # what was typed is kept
    assert list(Lesson.objects.filter(resource=course).values_list("title_es", flat=True)) == [
        None,
        None,
    ]
    assert Lesson.objects.filter(resource=course).count() == 2


# --- workflow -------------------------------------------------------------------------------


@pytest.fixture
def draft(organization) -> Resource:
    return factories.ResourceFactory(organization=organization, slug="budget-guide",
                                     title_en="Budget guide")  # fmt: skip


def post_step(client: Client, resource: Resource, action: str, language: str = "en", **data):
    return client.post(f"/{language}/library/{resource.slug}/{action}/", data)


def test_submit_emails_the_secretariat_in_their_language(draft, alice, secretariat):
    secretariat.preferred_language = "es"
    secretariat.save(update_fields=["preferred_language"])
    factories.NetworkFactory(slug="uclg").secretariat.add(factories.UserFactory())

    response = post_step(login(alice), draft, "submit")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    assert draft.submitted_at is not None
    assert [m.to for m in mail.outbox] == [[secretariat.email]]
    # The subject as the Spanish catalogue has it (the English one while untranslated).
    with translation.override("es"):
        subject = gettext("Document to review: %(title)s") % {"title": "Budget guide"}
    assert mail.outbox[0].subject == subject
    assert "Budget guide" in mail.outbox[0].subject
    assert f"/es/library/{draft.slug}/" in mail.outbox[0].body
    assert "/es/library/review/" in mail.outbox[0].body


def test_publish_makes_it_public_and_emails_the_editors(draft, alice, secretariat, bob):
    alice.preferred_language = "pt-br"
    alice.save(update_fields=["preferred_language"])
    Resource.objects.filter(pk=draft.pk).update(status=Status.SUBMITTED)
    assert Client().get(detail_url(draft)).status_code == 404

    assert post_step(login(secretariat), draft, "publish").status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    assert draft.published_at is not None
    assert [m.to for m in mail.outbox] == [[alice.email]]
    assert "Budget guide" in mail.outbox[0].subject
    assert f"/pt-br/library/{draft.slug}/" in mail.outbox[0].body
    assert Client().get(detail_url(draft)).status_code == 200
    assert listed(login(bob).get(LIST)) == [draft.slug]


def test_request_changes_without_a_note_changes_nothing(draft, secretariat):
    Resource.objects.filter(pk=draft.pk).update(status=Status.SUBMITTED)
    response = login(secretariat).post(
        f"/es/library/{draft.slug}/request-changes/", {"note": ""}, follow=True
    )
    assert response.redirect_chain == [(f"/es/library/{draft.slug}/", 302)]
    assert "Escriba una nota para indicar a los editores qué deben cambiar." in (
        response.content.decode()
    )
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    assert draft.transitions.count() == 0
    assert mail.outbox == []


def test_request_changes_sends_the_note_to_the_editors(draft, alice, secretariat):
    Resource.objects.filter(pk=draft.pk).update(status=Status.SUBMITTED)
    response = post_step(login(secretariat), draft, "request-changes", note="Add the year.")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.CHANGES_REQUESTED
    assert list(draft.transitions.values_list("to_status", "note")) == [
        (Status.CHANGES_REQUESTED, "Add the year.")
    ]
    assert [m.to for m in mail.outbox] == [[alice.email]]
    assert "Add the year." in mail.outbox[0].body
    # The editors see the note on the page.
    assert "Add the year." in login(alice).get(detail_url(draft)).content.decode()


def test_a_second_click_on_publish_is_a_conflict_that_explains_itself(draft, alice, secretariat):
    Resource.objects.filter(pk=draft.pk).update(status=Status.SUBMITTED)
    client = login(secretariat)
    assert post_step(client, draft, "publish").status_code == 302
    second = post_step(client, draft, "publish")
    assert second.status_code == 409
    page = second.content.decode()
    assert "This step was not applied" in page
    assert "the button was pressed twice. Nothing was lost." in page
    assert f'<a href="/en/library/{draft.slug}/" lang="en">Back to “Budget guide”</a>' in page
    assert draft.transitions.count() == 1
    assert len(mail.outbox) == 1


def test_archive_hides_it_from_the_list_and_its_counts(draft, secretariat, alice):
    Resource.objects.filter(pk=draft.pk).update(status=Status.PUBLISHED)
    before = Client().get(LIST)  # the facet counts are cached now
    assert listed(before) == [draft.slug]
    assert post_step(login(secretariat), draft, "archive").status_code == 302
    after = Client().get(LIST)
    assert listed(after) == []
    assert after.context["page"].paginator.count == 0
    assert facet_counts(after)["kind"] == {}
    assert Client().get(detail_url(draft)).status_code == 404
    assert login(alice).get(detail_url(draft)).status_code == 200


# --- mine and the review queue --------------------------------------------------------------


def test_mine_and_queue_query_counts_do_not_grow(organization, alice, secretariat):
    def add(n: int) -> None:
        for _ in range(n):
            resource = factories.ResourceFactory(organization=organization,
                                                 status=Status.SUBMITTED,
                                                 submitted_at=datetime.datetime.now(datetime.UTC))  # fmt: skip
            add_file(resource, "en")
            add_file(resource, "es", state="failed")

    add(1)
    counts = (count_queries(login(alice), "/en/library/mine/"),
              count_queries(login(secretariat), "/en/library/review/"))  # fmt: skip
    add(4)
    assert (count_queries(login(alice), "/en/library/mine/"),
            count_queries(login(secretariat), "/en/library/review/")) == counts  # fmt: skip
    assert len(login(secretariat).get("/en/library/review/").context["items"]) == 5


def test_review_queue_is_oldest_first(organization, secretariat):
    now = datetime.datetime.now(datetime.UTC)
    for slug, days in [("recent", 1), ("oldest", 30), ("middle", 7)]:
        factories.ResourceFactory(organization=organization, slug=slug, status=Status.SUBMITTED,
                                  submitted_at=now - datetime.timedelta(days=days))  # fmt: skip
    items = login(secretariat).get("/en/library/review/").context["items"]
    assert [item.slug for item in items] == ["oldest", "middle", "recent"]


# --- editor form ----------------------------------------------------------------------------


def form_data(**overrides) -> dict:
    data = {
        "kind": "guide", "title": "Open data guide", "description": "What it is for.",
        "audience": "", "authors": "Ana Souza", "year": "2024", "network": "", "body": "",
        "themes": [theme("open-data").pk], "goals": [], "licence": "cc-by-4.0",
        "external_url": "", "co_publishers": [], "related_practices": [],
    }  # fmt: skip
    data.update(overrides)
    return data


def test_editing_the_spanish_version_keeps_the_english_one(draft, alice):
    url = f"/en/library/{draft.slug}/edit/?language=es"
    form = login(alice).get(url)
    assert form.status_code == 200
    assert form.context["form"]["title"].value() is None  # nothing written in Spanish yet
    response = login(alice).post(url, form_data(title="Guía del presupuesto",
                                                 description="Para qué sirve."))  # fmt: skip
    assert (response.status_code, response.url) == (302, detail_url(draft))
    draft.refresh_from_db()
    assert (draft.title_es, draft.description_es) == ("Guía del presupuesto", "Para qué sirve.")
    assert (draft.title_en, draft.description_en) == ("Budget guide", "What the guide is for.")
    assert draft.original_language == "en"


def test_a_link_without_its_address_is_refused_and_the_form_is_kept(draft, alice):
    data = form_data(kind="link", title="Portal de datos", authors="Luis Pérez")
    response = login(alice).post(f"/en/library/{draft.slug}/edit/", data)
    assert response.status_code == 400
    assert response.context["form"].errors["external_url"] == ["A link needs its address."]
    page = response.content.decode()
    assert 'value="Portal de datos"' in page
    assert 'value="Luis Pérez"' in page
    draft.refresh_from_db()
    assert (draft.kind, draft.title_en, draft.authors) == ("guide", "Budget guide", "")


def test_a_body_of_another_network_is_refused(draft, alice, network):
    elsewhere = factories.BodyFactory(network=factories.NetworkFactory(slug="uclg"))
    data = form_data(network=network.pk, body=elsewhere.pk, title="Typed title")
    response = login(alice).post(f"/en/library/{draft.slug}/edit/", data)
    assert response.status_code == 400
    assert response.context["form"].errors["body"] == ["Choose a body of the network above."]
    assert 'value="Typed title"' in response.content.decode()
    draft.refresh_from_db()
    assert (draft.network, draft.body) == (None, None)

    own = factories.BodyFactory(network=network)
    ok = login(alice).post(f"/en/library/{draft.slug}/edit/",
                           form_data(network=network.pk, body=own.pk))  # fmt: skip
    assert ok.status_code == 302
    draft.refresh_from_db()
    assert (draft.network, draft.body) == (network, own)


def test_a_new_link_without_its_address_saves_nothing(organization, alice):
    data = form_data(organization=organization.pk, original_language="es", kind="link",
                     title="Portal de datos abiertos")  # fmt: skip
    response = login(alice).post("/en/library/new/", data)
    assert response.status_code == 400
    assert response.context["form"].errors["external_url"] == ["A link needs its address."]
    assert 'value="Portal de datos abiertos"' in response.content.decode()
    assert Resource.objects.count() == 0

    data["external_url"] = "https://datos.example/portal"
    assert login(alice).post("/en/library/new/", data).status_code == 302
    resource = Resource.objects.get()
    assert (resource.title_es, resource.title_en, resource.original_language, resource.status) == (
        "Portal de datos abiertos", None, "es", Status.DRAFT
    )  # fmt: skip
    assert resource.languages == "|es|"


def test_published_practices_can_be_linked_and_drafts_cannot(draft, alice):
    practice = factories.PracticeFactory(status=Practice.Status.PUBLISHED, title_en="Bike lanes")
    unpublished = factories.PracticeFactory(title_en="Secret plan")
    url = f"/en/library/{draft.slug}/edit/"
    refused = login(alice).post(url, form_data(related_practices=[unpublished.pk]))
    assert refused.status_code == 400
    assert list(refused.context["form"].errors) == ["related_practices"]

    response = login(alice).post(url, form_data(related_practices=[practice.pk]))
    assert response.status_code == 302
    assert list(draft.related_practices.all()) == [practice]
    Resource.objects.filter(pk=draft.pk).update(status=Status.PUBLISHED)
    related = section(Client().get(detail_url(draft)).content.decode(), "related-heading")
    assert f'Good practice: <a href="/en/practices/{practice.slug}/" lang="en">Bike lanes</a>' in (
        related
    )
