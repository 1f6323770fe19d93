from django import template
from django.urls import reverse

from portal.programmes import publication, taking_part
from portal.programmes.forms import TakePartForm
from portal.programmes.models import MentorOffer, Pair, PairStatus

register = template.Library()


@register.inclusion_tag("programmes/includes/mentor_iterations.html", takes_context=True)
def mentor_iterations(context, mentor):
    """The running iterations on a mentor's own page: those they take part in, and a form to join the others."""
    offers = {
        offer.iteration_id: offer
        for offer in MentorOffer.objects.filter(mentor=mentor, withdrawn_at__isnull=True).select_related("organisation")
    }
    rows = []
    for iteration in taking_part.running_iterations().specific():
        if not taking_part.may_mentor_in(mentor, iteration):
            continue
        offer = offers.get(iteration.pk)
        form = None if offer else TakePartForm(mentor=mentor, iteration=iteration)
        rows.append({"iteration": iteration, "offer": offer, "form": form})
    pairs = [
        (pair, reverse("programmes:pair-answer", args=[publication.token(pair, publication.MENTOR)]))
        for pair in Pair.objects.filter(offer__mentor=mentor, status__in=PairStatus.kept_on_rerun()).select_related(
            "application", "iteration"
        )
    ]
    return {"rows": rows, "pairs": pairs, "request": context.get("request"), "csrf_token": context.get("csrf_token")}
