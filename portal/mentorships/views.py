"""Requesting a mentor, and the pages behind the emailed links: the mentor's answer, the requester's
follow-up, the feedback. Rules live in workflow.py; these views only read forms and show results."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from portal.challenges.models import ChallengePage
from portal.form_protection import Verdict, flooded, hold_back, honeypot_verdict
from portal.mentors.account_views import invalid_link
from portal.mentors.forms import DESCRIBED_NEED
from portal.mentors.models import MentorProfile
from portal.mentorships import notifications, tokens, workflow
from portal.mentorships.alternatives import alternatives
from portal.mentorships.forms import DeclineForm, FeedbackForm, FindRequestsForm, MentorRequestForm
from portal.mentorships.models import MentorRequest, MentorshipFeedback, RequestStatus, Role

# The request this browser just sent, for its confirmation page (shown once).
SENT_REQUEST = "mentor_request_sent"
TOO_MANY_LINKS = gettext_noop("Too many links were asked for from here or for this address: try again in an hour.")


def request_mentor(request, index_page, slug):
    mentor = get_object_or_404(MentorProfile.objects.public().for_listing(), slug=slug)
    challenge = challenge_from_query(request)
    context = index_page.get_context(request) | {
        "mentor": mentor,
        "challenge": challenge,
        "expiry_days": settings.MENTOR_REQUEST_EXPIRY_DAYS,
    }
    if not mentor.is_available:
        context["alternatives"] = alternatives(mentor=mentor, challenge=challenge)
        status = 409 if request.method == "POST" else 200
        return TemplateResponse(request, "mentorships/unavailable.html", context, status=status)
    need = request.session.get(DESCRIBED_NEED, "") if request.GET.get("besoin") == "1" else ""
    form = MentorRequestForm(request.POST or None, mentor=mentor, challenge=challenge, need=need)
    if request.method == "POST":
        verdict = honeypot_verdict(request)
        if verdict is Verdict.BOT:
            return redirect("mentorships:sent")  # nothing stored, nothing to tell it
        if verdict is Verdict.HURRIED:
            hold_back(form)
            return TemplateResponse(request, "mentorships/request_form.html", context | {"form": form})
        too_many = _("Too many requests were sent from here or for this address: try again in an hour.")
        if flooded(request, form, "mentor-request", request.POST.get("requester_email", ""), too_many):
            return TemplateResponse(request, "mentorships/request_form.html", context | {"form": form}, status=429)
        if form.is_valid():
            try:
                mentor_request = workflow.create_request(mentor, **form.request_fields())
            except workflow.RequestRefused as refused:
                form.add_error(None, str(refused))
                context["alternatives"] = alternatives(
                    mentor=mentor,
                    challenge=form.cleaned_data.get("challenge") or challenge,
                    text=form.cleaned_data.get("challenge_text", ""),
                    requester_email=form.cleaned_data["requester_email"],
                )
            else:
                request.session[SENT_REQUEST] = mentor_request.pk
                return redirect("mentorships:sent")
    return TemplateResponse(request, "mentorships/request_form.html", context | {"form": form})


def challenge_from_query(request):
    """The challenge named by ?defi=<page id>, when it is live and anyone may read it; anything else is
    ignored."""
    value = request.GET.get("defi", "")
    if not value.isdigit() or len(value) > 12:
        return None
    return ChallengePage.objects.live().public().in_default_locale().filter(pk=int(value)).first()


def request_sent(request):
    """The confirmation, shown once to the browser that sent the request: the mentor, until when they may
    answer, and the follow-up link (also emailed)."""
    pk = request.session.pop(SENT_REQUEST, None)
    mentor_request = MentorRequest.objects.not_anonymised().select_related("mentor").filter(pk=pk).first()
    context = {"mentor_request": mentor_request, "expiry_days": settings.MENTOR_REQUEST_EXPIRY_DAYS}
    if mentor_request:
        context["follow_url"] = notifications.path(mentor_request, Role.REQUESTER, tokens.FOLLOW)
    return TemplateResponse(request, "mentorships/request_sent.html", context)


def find_requests(request):
    """ "Retrouver mes demandes": a link to every request of an email address, sent to that address.
    The page says the same whether or not the address sent any request: nobody learns who asked."""
    form = FindRequestsForm(request.POST or None)
    if request.method == "POST":
        verdict = honeypot_verdict(request, interval=1)  # one field, often filled by the browser
        if verdict is Verdict.BOT:
            return redirect(f"{request.path}?envoye=1")
        if verdict is Verdict.HURRIED:
            hold_back(form)
        elif flooded(request, form, "find-requests", request.POST.get("email", ""), _(TOO_MANY_LINKS)):
            return TemplateResponse(request, "mentorships/find_requests.html", {"form": form}, status=429)
        elif form.is_valid():
            sent = MentorRequest.objects.from_requester(form.cleaned_data["email"]).not_anonymised()
            latest = sent.order_by("-created_at").first()
            if latest:  # to the address as the requests were sent from it
                notifications.requests_list(latest.requester_email, sent.count())
            return redirect(f"{request.path}?envoye=1")
    context = {"form": form, "sent": request.GET.get("envoye") == "1"}
    return TemplateResponse(request, "mentorships/find_requests.html", context)


def my_requests(request, token):
    """Every request sent from one email address, each with its follow-up link."""
    try:
        email = tokens.read_list(token)
    except tokens.InvalidLink as error:
        return invalid_link(request, str(error))
    mentor_requests = (
        MentorRequest.objects.from_requester(email)
        .not_anonymised()
        .select_related("mentor", "challenge")
        .order_by("-created_at")
    )
    listed = [(item, notifications.path(item, Role.REQUESTER, tokens.FOLLOW)) for item in mentor_requests]
    return TemplateResponse(request, "mentorships/my_requests.html", {"mentor_requests": listed})


def answer(request, token):
    """The mentor's page from the emailed link: read the request, accept or decline it."""
    try:
        mentor_request = tokens.read(token, Role.MENTOR, tokens.ANSWER)
    except tokens.InvalidLink as error:
        return invalid_link(request, str(error))
    decline_form = DeclineForm(request.POST if request.POST.get("action") == "decline" else None)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "accept":
                mentor_request = workflow.accept(mentor_request)
                messages.success(request, _("You accepted the request: we sent you both each other's contact."))
            elif action == "decline" and decline_form.is_valid():
                mentor_request = workflow.decline(mentor_request, reason=decline_form.cleaned_data["reason"])
                messages.success(request, _("You declined the request: we suggest other mentors to the requester."))
            elif action != "decline":
                messages.error(request, _("Choose to accept or to decline the request."))
            if not decline_form.errors:
                return redirect(request.path)
        except workflow.RequestRefused as refused:
            messages.error(request, str(refused))
            return redirect(request.path)
    context = {
        "mentor_request": mentor_request,
        "decline_form": decline_form,
        "expiry_days": settings.MENTOR_REQUEST_EXPIRY_DAYS,
    }
    return TemplateResponse(request, "mentorships/answer.html", context)


def follow(request, token):
    """The requester's page from the emailed link: where the request stands, withdraw it, or close it."""
    try:
        mentor_request = tokens.read(token, Role.REQUESTER, tokens.FOLLOW)
    except tokens.InvalidLink as error:
        return invalid_link(request, str(error))
    if request.method == "POST":
        action = request.POST.get("action")
        if action in ("withdraw", "complete") and request.POST.get("confirm") != "yes":
            context = {"mentor_request": mentor_request, "confirming": action}  # one tap never closes a request
            return TemplateResponse(request, "mentorships/follow.html", context)
        try:
            if action == "withdraw":
                workflow.withdraw(mentor_request)
                messages.success(request, _("Your request is withdrawn. The mentor is told."))
            elif action == "complete":
                workflow.complete(mentor_request, Role.REQUESTER)
                messages.success(request, _("Thank you: the mentorship is marked as completed."))
            else:
                messages.error(request, _("This action is not possible here."))
        except workflow.RequestRefused as refused:
            messages.error(request, str(refused))
        return redirect(request.path)
    return TemplateResponse(request, "mentorships/follow.html", {"mentor_request": mentor_request})


def feedback(request, token):
    """The short form both sides receive once a mentorship is completed; one answer per side."""
    try:
        mentor_request, role = tokens.read_any_side(token, tokens.FEEDBACK)
    except tokens.InvalidLink as error:
        return invalid_link(request, str(error))
    if mentor_request.status != RequestStatus.COMPLETED:
        return invalid_link(request, _("Feedback opens once the mentorship is completed."))
    if MentorshipFeedback.objects.filter(request=mentor_request, role=role).exists():
        return TemplateResponse(request, "mentorships/feedback_thanks.html", {"already": True})
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        MentorshipFeedback.objects.get_or_create(request=mentor_request, role=role, defaults=form.cleaned_data)
        return TemplateResponse(request, "mentorships/feedback_thanks.html", {"already": False})
    context = {"mentor_request": mentor_request, "form": form, "role": role}
    return TemplateResponse(request, "mentorships/feedback.html", context)


@login_required
@require_POST
def mentor_action(request, pk):
    """Accept, decline or complete a request from /mentors/me/; only the addressed mentor may."""
    mentor_request = MentorRequest.objects.filter(pk=pk, mentor__user=request.user).first()
    if mentor_request is None:
        raise Http404(_("No such request among yours."))
    actions = {
        "accept": (workflow.accept, _("You accepted the request: we sent you both each other's contact.")),
        "decline": (workflow.decline, _("You declined the request: we suggest other mentors to the requester.")),
        "complete": (
            lambda mentor_request, role, user: workflow.complete(mentor_request, role, user),
            _("Thank you: the mentorship is marked as completed."),
        ),
    }
    action = actions.get(request.POST.get("action"))
    if action is None:
        messages.error(request, _("This action is not possible here."))
    else:
        change, done = action
        try:
            change(mentor_request, role=Role.MENTOR, user=request.user)
            messages.success(request, done)
        except workflow.RequestRefused as refused:
            messages.error(request, str(refused))
    return redirect("mentors:me")
