"""The programme's shared vocabularies: themes, actor types and the three mentoring models.

Challenges, stories and (later) mentor profiles all point at these rows, so a theme or a model means
the same thing everywhere: filters, facets, imports and matching compare codes, never labels.
Actor types and mentoring models are fixed by the programme; a data migration creates their rows and
labels come from gettext so they follow the visitor's language.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from taggit.models import TagBase


class Theme(TagBase):
    """A theme of the catalogue, shared by challenges and mentors' expertise."""

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name"]


class ActorTypeCode(models.TextChoices):
    LOCAL_AUTHORITY = "collectivite", _("Local authority")
    INDUSTRY = "industrie", _("Industry")
    STARTUP = "startup", _("Startup")
    LABORATORY = "laboratoire", _("Research lab")
    SCHOOL = "ecole", _("School")


class MentoringModelCode(models.TextChoices):
    CULTURE_SHIFT = "culture-shift", _("Culture Shift")
    PEER_TO_PEER = "peer-to-peer", _("Peer 2 Peer")
    AGILITY = "agility", _("Agility")


class VocabularyEntry(models.Model):
    """A fixed entry of a vocabulary: its code is stable, its label is translated."""

    sort_order = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        abstract = True
        ordering = ["sort_order"]

    def __str__(self):
        return str(self.label)

    @property
    def label(self):
        return self.get_code_display()


class ActorType(VocabularyEntry):
    code = models.CharField(_("code"), max_length=20, choices=ActorTypeCode.choices, unique=True)

    class Meta(VocabularyEntry.Meta):
        verbose_name = _("actor type")
        verbose_name_plural = _("actor types")


class MentoringModel(VocabularyEntry):
    code = models.CharField(_("code"), max_length=20, choices=MentoringModelCode.choices, unique=True)

    class Meta(VocabularyEntry.Meta):
        verbose_name = _("mentoring model")
        verbose_name_plural = _("mentoring models")
