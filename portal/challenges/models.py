"""The catalogue: challenges (défis) that actors face and experience stories (retours d'expérience)."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import ItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.admin.widgets import AdminPageChooser
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, PageManager
from wagtail.search import index

from portal.challenges.filters import ChallengeFilterForm
from portal.home import languages
from portal.home.blocks import RICH_TEXT_FEATURES, BodyBlock
from portal.home.models import BasePage, BasePageQuerySet
from portal.mentors.matching import mentors_for_challenge
from portal.mentors.models import MentorIndexPage
from portal.pagecache import MENTORS
from portal.panels import MultipleChooserPanel

LISTING_PAGE_SIZE = 12


class ChallengeStatus(models.TextChoices):
    PRE_IDENTIFIED = "pre-identified", _("Pre-identified")
    OPEN = "open", _("Open")
    IN_PROGRESS = "in-progress", _("In progress")
    ADDRESSED = "addressed", _("Addressed")


class ChallengePageQuerySet(BasePageQuerySet):
    def for_listing(self):
        """What a challenge card shows, fetched in a fixed number of queries."""
        return self.select_related("listing_image").prefetch_related("themes", "actor_types", "recommended_models")


class ChallengeIndexPage(RoutablePageMixin, BasePage):
    introduction = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["challenges.ChallengePage"]
    max_count_per_parent = 1
    show_in_menus_default = True

    search_fields = [*BasePage.search_fields, index.SearchField("introduction")]
    content_panels = [*BasePage.content_panels, FieldPanel("introduction")]

    class Meta:
        verbose_name = _("challenge index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        challenges = ChallengePage.objects.live().public().child_of(self.source_page)
        form = ChallengeFilterForm(request.GET or None, challenges=challenges)
        filtered = form.filter(challenges).for_listing().order_by("title")
        shown = form.paginate(filtered, per_page=LISTING_PAGE_SIZE)
        shown.object_list = languages.prefetch_translations(shown.object_list)
        context.update(filter_form=form, challenges=shown)
        return context

    @path("proposer/", name="propose")
    def propose(self, request):
        from portal.contributions.views import propose_challenge

        return propose_challenge(request, self)

    @path("proposer/merci/", name="proposal-sent")
    def proposal_sent(self, request):
        from portal.contributions.views import proposal_sent

        return proposal_sent(request, self)


class ChallengeTheme(ItemBase):
    tag = models.ForeignKey("taxonomy.Theme", on_delete=models.CASCADE, related_name="challenge_items")
    content_object = ParentalKey("challenges.ChallengePage", on_delete=models.CASCADE, related_name="theme_items")


class ChallengePage(BasePage):
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    example = RichTextField(
        _("example"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("A concrete situation that illustrates the challenge."),
    )
    themes = ClusterTaggableManager(
        verbose_name=_("themes"),
        through=ChallengeTheme,
        blank=True,
        help_text=_("Shared with mentors' expertise: reuse existing themes where you can."),
    )
    actor_types = ParentalManyToManyField(
        "taxonomy.ActorType", verbose_name=_("actor types concerned"), blank=True, related_name="challenges"
    )
    recommended_models = ParentalManyToManyField(
        "taxonomy.MentoringModel",
        verbose_name=_("recommended mentoring models"),
        blank=True,
        related_name="challenges",
    )
    status = models.CharField(_("status"), max_length=20, choices=ChallengeStatus.choices, default=ChallengeStatus.OPEN)

    parent_page_types = ["challenges.ChallengeIndexPage"]
    subpage_types = []
    cache_tags = [MENTORS]  # the page shows its candidates (portal/pagecache/)

    objects = PageManager.from_queryset(ChallengePageQuerySet)()

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.SearchField("example"),
        index.RelatedFields("themes", [index.SearchField("name"), index.FilterField("slug")]),
        index.RelatedFields("actor_types", [index.FilterField("code")]),
        index.RelatedFields("recommended_models", [index.FilterField("code")]),
        index.FilterField("status"),
    ]
    content_panels = [
        *BasePage.content_panels,
        FieldPanel("body"),
        FieldPanel("example"),
        MultiFieldPanel(
            [
                FieldPanel("themes"),
                FieldPanel("actor_types", widget=forms.CheckboxSelectMultiple),
                FieldPanel("recommended_models", widget=forms.CheckboxSelectMultiple),
                FieldPanel("status"),
            ],
            heading=_("Classification"),
        ),
    ]

    class Meta:
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # A translation shows its French page's classification, stories and mentors: the same candidates
        # in both languages, whatever an editor changed on the translation.
        source = self.source_page
        context["source_page"] = source
        context["stories"] = languages.prefetch_translations(
            StoryPage.objects.live()
            .public()
            .in_default_locale()
            .filter(challenge_links__challenge=source)
            .for_listing()
            .order_by("-start_year")
        )
        context["recommended_models"] = source.recommended_models_with_pages()
        context["matches"] = mentors_for_challenge(source)
        context["mentor_directory"] = MentorIndexPage.objects.live().public().in_default_locale().first()
        return context

    def recommended_models_with_pages(self):
        """Each recommended model with its live page, if it has one, to link to it."""
        from portal.home.models import MentoringModelPage

        models_ = list(self.recommended_models.all())
        pages = (
            MentoringModelPage.objects.live()
            .public()
            .in_default_locale()
            .filter(mentoring_model__in=[model.pk for model in models_])
        )
        page_by_model = {page.mentoring_model_id: page for page in pages}
        return [(model, page_by_model.get(model.pk)) for model in models_]


class StoryPageQuerySet(BasePageQuerySet):
    def for_listing(self):
        return self.select_related("listing_image", "mentoring_model")


class StoryIndexPage(BasePage):
    introduction = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["challenges.StoryPage"]
    max_count_per_parent = 1
    show_in_menus_default = True

    search_fields = [*BasePage.search_fields, index.SearchField("introduction")]
    content_panels = [*BasePage.content_panels, FieldPanel("introduction")]

    class Meta:
        verbose_name = _("story index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["stories"] = languages.prefetch_translations(
            StoryPage.objects.live().public().child_of(self.source_page).for_listing().order_by("-first_published_at")
        )
        return context


class StoryPage(BasePage):
    """A retour d'expérience: a mentoring programme that ran, and what it changed."""

    organisation = models.CharField(_("organisation"), max_length=120)
    start_year = models.PositiveSmallIntegerField(
        _("start year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1950), MaxValueValidator(2100)],
    )
    participants = models.PositiveIntegerField(
        _("participants"), null=True, blank=True, help_text=_("At least this many people took part.")
    )
    mentoring_model = models.ForeignKey(
        "taxonomy.MentoringModel",
        verbose_name=_("mentoring model"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stories",
    )
    reverse_mentoring = models.BooleanField(
        _("includes reverse mentoring"), default=False, help_text=_("Juniors mentoring seniors.")
    )
    body = StreamField(BodyBlock(), verbose_name=_("story"), blank=True)
    outcomes = RichTextField(_("outcomes"), blank=True, features=RICH_TEXT_FEATURES)
    pull_quote = models.TextField(_("pull quote"), blank=True, max_length=500)
    pull_quote_attribution = models.CharField(_("quote attribution"), max_length=120, blank=True)

    parent_page_types = ["challenges.StoryIndexPage"]
    subpage_types = []

    objects = PageManager.from_queryset(StoryPageQuerySet)()

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("organisation"),
        index.SearchField("body"),
        index.SearchField("outcomes"),
        index.SearchField("pull_quote"),
        index.FilterField("mentoring_model"),
        index.FilterField("start_year"),
    ]
    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("organisation"),
                FieldPanel("start_year"),
                FieldPanel("participants"),
                FieldPanel("mentoring_model"),
                FieldPanel("reverse_mentoring"),
            ],
            heading=_("Key facts"),
        ),
        FieldPanel("body"),
        FieldPanel("outcomes"),
        MultiFieldPanel([FieldPanel("pull_quote"), FieldPanel("pull_quote_attribution")], heading=_("Quote")),
        MultipleChooserPanel(
            "challenge_links",
            chooser_field_name="challenge",
            heading=_("Related challenges"),
            label=_("Related challenge"),
            add_label=_("Choose related challenges"),
            help_text=_("Published challenges, found by their title."),
        ),
    ]

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read the relation from the instance: in a preview it holds the editor's unsaved choice. A
        # translation shows its French page's.
        source = self.source_page
        related_ids = [link.challenge_id for link in source.challenge_links.all()]
        context["source_page"] = source
        context["challenges"] = languages.prefetch_translations(
            ChallengePage.objects.live()
            .public()
            .in_default_locale()
            .filter(pk__in=related_ids)
            .for_listing()
            .order_by("title")
        )
        return context


class PageChooser(AdminPageChooser):
    """Wagtail's page chooser, which shows a form sent back with a value naming no page ("abc", typed by
    hand) with nothing chosen and the form's error, instead of failing."""

    def get_instance(self, value):
        try:
            return super().get_instance(value)
        except (ValueError, TypeError, ValidationError):
            return None


class ChallengeChooserPanel(PageChooserPanel):
    def get_form_options(self):
        options = super().get_form_options()
        options["widgets"][self.field_name] = PageChooser(target_models=self.page_type)
        return options


class StoryChallenge(Orderable):
    """A challenge a story relates to, in the order the editor chose. A published challenge of the French
    pages only (a translation shows its French page's): the page chooser offers no other
    (portal/challenges/wagtail_hooks.py) and the form refuses any other sent by hand."""

    story = ParentalKey("challenges.StoryPage", on_delete=models.CASCADE, related_name="challenge_links")
    challenge = models.ForeignKey(
        "challenges.ChallengePage", verbose_name=_("challenge"), on_delete=models.CASCADE, related_name="story_links"
    )

    panels = [ChallengeChooserPanel("challenge", page_type="challenges.ChallengePage")]

    class Meta(Orderable.Meta):
        verbose_name = _("related challenge")
        verbose_name_plural = _("related challenges")
        constraints = [models.UniqueConstraint(fields=["story", "challenge"], name="story_challenge_once")]

    def clean(self):
        super().clean()
        challenge = ChallengePage.objects.filter(pk=self.challenge_id).first()
        if challenge is not None and not is_choosable(challenge):
            message = _("Choose a published challenge of the French pages: “%(title)s” is not one.")
            raise ValidationError({"challenge": message % {"title": challenge.title}})


def choosable_challenges():
    """The challenges a story may relate to: published, in the default locale (French)."""
    return ChallengePage.objects.live().in_default_locale()


def is_choosable(challenge):
    return choosable_challenges().filter(pk=challenge.pk).exists()
