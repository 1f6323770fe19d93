"""Bulk import of challenges from a CSV file (`manage.py import_challenges`), idempotent by title.

Same rules as the mentors' import: the file is checked whole first, then each row on its own; invalid
rows are reported with their line and skipped; valid rows are published under the challenge index.
"""

from dataclasses import dataclass, field

from django import forms
from django.db import transaction
from django.utils.html import escape
from django.utils.translation import gettext as _

from portal.challenges.models import ChallengeIndexPage, ChallengePage, ChallengeStatus
from portal.importing import ImportFileError, ImportReport, read_rows, split_list, vocabulary_codes
from portal.taxonomy.models import ActorType, ActorTypeCode, MentoringModel, MentoringModelCode, Theme

COLUMNS = ["title", "summary", "body", "tags", "actor_types", "models"]
REQUIRED_COLUMNS = ["title"]


class ChallengeRowForm(forms.Form):
    title = forms.CharField(max_length=255)
    summary = forms.CharField(max_length=400, required=False)
    body = forms.CharField(max_length=20_000, required=False)
    tags = forms.CharField(required=False)
    actor_types = forms.CharField(required=False)
    models = forms.CharField(required=False)

    def clean_tags(self):
        return split_list(self.cleaned_data["tags"])

    def clean_actor_types(self):
        message = _("unknown actor type “%(value)s” (expected: %(choices)s)")
        return vocabulary_codes(self.cleaned_data["actor_types"], ActorTypeCode.values, message)

    def clean_models(self):
        message = _("unknown mentoring model “%(value)s” (expected: %(choices)s)")
        return vocabulary_codes(self.cleaned_data["models"], MentoringModelCode.values, message)


@dataclass
class ChallengeImporter:
    progress: object = field(default=lambda done, total: None)

    def run(self, content):
        header, rows = read_rows(content, COLUMNS, REQUIRED_COLUMNS)
        index = ChallengeIndexPage.objects.live().in_default_locale().first()
        if index is None:
            raise ImportFileError(_("There is no published challenge index to import into."))
        report = ImportReport(unknown_columns=[column for column in header if column not in COLUMNS])
        for done, (line, row) in enumerate(rows, start=1):
            form = ChallengeRowForm({key: (value or "").strip() for key, value in row.items() if key in COLUMNS})
            if form.is_valid():
                created = self.save(index, form.cleaned_data)
                report.created += created
                report.updated += not created
            else:
                report.skipped += 1
                report.errors.append((line, "; ".join(f"{k} : {' '.join(v)}" for k, v in form.errors.items())))
            self.progress(done, len(rows))
        return report

    @transaction.atomic
    def save(self, index, data):
        challenge = ChallengePage.objects.child_of(index).filter(title__iexact=data["title"]).first()
        created = challenge is None
        if created:
            challenge = ChallengePage(title=data["title"], status=ChallengeStatus.OPEN)
        challenge.summary = data["summary"]
        paragraphs = [f"<p>{escape(part)}</p>" for part in data["body"].split("\n\n") if part.strip()]
        challenge.body = [("paragraph", "".join(paragraphs))] if paragraphs else []
        challenge.themes.set(Theme.objects.for_names(data["tags"]))
        challenge.actor_types = list(ActorType.objects.filter(code__in=data["actor_types"]))
        challenge.recommended_models = list(MentoringModel.objects.filter(code__in=data["models"]))
        if created:
            index.add_child(instance=challenge)
        challenge.save_revision().publish()
        return created
