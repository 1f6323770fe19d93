from wagtail import hooks

from portal.challenges.models import ChallengePage, choosable_challenges


@hooks.register("construct_page_chooser_queryset")
def offer_published_challenges_only(pages, request):
    """A chooser of challenges (a story's related challenges) offers the published French ones only: a
    draft or a translation would show nowhere. Other pages stay, to browse the tree."""
    if request.GET.get("page_type", "").lower() != "challenges.challengepage":
        return pages
    hidden = ChallengePage.objects.exclude(pk__in=choosable_challenges().values("pk")).values("pk")
    return pages.exclude(pk__in=hidden)
