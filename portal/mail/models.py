"""Emails waiting to be sent: stored with the record that caused them, so none is lost to a mail server outage."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutgoingEmailQuerySet(models.QuerySet):
    def pending(self):
        """Neither sent nor given up, with attempts left."""
        from portal.mail.outbox import MAX_ATTEMPTS

        return self.filter(sent_at__isnull=True, failed_at__isnull=True, attempts__lt=MAX_ATTEMPTS)

    def due(self, now=None):
        """Pending emails whose next attempt has come."""
        return self.pending().filter(next_attempt_at__lte=now or timezone.now())


class OutgoingEmail(models.Model):
    subject = models.CharField(_("subject"), max_length=250)
    body = models.TextField(_("body"))
    recipients = models.JSONField(_("recipients"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    # Given up: an error that no retry can fix, or the last attempt failed (last_error says why).
    failed_at = models.DateTimeField(_("given up"), null=True, blank=True)

    objects = OutgoingEmailQuerySet.as_manager()

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ["created_at"]
        indexes = [models.Index(fields=["sent_at", "next_attempt_at"])]

    def __str__(self):
        return self.subject
