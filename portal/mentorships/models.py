"""A visitor's request to a mentor, its history, and the feedback both sides give once it is over."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

MAX_PARTICIPANTS = 200
MAX_NEED = 2000  # characters of a challenge described in the requester's words


class RequestStatus(models.TextChoices):
    NEW = "new", _("New")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    EXPIRED = "expired", _("Expired")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    COMPLETED = "completed", _("Completed")
    # The mentor was paused or archived before answering: the requester is offered other mentors.
    UNAVAILABLE = "unavailable", _("Mentor unavailable")


# Open: the mentor has not answered yet, or the mentorship is under way.
OPEN_STATUSES = (RequestStatus.NEW, RequestStatus.ACCEPTED)
CLOSED_STATUSES = (
    RequestStatus.DECLINED,
    RequestStatus.EXPIRED,
    RequestStatus.WITHDRAWN,
    RequestStatus.COMPLETED,
    RequestStatus.UNAVAILABLE,
)


class MentoringFormat(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    GROUP = "group", _("Group")


class Role(models.TextChoices):
    REQUESTER = "requester", _("Requester")
    MENTOR = "mentor", _("Mentor")
    EDITOR = "editor", _("Editor")
    SYSTEM = "system", _("Automatic")


def new_token_key():
    return secrets.token_urlsafe(12)


class MentorRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def closed(self):
        return self.filter(status__in=CLOSED_STATUSES)

    def awaiting_answer(self):
        return self.filter(status=RequestStatus.NEW)

    def waiting_longer_than(self, days):
        return self.awaiting_answer().filter(sent_at__lte=timezone.now() - timedelta(days=days))

    def from_requester(self, email):
        return self.filter(requester_email__iexact=email.strip())

    def not_anonymised(self):
        """Requests whose requester's data is still kept: the only ones a link or a list may show."""
        return self.filter(anonymised_at__isnull=True)


class MentorRequest(models.Model):
    mentor = models.ForeignKey(
        "mentors.MentorProfile",
        verbose_name=_("mentor"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="requests",
    )
    challenge = models.ForeignKey(
        "challenges.ChallengePage",
        verbose_name=_("challenge"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mentor_requests",
    )
    challenge_text = models.TextField(_("challenge, in the requester's words"), max_length=MAX_NEED, blank=True)
    requester_name = models.CharField(_("name"), max_length=120)
    requester_email = models.EmailField(_("email"), db_index=True)
    organisation = models.CharField(_("organisation"), max_length=160, blank=True)
    actor_type = models.ForeignKey(
        "taxonomy.ActorType", verbose_name=_("actor type"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    mentoring_model = models.ForeignKey(
        "taxonomy.MentoringModel",
        verbose_name=_("preferred model"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    mentoring_format = models.CharField(
        _("individual or group"), max_length=20, choices=MentoringFormat.choices, default=MentoringFormat.INDIVIDUAL
    )
    participants = models.PositiveSmallIntegerField(
        _("number of participants"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2), MaxValueValidator(MAX_PARTICIPANTS)],
    )
    message = models.TextField(_("message"), max_length=3000)
    consent_at = models.DateTimeField(_("consent to the privacy notice"))
    status = models.CharField(_("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.NEW)
    created_at = models.DateTimeField(
        pgettext_lazy("sent by a visitor", "created"), default=timezone.now, db_index=True
    )
    # When the current mentor received it: the clock for reminders and expiry (reset on reassignment).
    sent_at = models.DateTimeField(_("sent to the mentor"), default=timezone.now)
    reminded_at = models.DateTimeField(_("mentor reminded"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)
    # Part of every emailed link: changing it (reassignment, erasure) revokes the links already sent.
    token_key = models.CharField(max_length=32, default=new_token_key, editable=False)

    objects = MentorRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("mentor request")
        verbose_name_plural = _("mentor requests")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "sent_at"])]

    def __str__(self):
        mentor = self.mentor.full_name if self.mentor else _("no mentor")
        return _("Request no. %(number)s to %(mentor)s") % {"number": self.pk, "mentor": mentor}

    @property
    def challenge_label(self):
        return self.challenge.title if self.challenge else self.challenge_text

    challenge_label.fget.short_description = _("challenge")

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    @property
    def answer_due(self):
        """Until when the mentor may answer: after that, the request expires and other mentors are suggested."""
        return self.sent_at + timedelta(days=settings.MENTOR_REQUEST_EXPIRY_DAYS)


class RequestEvent(models.Model):
    """One change of a request: what, when, and who made it."""

    request = models.ForeignKey(MentorRequest, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("date"), default=timezone.now)
    from_status = models.CharField(_("from"), max_length=20, choices=RequestStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=RequestStatus.choices, blank=True)
    role = models.CharField(_("by"), max_length=20, choices=Role.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True, blank=True, on_delete=models.SET_NULL
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("request event")
        verbose_name_plural = _("request history")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_role_display()}: {self.note}"


class Fit(models.IntegerChoices):
    POOR = 1, _("1 — not a good fit")
    FAIR = 2, _("2 — partly")
    GOOD = 3, _("3 — a good fit")
    EXCELLENT = 4, _("4 — an excellent fit")


class MentorshipFeedback(models.Model):
    request = models.ForeignKey(MentorRequest, on_delete=models.CASCADE, related_name="feedback")
    role = models.CharField(_("given by"), max_length=20, choices=Role.choices)
    fit = models.PositiveSmallIntegerField(_("good fit?"), choices=Fit.choices)
    what_changed = models.TextField(_("what changed"), max_length=3000, blank=True)
    may_publish = models.BooleanField(_("may be published as a story"), default=False)
    # Consent to be named in that story: without it, a story quotes this side without their name.
    may_name = models.BooleanField(_("may be named in a story"), default=False)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [models.UniqueConstraint(fields=["request", "role"], name="one_feedback_per_side")]

    def __str__(self):
        return f"{self.request} — {self.get_role_display()}"
