"""The home page and the mentoring model pages are composed of blocks: editors reorder, remove and add
sections; the featured challenges fill up with the newest; the model pages keep the white paper's six
sections, in its order; a database migrated from the fixed layouts shows the same pages."""

import importlib
import json

from wagtail.blocks import StreamBlockValidationError, StreamValue

import pytest

from portal.home.blocks import SECTION_NAMES, HomeBodyBlock, MentoringModelBodyBlock
from portal.home.models import HomePage, HomePageFeaturedChallenge, MentoringModelPage
from tests.factories import (
    ChallengePageFactory,
    MentoringModelPageFactory,
    ProgrammePageFactory,
    white_paper_body,
)

pytestmark = pytest.mark.django_db

migration = importlib.import_module("portal.home.migrations.0009_streamfield_pages")


def publish_home(home, body):
    home.body = body
    home.save_revision().publish()


def hero(heading="Mentorat, vers une culture commune"):
    return ("hero", {"heading": heading, "introduction": "Chaque acteur a sa logique."})


def test_editors_reorder_remove_and_add_home_sections(client, home):
    publish_home(
        home,
        [
            ("quote", {"quote": "Pas de clonage culturel.", "attribution": "La Fabrique", "role": ""}),
            hero(),
            ("paragraph", "<p>Un texte ajouté par l’équipe.</p>"),
        ],
    )
    html = client.get("/").content.decode()

    assert html.index("Pas de clonage culturel.") < html.index("<h1") < html.index("Un texte ajouté par l’équipe.")
    assert "Trois modèles de mentorat" not in html  # removed with its block


def test_the_home_keeps_exactly_one_hero(home):
    block = HomeBodyBlock()
    without = block.to_python([{"type": "paragraph", "value": "<p>Texte</p>"}])
    twice = block.to_python(
        [{"type": "hero", "value": {"heading": "Un"}}, {"type": "hero", "value": {"heading": "Deux"}}]
    )
    for value in (without, twice):
        with pytest.raises(StreamBlockValidationError):
            block.clean(value)


def test_featured_challenges_fill_up_with_the_newest_published(client, home, challenge_index):
    chosen = ChallengePageFactory(parent=challenge_index, title="Le défi choisi")
    others = [ChallengePageFactory(parent=challenge_index, title=f"Défi récent {n}") for n in range(7)]
    home.featured_challenges = [HomePageFeaturedChallenge(challenge=chosen)]
    home.save_revision().publish()

    html = client.get("/").content.decode()

    shown = [page for page in [chosen, *others] if f">{page.title}<" in html]
    assert shown == [chosen, *others[2:]]  # the chosen one, then the five newest: six in all
    assert html.index("Le défi choisi") < html.index("Défi récent 6")


def test_a_new_challenge_reaches_the_home_while_the_featured_list_is_not_full(client, home, challenge_index):
    chosen = [ChallengePageFactory(parent=challenge_index, title=f"Défi choisi {n}") for n in range(3)]
    home.featured_challenges = [HomePageFeaturedChallenge(challenge=page) for page in chosen]
    home.save_revision().publish()

    ChallengePageFactory(parent=challenge_index, title="Un tout nouveau défi")

    assert "Un tout nouveau défi" in client.get("/").content.decode()


def test_the_featured_challenges_field_says_the_newest_fill_the_places_left(admin_client, home):
    html = admin_client.get(f"/admin/pages/{home.pk}/edit/").content.decode()
    assert "les défis publiés les plus récents complètent les places restantes" in html


def test_model_page_shows_the_white_paper_sections_in_its_order(client, home):
    programme = ProgrammePageFactory(parent=home)
    texts = {name: f"<p>Texte de la section {name}.</p>" for name in SECTION_NAMES}
    page = MentoringModelPageFactory(parent=programme, body=white_paper_body(**texts))

    html = client.get(page.url).content.decode()

    headings = ["Principes", "Retour sur investissement", "Pièges à éviter", "Organisation"]
    headings += ["Opérationnalisation", "Communs produits"]
    positions = [html.index(f"<h3>{heading}</h3>") for heading in headings]
    assert positions == sorted(positions)
    assert all(f"Texte de la section {name}." in html for name in SECTION_NAMES)


def test_model_page_refuses_a_missing_or_moved_white_paper_section():
    block = MentoringModelBodyBlock()
    missing = block.to_python([{"type": name, "value": []} for name in SECTION_NAMES[1:]])
    moved = block.to_python([{"type": name, "value": []} for name in [*SECTION_NAMES[1:], SECTION_NAMES[0]]])
    for value in (missing, moved):
        with pytest.raises(StreamBlockValidationError):
            block.clean(value)
    assert block.clean(block.to_python([{"type": name, "value": []} for name in SECTION_NAMES]))


def test_editors_add_a_quote_and_a_call_to_action_between_the_sections(client, home):
    programme = ProgrammePageFactory(parent=home)
    body = white_paper_body(principles="<p>Des volontaires.</p>", commons="<p>Des communs.</p>")
    body.insert(3, ("quote", {"quote": "On apprend autant qu’on transmet.", "attribution": "Une mentore", "role": ""}))
    body.append(
        (
            "call_to_action",
            {
                "title": "Lancer un Culture Shift",
                "text": "",
                "button_label": "Nous écrire",
                "page": None,
                "url": "https://example.org/",
            },
        )
    )
    page = MentoringModelPageFactory(parent=programme, body=body)

    html = client.get(page.url).content.decode()

    assert html.index("Des volontaires.") < html.index("On apprend autant qu’on transmet.") < html.index("Des communs.")
    assert html.index("Des communs.") < html.index("Lancer un Culture Shift")
    assert 'href="https://example.org/">Nous écrire</a>' in html


def test_a_new_model_page_starts_with_the_six_sections():
    assert [child.block_type for child in MentoringModelPage().body] == SECTION_NAMES


def test_every_block_of_the_model_page_is_searchable(client, home):
    programme = ProgrammePageFactory(parent=home)
    body = white_paper_body(roi="<p>Un retour mesuré.</p>")
    body.append(("quote", {"quote": "La sérendipité organisée.", "attribution": "", "role": ""}))
    MentoringModelPageFactory(parent=programme, title="Peer 2 Peer", body=body)

    for word in ["mesuré", "sérendipité"]:
        assert "Peer 2 Peer" in client.get("/search/", {"q": word}).content.decode(), word


def test_the_migration_gives_the_home_the_same_content_in_the_same_order(client, home):
    fields = {
        "hero_heading": "Mentorat, vers une culture commune",
        "hero_text": "Chaque acteur de la mobilité a sa propre logique.",
        "introduction": "<p>Dès le départ, la Fabrique se fixait un objectif.</p>",
        "models_introduction": "Trois chemins à explorer ensemble.",
        "ideas_heading": "Renvoyez-nous vos idées !",
        "ideas_text": "Un tour d’horizon des besoins.",
        "ideas_page": home.pk,
    }
    body = migration.home_body(fields, "fr", {home.pk: "Accueil"})
    home.body = StreamValue(HomeBodyBlock(), body, is_lazy=True)
    home.save_revision().publish()
    programme = ProgrammePageFactory(parent=home)
    MentoringModelPageFactory(parent=programme)

    html = client.get("/").content.decode()

    expected = [
        "<h1",
        "Chaque acteur de la mobilité a sa propre logique.",
        "Le programme",
        "Le mentorat, vers une culture commune",
        "Dès le départ, la Fabrique se fixait un objectif.",
        "Trois modèles de mentorat",
        "Trois chemins à explorer ensemble.",
        "Renvoyez-nous vos idées !",
        "Un tour d’horizon des besoins.",
    ]
    positions = [html.index(text) for text in expected]
    assert positions == sorted(positions)
    assert '<a class="button button--accent" href="/"><span>Accueil</span> →</a>' in html


def test_the_migration_keeps_the_model_pages_sections_in_order():
    fields = {"situation": "<p>Une multinationale.</p>", "pitfalls": "<p>Le clonage.</p>", "roi": "<p>Gains.</p>"}
    body = migration.model_page_body(fields)

    assert [item["type"] for item in body] == ["situation", *SECTION_NAMES]
    assert body[2]["value"][0]["value"] == "<p>Gains.</p>" and body[3]["value"][0]["value"] == "<p>Le clonage.</p>"
    assert body[1]["value"] == []


def test_a_migrated_home_page_revision_opens_in_the_editor(admin_client, home):
    body = migration.home_body({"hero_heading": "Un titre venu de la migration"}, "fr", {})
    revision = home.save_revision()
    content = revision.content
    content["body"] = json.dumps(body)
    revision.content = content
    revision.save()

    html = admin_client.get(f"/admin/pages/{home.pk}/edit/").content.decode()

    assert "Un titre venu de la migration" in html
    assert isinstance(HomePage.objects.get(pk=home.pk).latest_revision.as_object().body[0].value["heading"], str)
