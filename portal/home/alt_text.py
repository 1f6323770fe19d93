"""Whether an image's text alternative describes the image to someone who cannot see it.

A file name ("IMG_2034.jpg", "dsc0001"), a bare word such as "photo" or nothing at all tells a screen
reader's user nothing: the image blocks refuse them and say why."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

IMAGE_EXTENSION = re.compile(r"\.(jpe?g|png|gif|webp|avif|svg|tiff?|bmp|heic|heif)\s*$", re.IGNORECASE)
# What cameras, phones and screenshot tools call a file, and words that only say "an image".
GENERATED_NAME = re.compile(
    r"^(img|dsc[nf]?|pxl|mvimg|gopr|dji|photo|image|picture|pic|screenshot|capture(\s+d[’']écran)?"
    r"|scan|sans[\s_-]*titre|untitled|wp|whatsapp\s+image|illustration|visuel)?([\d\s_\-.:]|à|at\b)*$",
    re.IGNORECASE,
)
MINIMUM_LETTERS = 3

EMPTY_MESSAGE = _(
    "Describe what the image shows: people who cannot see it hear this text instead (for example "
    "“Five people around a table, sticky notes on the wall”)."
)
FILE_NAME_MESSAGE = _(
    "“%(text)s” looks like a file name: say what the image shows, for people who cannot see it (for example "
    "“Five people around a table, sticky notes on the wall”)."
)


def alt_text_problem(text):
    """Why `text` does not describe an image, or None when it may."""
    text = (text or "").strip()
    if not text:
        return EMPTY_MESSAGE
    letters = sum(character.isalpha() for character in text)
    if IMAGE_EXTENSION.search(text) or GENERATED_NAME.fullmatch(text) or letters < MINIMUM_LETTERS:
        return FILE_NAME_MESSAGE % {"text": text}
    if " " not in text and re.search(r"\d", text) and re.search(r"[_\-]", text):  # "atelier_2024-03-01"
        return FILE_NAME_MESSAGE % {"text": text}
    return None


def validate_alt_text(text):
    problem = alt_text_problem(text)
    if problem:
        raise ValidationError(problem, code="alt_text")
