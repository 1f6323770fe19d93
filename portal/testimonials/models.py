"""Which mentorship each story drafted from feedback came from (portal/testimonials/stories.py)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class StorySource(models.Model):
    """A story drafted from a completed mentorship's feedback: a request to a mentor or a programme's pair, one of
    the two. A mentorship becomes one story only; deleting the story frees the mentorship to be converted again."""

    story = models.OneToOneField(
        "challenges.StoryPage", verbose_name=_("story"), on_delete=models.CASCADE, related_name="testimonial"
    )
    mentor_request = models.OneToOneField(
        "mentorships.MentorRequest",
        verbose_name=_("mentor request"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="testimonial",
    )
    pair = models.OneToOneField(
        "programmes.Pair",
        verbose_name=_("pair"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="testimonial",
    )
    created_at = models.DateTimeField(pgettext_lazy("testimonial", "created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    # Both people were told the story is online: at its first publication, once.
    announced_at = models.DateTimeField(_("people told"), null=True, blank=True)

    class Meta:
        verbose_name = _("testimonial")
        verbose_name_plural = _("testimonials")
        constraints = [
            models.CheckConstraint(
                condition=Q(mentor_request__isnull=False, pair__isnull=True)
                | Q(mentor_request__isnull=True, pair__isnull=False),
                name="testimonial_from_one_mentorship",
            )
        ]

    def __str__(self):
        return str(self.story)
