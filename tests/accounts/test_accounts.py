"""Accounts: sign up with e-mail, verify, sign in, reset the password, edit the profile."""

import re

from django.core import mail
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from intercambio.accounts.models import User
from tests import factories
from tests.conftest import login


def test_signup_sends_a_verification_email_in_the_page_language(db):
    client = Client()
    response = client.post(
        "/pt-br/accounts/signup/",
        {"email": "ana@montevideo.example", "password1": "una clave larga 2026", "password2": "una clave larga 2026"},
    )  # fmt: skip
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ana@montevideo.example"]
    assert "confirme seu endereço de e-mail" in message.subject
    link = re.search(r"https?://\S+/accounts/confirm-email/[\w:-]+/", message.body).group(0)
    confirm_path = link.split("testserver", 1)[-1]
    assert client.post(confirm_path).status_code == 302
    assert User.objects.get().emailaddress_set.get().verified


def test_signup_with_mismatched_passwords_is_a_400_with_a_message(db):
    response = Client().post(
        "/es/accounts/signup/",
        {"email": "ana@example.org", "password1": "una clave larga 2026", "password2": "otra"},
    )
    assert response.status_code == 200 or response.status_code == 400
    assert not User.objects.exists()


def test_unverified_account_cannot_sign_in(db):
    factories.UserFactory(email="nuevo@example.org")
    response = Client().post(
        "/en/accounts/login/",
        {"login": "nuevo@example.org", "password": "correct horse battery staple"},
    )
    assert response.status_code == 302
    assert "confirm-email" in response.url
    assert len(mail.outbox) == 1


def test_password_reset_sends_a_link(db):
    factories.UserFactory(email="bob@example.org")
    response = Client().post("/es/accounts/password/reset/", {"email": "bob@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/es/accounts/password/reset/key/" in mail.outbox[0].body


def test_profile_edit_saves_languages_and_organization(bob, organization):
    client = login(bob)
    response = client.post(
        "/en/accounts/profile/",
        {"name": "Roberto", "position": "Relações internacionais", "organization": organization.pk,
         "preferred_language": "pt-br", "languages_spoken": ["pt-br", "es"]},
    )  # fmt: skip
    assert response.status_code == 302
    bob.refresh_from_db()
    assert (bob.name, bob.organization, bob.languages_spoken) == (
        "Roberto",
        organization,
        ["pt-br", "es"],
    )
    assert not organization.editors.filter(pk=bob.pk).exists()


def test_profile_with_bad_language_is_a_400_and_keeps_data(bob):
    response = login(bob).post(
        "/en/accounts/profile/", {"name": "X", "preferred_language": "klingon"}
    )
    assert response.status_code == 400
    bob.refresh_from_db()
    assert bob.name == "Bob"


def test_profile_requires_sign_in(db):
    response = Client().get("/en/accounts/profile/")
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_emails_use_the_recipient_preferred_language(db):
    factories.UserFactory(email="lucia@rosario.example", preferred_language="es")
    Client().post("/en/accounts/password/reset/", {"email": "lucia@rosario.example"})
    with translation.override("es"):
        expected = gettext("Password Reset Email")
    assert expected != "Password Reset Email"
    assert expected in mail.outbox[0].subject


def test_new_account_starts_in_the_language_it_signed_up_in(db):
    Client().post(
        "/es/accounts/signup/",
        {"email": "pablo@example.org", "password1": "una clave larga 2026", "password2": "una clave larga 2026"},
    )  # fmt: skip
    assert User.objects.get().preferred_language == "es"
