"""The members' forms as visitors use them. Protection (honeypot, limits) comes from
portal/form_protection.py; what happens to a proposal afterwards lives in proposals.py."""

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from portal.contributions import notifications
from portal.contributions.forms import ChallengeProposalForm, NeedsSurveyForm
from portal.form_protection import caught_by_honeypot, flooded

LIMIT_MESSAGE = gettext_noop("Too many submissions were sent from here or for this address: try again in an hour.")


def limited(request, form, form_name, email=""):
    return flooded(request, form, form_name, email, _(LIMIT_MESSAGE))


def serve_idea_form(page, request, serve, *args, **kwargs):
    """Wagtail's form page, with the rate limit before anything is stored."""
    if request.method == "POST" and not caught_by_honeypot(request):
        email = next((value for key, value in request.POST.items() if "mail" in key and "@" in value), "")
        form = page.get_form(request.POST, request.FILES, page=page, user=request.user)
        if limited(request, form, "idea", email):
            context = page.get_context(request) | {"form": form}
            return TemplateResponse(request, page.get_template(request), context, status=429)
    return serve(request, *args, **kwargs)


def propose_challenge(request, index_page):
    form = ChallengeProposalForm(request.POST or None)
    context = index_page.get_context(request) | {"form": form}
    if request.method == "POST":
        if caught_by_honeypot(request):
            return redirect(index_page.url + index_page.reverse_subpage("proposal-sent"))
        if limited(request, form, "challenge-proposal", request.POST.get("email", "")):
            return TemplateResponse(request, "contributions/propose_challenge.html", context, status=429)
        if form.is_valid():
            proposal = form.save(commit=False)
            proposal.consent_at = timezone.now()
            proposal.save()
            form.save_m2m()
            notifications.proposal_received(proposal)
            return redirect(index_page.url + index_page.reverse_subpage("proposal-sent"))
    return TemplateResponse(request, "contributions/propose_challenge.html", context)


def proposal_sent(request, index_page):
    return TemplateResponse(request, "contributions/proposal_sent.html", index_page.get_context(request))


def serve_needs_survey(page, request):
    form = NeedsSurveyForm(request.POST or None)
    context = page.get_context(request) | {"form": form, "thanks": request.GET.get("merci") == "1"}
    if request.method == "POST":
        if caught_by_honeypot(request):
            return redirect(f"{page.url}?merci=1")
        if limited(request, form, "needs-survey"):
            return TemplateResponse(request, page.get_template(request), context, status=429)
        if form.is_valid():
            answer = form.save(commit=False)
            answer.consent_at = timezone.now()
            answer.save()
            form.save_m2m()
            return redirect(f"{page.url}?merci=1#merci")
    return TemplateResponse(request, page.get_template(request), context)
