"""What members send the programme: ideas (an editor-composed form page), challenge proposals and
answers to the needs survey."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from wagtail_honeypot.models import HoneypotFormMixin

from portal.contributions.form_builder import IdeaFormBuilder
from portal.home import languages
from portal.home.blocks import RICH_TEXT_FEATURES, BodyBlock
from portal.home.models import BasePage
from portal.panels import InlinePanel


# --- Ideas --------------------------------------------------------------------------------------
class IdeaFormField(AbstractFormField):
    page = ParentalKey("contributions.IdeaFormPage", on_delete=models.CASCADE, related_name="form_fields")


class IdeaFormPage(HoneypotFormMixin, AbstractEmailForm, BasePage):
    """ "Renvoyez-nous vos idées": editors compose the fields; submissions are listed and exported in the
    admin; editors are emailed each one through the outbox. Consent is always there; the honeypot unless an
    editor turns it off (portal/form_protection.py judges it, in views.serve_idea_form)."""

    introduction = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)
    thank_you_text = RichTextField(_("thank-you text"), blank=True, features=RICH_TEXT_FEATURES)

    parent_page_types = ["home.HomePage", "home.StandardPage", "contributions.NeedsSurveyPage"]
    subpage_types = []
    landing_page_template = "contributions/idea_form_page_landing.html"
    form_builder = IdeaFormBuilder
    # Its submissions and notification settings belong to one page: English visitors use the French form.
    translatable = False

    search_fields = [*BasePage.search_fields, index.SearchField("introduction")]
    content_panels = [
        *BasePage.content_panels,
        FormSubmissionsPanel(),
        FieldPanel("introduction"),
        InlinePanel("form_fields", heading=_("Form fields"), label=_("Form field"), add_label=_("Add a field")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
                FieldPanel("honeypot"),
            ],
            heading=_("Notification email"),
        ),
    ]

    class Meta:
        verbose_name = _("ideas form page")

    def get_form(self, *args, **kwargs):
        from portal.contributions.forms import add_consent

        return add_consent(super().get_form(*args, **kwargs))

    def serve(self, request, *args, **kwargs):
        from portal.contributions.views import serve_idea_form

        return serve_idea_form(self, request, super().serve, *args, **kwargs)

    @property
    def asks_email(self):
        """Whether the editors' fields ask for an email address (the privacy notice then speaks of it)."""
        return any(field.field_type == "email" or "mail" in field.clean_name for field in self.form_fields.all())

    def render_landing_page(self, request, form_submission=None, *args, **kwargs):
        """After a submission the thank-you page has its own address: reloading it sends nothing again."""
        if request.method == "POST":
            return redirect(f"{self.get_url(request)}?envoye=1")
        return super().render_landing_page(request, form_submission, *args, **kwargs)

    def send_mail(self, form):
        from portal.contributions import notifications

        notifications.idea_received(self, form)

    def process_form_submission(self, form):
        submission = super().process_form_submission(form)
        if submission is not None and not self.to_address:
            self.send_mail(form)  # no address set: the programme team still hears of it
        return submission


# --- Challenge proposals ------------------------------------------------------------------------
class ProposalStatus(models.TextChoices):
    NEW = "new", _("New")
    REVIEW = "review", _("Under review")
    ACCEPTED = "accepted", _("Accepted")
    REFUSED = "refused", _("Refused")
    MERGED = "merged", _("Merged")


class ChallengeProposal(models.Model):
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=4000)
    example = models.TextField(_("example"), max_length=2000, blank=True)
    themes = models.ManyToManyField("taxonomy.Theme", verbose_name=_("themes"), blank=True, related_name="+")
    # The proposer's words, kept as sent; each became a ThemeSuggestion that editors approve or reject.
    new_themes = models.CharField(_("other themes"), max_length=200, blank=True)
    theme_suggestions = GenericRelation("taxonomy.ThemeSuggestion")
    actor_type = models.ForeignKey(
        "taxonomy.ActorType", verbose_name=_("actor type"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("name"), max_length=120)
    organisation = models.CharField(_("organisation"), max_length=160, blank=True)
    email = models.EmailField(_("email"))
    consent_at = models.DateTimeField(_("consent to the privacy notice"))
    status = models.CharField(_("status"), max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.NEW)
    challenge = models.ForeignKey(
        "challenges.ChallengePage",
        verbose_name=_("challenge"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    created_at = models.DateTimeField(pgettext_lazy("sent by a visitor", "created"), default=timezone.now)
    thanked_at = models.DateTimeField(_("proposer thanked"), null=True, blank=True)

    class Meta:
        verbose_name = _("challenge proposal")
        verbose_name_plural = _("challenge proposals")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title


# --- Needs survey -------------------------------------------------------------------------------
class NeedsSurveyPage(BasePage):
    """ "Identifions les besoins": the programme's text, then a short survey whose answers editors
    see aggregated in the admin."""

    introduction = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    thank_you_text = RichTextField(_("thank-you text"), blank=True, features=RICH_TEXT_FEATURES)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["contributions.IdeaFormPage"]
    max_count = 1
    show_in_menus_default = True

    search_fields = [*BasePage.search_fields, index.SearchField("introduction"), index.SearchField("body")]
    content_panels = [
        *BasePage.content_panels,
        FieldPanel("introduction"),
        FieldPanel("body"),
        FieldPanel("thank_you_text"),
    ]

    class Meta:
        verbose_name = _("needs survey page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["child_pages"] = languages.prefetch_translations(
            self.source_page.get_children().live().public().specific().order_by("path")
        )
        return context

    def serve(self, request, *args, **kwargs):
        from portal.contributions.views import serve_needs_survey

        return serve_needs_survey(self, request)


class NeedsSurveyResponse(models.Model):
    actor_type = models.ForeignKey(
        "taxonomy.ActorType", verbose_name=_("actor type"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    themes = models.ManyToManyField("taxonomy.Theme", verbose_name=_("challenge areas"), related_name="+")
    mentoring_model = models.ForeignKey(
        "taxonomy.MentoringModel",
        verbose_name=_("preferred model"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    comment = models.TextField(_("in your words"), max_length=3000, blank=True)
    consent_at = models.DateTimeField(_("consent to the privacy notice"))
    created_at = models.DateTimeField(pgettext_lazy("sent by a visitor", "created"), default=timezone.now)

    class Meta:
        verbose_name = _("needs survey answer")
        verbose_name_plural = _("needs survey answers")
        ordering = ["-created_at"]

    def __str__(self):
        return _("Answer no. %(number)s") % {"number": self.pk}
