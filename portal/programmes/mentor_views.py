"""A mentor joins or leaves an iteration from their own space (/mentors/me/, which lists the iterations
through programmes_tags). The mentor is the session's: no address here names another mentor."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.mentors.models import MentorProfile
from portal.programmes import taking_part
from portal.programmes.forms import TakePartForm
from portal.programmes.models import IterationPage, MentorOffer


@login_required
@require_POST
def take_part(request, iteration_id):
    mentor = MentorProfile.objects.filter(user=request.user).first()
    if mentor is None:
        raise Http404(_("This account has no mentor profile."))
    iteration = get_object_or_404(IterationPage, pk=iteration_id)
    try:
        if request.POST.get("action") == "withdraw":
            offer = MentorOffer.objects.filter(iteration=iteration, mentor=mentor, withdrawn_at__isnull=True).first()
            if offer is None:
                raise taking_part.TakingPartRefused(_("You do not take part in this iteration."))
            taking_part.withdraw(offer)
            messages.success(request, _("You left %(iteration)s.") % {"iteration": iteration.title})
        else:
            form = TakePartForm(request.POST, mentor=mentor, iteration=iteration)
            if not form.is_valid():
                raise taking_part.TakingPartRefused(" ".join(form.error_messages_in_words()))
            taking_part.join(mentor, iteration, **form.cleaned_data)
            messages.success(
                request,
                _("You take part in %(iteration)s, with up to %(capacity)s mentees.")
                % {"iteration": iteration.title, "capacity": form.cleaned_data["capacity"]},
            )
    except taking_part.TakingPartRefused as refused:
        messages.error(request, str(refused))
    return redirect("mentors:me")
