"""Themes people suggest beyond the vocabulary, and what editors do with them.

Mentors and proposers choose their themes from the vocabulary and may suggest a few new ones
(`MAX_SUGGESTIONS`, `MAX_THEME_LENGTH` characters each). A suggestion is a `ThemeSuggestion`, never a
`Theme`: until an editor approves it, nothing that reads themes (matching, the directory, the filters, the
API) sees it. Approving creates the theme (or finds it, case and accents aside) and gives it to the mentor or
the proposal it was suggested for; rejecting drops it. What a profile or a proposal holds is capped at
`MAX_THEMES`, suggestions waiting included.

Editors (the admin, `import_mentors`, `import_challenges`, `bench/generate.py`) still create themes directly.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from portal.taxonomy.models import MAX_THEMES, Theme, ThemeSuggestion
from search.french import fold


class SuggestionError(Exception):
    """The approval is not possible; the message says why, for the editor."""


def split_names(text):
    """The comma-separated names of a "suggest new themes" field, spaces tidied, each once."""
    names = (" ".join(name.split()) for name in (text or "").split(","))
    unique = {}
    for name in names:
        if name:
            unique.setdefault(fold(name), name)
    return list(unique.values())


def pending_for(target):
    """The suggestions waiting for an editor, for a mentor profile or a proposal (saved)."""
    if target is None or target.pk is None:
        return ThemeSuggestion.objects.none()
    content_type = ContentType.objects.get_for_model(target)
    return ThemeSuggestion.objects.filter(content_type=content_type, object_id=target.pk)


def existing_theme(name):
    """The vocabulary's theme with this name, case and accents aside, or None."""
    folded = fold(name)
    candidates = Theme.objects.filter(slug__startswith=slugify(folded))  # slugs are ASCII (settings: TAGGIT_)
    return next((theme for theme in candidates if fold(theme.name) == folded), None)


def suggest(target, names):
    """Store `names` as suggestions for `target`, leaving out those already waiting for it."""
    waiting = {fold(name) for name in pending_for(target).values_list("name", flat=True)}
    content_type = ContentType.objects.get_for_model(target)
    ThemeSuggestion.objects.bulk_create(
        ThemeSuggestion(name=name, content_type=content_type, object_id=target.pk)
        for name in names
        if fold(name) not in waiting
    )


@transaction.atomic
def approve(suggestion):
    """The suggested theme joins the vocabulary (or is found in it) and the mentor's or proposal's themes."""
    suggestion = ThemeSuggestion.objects.select_for_update().filter(pk=suggestion.pk).first()
    if suggestion is None:
        raise SuggestionError(_("This suggestion was already handled."))
    target = suggestion.suggested_for
    if target is None:
        suggestion.delete()
        raise SuggestionError(_("What this theme was suggested for no longer exists: the suggestion was dropped."))
    theme = existing_theme(suggestion.name)
    held = set(target.themes.values_list("pk", flat=True))
    if (theme is None or theme.pk not in held) and len(held) >= MAX_THEMES:
        raise SuggestionError(
            _("“%(target)s” already has %(count)d themes, the most it may hold: remove one before approving.")
            % {"target": target, "count": MAX_THEMES}
        )
    theme = theme or Theme.objects.create(name=suggestion.name)
    target.themes.add(theme)
    suggestion.delete()
    return theme


@transaction.atomic
def reject(suggestion):
    """The suggestion is dropped; nothing else changes."""
    ThemeSuggestion.objects.filter(pk=suggestion.pk).delete()
