"""Accounts nobody can take over (issue 13): an address is only ever claimed by whoever reads its mail, logins
are throttled, passwords are long enough, the application form keeps robots out, and emailed links point at
the site whatever host a request names."""

import re
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

import pytest
from axes.models import AccessAttempt

from portal.mentors.admin_views import invite
from portal.mentors.models import MentorProfile
from portal.taxonomy.models import ActorType
from tests.factories import UserFactory
from tests.requests_helpers import last_link_to, shown
from tests.test_mentor_accounts import application

pytestmark = pytest.mark.django_db
PASSWORD = "une phrase de passe solide"
VICTIM = "camille@example.org"


def choose_password(client, link, password=PASSWORD, again=None):
    return client.post(link, {"new_password1": password, "new_password2": again or password}, follow=True)


def account():
    return get_user_model().objects.get(username=VICTIM)


# --- Nobody claims another person's address ----------------------------------------------------------


def test_the_application_form_asks_for_no_password_and_ignores_one_sent_anyway(client, directory):
    assert 'type="password"' not in client.get(reverse("mentors:apply")).content.decode()
    client.post(reverse("mentors:apply"), application(password1=PASSWORD, password2=PASSWORD))
    assert not account().has_usable_password() and not account().is_active


def test_opening_the_emailed_link_changes_nothing_so_a_mail_scanner_confirms_nothing(client, directory):
    client.post(reverse("mentors:apply"), application())
    link = last_link_to(VICTIM, "/mentors/confirmer/")
    for _ in range(2):
        page = client.get(link).content.decode()
    assert "choisissez le mot de passe de votre compte de mentor" in page
    assert 'name="new_password1"' in page and 'method="post"' in page
    mentor = MentorProfile.objects.get()
    assert mentor.email_confirmed_at is None and mentor.status == "draft"
    assert not account().is_active and not account().has_usable_password()
    assert log_in(client, reverse("login"), VICTIM, PASSWORD).status_code == 200
    assert "_auth_user_id" not in client.session


def test_re_applying_with_an_unconfirmed_address_gives_the_address_to_whoever_reads_its_mail(client, directory):
    client.post(reverse("mentors:apply"), application(full_name="Usurpateur"), REMOTE_ADDR="203.0.113.66")
    mail.outbox.clear()
    response = client.post(reverse("mentors:apply"), application(), follow=True)
    assert response.redirect_chain[-1][0] == reverse("mentors:application-sent")  # the same answer as ever
    assert "vous avez déjà un compte" not in response.content.decode().lower()
    [message] = mail.outbox
    assert message.to == [VICTIM] and "Confirmez votre adresse e-mail" in message.subject
    choose_password(client, last_link_to(VICTIM, "/mentors/confirmer/"))
    mentor = MentorProfile.objects.get()
    assert mentor.full_name == "Camille Durand" and mentor.email_confirmed_at and mentor.status == "pending"
    assert get_user_model().objects.count() == 1 and account().check_password(PASSWORD) and account().is_active


def test_forgotten_password_of_an_unconfirmed_application_sends_the_link_that_sets_it(client, directory):
    client.post(reverse("mentors:apply"), application(), REMOTE_ADDR="203.0.113.66")
    mail.outbox.clear()
    response = client.post(reverse("password_reset"), {"email": VICTIM}, follow=True)
    assert "Si un compte utilise cette adresse" in response.content.decode()
    [message] = mail.outbox
    assert message.to == [VICTIM]
    response = choose_password(client, last_link_to(VICTIM, "/mentors/confirmer/"))
    assert response.redirect_chain[-1][0] == reverse("mentors:me")
    assert account().is_active and account().check_password(PASSWORD)


def test_forgotten_password_of_an_unanswered_invitation_sends_the_invitation_again(client, directory):
    invite("Léa Moreau", "lea@example.org", ActorType.objects.get(code="ecole"), "bretagne")
    mail.outbox.clear()
    client.post(reverse("password_reset"), {"email": "lea@example.org"})
    [message] = mail.outbox
    assert message.to == ["lea@example.org"] and "/mentors/bienvenue/" in message.body


def test_applying_with_an_invited_address_leaves_the_editors_profile_alone(client, directory):
    invite("Léa Moreau", "lea@example.org", ActorType.objects.get(code="ecole"), "bretagne")
    mail.outbox.clear()
    client.post(reverse("mentors:apply"), application(contact_email="lea@example.org", full_name="Usurpateur"))
    assert MentorProfile.objects.get().full_name == "Léa Moreau"
    [message] = mail.outbox
    assert "déjà un compte" in message.subject


def test_the_emailed_link_works_once(client, directory):
    client.post(reverse("mentors:apply"), application())
    link = last_link_to(VICTIM, "/mentors/confirmer/")
    choose_password(client, link)
    client.logout()
    again = client.post(link, {"new_password1": "un autre mot de passe", "new_password2": "un autre mot de passe"})
    assert again.status_code == 400
    assert "Ce lien a déjà servi\u00a0: votre adresse est confirmée." in again.content.decode()
    assert account().check_password(PASSWORD)


@pytest.mark.parametrize(
    ("password", "again", "said"),
    [
        ("court-11car", None, "Ce mot de passe est trop court. Il doit contenir au minimum 12 caractères."),
        ("123456789012345", None, "Ce mot de passe est entièrement numérique."),
        ("password1234", None, "Ce mot de passe est trop courant."),
        (PASSWORD, "une autre phrase de passe", "Les deux mots de passe ne correspondent pas."),
    ],
)
def test_a_refused_password_leaves_the_application_unconfirmed_and_says_why_in_french(
    client, directory, password, again, said
):
    client.post(reverse("mentors:apply"), application())
    response = choose_password(client, last_link_to(VICTIM, "/mentors/confirmer/"), password, again)
    assert said in response.content.decode().replace("&#x27;", "'")
    assert MentorProfile.objects.get().email_confirmed_at is None
    assert not account().is_active and not account().has_usable_password()


def test_the_password_rules_are_said_before_choosing_one(client, directory):
    client.post(reverse("mentors:apply"), application())
    html = client.get(last_link_to(VICTIM, "/mentors/confirmer/")).content.decode()
    help_text = re.search(r'<div class="help" id="id_new_password1_helptext">(.*?)</div>', html, re.S).group(1)
    assert "au minimum 12 caractères" in help_text


def test_editors_passwords_need_twelve_characters_and_pass_the_usual_checks():
    editor = UserFactory.build(username="dominique", email="dominique@example.org")
    refusals = {
        "onze-carac!": "Ce mot de passe est trop court. Il doit contenir au minimum 12 caractères.",
        "dominique1234": "Le mot de passe est trop semblable au champ",
        "password1234": "Ce mot de passe est trop courant.",
        "98765432109876": "Ce mot de passe est entièrement numérique.",
    }
    with translation.override("fr"):
        for weak, said in refusals.items():
            with pytest.raises(ValidationError) as refused:
                validate_password(weak, editor)
            assert refused.value.messages[0].startswith(said)
        validate_password("douze caractères", editor)


def test_an_editor_s_new_password_is_held_to_the_same_rules(client, editor):
    client.post("/admin/password_reset/", {"email": editor.email})
    link = last_link_to(editor.email, "/admin/password_reset/")
    form_page = client.get(link, follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": "court-11car", "new_password2": "court-11car"}
    )
    assert "au minimum 12 caractères" in response.content.decode()
    editor.refresh_from_db()
    assert editor.check_password("correct horse battery staple")


# --- Logins are throttled ------------------------------------------------------------------------------


def log_in(client, url, username, password, ip="198.51.100.7"):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=ip)


@pytest.mark.parametrize("url", ["/comptes/login/", "/admin/login/"])
def test_five_wrong_passwords_block_that_account_from_that_address_for_an_hour_in_french(client, editor, url):
    for _ in range(5):
        log_in(client, url, editor.username, "pas le bon mot de passe")
    response = log_in(client, url, editor.username, "correct horse battery staple")
    assert response.status_code == 429
    html = response.content.decode()
    assert "Trop de tentatives" in html and "bloquée pendant une heure" in html and 'lang="fr"' in html
    assert "_auth_user_id" not in client.session


def test_the_block_holds_neither_other_accounts_nor_other_addresses(client, editor):
    other = UserFactory(username="autre", editor=True)
    other.save()
    for _ in range(5):
        log_in(client, "/comptes/login/", editor.username, "pas le bon mot de passe")
    assert (
        log_in(client, "/comptes/login/", editor.username, "correct horse battery staple", ip="192.0.2.1").status_code
        == 302
    )
    client.logout()
    assert log_in(client, "/comptes/login/", "autre", "correct horse battery staple").status_code == 302


def test_the_block_ends_an_hour_after_the_last_attempt(client, editor):
    for _ in range(5):
        log_in(client, "/comptes/login/", editor.username, "pas le bon mot de passe")
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=61))
    assert log_in(client, "/comptes/login/", editor.username, "correct horse battery staple").status_code == 302


def test_a_successful_login_forgets_earlier_failures(client, editor):
    for _ in range(4):
        log_in(client, "/comptes/login/", editor.username, "pas le bon mot de passe")
    assert log_in(client, "/comptes/login/", editor.username, "correct horse battery staple").status_code == 302
    client.logout()
    for _ in range(4):
        log_in(client, "/comptes/login/", editor.username, "pas le bon mot de passe")
    assert log_in(client, "/comptes/login/", editor.username, "correct horse battery staple").status_code == 302


# --- The application form keeps robots out ---------------------------------------------------------------


def test_an_application_with_the_trap_filled_is_dropped_without_a_word(client, directory):
    response = client.post(reverse("mentors:apply"), application(whf_name="http://spam.example"))
    assert response.status_code == 302 and response["Location"] == reverse("mentors:application-sent")
    assert not MentorProfile.objects.exists() and not get_user_model().objects.exists() and mail.outbox == []


def test_an_application_sent_faster_than_a_person_can_is_shown_again_with_what_was_typed(client, directory):
    response = client.post(reverse("mentors:apply"), application(whf_time=shown(seconds_ago=0)))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Pour tenir les robots à l’écart, nous n’avons pas enregistré un envoi aussi rapide." in html
    assert 'value="camille@example.org"' in html.lower() and 'name="whf_name"' in html
    assert not MentorProfile.objects.exists() and mail.outbox == []


# --- Emailed links point at the site, whatever host the request named ----------------------------------


@pytest.mark.parametrize(
    ("url", "part"),
    [("/comptes/password_reset/", "/comptes/reset/"), ("/admin/password_reset/", "/admin/password_reset/")],
)
def test_password_reset_links_are_built_on_the_site_address_not_the_host_header(client, editor, settings, url, part):
    settings.ALLOWED_HOSTS = ["*"]
    settings.SITE_BASE_URL = settings.WAGTAILADMIN_BASE_URL = "https://mentorat.example.org"
    client.post(url, {"email": editor.email}, HTTP_HOST="attaquant.example")
    [message] = mail.outbox
    assert re.search(rf"https://mentorat\.example\.org{part}\S+", message.body)
    assert "attaquant" not in message.body


def test_the_link_sent_for_an_unconfirmed_address_is_built_on_the_site_address_too(client, directory, settings):
    settings.ALLOWED_HOSTS = ["*"]
    settings.SITE_BASE_URL = "https://mentorat.example.org"
    client.post(reverse("mentors:apply"), application(), HTTP_HOST="attaquant.example")
    client.post(reverse("password_reset"), {"email": VICTIM}, HTTP_HOST="attaquant.example")
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert re.search(r"^https://mentorat\.example\.org/mentors/confirmer/\S+/$", message.body, re.M)
        assert "attaquant" not in message.body


@pytest.mark.parametrize("url", ["/comptes/password_reset/", "/admin/password_reset/"])
def test_forgotten_password_cannot_flood_a_person_s_mailbox(client, editor, settings, url):
    settings.FORM_RATE_PER_EMAIL = "3/h"
    for _attempt in range(3):
        assert client.post(url, {"email": editor.email}).status_code == 302
    refused = client.post(url, {"email": editor.email})
    assert refused.status_code == 429
    assert "Trop de liens ont été demandés" in refused.content.decode()
    assert len(mail.outbox) == 3


@pytest.mark.parametrize(
    ("reset_url", "link_part", "login_url"),
    [
        ("/comptes/password_reset/", "/comptes/reset/", "/comptes/login/"),
        ("/admin/password_reset/", "/admin/password_reset/confirm/", "/admin/login/"),
    ],
)
def test_a_new_password_chosen_from_the_emailed_link_lifts_the_block(client, editor, reset_url, link_part, login_url):
    for _ in range(5):
        log_in(client, login_url, editor.username, "pas le bon mot de passe")
    client.post(reset_url, {"email": editor.email})
    link = last_link_to(editor.email, link_part)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    new_password = "une phrase de passe toute neuve"
    client.post(form_url, {"new_password1": new_password, "new_password2": new_password})
    client.logout()
    assert log_in(client, login_url, editor.username, new_password).status_code == 302
