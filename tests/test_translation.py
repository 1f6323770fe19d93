"""Languages, honestly: an English visitor reads what editors translated in English, and everything else in
French, at the same addresses, marked lang="fr" and announced as not translated. French pages stay the
source of truth: every list, search, the API, the request form and matching show each page once."""

import re

from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from wagtail.models import Locale, Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest

from portal.challenges.models import ChallengePage
from portal.home.blocks import SECTION_NAMES
from portal.mentorships.models import MentorRequest
from portal.navigation.models import NavigationSettings
from tests.factories import (
    MODERATORS_GROUP,
    ChallengePageFactory,
    CharterPageFactory,
    MentoringModelPageFactory,
    MentorProfileFactory,
    ProgrammePageFactory,
    StandardPageFactory,
    UserFactory,
)
from tests.requests_helpers import request_data, request_url
from tests.utils import count_queries

pytestmark = pytest.mark.django_db

NOTICE = "This page has not been translated into English yet: here is the French text."
TITLE_FR = "Comment m'engager dans l'open source ?"
TITLE_EN = "How do I get involved in open source?"


@pytest.fixture
def english(db, settings):
    """A visitor who chose English with the language switcher (`client` is a French visitor)."""
    browser = Client()
    browser.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return browser


@pytest.fixture
def translator(db):
    """An editor who publishes, of the moderators' group (not a superuser), logged in on their own browser."""
    user = UserFactory()
    user.save()
    user.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    browser = Client()
    browser.force_login(user)
    return browser


@pytest.fixture
def challenge(challenge_index):
    return ChallengePageFactory(
        parent=challenge_index,
        title=TITLE_FR,
        summary="Publier son code et contribuer aux communs.",
        body=[("paragraph", "<p>Ouvrir le code d’une collectivité.</p>")],
        themes=["open source"],
        actor_types=["collectivite"],
        models=["peer-to-peer"],
    )


def translate(translator, page):
    """The admin's "Translate" action into English: the English draft opens in the editor."""
    english_locale = Locale.objects.get(language_code="en")
    response = translator.post(
        reverse("simple_translation:submit_page_translation", args=[page.pk]), {"locales": [english_locale.pk]}
    )
    translation = page.get_translation(english_locale)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[translation.pk])
    assert not translation.live  # a draft until an editor publishes it
    return translation.specific


def publish(translator, page, **fields):
    """What an editor submits from the page editor, with "Publish"."""
    data = {"title": page.title, "slug": page.slug, "summary": page.summary} | fields
    response = translator.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), nested_form_data(data | {"action-publish": "publish"})
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    page.refresh_from_db()
    assert page.live
    return page


def publish_challenge(translator, page, title, summary):
    return publish(
        translator,
        page,
        title=title,
        summary=summary,
        body=streamfield([("paragraph", rich_text("<p>Opening a local authority’s code.</p>"))]),
        example=rich_text(""),
        themes="open source",
        actor_types=[],
        recommended_models=[],
        status="open",
    )


def translated_challenge(translator, challenge):
    return publish_challenge(
        translator, translate(translator, challenge), TITLE_EN, "Publishing code, joining the commons."
    )


def main_menu(html):
    start = html.index('<nav class="main-nav"')
    return html[start : html.index("</nav>", start)]


def element(html, pattern):
    """The first opening tag matching `pattern`, with its attributes, and its text."""
    match = re.search(pattern, html, re.S)
    assert match, pattern
    return match.group(0)


# --- A page no editor translated -----------------------------------------------------------------
def test_an_untranslated_challenge_answers_in_english_at_its_french_address_and_says_so(english, challenge):
    response = english.get(challenge.url)
    html = response.content.decode()

    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert NOTICE in html
    assert '<h1 lang="fr">Comment m&#x27;engager dans l&#x27;open source ?</h1>' in html
    assert '<p class="lead" lang="fr">Publier son code et contribuer aux communs.</p>' in html
    assert re.search(r'<div lang="fr">\s*<p>Ouvrir le code d’une collectivité\.</p>\s*</div>', html)
    assert '<h2 id="matches-title">Mentors for this challenge</h2>' in html  # the interface stays English


def test_french_visitors_see_no_notice_and_no_language_marks(client, challenge):
    html = client.get(challenge.url).content.decode()

    assert NOTICE not in html
    assert "Cette page n’est pas encore traduite" not in html
    assert html.count('lang="fr"') == 2  # <html lang="fr"> and the switcher's FR button


def test_every_french_address_answers_in_english_beside_an_english_tree(english, translator, home, challenge):
    programme = ProgrammePageFactory(parent=home)
    model_page = MentoringModelPageFactory(parent=programme)
    translate(translator, challenge)  # an English home and catalogue now exist, the challenge is a draft

    for page in [home, challenge, challenge.get_parent(), programme, model_page, Page.objects.get(slug="mentors")]:
        response = english.get(page.url)
        assert response.status_code == 200, page.url
        assert NOTICE in response.content.decode(), page.url
    assert english.get(challenge.url + "proposer/").status_code == 404
    assert 'name="title"' in english.get(challenge.get_parent().url + "proposer/").content.decode()


def test_editors_content_is_marked_french_and_the_vocabulary_is_not(english, challenge_index, challenge):
    html = english.get(challenge_index.url).content.decode()
    card = html[html.index('<article class="card">') :]
    card = card[: card.index("</article>")]

    assert '<h3 lang="fr"><a href="/defis/comment-mengager-dans-lopen-source/">' in card
    assert '<span class="tag" lang="fr">open source</span>' in card
    assert '<span class="badge badge--model model--peer-to-peer">Peer 2 Peer</span>' in card
    assert '<span class="eyebrow">Challenge · Open</span>' in card
    assert '<option value="open-source" lang="fr">open source (1)</option>' in html
    assert '<option value="collectivite">Local authority (1)</option>' in html


def test_mentors_write_in_french_and_their_profiles_say_so(english, directory):
    mentor = MentorProfileFactory(
        headline="Directrice de la donnée", bio="J’ai ouvert les données.", themes=["open data"]
    )

    html = english.get(f"{directory.url}{mentor.slug}/").content.decode()

    assert '<p class="lead" lang="fr">Directrice de la donnée</p>' in html
    assert re.search(r'<div lang="fr">\s*<p>J’ai ouvert les données\.</p>\s*</div>', html)
    assert 'lang="fr">open data</a>' in html
    assert "<h2>Experience</h2>" in html
    assert '<span class="eyebrow">Mentor · Local authority</span>' in html


def test_the_footer_settings_written_in_french_are_marked(english, home):
    from wagtail.models import Site

    from portal.home.models import SiteSettings

    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.footer_text = "Un programme de la Fabrique."
    site_settings.address = "Paris"
    site_settings.save()

    html = english.get("/").content.decode()

    assert '<p lang="fr">Un programme de la Fabrique.</p>' in html
    assert '<address lang="fr">Paris</address>' in html


# --- Translating from the admin ------------------------------------------------------------------
def test_translating_a_challenge_creates_its_english_parents_and_a_draft(translator, home, challenge):
    english_page = translate(translator, challenge)

    english_home = home.get_translation(english_page.locale)
    english_index = challenge.get_parent().get_translation(english_page.locale)
    assert english_home.live and english_home.alias_of_id == home.pk  # mirrors the French home
    assert english_index.live and english_index.alias_of_id == challenge.get_parent().pk
    assert english_page.get_parent().pk == english_index.pk
    assert english_page.slug == challenge.slug and english_page.url == challenge.url
    assert english_page.title == TITLE_FR  # an editor translates it next


def test_a_translated_challenge_shows_its_english_title_everywhere_for_english_visitors(
    english, translator, home, challenge_index, challenge
):
    translated_challenge(translator, challenge)

    page = english.get(challenge.url).content.decode()
    catalogue = english.get(challenge_index.url).content.decode()
    home_page = english.get(home.url).content.decode()

    assert "<h1>How do I get involved in open source?</h1>" in page
    assert '<p class="lead">Publishing code, joining the commons.</p>' in page
    assert re.search(r"<p[^>]*>Opening a local authority’s code\.</p>", page)
    assert NOTICE not in page
    assert '<h1 lang="fr">' not in page
    for html in (catalogue, home_page):
        assert f'<h3><a href="{challenge.url}">How do I get involved in open source?</a></h3>' in html
        assert "Comment m&#x27;engager" not in html


def test_french_visitors_still_read_the_french_challenge(client, translator, home, challenge_index, challenge):
    translated_challenge(translator, challenge)

    for url in (challenge.url, challenge_index.url, home.url):
        html = client.get(url).content.decode()
        assert "Comment m&#x27;engager dans l&#x27;open source ?" in html, url
        assert TITLE_EN not in html, url


def test_a_translated_menu_page_is_named_in_english_in_the_menu(english, client, translator, challenge_index):
    publish(translator, translate(translator, challenge_index), title="Challenges")

    menu = main_menu(english.get("/").content.decode())

    assert '<a href="/defis/">Challenges</a>' in menu
    assert '<a href="/retours-d-experience/" lang="fr">Retours d&#x27;expérience</a>' in menu
    assert '<a href="/defis/">Défis</a>' in main_menu(client.get("/").content.decode())


def test_breadcrumbs_name_each_ancestor_in_the_visitors_language(english, translator, challenge_index, challenge):
    publish(translator, translate(translator, challenge_index), title="Challenges")

    html = english.get(challenge.url).content.decode()
    crumbs = html[html.index('<nav class="breadcrumbs"') :]
    crumbs = crumbs[: crumbs.index("</nav>")]

    assert '<a href="/defis/">Challenges</a>' in crumbs
    assert '<li aria-current="page" lang="fr">Comment m&#x27;engager' in crumbs


def test_the_programme_and_a_model_page_are_translated_from_the_admin(english, translator, home):
    programme = ProgrammePageFactory(parent=home)
    model_page = MentoringModelPageFactory(parent=programme, title="Peer 2 Peer", definition="Entraide entre pairs.")
    navigation = NavigationSettings.for_site(home.get_site())  # the programme in the menu, under its title
    navigation.main_menu = [
        ("item", {"label": "", "english_label": "", "page": programme, "address": "", "children": []})
    ]
    navigation.save()

    english_programme = publish(
        translator,
        translate(translator, programme),
        title="Mentoring by FabMob",
        body=streamfield([("paragraph", rich_text("<p>Three models.</p>"))]),
    )
    english_model = translate(translator, model_page)
    assert english_model.get_parent().pk == english_programme.pk
    publish(
        translator,
        english_model,
        title="Peer to peer",
        definition="Mutual help between peers.",
        mentoring_model="",  # a translation has none: it follows its French page's model
        body=streamfield([(name, streamfield([])) for name in SECTION_NAMES]),
    )

    programme_html = english.get(programme.url).content.decode()
    model_html = english.get(model_page.url).content.decode()
    menu = main_menu(model_html)

    assert "<h1>Mentoring by FabMob</h1>" in programme_html
    assert '<h3><a href="/mentorat-by-fabmob/peer-2-peer/">Peer to peer</a></h3>' in programme_html
    assert "<p>Mutual help between peers.</p>" in programme_html
    assert "<h1>Peer to peer</h1>" in model_html
    assert '<div class="model-hero model--peer-to-peer">' in model_html
    assert NOTICE not in model_html
    assert '<a href="/mentorat-by-fabmob/" aria-current="true">Mentoring by FabMob</a>' in menu


def test_the_charter_and_idea_forms_stay_in_french(translator, home, ideas):
    charter = CharterPageFactory(parent=home)
    for page in (charter, ideas):
        response = translator.post(
            reverse("simple_translation:submit_page_translation", args=[page.pk]),
            {"locales": [Locale.objects.get(language_code="en").pk]},
            follow=True,
        )
        assert "reste en français" in response.content.decode()  # the admin speaks French
        assert not page.get_translations().exists()


def test_a_translation_keeps_the_address_of_its_french_page(translator, challenge):
    english_page = translate(translator, challenge)
    data = {"title": TITLE_EN, "slug": "get-involved", "summary": "", "body": streamfield([])}
    data |= {"example": rich_text(""), "themes": "", "status": "open", "action-publish": "publish"}

    response = translator.post(reverse("wagtailadmin_pages:edit", args=[english_page.pk]), nested_form_data(data))

    assert response.status_code == 200
    assert "comment-mengager-dans-lopen-source" in str(response.context["form"].errors["slug"])
    english_page.refresh_from_db()
    assert english_page.slug == challenge.slug and not english_page.live


def test_new_pages_are_french_and_the_explorer_offers_the_languages(editor_client, challenge_index):
    response = editor_client.post(
        reverse("wagtailadmin_pages:add", args=["challenges", "challengepage", challenge_index.pk]),
        nested_form_data(
            {"title": "Nouveau défi", "slug": "nouveau-defi", "summary": "", "body": streamfield([])}
            | {"example": rich_text(""), "themes": "", "status": "open"}
        ),
    )
    explorer = editor_client.get(reverse("wagtailadmin_explore", args=[challenge_index.pk])).content.decode()

    assert response.status_code == 302
    assert ChallengePage.objects.get(slug="nouveau-defi").locale.language_code == "fr"
    assert "English" in explorer and "Français" in explorer


# --- Each page once ------------------------------------------------------------------------------
def test_a_translated_challenge_is_listed_once_everywhere(
    english, client, translator, directory, challenge_index, challenge
):
    translated_challenge(translator, challenge)
    mentor = MentorProfileFactory()

    for visitor in (english, client):
        catalogue = visitor.get(challenge_index.url).content.decode()
        assert re.search(r'<p class="result-count" role="status">\s*1 ', catalogue)
        assert catalogue.count('<article class="card">') == 1
        search = visitor.get("/search/", {"q": "open source"}).content.decode()
        assert search.count(f'href="{challenge.url}"') == 1
        form = visitor.get(request_url(directory, mentor)).content.decode()
        assert re.findall(r'<option value="(\d+)"', form[form.index('name="challenge"') :].split("</select>")[0]) == [
            str(challenge.pk)
        ]
    api = client.get("/api/v1/challenges/").json()["items"]
    assert [item["slug"] for item in api] == [challenge.slug]
    assert client.get(f"/api/v1/challenges/{challenge.slug}/mentors/").status_code == 200
    locations = re.findall(r"<loc>([^<]+)</loc>", client.get("/sitemap.xml").content.decode())
    assert len([location for location in locations if location.endswith(challenge.url)]) == 1


def test_a_request_made_from_an_english_page_names_the_french_challenge(english, translator, directory, challenge):
    translated_challenge(translator, challenge)
    mentor = MentorProfileFactory(headline="Développeuse open source", themes=["open source"])

    page = english.get(challenge.url).content.decode()
    ask = element(page, rf'href="[^"]*/{mentor.slug}/demander/\?defi=(\d+)"')
    form = english.get(request_url(directory, mentor), {"defi": challenge.pk}).content.decode()
    response = english.post(
        request_url(directory, mentor) + f"?defi={challenge.pk}",
        request_data(challenge=challenge.pk, challenge_text=""),
    )

    assert f"?defi={challenge.pk}" in ask
    assert f'<option value="{challenge.pk}" selected>' in form
    assert response.status_code == 302
    assert MentorRequest.objects.get().challenge_id == challenge.pk


def test_a_challenge_and_its_translation_propose_the_same_mentors(english, client, translator, directory, challenge):
    # Their words meet the French text only: matching an English text would find none of them.
    for name in ["Ada Lemoine", "Bea Roux", "Cleo Martin"]:
        MentorProfileFactory(full_name=name, headline="Contribuer aux communs et publier", themes=["logiciel libre"])
    MentorProfileFactory(full_name="Zoé Autre", headline="Covoiturage rural", themes=["covoiturage"])
    french = re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', client.get(challenge.url).content.decode())
    translated_challenge(translator, challenge)

    english_names = re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', english.get(challenge.url).content.decode())

    assert french == english_names == ["Ada Lemoine", "Bea Roux", "Cleo Martin"]


def test_the_language_switcher_keeps_the_address_of_a_french_only_page(english, home):
    wiki = StandardPageFactory(parent=home, title="Ressources")
    html = english.get(wiki.url).content.decode()
    assert f'<input type="hidden" name="next" value="{wiki.url}">' in html

    response = english.post("/i18n/setlang/", {"language": "fr", "next": wiki.url})
    back = english.get(response["Location"])

    assert response["Location"] == wiki.url
    assert back.status_code == 200
    assert '<html lang="fr">' in back.content.decode()


# --- Performance ---------------------------------------------------------------------------------
def test_translations_cost_no_query_per_item(english, client, translator, home, challenge_index):
    """More challenges, some translated, cost no more queries, in English (one query per list finds the
    translations) and in French (no query at all)."""
    translated_challenge(translator, ChallengePageFactory(parent=challenge_index, themes=["open source"]))
    ChallengePageFactory(parent=challenge_index, themes=["open source"])
    urls = [home.url, challenge_index.url]
    small = {(visitor, url): count_queries(visitor, url) for visitor in (english, client) for url in urls}
    for number in range(3):
        page = ChallengePageFactory(parent=challenge_index, themes=["open source"])
        publish_challenge(translator, translate(translator, page), f"Challenge {number}", "")
        ChallengePageFactory(parent=challenge_index, themes=["communs"])

    for visitor in (english, client):
        for url in urls:
            assert count_queries(visitor, url) == small[visitor, url], url


def test_links_in_rich_text_keep_their_address_and_cost_no_query_each(english, translator, home, challenge_index):
    challenges = [ChallengePageFactory(parent=challenge_index) for _ in range(4)]
    translated_challenge(translator, challenges[0])

    def wiki_linking_to(pages):
        links = "".join(f'<a linktype="page" id="{page.pk}">{page.title}</a> ' for page in pages)
        return StandardPageFactory(parent=home, body=[("paragraph", f"<p>{links}</p>")])

    one, four = wiki_linking_to(challenges[:1]), wiki_linking_to(challenges)
    html = english.get(four.url).content.decode()

    for page in challenges:
        assert f'<a href="{page.url}">' in html
    assert count_queries(english, one.url) == count_queries(english, four.url)
