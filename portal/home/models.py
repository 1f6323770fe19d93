"""The site's frame: the base page every page type extends, the home page, the programme and its
three mentoring models, the wiki page, and the editable site settings."""

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet
from wagtail.search import index

from portal.home import languages
from portal.home.blocks import RICH_TEXT_FEATURES, BodyBlock, SocialLinkBlock
from portal.taxonomy.models import ActorTypeCode
from search import analysis


def searchable_texts(obj, search_fields):
    """The plain text of each field `search_fields` index for `obj`, related objects included."""
    texts = []
    for field in search_fields:
        if isinstance(field, index.RelatedFields):
            related = getattr(obj, field.field_name, None)
            for item in related.all() if hasattr(related, "all") else [related] if related else []:
                texts += searchable_texts(item, field.fields)
        elif isinstance(field, index.SearchField) and field.field_name != "search_terms":
            try:
                model_field = obj._meta.get_field(field.field_name)
            except FieldDoesNotExist:
                model_field = None
            if hasattr(model_field, "get_searchable_content"):  # stream and rich text: their text only
                value = getattr(obj, field.field_name)
                texts += [str(text) for text in model_field.get_searchable_content(value)]
            elif value := field.get_value(obj):
                texts.append(str(value))
    return texts


class BasePageQuerySet(PageQuerySet):
    def public(self):
        """Wagtail's `public()`: without the pages that a view restriction (password, login, groups) on
        themselves or an ancestor keeps from some visitors. Every public list, menu, form choice, feed
        and the API use it beside `live()`. Wagtail's reads every restriction in a query of its own
        first; this one asks in the list's own query (a page whose path starts with a restricted one's)."""
        restricted = PageViewRestriction.objects.filter(page__path=Substr(OuterRef("path"), 1, Length("page__path")))
        return self.exclude(Exists(restricted))

    def in_default_locale(self):
        """The French pages only: lists show each page once, in the visitor's language (languages.py)."""
        return self.filter(locale__language_code=languages.default_language())


class BasePage(Page):
    """Listing and SEO fields shared by every page of the portal, and how a page is shown in another
    language than French (portal/home/languages.py)."""

    summary = models.TextField(
        _("summary"),
        blank=True,
        max_length=400,
        help_text=_("One or two sentences, shown in listings and used as the default meta description."),
    )
    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("listing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown on cards and when the page is shared."),
    )

    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("search_terms")]
    content_panels = [*Page.content_panels, FieldPanel("summary")]
    promote_panels = [*Page.promote_panels, FieldPanel("listing_image")]

    objects = PageManager.from_queryset(BasePageQuerySet)()

    # Whether editors may translate this type of page with the admin's "Translate" action.
    translatable = True

    class Meta:
        abstract = True

    @property
    def localized(self):
        """This page in the visitor's language: its live translation, or itself (Wagtail's `localized`,
        answered from what `languages.prefetch_translations()` found for a whole list)."""
        return languages.localized(self)

    @property
    def source_page(self):
        """The French page this one translates (itself when French): classification, relations and
        matching are read there."""
        return languages.source_page(self)

    def route(self, request, path_components):
        """Addresses are the same in every language: where the English tree lacks the page asked for
        (not translated, or not published), the French page at the same address answers."""
        try:
            return super().route(request, path_components)
        except Http404:
            source = self.source_page
            if source.pk == self.pk:
                raise
            return source.route(request, path_components)

    def clean(self):
        super().clean()
        # A translation keeps its French page's slug, so that both answer at the same address.
        # A site's home page is the exception: its translation is its sibling, under another slug.
        if self.pk and self.depth and self.depth > 2 and not self.alias_of_id and not languages.is_source(self):
            source = self.source_page
            stored_slug = type(self).objects.filter(pk=self.pk).values_list("slug", flat=True).first()
            if source.pk != self.pk and self.slug not in (source.slug, stored_slug):
                raise ValidationError(
                    {
                        "slug": _("A translation keeps the address of its French page: “%(slug)s”.")
                        % {"slug": source.slug}
                    }
                )

    def search_terms(self):
        """The French terms and equivalents of everything the page indexes (search/analysis.py), so that
        "donnée" finds "données" and "covoit" finds "covoiturage" on every search backend."""
        return analysis.index_terms(" ".join(searchable_texts(self, self.search_fields)))

    @property
    def meta_description(self):
        return self.search_description or self.summary


class HomePage(BasePage):
    hero_heading = models.CharField(_("hero heading"), max_length=120, blank=True)
    hero_text = models.TextField(_("hero text"), blank=True, max_length=500)
    introduction = RichTextField(_("programme introduction"), blank=True, features=RICH_TEXT_FEATURES)
    models_introduction = models.TextField(_("introduction to the mentoring models"), blank=True)
    ideas_heading = models.CharField(_("ideas call-to-action heading"), max_length=120, blank=True)
    ideas_text = models.TextField(_("ideas call-to-action text"), blank=True)
    ideas_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("ideas call-to-action page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.ProgrammePage",
        "home.StandardPage",
        "home.CharterPage",
        "challenges.ChallengeIndexPage",
        "challenges.StoryIndexPage",
        "mentors.MentorIndexPage",
        "contributions.NeedsSurveyPage",
        "contributions.IdeaFormPage",
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("hero_heading"),
        index.SearchField("hero_text"),
        index.SearchField("introduction"),
    ]
    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel([FieldPanel("hero_heading"), FieldPanel("hero_text")], heading=_("Hero")),
        FieldPanel("introduction"),
        FieldPanel("models_introduction"),
        InlinePanel("featured_challenges", label=_("Featured challenges"), max_num=6),
        MultiFieldPanel(
            [FieldPanel("ideas_heading"), FieldPanel("ideas_text"), PageChooserPanel("ideas_page")],
            heading=_("Ideas call to action"),
        ),
    ]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from portal.challenges.models import ChallengeIndexPage, ChallengePage, StoryIndexPage, StoryPage
        from portal.mentors.models import MentorIndexPage

        context = super().get_context(request, *args, **kwargs)
        home = self.source_page  # the French tree: a translated home lists the same pages
        context["actor_type_choices"] = ActorTypeCode.choices
        context["challenge_index"] = ChallengeIndexPage.objects.live().public().child_of(home).first()
        context["story_index"] = StoryIndexPage.objects.live().public().child_of(home).first()
        context["mentor_directory"] = MentorIndexPage.objects.live().public().child_of(home).first()
        context["mentoring_models"] = languages.prefetch_translations(
            MentoringModelPage.objects.live().public().descendant_of(home).in_model_order()
        )
        # Ids, not pages: in a preview the chosen challenges are in memory (modelcluster) and compare ids.
        shown = ChallengePage.objects.live().public().values_list("pk", flat=True)
        featured = [
            item.challenge
            for item in home.featured_challenges.filter(challenge__in=shown)
            .select_related("challenge")
            .prefetch_related("challenge__themes", "challenge__recommended_models")
        ]
        context["featured_challenges"] = featured or list(
            ChallengePage.objects.live().public().descendant_of(home).for_listing().order_by("-first_published_at")[:3]
        )
        languages.prefetch_translations(context["featured_challenges"])
        context["latest_stories"] = languages.prefetch_translations(
            StoryPage.objects.live().public().descendant_of(home).for_listing().order_by("-first_published_at")[:3]
        )
        return context


class HomePageFeaturedChallenge(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_challenges")
    challenge = models.ForeignKey(
        "challenges.ChallengePage",
        verbose_name=_("challenge"),
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to=languages.in_default_locale,
    )

    panels = [PageChooserPanel("challenge")]


class ProgrammePage(BasePage):
    """ "Mentorat by FabMob": the programme, parent of the three mentoring models."""

    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.MentoringModelPage", "home.StandardPage"]
    max_count_per_parent = 1
    show_in_menus_default = True

    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    content_panels = [*BasePage.content_panels, FieldPanel("body")]

    class Meta:
        verbose_name = _("programme page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["mentoring_models"] = languages.prefetch_translations(
            MentoringModelPage.objects.live().public().child_of(self.source_page).in_model_order()
        )
        return context


class StandardPage(BasePage):
    """The wiki page: resources, the ethics charter, the privacy notice, needs…"""

    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    parent_page_types = ["home.HomePage", "home.ProgrammePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage", "home.CharterPage", "contributions.IdeaFormPage"]

    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    content_panels = [*BasePage.content_panels, FieldPanel("body")]

    class Meta:
        verbose_name = _("standard page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["child_pages"] = languages.prefetch_translations(
            self.source_page.get_children().live().public().specific().order_by("path")
        )
        return context


class CharterPage(BasePage):
    """The ethics charter mentors accept. A new version asks every mentor to accept it again."""

    version = models.CharField(
        _("version"),
        max_length=20,
        help_text=_(
            "Change it (for example 2026-2) only when the commitments change: every mentor will then be asked "
            "to accept the charter again before receiving new requests."
        ),
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = []
    max_count = 1
    # The French text is the one mentors accept, with its version: English visitors read it in French.
    translatable = False

    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    content_panels = [*BasePage.content_panels, FieldPanel("version"), FieldPanel("body")]

    class Meta:
        verbose_name = _("ethics charter")

    @classmethod
    def current(cls):
        """The published charter, or None while there is none."""
        return cls.objects.live().in_default_locale().first()


class MentoringModelPageQuerySet(BasePageQuerySet):
    def in_model_order(self):
        return self.select_related("mentoring_model").order_by("mentoring_model__sort_order", "path")


class MentoringModelPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not languages.is_source(self.instance):
            # A translation is shown with its French page's model; the link to the vocabulary is unique.
            field = self.fields["mentoring_model"]
            field.required = False
            field.disabled = True
            field.help_text = _("A translation follows the model of its French page.")


class MentoringModelPage(BasePage):
    """One of the three models: Culture Shift, Peer 2 Peer, Agilité."""

    mentoring_model = models.OneToOneField(
        "taxonomy.MentoringModel",
        verbose_name=_("mentoring model"),
        null=True,
        on_delete=models.PROTECT,
        related_name="page",
        help_text=_("Links this page to the model that challenges recommend and mentors offer."),
    )
    definition = models.TextField(_("definition"), max_length=600)
    situation = RichTextField(_("typical situation"), blank=True, features=RICH_TEXT_FEATURES)
    principles = RichTextField(_("principles"), blank=True, features=RICH_TEXT_FEATURES)
    roi = RichTextField(_("return on investment"), blank=True, features=RICH_TEXT_FEATURES)
    pitfalls = RichTextField(_("pitfalls to avoid"), blank=True, features=RICH_TEXT_FEATURES)
    organisation = RichTextField(_("organisation"), blank=True, features=RICH_TEXT_FEATURES)
    operationalisation = RichTextField(_("operationalisation"), blank=True, features=RICH_TEXT_FEATURES)
    commons = RichTextField(_("commons produced"), blank=True, features=RICH_TEXT_FEATURES)

    # The link to the vocabulary is unique: a copy starts unlinked rather than failing to save.
    exclude_fields_in_copy = ["mentoring_model"]

    parent_page_types = ["home.ProgrammePage"]
    subpage_types = []

    objects = PageManager.from_queryset(MentoringModelPageQuerySet)()
    base_form_class = MentoringModelPageForm

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("definition"),
        index.SearchField("situation"),
        index.SearchField("principles"),
        index.SearchField("roi"),
        index.SearchField("pitfalls"),
        index.SearchField("organisation"),
        index.SearchField("operationalisation"),
        index.SearchField("commons"),
        index.FilterField("mentoring_model"),
    ]
    content_panels = [
        *BasePage.content_panels,
        FieldPanel("mentoring_model"),
        FieldPanel("definition"),
        FieldPanel("situation"),
        MultiFieldPanel(
            [
                FieldPanel("principles"),
                FieldPanel("roi"),
                FieldPanel("pitfalls"),
                FieldPanel("organisation"),
                FieldPanel("operationalisation"),
                FieldPanel("commons"),
            ],
            heading=_("White paper sections"),
        ),
    ]

    class Meta:
        verbose_name = _("mentoring model page")

    def clean_fields(self, exclude=None):
        if not languages.is_source(self):  # a translation has no model of its own (MentoringModelPageForm)
            exclude = {*(exclude or ()), "mentoring_model"}
        super().clean_fields(exclude=exclude)

    def sections(self):
        """The white paper's sections that have content, in the white paper's order."""
        names = ["principles", "roi", "pitfalls", "organisation", "operationalisation", "commons"]
        return [
            (name, self._meta.get_field(name).verbose_name, getattr(self, name))
            for name in names
            if getattr(self, name)
        ]

    def get_context(self, request, *args, **kwargs):
        from portal.challenges.models import ChallengePage, StoryPage

        context = super().get_context(request, *args, **kwargs)
        # A translation is not linked to the vocabulary (the link is unique): its French page is.
        source = self.source_page
        model_id = source.mentoring_model_id
        context["mentoring_model"] = source.mentoring_model
        if model_id:
            context["suited_challenges"] = languages.prefetch_translations(
                ChallengePage.objects.live()
                .public()
                .in_default_locale()
                .filter(recommended_models=model_id)
                .order_by("title")
            )
            context["stories"] = languages.prefetch_translations(
                StoryPage.objects.live().public().in_default_locale().filter(mentoring_model=model_id).order_by("path")
            )
        return context


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    organisation_name = models.CharField(_("organisation name"), max_length=120, default="La Fabrique des Mobilités")
    contact_email = models.EmailField(_("contact email"), blank=True)
    address = models.TextField(_("postal address"), blank=True)
    footer_text = models.TextField(_("footer text"), blank=True)
    social_links = StreamField([("link", SocialLinkBlock())], verbose_name=_("social links"), blank=True)
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("organisation_name"), FieldPanel("contact_email"), FieldPanel("address")],
            heading=_("Contact"),
        ),
        FieldPanel("social_links"),
        FieldPanel("footer_text"),
        MultiFieldPanel([PageChooserPanel("privacy_page")], heading=_("Reference pages")),
    ]

    class Meta:
        verbose_name = _("site settings")
