"""The coordinator's pairing page of an iteration: run a round, read each pair's reasons and why someone is
left unpaired, pin or forbid pairs, and compare with what first come, first served would have given."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View

from portal.admin_actions import InstanceActionView
from portal.programmes import applications, follow_up, pairing, privacy, publication, rounds
from portal.programmes.models import (
    PAIRED_MODELS,
    Application,
    ApplicationStatus,
    ConstraintKind,
    IterationPage,
    MentorOffer,
    Pair,
    PairConstraint,
    PairStatus,
)


class InviteForm(forms.Form):
    full_name = forms.CharField(label=gettext_lazy("Name"), max_length=120)
    email = forms.EmailField(label=gettext_lazy("Email address"))

    def clean_email(self):
        return self.cleaned_data["email"].strip()


def rule_text(rule, count):
    """One rule that ruled out `count` mentors for someone, in the coordinator's words."""
    texts = {
        pairing.OTHER_ORGANISATION: ngettext(
            "%(count)s mentor works for another organisation",
            "%(count)s mentors work for another organisation",
            count,
        ),
        pairing.OWN_MANAGER: ngettext(
            "%(count)s mentor is their declared manager", "%(count)s mentors are their declared manager", count
        ),
        pairing.SAME_ORGANISATION: ngettext(
            "%(count)s mentor works for the same organisation",
            "%(count)s mentors work for the same organisation",
            count,
        ),
        pairing.PAIRED_BEFORE: ngettext(
            "%(count)s mentor was already paired with them in an earlier iteration",
            "%(count)s mentors were already paired with them in an earlier iteration",
            count,
        ),
        pairing.FORBIDDEN: ngettext(
            "%(count)s pair forbidden by a coordinator or declined", "%(count)s pairs forbidden or declined", count
        ),
        pairing.NOTHING_SHARED: ngettext(
            "%(count)s mentor shares no theme and no telling word with their challenge",
            "%(count)s mentors share no theme and no telling word with their challenge",
            count,
        ),
    }
    return texts[rule] % {"count": count}


def why_unpaired(blocked):
    """Why someone is left unpaired (a round's saved `unpaired` entry), in a sentence or two."""
    ordered = sorted(blocked["rules"].items(), key=lambda item: (-item[1], pairing.RULES.index(item[0])))
    ruled_out = " ; ".join(rule_text(rule, count) for rule, count in ordered)
    if blocked["full"]:
        full = ngettext(
            "The only mentor who could be paired with them is full.",
            "The %(count)s mentors who could be paired with them are all full.",
            blocked["full"],
        ) % {"count": blocked["full"]}
        if not ruled_out:
            return full
        also = _("Ruled out: %(rules)s.") % {"rules": ruled_out}
        return f"{full} {also}"
    if not ruled_out:
        return _("No mentor takes part in the iteration yet.")
    return _("No mentor possible: %(rules)s.") % {"rules": ruled_out}


def refusal(error, iteration):
    """A round refused because of the pins, in the coordinator's words."""
    names = {
        "participant": Application.objects.filter(pk=error.participant).values_list("full_name", flat=True).first(),
        "mentor": MentorOffer.objects.filter(pk=error.mentor).values_list("mentor__full_name", flat=True).first(),
    }
    texts = {
        "unknown": _("A pinned pair names someone who is no longer in the pool: release it."),
        "breaks-rule": _(
            "The pinned pair %(participant)s ↔ %(mentor)s breaks a rule of the model (organisation, manager, an "
            "earlier pairing or a ban): release it."
        ),
        "pinned-twice": _("%(participant)s is pinned with two mentors: release one of the pins."),
        "over-capacity": _("%(mentor)s is pinned with more participants than they take in this iteration."),
    }
    return _("No round was run. %(reason)s") % {"reason": texts[error.code] % names}


def declined_since(iteration, latest):
    """Pairs declined since the latest round: both sides wait for the next one."""
    if latest is None:
        return 0
    return iteration.pairs.filter(status=PairStatus.DECLINED, answered_at__gt=latest.created_at).count()


class PairingView(View):
    """GET: the iteration's pool, the latest round and its pairs. POST: run a round, pin, forbid, release."""

    template_name = "programmes/admin/pairing.html"

    def dispatch(self, request, page_id):
        self.iteration = get_object_or_404(IterationPage, pk=page_id)
        if not self.iteration.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        return super().dispatch(request, page_id)

    def get(self, request, page_id):
        iteration = self.iteration
        latest = iteration.pairing_rounds.first()
        pairs = iteration.pairs.select_related("application", "offer__mentor")
        decisions = {
            (constraint.application_id, constraint.offer_id): constraint
            for constraint in PairConstraint.objects.filter(iteration=iteration).select_related(
                "application", "offer__mentor"
            )
        }
        unpaired = []
        if latest:
            names = dict(iteration.applications.values_list("pk", "full_name"))
            unpaired = [
                (names[int(key)], why_unpaired(blocked))
                for key, blocked in latest.result["unpaired"].items()
                if int(key) in names
            ]
        offers = iteration.mentor_offers.filter(withdrawn_at__isnull=True)
        context = {
            "iteration": iteration,
            "paired_model": iteration.model_code in PAIRED_MODELS,
            "accepted": iteration.applications.filter(status=ApplicationStatus.ACCEPTED).count(),
            "received": iteration.applications.filter(status=ApplicationStatus.RECEIVED).count(),
            "mentors": offers.count(),
            "latest": latest,
            "pairs": [(pair, decisions.get((pair.application_id, pair.offer_id))) for pair in pairs],
            "decisions": decisions.values(),
            "applications": iteration.applications.filter(status=ApplicationStatus.ACCEPTED),
            "offers": offers.select_related("mentor"),
            "unpaired": sorted(unpaired),
            "proposed": iteration.pairs.filter(status=PairStatus.PROPOSED).count(),
            "declined_since": declined_since(iteration, latest),
            "to_review": iteration.applications.filter(status=ApplicationStatus.RECEIVED)
            .select_related("organisation")
            .prefetch_related("themes"),
            "invite_form": InviteForm(),
            "needing_help": follow_up.needing_help(iteration),
            "feedback": iteration.follow_ups.filter(kind="feedback"),
        }
        return TemplateResponse(request, self.template_name, context)

    def post(self, request, page_id):
        iteration, action = self.iteration, request.POST.get("action")
        if action == "run":
            self.run(request)
        elif action == "publish":
            count = publication.publish(iteration)
            if count:
                messages.success(
                    request,
                    ngettext(
                        "%(count)s pair published: both sides received a link to accept or decline it.",
                        "%(count)s pairs published: both sides received a link to accept or decline theirs.",
                        count,
                    )
                    % {"count": count},
                )
            else:
                messages.error(request, _("No proposed pair to publish: run a round first."))
        elif action in ("pin", "forbid"):
            self.decide_pair(request, action)
        elif action in ("accept-application", "decline-application"):
            self.decide(request, accepted=action == "accept-application")
        elif action == "invite":
            self.invite(request)
        elif action == "close":
            if not request.POST.get("confirm"):
                messages.error(request, _("Tick the box to confirm: closing ends the pairs under way."))
            elif follow_up.close(iteration):
                messages.success(request, _("Iteration closed: everyone who took part received the feedback link."))
            else:
                messages.error(request, _("This iteration is already closed."))
        elif action == "release":
            value = request.POST.get("decision", "")
            deleted = value.isdigit() and PairConstraint.objects.filter(iteration=iteration, pk=value).delete()[0]
            if deleted:
                messages.success(request, _("Decision released."))
            else:
                messages.error(request, _("This decision no longer exists."))
        else:
            messages.error(request, _("Unknown action."))
        return redirect("programmes_pairing", page_id=iteration.pk)

    def decide(self, request, accepted):
        value = request.POST.get("application", "")
        application = self.iteration.applications.filter(pk=value).first() if value.isdigit() else None
        if application is None:
            messages.error(request, _("This application no longer exists."))
            return
        try:
            applications.decide(application, accepted)
        except applications.ApplicationRefused as refused:
            messages.error(request, str(refused))
            return
        done = _("%(name)s is accepted: they enter the next round.") if accepted else _("%(name)s is declined.")
        messages.success(request, done % {"name": application.full_name})

    def invite(self, request):
        form = InviteForm(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(error for errors in form.errors.values() for error in errors))
            return
        try:
            applications.invite(self.iteration, **form.cleaned_data)
        except applications.ApplicationRefused as refused:
            messages.error(request, str(refused))
            return
        messages.success(request, _("Invitation sent to %(email)s.") % form.cleaned_data)

    def decide_pair(self, request, action):
        """Pin or forbid a pair: a proposed one (`pair`), or any participant with any mentor taking part."""
        iteration, data = self.iteration, request.POST
        application = offer = None
        if data.get("pair", "").isdigit():
            pair = Pair.objects.filter(iteration=iteration, pk=data["pair"]).first()
            application, offer = (pair.application, pair.offer) if pair else (None, None)
        elif data.get("application", "").isdigit() and data.get("offer", "").isdigit():
            application = iteration.applications.filter(pk=data["application"]).first()
            offer = iteration.mentor_offers.filter(pk=data["offer"]).first()
        if application is None or offer is None:
            messages.error(request, _("Choose a participant and a mentor of this iteration."))
            return
        PairConstraint.objects.update_or_create(
            iteration=iteration,
            application=application,
            offer=offer,
            defaults={"kind": ConstraintKind.PIN if action == "pin" else ConstraintKind.FORBID},
        )
        messages.success(request, _("Decision saved: the next round follows it."))

    def run(self, request):
        iteration = self.iteration
        if iteration.model_code not in PAIRED_MODELS:
            messages.error(request, _("Agilité iterations form circles: they have no pairing round."))
            return
        try:
            pairing_round = rounds.run(iteration, request.user)
        except pairing.PairingError as error:
            messages.error(request, refusal(error, iteration))
            return
        messages.success(
            request,
            ngettext(
                "Round run: %(paired)s person paired, %(unpaired)s left unpaired.",
                "Round run: %(paired)s people paired, %(unpaired)s left unpaired.",
                pairing_round.paired,
            )
            % {"paired": pairing_round.paired, "unpaired": len(pairing_round.result["unpaired"])},
        )


class IterationsView(View):
    """Every iteration the user may coordinate, with its figures and a link to its coordination page."""

    def get(self, request):
        iterations = [
            iteration
            for iteration in IterationPage.objects.order_by("-starts_on", "title").select_related("locale")
            if iteration.permissions_for_user(request.user).can_edit()
        ]
        rows = [
            {
                "iteration": iteration,
                "received": iteration.applications.filter(status=ApplicationStatus.RECEIVED).count(),
                "accepted": iteration.applications.filter(status=ApplicationStatus.ACCEPTED).count(),
                "live": iteration.pairs.filter(status=PairStatus.LIVE).count(),
            }
            for iteration in iterations
        ]
        return TemplateResponse(request, "programmes/admin/iterations.html", {"rows": rows})


class ApplicationActionView(InstanceActionView):
    """Erase an applicant's data (every application from their address), after a confirmation."""

    template_name = "programmes/admin/erase.html"
    labels = {"erase": gettext_lazy("Erase data")}

    def get(self, request, *args, **kwargs):
        context = {
            "view": self,
            "application": self.instance,
            "applications": privacy.applications_of(self.instance.email),
        }
        return TemplateResponse(request, self.template_name, context)

    def post(self, request, *args, **kwargs):
        if not request.POST.get("confirm"):
            messages.error(request, _("Tick the box to confirm the erasure."))
            return redirect(request.get_full_path())
        count = privacy.erase_person(self.instance.email)
        messages.success(
            request,
            ngettext(
                "The applicant's data was erased from %(count)s application.",
                "The applicant's data was erased from %(count)s applications.",
                count,
            )
            % {"count": count},
        )
        return redirect(self.index_url)
