"""A mentor's photo: how large it may be, one per mentor, and out of reach while the profile is not public.

Wagtail serves originals and renditions as plain files under MEDIA_URL: the web server hands them to anyone
who has the address, without asking whose photo it is (collection privacy covers documents, which Wagtail
serves through a view, not images). So what keeps a photo private is its address:

- a photo's file gets a secret random name (128 bits) when it is uploaded through the mentor's forms, and
  its renditions' names derive from it: nobody can guess where a pending mentor's photo lies;
- only the pages of published profiles show a photo, so only published mentors' addresses are ever seen;
- when a profile stops being published (paused, archived) its photo takes a new secret name and its
  renditions are deleted: the addresses seen while it was public lead nowhere any more;
- a new photo replaces the old one, whose original and renditions are deleted; deleting a mentor deletes
  their photo. An image that also serves elsewhere (a library image an editor chose, used on a page) is
  left alone.
"""

import os
import re
import secrets

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from wagtail.images import get_image_model
from wagtail.images.fields import WagtailImageField
from wagtail.models import ReferenceIndex

from portal.mentors.models import MentorProfile, MentorStatus

PHOTO_FOLDER = "original_images"
SECRET_NAME = re.compile(r"[0-9a-f]{32}\.\w+")


class PhotoField(WagtailImageField):
    """Wagtail's image field (format, file size, and pixel count read from the header without decoding the
    image) with a refusal of oversized images a person understands."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail writes its help text in the language active when the field is built, and replaces any
        # help text given to it: built with each form, it speaks the reader's language.
        self.help_text = format_lazy("{} {}", _("Optional. A portrait, shown on your public profile."), self.help_text)

    def check_image_pixel_size(self, f):
        try:
            super().check_image_pixel_size(f)
        except ValidationError as error:
            if error.code != "file_too_many_pixels":
                raise
            megapixels = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS // 1_000_000
            message = _(
                "This image has more than %(megapixels)s million pixels: send a smaller portrait "
                "(2,000 × 2,000 pixels are plenty)."
            )
            raise ValidationError(message % {"megapixels": megapixels}, code="file_too_many_pixels") from None


def secret_name(filename):
    """A file name nobody can guess, keeping the extension Wagtail checks against the format."""
    extension = os.path.splitext(filename)[1].lower()
    return f"{secrets.token_hex(16)}{extension}"


def has_secret_name(image):
    return bool(SECRET_NAME.fullmatch(os.path.basename(image.file.name)))


def new_photo(mentor, upload):
    """Store an uploaded photo for the mentor, under a secret name (the mentor's save replaces the old one)."""
    upload.name = secret_name(upload.name)
    photo = get_image_model()(title=mentor.full_name, file=upload)
    photo.save()
    return photo


def used_elsewhere(image, mentor):
    """Is the image also another mentor's photo, or used by a page, snippet or setting?"""
    others = MentorProfile.objects.filter(photo=image).exclude(pk=mentor.pk)
    # Wagtail's reference index also lists mentors' photos: those are counted above.
    elsewhere = ReferenceIndex.get_references_to(image).exclude(
        base_content_type=ContentType.objects.get_for_model(MentorProfile)
    )
    return others.exists() or elsewhere.exists()


def discard(image, mentor):
    """Delete a photo the mentor no longer uses: Wagtail deletes its renditions and, once the transaction
    is committed, their files and the original."""
    if not used_elsewhere(image, mentor):
        image.delete()


def conceal(image, mentor):
    """Give the photo a new secret name and delete its renditions: every address of it seen so far is dead."""
    if used_elsewhere(image, mentor):
        return
    storage = image.file.storage
    old_name = image.file.name
    for rendition in image.renditions.all():
        rendition.delete()  # Wagtail's signal deletes the rendition's file once committed
    if not storage.exists(old_name):
        return  # a lost file: nothing left to hide
    with storage.open(old_name) as content:
        new_name = storage.save(f"{PHOTO_FOLDER}/{secret_name(old_name)}", File(content))
    # An update rather than image.save(): nothing else about the image changes.
    type(image).objects.filter(pk=image.pk).update(file=new_name)
    image.file.name = new_name
    transaction.on_commit(lambda: storage.delete(old_name))


def remember_state(mentor, update_fields=None):
    """Before a save: note the status and photo stored so far, to see after the save what changed."""
    if mentor._state.adding:
        mentor._photo_state = {"status": None, "photo": None}
    elif update_fields is not None and not {"status", "photo"} & set(update_fields):
        mentor._photo_state = None
    else:
        mentor._photo_state = MentorProfile.objects.filter(pk=mentor.pk).values("status", "photo").first()


def apply_rules(mentor):
    """After a save: a replaced photo is deleted; a profile that stopped being public hides its photo, and
    so does one that is not public and was given a library image (an editor's upload, under its own name)."""
    before = getattr(mentor, "_photo_state", None)
    mentor._photo_state = None
    if not before:
        return
    Image = get_image_model()
    photo_changed = before["photo"] != mentor.photo_id
    if before["photo"] and photo_changed:
        old = Image.objects.filter(pk=before["photo"]).first()
        if old:
            discard(old, mentor)
    if not mentor.photo_id or mentor.status == MentorStatus.PUBLISHED:
        return
    if before["status"] == MentorStatus.PUBLISHED or (photo_changed and not has_secret_name(mentor.photo)):
        conceal(mentor.photo, mentor)


def mentor_deleted(mentor):
    if mentor.photo_id:
        photo = get_image_model().objects.filter(pk=mentor.photo_id).first()
        if photo:
            discard(photo, mentor)
