"""Every body block renders as a visitor expects, and the call to action validates its target."""

from django.core.files.base import ContentFile

from wagtail.blocks import StructBlockValidationError
from wagtail.documents import get_document_model
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

import pytest
import wagtail_factories

from portal.home.blocks import CallToActionBlock
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

VIDEO_URL = "https://www.youtube.com/watch?v=mentorat"


@pytest.fixture
def cached_embed(db):
    """The embed as Wagtail stores it after a first fetch, so rendering needs no network."""
    return Embed.objects.create(
        url=VIDEO_URL,
        hash=get_embed_hash(VIDEO_URL),
        max_width=None,
        type="video",
        html='<iframe title="Présentation du mentorat" src="about:blank"></iframe>',
        title="Présentation du mentorat",
        width=640,
        height=360,
    )


def test_every_block_type_renders_its_content(client, home, cached_embed):
    image = wagtail_factories.ImageFactory(title="Atelier")
    document = get_document_model()(title="Livre blanc")
    document.file.save("livre-blanc.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    document.save()
    page = StandardPageFactory(
        parent=home,
        body=[
            ("heading", {"text": "Pourquoi le mentorat ?", "level": "h3"}),
            ("paragraph", "<p>Des personnes <b>volontaires</b> et bienveillantes.</p>"),
            ("quote", {"quote": "Pas de clonage.", "attribution": "La Fabrique", "role": "Culture Shift"}),
            ("image", {"image": image, "alt_text": "Un atelier", "caption": "En 2018"}),
            ("document", {"document": document, "label": "", "description": "Édition 2018"}),
            (
                "call_to_action",
                {"title": "Renvoyez-nous vos idées", "text": "", "button_label": "Écrire", "page": home, "url": ""},
            ),
            (
                "table",
                {
                    "data": [["Modèle", "Format"], ["Agilité", "Groupe"]],
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "table_caption": "Les formats",
                },
            ),
            ("embed", {"embed": VIDEO_URL, "caption": "La présentation générale"}),
        ],
    )

    html = client.get(page.url).content.decode()

    assert "<h3>Pourquoi le mentorat ?</h3>" in html
    assert "<b>volontaires</b>" in html
    assert "Pas de clonage." in html and "— La Fabrique, Culture Shift" in html
    assert 'alt="Un atelier"' in html and "<figcaption>En 2018</figcaption>" in html
    assert f'href="{document.url}">Livre blanc</a>' in html and "Édition 2018" in html
    assert '<a class="button" href="/">Écrire</a>' in html
    assert "<caption>Les formats</caption>" in html and "<th" in html and "Groupe" in html
    assert "Présentation du mentorat" in html and "La présentation générale" in html


def test_call_to_action_needs_exactly_one_target(home):
    block = CallToActionBlock()
    base = {"title": "Participer", "text": "", "button_label": "Go"}
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({**base, "page": None, "url": ""}))
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({**base, "page": home.pk, "url": "https://example.org/"}))
    assert block.clean(block.to_python({**base, "page": None, "url": "https://example.org/"}))["url"]
