from django import template

from portal.programmes import taking_part
from portal.programmes.forms import TakePartForm
from portal.programmes.models import MentorOffer

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
        offer = offers.get(iteration.pk)
        form = None if offer else TakePartForm(mentor=mentor, iteration=iteration)
        rows.append({"iteration": iteration, "offer": offer, "form": form})
    return {"rows": rows, "request": context.get("request"), "csrf_token": context.get("csrf_token")}
