"""The check-in and the closing feedback, from the emailed links (follow_up.py holds the rules). Opening a
link shows the questions and changes nothing; sending them records the answer."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.mentorships.forms import FeedbackForm
from portal.programmes import follow_up, links, notifications
from portal.programmes.models import FollowUp


class CheckInForm(forms.Form):
    how = forms.ChoiceField(
        label=gettext_lazy("How is it going?"),
        choices=[("fine", gettext_lazy("It is going well")), ("help", gettext_lazy("We need help"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=gettext_lazy("A word for the coordinators (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
    )


def invalid(request, error):
    return TemplateResponse(request, "mentors/invalid_link.html", {"message": str(error)}, status=400)


def check_in(request, token):
    try:
        subject, respondent, name = follow_up.read(token, FollowUp.CHECK_IN)
    except links.InvalidLink as error:
        return invalid(request, error)
    form = CheckInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        needs_help = form.cleaned_data["how"] == "help"
        follow_up.record(
            FollowUp.CHECK_IN, subject, respondent, name, needs_help=needs_help, note=form.cleaned_data["note"]
        )
        done = _("Thank you: the coordinators will contact you.") if needs_help else _("Thank you, and carry on!")
        messages.success(request, done)
        return redirect(request.path)
    context = {
        "form": form,
        "subject": subject,
        "label": notifications.subject_label(subject),
        "title": _("Half-way check-in"),
    }
    return TemplateResponse(request, "programmes/follow_up.html", context)


def feedback(request, token):
    try:
        subject, respondent, name = follow_up.read(token, FollowUp.FEEDBACK)
    except links.InvalidLink as error:
        return invalid(request, error)
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        follow_up.record(
            FollowUp.FEEDBACK,
            subject,
            respondent,
            name,
            fit=data["fit"],
            note=data["what_changed"],
            may_publish=data["may_publish"],
            may_name=data["may_name"],
        )
        messages.success(request, _("Thank you for your feedback."))
        return redirect(request.path)
    context = {
        "form": form,
        "subject": subject,
        "label": notifications.subject_label(subject),
        "title": _("How did it go?"),
    }
    return TemplateResponse(request, "programmes/follow_up.html", context)
