"""Public directory and profile pages, and the mentor's own space."""

from django.http import Http404
from django.template.response import TemplateResponse

from portal.mentors.directory import (
    DirectoryForm,
    active_filters,
    chosen_sort,
    find_mentors,
    sort_choices,
    sort_label,
    to_query_string,
)
from portal.mentors.forms import DESCRIBED_NEED, MatchForm
from portal.mentors.matching import mentors_for_text
from portal.mentors.models import MentorProfile


def directory(request, index_page):
    form = DirectoryForm(request.GET or None)
    criteria = form.criteria()
    result = find_mentors(criteria, request.GET.get("page"))
    form.show_counts(result.counts, criteria)
    context = index_page.get_context(request)
    context |= {
        "form": form,
        "result": result,
        "criteria": criteria,
        "current_query": to_query_string(criteria),
        "active_filters": active_filters(criteria),
        "sort_label": sort_label(criteria),
        "sort_choices": sort_choices(criteria),
        "chosen_sort": chosen_sort(criteria),
        "filters_query": to_query_string({"q": criteria["q"]}),
    }
    return TemplateResponse(request, "mentors/mentor_index_page.html", context)


def profile(request, index_page, slug):
    try:
        mentor = MentorProfile.objects.public().for_listing().get(slug=slug)
    except MentorProfile.DoesNotExist as missing:
        raise Http404 from missing
    context = index_page.get_context(request) | {"mentor": mentor}
    return TemplateResponse(request, "mentors/mentor_profile.html", context)


def match(request, index_page):
    """ "Décrivez votre défi": the challenge matching, for a problem that is not a challenge page yet."""
    form = MatchForm(request.GET or None)
    matches = None
    if form.is_valid():
        matches = mentors_for_text(form.cleaned_data["texte"])
        request.session[DESCRIBED_NEED] = form.cleaned_data["texte"]
    context = index_page.get_context(request) | {"form": form, "matches": matches, "mentor_directory": index_page}
    return TemplateResponse(request, "mentors/match.html", context)
