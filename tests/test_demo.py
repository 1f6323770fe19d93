"""`load_demo` carries the founding text faithfully, and running it again changes nothing."""

from django.core.management import call_command

from wagtail.models import Page, Revision, Site

import pytest

from portal.challenges.models import ChallengePage, StoryPage
from portal.contributions.models import IdeaFormPage, NeedsSurveyPage
from portal.home.models import CharterPage, HomePage, MentoringModelPage, SiteSettings, StandardPage
from portal.mentors.models import MentorProfile

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]


def snapshot():
    pages = list(Page.objects.order_by("path").values_list("path", "title", "slug", "live", "latest_revision_id"))
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    return pages, Revision.objects.count(), settings.footer_text, MentorProfile.objects.count()


def test_load_demo_twice_changes_nothing():
    before = snapshot()
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert snapshot() == before


def test_load_demo_leaves_editors_changes_alone():
    challenge = ChallengePage.objects.get(slug="developper-la-culture-client")
    challenge.title = "Développer la culture client (revu)"
    challenge.save_revision().publish()
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert ChallengePage.objects.get(slug="developper-la-culture-client").title.endswith("(revu)")


def test_load_demo_if_empty_skips_a_site_with_content(capsys):
    call_command("load_demo", if_empty=True)
    assert "already has content" in capsys.readouterr().out


def test_demo_has_the_three_models_with_the_seed_definitions():
    models = {page.mentoring_model.code: page for page in MentoringModelPage.objects.live()}
    assert set(models) == {"culture-shift", "peer-to-peer", "agility"}
    assert "mentorat interne (intra-organisationnel)" in models["culture-shift"].definition
    situation = {
        code: next(c.value.source for c in page.body if c.block_type == "situation") for code, page in models.items()
    }
    assert "pas de clonage" in situation["culture-shift"]
    assert "senior managers de l'écosystème FabMob" in models["peer-to-peer"].definition
    assert "sounding board" in situation["peer-to-peer"]
    assert "mentorat externe de groupe" in models["agility"].definition
    for page in models.values():
        assert page.get_parent().title == "Mentorat by FabMob"


def test_demo_has_the_four_pre_identified_challenges_with_their_examples():
    challenges = {page.slug: page for page in ChallengePage.objects.live()}
    assert len(challenges) == 4
    assert all(page.status == "pre-identified" for page in challenges.values())
    examples = " ".join(page.example for page in challenges.values())
    for fact in ["Alliance Renault-Nissan", "Intel", "Kisio", "Navitia", "luxe, hôtellerie", "élus de collectivités"]:
        assert fact in examples
    open_source = challenges["comment-m-engager-dans-l-open-source"]
    assert open_source.title == "Comment m'engager dans l'open source ?"
    assert "open source" in [theme.name for theme in open_source.themes.all()]
    open_data = challenges["retours-d-experiences-nouvelles-mobilites-open-data-collectivite"]
    assert [actor.code for actor in open_data.actor_types.all()] == ["collectivite"]
    assert [model.code for model in open_data.recommended_models.all()] == ["peer-to-peer"]


def test_demo_has_the_worldline_story_with_its_key_facts():
    story = StoryPage.objects.live().get(organisation="Worldline")
    assert story.start_year == 2014
    assert story.participants == 400
    assert story.reverse_mentoring
    assert story.mentoring_model.code == "culture-shift"
    assert "garder les jeunes talents" in str(story.body)
    assert "resserré les générations" in story.outcomes
    assert "confiance et de bienveillance" in story.pull_quote
    assert [link.challenge.slug for link in story.challenge_links.all()] == [
        "mieux-se-comprendre-numerique-et-mobilite"
    ]


def test_demo_creates_the_ideas_form_with_sensible_fields_and_the_home_links_to_it():
    ideas = IdeaFormPage.objects.live().get()
    fields = {field.label: field for field in ideas.form_fields.all()}
    assert fields["Votre idée"].required and fields["Votre idée"].field_type == "multiline"
    assert fields["Votre adresse e-mail"].field_type == "email" and not fields["Votre adresse e-mail"].required
    assert "Un besoin d'accompagnement" in fields["Elle concerne"].choices
    assert ideas.honeypot
    call_to_action = next(child for child in HomePage.objects.get().body if child.block_type == "call_to_action")
    assert call_to_action.value["page"].specific == ideas


def test_demo_has_the_needs_resources_charter_and_privacy_pages():
    titles = set(StandardPage.objects.live().values_list("title", flat=True))
    assert {"Ressources", "Données personnelles"} <= titles
    assert NeedsSurveyPage.objects.live().get().title == "Identifions les besoins"
    resources = StandardPage.objects.get(slug="ressources")
    assert "à venir" in str(resources.body)
    assert "3 fausses bonnes idées" in str(resources.body)
    charter = CharterPage.current()
    assert charter.version == "2026-1"
    assert charter.get_parent().slug == "ressources"
    assert "Aucune sollicitation commerciale" in str(charter.body)
    assert "Confidentialité" in str(charter.body)
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    assert settings.privacy_page.slug == "donnees-personnelles"


def test_demo_home_page_features_the_challenges_and_links_to_the_needs_page(client):
    html = client.get("/").content.decode()
    assert "Mentorat, vers une culture commune" in html
    assert "Renvoyez-nous vos idées !" in html
    assert 'href="/identifions-les-besoins/"' in html
    for challenge in ChallengePage.objects.all():
        assert challenge.url in html


def test_demo_has_no_placeholder_text(client):
    for page in Page.objects.live().filter(depth__gte=2).specific():
        html = client.get(page.url).content.decode().lower()
        assert "lorem" not in html, page.url
        assert "todo" not in html, page.url


def test_demo_has_about_thirty_varied_mentors(client):
    mentors = MentorProfile.objects.all()
    assert 25 <= mentors.count() <= 40
    assert set(mentors.values_list("actor_type__code", flat=True)) == {
        "collectivite",
        "industrie",
        "startup",
        "laboratoire",
        "ecole",
    }
    assert mentors.filter(status="paused").exists() and mentors.filter(accepting_requests=False).exists()
    assert not mentors.exclude(contact_email__endswith="@example.org").exists()
    html = client.get("/mentors/?theme=open-source").content.decode()
    assert "Julien Ferrand" in html
