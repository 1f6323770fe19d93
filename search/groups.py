"""Site search, grouped by kind of content, each kind searched through the configured backend."""

from dataclasses import dataclass
from functools import cached_property

from django.utils.translation import gettext_lazy as _

from wagtail.models import Page
from wagtail.query import PageQuerySet

from portal.challenges.models import ChallengePage, StoryPage
from portal.home import languages
from portal.home.models import MentoringModelPage
from portal.mentors.models import MentorIndexPage, MentorProfile
from search.ranked import ranked_results

PREVIEW_SIZE = 3


@dataclass
class Kind:
    code: str
    label: str

    def results(self, query, site_root):
        raise NotImplementedError


class PageKind(Kind):
    def __init__(self, code, label, page_class):
        super().__init__(code, label)
        self.page_class = page_class

    def results(self, query, site_root):
        # Wagtail's own public(), not the portal's (portal/home/models.py): its path prefixes are filters
        # every search backend translates, where the portal's subquery is one Elasticsearch cannot.
        pages = PageQuerySet.public(self.page_class.objects.live().descendant_of(site_root, inclusive=True))
        return ranked_results(pages, [query])


class OtherPagesKind(Kind):
    def results(self, query, site_root):
        pages = (
            Page.objects.live()
            .public()
            .descendant_of(site_root, inclusive=True)
            .not_type(ChallengePage, StoryPage, MentoringModelPage)
            .specific()
        )
        return ranked_results(pages, [query])


class MentorKind(Kind):
    def results(self, query, site_root):
        return ranked_results(MentorProfile.objects.public(), [query])


KINDS = [
    PageKind("challenges", _("Challenges"), ChallengePage),
    MentorKind("mentors", _("Mentors")),
    PageKind("stories", _("Experience stories"), StoryPage),
    PageKind("models", _("Mentoring models"), MentoringModelPage),
    OtherPagesKind("pages", _("Other pages")),
]
KIND_CODES = [kind.code for kind in KINDS]


@dataclass
class Group:
    kind: Kind
    results: object
    count: int

    @cached_property
    def preview(self):
        """The first results, with their translations (a page in English shows its English title)."""
        return languages.prefetch_translations(self.results[:PREVIEW_SIZE])


def search_groups(query, site_root):
    """Every kind with its results (lazy) and count, in display order, empty kinds left out."""
    groups = []
    for kind in KINDS:
        results = kind.results(query, site_root)
        count = results.count()
        if count:
            groups.append(Group(kind, results, count))
    return groups


def mentor_directory():
    return MentorIndexPage.objects.live().in_default_locale().first()
