"""The members' forms: the consent every one of them asks, a challenge proposal, a needs survey answer."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from portal.challenges.models import ChallengePage
from portal.contributions.models import ChallengeProposal, NeedsSurveyResponse
from portal.taxonomy.forms import SuggestedThemesField, ThemesField, ThemeSuggestionsMixin
from portal.taxonomy.models import MAX_SUGGESTIONS, MAX_THEME_LENGTH, MAX_THEMES, Theme


def consent_field():
    return forms.BooleanField(
        label=_("I agree that what I send is kept by the programme team to follow it up"),
        error_messages={"required": _("Your agreement to the privacy notice is needed to send this form.")},
    )


def add_consent(form):
    """Give an editor-composed form the consent box it must always have."""
    form.fields["consent"] = consent_field()
    return form


def catalogue_themes():
    """The themes of the published challenges anyone may read: the areas members choose from."""
    challenges = ChallengePage.objects.live().public()
    return Theme.objects.filter(challenge_items__content_object__in=challenges).distinct().order_by("name")


MIN_TITLE, MIN_DESCRIPTION = 10, 30


class ChallengeProposalForm(ThemeSuggestionsMixin, forms.ModelForm):
    consent = consent_field()
    themes = ThemesField(label=_("Themes"))
    # The proposer's words are kept as sent (ChallengeProposal.new_themes) and stored as suggestions that
    # editors approve: never themes by themselves.
    new_themes = SuggestedThemesField(
        label=_("Other themes"),
        help_text=format_lazy(
            _("If none above fits: up to {count}, comma-separated, {length} characters each."),
            count=MAX_SUGGESTIONS,
            length=MAX_THEME_LENGTH,
        ),
    )
    suggestions_field = "new_themes"

    class Meta:
        model = ChallengeProposal
        fields = [
            "title",
            "description",
            "example",
            "themes",
            "new_themes",
            "actor_type",
            "name",
            "organisation",
            "email",
        ]
        labels = {
            "title": _("Your challenge, as a question"),
            "description": _("Describe it"),
            "example": _("A concrete example"),
            "actor_type": _("Type of organisation"),
            "name": _("Your name"),
            "organisation": _("Your organisation"),
            "email": _("Your email address"),
        }
        help_texts = {
            "title": _("For example: “Comment m’engager dans l’open source ?”"),
            "description": _("Who meets it, why it matters, what you tried."),
            "example": _("Optional: a situation that shows the challenge."),
            "email": _("Never published: we write to you when your challenge is online."),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 7, "maxlength": 4000}),
            "example": forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_vocabulary(catalogue_themes())
        self.fields["themes"].help_text = format_lazy(_("Up to {max}."), max=MAX_THEMES)
        self.fields["actor_type"].required = True
        self.fields["actor_type"].empty_label = _("Choose…")
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        # Said before anyone gets it wrong (the length hint of includes/form_field.html); checked below.
        for name, minimum in (("title", MIN_TITLE), ("description", MIN_DESCRIPTION)):
            self.fields[name].min_length = minimum
            self.fields[name].widget.attrs["minlength"] = minimum

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if len(title) < MIN_TITLE:
            raise forms.ValidationError(_("Give your challenge a title of at least 10 characters."))
        return title

    def clean_description(self):
        description = self.cleaned_data["description"].strip()
        if len(description) < MIN_DESCRIPTION:
            raise forms.ValidationError(_("Describe the challenge in at least 30 characters."))
        return description


class NeedsSurveyForm(forms.ModelForm):
    consent = consent_field()

    class Meta:
        model = NeedsSurveyResponse
        fields = ["actor_type", "themes", "mentoring_model", "comment"]
        labels = {
            "actor_type": _("Type of organisation"),
            "themes": _("The challenge areas that matter to you"),
            "mentoring_model": _("The mentoring model you would prefer"),
            "comment": _("Your needs, in your words"),
        }
        help_texts = {"themes": _("Tick as many as you like."), "comment": _("Optional.")}
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "mentoring_model": forms.RadioSelect,
            "comment": forms.Textarea(attrs={"rows": 5, "maxlength": 3000}),
        }
        error_messages = {"themes": {"required": _("Tick at least one challenge area.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = catalogue_themes()
        self.fields["actor_type"].required = True
        self.fields["actor_type"].empty_label = _("Choose…")
        self.fields["mentoring_model"].empty_label = _("No preference")
