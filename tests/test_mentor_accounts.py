"""A mentor's own path: apply, confirm, log in, keep the profile current, charter, invitation.

And the rule that matters most: a mentor never reaches another mentor's profile or data."""

import re

from django.contrib.auth import get_user_model
from django.core import mail, signing
from django.urls import reverse

import pytest

from portal.home.models import CharterPage
from portal.mentors import notifications
from portal.mentors.admin_views import invite
from portal.mentors.models import MentorProfile
from portal.taxonomy.models import ActorType, Language, MentoringModel
from tests.factories import MentorProfileFactory, UserFactory, theme_ids
from tests.requests_helpers import honeypot_fields

pytestmark = pytest.mark.django_db
PASSWORD = "une phrase de passe solide"


def application(**overrides):
    data = {
        "contact_email": "Camille@Example.org",
        "full_name": "Camille Durand",
        "headline": "Chercheuse sur les communs",
        "organisation": "Centre d'études",
        "actor_type": ActorType.objects.get(code="laboratoire").pk,
        "bio": "J'étudie la gouvernance des communs numériques.",
        "themes": theme_ids("communs", "gouvernance"),
        "mentoring_models": [MentoringModel.objects.get(code="agility").pk],
        "offers_individual": "on",
        "languages": [Language.objects.get(code="fr").pk],
        "region": "occitanie",
        "meeting_mode": "remote",
        "capacity": "3",
        "accept_charter": "on",
        **honeypot_fields(),
    }
    return {**data, **overrides}


def link_in(message):
    return re.search(r"http://\S+", message.body).group(0).replace("http://127.0.0.1:8000", "")


def test_applying_creates_a_closed_account_without_password_and_a_draft_profile_then_sends_a_confirmation(
    client, directory
):
    response = client.post(reverse("mentors:apply"), application())
    assert response.status_code == 302 and response["Location"] == reverse("mentors:application-sent")
    mentor = MentorProfile.objects.get()
    assert (mentor.status, mentor.contact_email, mentor.charter_version) == ("draft", "camille@example.org", "2026-1")
    assert not mentor.user.is_active and not mentor.user.has_usable_password()
    assert [theme.name for theme in mentor.themes.all()] == ["communs", "gouvernance"]
    [message] = mail.outbox
    assert message.to == ["camille@example.org"]
    assert "/mentors/confirmer/" in message.body


def test_choosing_a_password_from_the_emailed_link_opens_the_account_and_asks_editors_to_approve(
    client, directory, editor
):
    client.post(reverse("mentors:apply"), application())
    link = link_in(mail.outbox[0])
    assert "choisissez le mot de passe de votre compte" in client.get(link).content.decode()
    response = client.post(link, {"new_password1": PASSWORD, "new_password2": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("mentors:me")
    assert "Merci, Camille Durand\u00a0: votre adresse est confirmée." in response.content.decode()
    mentor = MentorProfile.objects.get()
    assert mentor.status == "pending" and mentor.user.is_active and mentor.email_confirmed_at
    assert mentor.user.check_password(PASSWORD)
    assert mail.outbox[-1].to == [editor.email]
    assert "Nouvelle candidature de mentor\u00a0: Camille Durand" in mail.outbox[-1].subject
    assert "Camille Durand" not in client.get(directory.url + "?availability=all").content.decode()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"contact_email": "pas-une-adresse"}, "Saisissez une adresse e-mail valide."),
        ({"accept_charter": ""}, "Les mentors acceptent la charte déontologique"),
        ({"mentoring_models": []}, "Champ requis."),
        ({"capacity": "50"}, "inférieure ou égale à 20"),
        ({"offers_individual": ""}, "Proposez du mentorat individuel, de groupe, ou les deux."),
        ({"full_name": "<script>alert(1)</script>" * 20}, "Assurez-vous que cette valeur comporte au plus 120"),
    ],
)
def test_an_invalid_application_is_refused_with_french_messages_and_stores_nothing(
    client, directory, overrides, message
):
    response = client.post(reverse("mentors:apply"), application(**overrides))
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert "<script>alert(1)</script>" not in html
    assert not MentorProfile.objects.exists() and not get_user_model().objects.exists()
    assert mail.outbox == []


def test_applying_with_a_known_address_tells_its_owner_not_the_applicant(client, directory):
    MentorProfileFactory(contact_email="camille@example.org", account=PASSWORD)
    response = client.post(reverse("mentors:apply"), application(), follow=True)
    assert "Consultez votre messagerie" in response.content.decode()
    assert MentorProfile.objects.count() == 1
    [message] = mail.outbox
    assert message.to == ["camille@example.org"] and "déjà un compte" in message.subject


@pytest.mark.parametrize("tamper", ["garbage", "swap-email", "expired"])
def test_bad_confirmation_links_are_refused_with_a_clear_message(client, directory, tamper, monkeypatch):
    mentor = MentorProfileFactory(status="draft", email_confirmed_at=None)
    token = notifications.confirmation_token(mentor)
    if tamper == "garbage":
        token = token[:-3] + "xyz"
    elif tamper == "swap-email":
        mentor.contact_email = "other@example.org"
        mentor.save()
    else:
        monkeypatch.setattr(notifications, "CONFIRMATION_MAX_AGE", -1)
    response = client.get(reverse("mentors:confirm-email", args=[token]))
    assert response.status_code == 400
    assert "Ce lien" in response.content.decode()
    mentor.refresh_from_db()
    assert mentor.email_confirmed_at is None


def test_a_mentor_logs_in_and_lands_in_their_space(client, directory):
    MentorProfileFactory(full_name="Claire", contact_email="claire@example.org", account=PASSWORD)
    response = client.post(reverse("login"), {"username": "claire@example.org", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("mentors:me")
    assert "Mon espace mentor" in response.content.decode()


def test_a_mentor_updates_the_profile_and_it_applies_at_once(client, directory):
    mentor = MentorProfileFactory(full_name="Claire", themes=["open data"], account=PASSWORD)
    client.force_login(mentor.user)
    form = client.get(reverse("mentors:me")).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data |= {
        "headline": "Nouvelle accroche",
        "themes": theme_ids("open data", "vélo"),
        "mentoring_models": [m.pk for m in mentor.mentoring_models.all()],
        "languages": [lang.pk for lang in mentor.languages.all()],
        "offers_individual": "on",
        "accepting_requests": "",
        "capacity": "5",
        "action": "save",
    }
    data.pop("offers_group", None)
    response = client.post(reverse("mentors:me"), data)
    assert response.status_code == 302
    mentor.refresh_from_db()
    assert (mentor.headline, mentor.capacity, mentor.accepting_requests) == ("Nouvelle accroche", 5, False)
    assert "Claire" not in client.get(directory.url).content.decode()  # paused: not in "accepting" results
    assert "vélo" in client.get(f"{directory.url}?availability=all&q=vélo").content.decode()


def test_an_invalid_profile_edit_keeps_the_old_profile(client, directory):
    mentor = MentorProfileFactory(full_name="Claire", account=PASSWORD)
    client.force_login(mentor.user)
    response = client.post(reverse("mentors:me"), {"action": "save", "full_name": "", "capacity": "0"})
    assert "Champ requis." in response.content.decode()
    mentor.refresh_from_db()
    assert mentor.full_name == "Claire" and mentor.capacity == 2


def test_a_refused_profile_edit_says_once_what_is_wrong_and_never_that_it_was_saved(client, directory):
    mentor = MentorProfileFactory(full_name="Claire", status="pending", account=PASSWORD)
    client.force_login(mentor.user)
    response = client.post(reverse("mentors:me"), profile_data(mentor, full_name=""))
    html = response.content.decode()
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S).group(0)
    assert "Vos modifications ne sont pas encore enregistrées" in summary
    assert "Nom complet\u00a0: Champ requis." in summary
    assert list(response.context["messages"]) == []
    assert html.count('role="alert"') == 1 and "notice--error" not in html
    assert "sont enregistrées" not in html.replace("ne sont pas encore enregistrées", "")
    assert "à côté" not in html
    mentor.refresh_from_db()
    assert mentor.full_name == "Claire"


def test_a_new_charter_version_is_accepted_from_the_mentor_space(client, directory):
    mentor = MentorProfileFactory(full_name="Claire", account=PASSWORD)
    charter = CharterPage.current()
    charter.version = "2026-2"
    charter.save_revision().publish()
    client.force_login(mentor.user)
    assert "Une nouvelle version de la" in client.get(reverse("mentors:me")).content.decode()
    assert "Claire" not in client.get(directory.url).content.decode()
    client.post(reverse("mentors:me"), {"action": "accept-charter"})
    mentor.refresh_from_db()
    assert mentor.charter_version == "2026-1"  # nothing accepted without ticking the box
    client.post(reverse("mentors:me"), {"action": "accept-charter", "accept": "on"})
    mentor.refresh_from_db()
    assert mentor.charter_version == "2026-2" and mentor.charter_accepted_at
    assert "Claire" in client.get(directory.url).content.decode()


def test_an_invited_mentor_sets_a_password_completes_and_submits_the_profile(client, directory, editor):
    invite("Léa Moreau", "lea@example.org", ActorType.objects.get(code="ecole"), "bretagne")
    response = client.get(link_in(mail.outbox[0]), follow=True)
    response = client.post(
        response.redirect_chain[-1][0], {"new_password1": PASSWORD, "new_password2": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("mentors:me")
    mentor = MentorProfile.objects.get(contact_email="lea@example.org")
    assert mentor.email_confirmed_at and mentor.user.check_password(PASSWORD)
    client.post(reverse("mentors:me"), {"action": "submit"})
    mentor.refresh_from_db()
    assert mentor.status == "draft"  # the charter comes first
    client.post(reverse("mentors:me"), {"action": "accept-charter", "accept": "on"})
    client.post(reverse("mentors:me"), {"action": "submit"})
    mentor.refresh_from_db()
    assert mentor.status == "pending"


def test_a_used_or_forged_invitation_link_is_refused(client, directory):
    invite("Léa Moreau", "lea@example.org", ActorType.objects.get(code="ecole"), "bretagne")
    link = link_in(mail.outbox[0])
    response = client.get(link[:-4] + "abcd/", follow=True)
    assert "pas valide ou a expiré" in response.content.decode()


# --- Nobody reaches another mentor's data ------------------------------------------------------


def test_the_mentor_space_shows_only_the_logged_in_mentors_profile(client, directory):
    me = MentorProfileFactory(full_name="Claire", contact_email="claire@example.org", account=PASSWORD)
    other = MentorProfileFactory(full_name="Paul Autre", contact_email="paul.secret@example.org", account=PASSWORD)
    client.force_login(me.user)
    for url in [
        reverse("mentors:me"),
        reverse("mentors:me") + f"?id={other.pk}",
        reverse("mentors:me") + f"?slug={other.slug}",
    ]:
        html = client.get(url).content.decode()
        assert "Claire" in html and "Paul Autre" not in html and "paul.secret" not in html
    # A whole, valid form that names the other profile in the address and in the fields saves one's own.
    named = {"id": other.pk, "pk": other.pk, "slug": other.slug, "mentor": other.pk}
    response = client.post(f"{reverse('mentors:me')}?id={other.pk}", profile_data(me, full_name="Piraté") | named)
    assert response.status_code == 302
    me.refresh_from_db()
    other.refresh_from_db()
    assert (me.full_name, other.full_name) == ("Piraté", "Paul Autre")


@pytest.mark.parametrize(
    "url",
    [
        "/admin/mentors/mentorprofile/edit/{pk}/",
        "/admin/mentors/mentorprofile/inspect/{pk}/",
        "/admin/mentors/mentorprofile/delete/{pk}/",
        "/admin/mentors/mentorprofile/status/{pk}/?action=archive",
        "/admin/mentors/mentorprofile/",
        "/admin/mentors/mentorprofile/?export=csv",
        "/mentors/{slug}/",
        "/mentors/{slug}/demander/",
    ],
)
def test_a_mentor_cannot_reach_another_mentors_profile_by_id_or_slug(client, directory, url):
    me = MentorProfileFactory(full_name="Claire", account=PASSWORD)
    other = MentorProfileFactory(full_name="Paul", status="pending", contact_email="paul.secret@example.org")
    client.force_login(me.user)
    response = client.get(url.format(pk=other.pk, slug=other.slug))
    assert response.status_code in (403, 404) or (response.status_code == 302 and "/login/" in response["Location"]), (
        response.status_code
    )
    assert "paul.secret" not in response.content.decode()
    other.refresh_from_db()
    assert other.status == "pending"


def test_an_account_without_a_profile_gets_a_404_from_the_mentor_space(client, db):
    user = UserFactory()
    user.save()
    client.force_login(user)
    assert client.get(reverse("mentors:me")).status_code == 404


def test_the_mentor_space_requires_a_login(client, db):
    response = client.get(reverse("mentors:me"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_confirmation_tokens_are_bound_to_their_salt():
    with pytest.raises(signing.BadSignature):
        notifications.read_confirmation_token(signing.dumps({"mentor": 1, "email": "a@b.c"}))


def profile_data(mentor, **overrides):
    return {
        "action": "save",
        "full_name": mentor.full_name,
        "headline": mentor.headline,
        "organisation": mentor.organisation,
        "actor_type": mentor.actor_type_id,
        "bio": mentor.bio,
        "themes": theme_ids("open data"),
        "mentoring_models": [m.pk for m in mentor.mentoring_models.all()],
        "offers_individual": "on",
        "languages": [lang.pk for lang in mentor.languages.all()],
        "region": mentor.region,
        "meeting_mode": mentor.meeting_mode,
        "capacity": "2",
        "accepting_requests": "on",
        **overrides,
    }


def test_a_mentor_adds_a_photo_shown_on_the_public_profile(client, directory):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile

    from PIL import Image

    mentor = MentorProfileFactory(full_name="Claire", account=PASSWORD)
    client.force_login(mentor.user)
    buffer = io.BytesIO()
    Image.new("RGB", (200, 200), "teal").save(buffer, "PNG")
    photo = SimpleUploadedFile("claire.png", buffer.getvalue(), content_type="image/png")
    assert client.post(reverse("mentors:me"), profile_data(mentor, photo_file=photo)).status_code == 302
    mentor.refresh_from_db()
    assert mentor.photo.title == "Claire"
    assert 'class="avatar avatar--large"' in client.get(f"{directory.url}{mentor.slug}/").content.decode()


def test_the_photo_help_speaks_the_reader_s_language(client, directory):
    def photo_help(url):
        html = client.get(url).content.decode()
        return re.search(r'<div class="help" id="id_photo_file_helptext">(.*?)</div>', html, re.S).group(1)

    client.force_login(MentorProfileFactory(account=PASSWORD).user)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    for url in (reverse("mentors:apply"), reverse("mentors:me")):
        assert photo_help(url).startswith("Optional. A portrait, shown on your public profile. Supported formats: ")
        assert "Maximum filesize: 5.0\xa0MB." in photo_help(url)
    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    assert photo_help(reverse("mentors:me")).startswith(
        "Facultatif. Un portrait, affiché sur votre profil public. Formats acceptés\u00a0: "
    )


def test_a_file_that_is_not_an_image_is_refused_as_a_photo(client, directory):
    from django.core.files.uploadedfile import SimpleUploadedFile

    mentor = MentorProfileFactory(full_name="Claire", account=PASSWORD)
    client.force_login(mentor.user)
    fake = SimpleUploadedFile("virus.png", b"MZ not an image", content_type="image/png")
    response = client.post(reverse("mentors:me"), profile_data(mentor, photo_file=fake))
    assert response.status_code == 200
    assert "image" in response.context["form"].errors["photo_file"][0].lower()
    mentor.refresh_from_db()
    assert mentor.photo is None


def test_a_mentor_resets_a_forgotten_password_in_french(client, directory):
    MentorProfileFactory(contact_email="claire@example.org", account=PASSWORD)
    response = client.post(reverse("password_reset"), {"email": "claire@example.org"}, follow=True)
    assert "Si un compte utilise cette adresse" in response.content.decode()
    [message] = mail.outbox
    form_page = client.get(link_in(message), follow=True)
    new_password = "un tout nouveau mot de passe"
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new_password, "new_password2": new_password}, follow=True
    )
    assert "Votre nouveau mot de passe est enregistré." in response.content.decode()
    response = client.post(reverse("login"), {"username": "claire@example.org", "password": new_password})
    assert response.status_code == 302 and "_auth_user_id" in client.session


def test_the_password_reset_email_is_the_portal_s_own_with_links_on_the_site_address(client, directory, settings):
    settings.SITE_BASE_URL = "https://mentorat.example.org"
    MentorProfileFactory(contact_email="claire@example.org", account=PASSWORD)
    client.post(reverse("password_reset"), {"email": "claire@example.org"}, HTTP_HOST="127.0.0.1")
    [message] = mail.outbox
    assert message.subject == "Choisir un nouveau mot de passe pour Mentorat FabMob"
    assert message.from_email == settings.DEFAULT_FROM_EMAIL and message.to == ["claire@example.org"]
    assert re.search(r"^https://mentorat\.example\.org/comptes/reset/\S+/\S+/$", message.body, re.M)
    assert "Votre identifiant\u00a0: claire@example.org" in message.body
    assert message.body.rstrip().endswith("L’équipe Mentorat FabMob")
    assert "127.0.0.1" not in message.subject + message.body and "Au cas où" not in message.body


def test_the_invitation_email_links_to_the_site_address_too(directory, settings):
    settings.SITE_BASE_URL = "https://mentorat.example.org"
    invite("Léa Moreau", "lea@example.org", ActorType.objects.get(code="ecole"), "bretagne")
    [message] = mail.outbox
    assert re.search(r"^https://mentorat\.example\.org/mentors/bienvenue/\S+/\S+/$", message.body, re.M)


def test_a_mentor_logs_out(client, directory):
    mentor = MentorProfileFactory(account=PASSWORD)
    client.force_login(mentor.user)
    response = client.post(reverse("logout"), follow=True)
    assert response.redirect_chain[-1][0] == "/"
    assert client.get(reverse("mentors:me")).status_code == 302


def test_too_many_applications_for_one_address_are_refused_in_french(client, directory, settings):
    settings.FORM_RATE_PER_EMAIL = "2/h"
    for _ in range(2):
        client.post(reverse("mentors:apply"), application())
    response = client.post(reverse("mentors:apply"), application(full_name="Troisième essai"))
    assert response.status_code == 429
    assert "Trop de candidatures" in response.content.decode()
    assert MentorProfile.objects.get().full_name == "Camille Durand" and len(mail.outbox) == 2


def test_too_many_applications_from_one_address_ip_are_refused(client, directory, settings):
    settings.FORM_RATE_PER_IP = "2/h"
    for number in range(2):
        client.post(reverse("mentors:apply"), application(contact_email=f"spam{number}@example.org", accept_charter=""))
    response = client.post(reverse("mentors:apply"), application(contact_email="autre@example.org"))
    assert response.status_code == 429
    assert not MentorProfile.objects.exists()
