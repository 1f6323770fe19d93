"""Bulk import of mentor profiles from a CSV file (`manage.py import_mentors`).

The whole file is checked (encoding, header) before anything is written; then each row is validated
on its own: an invalid row is reported with its line number and skipped, valid rows are created or
updated by email, each in its own transaction.
"""

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.home.models import CharterPage
from portal.importing import ImportReport, read_rows, split_list, vocabulary_codes
from portal.mentors.models import MAX_CAPACITY, MentorProfile, MentorStatus
from portal.taxonomy.models import (
    ActorType,
    ActorTypeCode,
    Language,
    LanguageCode,
    MentoringModel,
    MentoringModelCode,
    Region,
    Theme,
    region_code,
)

COLUMNS = [
    "full_name", "email", "organization", "actor_type", "headline", "bio",
    "expertise", "models", "languages", "region", "capacity", "accepting",
]  # fmt: skip
REQUIRED_COLUMNS = ["full_name", "email", "actor_type", "headline", "bio", "region"]
YES = {"oui", "yes", "true", "1", "o", "y", "vrai"}
NO = {"non", "no", "false", "0", "n", "faux"}


class MentorRowForm(forms.Form):
    full_name = forms.CharField(max_length=120)
    email = forms.EmailField()
    organization = forms.CharField(max_length=120, required=False)
    actor_type = forms.CharField()
    headline = forms.CharField(max_length=160)
    bio = forms.CharField(max_length=4000)
    expertise = forms.CharField(required=False)
    models = forms.CharField(required=False)
    languages = forms.CharField(required=False)
    region = forms.CharField()
    capacity = forms.IntegerField(required=False, min_value=1, max_value=MAX_CAPACITY)
    accepting = forms.CharField(required=False)

    def clean_email(self):
        return self.cleaned_data["email"].lower()

    def clean_actor_type(self):
        message = _("unknown actor type “%(value)s” (expected: %(choices)s)")
        return vocabulary_codes(self.cleaned_data["actor_type"], ActorTypeCode.values, message, many=False)

    def clean_models(self):
        message = _("unknown mentoring model “%(value)s” (expected: %(choices)s)")
        return vocabulary_codes(self.cleaned_data["models"], MentoringModelCode.values, message)

    def clean_languages(self):
        message = _("unknown language “%(value)s” (expected: %(choices)s)")
        return vocabulary_codes(self.cleaned_data["languages"] or "fr", LanguageCode.values, message)

    def clean_region(self):
        code = region_code(self.cleaned_data["region"])
        if code is None:
            raise forms.ValidationError(
                _("unknown region “%(value)s” (expected: %(choices)s)"),
                params={"value": self.cleaned_data["region"], "choices": ", ".join(Region.values)},
            )
        return code

    def clean_expertise(self):
        return split_list(self.cleaned_data["expertise"])

    def clean_accepting(self):
        value = self.cleaned_data["accepting"].strip().lower()
        if not value or value in YES:
            return True
        if value in NO:
            return False
        raise forms.ValidationError(_("“%(value)s” is neither oui nor non"), params={"value": value})


class MentorImporter:
    def __init__(self, *, publish=True, progress=None):
        self.status = MentorStatus.PUBLISHED if publish else MentorStatus.PENDING
        self.progress = progress or (lambda done, total: None)
        self.actor_types = {actor_type.code: actor_type for actor_type in ActorType.objects.all()}
        self.models = {model.code: model for model in MentoringModel.objects.all()}
        self.languages = {language.code: language for language in Language.objects.all()}
        self.charter = CharterPage.current()

    def run(self, content):
        header, rows = read_rows(content, COLUMNS, REQUIRED_COLUMNS)
        report = ImportReport(unknown_columns=[column for column in header if column not in COLUMNS])
        for done, (line, row) in enumerate(rows, start=1):
            form = MentorRowForm({key: (value or "").strip() for key, value in row.items() if key in COLUMNS})
            if form.is_valid():
                created = self.save(form.cleaned_data)
                report.created += created
                report.updated += not created
            else:
                report.skipped += 1
                reasons = "; ".join(f"{name} : {' '.join(messages)}" for name, messages in form.errors.items())
                report.errors.append((line, reasons))
            self.progress(done, len(rows))
        return report

    @transaction.atomic
    def save(self, data):
        mentor = MentorProfile.objects.filter(contact_email__iexact=data["email"]).first()
        created = mentor is None
        if created:
            # The editor who imports vouches that these mentors signed the current ethics charter.
            mentor = MentorProfile(
                contact_email=data["email"],
                status=self.status,
                email_confirmed_at=timezone.now(),
                charter_version=self.charter.version if self.charter else "",
                charter_accepted_at=timezone.now() if self.charter else None,
            )
        mentor.full_name = data["full_name"]
        mentor.organisation = data["organization"]
        mentor.actor_type = self.actor_types[data["actor_type"]]
        mentor.headline = data["headline"]
        mentor.bio = data["bio"]
        mentor.region = data["region"]
        mentor.capacity = data["capacity"] or mentor.capacity
        mentor.accepting_requests = data["accepting"]
        mentor.save()
        mentor.themes.set(Theme.objects.for_names(data["expertise"]))
        mentor.mentoring_models.set([self.models[code] for code in data["models"]])
        mentor.languages.set([self.languages[code] for code in data["languages"]])
        return created
