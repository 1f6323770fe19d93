"""Blocks editors understand: each says what it is for, with an icon and a preview; the image block is
flat and its text alternative is required and refused when it is a file name, with a French reason."""

from django.utils import translation

from wagtail.blocks import StreamBlock, StructBlockValidationError
from wagtail.images.blocks import ImageBlock

import pytest
import wagtail_factories

from portal.home.blocks import BodyBlock, FigureBlock, HeadingBlock, HomeBodyBlock, MentoringModelBodyBlock
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

STREAMS = [BodyBlock(), HomeBodyBlock(), MentoringModelBodyBlock()]


def offered_blocks():
    """Every block an editor can pick, in every stream of the portal, nested streams included."""
    for stream in STREAMS:
        for name, block in stream.child_blocks.items():
            yield name, block
            if isinstance(block, StreamBlock):
                yield from block.child_blocks.items()


@pytest.mark.parametrize("name,block", list(offered_blocks()), ids=lambda item: item if isinstance(item, str) else "")
def test_every_block_says_what_it_is_for_and_can_be_previewed(name, block):
    assert str(block.get_description()).strip(), name
    assert block.meta.icon != "placeholder", name
    assert block.is_previewable, name


def test_a_block_preview_is_drawn_with_the_sites_styles(admin_client):
    block = HomeBodyBlock().child_blocks["call_to_action"]
    html = admin_client.get("/admin/block-preview/", {"id": block.definition_prefix}).content.decode()
    assert "css/portal.css" in html
    assert "Renvoyez-nous vos idées" in html and 'class="cta-band"' in html


def test_the_image_block_is_flat():
    children = FigureBlock().child_blocks
    assert list(children) == ["image", "alt_text", "caption"]
    assert not any(isinstance(child, ImageBlock) for child in children.values())  # its script fills alt text


@pytest.mark.parametrize("text", ["IMG_2034.jpg", "photo.png", "dsc0001", "PXL_20240301_123456", "image", "  "])
def test_the_image_block_refuses_a_file_name_or_nothing_as_text_alternative(text):
    image = wagtail_factories.ImageFactory(title="IMG_2034.jpg")
    block = FigureBlock()
    with translation.override("fr"), pytest.raises(StructBlockValidationError) as refused:
        block.clean(block.to_python({"image": image.pk, "alt_text": text, "caption": ""}))
    message = " ".join(str(message) for error in refused.value.block_errors.values() for message in error.messages)
    assert "Décrivez ce que montre l’image" in message or "ressemble à un nom de fichier" in message


def test_the_image_block_accepts_a_description_and_renders_it_as_alt(client, home):
    image = wagtail_factories.ImageFactory(title="IMG_2034.jpg")
    block = FigureBlock()
    value = {"image": image.pk, "alt_text": "Cinq personnes autour d’une table", "caption": "Atelier"}
    assert block.clean(block.to_python(value))["alt_text"] == "Cinq personnes autour d’une table"

    page = StandardPageFactory(parent=home, body=[("image", {**value, "image": image})])
    html = client.get(page.url).content.decode()
    assert 'alt="Cinq personnes autour d’une table"' in html
    assert 'alt="IMG_2034.jpg"' not in html


def test_pages_saved_with_the_former_nested_image_block_still_show_their_image(client, home):
    image = wagtail_factories.ImageFactory(title="Atelier")
    page = StandardPageFactory(parent=home, body=[])
    page.body = [
        {
            "type": "image",
            "value": {"image": {"image": image.pk, "decorative": False, "alt_text": "Un atelier"}, "caption": "2018"},
        }
    ]
    page.save_revision().publish()

    html = client.get(page.url).content.decode()

    assert 'alt="Un atelier"' in html and "<figcaption>2018</figcaption>" in html


def test_nothing_is_filled_in_from_the_file_name():
    assert FigureBlock().get_default()["alt_text"] in ("", None)


def test_heading_level_and_alt_text_explain_themselves_in_french():
    with translation.override("fr"):
        level_help = str(HeadingBlock().child_blocks["level"].field.help_text)
        alt_help = str(FigureBlock().child_blocks["alt_text"].field.help_text)
    assert "h2 pour une section" in level_help and "h3 pour une sous-section" in level_help
    assert "Pas le nom du fichier" in alt_help


@pytest.mark.parametrize("address", ["/mentors/devenir-mentor/", "https://lafabriquedesmobilites.fr/", "mailto:a@b.fr"])
def test_a_call_to_action_leads_to_an_address_of_the_site_another_site_or_a_mailbox(address):
    from portal.home.blocks import CallToActionBlock

    value = CallToActionBlock().clean({"title": "Devenez mentor", "button_label": "Postuler", "url": address})
    assert value["url"] == address


@pytest.mark.parametrize("address", ["mentors/devenir-mentor", "javascript:alert(1)", "//evil.example/", "ftp://x.fr/"])
def test_a_call_to_action_refuses_an_address_that_leads_nowhere_and_says_what_is_expected(address):
    from portal.home.blocks import CallToActionBlock

    with translation.override("fr"), pytest.raises(StructBlockValidationError) as refusal:
        CallToActionBlock().clean({"title": "Devenez mentor", "button_label": "Postuler", "url": address})
    assert "commençant par /" in str(refusal.value.block_errors["url"])
