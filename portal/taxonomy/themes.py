"""What editors do to the vocabulary of themes in the admin: rename, merge, delete.

Themes are held by rows the taxonomy does not know by name (mentors, challenges, proposals, needs survey
answers live in apps above it): every link table with a foreign key to `Theme` and one to the record that
holds it (taggit's through models, a ManyToManyField's table) is found by introspection, so a new holder
is re-tagged by a merge without a change here.

- Renaming changes the name and the slug (ASCII, as every slug); the old slug stays an alias
  (`ThemeAlias`), so that a directory or catalogue address shared with `?theme=<old slug>` keeps filtering
  on the same theme rather than being ignored. A name already taken (case and accents aside) is refused:
  merge into that theme instead.
- Merging moves every holder of a theme to another (a record that held both keeps one), moves the
  pending suggestions named like it, the latest revision of each page that holds it, its aliases and its
  slug (now an alias of the other), then deletes it. One transaction.
- Deleting untags whatever held it; its aliases go with it.

Each change is recorded in Wagtail's log entries with who did it, and `themes_changed` is sent once the
transaction is committed with the records whose themes changed, so that the apps above (matching, search
indexes) refresh what they derived from them.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db import models, transaction
from django.db.models import Count, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.dispatch import Signal
from django.utils.translation import gettext as _

from wagtail.log_actions import log

from portal.taxonomy.models import MAX_THEME_LENGTH, Theme, ThemeAlias, ThemeSuggestion
from search.french import fold

# Sent on commit, by `Theme`, with `holders`: {model: set of pks} whose themes changed.
themes_changed = Signal()

RENAMED, MERGED, DELETED = "portal.theme.rename", "portal.theme.merge", "portal.theme.delete"


class ThemeError(Exception):
    """The change is not possible; the message says why, in the editor's language."""


@dataclass(frozen=True)
class Link:
    """A table linking a holder (a mentor, a challenge…) to a theme."""

    through: type
    theme_field: str
    holder_field: str

    @property
    def holder(self):
        return self.through._meta.get_field(self.holder_field).related_model

    @property
    def label(self):
        """The holders' plural name; their singular where the model sets none (Django's would add an "s" to
        the French name)."""
        options = self.holder._meta
        return str(options.original_attrs.get("verbose_name_plural", options.verbose_name))

    @property
    def key(self):
        return f"used_by_{self.through._meta.label_lower.replace('.', '_')}"

    def holders_of(self, theme):
        return set(self.through.objects.filter(**{self.theme_field: theme}).values_list(self.holder_field, flat=True))


def links():
    """Every link table to `Theme`, in a stable order (mentors, challenges, then the contributions)."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        keys = [field for field in model._meta.concrete_fields if isinstance(field, models.ForeignKey)]
        to_theme = [field for field in keys if field.related_model is Theme]
        others = [field for field in keys if field.related_model is not Theme]
        if len(to_theme) == 1 and len(others) == 1:
            found.append(Link(model, to_theme[0].name, others[0].name))
    return sorted(found, key=lambda link: (link.holder._meta.app_label != "mentors", link.through._meta.label))


def with_usage(queryset):
    """Themes annotated with how many records of each kind hold them (`link.key`), and `usage` in all."""
    annotations = {}
    for link in links():
        counted = (
            link.through.objects.filter(**{link.theme_field: OuterRef("pk")})
            .order_by()
            .values(link.theme_field)
            .annotate(count=Count(link.holder_field, distinct=True))
            .values("count")
        )
        annotations[link.key] = Coalesce(Subquery(counted), Value(0))
    queryset = queryset.annotate(**annotations)
    total = sum((models.F(key) for key in annotations), Value(0))
    return queryset.annotate(usage=total)


def usage(theme):
    """[(plural name of the holders, count)] for the kinds of records holding `theme`, those with none left out."""
    counted = with_usage(Theme.objects.filter(pk=theme.pk)).first()
    if counted is None:
        return []
    result = []
    for link in links():
        count = getattr(counted, link.key)
        if count:
            result.append((link.label, count))
    return result


def _lock(theme):
    """The theme as stored now, locked for the transaction; refused when someone else deleted it."""
    locked = Theme.objects.select_for_update().filter(pk=getattr(theme, "pk", None)).first()
    if locked is None:
        raise ThemeError(_("This theme no longer exists: someone may have merged or deleted it."))
    return locked


def _notify(holders):
    holders = {model: pks for model, pks in holders.items() if pks}
    if holders:
        transaction.on_commit(lambda: themes_changed.send(sender=Theme, holders=holders))


def _holders(theme):
    holders = {}
    for link in links():
        holders.setdefault(link.holder, set()).update(link.holders_of(theme))
    return holders


def _alias(theme, slug):
    """`slug` now leads to `theme` (unless it is a theme's own slug)."""
    if slug and not Theme.objects.filter(slug=slug).exists():
        ThemeAlias.objects.update_or_create(slug=slug, defaults={"theme": theme})


def clean_name(name):
    name = " ".join((name or "").split())
    if not name:
        raise ThemeError(_("Write the theme’s new name."))
    if len(name) > MAX_THEME_LENGTH:
        raise ThemeError(_("A theme is a few words: 60 characters at most each."))
    if not Theme().slugify(name):
        raise ThemeError(_("A theme’s name has letters or digits."))
    return name


def taken_by(name, theme):
    """Another theme with this name or this slug, case and accents aside, or None."""
    slug = theme.slugify(name)
    folded = fold(name)
    others = Theme.objects.exclude(pk=theme.pk)
    return others.filter(slug=slug).first() or next((t for t in others if fold(t.name) == folded), None)


@transaction.atomic
def rename(theme, name, user=None):
    theme = _lock(theme)
    name = clean_name(name)
    other = taken_by(name, theme)
    if other is not None:
        raise ThemeError(
            _("The theme “%(other)s” already has this name: merge “%(theme)s” into it instead.")
            % {"other": other.name, "theme": theme.name}
        )
    old_name, old_slug = theme.name, theme.slug
    if name == old_name:
        return theme
    theme.name, theme.slug = name, theme.slugify(name)
    theme.save()
    ThemeAlias.objects.filter(slug=theme.slug).delete()
    _alias(theme, old_slug)
    log(theme, RENAMED, user=user, data={"old": old_name, "new": name})
    _notify(_holders(theme))
    return theme


def _move_links(source, target):
    """Every holder of `source` holds `target` instead (once); returns {holder model: pks changed}."""
    changed = {}
    for link in links():
        rows = link.through.objects.filter(**{link.theme_field: source})
        holders = set(rows.values_list(link.holder_field, flat=True))
        already = set(
            link.through.objects.filter(**{link.theme_field: target, f"{link.holder_field}__in": holders}).values_list(
                link.holder_field, flat=True
            )
        )
        rows.filter(**{f"{link.holder_field}__in": already}).delete()
        rows.update(**{link.theme_field: target})
        changed.setdefault(link.holder, set()).update(holders)
    return changed


def _move_revisions(source, target, holders):
    """The latest revision of each page holding `source` (a draft may be waiting) names `target` instead:
    a page's theme links live in its revisions as well as in its tables."""
    from wagtail.models import Revision

    for link in links():
        relation = link.through._meta.get_field(link.holder_field)
        if not hasattr(link.holder, "latest_revision") or relation.remote_field.related_name is None:
            continue
        key, pks = relation.remote_field.related_name, holders.get(link.holder, set())
        latest = link.holder.objects.filter(pk__in=pks).values("latest_revision")
        for revision in Revision.objects.filter(pk__in=latest):
            items = revision.content.get(key)
            if not isinstance(items, list) or not any(item.get(link.theme_field) == source.pk for item in items):
                continue
            kept, seen = [], set()
            for item in items:
                if item.get(link.theme_field) == source.pk:
                    item[link.theme_field] = target.pk
                if item.get(link.theme_field) not in seen:
                    seen.add(item.get(link.theme_field))
                    kept.append(item)
            revision.content[key] = kept
            revision.save(update_fields=["content"])


@transaction.atomic
def merge(source, target, user=None):
    """`source`'s holders, suggestions, aliases and slug go to `target`; `source` is deleted."""
    if getattr(source, "pk", None) is not None and source.pk == getattr(target, "pk", None):
        raise ThemeError(_("A theme cannot be merged into itself: choose another theme."))
    source, target = _lock(source), _lock(target)
    holders = _move_links(source, target)
    _move_revisions(source, target, holders)
    folded = fold(source.name)
    for suggestion in ThemeSuggestion.objects.select_for_update():
        if fold(suggestion.name) == folded:
            suggestion.name = target.name
            suggestion.save(update_fields=["name"])
    ThemeAlias.objects.filter(theme=source).update(theme=target)
    old_name, old_slug = source.name, source.slug
    log(target, MERGED, user=user, data={"merged": old_name, "into": target.name})
    source.delete()
    _alias(target, old_slug)
    _notify(holders)
    return target


@transaction.atomic
def delete(theme, user=None):
    """The theme is removed from whatever held it, then deleted."""
    theme = _lock(theme)
    holders = _holders(theme)
    log(theme, DELETED, user=user, data={"name": theme.name})
    theme.delete()
    _notify(holders)
