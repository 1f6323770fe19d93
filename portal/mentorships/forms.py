"""The forms of a mentor request: the visitor's request, the mentor's answer, and the feedback."""

from django import forms
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from portal.challenges.models import ChallengePage
from portal.mentorships.models import MAX_NEED, MAX_PARTICIPANTS, Fit, MentoringFormat, MentorRequest
from portal.taxonomy.models import MentoringModelCode


class MentorRequestForm(forms.ModelForm):
    """What a visitor tells a mentor. The choices offered follow what this mentor offers."""

    consent = forms.BooleanField(
        label=_("I agree that my request and contact details are kept to organise this mentoring"),
        error_messages={"required": _("Your agreement to the privacy notice is needed to send a request.")},
    )

    class Meta:
        model = MentorRequest
        fields = [
            "requester_name",
            "requester_email",
            "organisation",
            "actor_type",
            "challenge",
            "challenge_text",
            "mentoring_model",
            "mentoring_format",
            "participants",
            "message",
        ]
        labels = {
            "requester_name": _("Your name"),
            "requester_email": _("Your email address"),
            "organisation": _("Your organisation"),
            "actor_type": _("Type of organisation"),
            "challenge": _("Your challenge"),
            "challenge_text": _("Or describe it"),
            "mentoring_model": _("Preferred mentoring model"),
            "message": _("Your message to the mentor"),
        }
        help_texts = {
            "requester_email": _("Shared with the mentor only if they accept your request."),
            "organisation": _(
                "Optional. The mentor reads it with your request, before answering, as they read the type of "
                "organisation: leave it empty if you prefer."
            ),
            "challenge": _("A challenge of the catalogue, or none if yours is not listed."),
            "participants": _("For group mentoring (Agility): how many people take part."),
            "message": _("What you hope to work on, your context, your availability."),
        }
        widgets = {
            "mentoring_format": forms.RadioSelect,
            "challenge_text": forms.Textarea(attrs={"rows": 3, "maxlength": MAX_NEED}),
            "message": forms.Textarea(attrs={"rows": 7, "maxlength": 3000}),
        }

    def __init__(self, *args, mentor, challenge=None, need="", **kwargs):
        kwargs["initial"] = {**starting_values(mentor, challenge, need), **kwargs.get("initial", {})}
        super().__init__(*args, **kwargs)
        self.mentor = mentor
        self.need_shortened = not challenge and len(need.strip()) > MAX_NEED
        self.only_format = ""
        self.fields["requester_name"].widget.attrs["autocomplete"] = "name"
        self.fields["requester_email"].widget.attrs["autocomplete"] = "email"
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"
        self.fields["actor_type"].required = True
        self.fields["actor_type"].empty_label = _("Choose…")
        self.fields["challenge"].queryset = ChallengePage.objects.live().public().in_default_locale().order_by("title")
        self.fields["challenge"].empty_label = _("My challenge is not in the catalogue")
        self.fields["mentoring_model"].queryset = mentor.mentoring_models.all()
        self.fields["mentoring_model"].empty_label = _("No preference")
        formats = [
            (code, label)
            for code, label in MentoringFormat.choices
            if (code == MentoringFormat.INDIVIDUAL and mentor.offers_individual)
            or (code == MentoringFormat.GROUP and mentor.offers_group)
        ]
        self.fields["mentoring_format"].choices = formats
        self.initial.setdefault("mentoring_format", formats[0][0] if formats else None)
        if len(formats) == 1:  # nothing to choose: the page says which format the mentor offers
            self.only_format = formats[0][0]
            self.fields["mentoring_format"] = forms.CharField(widget=forms.HiddenInput(), required=False)
        if not mentor.offers_group:
            del self.fields["participants"]
        else:
            self.fields["participants"].widget.attrs.update({"min": 2, "max": MAX_PARTICIPANTS})
        self.fields["message"].min_length = 20
        self.fields["message"].widget.attrs["minlength"] = 20

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if len(message) < 20:
            raise forms.ValidationError(_("Say a little more to the mentor: at least 20 characters."))
        return message

    def clean_mentoring_format(self):
        """With one format offered there is nothing to choose: the request is in that format."""
        return self.only_format or self.cleaned_data["mentoring_format"]

    def clean_requester_email(self):
        return self.cleaned_data["requester_email"].strip()

    def clean(self):
        cleaned = super().clean()
        if (
            not cleaned.get("challenge")
            and not cleaned.get("challenge_text", "").strip()
            and "challenge" not in self.errors
        ):
            self.add_error(
                "challenge_text", _("Choose a challenge of the catalogue, or describe yours in a few words.")
            )
        if cleaned.get("challenge"):
            cleaned["challenge_text"] = ""
        if cleaned.get("mentoring_format") == MentoringFormat.GROUP:
            if not cleaned.get("participants") and "participants" not in self.errors:
                self.add_error("participants", _("Give the number of participants of the group (2 to 200)."))
        else:
            cleaned["participants"] = None
        model = cleaned.get("mentoring_model")
        if (
            model is not None
            and model.code == MentoringModelCode.AGILITY
            and cleaned.get("mentoring_format") == MentoringFormat.INDIVIDUAL
            and self.mentor.offers_group
        ):
            self.add_error(
                "mentoring_format", _("Agility is group mentoring: choose “Group” and give the number of participants.")
            )
        return cleaned

    def request_fields(self):
        """The cleaned values to store, for workflow.create_request()."""
        return {name: self.cleaned_data.get(name) for name in self.Meta.fields if name in self.fields} | {
            "challenge_text": self.cleaned_data.get("challenge_text", "").strip()
        }


def starting_values(mentor, challenge, need):
    """What the form starts with: the challenge the visitor came from, or the need they described, and the
    model the challenge recommends when this mentor offers it (Agility in a group, when they offer groups)."""
    values = {"challenge": challenge, "challenge_text": "" if challenge else Truncator(need.strip()).chars(MAX_NEED)}
    if challenge is None:
        return values
    offered = {model.pk: model for model in mentor.mentoring_models.all()}
    recommended = [model for model in challenge.recommended_models.all() if model.pk in offered]
    if recommended:
        model = min(recommended, key=lambda model: model.sort_order)
        values["mentoring_model"] = model
        if model.code == MentoringModelCode.AGILITY and mentor.offers_group:
            values["mentoring_format"] = MentoringFormat.GROUP
    return values


class FindRequestsForm(forms.Form):
    email = forms.EmailField(
        label=_("The email address you sent your requests from"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("A word for the requester (optional)"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 300}),
        help_text=_("Sent with the other mentors we suggest to them."),
    )


class FeedbackForm(forms.Form):
    fit = forms.TypedChoiceField(
        label=_("Was it a good fit?"), choices=Fit.choices, coerce=int, widget=forms.RadioSelect
    )
    what_changed = forms.CharField(
        label=_("What changed for you?"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": 3000}),
    )
    may_publish = forms.BooleanField(
        label=_("You may publish this as an experience story (with your name only if you tick the next box)"),
        required=False,
    )
    may_name = forms.BooleanField(
        label=_("You may quote my name"),
        required=False,
        help_text=_("Without it, a story quotes you without your name."),
    )
