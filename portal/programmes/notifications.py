"""The emails of programmes, one function per event, all through the outbox (portal/mail/outbox.py).
Written in the site's language; subjects marked with gettext_noop and translated when sent."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from portal.mail import outbox
from portal.mail.outbox import absolute


def iteration_summary(iteration):
    return {
        "iteration": iteration.title,
        "iteration_url": absolute(iteration.url or ""),
        "starts": date_format(iteration.starts_on, "DATE_FORMAT"),
        "ends": date_format(iteration.ends_on, "DATE_FORMAT"),
        "closes": date_format(iteration.applications_close_on, "DATE_FORMAT"),
    }


def to_applicant(application, subject, template, **context):
    with translation.override(settings.LANGUAGE_CODE):
        outbox.send(
            _(subject) % {"iteration": application.iteration.title},
            template,
            iteration_summary(application.iteration) | {"name": application.full_name} | context,
            [application.email],
        )


def application_received(application):
    to_applicant(
        application,
        gettext_noop("Your application to %(iteration)s"),
        "programmes/emails/application_received.txt",
        challenge=application.challenge,
    )


def application_repeated(application):
    """Someone applied again with this address: the address is told, the page says nothing more."""
    to_applicant(
        application,
        gettext_noop("Your application to %(iteration)s"),
        "programmes/emails/application_repeated.txt",
    )


def answer_link(value):
    return absolute(reverse("programmes:pair-answer", args=[value]))


def pair_context(pair):
    mentor, application = pair.offer.mentor, pair.application
    return iteration_summary(pair.iteration) | {
        "participant_name": application.full_name,
        "participant_organisation": application.organisation.name if application.organisation else "",
        "challenge": application.challenge,
        "mentor_name": mentor.full_name,
        "headline": mentor.headline,
        "mentor_url": absolute(mentor.get_url()) if mentor.is_public else "",
    }


def send(subject, template, context, recipient):
    with translation.override(settings.LANGUAGE_CODE):
        outbox.send(_(subject) % context, template, context, [recipient])


def pair_published(pair, participant_token, mentor_token):
    """Both sides read who the other is (no address yet) and answer from their own link."""
    context = pair_context(pair)
    send(
        gettext_noop("Your mentor for %(iteration)s: %(mentor_name)s"),
        "programmes/emails/pair_published_participant.txt",
        context | {"answer_url": answer_link(participant_token)},
        pair.application.email,
    )
    send(
        gettext_noop("A mentee for %(iteration)s: %(participant_name)s"),
        "programmes/emails/pair_published_mentor.txt",
        context | {"answer_url": answer_link(mentor_token)},
        pair.offer.mentor.contact_email,
    )


def pair_live(pair):
    """Both accepted: each receives the other's address."""
    context = pair_context(pair) | {
        "participant_email": pair.application.email,
        "mentor_email": pair.offer.mentor.contact_email,
    }
    subject = gettext_noop("Your pair is confirmed: %(participant_name)s and %(mentor_name)s")
    for recipient in (pair.application.email, pair.offer.mentor.contact_email):
        send(subject, "programmes/emails/pair_live.txt", context, recipient)


def pair_declined(pair, declined_by):
    """The other side is told; neither learns why, and both return to the pool."""
    context = pair_context(pair)
    if declined_by == "participant":
        send(
            gettext_noop("%(participant_name)s will not be your mentee in %(iteration)s"),
            "programmes/emails/pair_declined.txt",
            context | {"name": context["mentor_name"], "other": context["participant_name"]},
            pair.offer.mentor.contact_email,
        )
    else:
        send(
            gettext_noop("%(mentor_name)s will not be your mentor in %(iteration)s"),
            "programmes/emails/pair_declined.txt",
            context | {"name": context["participant_name"], "other": context["mentor_name"]},
            pair.application.email,
        )


def application_decided(application):
    if application.status == "accepted":
        to_applicant(
            application,
            gettext_noop("Your application to %(iteration)s is accepted"),
            "programmes/emails/application_accepted.txt",
        )
    else:
        to_applicant(
            application,
            gettext_noop("Your application to %(iteration)s"),
            "programmes/emails/application_declined.txt",
        )


def invited(application):
    iteration = application.iteration
    to_applicant(
        application,
        gettext_noop("An invitation to %(iteration)s"),
        "programmes/emails/invited.txt",
        form_url=absolute(iteration.url + iteration.reverse_subpage("apply")),
    )


def calendar_link(value):
    return absolute(reverse("programmes:circle-calendar", args=[value]))


def leave_link(value):
    return absolute(reverse("programmes:circle-leave", args=[value]))


def circle_context(circle):
    sessions = [
        {
            "date": date_format(timezone.localtime(session.starts_at), "DATETIME_FORMAT"),
            "where": session.place or session.video_url,
        }
        for session in circle.sessions.order_by("starts_at")
    ]
    return iteration_summary(circle.iteration) | {
        "practice": circle.practice,
        "mentor_name": circle.mentor.full_name,
        "sessions": sessions,
    }


def circle_seat(enrolment, calendar_token, leave_token):
    application = enrolment.application
    context = circle_context(enrolment.circle) | {
        "name": application.full_name,
        "calendar_url": calendar_link(calendar_token),
        "leave_url": leave_link(leave_token),
    }
    send(
        gettext_noop("Your seat in the circle %(practice)s"),
        "programmes/emails/circle_seat.txt",
        context,
        application.email,
    )


def circle_newcomer(enrolment, calendar_token):
    """The mentor learns who joins their circle, with the calendar (the same for everyone)."""
    circle = enrolment.circle
    context = circle_context(circle) | {
        "participant_name": enrolment.application.full_name,
        "seated": circle.seats - circle.seats_left,
        "seats": circle.seats,
        "calendar_url": calendar_link(calendar_token),
    }
    send(
        gettext_noop("%(participant_name)s joins your circle %(practice)s"),
        "programmes/emails/circle_newcomer.txt",
        context,
        circle.mentor.contact_email,
    )


def circle_waiting(enrolment, position, leave_token):
    application = enrolment.application
    context = circle_context(enrolment.circle) | {
        "name": application.full_name,
        "position": position,
        "leave_url": leave_link(leave_token),
    }
    send(
        gettext_noop("The circle %(practice)s is full: you are on its waiting list"),
        "programmes/emails/circle_waiting.txt",
        context,
        application.email,
    )


def session_reminder(session):
    circle = session.circle
    context = circle_context(circle) | {
        "date": date_format(timezone.localtime(session.starts_at), "DATETIME_FORMAT"),
        "where": session.place or session.video_url,
    }
    recipients = [circle.mentor.contact_email] + [
        enrolment.application.email for enrolment in circle.seated.select_related("application")
    ]
    for recipient in recipients:
        send(
            gettext_noop("Tomorrow: the circle %(practice)s"),
            "programmes/emails/session_reminder.txt",
            context,
            recipient,
        )


def follow_up_link(name, value):
    return absolute(reverse(name, args=[value]))


def subject_label(subject):
    """« Ana Dupont et Uma Roux » for a pair, the practice for a circle."""
    if hasattr(subject, "application"):
        return _("%(participant)s and %(mentor)s") % {
            "participant": subject.application.full_name,
            "mentor": subject.offer.mentor.full_name,
        }
    return subject.practice


def check_in(subject, name, address, value):
    context = iteration_summary(subject.iteration) | {
        "name": name,
        "label": subject_label(subject),
        "check_in_url": follow_up_link("programmes:check-in", value),
    }
    send(
        gettext_noop("Half-way through %(iteration)s: how is it going?"),
        "programmes/emails/check_in.txt",
        context,
        address,
    )


def closing_feedback(subject, name, address, value):
    context = iteration_summary(subject.iteration) | {
        "name": name,
        "label": subject_label(subject),
        "feedback_url": follow_up_link("programmes:feedback", value),
    }
    send(
        gettext_noop("%(iteration)s is over: how did it go?"),
        "programmes/emails/closing_feedback.txt",
        context,
        address,
    )


def circle_leaver(enrolment, moved_up):
    """The mentor learns who left their circle, and who takes the seat (or that it is free)."""
    circle = enrolment.circle
    context = circle_context(circle) | {
        "participant_name": enrolment.application.full_name,
        "newcomer": moved_up.application.full_name if moved_up else "",
    }
    send(
        gettext_noop("%(participant_name)s left your circle %(practice)s"),
        "programmes/emails/circle_leaver.txt",
        context,
        circle.mentor.contact_email,
    )
