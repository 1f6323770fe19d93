"""Publishing a round's pairs, and each side's answer.

Publishing emails both sides a link to accept or decline their pair. The participant reads the mentor's
name and public profile, the mentor the participant's name, organisation and challenge; neither reads the
other's address until both accept. Then the pair is under way, and both receive each other's address.
A decline ends the pair at once: both return to the pool, the other side is told, and no later round
proposes that pair again (rounds.py forbids declined pairs).

A published pair holds one of the mentor's places at once, as an accepted request does (mentors/load.py).
Links are signed, valid LINK_DAYS days, and opening one changes nothing (a mail scanner may open it).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.mentors import load
from portal.programmes import links, notifications
from portal.programmes.models import Answer, Pair, PairStatus

LINK_DAYS = 60
SALT = "portal.programmes.pair-answer"
PARTICIPANT, MENTOR = "participant", "mentor"


class AnswerRefused(Exception):
    """The answer cannot be taken; the message says why."""


def pairs_under_way(mentor):
    """The mentor's pairs published or under way, for their load."""
    return Pair.objects.filter(offer__mentor=mentor, status__in=PairStatus.kept_on_rerun()).count()


def token(pair, role):
    return links.make(SALT, "answer", pair.pk, role)


def read(value):
    """(pair, role) from a link's token; links.InvalidLink with the reason in words otherwise."""
    pk, role = links.read(value, SALT, LINK_DAYS, "answer", 2)
    pair = Pair.objects.select_related("application", "offer__mentor", "iteration").filter(pk=pk).first()
    if pair is None or role not in (PARTICIPANT, MENTOR):
        raise links.InvalidLink(_("This pair no longer exists: the coordinators ran the round again."))
    return pair, role


def publish(iteration):
    """Publish every proposed pair of the iteration and email both sides; returns how many."""
    with transaction.atomic():
        pairs = list(
            iteration.pairs.select_for_update()
            .filter(status=PairStatus.PROPOSED)
            .select_related("application", "offer__mentor", "iteration")
        )
        now = timezone.now()
        for pair in pairs:
            pair.status, pair.published_at = PairStatus.PUBLISHED, now
            pair.save(update_fields=["status", "published_at"])
        for mentor in {pair.offer.mentor for pair in pairs}:
            load.refresh(mentor)
        for pair in pairs:
            notifications.pair_published(pair, token(pair, PARTICIPANT), token(pair, MENTOR))
    return len(pairs)


def answer(pair, role, accepted):
    """Record one side's answer. Both accepted: under way. One declined: declined for both."""
    with transaction.atomic():
        locked = Pair.objects.select_for_update().select_related("application", "offer__mentor").get(pk=pair.pk)
        if locked.status != PairStatus.PUBLISHED:
            raise AnswerRefused(already_message(locked))
        field = "participant_answer" if role == PARTICIPANT else "mentor_answer"
        if getattr(locked, field):
            raise AnswerRefused(_("You already answered: the other side has not yet."))
        setattr(locked, field, Answer.ACCEPTED if accepted else Answer.DECLINED)
        if not accepted:
            locked.status = PairStatus.DECLINED
        elif locked.participant_answer == locked.mentor_answer == Answer.ACCEPTED:
            locked.status = PairStatus.LIVE
        locked.answered_at = timezone.now()
        locked.save(update_fields=[field, "status", "answered_at"])
        if locked.status == PairStatus.DECLINED:
            load.refresh(locked.offer.mentor)
            notifications.pair_declined(locked, declined_by=role)
        elif locked.status == PairStatus.LIVE:
            notifications.pair_live(locked)
    return locked


def already_message(pair):
    return {
        PairStatus.PROPOSED: _("This pair is not published yet."),
        PairStatus.LIVE: _("This pair is already under way."),
        PairStatus.DECLINED: _("This pair was declined: the coordinators will propose another one."),
        PairStatus.ENDED: _("This pair has ended."),
    }.get(pair.status, _("This change is not possible any more."))
