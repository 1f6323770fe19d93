from django.core.paginator import Paginator
from django.template.response import TemplateResponse

from wagtail.models import Site

from portal.home import languages
from search.forms import SearchForm
from search.groups import KIND_CODES, PREVIEW_SIZE, mentor_directory, search_groups

RESULTS_PER_PAGE = 10


def search(request):
    form = SearchForm(request.GET or None)
    context = {"form": form, "groups": None}
    if form.is_valid():
        site = Site.find_for_request(request)
        groups = search_groups(form.cleaned_data["q"], site.root_page)
        kind = request.GET.get("kind")
        selected = next((group for group in groups if group.kind.code == kind), None) if kind in KIND_CODES else None
        if selected:
            results_page = Paginator(selected.results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
            results_page.object_list = languages.prefetch_translations(results_page.object_list)
            context["results_page"] = results_page
        context |= {
            "groups": groups,
            "selected": selected,
            "total": sum(group.count for group in groups),
            "preview_size": PREVIEW_SIZE,
            "mentor_directory": mentor_directory(),
        }
    return TemplateResponse(request, "search/search.html", context)
