from wagtail.search import index

from portal.pagecache import SITE, purge
from portal.taxonomy import themes


def themes_changed(sender, holders, **kwargs):
    """A theme was renamed, merged or deleted in the admin (sent once committed): the challenges that held
    it are indexed again with their themes as they are now (a few hundred pages at most)."""
    from portal.challenges.models import ChallengePage

    pks = holders.get(ChallengePage)
    if pks:
        for page in ChallengePage.objects.filter(pk__in=pks):
            index.insert_or_update_object(page)
    purge(SITE)  # its name on challenges, iterations, in filters: every page may show a theme (portal/pagecache/)


def register_signal_handlers():
    themes.themes_changed.connect(themes_changed, dispatch_uid="challenges.themes.changed")
