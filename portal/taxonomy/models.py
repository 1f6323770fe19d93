"""The programme's shared vocabularies: themes, actor types, the three mentoring models, languages,
regions, and the equivalences of the field's expressions that matching and search share.

Challenges, stories and (later) mentor profiles all point at these rows, so a theme or a model means
the same thing everywhere: filters, facets, imports and matching compare codes, never labels.
Actor types and mentoring models are fixed by the programme; a data migration creates their rows and
labels come from gettext so they follow the visitor's language.
"""

from functools import lru_cache

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from taggit.models import TagBase

from search.french import fold

MAX_EXPRESSIONS = 20
MAX_EXPRESSIONS_LENGTH = 2000
# What a profile (or a proposal) may hold, and what a person may suggest beyond the vocabulary: a few
# themes say what someone knows; thousands slow matching for everyone (issue 13).
MAX_THEMES = 12
MAX_SUGGESTIONS = 3
MAX_THEME_LENGTH = 60


class ThemeManager(models.Manager):
    def for_names(self, names):
        """The themes with these names (any case), created when missing."""
        return [self.filter(name__iexact=name).first() or self.create(name=name) for name in names]


class Theme(TagBase):
    """A theme of the catalogue, shared by challenges and mentors' expertise."""

    objects = ThemeManager()

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name"]


class ThemeAlias(models.Model):
    """A slug a theme had before it was renamed, or the slug of a theme merged into it: addresses shared
    with `?theme=<that slug>` keep filtering on the theme (portal/taxonomy/themes.py)."""

    slug = models.SlugField(_("former slug"), max_length=100, unique=True)
    theme = models.ForeignKey(Theme, verbose_name=_("theme"), on_delete=models.CASCADE, related_name="aliases")

    class Meta:
        verbose_name = _("former theme slug")
        verbose_name_plural = _("former theme slugs")

    def __str__(self):
        return self.slug


def theme_for_slug(slug):
    """The theme a filter's `slug` names: its own slug, or a former one (renamed or merged), else None."""
    if not slug or "\x00" in slug:  # PostgreSQL refuses a NUL byte in a query: no theme has one
        return None
    return Theme.objects.filter(slug=slug).first() or Theme.objects.filter(aliases__slug=slug).first()


class ThemeSuggestion(models.Model):
    """A theme a mentor or a proposer asked for beyond the vocabulary. It is not a theme: matching, the
    directory and the filters never see it. An editor approves it (the theme is then created, or found, and
    given to what it was suggested for) or rejects it (it is dropped): portal/taxonomy/suggestions.py.

    Kept apart from Theme rather than as a "pending" theme, so that no query of the vocabulary can forget
    to leave it out. Points at a mentor profile or a challenge proposal generically, so that the taxonomy
    stays at the bottom of the dependencies; each of them deletes its suggestions with it."""

    name = models.CharField(_("suggested theme"), max_length=MAX_THEME_LENGTH)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    suggested_for = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(_("suggested on"), auto_now_add=True)

    class Meta:
        verbose_name = _("theme suggestion")
        verbose_name_plural = _("theme suggestions")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return self.name


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


class LanguageCode(models.TextChoices):
    FRENCH = "fr", _("French")
    ENGLISH = "en", _("English")
    GERMAN = "de", _("German")
    SPANISH = "es", _("Spanish")
    ITALIAN = "it", _("Italian")
    PORTUGUESE = "pt", _("Portuguese")
    DUTCH = "nl", _("Dutch")
    ARABIC = "ar", _("Arabic")


class Region(models.TextChoices):
    """Where a mentor can meet: the regions of France, overseas France, or abroad."""

    AUVERGNE_RHONE_ALPES = "auvergne-rhone-alpes", _("Auvergne-Rhône-Alpes")
    BOURGOGNE_FRANCHE_COMTE = "bourgogne-franche-comte", _("Bourgogne-Franche-Comté")
    BRETAGNE = "bretagne", _("Brittany")
    CENTRE_VAL_DE_LOIRE = "centre-val-de-loire", _("Centre-Val de Loire")
    CORSE = "corse", _("Corsica")
    GRAND_EST = "grand-est", _("Grand Est")
    HAUTS_DE_FRANCE = "hauts-de-france", _("Hauts-de-France")
    ILE_DE_FRANCE = "ile-de-france", _("Île-de-France")
    NORMANDIE = "normandie", _("Normandy")
    NOUVELLE_AQUITAINE = "nouvelle-aquitaine", _("Nouvelle-Aquitaine")
    OCCITANIE = "occitanie", _("Occitanie")
    PAYS_DE_LA_LOIRE = "pays-de-la-loire", _("Pays de la Loire")
    PROVENCE_ALPES_COTE_D_AZUR = "provence-alpes-cote-d-azur", _("Provence-Alpes-Côte d’Azur")
    OVERSEAS = "outre-mer", _("Overseas France")
    ABROAD = "hors-de-france", _("Outside France")


# The short forms people write in files and addresses, beside codes and the French and English names.
REGION_SHORT_NAMES = {
    "PACA": Region.PROVENCE_ALPES_COTE_D_AZUR,
    "Région Sud": Region.PROVENCE_ALPES_COTE_D_AZUR,
    "IDF": Region.ILE_DE_FRANCE,
    "AURA": Region.AUVERGNE_RHONE_ALPES,
    "ARA": Region.AUVERGNE_RHONE_ALPES,
    "BFC": Region.BOURGOGNE_FRANCHE_COMTE,
    "CVL": Region.CENTRE_VAL_DE_LOIRE,
    "HDF": Region.HAUTS_DE_FRANCE,
    "DOM-TOM": Region.OVERSEAS,
    "DROM": Region.OVERSEAS,
    "Étranger": Region.ABROAD,
    "Abroad": Region.ABROAD,
}


def region_key(text):
    """A region's name reduced to its letters and digits, without case or accents: "Provence-Alpes-Côte
    d'Azur" (with a straight or a typographic apostrophe), "provence alpes cote dazur" and the code
    "provence-alpes-cote-d-azur" give the same key."""
    return "".join(char for char in fold(text) if char.isalnum())


@lru_cache(maxsize=1)
def regions_by_key():
    keys = {region_key(name): code for name, code in REGION_SHORT_NAMES.items()}
    for code, label in Region.choices:
        keys[region_key(code)] = code
        for language in ("fr", "en"):
            with translation.override(language):
                keys[region_key(str(label))] = code
    return keys


def region_code(text):
    """The code of the region named `text` (a code, its French or English name, a short form such as
    PACA), or None. The one place where a region typed by a person or read from a file is recognised."""
    return regions_by_key().get(region_key(text or "")) or None


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


class Language(VocabularyEntry):
    code = models.CharField(_("code"), max_length=5, choices=LanguageCode.choices, unique=True)

    class Meta(VocabularyEntry.Meta):
        verbose_name = _("language")
        verbose_name_plural = _("languages")


class Equivalence(models.Model):
    """Expressions that mean exactly the same thing in the field: "open data" and "données ouvertes",
    "TAD" and "transport à la demande". Matching and search treat them as one (search/analysis.py).
    Editors keep this vocabulary in the admin; near-synonyms do not belong here (car sharing is not
    carpooling)."""

    expressions = models.TextField(
        _("equivalent expressions"),
        max_length=MAX_EXPRESSIONS_LENGTH,
        help_text=_(
            "One expression per line: words, acronyms or phrases that mean exactly the same thing, e.g. "
            "“open data” and “données ouvertes”. Never near-synonyms: car sharing is not carpooling."
        ),
    )
    note = models.CharField(_("note for editors"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("equivalence")
        verbose_name_plural = _("equivalences")
        ordering = ["expressions"]

    def __str__(self):
        return " = ".join(self.expression_list())

    @property
    def token(self):
        """What every expression of the group becomes in the search index: stable for the group's life."""
        return f"eqv{self.pk}"

    @property
    def label(self):
        return self.expression_list()[0] if self.expression_list() else ""

    def expression_list(self):
        lines = (" ".join(line.split()) for line in (self.expressions or "").splitlines())
        return list(dict.fromkeys(line for line in lines if line))

    def clean(self):
        from search.analysis import MAX_EXPRESSION_WORDS, expression_terms

        expressions = self.expression_list()
        errors = []
        if len(expressions) < 2:
            errors.append(_("Write at least two expressions, one per line."))
        if len(expressions) > MAX_EXPRESSIONS:
            errors.append(_("At most %(count)d expressions per equivalence.") % {"count": MAX_EXPRESSIONS})
        seen = {}
        for expression in expressions:
            terms = expression_terms(expression)
            if not terms:
                errors.append(_("“%(expression)s” has no meaningful word.") % {"expression": expression})
            elif len(terms) > MAX_EXPRESSION_WORDS:
                errors.append(
                    _("“%(expression)s” is too long: %(count)d meaningful words at most.")
                    % {"expression": expression, "count": MAX_EXPRESSION_WORDS}
                )
            elif terms in seen:
                errors.append(
                    _("“%(first)s” and “%(second)s” are the same expression once plurals and accents are set aside.")
                    % {"first": seen[terms], "second": expression}
                )
            seen.setdefault(terms, expression)
        for other in Equivalence.objects.exclude(pk=self.pk):
            for expression in other.expression_list():
                if expression_terms(expression) in seen:
                    errors.append(
                        _("“%(expression)s” is already in the equivalence “%(other)s”.")
                        % {"expression": seen[expression_terms(expression)], "other": other}
                    )
        if errors:
            raise ValidationError({"expressions": errors})
