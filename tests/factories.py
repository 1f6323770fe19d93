"""Factories for every page type, built on wagtail-factories. Pass `parent=` to place a page."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

import factory
import wagtail_factories

from portal.challenges.models import (
    ChallengeIndexPage,
    ChallengePage,
    ChallengeStatus,
    StoryChallenge,
    StoryIndexPage,
    StoryPage,
)
from portal.contributions.models import ChallengeProposal, IdeaFormField, IdeaFormPage, NeedsSurveyPage
from portal.home.blocks import SECTION_NAMES
from portal.home.models import CharterPage, HomePage, MentoringModelPage, ProgrammePage, StandardPage
from portal.mentors.models import MentorProfile
from portal.mentorships.models import MentorRequest
from portal.programmes.models import Application, ApplicationStatus, IterationPage, MentorOffer, Organisation
from portal.taxonomy.models import ActorType, Language, MentoringModel, Theme


class ThemeFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"thème {n}")

    class Meta:
        model = Theme
        django_get_or_create = ["name"]


def set_relation(page, name, values):
    """Set a parental many-to-many relation (or the themes) and publish, as an editor would."""
    if values is None:
        return
    getattr(page, name).set(list(values))
    page.save_revision().publish()


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Accueil de test"
    body = [("hero", {"heading": "Mentorat, vers une culture commune", "introduction": ""})]

    class Meta:
        model = HomePage


class ProgrammePageFactory(wagtail_factories.PageFactory):
    title = "Mentorat by FabMob"
    summary = "Trois modèles comme des chemins à explorer ensemble."
    body = [("paragraph", "<p>Le mentorat crée les meilleures conditions.</p>")]

    class Meta:
        model = ProgrammePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Page wiki {n}")
    summary = "Une page du wiki du mentorat."
    body = [
        ("heading", {"text": "Un titre de section", "level": "h2"}),
        ("paragraph", "<p>Un paragraphe du wiki.</p>"),
        ("quote", {"quote": "Une citation.", "attribution": "Quelqu'un", "role": ""}),
    ]

    class Meta:
        model = StandardPage


class CharterPageFactory(wagtail_factories.PageFactory):
    title = "Charte déontologique"
    version = "2026-1"
    body = [("paragraph", "<p>Confidentialité, bienveillance, aucune sollicitation commerciale.</p>")]

    class Meta:
        model = CharterPage


def white_paper_body(situation=None, **sections):
    """A mentoring model page's body: a typical situation, then the white paper's six sections in order,
    each with its text (rich text) or empty."""
    body = [("situation", situation)] if situation else []
    return body + [(name, [("paragraph", sections[name])] if sections.get(name) else []) for name in SECTION_NAMES]


class MentoringModelPageFactory(wagtail_factories.PageFactory):
    title = "Peer 2 Peer"
    mentoring_model = factory.LazyAttribute(lambda page: MentoringModel.objects.get(code=page.model_code))
    definition = "Entraide 1-2-1 de senior managers de l'écosystème."
    body = factory.LazyFunction(
        lambda: white_paper_body(
            situation="<p>Des acteurs réunis autour d'une table.</p>",
            principles="<p>Un sounding board bienveillant.</p>",
        )
    )

    class Meta:
        model = MentoringModelPage

    class Params:
        model_code = "peer-to-peer"


class ChallengeIndexPageFactory(wagtail_factories.PageFactory):
    title = "Défis"

    class Meta:
        model = ChallengeIndexPage


class ChallengePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Défi numéro {n}")
    summary = "Un défi que rencontrent les acteurs."
    body = [("paragraph", "<p>Le corps du défi.</p>")]
    example = "<p>Un exemple concret.</p>"
    status = ChallengeStatus.OPEN

    class Meta:
        model = ChallengePage
        skip_postgeneration_save = True

    @factory.post_generation
    def themes(self, create, names, **kwargs):
        if names is not None:
            set_relation(self, "themes", [ThemeFactory(name=name) for name in names])

    @factory.post_generation
    def actor_types(self, create, codes, **kwargs):
        if codes is not None:
            set_relation(self, "actor_types", ActorType.objects.filter(code__in=codes))

    @factory.post_generation
    def models(self, create, codes, **kwargs):
        if codes is not None:
            set_relation(self, "recommended_models", MentoringModel.objects.filter(code__in=codes))


class StoryIndexPageFactory(wagtail_factories.PageFactory):
    title = "Retours d'expérience"

    class Meta:
        model = StoryIndexPage


class StoryPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Retour d'expérience {n}")
    organisation = "Une organisation"
    start_year = 2014
    participants = 400
    mentoring_model = factory.LazyFunction(lambda: MentoringModel.objects.get(code="culture-shift"))
    body = [("paragraph", "<p>Ce qui s'est passé.</p>")]
    outcomes = "<ul><li>Des générations rapprochées.</li></ul>"
    pull_quote = "Le mentorat crée de la confiance."

    class Meta:
        model = StoryPage
        skip_postgeneration_save = True

    @factory.post_generation
    def related_challenges(self, create, challenges, **kwargs):
        """The challenges the story relates to, in this order (chosen in the editor's page chooser)."""
        if challenges is not None:
            self.challenge_links = [StoryChallenge(challenge=challenge) for challenge in challenges]
            self.save_revision().publish()


def theme_ids(*names):
    """Themes of the vocabulary (created when missing) as a form posts them: their ids."""
    return [theme.pk for theme in Theme.objects.for_names(names)]


# The team's groups, as the migrations name them (home 0008 renames Wagtail's Editors and Moderators).
EDITORS_GROUP = "Rédaction"
MODERATORS_GROUP = "Modération"


class UserFactory(factory.django.DjangoModelFactory):
    """A user. `editor=True`: a superuser; `groups=[EDITORS_GROUP]`: a member of the team's groups, with
    no other rights (as the programme team's people are)."""

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    class Params:
        editor = factory.Trait(is_staff=True, is_superuser=True)

    @factory.post_generation
    def groups(user, create, extracted, **kwargs):
        if create and extracted:
            user.save()
            user.groups.add(*(Group.objects.get(name=name) for name in extracted))


class MentorProfileFactory(factory.django.DjangoModelFactory):
    """A published mentor who accepted the demo charter version, with themes, models and languages."""

    full_name = factory.Sequence(lambda n: f"Mentor {n}")
    contact_email = factory.Sequence(lambda n: f"mentor{n}@example.org")
    headline = "Directrice de la donnée d'une métropole"
    organisation = "Métropole exemple"
    actor_type = factory.LazyAttribute(lambda mentor: ActorType.objects.get(code=mentor.actor_code))
    bio = "J'ai ouvert les données de transport de ma ville."
    region = "bretagne"
    status = "published"
    email_confirmed_at = factory.LazyFunction(timezone.now)
    charter_version = "2026-1"
    charter_accepted_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = MentorProfile
        skip_postgeneration_save = True

    class Params:
        actor_code = "collectivite"

    @factory.post_generation
    def themes(self, create, names, **kwargs):
        self.themes.set(Theme.objects.for_names(names if names is not None else ["open data"]))

    @factory.post_generation
    def models(self, create, codes, **kwargs):
        self.mentoring_models.set(MentoringModel.objects.filter(code__in=codes or ["peer-to-peer"]))

    @factory.post_generation
    def languages(self, create, codes, **kwargs):
        self.languages.set(Language.objects.filter(code__in=codes or ["fr"]))

    @factory.post_generation
    def account(self, create, password, **kwargs):
        """Pass account="a password" to give the mentor a login."""
        if password:
            self.user = get_user_model().objects.create_user(
                username=self.contact_email, email=self.contact_email, password=password
            )
            self.save()


class MentorRequestFactory(factory.django.DjangoModelFactory):
    """A request as a visitor sends it: new, to a published mentor, about a free-text challenge."""

    mentor = factory.SubFactory(MentorProfileFactory)
    challenge_text = "Ouvrir les données de mobilité de notre territoire"
    requester_name = factory.Sequence(lambda n: f"Demandeur {n}")
    requester_email = factory.Sequence(lambda n: f"demandeur{n}@example.net")
    organisation = "Communauté de communes exemple"
    actor_type = factory.LazyFunction(lambda: ActorType.objects.get(code="collectivite"))
    message = "Nous voulons publier nos horaires de transport à la demande en open data."
    consent_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = MentorRequest


class IdeaFormPageFactory(wagtail_factories.PageFactory):
    """An ideas form with an idea (required) and an optional email field."""

    title = "Vos idées"
    subject = "Nouvelle idée"

    class Meta:
        model = IdeaFormPage
        skip_postgeneration_save = True

    @factory.post_generation
    def fields(self, create, extracted, **kwargs):
        specs = extracted or [
            {"label": "Votre idée", "field_type": "multiline", "required": True},
            {"label": "Votre e-mail", "field_type": "email", "required": False},
        ]
        for order, spec in enumerate(specs):
            IdeaFormField.objects.create(page=self, sort_order=order, **spec)


class NeedsSurveyPageFactory(wagtail_factories.PageFactory):
    title = "Identifions les besoins"

    class Meta:
        model = NeedsSurveyPage


class ChallengeProposalFactory(factory.django.DjangoModelFactory):
    title = "Comment partager nos données de covoiturage ?"
    description = "Plusieurs collectivités veulent mutualiser leurs données de covoiturage sans savoir comment."
    example = "Une métropole et trois communautés de communes voisines."
    actor_type = factory.LazyFunction(lambda: ActorType.objects.get(code="collectivite"))
    name = "Nora Benali"
    email = factory.Sequence(lambda n: f"proposeur{n}@example.net")
    consent_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = ChallengeProposal


class OrganisationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Organisation {n}")
    email_domains = factory.Sequence(lambda n: f"organisation{n}.example")

    class Meta:
        model = Organisation
        django_get_or_create = ["name"]


class IterationPageFactory(wagtail_factories.PageFactory):
    """An iteration open for applications today, for a month, then running three months. Place it under a
    mentoring model page (`parent=`); `organisations=[...]` and `themes=[...]` are set and published."""

    title = factory.Sequence(lambda n: f"Promotion {n}")
    description = "Six rencontres sur trois mois, une fois toutes les deux semaines."
    applications_open_on = factory.LazyFunction(lambda: timezone.localdate())
    applications_close_on = factory.LazyFunction(lambda: timezone.localdate() + timezone.timedelta(days=30))
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + timezone.timedelta(days=45))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + timezone.timedelta(days=135))
    places = 20

    class Meta:
        model = IterationPage
        skip_postgeneration_save = True

    @factory.post_generation
    def organisations(self, create, organisations, **kwargs):
        set_relation(self, "organisations", organisations)

    @factory.post_generation
    def themes(self, create, names, **kwargs):
        set_relation(self, "themes", Theme.objects.for_names(names) if names else None)


class ApplicationFactory(factory.django.DjangoModelFactory):
    """An accepted application (the pool of a pairing round)."""

    full_name = factory.Sequence(lambda n: f"Participant {n}")
    email = factory.Sequence(lambda n: f"participant{n}@example.net")
    challenge = "Ouvrir les données de transport de notre territoire"
    status = ApplicationStatus.ACCEPTED

    class Meta:
        model = Application
        skip_postgeneration_save = True

    @factory.post_generation
    def themes(self, create, names, **kwargs):
        self.themes.set(Theme.objects.for_names(names or []))


class MentorOfferFactory(factory.django.DjangoModelFactory):
    mentor = factory.SubFactory(MentorProfileFactory)
    capacity = 1

    class Meta:
        model = MentorOffer
