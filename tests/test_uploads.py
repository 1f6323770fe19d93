"""Mentors' photos: limited in size and pixels (read from the header, never decoded to be refused), one per
mentor, and out of reach while the profile is not public."""

import io
import os
import struct
import zlib

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.images import get_image_model

import pytest
import wagtail_factories
from PIL import Image as PILImage
from PIL import ImageFile

from portal.mentors import lifecycle
from portal.mentors.forms import MentorApplicationForm
from portal.mentors.models import MentorProfile
from tests.factories import ChallengePageFactory, MentorProfileFactory

pytestmark = pytest.mark.django_db
PASSWORD = "une phrase de passe solide"
TOO_MANY_PIXELS = (
    "Cette image compte plus de 25\u00a0millions de pixels\u00a0: envoyez un portrait plus petit "
    "(2\u00a0000\u00a0×\u00a02\u00a0000\u00a0pixels suffisent largement)."
)


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_of(width, height):
    """A valid black-and-white PNG of width by height pixels: a few dozen kilobytes that decode into
    width * height / 8 bytes or more."""
    row = b"\x00" + bytes((width + 7) // 8)
    compressor = zlib.compressobj(9)
    pixels = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", pixels) + png_chunk(b"IEND", b"")


def portrait(name="portrait.png", colour="teal"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (300, 300), colour).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def profile_data(mentor, **overrides):
    return {
        "action": "save",
        "full_name": mentor.full_name,
        "headline": mentor.headline,
        "organisation": mentor.organisation,
        "actor_type": mentor.actor_type_id,
        "bio": mentor.bio,
        "themes": [theme.pk for theme in mentor.themes.all()],
        "mentoring_models": [m.pk for m in mentor.mentoring_models.all()],
        "offers_individual": "on",
        "languages": [lang.pk for lang in mentor.languages.all()],
        "region": mentor.region,
        "meeting_mode": mentor.meeting_mode,
        "capacity": "2",
        "accepting_requests": "on",
        **overrides,
    }


@pytest.fixture
def mentor(client, directory):
    mentor = MentorProfileFactory(full_name="Claire Martin", account=PASSWORD)
    client.force_login(mentor.user)
    return mentor


@pytest.fixture
def no_decoding(monkeypatch):
    """Any attempt to decode an image's pixels fails the test."""

    def refuse(self, *args, **kwargs):
        raise AssertionError("the image was decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", refuse)


def send_photo(client, mentor, upload):
    return client.post(reverse("mentors:me"), profile_data(mentor, photo_file=upload))


def stored_names(image):
    """The files an image occupies in the media folder: its original and its renditions."""
    return [image.file.name, *(rendition.file.name for rendition in image.renditions.all())]


def test_a_photo_of_121_megapixels_is_refused_in_french_without_being_decoded(client, mentor, no_decoding):
    bomb = png_of(11_000, 11_000)
    assert len(bomb) < 200_000
    response = send_photo(client, mentor, SimpleUploadedFile("moi.png", bomb, content_type="image/png"))
    assert response.status_code == 200
    assert response.context["form"].errors["photo_file"] == [TOO_MANY_PIXELS]
    assert TOO_MANY_PIXELS in response.content.decode()
    mentor.refresh_from_db()
    assert mentor.photo is None and not get_image_model().objects.exists()


def test_a_decompression_bomb_beyond_pillow_s_own_limit_is_refused_the_same_way(client, mentor, no_decoding):
    bomb = png_of(20_000, 20_000)  # 400 megapixels: Pillow refuses to open it at all
    response = send_photo(client, mentor, SimpleUploadedFile("moi.png", bomb, content_type="image/png"))
    assert response.context["form"].errors["photo_file"] == [TOO_MANY_PIXELS]
    assert not get_image_model().objects.exists()


def test_the_application_form_refuses_the_same_photo(directory, no_decoding):
    form = MentorApplicationForm(
        data={}, files={"photo_file": SimpleUploadedFile("moi.png", png_of(11_000, 11_000), content_type="image/png")}
    )
    form.is_valid()
    assert form.errors["photo_file"] == [TOO_MANY_PIXELS]


def test_a_photo_over_5_mb_is_refused_in_french(client, mentor):
    padded = portrait().read() + bytes(5 * 1024 * 1024)
    response = send_photo(client, mentor, SimpleUploadedFile("moi.png", padded, content_type="image/png"))
    assert response.context["form"].errors["photo_file"] == [
        "Ce fichier est trop lourd (5,0\u00a0Mio). Taille maximale\u00a0: 5,0\u00a0Mio."
    ]
    assert not get_image_model().objects.exists()


def test_the_photo_field_announces_the_limits(client, mentor):
    help_text = str(client.get(reverse("mentors:me")).context["form"].fields["photo_file"].help_text)
    assert help_text.startswith("Facultatif. Un portrait, affiché sur votre profil public.")
    assert "5,0\u00a0Mio" in help_text


def test_editors_uploads_in_the_admin_obey_the_same_pixel_limit(editor_client):
    bomb = SimpleUploadedFile("affiche.png", png_of(11_000, 11_000), content_type="image/png")
    response = editor_client.post(reverse("wagtailimages:add"), {"title": "Affiche", "file": bomb})
    assert response.status_code == 200
    assert "25000000" in response.content.decode()
    assert not get_image_model().objects.exists()


def test_an_uploaded_photo_is_stored_under_a_secret_name(client, mentor):
    send_photo(client, mentor, portrait("claire-martin.png"))
    mentor.refresh_from_db()
    name = os.path.basename(mentor.photo.file.name)
    assert "claire" not in name
    assert len(name.removesuffix(".png")) == 32


def test_replacing_a_photo_leaves_one_image_and_deletes_the_old_files(
    client, mentor, directory, django_capture_on_commit_callbacks
):
    send_photo(client, mentor, portrait(colour="teal"))
    mentor.refresh_from_db()
    old = mentor.photo
    client.get(f"{directory.url}{mentor.slug}/")  # the public profile makes renditions: its avatar and share card
    old_files = stored_names(old)
    assert len(old_files) == 3 and all(default_storage.exists(name) for name in old_files)

    with django_capture_on_commit_callbacks(execute=True):
        send_photo(client, mentor, portrait(colour="orange"))

    mentor.refresh_from_db()
    assert list(get_image_model().objects.all()) == [mentor.photo]
    assert not any(default_storage.exists(name) for name in old_files)
    assert default_storage.exists(mentor.photo.file.name)


def test_a_library_image_used_on_a_page_survives_being_replaced_as_a_photo(client, mentor, challenge_index):
    shared = wagtail_factories.ImageFactory(title="Atelier")
    ChallengePageFactory(parent=challenge_index, title="Ouvrir ses données", listing_image=shared)
    mentor.photo = shared
    mentor.save()
    send_photo(client, mentor, portrait())
    assert get_image_model().objects.filter(pk=shared.pk).exists()
    assert get_image_model().objects.count() == 2


def test_deleting_a_mentor_deletes_the_photo_and_its_files(
    client, mentor, directory, django_capture_on_commit_callbacks
):
    send_photo(client, mentor, portrait())
    mentor.refresh_from_db()
    client.get(f"{directory.url}{mentor.slug}/")
    files = stored_names(mentor.photo)
    with django_capture_on_commit_callbacks(execute=True):
        mentor.user.delete()
    assert not MentorProfile.objects.exists() and not get_image_model().objects.exists()
    assert not any(default_storage.exists(name) for name in files)


def public_outputs(client, directory, challenge, mentor):
    """Everything a visitor can read that could show a mentor's photo."""
    urls = [
        "/",
        directory.url,
        f"{directory.url}?q=Claire",
        f"{directory.url}{mentor.slug}/",
        challenge.url,
        "/search/?q=Claire",
        "/api/v1/mentors/",
        f"/api/v1/challenges/{challenge.slug}/mentors/",
    ]
    outputs = {url: client.get(url).content.decode() for url in urls}
    outputs["match"] = client.post("/api/v1/match/", {"text": "ouvrir les données"}, content_type="application/json")
    outputs["match"] = outputs["match"].content.decode()
    return outputs


@pytest.mark.parametrize("status", ["draft", "pending", "paused", "archived"])
def test_an_unpublished_mentor_s_photo_is_on_no_public_page_nor_in_the_api(client, directory, challenge_index, status):
    challenge = ChallengePageFactory(parent=challenge_index, title="Ouvrir ses données", themes=["open data"])
    mentor = MentorProfileFactory(full_name="Claire Martin", status=status, account=PASSWORD)
    client.force_login(mentor.user)
    send_photo(client, mentor, portrait())
    client.logout()
    mentor.refresh_from_db()
    secret = os.path.splitext(os.path.basename(mentor.photo.file.name))[0]
    for url, output in public_outputs(client, directory, challenge, mentor).items():
        assert secret not in output, url


def test_the_published_mentor_s_photo_is_shown(client, directory, challenge_index, mentor):
    """The counterpart of the test above: the same outputs do show a published mentor's photo."""
    challenge = ChallengePageFactory(parent=challenge_index, title="Ouvrir ses données", themes=["open data"])
    send_photo(client, mentor, portrait())
    client.logout()
    mentor.refresh_from_db()
    secret = os.path.splitext(os.path.basename(mentor.photo.file.name))[0]
    outputs = public_outputs(client, directory, challenge, mentor)
    assert secret in outputs[f"{directory.url}{mentor.slug}/"] and secret in outputs[directory.url]


@pytest.mark.parametrize("leave", [lifecycle.pause, lifecycle.archive])
def test_the_addresses_of_a_photo_seen_while_public_lead_nowhere_once_unpublished(
    client, mentor, directory, django_capture_on_commit_callbacks, leave
):
    send_photo(client, mentor, portrait())
    mentor.refresh_from_db()
    client.get(f"{directory.url}{mentor.slug}/")
    client.get(directory.url)
    seen = stored_names(mentor.photo)
    assert len(seen) == 4  # the original, the profile's avatar and share card, the directory's avatar

    with django_capture_on_commit_callbacks(execute=True):
        leave(mentor)

    mentor.refresh_from_db()
    assert not any(default_storage.exists(name) for name in seen)
    assert mentor.photo.file.name not in seen and default_storage.exists(mentor.photo.file.name)
    assert not mentor.photo.renditions.exists()
    assert "avatar avatar--large" in mentor_space(client, mentor)


def mentor_space(client, mentor):
    """The mentor still has their photo: approved again, it shows on the profile."""
    lifecycle.approve(mentor)
    client.logout()
    return client.get(mentor.get_url()).content.decode()


def test_an_editor_s_library_image_chosen_for_a_pending_mentor_takes_a_secret_name(directory):
    mentor = MentorProfileFactory(status="pending")
    chosen = wagtail_factories.ImageFactory(title="Portrait", file__filename="claire-martin.jpg")
    mentor.photo = chosen
    mentor.save()
    chosen.refresh_from_db()
    assert "claire" not in chosen.file.name and os.path.basename(chosen.file.name).endswith(".jpg")
