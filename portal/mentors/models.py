"""Mentors' profiles and the public directory page that lists them."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import format_lazy, slugify
from django.utils.translation import gettext_lazy as _

from taggit.managers import TaggableManager
from taggit.models import ItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from portal.home.blocks import RICH_TEXT_FEATURES
from portal.home.models import BasePage, CharterPage
from portal.mentors import relevance
from portal.pagecache import MENTORS
from portal.taxonomy.models import Region
from search import analysis

# Addresses under /mentors/ that belong to views, never to a profile.
RESERVED_SLUGS = {"me", "devenir-mentor", "confirmer", "bienvenue", "defi"}
MAX_CAPACITY = 20
# The public profile shows a mentor's track record (opt-in) once this many completed mentorships have the
# mentee's feedback: below it, a mean would be one or two people's answer (portal/mentorships/track_record.py).
TRACK_RECORD_THRESHOLD = 3


class MentorStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Awaiting approval")
    PUBLISHED = "published", _("Published")
    PAUSED = "paused", _("Paused")
    ARCHIVED = "archived", _("Archived")


class MeetingMode(models.TextChoices):
    REMOTE = "remote", _("Remote")
    IN_PERSON = "in-person", _("In person")
    BOTH = "both", _("Remote or in person")


class MentorTheme(ItemBase):
    tag = models.ForeignKey("taxonomy.Theme", on_delete=models.CASCADE, related_name="mentor_items")
    content_object = models.ForeignKey("mentors.MentorProfile", on_delete=models.CASCADE, related_name="theme_items")


def can_take_requests():
    """Who can take a new request now: published mentors accepting requests, bound by the current
    charter, with room left (fewer accepted mentorships under way than their capacity). One condition
    for the available mentors and for the directory's "available first" order."""
    version = CharterPage.current_version()
    condition = Q(status=MentorStatus.PUBLISHED, accepting_requests=True, is_full=False)
    return condition if version is None else condition & Q(charter_version=version)


class MentorProfileQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def public(self):
        """Profiles anyone may see: published ones."""
        return self.filter(status=MentorStatus.PUBLISHED)

    def available(self):
        """Published mentors who can take a new request now (see `can_take_requests`)."""
        return self.filter(can_take_requests())

    def for_listing(self):
        return self.select_related("actor_type", "photo").prefetch_related("themes", "mentoring_models", "languages")


class MentorProfile(index.Indexed, models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="mentor_profile",
    )
    full_name = models.CharField(_("full name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, unique=True, allow_unicode=False)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    headline = models.CharField(
        _("headline"), max_length=160, help_text=_("One line: what you can help with, e.g. “DSI d’une métropole”.")
    )
    organisation = models.CharField(_("organisation"), max_length=120, blank=True)
    actor_type = models.ForeignKey(
        "taxonomy.ActorType", verbose_name=_("actor type"), on_delete=models.PROTECT, related_name="mentors"
    )
    bio = models.TextField(_("biography"), max_length=4000, help_text=_("Your experience, in a few paragraphs."))
    themes = TaggableManager(
        verbose_name=_("expertise themes"),
        through=MentorTheme,
        blank=True,
        help_text=_("Comma-separated, the same themes as the challenges: open source, open data…"),
    )
    mentoring_models = models.ManyToManyField(
        "taxonomy.MentoringModel", verbose_name=_("mentoring models offered"), blank=True, related_name="mentors"
    )
    offers_individual = models.BooleanField(_("individual mentoring"), default=True)
    offers_group = models.BooleanField(_("group mentoring"), default=False)
    languages = models.ManyToManyField("taxonomy.Language", verbose_name=_("languages"), related_name="mentors")
    region = models.CharField(_("region"), max_length=40, choices=Region.choices)
    meeting_mode = models.CharField(
        _("meeting mode"), max_length=20, choices=MeetingMode.choices, default=MeetingMode.BOTH
    )
    capacity = models.PositiveSmallIntegerField(
        _("capacity"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_CAPACITY)],
        help_text=_("How many people you can mentor at the same time."),
    )
    accepting_requests = models.BooleanField(_("accepting requests"), default=True)
    shows_track_record = models.BooleanField(
        _("show my track record on my public profile"),
        default=False,
        help_text=format_lazy(
            _(
                "The number of mentorships you completed and the mean fit your mentees gave, once at least "
                "{threshold} completed mentorships have their feedback."
            ),
            threshold=TRACK_RECORD_THRESHOLD,
        ),
    )
    # Kept by portal/mentorships/workflow.py as requests are accepted and completed; stored, not computed,
    # so that every search backend can filter on it.
    active_mentorships = models.PositiveSmallIntegerField(_("mentorships under way"), default=0, editable=False)
    is_full = models.BooleanField(_("at capacity"), default=False, editable=False)
    contact_email = models.EmailField(
        _("contact email"), unique=True, help_text=_("Never shown publicly; shared with a mentee only once you accept.")
    )
    email_confirmed_at = models.DateTimeField(_("email confirmed"), null=True, blank=True)
    charter_version = models.CharField(_("charter version accepted"), max_length=20, blank=True)
    charter_accepted_at = models.DateTimeField(_("charter accepted on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=MentorStatus.choices, default=MentorStatus.DRAFT)
    first_published_at = models.DateTimeField(_("first published"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Token counts per field for matching (portal/mentors/relevance.py), kept current on every save and
    # change of themes; `manage.py refresh_matching` rebuilds them all.
    matching_vector = models.JSONField(_("matching vector"), default=dict, blank=True, editable=False)
    # Themes the mentor suggested beyond the vocabulary, awaiting an editor (deleted with the profile).
    theme_suggestions = GenericRelation("taxonomy.ThemeSuggestion")

    objects = MentorProfileQuerySet.as_manager()

    search_fields = [
        index.SearchField("full_name"),
        index.AutocompleteField("full_name"),
        index.SearchField("headline"),
        index.SearchField("bio"),
        index.SearchField("organisation"),
        index.SearchField("matching_terms"),
        index.RelatedFields("themes", [index.SearchField("name"), index.FilterField("slug")]),
        index.RelatedFields("mentoring_models", [index.FilterField("code")]),
        index.RelatedFields("languages", [index.FilterField("code")]),
        index.RelatedFields("actor_type", [index.FilterField("code")]),
        index.FilterField("status"),
        index.FilterField("region"),
        index.FilterField("accepting_requests"),
        index.FilterField("is_full"),
        index.FilterField("charter_version"),
        index.FilterField("offers_individual"),
        index.FilterField("offers_group"),
    ]

    class Meta:
        verbose_name = _("mentor profile")
        verbose_name_plural = _("mentor profiles")
        ordering = ["full_name"]
        # Approving, pausing and archiving decide who the public may ask: the moderators' call (home 0011),
        # while editors keep profiles current.
        permissions = [("approve_mentorprofile", _("Can approve, pause and archive mentor profiles"))]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.unique_slug()
        self.is_full = self.active_mentorships >= self.capacity
        if self.status == MentorStatus.PUBLISHED and not self.first_published_at:
            self.first_published_at = timezone.now()
        vector = self.build_matching_vector()
        vector_changed = vector != self.matching_vector
        if vector_changed:
            self.matching_vector = vector
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "matching_vector"}
        super().save(*args, **kwargs)
        if vector_changed:
            relevance.corpus_changed()

    def unique_slug(self):
        base = slugify(self.full_name)[:120] or "mentor"
        slug, number = base, 1
        while slug in RESERVED_SLUGS or MentorProfile.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            number += 1
            slug = f"{base}-{number}"
        return slug

    def matching_text(self):
        """Everything that says what the mentor knows, for matching."""
        themes = " ".join(theme.name for theme in self.themes.all())
        return f"{self.headline} {themes} {self.organisation} {self.bio}"

    def matching_terms(self):
        """The stemmed French terms and the equivalents of the profile (search/analysis.py), so that
        "donnée" finds "données" and "TAD" finds "transport à la demande" on any backend."""
        return analysis.index_terms(self.matching_text()) if self.pk else ""

    def build_matching_vector(self):
        themes = self.themes.values_list("name", "slug") if self.pk else []
        return relevance.profile_vector(self.headline, themes, self.organisation, self.bio)

    def refresh_matching_vector(self):
        """After a change the profile's own save does not see (its themes), or of the vocabulary."""
        vector = self.build_matching_vector()
        if vector != self.matching_vector:
            self.matching_vector = vector
            MentorProfile.objects.filter(pk=self.pk).update(matching_vector=vector)
            relevance.corpus_changed()

    @property
    def is_available(self):
        """What `MentorProfileQuerySet.available()` says, for one profile already loaded."""
        version = CharterPage.current_version()
        return (
            self.is_public
            and self.accepting_requests
            and not self.is_full
            and (version is None or self.charter_version == version)
        )

    @property
    def is_public(self):
        return self.status == MentorStatus.PUBLISHED

    @property
    def label_for_editors(self):
        """Two mentors may share a name: editors tell them apart by organisation and address. The address is
        private: only for the admin."""
        organisation = f" — {self.organisation}" if self.organisation else ""
        return f"{self.full_name}{organisation} ({self.contact_email})"

    def get_url(self, directory=None):
        """The public profile's address under the directory page (pass it when listing many)."""
        directory = directory or MentorIndexPage.objects.live().in_default_locale().first()
        return f"{directory.url}{directory.reverse_subpage('profile', args=[self.slug])}" if directory else ""


class MentorIndexPage(RoutablePageMixin, BasePage):
    """The public directory: /mentors/ lists published profiles, /mentors/<slug>/ shows one."""

    introduction = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1
    show_in_menus_default = True

    search_fields = [*BasePage.search_fields, index.SearchField("introduction")]
    content_panels = [*BasePage.content_panels, FieldPanel("introduction")]
    cache_tags = [MENTORS]  # the directory and the profiles (portal/pagecache/)

    class Meta:
        verbose_name = _("mentor directory")

    @path("")
    def directory(self, request):
        from portal.mentors.views import directory

        return directory(request, self)

    @path("defi/", name="match")
    def match(self, request):
        from portal.mentors.views import match

        return match(request, self)

    @path("<slug:slug>/", name="profile")
    def profile(self, request, slug):
        from portal.mentors.views import profile

        return profile(request, self, slug)

    @path("<slug:slug>/demander/", name="request")
    def request_mentor(self, request, slug):
        from portal.mentorships.views import request_mentor

        return request_mentor(request, self, slug)
