"""Forms a person can fix: an error summary at the top lists each error as a link to its field and takes
the focus; limits are said before anyone breaks them; a refused password is typed again; every description
a field points to exists."""

import re
from html import unescape
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.urls import reverse

import pytest

from portal.mentors import notifications
from tests.factories import MentorProfileFactory
from tests.requests_helpers import request_data, request_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def mentor(directory):
    return MentorProfileFactory(full_name="Claire Fontaine", offers_group=True)


def error_summary(html):
    return re.search(r'<div class="error-summary"[^>]*>(.*?)</div>', html, re.S)


def test_an_error_summary_lists_each_error_as_a_link_to_its_field(client, directory, mentor):
    response = client.post(request_url(directory, mentor), request_data(requester_name="", consent="",
                                                                          mentoring_format="ailleurs"))  # fmt: skip
    html = response.content.decode()
    summary = error_summary(html)
    assert summary, "no error summary"
    links = dict(re.findall(r'<a href="#([^"]+)">(.*?)</a>', summary.group(1)))
    assert unescape(links["id_requester_name"]) == "Votre nom\u00a0: Champ requis."
    assert unescape(links["id_consent"]).startswith("J’accepte que ma demande")
    assert "id_mentoring_format_0" in links  # a group of radio buttons leads to its first choice
    for anchor in links:
        assert f'id="{anchor}"' in html


def test_the_error_summary_is_announced_and_takes_the_focus(client, directory, mentor):
    html = client.post(request_url(directory, mentor), request_data(consent="")).content.decode()
    opening = re.search(r'<div class="error-summary"[^>]*>', html).group(0)
    assert 'role="alert"' in opening and 'tabindex="-1"' in opening and "data-error-summary" in opening
    assert re.search(r'<script src="/static/js/forms\.js" defer>', html)
    assert "summary.focus()" in Path(finders.find("js/forms.js")).read_text()
    assert html.index("error-summary") < html.index('name="requester_name"')


def test_a_form_without_errors_has_no_summary(client, directory, mentor):
    assert not error_summary(client.get(request_url(directory, mentor)).content.decode())


@pytest.mark.parametrize(
    ("url", "field", "said"),
    [
        ("request", "message", "Entre 20 et 3\u00a0000 caractères."),
        ("/defis/proposer/", "title", "Entre 10 et 200 caractères."),
        ("/defis/proposer/", "description", "Entre 30 et 4\u00a0000 caractères."),
        ("/defis/proposer/", "example", "2\u00a0000 caractères au plus."),
    ],
)
def test_length_limits_are_said_before_anyone_breaks_them(client, directory, mentor, catalogue, url, field, said):
    html = client.get(request_url(directory, mentor) if url == "request" else url).content.decode()
    help_text = re.search(rf'<div class="help" id="id_{field}_helptext">(.*?)</div>', html, re.S).group(1)
    assert said in unescape(help_text)
    assert re.search(rf'<(input|textarea)[^>]*name="{field}"[^>]*aria-describedby="id_{field}_helptext', html)


def test_every_description_a_field_points_to_exists(client, directory, mentor):
    html = client.post(request_url(directory, mentor), request_data(requester_name="", message="court",
                                                                      consent="")).content.decode()  # fmt: skip
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    described_by = {name for value in re.findall(r'aria-describedby="([^"]+)"', html) for name in value.split()}
    assert described_by and described_by <= ids


def password_values(html):
    return [re.search(r'value="([^"]*)"', tag).group(1) if "value=" in tag else ""
            for tag in re.findall(r'<input type="password"[^>]*>', html)]  # fmt: skip


def test_a_refused_password_is_typed_again(client, directory):
    mentor = MentorProfileFactory(status="draft", email_confirmed_at=None)
    mentor.user = get_user_model().objects.create_user(mentor.contact_email, is_active=False)
    mentor.save()
    link = reverse("mentors:confirm-email", args=[notifications.confirmation_token(mentor)])
    passwords = {"new_password1": "une phrase de passe assez longue", "new_password2": "une autre phrase"}
    html = client.post(link, passwords).content.decode()
    assert "Les deux mots de passe ne correspondent pas." in unescape(html)
    assert password_values(html) == ["", ""]


def test_the_admin_login_asks_for_a_mot_de_passe(client):
    html = unescape(client.get("/admin/login/").content.decode())
    label = re.search(r'<label[^>]*for="id_password"[^>]*>(.*?)</label>', html, re.S).group(1)
    assert "Mot de passe" in label and "Password" not in label


def test_mentors_log_in_with_their_email_address(client):
    html = unescape(client.get("/comptes/login/").content.decode())
    assert re.search(r'<label for="id_username">Adresse e-mail ou identifiant', html)


@pytest.mark.parametrize("username", ["claire@example.org", "personne@example.org"])
def test_a_refused_login_speaks_of_the_address_and_password_without_telling_which_is_wrong(client, username):
    MentorProfileFactory(contact_email="claire@example.org", account="une phrase de passe solide")
    html = unescape(client.post("/comptes/login/", {"username": username, "password": "pas la bonne"}).content.decode())
    assert "Vous n’êtes pas encore connecté·e" in error_summary(html).group(1)
    assert error_summary(html).group(1).count("<li>") == 1
    assert (
        "Cette adresse e-mail (ou cet identifiant) et ce mot de passe ne correspondent pas. "
        "Vérifiez-les, ou réinitialisez votre mot de passe." in error_summary(html).group(1)
    )
    assert "nom d’utilisateur" not in html and "casse" not in html


def test_an_account_not_yet_open_is_refused_in_the_same_words(db):
    from django import forms
    from django.utils import translation

    from portal.login_forms import LoginForm
    from tests.factories import UserFactory

    with translation.override("fr"), pytest.raises(forms.ValidationError) as refused:
        LoginForm().confirm_login_allowed(UserFactory(is_active=False))
    assert refused.value.messages == [
        "Ce compte n’est pas ouvert. Si vous avez candidaté comme mentor, confirmez d’abord votre adresse e-mail "
        "avec le lien que nous vous avons envoyé\u202f; sinon, écrivez à l’équipe du programme."
    ]
