"""Forms a mentor fills in: the application and their own profile."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from portal.mentors import photos
from portal.mentors.models import MentorProfile
from portal.taxonomy.forms import SuggestedThemesField, ThemesField, ThemeSuggestionsMixin
from portal.taxonomy.models import MAX_SUGGESTIONS, MAX_THEME_LENGTH, MAX_THEMES, Region, Theme
from portal.taxonomy.suggestions import pending_for


def photo_field():
    """Wagtail's image field writes its help text (formats, size limit) and error messages in the language
    active when it is built: built with each form, it speaks the reader's language."""
    return photos.PhotoField(label=_("Photo"), required=False)


class MentorProfileForm(ThemeSuggestionsMixin, forms.ModelForm):
    class Meta:
        model = MentorProfile
        fields = [
            "full_name",
            "headline",
            "organisation",
            "actor_type",
            "bio",
            "themes",
            "mentoring_models",
            "offers_individual",
            "offers_group",
            "languages",
            "region",
            "meeting_mode",
            "capacity",
            "accepting_requests",
            "shows_track_record",
        ]
        widgets = {
            "mentoring_models": forms.CheckboxSelectMultiple,
            "languages": forms.CheckboxSelectMultiple,
            "bio": forms.Textarea(attrs={"rows": 8}),
        }

    photo_file = photos.PhotoField(label=_("Photo"), required=False)
    themes = ThemesField(
        label=_("Expertise themes"),
        help_text=format_lazy(
            _("Tick up to {max} themes of the list, the same themes as the challenges."), max=MAX_THEMES
        ),
    )
    suggested_themes = SuggestedThemesField(
        label=_("Suggest new themes"),
        help_text=format_lazy(
            _(
                "If a theme you know is missing from the list: up to {count}, comma-separated, {length} characters "
                "each. The programme team reviews them before they appear on your profile."
            ),
            count=MAX_SUGGESTIONS,
            length=MAX_THEME_LENGTH,
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The whole vocabulary: only editors, imports and approved suggestions add to it.
        self.set_vocabulary(Theme.objects.all())
        waiting = list(pending_for(self.instance).values_list("name", flat=True))
        if waiting:
            self.fields["suggested_themes"].help_text = format_lazy(
                "{} {}",
                self.fields["suggested_themes"].help_text,
                _("Awaiting review: %(names)s.") % {"names": ", ".join(waiting)},
            )
        names = [name for name in self.fields if name != "suggested_themes"]
        names.insert(names.index("themes") + 1, "suggested_themes")
        self.order_fields(names)
        self.fields["photo_file"] = photo_field()
        self.fields["mentoring_models"].required = True
        self.fields["languages"].required = True
        self.fields["actor_type"].empty_label = _("Choose…")
        self.fields["region"].choices = [("", _("Choose…")), *Region.choices]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("offers_individual") and not cleaned.get("offers_group"):
            raise forms.ValidationError(_("Offer individual mentoring, group mentoring, or both."))
        return cleaned

    def save(self, commit=True):
        mentor = super().save(commit=False)
        if self.cleaned_data.get("photo_file"):
            # The old photo, if any, is deleted once the profile is saved with the new one (photos.py).
            mentor.photo = photos.new_photo(mentor, self.cleaned_data["photo_file"])
        if commit:
            mentor.save()
            self.save_m2m()
        return mentor


class MentorApplicationForm(MentorProfileForm):
    """No password here: it is chosen from the emailed link, once the address is proven (applications.py)."""

    contact_email = forms.EmailField(
        label=_("Email address"),
        max_length=150,  # it becomes the account's user name (Django's User.username)
        help_text=_(
            "Your login. Never shown publicly; shared with a mentee only once you accept. We will send you a "
            "link there to choose your password."
        ),
    )
    accept_charter = forms.BooleanField(
        label=_("I have read and I accept the ethics charter of the programme."),
        error_messages={"required": _("Mentors accept the ethics charter: tick the box to apply.")},
    )

    class Meta(MentorProfileForm.Meta):
        fields = ["contact_email", *MentorProfileForm.Meta.fields]
        fields.remove("accepting_requests")
        fields.remove("shows_track_record")  # nothing to show yet: offered in the mentor's space

    def clean_contact_email(self):
        return self.cleaned_data["contact_email"].lower()

    def validate_unique(self):
        """An address already known is handled without saying so (no account probing): applications.receive."""


class CharterAcceptanceForm(forms.Form):
    accept = forms.BooleanField(
        label=_("I have read and I accept this version of the ethics charter."),
        error_messages={"required": _("Tick the box to accept the charter.")},
    )


MAX_NEED_LENGTH = 10_000
# Where "Décrivez votre défi" keeps the visitor's words for the request form they may open next (?besoin=1):
# the text can be long, too long for an address.
DESCRIBED_NEED = "described_need"


class MatchForm(forms.Form):
    texte = forms.CharField(
        label=_("Describe your challenge"),
        max_length=MAX_NEED_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("A few sentences: what you want to achieve, what blocks you, your context."),
        error_messages={
            "required": _("Describe your challenge in a few words."),
            "max_length": _("Your text is too long: %(limit_value)d characters at most (it has %(show_value)d)."),
        },
    )
