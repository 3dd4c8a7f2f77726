"""Practice pages as a visitor and an editor see them: facets, versions, feed, forms, files."""

import io
import json
import re
import zipfile

import feedparser
import pytest
from django.core import mail
from django.test import Client

from intercambio.practices.models import Attachment, Practice
from tests import factories
from tests.conftest import count_queries, login
from tests.factories import theme

Status = Practice.Status


def published(**fields) -> Practice:
    return factories.PracticeFactory(status=Status.PUBLISHED, **fields)


def english_url(practice: Practice) -> str:
    # Explicit: reverse() would follow whatever language an earlier request left active.
    return f"/en/practices/{practice.slug}/"


# --- list, facets, N+1 ----------------------------------------------------------------------


def test_facet_counts_count_each_facet_with_the_other_filters(db):
    br = factories.OrganizationFactory(slug="recife", name="Recife", country="BR")
    uy = factories.OrganizationFactory(slug="montevideo", name="Montevideo", country="UY")
    published(organization=br, themes=[theme("open-data")], start_year=2019)
    published(organization=br, themes=[theme("open-data"), theme("participation")])
    published(organization=uy, themes=[theme("participation")], original_language="es",
              title_es="Presupuesto participativo", title_en="")  # fmt: skip
    factories.PracticeFactory(organization=uy, themes=[theme("open-data")])  # a draft: not counted

    response = Client().get("/en/practices/?country=BR")
    facets = response.context["facets"]
    assert response.context["page"].paginator.count == 2
    by_value = {name: {o.value: o.count for o in options} for name, options in facets.items()}
    # The country facet ignores its own filter, so Uruguay stays one click away.
    assert by_value["country"] == {"BR": 2, "UY": 1}
    assert by_value["theme"] == {"open-data": 2, "participation": 1, "digital": 2, "governance": 1}
    assert by_value["organization"] == {"recife": 2}
    assert by_value["year"] == {"2019": 1}
    assert by_value["language"] == {"en": 2}

    broad = Client().get("/en/practices/?theme=governance")
    assert broad.context["page"].paginator.count == 2


def test_a_practice_follows_its_owners_country(organization, alice):
    practice = published(organization=organization)
    assert practice.country == "BR"
    organization.country = "UY"
    organization.save()
    practice.refresh_from_db()
    assert practice.country == "UY"
    assert Client().get("/en/practices/?country=UY").context["page"].paginator.count == 1


def test_list_shows_the_visitors_language_and_marks_other_languages(db):
    published(original_language="es", title_es="Presupuesto participativo", title_en="",
              summary_es="Resumen.", title_pt_br="Orçamento participativo",
              summary_pt_br="Resumo.")  # fmt: skip
    page = Client().get("/en/practices/").content.decode()
    assert '<a href="/en/practices/' in page
    assert 'lang="es">Presupuesto participativo</a>' in page
    assert "written in Spanish" in page
    page_pt = Client().get("/pt-br/practices/").content.decode()
    assert 'lang="pt-br">Orçamento participativo</a>' in page_pt


@pytest.mark.parametrize(
    "url", ["/en/practices/", "/en/practices/?theme=digital&sort=title", "/en/practices/?sdg=11"]
)
def test_list_query_count_does_not_grow(db, url):
    def add(n: int) -> None:
        for _ in range(n):
            practice = published(themes=[theme("open-data"), theme("participation")])
            practice.goals.set([11, 16])

    add(1)
    with_one = count_queries(Client(), url)
    add(3)
    assert count_queries(Client(), url) == with_one


@pytest.mark.parametrize(
    "query",
    [
        "sdg=99999999999999999999&year=12345678901234&stage=<script>&language=xx",
        "theme=%3Cscript%3Ealert(1)%3C/script%3E&organization=' OR 1=1 --",
        "page=99999999999999999999999&sort=;DROP TABLE",
        "page=-3&country=ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ",
    ],
)
def test_hostile_list_parameters_get_a_normal_page(db, query):
    published(title_en="Open data portal")
    response = Client().get(f"/en/practices/?{query}")
    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()
    feed = Client().get(f"/en/practices/feed/?{query}")
    assert feed.status_code == 200


def test_queue_and_dashboard_query_counts_do_not_grow(network, organization, alice, secretariat):
    def add(n: int) -> None:
        for _ in range(n):
            practice = factories.PracticeFactory(organization=organization, status=Status.SUBMITTED)
            practice.networks.add(network)

    add(1)
    queue = (count_queries(login(secretariat), "/en/practices/review/"),
             count_queries(login(alice), "/en/practices/mine/"))  # fmt: skip
    add(3)
    assert (count_queries(login(secretariat), "/en/practices/review/"),
            count_queries(login(alice), "/en/practices/mine/")) == queue  # fmt: skip


def test_detail_query_count_does_not_grow_with_related_practices(db):
    practice = published(themes=[theme("open-data")])
    published(themes=[theme("open-data")])
    with_one = count_queries(Client(), english_url(practice))
    for _ in range(3):
        published(themes=[theme("open-data")])
    assert count_queries(Client(), english_url(practice)) == with_one


def test_queue_shows_counts_and_age_to_the_secretariat_only(
    network, organization, bob, secretariat
):
    factories.PracticeFactory(organization=organization, status=Status.SUBMITTED,
                              submitted_at="2026-01-01T10:00:00Z").networks.add(network)  # fmt: skip
    page = login(secretariat).get("/en/practices/review/")
    assert page.context["counts"] == {"submitted": 1}
    assert "waiting for review" in page.content.decode()
    assert page.context["items"][0].age_days > 300
    assert login(bob).get("/en/practices/review/").status_code == 403
    assert Client().get("/en/practices/review/").status_code == 302


# --- detail ---------------------------------------------------------------------------------


@pytest.fixture
def spanish_practice(db):
    practice = published(
        original_language="es", title_es="Presupuesto participativo", title_en="Participatory budgeting",
        summary_es="Los vecinos deciden.", summary_en="Residents decide.", actions_es="Asambleas.",
        translation_status={"en": "translated"},
    )  # fmt: skip
    practice.goals.set([16])
    return practice


def test_detail_in_another_language_says_so_and_links_the_original(spanish_practice):
    page = Client().get(english_url(spanish_practice)).content.decode()
    assert "Originally written in Spanish." in page
    assert 'href="?version=es" hreflang="es">Read the original</a>' in page
    assert '<h1 lang="en">Participatory budgeting</h1>' in page
    original = Client().get(english_url(spanish_practice) + "?version=es").content.decode()
    assert '<h1 lang="es">Presupuesto participativo</h1>' in original
    assert "Originally written in" not in original
    assert '<div class="prose" lang="es"><p>Asambleas.</p>' in original
    # A Portuguese reader is told why the page is in Spanish.
    portuguese = Client().get(f"/pt-br/practices/{spanish_practice.slug}/").content.decode()
    assert '<h1 lang="es">Presupuesto participativo</h1>' in portuguese


def test_detail_has_json_ld_creative_work_with_its_language(spanish_practice):
    page = Client().get(english_url(spanish_practice)).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    data = json.loads(block)
    assert data["@type"] == "CreativeWork"
    assert data["inLanguage"] == "en"
    assert data["translationOfWork"] == [
        {"@type": "CreativeWork", "inLanguage": "es", "url": data["url"] + "?version=es"}
    ]
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"


def test_json_ld_cannot_be_closed_by_a_title(db):
    practice = published(title_en="</script><script>alert(1)</script>")
    page = Client().get(english_url(practice)).content.decode()
    assert "<script>alert(1)" not in page


def test_hostile_markdown_is_inert(db):
    practice = published(actions_en=(
        "<script>alert(1)</script>\n\n[click](javascript:alert(2))\n\n"
        '<img src=x onerror="alert(3)">\n\n**kept**'
    ))  # fmt: skip
    page = Client().get(english_url(practice)).content.decode()
    assert "<script>alert(1)" not in page
    assert "javascript:" not in "".join(re.findall(r"<a [^>]*>", page))  # shown as text only
    # Raw HTML is shown as text, never as a tag with a handler.
    assert not re.search(r"<[^>]*onerror", page)
    assert "&lt;img src=x" in page
    assert "<strong>kept</strong>" in page


def test_related_practices_say_what_they_share(spanish_practice):
    other = published(title_en="Open budget data", themes=[theme("open-government")])
    other.goals.set([16])
    published(title_en="Unrelated", themes=[theme("culture")])
    page = Client().get(english_url(spanish_practice)).content.decode()
    related = page.split('id="related-heading"')[1]
    assert "Open budget data" in related
    assert "Unrelated" not in related
    assert "Shares: Open government, SDG 16" in " ".join(related.split())


def test_contact_details_are_never_shown_and_the_form_reaches_the_contact(organization, alice, bob):
    person = factories.PersonFactory(organization=organization, email="hidden@canoas.example",
                                     user=factories.UserFactory(email="deise@canoas.example"))  # fmt: skip
    practice = published(organization=organization, contact=person)
    assert "hidden@canoas.example" not in Client().get(english_url(practice)).content.decode()
    url = f"/en/practices/{practice.slug}/contact/"
    assert "/accounts/login/" in Client().get(url).url
    short = login(bob).post(url, {"message": "Hi"})
    assert short.status_code == 400
    response = login(bob).post(url, {"message": "We would like to visit your team next spring."})
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["deise@canoas.example"]]
    assert mail.outbox[0].reply_to == [bob.email]
    assert "We would like to visit your team next spring." in mail.outbox[0].body


def test_contact_without_a_contact_person_goes_to_the_editors(organization, alice, bob):
    practice = published(organization=organization)
    login(bob).post(f"/en/practices/{practice.slug}/contact/",
                    {"message": "How did you train the staff for this?"})  # fmt: skip
    assert [m.to for m in mail.outbox] == [[alice.email]]


# --- feed -----------------------------------------------------------------------------------


def test_feed_parses_and_follows_the_facet_filters(db):
    published(title_en="Open data portal", themes=[theme("open-data")])
    published(title_en="Cycle lanes", themes=[theme("sustainable-mobility")])
    factories.PracticeFactory(title_en="Draft idea")
    body = Client().get("/en/practices/feed/").content
    feed = feedparser.parse(body)
    assert feed.bozo == 0, feed.bozo_exception
    assert feed.version == "atom10"
    assert sorted(entry.title for entry in feed.entries) == ["Cycle lanes", "Open data portal"]
    filtered = feedparser.parse(Client().get("/en/practices/feed/?theme=open-data").content)
    assert [entry.title for entry in filtered.entries] == ["Open data portal"]


# --- editor form: bad input -----------------------------------------------------------------


def form_data(**overrides) -> dict:
    data = {
        "organization": "", "original_language": "pt-br", "title": "Ônibus elétricos",
        "summary": "A cidade trocou a frota.", "context": "Poluição.", "actions": "Compramos.",
        "results": "Menos CO2.", "lessons": "Planejar a recarga.", "beneficiaries": "Passageiros",
        "themes": [], "goals": ["11"], "tags": "ônibus, clima", "start_year": "2021",
        "stage": "implemented", "budget_range": "unknown", "funding_source": "",
        "evidence_level": "self_reported", "licence": "cc-by-4.0", "links": "",
        "partners-TOTAL_FORMS": "2", "partners-INITIAL_FORMS": "0",
        "partners-MIN_NUM_FORMS": "0", "partners-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    data.update(overrides)
    return data


def test_editor_creates_a_practice_in_their_language(organization, alice, network):
    data = form_data(organization=organization.pk, themes=[theme("sustainable-mobility").pk],
                     networks=[network.pk])  # fmt: skip
    response = login(alice).post("/pt-br/practices/new/", data)
    assert response.status_code == 302
    practice = Practice.objects.get()
    assert (practice.title_pt_br, practice.original_language, practice.status) == (
        "Ônibus elétricos", "pt-br", Status.DRAFT)  # fmt: skip
    assert practice.slug == "onibus-eletricos"
    assert practice.organization == organization


def test_partners_are_saved_with_their_roles_and_a_repeated_partner_is_refused(organization, alice):
    bank = factories.OrganizationFactory(slug="caf", name="CAF", kind="bank")
    data = form_data(organization=organization.pk, themes=[theme("climate-action").pk], **{
        "partners-0-organization": bank.pk, "partners-0-role": "funder",
        "partners-1-organization": bank.pk, "partners-1-role": "technical_partner",
    })  # fmt: skip
    refused = login(alice).post("/en/practices/new/", data)
    assert refused.status_code == 400
    assert "Please correct the duplicate data for organization" in refused.content.decode()
    assert Practice.objects.count() == 0

    data["partners-1-organization"] = ""
    data["partners-1-role"] = ""
    assert login(alice).post("/en/practices/new/", data).status_code == 302
    practice = Practice.objects.get()
    assert list(practice.partnerships.values_list("organization__slug", "role")) == [
        ("caf", "funder")
    ]
    practice.status = Status.PUBLISHED
    practice.save(update_fields=["status"])
    assert "CAF</a> (Funder)" in Client().get(english_url(practice)).content.decode()


def test_a_practice_is_stored_in_the_language_its_author_chose(organization, alice):
    form = login(alice).get("/es/practices/new/").context["form"]
    assert form["original_language"].value() == "es"  # the page's language by default
    data = form_data(organization=organization.pk, themes=[theme("open-data").pk],
                     original_language="en", title="Open budget", summary="Residents see it.")  # fmt: skip
    assert login(alice).post("/es/practices/new/", data).status_code == 302
    practice = Practice.objects.get()
    assert (practice.original_language, practice.title_en) == ("en", "Open budget")
    assert not practice.title_es
    edit = login(alice).get(f"/es/practices/{practice.slug}/edit/").context["form"]
    assert edit["title"].value() == "Open budget"


def test_a_long_summary_and_missing_fields_keep_what_was_typed(organization, alice):
    data = form_data(organization=organization.pk, summary="x" * 301, title="")
    response = login(alice).post("/pt-br/practices/new/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Certifique-se de que o valor tenha no máximo 300 caracteres" in page
    assert "Este campo é obrigatório." in page
    assert "Planejar a recarga." in page  # everything else typed is still there
    assert Practice.objects.count() == 0


def test_preview_shows_the_practice_without_saving(organization, alice):
    data = form_data(organization=organization.pk, themes=[theme("climate-action").pk],
                     action="preview", actions="**Compramos** 20 ônibus.")  # fmt: skip
    response = login(alice).post("/pt-br/practices/new/", data)
    assert response.status_code == 200
    assert "<strong>Compramos</strong> 20 ônibus." in response.content.decode()
    assert Practice.objects.count() == 0


def test_translating_marks_the_version_and_keeps_the_original(organization, alice):
    practice = factories.PracticeFactory(organization=organization, original_language="en")
    data = form_data(title="Práctica", summary="Resumen.", themes=[theme("open-government").pk],
                     reviewed="on")  # fmt: skip
    response = login(alice).post(f"/en/practices/{practice.slug}/edit/?language=es", data)
    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.title_es == "Práctica"
    assert practice.title_en.startswith("Practice ")
    assert practice.translation_status == {"es": "reviewed"}
    assert practice.language_versions() == [("en", "original"), ("es", "reviewed")]


def pdf_bytes() -> bytes:
    return (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]"
            b"/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")  # fmt: skip


def png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


def upload(name: str, content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize(
    ("name", "content", "field", "message"),
    [
        ("report.pdf", b"MZ\x90\x00 this is a windows executable", "attachment",
         "Este tipo de arquivo não é aceito"),
        ("notes.docx", b"PK\x03\x04 not really a zip", "attachment", "Este tipo de arquivo"),
        ("tool.exe", b"MZ\x90\x00", "attachment", "Este tipo de arquivo"),
        ("empty.pdf", b"", "attachment", "O arquivo enviado está vazio"),
        ("photo.png", None, "attachment_alt", "Descreva a imagem"),
    ],
)  # fmt: skip
def test_bad_attachments_get_field_errors_and_keep_the_form(organization, alice, name, content,
                                                            field, message):  # fmt: skip
    data = form_data(organization=organization.pk, themes=[theme("climate-action").pk],
                     attachment=upload(name, png_bytes() if content is None else content))  # fmt: skip
    response = login(alice).post("/pt-br/practices/new/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "Planejar a recarga." in page
    assert response.context["form"].errors[field]
    assert Practice.objects.count() == 0


def test_an_oversized_attachment_is_refused(settings, organization, alice):
    settings.MAX_ATTACHMENT_MB = 1
    big = pdf_bytes() + b"0" * (1024 * 1024)
    data = form_data(organization=organization.pk, themes=[theme("climate-action").pk],
                     attachment=upload("big.pdf", big))  # fmt: skip
    response = login(alice).post("/pt-br/practices/new/", data)
    assert response.status_code == 400
    assert "O arquivo é maior que 1 MB." in response.content.decode()


def test_attachments_are_stored_under_a_generated_name_and_served_with_the_original(
    organization, alice
):
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    data = form_data(organization=organization.pk, themes=[theme("climate-action").pk],
                     attachment=upload("Relatório final.docx", docx.getvalue()),
                     attachment_title="Relatório")  # fmt: skip
    assert login(alice).post("/pt-br/practices/new/", data).status_code == 302
    attachment = Attachment.objects.get()
    assert "Relatório" not in attachment.file.name
    assert attachment.content_type.endswith("wordprocessingml.document")
    url = f"/en/practices/{attachment.practice.slug}/files/{attachment.pk}/"
    assert Client().get(url).status_code == 404  # a draft's files are not public
    response = login(alice).get(url)
    assert response.status_code == 200
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert "Relat%C3%B3rio%20final.docx" in response["Content-Disposition"]


def test_an_image_with_its_text_alternative_is_shown_inline(organization, alice):
    data = form_data(organization=organization.pk, themes=[theme("climate-action").pk],
                     attachment=upload("bus.png", png_bytes()), attachment_alt="A red bus")  # fmt: skip
    assert login(alice).post("/pt-br/practices/new/", data).status_code == 302
    practice = Practice.objects.get()
    page = login(alice).get(english_url(practice)).content.decode()
    assert 'alt="A red bus"' in page


def test_networks_must_be_the_owners(organization, alice):
    elsewhere = factories.NetworkFactory(slug="cc4dr")
    data = form_data(organization=organization.pk, themes=[theme("climate-action").pk],
                     networks=[elsewhere.pk])  # fmt: skip
    form = login(alice).get("/en/practices/new/").context["form"]
    assert list(form.fields["networks"].queryset) == [organization.networks.get()]
    response = login(alice).post("/en/practices/new/", data)
    assert response.status_code == 400
    assert response.context["form"].errors["networks"]
    assert Practice.objects.count() == 0


def test_an_editor_cannot_write_for_another_organization(organization, alice):
    other = factories.OrganizationFactory(slug="other-city")
    data = form_data(organization=other.pk, themes=[theme("climate-action").pk])
    response = login(alice).post("/en/practices/new/", data)
    assert response.status_code == 400
    assert Practice.objects.count() == 0


def test_only_editors_may_start_a_practice(db, bob):
    assert login(bob).get("/en/practices/new/").status_code == 403
    assert "/accounts/login/" in Client().get("/en/practices/new/").url
