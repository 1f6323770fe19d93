"""The members' forms as visitors use them. Protection (honeypot, limits) comes from
portal/form_protection.py; what happens to a proposal afterwards lives in proposals.py."""

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from portal.contributions import notifications
from portal.contributions.forms import ChallengeProposalForm, NeedsSurveyForm
from portal.form_protection import Verdict, flooded, hold_back, honeypot_verdict

LIMIT_MESSAGE = gettext_noop("Too many submissions were sent from here or for this address: try again in an hour.")


def limited(request, form, form_name, email=""):
    return flooded(request, form, form_name, email, _(LIMIT_MESSAGE))


def serve_idea_form(page, request, serve, *args, **kwargs):
    """Wagtail's form page, with the honeypot's verdict and the rate limit before anything is stored.

    The limit applies whatever the page's honeypot setting.
    """
    if request.method == "GET" and request.GET.get("envoye") == "1":
        return page.render_landing_page(request)
    if request.method == "POST":
        verdict = honeypot_verdict(request) if page.honeypot else Verdict.PERSON
        if verdict is Verdict.BOT:
            return page.render_landing_page(request)  # nothing stored, nothing to tell it
        form = page.get_form(request.POST, request.FILES, page=page, user=request.user)
        context = page.get_context(request) | {"form": form}
        if verdict is Verdict.HURRIED:
            hold_back(form)
            return TemplateResponse(request, page.get_template(request), context)
        email = next((value for key, value in request.POST.items() if "mail" in key and "@" in value), "")
        if limited(request, form, "idea", email):
            return TemplateResponse(request, page.get_template(request), context, status=429)
    return serve(request, *args, **kwargs)


def propose_challenge(request, index_page):
    form = ChallengeProposalForm(request.POST or None)
    context = index_page.get_context(request) | {"form": form}
    if request.method == "POST":
        verdict = honeypot_verdict(request)
        if verdict is Verdict.BOT:
            return redirect(index_page.url + index_page.reverse_subpage("proposal-sent"))
        if verdict is Verdict.HURRIED:
            hold_back(form)
            return TemplateResponse(request, "contributions/propose_challenge.html", context)
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
        verdict = honeypot_verdict(request)
        if verdict is Verdict.BOT:
            return redirect(f"{page.url}?merci=1")
        if verdict is Verdict.HURRIED:
            hold_back(form)
            return TemplateResponse(request, page.get_template(request), context)
        if limited(request, form, "needs-survey"):
            return TemplateResponse(request, page.get_template(request), context, status=429)
        if form.is_valid():
            answer = form.save(commit=False)
            answer.consent_at = timezone.now()
            answer.save()
            form.save_m2m()
            return redirect(f"{page.url}?merci=1#merci")
    return TemplateResponse(request, page.get_template(request), context)
