"""Loads the seed's content into the site skeleton created by the migrations.

Idempotent by design: a page is created, with a published revision, only when its parent has no
child with the same slug, and site-wide fields are filled only while empty. Running it again, or
after editors changed the content, changes nothing.

Every page it seeds is in Wagtail's History as the admin would have written it ("wagtail.create", then
"wagtail.edit" and "wagtail.publish" with the revision: History offers to review and restore a version from
its "edit" entry), the pages of the migrations' skeleton included, so that editors can restore the launch
version.
"""

from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.log_actions import log
from wagtail.models import Page, PageLogEntry, Site

from portal.challenges.models import (
    ChallengeIndexPage,
    ChallengePage,
    ChallengeStatus,
    StoryChallenge,
    StoryIndexPage,
    StoryPage,
)
from portal.contributions.models import IdeaFormField, IdeaFormPage, NeedsSurveyPage
from portal.home import demo_content as content
from portal.home.blocks import SECTION_NAMES
from portal.home.models import (
    CharterPage,
    HomePage,
    HomePageFeaturedChallenge,
    MentoringModelPage,
    ProgrammePage,
    SiteSettings,
    StandardPage,
)
from portal.mentors.models import MentorIndexPage
from portal.navigation.models import NavigationSettings
from portal.taxonomy.models import ActorType, MentoringModel, Theme


@dataclass
class DemoReport:
    created: list = field(default_factory=list)
    kept: list = field(default_factory=list)

    def __str__(self):
        return f"{len(self.created)} created, {len(self.kept)} already present"


class DemoLoader:
    def __init__(self):
        self.report = DemoReport()
        self.site = Site.objects.get(is_default_site=True)
        self.home = self.site.root_page.specific
        if not isinstance(self.home, HomePage):
            raise ValueError("The default site's root page is not the portal's home page: run migrate first.")

    @transaction.atomic
    def load(self):
        unrecorded = list(self.site_pages().exclude(pk__in=PageLogEntry.objects.values("page_id")))
        first_load = not ProgrammePage.objects.child_of(self.home).exists()
        programme = self.ensure_page(self.home, ProgrammePage, position="first-child", **self.programme_fields())
        models_by_code = {model.code: model for model in MentoringModel.objects.all()}
        for spec in content.MENTORING_MODELS:
            self.ensure_mentoring_model_page(programme, spec, models_by_code[spec["code"]])

        challenge_index = self.single_child(ChallengeIndexPage)
        challenges = [self.ensure_challenge(challenge_index, spec) for spec in content.CHALLENGES]
        self.ensure_story(self.single_child(StoryIndexPage))

        needs = self.ensure_page(self.home, NeedsSurveyPage, **self.needs_fields(challenges, challenge_index))
        ideas = self.ensure_ideas_page(needs)
        resources = self.ensure_page(self.home, StandardPage, body=[], show_in_menus=True, **content.RESOURCES_PAGE)
        charter = self.ensure_charter(resources)
        privacy = self.ensure_page(
            self.home,
            StandardPage,
            body=content.PRIVACY_PAGE["body"],
            **{key: value for key, value in content.PRIVACY_PAGE.items() if key != "body"},
        )
        self.fill_resources(resources, charter)
        self.fill_home(challenges, ideas)
        self.fill_site_settings(privacy)
        if first_load:  # the menu the migrations seeded, with the demo's pages added
            self.fill_navigation(programme, challenge_index, needs, resources, charter, privacy)
        self.record_history(unrecorded)
        return self.report

    # Pages ---------------------------------------------------------------------------------------

    def ensure_page(self, parent, page_class, *, slug, position=None, relations=None, **fields):
        """Create and publish a child page unless one with this slug exists; return the page."""
        existing = parent.get_children().filter(slug=slug).specific().first()
        if existing:
            self.report.kept.append(existing.title)
            return existing
        page = page_class(slug=slug, **fields)
        for name, values in (relations or {}).items():
            getattr(page, name).set(list(values))
        parent.add_child(instance=page)
        page.save_revision(log_action=True).publish()
        if position:
            page.move(parent, pos=position)
        self.report.created.append(page.title)
        return page_class.objects.get(pk=page.pk)

    def site_pages(self):
        return Page.objects.descendant_of(self.home, inclusive=True)

    def record_history(self, pages):
        """The pages the migrations created have no log entry: record their creation, and publish a first
        revision of those that have none, as the admin would have."""
        for page in pages:
            page = page.specific
            created = page.first_published_at or timezone.now()
            log(instance=page, action="wagtail.create", content_changed=True, timestamp=created)
            if not page.revisions.exists():
                page.save_revision(log_action=True).publish()

    def single_child(self, page_class):
        return page_class.objects.child_of(self.home).get()

    def programme_fields(self):
        spec = content.PROGRAMME
        return {
            "title": spec["title"],
            "slug": spec["slug"],
            "summary": spec["summary"],
            "body": spec["body"],
            "show_in_menus": True,
        }

    def ensure_mentoring_model_page(self, programme, spec, mentoring_model):
        page_fields = ["title", "slug", "summary", "definition"]
        body = [("situation", spec["situation"])] if spec.get("situation") else []
        body += [(name, [("paragraph", spec[name])] if spec.get(name) else []) for name in SECTION_NAMES]
        return self.ensure_page(
            programme,
            MentoringModelPage,
            mentoring_model=mentoring_model,
            body=body,
            **{name: spec[name] for name in page_fields},
        )

    def ensure_challenge(self, index, spec):
        return self.ensure_page(
            index,
            ChallengePage,
            title=spec["title"],
            slug=spec["slug"],
            summary=spec["summary"],
            body=[("paragraph", spec["body"])],
            example=spec["example"],
            status=ChallengeStatus.PRE_IDENTIFIED,
            relations={
                "themes": Theme.objects.for_names(spec["themes"]),
                "actor_types": ActorType.objects.filter(code__in=spec["actor_types"]),
                "recommended_models": MentoringModel.objects.filter(code__in=spec["models"]),
            },
        )

    def ensure_story(self, index):
        spec = content.WORLDLINE_STORY
        return self.ensure_page(
            index,
            StoryPage,
            title=spec["title"],
            slug=spec["slug"],
            summary=spec["summary"],
            organisation=spec["organisation"],
            start_year=spec["start_year"],
            participants=spec["participants"],
            mentoring_model=MentoringModel.objects.get(code=spec["model"]),
            reverse_mentoring=spec["reverse_mentoring"],
            body=[("paragraph", spec["body"])],
            outcomes=spec["outcomes"],
            pull_quote=spec["pull_quote"],
            pull_quote_attribution=spec["pull_quote_attribution"],
            challenge_links=[
                StoryChallenge(challenge=challenge)
                for challenge in ChallengePage.objects.in_default_locale().filter(slug__in=spec["related_challenges"])
            ],
        )

    def needs_fields(self, challenges, challenge_index):
        items = "".join(
            f'<li><a linktype="page" id="{challenge.pk}">{challenge.title}</a></li>' for challenge in challenges
        )
        return {
            **content.NEEDS_PAGE,
            "show_in_menus": True,
            "body": [
                ("heading", {"text": "Les défis pré-identifiés", "level": "h2"}),
                ("paragraph", f"<p>Pour commencer, nous avons pré-identifié plusieurs défis :</p><ul>{items}</ul>"),
                (
                    "call_to_action",
                    {
                        "title": "Un défi qui manque au catalogue ?",
                        "text": (
                            "Décrivez-le : l'équipe du programme l'ajoute au catalogue et cherche les mentors "
                            "qui peuvent aider."
                        ),
                        "button_label": "Voir les défis et en proposer un",
                        "page": challenge_index,
                        "url": "",
                    },
                ),
            ],
        }

    def ensure_charter(self, resources):
        spec = content.CHARTER_PAGE
        body = [("paragraph", spec["introduction"])]
        for heading, text in content.CHARTER_TEXT:
            body += [("heading", {"text": heading, "level": "h2"}), ("paragraph", f"<p>{text}</p>")]
        document = self.charter_document()
        body.append(
            (
                "document",
                {"document": document, "label": "Télécharger la charte (texte)", "description": ""},
            )
        )
        fields = {key: value for key, value in spec.items() if key != "introduction"}
        return self.ensure_page(resources, CharterPage, body=body, **fields)

    def charter_document(self):
        Document = get_document_model()
        title = content.CHARTER_PAGE["title"]
        existing = Document.objects.filter(title=title).first()
        if existing:
            return existing
        lines = [title, "=" * len(title), "", *(f"{heading}\n{text}\n" for heading, text in content.CHARTER_TEXT)]
        document = Document(title=title)
        document.file.save("charte-deontologique-mentorat.txt", ContentFile("\n".join(lines).encode()), save=False)
        document.save()
        return document

    def fill_resources(self, resources, charter):
        if resources.body:
            return
        resources.body = [
            ("heading", {"text": "Livre blanc « Mentorat by FabMob »", "level": "h2"}),
            (
                "paragraph",
                "<p>Édition 2018 — <b>à venir</b>. Il détaille les trois modèles en termes de principes, de "
                "retour sur investissement, de pièges à éviter, d'organisation, d'opérationnalisation et de "
                "production de communs. Il sera d'abord distribué aux adhérents de la Fabrique.</p>",
            ),
            ("heading", {"text": "Les 3 fausses bonnes idées de scénario", "level": "h2"}),
            (
                "paragraph",
                "<p>Un article du blog de la Fabrique revient sur trois scénarios de mentorat qui semblent "
                "séduisants et qu'il vaut mieux éviter.</p>",
            ),
            ("heading", {"text": "Charte déontologique", "level": "h2"}),
            (
                "paragraph",
                f'<p>Inspirée de l\'exemple de charte déontologique de Worldline, la <a linktype="page" '
                f'id="{charter.pk}">charte déontologique du mentorat</a> rappelle ce à quoi s\'engagent mentors '
                "et mentorés.</p>",
            ),
        ]
        resources.save_revision(log_action=True).publish()

    def ensure_ideas_page(self, parent):
        spec = content.IDEAS_PAGE
        fields = [IdeaFormField(sort_order=order, **field) for order, field in enumerate(spec["fields"])]
        return self.ensure_page(
            parent,
            IdeaFormPage,
            form_fields=fields,
            **{key: value for key, value in spec.items() if key != "fields"},
        )

    def fill_home(self, challenges, ideas):
        home = self.home
        if any(child.block_type == "hero" and child.value["heading"] for child in home.body):
            return
        home.summary = content.HOME["summary"]
        home.body = [
            (name, {**value, "page": ideas, "button_label": ideas.title} if name == "call_to_action" else value)
            for name, value in content.HOME["body"]
        ]
        home.featured_challenges = [HomePageFeaturedChallenge(challenge=challenge) for challenge in challenges]
        home.save_revision(log_action=True).publish()
        self.report.created.append(f"{home.title} (contenu)")

    def fill_navigation(self, programme, challenge_index, needs, resources, charter, privacy):
        """The menu: home, the programme (its models in a sub-menu), the catalogue, stories, mentors, needs
        and resources; the footer's « Le programme » column. Set on the demo's first load only."""

        def link(page=None, label="", english_label="", address=""):
            return {"label": label, "english_label": english_label, "page": page, "address": address}

        models = MentoringModelPage.objects.child_of(programme).in_model_order()
        directory = MentorIndexPage.objects.child_of(self.home).first()
        menu = [
            (self.home, link(self.home, "Accueil", "Home"), []),
            (programme, link(programme), [link(model) for model in models]),
            *((page, link(page), []) for page in [challenge_index, self.single_child(StoryIndexPage), directory]),
            (needs, link(needs), []),
            (resources, link(resources), []),
        ]
        navigation = NavigationSettings.for_site(self.site)
        navigation.main_menu = [("item", {**value, "children": children}) for page, value, children in menu if page]
        footer_links = [link(charter), link(privacy), *(link(None, *fixed) for fixed in content.FOOTER_LINKS)]
        navigation.footer_columns = [
            ("column", {"heading": "Le programme", "english_heading": "The programme", "links": footer_links})
        ]
        navigation.save()
        self.report.created.append("Navigation")

    def fill_site_settings(self, privacy):
        site_settings = SiteSettings.for_site(self.site)
        if site_settings.footer_text:
            return
        site_settings.footer_text = content.SITE_SETTINGS["footer_text"]
        site_settings.social_links = [
            ("link", {"label": label, "url": url}) for label, url in content.SITE_SETTINGS["social_links"]
        ]
        site_settings.privacy_page = privacy
        site_settings.save()
        self.report.created.append("Paramètres du site")
