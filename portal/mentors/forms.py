"""Forms a mentor fills in: the application and their own profile."""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from wagtail.images import get_image_model
from wagtail.images.fields import WagtailImageField

from portal.mentors.models import MentorProfile
from portal.taxonomy.models import Region


def photo_field():
    """Wagtail's image field writes its help text (formats, size limit) and error messages in the language
    active when it is built, and replaces any help text given to it: built with each form, it speaks the
    reader's language."""
    field = WagtailImageField(label=_("Photo"), required=False)
    field.help_text = format_lazy("{} {}", _("Optional. A portrait, shown on your public profile."), field.help_text)
    return field


class MentorProfileForm(forms.ModelForm):
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
        ]
        widgets = {
            "mentoring_models": forms.CheckboxSelectMultiple,
            "languages": forms.CheckboxSelectMultiple,
            "bio": forms.Textarea(attrs={"rows": 8}),
        }

    photo_file = WagtailImageField(label=_("Photo"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
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
            photo = get_image_model()(title=mentor.full_name, file=self.cleaned_data["photo_file"])
            photo.save()
            mentor.photo = photo
        if commit:
            mentor.save()
            self.save_m2m()
        return mentor


class MentorApplicationForm(MentorProfileForm):
    contact_email = forms.EmailField(
        label=_("Email address"),
        help_text=_("Your login. Never shown publicly; shared with a mentee only once you accept."),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html,
    )
    password2 = forms.CharField(
        label=_("Password again"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    accept_charter = forms.BooleanField(
        label=_("I have read and I accept the ethics charter of the programme."),
        error_messages={"required": _("Mentors accept the ethics charter: tick the box to apply.")},
    )

    class Meta(MentorProfileForm.Meta):
        fields = ["contact_email", *MentorProfileForm.Meta.fields]
        fields.remove("accepting_requests")

    def clean_contact_email(self):
        return self.cleaned_data["contact_email"].lower()

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords differ."))
        elif password1:
            user = get_user_model()(username=cleaned.get("contact_email", ""), email=cleaned.get("contact_email", ""))
            try:
                password_validation.validate_password(password1, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        # A person who got another field wrong keeps the password they chose; a refused one is typed again.
        keep = "password1" not in self.errors and "password2" not in self.errors
        for name in ("password1", "password2"):
            self.fields[name].widget.render_value = keep
        return cleaned

    def validate_unique(self):
        """An address already known is handled by the view without saying so (no account probing)."""


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
