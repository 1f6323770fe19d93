"""The public forms of programmes: applying to an iteration, and a mentor taking part in one."""

from django import forms
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from portal.programmes import taking_part
from portal.programmes.models import MAX_CHALLENGE, Application, Organisation
from portal.taxonomy.models import MentoringModelCode


class ApplicationForm(forms.ModelForm):
    """What a participant tells the coordinators. The fields follow the iteration's model: Culture Shift asks
    for the manager (never paired together) and takes the organisation from the address; the others ask
    for the organisation among the iteration's."""

    consent = forms.BooleanField(
        label=_("I agree that my application and contact details are kept to organise this programme"),
        error_messages={"required": _("Your agreement to the privacy notice is needed to apply.")},
    )

    class Meta:
        model = Application
        fields = ["full_name", "email", "organisation", "challenge", "themes", "availability", "manager_email"]
        labels = {
            "full_name": _("Your name"),
            "email": _("Your email address"),
            "organisation": _("Your organisation"),
            "challenge": _("Your challenge or practice"),
            "themes": _("Themes"),
            "availability": _("Your availability"),
        }
        help_texts = {
            "email": _("Only the coordinators and, once the pair is confirmed, your mentor see it."),
            "themes": _("Those that describe your challenge best: they help find the right mentor."),
            "availability": _("For example: Tuesday and Thursday afternoons, by video."),
        }
        widgets = {
            "challenge": forms.Textarea(attrs={"rows": 5, "maxlength": MAX_CHALLENGE}),
            "themes": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, iteration, **kwargs):
        super().__init__(*args, **kwargs)
        self.iteration = iteration
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["challenge"].min_length = 20
        themes = iteration.themes.all()
        if themes:
            self.fields["themes"].queryset = themes
        else:
            del self.fields["themes"]
        circles = iteration.circles.select_related("mentor").order_by("practice", "pk")
        if iteration.model_code == MentoringModelCode.AGILITY and circles:
            self.fields["circle"] = CircleChoiceField(
                label=_("Your circle"),
                queryset=circles,
                empty_label=_("Choose…"),
                help_text=_("Every circle has its seats; once they are taken, you join its waiting list."),
            )
        organisations = iteration.organisations.all()
        if iteration.model_code == MentoringModelCode.CULTURE_SHIFT:
            del self.fields["organisation"]
            own = organisations.first()
            if own:
                self.fields["email"].help_text = _(
                    "Your address at %(organisation)s: this iteration is for its people."
                ) % {"organisation": own}
        else:
            del self.fields["manager_email"]
            if organisations:
                self.fields["organisation"].queryset = organisations
                self.fields["organisation"].required = True
                self.fields["organisation"].empty_label = _("Choose…")
            else:
                del self.fields["organisation"]

    def clean_email(self):
        return self.cleaned_data["email"].strip()

    def clean_challenge(self):
        challenge = self.cleaned_data["challenge"].strip()
        if len(challenge) < 20:
            raise forms.ValidationError(_("Say a little more about it: at least 20 characters."))
        return challenge

    def clean_manager_email(self):
        manager = self.cleaned_data.get("manager_email", "").strip()
        if manager and manager.casefold() == self.cleaned_data.get("email", "").casefold():
            raise forms.ValidationError(_("Give your manager’s address, not yours."))
        return manager

    def application_fields(self):
        """The cleaned values to store, for applications.apply()."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name in self.fields} | {
            "themes": self.cleaned_data.get("themes") or [],
            "circle": self.cleaned_data.get("circle"),
        }


class CircleChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        left = obj.seats_left
        if left:
            seats = ngettext("%(count)s seat left", "%(count)s seats left", left) % {"count": left}
        else:
            seats = gettext("waiting list")
        return f"{obj.practice} — {obj.mentor.full_name} ({seats})"


class TakePartForm(forms.Form):
    """A mentor's part in one iteration: how many mentees, and for which organisation (not in Culture Shift,
    where it is the iteration's)."""

    capacity = forms.IntegerField(label=_("Mentees in this iteration"), min_value=1)
    organisation = forms.ModelChoiceField(
        label=_("For the organisation"), queryset=Organisation.objects.none(), required=False
    )

    def __init__(self, *args, mentor, iteration, **kwargs):
        kwargs.setdefault("prefix", f"iteration-{iteration.pk}")  # one form per iteration on the mentor's page
        super().__init__(*args, **kwargs)
        most = taking_part.most_mentees(mentor)
        self.fields["capacity"].max_value = most
        self.fields["capacity"].validators.append(MaxValueValidator(most))
        self.fields["capacity"].widget.attrs.update({"min": 1, "max": most})
        self.fields["capacity"].initial = 1
        self.fields["organisation"].queryset = iteration.organisations.all()
        self.fields["organisation"].empty_label = _("None of them")
        if iteration.model_code == MentoringModelCode.CULTURE_SHIFT or not iteration.organisations.exists():
            del self.fields["organisation"]

    def error_messages_in_words(self):
        return [
            _("%(field)s: %(errors)s") % {"field": self.fields[name].label, "errors": " ".join(errors)}
            for name, errors in self.errors.items()
        ]
