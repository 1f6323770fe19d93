from django.core.paginator import Paginator
from django.template.response import TemplateResponse

from wagtail.models import Page

from search.forms import SearchForm

RESULTS_PER_PAGE = 10


def search(request):
    form = SearchForm(request.GET or None)
    results = None
    if form.is_valid():
        pages = Page.objects.live().public().specific().search(form.cleaned_data["q"])
        results = Paginator(pages, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return TemplateResponse(request, "search/search.html", {"form": form, "results": results})
