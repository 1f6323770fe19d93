from django.db import models
from django.utils.translation import gettext_lazy as _


class Release(models.Model):
    """The anonymised figures as published at one time (opendata.publish): the page and the downloads serve
    the latest until the next run, so that a visit costs no counting and every file of a release agrees.
    Only the rows are stored; each table's title and columns come from opendata.LAYOUT, in the reader's
    language."""

    made_at = models.DateTimeField(_("made at"))
    rows = models.JSONField(_("rows per table"), default=dict)

    class Meta:
        verbose_name = _("published figures")
        verbose_name_plural = _("published figures")

    def __str__(self):
        return f"{self.made_at:%Y-%m-%d %H:%M}"
