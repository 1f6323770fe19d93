"""Applying to an iteration. Rules live in applications.py; these views only read the form and show results."""

from django.conf import settings
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from portal.form_protection import Verdict, flooded, hold_back, honeypot_verdict
from portal.programmes import applications
from portal.programmes.forms import ApplicationForm

# This browser just applied: the confirmation page says so once.
SENT_APPLICATION = "programme_application_sent"
TEMPLATE = "programmes/application_form.html"


def apply(request, page):
    """The application form of an iteration (a translation's form applies to its French page)."""
    iteration = page.source_page
    context = page.get_context(request)
    closed = applications.closed_reason(iteration)
    form = ApplicationForm(request.POST or None, iteration=iteration)
    context |= {"form": form, "closed": closed}
    if request.method != "POST" or closed:
        return TemplateResponse(request, TEMPLATE, context, status=409 if request.method == "POST" else 200)
    sent_url = page.url + page.reverse_subpage("application-sent")
    verdict = honeypot_verdict(request)
    if verdict is Verdict.BOT:
        return redirect(sent_url)  # nothing stored, nothing to tell it
    if verdict is Verdict.HURRIED:
        hold_back(form)
        return TemplateResponse(request, TEMPLATE, context)
    too_many = _("Too many applications were sent from here or for this address: try again in an hour.")
    email = request.POST.get("email", "")
    if flooded(request, form, "programme-application", email, too_many, per_ip=settings.PROGRAMME_RATE_PER_IP):
        return TemplateResponse(request, TEMPLATE, context, status=429)
    if form.is_valid():
        try:
            applications.apply(iteration, **form.application_fields())
        except applications.ApplicationRefused as refused:
            form.add_error(None, str(refused))
        else:
            request.session[SENT_APPLICATION] = iteration.pk
            return redirect(sent_url)
    return TemplateResponse(request, TEMPLATE, context)


def application_sent(request, page):
    """The confirmation, the same whoever applied (the email says more to the address's owner)."""
    context = page.get_context(request) | {"sent": request.session.pop(SENT_APPLICATION, None) is not None}
    return TemplateResponse(request, "programmes/application_sent.html", context)
