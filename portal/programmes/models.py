"""Programmes run in iterations (promotions): an iteration of one model, the people who apply to it, the
mentors who take part, the pairing rounds that propose pairs, and the pairs themselves."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from taggit.models import ItemBase
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable
from wagtail.search import index

from portal.home.models import BasePage
from portal.mentorships.models import Fit
from portal.pagecache import PROGRAMMES
from portal.taxonomy.models import MentoringModelCode

MAX_CHALLENGE = 2000  # characters of the challenge or practice a participant brings
MAX_CAPACITY = 10  # mentees one mentor may take in one iteration
MAX_CIRCLE_SEATS = 30


class Organisation(models.Model):
    """An organisation taking part in programmes. Its email domains say who belongs to it: a Culture Shift
    iteration only accepts addresses of its organisation's domains."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    email_domains = models.TextField(
        _("email domains"),
        blank=True,
        help_text=_("One per line, for example “fabmob.io”. Addresses of sub-domains belong too."),
    )

    panels = [FieldPanel("name"), FieldPanel("email_domains")]

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def domains(self):
        return [line.strip().lstrip("@").casefold() for line in self.email_domains.splitlines() if line.strip()]

    def clean(self):
        for domain in self.domains:
            if "." not in domain or any(character.isspace() or character == "@" for character in domain):
                raise ValidationError({"email_domains": _("“%(domain)s” is not an email domain.") % {"domain": domain}})

    def owns(self, email):
        """Whether the address belongs to the organisation: its domain, or a sub-domain of it."""
        domain = email.rpartition("@")[2].casefold()
        return any(domain == own or domain.endswith(f".{own}") for own in self.domains)


class IterationPageForm(WagtailAdminPageForm):
    """Culture Shift is internal to one organisation, whose email domains say who may join."""

    def clean(self):
        cleaned = super().clean()
        parent = self.parent_page if self.instance.pk is None else self.instance.get_parent()
        model = getattr(parent.specific.source_page, "mentoring_model", None) if parent else None
        organisations = list(cleaned.get("organisations") or [])
        if model and model.code == MentoringModelCode.CULTURE_SHIFT:
            if len(organisations) != 1:
                self.add_error("organisations", _("A Culture Shift iteration runs inside exactly one organisation."))
            elif not organisations[0].domains:
                self.add_error(
                    "organisations",
                    _("Give %(name)s its email domains first: they say who may join.") % {"name": organisations[0]},
                )
        return cleaned


class IterationTheme(ItemBase):
    tag = models.ForeignKey("taxonomy.Theme", on_delete=models.CASCADE, related_name="iteration_items")
    content_object = ParentalKey("programmes.IterationPage", on_delete=models.CASCADE, related_name="theme_items")


class IterationPage(RoutablePageMixin, BasePage):
    """One iteration (promotion) of a mentoring model: who may join, when, and how many places."""

    description = models.TextField(
        _("how it works"),
        max_length=3000,
        help_text=_("What participants and mentors commit to, how often they meet, what happens at the end."),
    )
    organisations = ParentalManyToManyField(
        Organisation,
        verbose_name=_("organisations"),
        blank=True,
        related_name="iterations",
        help_text=_(
            "Culture Shift: exactly one, whose people alone may join. Peer 2 Peer and Agilité: the organisations "
            "taking part (participants pick theirs when they apply)."
        ),
    )
    applications_open_on = models.DateField(_("applications open on"))
    applications_close_on = models.DateField(_("applications close on"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    places = models.PositiveSmallIntegerField(
        _("places"), validators=[MinValueValidator(1), MaxValueValidator(2000)], help_text=_("Participants, at most.")
    )
    invitation_only = models.BooleanField(
        _("invitation only"),
        default=False,
        help_text=_("Only people the coordinators invite may apply; the page still shows the iteration."),
    )
    themes = ClusterTaggableManager(
        verbose_name=_("themes"),
        through=IterationTheme,
        blank=True,
        help_text=_("What this iteration is about: applicants and mentors sharing them are paired first."),
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, editable=False)

    parent_page_types = ["home.MentoringModelPage"]
    subpage_types = []
    base_form_class = IterationPageForm
    cache_tags = [PROGRAMMES]  # places left, whether applications are open (portal/pagecache/)

    search_fields = [*BasePage.search_fields, index.SearchField("description")]
    content_panels = [
        *BasePage.content_panels,
        FieldPanel("description"),
        FieldPanel("organisations", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("applications_open_on"), FieldPanel("applications_close_on")]),
                FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
            ],
            heading=_("Dates"),
        ),
        FieldRowPanel([FieldPanel("places"), FieldPanel("invitation_only")]),
        FieldPanel("themes"),
    ]

    class Meta:
        verbose_name = _("iteration")
        verbose_name_plural = _("iterations")

    @property
    def mentoring_model(self):
        """The mentoring model of the page above (its French page's, for a translation)."""
        parent = self.get_parent()
        return getattr(parent.specific.source_page, "mentoring_model", None) if parent else None

    @property
    def model_code(self):
        model = self.mentoring_model
        return model.code if model else None

    def clean(self):
        super().clean()
        errors = {}
        opens, closes = self.applications_open_on, self.applications_close_on
        if opens and closes and closes < opens:
            errors["applications_close_on"] = _("Applications close after they open.")
        if self.starts_on and self.ends_on and self.ends_on <= self.starts_on:
            errors["ends_on"] = _("The iteration ends after it starts.")
        if self.applications_open_on and self.starts_on and self.starts_on < self.applications_open_on:
            errors["starts_on"] = _("The iteration starts once applications have opened.")
        if errors:
            raise ValidationError(errors)

    def is_open_for_applications(self, today=None):
        today = today or timezone.localdate()
        return (
            self.live
            and self.closed_at is None
            and self.applications_open_on <= today <= self.applications_close_on
            and self.places_left > 0
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # A translation shows its French page's dates, places and organisations (its own title and texts).
        source = self.source_page
        parent = self.get_parent().specific
        model = getattr(parent.source_page, "mentoring_model", None)
        return context | {
            "source_page": source,
            "model_label": model.label if model else "",
            "today": timezone.localdate(),
            "places_left": source.places_left,
            "open_for_applications": source.is_open_for_applications(),
            "organisations": source.organisations.all(),
        }

    @path("candidater/", name="apply")
    def apply(self, request):
        from portal.programmes.views import apply

        return apply(request, self)

    @path("candidater/merci/", name="application-sent")
    def application_sent(self, request):
        from portal.programmes.views import application_sent

        return application_sent(request, self)

    @property
    def places_left(self):
        return max(0, self.places - self.applications.filter(status__in=ApplicationStatus.holding()).count())


class ApplicationStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    RECEIVED = "received", _("Received")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")

    @classmethod
    def holding(cls):
        """The statuses that hold a place."""
        return (cls.RECEIVED, cls.ACCEPTED)


class Application(models.Model):
    """A participant's application to an iteration."""

    iteration = models.ForeignKey(
        IterationPage, verbose_name=_("iteration"), on_delete=models.CASCADE, related_name="applications"
    )
    full_name = models.CharField(_("full name"), max_length=120)
    email = models.EmailField(_("email"))
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    challenge = models.TextField(
        _("challenge or practice"),
        max_length=MAX_CHALLENGE,
        help_text=_("What you want to move forward on, in a few sentences."),
    )
    themes = models.ManyToManyField("taxonomy.Theme", verbose_name=_("themes"), blank=True, related_name="+")
    availability = models.CharField(_("availability"), max_length=200, blank=True)
    manager_email = models.EmailField(
        _("your manager’s email"),
        blank=True,
        help_text=_("Culture Shift: you are never paired with your own manager."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.RECEIVED
    )
    consent_at = models.DateTimeField(_("consent given"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("received"), default=timezone.now)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["iteration", "email"], name="one_application_per_person_and_iteration")
        ]

    def __str__(self):
        return f"{self.full_name} — {self.iteration}"


class MentorOffer(models.Model):
    """A mentor taking part in an iteration, with the number of mentees they take in it."""

    iteration = models.ForeignKey(
        IterationPage, verbose_name=_("iteration"), on_delete=models.CASCADE, related_name="mentor_offers"
    )
    mentor = models.ForeignKey(
        "mentors.MentorProfile", verbose_name=_("mentor"), on_delete=models.CASCADE, related_name="iteration_offers"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    capacity = models.PositiveSmallIntegerField(
        _("mentees in this iteration"), default=1, validators=[MinValueValidator(1), MaxValueValidator(MAX_CAPACITY)]
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    created_at = models.DateTimeField(_("joined"), default=timezone.now)

    class Meta:
        verbose_name = _("mentor taking part")
        verbose_name_plural = _("mentors taking part")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["iteration", "mentor"], name="one_offer_per_mentor_and_iteration")
        ]

    def __str__(self):
        return f"{self.mentor.full_name} — {self.iteration}"


class PairingRound(models.Model):
    """One run of the solver: everything it was given and what it proposed, so that it can be replayed."""

    iteration = models.ForeignKey(
        IterationPage, verbose_name=_("iteration"), on_delete=models.CASCADE, related_name="pairing_rounds"
    )
    created_at = models.DateTimeField(_("run at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("run by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    inputs = models.JSONField(_("inputs"), default=dict, editable=False)
    result = models.JSONField(_("result"), default=dict, editable=False)
    paired = models.PositiveIntegerField(_("paired"), default=0)
    total_quality = models.PositiveIntegerField(_("total quality"), default=0)
    worst_quality = models.PositiveSmallIntegerField(_("worst pair"), null=True)
    greedy_paired = models.PositiveIntegerField(_("paired first come, first served"), default=0)
    greedy_total_quality = models.PositiveIntegerField(_("total quality first come, first served"), default=0)
    greedy_worst_quality = models.PositiveSmallIntegerField(_("worst pair first come, first served"), null=True)
    seconds = models.FloatField(_("solver time (s)"), default=0)

    class Meta:
        verbose_name = _("pairing round")
        verbose_name_plural = _("pairing rounds")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return _("Round of %(date)s") % {"date": timezone.localtime(self.created_at).strftime("%d/%m/%Y %H:%M")}


class PairStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    PUBLISHED = "published", _("Published, awaiting answers")
    LIVE = "live", _("Under way")
    DECLINED = "declined", pgettext_lazy("pair", "Declined")
    ENDED = "ended", pgettext_lazy("pair", "Ended")

    @classmethod
    def kept_on_rerun(cls):
        """Pairs a new round keeps as they are: published or under way."""
        return (cls.PUBLISHED, cls.LIVE)


class Answer(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class Pair(models.Model):
    """A participant and a mentor, proposed by a round, then published: under way once both accept,
    declined as soon as one declines."""

    iteration = models.ForeignKey(
        IterationPage, verbose_name=_("iteration"), on_delete=models.CASCADE, related_name="pairs"
    )
    pairing_round = models.ForeignKey(
        PairingRound, verbose_name=_("round"), null=True, on_delete=models.SET_NULL, related_name="pairs"
    )
    application = models.ForeignKey(
        Application, verbose_name=_("participant"), on_delete=models.CASCADE, related_name="pairs"
    )
    offer = models.ForeignKey(MentorOffer, verbose_name=_("mentor"), on_delete=models.CASCADE, related_name="pairs")
    quality = models.PositiveSmallIntegerField(_("quality"), validators=[MaxValueValidator(100)])
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=PairStatus.choices, default=PairStatus.PROPOSED)
    checked_in_at = models.DateTimeField(_("check-in sent"), null=True, blank=True, editable=False)
    participant_answer = models.CharField(_("participant’s answer"), max_length=10, choices=Answer.choices, blank=True)
    mentor_answer = models.CharField(_("mentor’s answer"), max_length=10, choices=Answer.choices, blank=True)
    created_at = models.DateTimeField(_("proposed"), default=timezone.now)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("pair")
        verbose_name_plural = _("pairs")
        ordering = ["-quality", "pk"]

    def __str__(self):
        return f"{self.application.full_name} ↔ {self.offer.mentor.full_name}"


class ConstraintKind(models.TextChoices):
    PIN = "pin", _("Pinned: always proposed")
    FORBID = "forbid", _("Forbidden: never proposed")


class PairConstraint(models.Model):
    """A coordinator's decision on one pair, which every later round follows."""

    iteration = models.ForeignKey(
        IterationPage, verbose_name=_("iteration"), on_delete=models.CASCADE, related_name="pair_constraints"
    )
    application = models.ForeignKey(
        Application, verbose_name=_("participant"), on_delete=models.CASCADE, related_name="+"
    )
    offer = models.ForeignKey(MentorOffer, verbose_name=_("mentor"), on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("decision"), max_length=10, choices=ConstraintKind.choices)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("decision on a pair")
        verbose_name_plural = _("decisions on pairs")
        constraints = [models.UniqueConstraint(fields=["application", "offer"], name="one_decision_per_pair")]

    def __str__(self):
        return f"{self.get_kind_display()} : {self.application.full_name} ↔ {self.offer.mentor.full_name}"


PAIRED_MODELS = (MentoringModelCode.CULTURE_SHIFT, MentoringModelCode.PEER_TO_PEER)


class Circle(ClusterableModel):
    """Agilité: one mentor experienced in a practice, a group of seats, and a schedule of sessions."""

    iteration = models.ForeignKey(
        IterationPage, verbose_name=_("iteration"), on_delete=models.CASCADE, related_name="circles"
    )
    mentor = models.ForeignKey(
        "mentors.MentorProfile", verbose_name=_("mentor"), on_delete=models.PROTECT, related_name="circles"
    )
    practice = models.CharField(_("practice"), max_length=160, help_text=_("What the group works on together."))
    description = models.TextField(_("description"), max_length=2000, blank=True)
    seats = models.PositiveSmallIntegerField(
        _("seats"), validators=[MinValueValidator(2), MaxValueValidator(MAX_CIRCLE_SEATS)], default=8
    )
    checked_in_at = models.DateTimeField(_("check-in sent"), null=True, blank=True, editable=False)

    panels = [
        FieldPanel("iteration"),
        FieldPanel("mentor"),
        FieldPanel("practice"),
        FieldPanel("description"),
        FieldPanel("seats"),
        InlinePanel("sessions", heading=_("Sessions"), label=_("Session")),
    ]

    class Meta:
        verbose_name = _("circle")
        verbose_name_plural = _("circles")
        ordering = ["practice", "pk"]

    def __str__(self):
        return f"{self.practice} — {self.mentor}"

    def clean(self):
        super().clean()
        iteration_id = self.iteration_id
        if iteration_id and IterationPage.objects.get(pk=iteration_id).model_code != MentoringModelCode.AGILITY:
            raise ValidationError({"iteration": _("Circles belong to Agilité iterations.")})

    @property
    def seated(self):
        return self.enrolments.filter(status=EnrolmentStatus.SEATED)

    @property
    def seats_left(self):
        return max(0, self.seats - self.seated.count())


class CircleSession(Orderable):
    circle = ParentalKey(Circle, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(_("starts at"))
    minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), default=90, validators=[MinValueValidator(15), MaxValueValidator(8 * 60)]
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    video_url = models.URLField(_("video link"), blank=True)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True, editable=False)

    panels = [
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("minutes")]),
        FieldPanel("place"),
        FieldPanel("video_url"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def clean(self):
        super().clean()
        if not self.place and not self.video_url:
            raise ValidationError(_("Give the session a place or a video link."))

    @property
    def ends_at(self):
        return self.starts_at + timezone.timedelta(minutes=self.minutes)


class EnrolmentStatus(models.TextChoices):
    SEATED = "seated", _("Has a seat")
    WAITING = "waiting", _("On the waiting list")
    LEFT = "left", _("Left")


class Enrolment(models.Model):
    """A participant's place in a circle: a seat, or a place on its waiting list (first come, first seated)."""

    circle = models.ForeignKey(Circle, verbose_name=_("circle"), on_delete=models.CASCADE, related_name="enrolments")
    application = models.OneToOneField(
        Application, verbose_name=_("participant"), on_delete=models.CASCADE, related_name="enrolment"
    )
    status = models.CharField(_("status"), max_length=10, choices=EnrolmentStatus.choices)
    created_at = models.DateTimeField(_("enrolled"), default=timezone.now)
    seated_at = models.DateTimeField(_("seated"), null=True, blank=True)
    left_at = models.DateTimeField(_("left"), null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.application.full_name} — {self.circle}"


class FollowUp(models.Model):
    """What one person of a pair or a circle answered: at the mid-iteration check-in (fine, or needs help),
    or at the closing (the feedback of every mentorship: fit, what changed, may it be published)."""

    CHECK_IN, FEEDBACK = "check-in", "feedback"

    iteration = models.ForeignKey(
        IterationPage, verbose_name=_("iteration"), on_delete=models.CASCADE, related_name="follow_ups"
    )
    pair = models.ForeignKey(
        Pair, verbose_name=_("pair"), null=True, blank=True, on_delete=models.CASCADE, related_name="follow_ups"
    )
    circle = models.ForeignKey(
        Circle, verbose_name=_("circle"), null=True, blank=True, on_delete=models.CASCADE, related_name="follow_ups"
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=[(CHECK_IN, _("Check-in")), (FEEDBACK, _("Closing feedback"))]
    )
    respondent = models.CharField(_("respondent"), max_length=40)  # "participant", "mentor", "enrolment-<id>"
    name = models.CharField(_("name"), max_length=120)
    needs_help = models.BooleanField(_("needs help"), default=False)
    fit = models.PositiveSmallIntegerField(_("good fit?"), null=True, blank=True, choices=Fit.choices)
    note = models.TextField(_("note"), max_length=3000, blank=True)
    may_publish = models.BooleanField(_("may be published as a story"), default=False)
    # Consent to be named in that story: without it, a story quotes this person without their name.
    may_name = models.BooleanField(_("may be named in a story"), default=False)
    answered_at = models.DateTimeField(_("answered"), default=timezone.now)

    class Meta:
        verbose_name = _("follow-up answer")
        verbose_name_plural = _("follow-up answers")
        ordering = ["-answered_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "pair", "respondent"], condition=Q(pair__isnull=False), name="one_answer_per_pair_side"
            ),
            models.UniqueConstraint(
                fields=["kind", "circle", "respondent"],
                condition=Q(circle__isnull=False),
                name="one_answer_per_circle_member",
            ),
        ]

    def __str__(self):
        return f"{self.name} — {self.get_kind_display()}"
