"""Applying to mentor, and who controls an address before it is proven.

An application asks for no password: an address belongs to whoever reads its mail, so the account only
gets a password, and opens, when the person follows the emailed link and chooses one there. Until then
the address is not claimed: applying again with it replaces the unconfirmed application and sends the
link again to the address, and "forgotten password" sends that same link. Nobody can hold another
person's address by applying with it first.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from portal.mentors import notifications
from portal.mentors.models import MentorProfile, MentorStatus


def is_unconfirmed_application(mentor):
    """An application whose address was never proven: its account is not open yet."""
    return mentor.email_confirmed_at is None and mentor.user is not None and not mentor.user.is_active


def is_unanswered_invitation(mentor):
    """An editor invited this mentor, who has not chosen a password yet."""
    return mentor.email_confirmed_at is None and mentor.user is not None and not mentor.user.has_usable_password()


@transaction.atomic
def receive(form, charter):
    """Store a valid application form and email its address; the answer to the applicant is always the same.

    A new address gets an account without a password and a draft profile. An address whose application is
    still unconfirmed gets this application instead of the earlier one. An address already in use is told so,
    by email to itself."""
    email = form.cleaned_data["contact_email"]
    mentor = MentorProfile.objects.select_related("user").filter(contact_email__iexact=email).first()
    if mentor is None and not get_user_model().objects.filter(username__iexact=email).exists():
        user = get_user_model().objects.create_user(username=email, email=email, password=None, is_active=False)
        save_application(form, charter, user)
    elif mentor is not None and is_unconfirmed_application(mentor):
        again = type(form)(form.data, form.files, instance=mentor)
        again.is_valid()  # the same data, valid a moment ago
        save_application(again, charter, mentor.user)
    else:
        notifications.send_already_registered(email)


def save_application(form, charter, user):
    mentor = form.save(commit=False)
    mentor.user = user
    mentor.status = MentorStatus.DRAFT
    if charter:
        mentor.charter_version = charter.version
        mentor.charter_accepted_at = timezone.now()
    mentor.save()
    form.save_m2m()
    notifications.send_confirmation(mentor)
    return mentor


def send_set_password_link(email):
    """ "Forgotten password" for an address not proven yet: the link that proves it and sets the password
    (Django's own reset skips accounts without a password or closed)."""
    for mentor in MentorProfile.objects.select_related("user").filter(contact_email__iexact=email):
        if is_unconfirmed_application(mentor):
            notifications.send_confirmation(mentor)
        elif is_unanswered_invitation(mentor):
            notifications.send_invitation(mentor)
