"""Each side of a published pair answers from the link they were emailed (publication.py holds the rules).
Opening the link shows the pair and changes nothing; the answer is a button."""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from portal.programmes import links, publication


def answer(request, token):
    try:
        pair, role = publication.read(token)
    except links.InvalidLink as invalid:
        return TemplateResponse(request, "mentors/invalid_link.html", {"message": str(invalid)}, status=400)
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in ("accept", "decline"):
            messages.error(request, _("Choose to accept or to decline the pair."))
            return redirect(request.path)
        try:
            pair = publication.answer(pair, role, accepted=action == "accept")
        except publication.AnswerRefused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, done_message(pair))
        return redirect(request.path)
    answered = pair.participant_answer if role == publication.PARTICIPANT else pair.mentor_answer
    context = {"pair": pair, "role": role, "answered": answered, "closed": publication.already_message(pair)}
    return TemplateResponse(request, "programmes/pair_answer.html", context)


def done_message(pair):
    if pair.status == "live":
        return _("You both accepted: we sent you each other's address.")
    if pair.status == "declined":
        return _("You declined the pair; the coordinators will propose another one.")
    return _("Thank you: we are waiting for the other side's answer, and will write to you both.")
