"""Who may apply to an iteration, and the coordinators' decisions on applications.

An application is refused, with the reason, when the iteration does not take applications now (not live,
closed, outside its window, every place held), when it is by invitation and the address was not invited,
or, in Culture Shift, when the address is not one of the organisation's. An address that already applied
is answered as a new one would be, and the address is told by email: the page never says who applied.
Places are counted under a lock on the iteration, so that two people sending the last place's form at the
same moment do not both get it.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from portal.programmes import circles, notifications
from portal.programmes.models import Application, ApplicationStatus, IterationPage, PairStatus
from portal.taxonomy.models import MentoringModelCode


class ApplicationRefused(Exception):
    """The application cannot be taken; the message says why, in the applicant's words."""


def closed_reason(iteration, today=None):
    """Why the iteration takes no application now, or None when it does."""
    today = today or timezone.localdate()
    if not iteration.live or iteration.closed_at:
        return _("This iteration is over.")
    if today < iteration.applications_open_on:
        return _("Applications open on %(opens)s.") % {
            "opens": date_format(iteration.applications_open_on, "DATE_FORMAT")
        }
    if today > iteration.applications_close_on:
        return _("Applications are closed.")
    if iteration.places_left <= 0:
        return _("Every place is taken.")
    return None


@transaction.atomic
def apply(iteration, *, email, themes=(), circle=None, **fields):
    """Record an application (received, holding a place) and confirm it by email; raises ApplicationRefused."""
    # One application at a time per iteration: the places left are counted and taken under this lock.
    iteration = IterationPage.objects.select_for_update().get(pk=iteration.pk)
    reason = closed_reason(iteration)
    if reason:
        raise ApplicationRefused(reason)
    earlier = Application.objects.filter(iteration=iteration, email__iexact=email).first()
    if earlier and earlier.status != ApplicationStatus.INVITED:
        notifications.application_repeated(earlier)
        return earlier
    if iteration.invitation_only and earlier is None:
        raise ApplicationRefused(_("This iteration is by invitation: ask its coordinators to invite you."))
    if iteration.model_code == MentoringModelCode.CULTURE_SHIFT:
        organisation = iteration.organisations.first()
        if organisation is None or not organisation.owns(email):
            raise ApplicationRefused(
                _("This iteration is for the people of %(organisation)s: apply with your address there.")
                % {"organisation": organisation}
            )
        fields["organisation"] = organisation
        fields["manager_email"] = fields.get("manager_email", "")
    else:
        fields["manager_email"] = ""
    application = earlier or Application(iteration=iteration, email=email)
    for name, value in fields.items():
        setattr(application, name, value)
    application.status = ApplicationStatus.RECEIVED
    application.consent_at = timezone.now()
    application.save()
    application.themes.set(themes)
    if circle is not None:  # Agilité: a seat in the chosen circle, or its waiting list (the email says which)
        circles.enrol(circle, application)
    else:
        notifications.application_received(application)
    return application


def decide(application, accepted):
    """A coordinator accepts an application (it enters the next pairing round) or declines it (its place is
    freed); the applicant is told. An application whose pair is published or under way stays as it is."""
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.status not in (ApplicationStatus.RECEIVED, ApplicationStatus.ACCEPTED, ApplicationStatus.DECLINED):
            raise ApplicationRefused(_("Only a received application can be accepted or declined."))
        if not accepted and locked.pairs.filter(status__in=PairStatus.kept_on_rerun()).exists():
            raise ApplicationRefused(_("This participant has a pair published or under way: it stays."))
        wanted = ApplicationStatus.ACCEPTED if accepted else ApplicationStatus.DECLINED
        if locked.status == wanted:
            return locked
        locked.status = wanted
        locked.save(update_fields=["status"])
        if not accepted:
            locked.pairs.filter(status=PairStatus.PROPOSED).delete()
        notifications.application_decided(locked)
    return locked


def invite(iteration, *, full_name, email):
    """Invite someone to apply (an iteration by invitation, or any): they receive the form's address."""
    with transaction.atomic():
        if Application.objects.filter(iteration=iteration, email__iexact=email).exists():
            raise ApplicationRefused(_("This address is already invited or has applied."))
        application = Application.objects.create(
            iteration=iteration, full_name=full_name, email=email, status=ApplicationStatus.INVITED
        )
        notifications.invited(application)
    return application
