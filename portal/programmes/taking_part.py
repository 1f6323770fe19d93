"""Mentors taking part in iterations: joining with a number of mentees, and withdrawing.

A mentor joins from their own space while the iteration runs (live, not closed, not ended), with at most
as many mentees as their capacity, which requests and programmes share (mentors/load.py; rounds.seats). Culture Shift is
internal: only people of its organisation (by their address) mentor in it. Withdrawing drops the pairs
only proposed; with a pair published or under way, the coordinators are the ones to see.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.mentors.models import MentorStatus
from portal.programmes.models import MAX_CAPACITY, IterationPage, MentorOffer, PairStatus
from portal.taxonomy.models import MentoringModelCode


class TakingPartRefused(Exception):
    """The mentor cannot join or withdraw; the message says why."""


def running_iterations():
    """The iterations a mentor may join: published, public, not closed, not ended."""
    return (
        IterationPage.objects.live()
        .public()
        .filter(closed_at__isnull=True, ends_on__gte=timezone.localdate())
        .order_by("starts_on", "path")
    )


def may_mentor_in(mentor, iteration):
    """Culture Shift is internal: only the people of its organisation (by address) mentor in it."""
    if iteration.model_code != MentoringModelCode.CULTURE_SHIFT:
        return True
    own = iteration.organisations.first()
    return own is not None and own.owns(mentor.contact_email)


def most_mentees(mentor):
    return max(1, min(MAX_CAPACITY, mentor.capacity))


@transaction.atomic
def join(mentor, iteration, *, capacity, organisation=None):
    if mentor.status != MentorStatus.PUBLISHED:
        raise TakingPartRefused(_("Your profile must be published before you take part in an iteration."))
    if not running_iterations().filter(pk=iteration.pk).exists():
        raise TakingPartRefused(_("This iteration is over: it takes no more mentors."))
    if not 1 <= capacity <= most_mentees(mentor):
        raise TakingPartRefused(
            _("Take between 1 and %(most)s mentees: your capacity, shared with requests.")
            % {"most": most_mentees(mentor)}
        )
    if iteration.model_code == MentoringModelCode.CULTURE_SHIFT:
        own = iteration.organisations.first()
        if not may_mentor_in(mentor, iteration):
            raise TakingPartRefused(
                _("This iteration is internal to %(organisation)s: only its people mentor in it.")
                % {"organisation": own}
            )
        organisation = own
    elif organisation is not None and not iteration.organisations.filter(pk=organisation.pk).exists():
        raise TakingPartRefused(_("Choose one of the iteration’s organisations, or none."))
    offer, _created = MentorOffer.objects.update_or_create(
        iteration=iteration,
        mentor=mentor,
        defaults={"capacity": capacity, "organisation": organisation, "withdrawn_at": None},
    )
    return offer


@transaction.atomic
def withdraw(offer):
    offer = MentorOffer.objects.select_for_update().get(pk=offer.pk)
    if offer.pairs.filter(status__in=PairStatus.kept_on_rerun()).exists():
        raise TakingPartRefused(
            _("You have a pair published or under way in this iteration: write to its coordinators to leave it.")
        )
    offer.pairs.filter(status=PairStatus.PROPOSED).delete()
    offer.withdrawn_at = timezone.now()
    offer.save(update_fields=["withdrawn_at"])
    return offer
