"""The links of an Agilité circle's emails: its calendar, and leaving it (circles.py holds the rules)."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from portal.mail.outbox import absolute
from portal.programmes import circles, links


def invalid(request, error):
    return TemplateResponse(request, "mentors/invalid_link.html", {"message": str(error)}, status=400)


def calendar(request, token):
    try:
        circle = circles.circle_for_calendar(token)
    except links.InvalidLink as error:
        return invalid(request, error)
    response = HttpResponse(
        circles.calendar(circle, absolute(circle.iteration.url or "")), "text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="cercle.ics"'
    return response


def leave(request, token):
    """GET shows what leaving means (a mail scanner may open the link); the button leaves."""
    try:
        enrolment = circles.enrolment_to_leave(token)
    except links.InvalidLink as error:
        return invalid(request, error)
    if request.method == "POST":
        try:
            circles.leave(enrolment)
        except circles.CircleRefused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("You left the circle. Thank you for freeing your place."))
        return redirect(request.path)
    return TemplateResponse(request, "programmes/circle_leave.html", {"enrolment": enrolment})
