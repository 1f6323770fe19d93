"""The site's frame: the base page every page type extends, the home page, the programme and its
three mentoring models, the wiki page, and the editable site settings."""

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Subquery
from django.db.models.functions import Length, Substr
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet
from wagtail.search import index

from portal.home import languages
from portal.home.blocks import (
    SECTION_NAMES,
    BodyBlock,
    HomeBodyBlock,
    MentoringModelBodyBlock,
    SocialLinkBlock,
    home_skeleton,
    white_paper_skeleton,
)
from portal.pagecache import PROGRAMMES
from portal.panels import InlinePanel
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
    # Wagtail's "For site menus" checkbox is left out: the menu is kept in Paramètres > Navigation.
    promote_panels = [Page.promote_panels[0], FieldPanel("listing_image")]

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


FEATURED_CHALLENGES_MAX = 6


class HomePage(BasePage):
    body = StreamField(HomeBodyBlock(), verbose_name=_("body"), default=home_skeleton)

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

    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    content_panels = [
        *BasePage.content_panels,
        FieldPanel("body"),
        InlinePanel(
            "featured_challenges",
            heading=_("Featured challenges"),
            label=_("Featured challenge"),
            add_label=_("Add a featured challenge"),
            max_num=FEATURED_CHALLENGES_MAX,
            help_text=_(
                "Up to 6 challenges, shown in this order by the “Featured challenges” section of the page. "
                "When fewer are chosen, the newest published challenges fill the places left, so a new "
                "challenge shows on the home page until the list is full."
            ),
        ),
    ]

    class Meta:
        verbose_name = _("home page")

    def body_sections(self):
        """The body as the template lays it out: a full-width block alone, consecutive text blocks
        (paragraphs, quotes, images…) together in one column."""
        sections = []
        for child in self.body:
            if getattr(child.block.meta, "full_width", False):
                sections.append((True, child))
            elif sections and not sections[-1][0]:
                sections[-1][1].append(child)
            else:
                sections.append((False, [child]))
        return sections

    def featured_challenge_list(self):
        """The chosen challenges in their order, then the newest published ones, up to
        FEATURED_CHALLENGES_MAX: one listing query whatever their number."""
        from portal.challenges.models import ChallengePage

        home = self.source_page  # the French tree: a translated home lists the same pages
        published = ChallengePage.objects.live().public().descendant_of(home).in_default_locale()
        newest_first = ["-first_published_at", "-pk"]
        if "featured_challenges" in getattr(home, "_cluster_related_objects", {}):
            # A preview: the chosen challenges are in memory (modelcluster), not in the database yet.
            shown = set(published.values_list("pk", flat=True))
            ids = [item.challenge_id for item in home.featured_challenges.all() if item.challenge_id in shown]
            ids = list(dict.fromkeys(ids))[:FEATURED_CHALLENGES_MAX]
            newest = published.exclude(pk__in=ids).order_by(*newest_first).values_list("pk", flat=True)
            ids += list(newest[: FEATURED_CHALLENGES_MAX - len(ids)])
            pages = {page.pk: page for page in published.filter(pk__in=ids).for_listing()}
            return [pages[pk] for pk in ids if pk in pages]
        # Chosen first, in the editor's order (sort_order, or the order they were added in when it is unset).
        rows = HomePageFeaturedChallenge.objects.filter(page=home, challenge=OuterRef("pk")).order_by(
            "sort_order", "pk"
        )
        return list(
            published.annotate(
                featured=Exists(rows),
                place=Subquery(rows.values("sort_order")[:1]),
                added=Subquery(rows.values("pk")[:1]),
            )
            .order_by("-featured", F("place").asc(nulls_last=True), "added", *newest_first)
            .for_listing()[:FEATURED_CHALLENGES_MAX]
        )

    def listings(self):
        """What the home's computed sections list: the models, featured challenges and latest stories."""
        from portal.challenges.models import ChallengeIndexPage, StoryIndexPage, StoryPage
        from portal.mentors.models import MentorIndexPage

        home = self.source_page
        featured = (
            self.featured_challenge_list()
            if any(child.block_type == "featured_challenges" for child in self.body)
            else []
        )
        return {
            "challenge_index": ChallengeIndexPage.objects.live().public().child_of(home).first(),
            "story_index": StoryIndexPage.objects.live().public().child_of(home).first(),
            "mentor_directory": MentorIndexPage.objects.live().public().child_of(home).first(),
            "mentoring_models": languages.prefetch_translations(
                MentoringModelPage.objects.live().public().descendant_of(home).in_model_order()
            ),
            "featured_challenges": languages.prefetch_translations(featured),
            "latest_stories": languages.prefetch_translations(
                StoryPage.objects.live().public().descendant_of(home).for_listing().order_by("-first_published_at")[:3]
            ),
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["actor_type_choices"] = ActorTypeCode.choices
        context.update(self.listings())
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

    @classmethod
    def current_version(cls):
        """The published charter's version, or None while there is none: what availability needs, without
        building the page (a tenth of the time)."""
        return cls.objects.live().in_default_locale().values_list("version", flat=True).first()


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
    definition = models.TextField(
        _("definition"),
        max_length=600,
        help_text=_("One or two sentences, shown under the title and on the model’s card."),
    )
    body = StreamField(
        MentoringModelBodyBlock(),
        verbose_name=_("body"),
        default=white_paper_skeleton,
        help_text=_(
            "The white paper’s six sections stay, in its order; add a typical situation, text, quotes, images or "
            "calls to action before, between or after them. A section left empty is not shown."
        ),
    )

    # The link to the vocabulary is unique: a copy starts unlinked rather than failing to save.
    exclude_fields_in_copy = ["mentoring_model"]

    parent_page_types = ["home.ProgrammePage"]
    subpage_types = ["programmes.IterationPage"]
    cache_tags = [PROGRAMMES]  # its iterations still open (portal/pagecache/)

    objects = PageManager.from_queryset(MentoringModelPageQuerySet)()
    base_form_class = MentoringModelPageForm

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("definition"),
        index.SearchField("body"),
        index.FilterField("mentoring_model"),
    ]
    content_panels = [
        *BasePage.content_panels,
        FieldPanel("mentoring_model"),
        FieldPanel("definition"),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("mentoring model page")

    def clean_fields(self, exclude=None):
        if not languages.is_source(self):  # a translation has no model of its own (MentoringModelPageForm)
            exclude = {*(exclude or ()), "mentoring_model"}
        super().clean_fields(exclude=exclude)

    def body_parts(self):
        """The body in three parts: the blocks before the white paper's sections, the sections (with the
        blocks between them), the blocks after them. The template heads the middle one "How it works",
        and leaves it out when every section is still empty."""
        children = list(self.body)
        positions = [index for index, child in enumerate(children) if child.block_type in SECTION_NAMES]
        if not positions:
            return children, [], []
        first, last = positions[0], positions[-1]
        middle = children[first : last + 1]
        if not any(child.value for child in middle if child.block_type in SECTION_NAMES):
            middle = [child for child in middle if child.block_type not in SECTION_NAMES]
            return children[:first] + middle, [], children[last + 1 :]
        return children[:first], middle, children[last + 1 :]

    def get_context(self, request, *args, **kwargs):
        from portal.challenges.models import ChallengePage, StoryPage
        from portal.programmes.models import IterationPage

        context = super().get_context(request, *args, **kwargs)
        # A translation is not linked to the vocabulary (the link is unique): its French page is.
        source = self.source_page
        context["iterations"] = (
            IterationPage.objects.child_of(source)
            .live()
            .public()
            .filter(closed_at__isnull=True, ends_on__gte=timezone.localdate())
            .order_by("applications_open_on", "path")
        )
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
    brand_name = models.CharField(
        _("brand name"),
        max_length=60,
        default="Mentorat FabMob",
        help_text=_("Shown at the top of every page, in the browser's tab and when a page is shared."),
    )
    tagline = models.CharField(
        _("tagline"),
        max_length=200,
        blank=True,
        default="Un programme de mentorat de La Fabrique des Mobilités, construit comme un commun.",
        help_text=_("One sentence at the bottom of every page."),
    )
    share_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("default share image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown when a page without a listing image of its own is shared on a social network or in a "
            "message. A landscape image, at least 1200 × 630 pixels."
        ),
    )
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
            [FieldPanel("brand_name"), FieldPanel("tagline"), FieldPanel("share_image")],
            heading=_("Brand"),
        ),
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
