"""StreamField blocks of the portal: the body blocks every page shares, the home page's sections and
the mentoring model pages' white-paper sections.

Every block an editor can pick has a description and an icon, and is previewable in the block picker
(a preview value, rendered with the site's styles by templates/wagtailcore/shared/block_preview.html)."""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from portal.home.alt_text import EMPTY_MESSAGE, validate_alt_text
from portal.navigation.blocks import validate_link_address

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]

PREVIEW_TEXT = "<p>Le mentorat crée les meilleures conditions avec des personnes volontaires et bienveillantes.</p>"


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section heading (h2)")), ("h3", _("Subheading (h3)"))],
        default="h2",
        help_text=_(
            "h2 for a section of the page, h3 for a sub-section inside it. The page title is already the h1: "
            "do not skip a level, screen readers use them to move around the page."
        ),
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        description = _("A section title, to split a long text into parts readers can scan and jump to.")
        template = "blocks/heading_block.html"
        preview_value = {"text": "Pourquoi un mentorat entre acteurs ?", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=RICH_TEXT_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Text")
        description = _("Paragraphs of text, with bold, italics, links and lists. No image.")
        template = "blocks/paragraph_block.html"
        preview_value = PREVIEW_TEXT


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=120)
    role = blocks.CharBlock(label=_("Role or organisation"), required=False, max_length=120)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        description = _("A sentence someone said, set apart, with who said it.")
        template = "blocks/quote_block.html"
        preview_value = {
            "quote": "Le mentorat crée des conditions relationnelles de confiance et de bienveillance.",
            "attribution": "Worldline",
            "role": "Programme de mentorat inversé",
        }


class AltTextBlock(blocks.CharBlock):
    """The text alternative of an image: required, and never a file name (portal/home/alt_text.py)."""

    def __init__(self, **kwargs):
        super().__init__(max_length=250, validators=[validate_alt_text], **kwargs)
        self.field.error_messages["required"] = EMPTY_MESSAGE


class FigureBlock(blocks.StructBlock):
    """An image, its text alternative and an optional caption, side by side in one block: no nested
    "Image > Image" levels, and nothing filled in from the file's name."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = AltTextBlock(
        label=_("Text alternative"),
        help_text=_(
            "What the image shows, in a sentence, for people who cannot see it (screen readers read it aloud). "
            "Not the file name. For example: “Five people around a table, sticky notes on the wall”."
        ),
    )
    caption = blocks.CharBlock(
        label=_("Caption"), required=False, max_length=250, help_text=_("Shown under the image, to everyone.")
    )

    class Meta:
        icon = "image"
        label = _("Image")
        description = _("A photo or an illustration, described for people who cannot see it, with a caption.")
        template = "blocks/figure_block.html"
        preview_value = {
            "image": None,
            "alt_text": "Cinq personnes autour d’une table, des post-it au mur",
            "caption": "Un atelier de mentorat",
        }

    @staticmethod
    def flattened(value):
        """Pages saved before the block was flat store the image as {"image", "decorative", "alt_text"}."""
        if isinstance(value, dict) and isinstance(value.get("image"), dict):
            nested = value["image"]
            value = {**value, "image": nested.get("image"), "alt_text": value.get("alt_text") or nested.get("alt_text")}
        return value

    def to_python(self, value):
        return super().to_python(self.flattened(value))

    def bulk_to_python(self, values):
        return super().bulk_to_python([self.flattened(value) for value in values])

    def get_preview_value(self):
        from wagtail.images import get_image_model

        value = super().get_preview_value()
        value["image"] = get_image_model().objects.order_by("-created_at").first()
        return value


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    label = blocks.CharBlock(
        label=_("Link text"), required=False, max_length=120, help_text=_("Defaults to the document title.")
    )
    description = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Document")
        description = _("A link to download a document (PDF, slides…) with its format shown.")
        template = "blocks/document_link_block.html"
        preview_value = {"document": None, "label": "Télécharger le livre blanc", "description": "Édition 2018"}

    def get_preview_value(self):
        from wagtail.documents import get_document_model

        value = super().get_preview_value()
        value["document"] = get_document_model().objects.order_by("-created_at").first()
        return value


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False)
    button_label = blocks.CharBlock(label=_("Button label"), max_length=60)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.CharBlock(
        label=_("Or an address"),
        required=False,
        max_length=300,
        validators=[validate_link_address],
        help_text=_("An address on this site (/mentors/devenir-mentor/), another site's (https://…) or mailto:…"),
    )

    class Meta:
        icon = "pick"
        label = _("Call to action")
        description = _("A short invitation with a button to a page of the site or another site.")
        template = "blocks/call_to_action_block.html"
        preview_value = {
            "title": "Renvoyez-nous vos idées",
            "text": "Un défi à partager ? Un besoin à exprimer ?",
            "button_label": "Proposer une idée",
            "url": "https://example.org/",
        }

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = _("Choose either a page or an address for the button.")
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(message), "url": ValidationError(message)}
            )
        return value


class EmbedWithCaptionBlock(blocks.StructBlock):
    embed = EmbedBlock(label=_("Media address"), help_text=_("A video or slide deck address (YouTube, Vimeo…)."))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "media"
        label = _("Embedded media")
        description = _("A video or a slide deck from another site, played in the page.")
        template = "blocks/embed_block.html"
        # Drawn without fetching the media: the picker's preview must not call another site.
        preview_template = "blocks/previews/embed_preview.html"
        preview_value = {"embed": None, "caption": "La présentation du programme"}


def table_block():
    return TableBlock(
        label=_("Table"),
        icon="table",
        help_text=_("Give the table a caption: screen readers announce it."),
        description=_("Figures or comparisons in rows and columns, with a caption."),
        preview_value={
            "data": [["Modèle", "Format"], ["Culture Shift", "Interne"], ["Agilité", "Groupe"]],
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_caption": "Les formats de mentorat",
        },
    )


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    quote = QuoteBlock()
    image = FigureBlock()
    document = DocumentLinkBlock()
    call_to_action = CallToActionBlock()
    table = table_block()
    embed = EmbedWithCaptionBlock()


# The home page --------------------------------------------------------------------------------------


def home_listings():
    """The computed lists of the published home page, for the previews of the blocks that show them."""
    from portal.home.models import HomePage

    home = HomePage.objects.live().in_default_locale().first()
    return home.listings() if home else {}


class HomeListingBlock(blocks.StructBlock):
    """A home section whose cards the site computes; editors write its heading and introduction."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    introduction = blocks.TextBlock(label=_("Introduction"), required=False, max_length=400)

    class Meta:
        full_width = True

    def get_preview_context(self, value, parent_context=None):
        from portal.taxonomy.models import ActorTypeCode

        return {**(parent_context or {}), **home_listings(), "actor_type_choices": ActorTypeCode.choices}


class HeroBlock(HomeListingBlock):
    heading = blocks.CharBlock(
        label=_("Heading"), max_length=120, required=False, help_text=_("The page’s main title. Empty: the page title.")
    )
    introduction = blocks.TextBlock(label=_("Text"), required=False, max_length=500)

    class Meta:
        icon = "home"
        label = _("Hero")
        description = _(
            "The top of the home page: its title and text, the types of actors, and the “Find a mentor” box. "
            "Exactly one."
        )
        template = "blocks/home/hero_block.html"
        preview_value = {
            "heading": "Mentorat, vers une culture commune",
            "introduction": "Chaque acteur de la mobilité a sa propre logique : le mentorat aide chacun à "
            "mieux comprendre l’autre.",
        }


class IntroductionBlock(blocks.StructBlock):
    eyebrow = blocks.CharBlock(
        label=_("Small text above the heading"),
        required=False,
        max_length=60,
        help_text=_("For example “The programme”."),
    )
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    text = ParagraphBlock(label=_("Text"))

    class Meta:
        icon = "doc-full-inverse"
        label = _("Section with a heading")
        description = _("A heading on the left and a text beside it, such as the programme’s introduction.")
        template = "blocks/home/introduction_block.html"
        full_width = True
        preview_value = {
            "eyebrow": "Le programme",
            "heading": "Le mentorat, vers une culture commune",
            "text": PREVIEW_TEXT,
        }


class MentoringModelsBlock(HomeListingBlock):
    class Meta:
        icon = "list-ul"
        label = _("The three mentoring models")
        description = _("A card for each published mentoring model page, in the programme’s order.")
        template = "blocks/home/mentoring_models_block.html"
        default = {"heading": "Trois modèles de mentorat"}
        preview_value = {
            "heading": "Trois modèles de mentorat",
            "introduction": "Trois modèles comme des chemins à explorer ensemble.",
        }


class FeaturedChallengesBlock(HomeListingBlock):
    class Meta:
        icon = "tasks"
        label = _("Featured challenges")
        description = _(
            "Cards of the challenges chosen under “Featured challenges”; the newest published challenges fill "
            "the places left."
        )
        template = "blocks/home/featured_challenges_block.html"
        default = {"heading": "Les défis à relever ensemble"}
        preview_value = {
            "heading": "Les défis à relever ensemble",
            "introduction": "Les problèmes que rencontrent les acteurs de la mobilité, et le mentorat qui peut aider.",
        }


class LatestStoriesBlock(HomeListingBlock):
    class Meta:
        icon = "openquote"
        label = _("Latest experience stories")
        description = _("Cards of the three most recently published experience stories.")
        template = "blocks/home/latest_stories_block.html"
        default = {"heading": "Retours d’expérience"}
        preview_value = {
            "heading": "Retours d’expérience",
            "introduction": "Des programmes qui ont fonctionné, racontés par ceux qui les ont menés.",
        }


class BandCallToActionBlock(CallToActionBlock):
    class Meta:
        description = _("A coloured band across the page with a short invitation and a button.")
        template = "blocks/home/call_to_action_band.html"
        full_width = True


class HomeBodyBlock(blocks.StreamBlock):
    hero = HeroBlock()
    introduction = IntroductionBlock()
    mentoring_models = MentoringModelsBlock()
    featured_challenges = FeaturedChallengesBlock()
    latest_stories = LatestStoriesBlock()
    call_to_action = BandCallToActionBlock()
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    quote = QuoteBlock()
    image = FigureBlock()
    document = DocumentLinkBlock()
    embed = EmbedWithCaptionBlock()

    class Meta:
        # The hero carries the page's only h1 and the mentor finder.
        block_counts = {"hero": {"min_num": 1, "max_num": 1}}


def home_skeleton():
    """A new home page starts with the hero and the computed sections, under their usual headings."""
    return [
        {"type": "hero", "value": {"heading": "", "introduction": ""}},
        *({"type": name, "value": dict(block.meta.default)} for name, block in HOME_LISTINGS),
    ]


HOME_LISTINGS = [
    ("mentoring_models", MentoringModelsBlock()),
    ("featured_challenges", FeaturedChallengesBlock()),
    ("latest_stories", LatestStoriesBlock()),
]


# The mentoring model pages ---------------------------------------------------------------------------

# The white paper describes each model in these sections, in this order.
WHITE_PAPER_SECTIONS = [
    ("principles", _("Principles")),
    ("roi", _("Return on investment")),
    ("pitfalls", _("Pitfalls to avoid")),
    ("organisation", _("Organisation")),
    ("operationalisation", _("Operationalisation")),
    ("commons", _("Commons produced")),
]
SECTION_NAMES = [name for name, _label in WHITE_PAPER_SECTIONS]


class WhitePaperSectionBlock(blocks.StreamBlock):
    """One of the six sections: its heading is fixed, its content is free (and may wait to be written:
    an empty section is not shown)."""

    paragraph = ParagraphBlock()
    quote = QuoteBlock()
    image = FigureBlock()
    call_to_action = CallToActionBlock()
    document = DocumentLinkBlock()
    table = table_block()
    embed = EmbedWithCaptionBlock()

    class Meta:
        icon = "doc-full"
        template = "blocks/white_paper_section_block.html"
        white_paper_section = True
        preview_value = [("paragraph", PREVIEW_TEXT)]

    def get_context(self, value, parent_context=None):
        return {**super().get_context(value, parent_context=parent_context), "heading": self.label}


class SituationBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=RICH_TEXT_FEATURES, **kwargs)

    class Meta:
        icon = "user"
        label = _("A typical situation")
        description = _("The story of an organisation this model suits, under the heading “A typical situation”.")
        template = "blocks/situation_block.html"
        preview_value = PREVIEW_TEXT


class MentoringModelBodyBlock(blocks.StreamBlock):
    situation = SituationBlock()
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    quote = QuoteBlock()
    image = FigureBlock()
    call_to_action = CallToActionBlock()
    document = DocumentLinkBlock()
    embed = EmbedWithCaptionBlock()

    class Meta:
        block_counts = {
            "situation": {"max_num": 1},
            **{name: {"min_num": 1, "max_num": 1} for name in SECTION_NAMES},
        }

    def __init__(self, local_blocks=None, **kwargs):
        sections = [
            (
                name,
                WhitePaperSectionBlock(
                    required=False,
                    label=label,
                    description=_(
                        "A section of the white paper, always present and in the white paper’s order; "
                        "add text, quotes, images or a call to action inside it."
                    ),
                ),
            )
            for name, label in WHITE_PAPER_SECTIONS
        ]
        super().__init__([*(local_blocks or []), *sections], **kwargs)

    def clean(self, value):
        value = super().clean(value)
        order = [child.block_type for child in value if child.block_type in SECTION_NAMES]
        if order != SECTION_NAMES:
            labels = ", ".join(str(label) for _name, label in WHITE_PAPER_SECTIONS)
            raise StreamBlockValidationError(
                non_block_errors=ErrorList(
                    [
                        ValidationError(
                            _("Keep the white paper’s sections in its order: %(labels)s.") % {"labels": labels}
                        )
                    ]
                )
            )
        return value


def white_paper_skeleton():
    """A new mentoring model page starts with the six sections, empty, in the white paper's order."""
    return [{"type": name, "value": []} for name in SECTION_NAMES]


class SocialLinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Network"), max_length=40, help_text=_("For example LinkedIn or Mastodon."))
    url = blocks.URLBlock(label=_("Address"))

    class Meta:
        icon = "link-external"
        label = _("Social link")
