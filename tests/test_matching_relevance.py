"""Matching ranks by how telling a shared word is, knows the field's equivalents, and explains itself with
the mentor's own words (portal/mentors/relevance.py, explanations.py, search/analysis.py)."""

import json
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.management import call_command

import pytest

from portal.mentors import evaluation
from portal.mentors.directory import find_mentors
from portal.mentors.matching import mentors_for_challenge, mentors_for_text
from portal.mentors.models import MentorProfile
from portal.taxonomy.models import Equivalence
from search import french
from tests.factories import ChallengePageFactory, MentorProfileFactory

pytestmark = pytest.mark.django_db

LABELLED_SETS = sorted((Path(settings.BASE_DIR) / "bench").glob("matching_eval*.json"))


@pytest.fixture
def demo_content(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def names(matches):
    return [match.mentor.full_name for match in matches]


def directory_names(query):
    result = find_mentors({"q": query, "availability": "all", "sort": "relevance"})
    return [mentor.full_name for mentor in result.page.object_list]


def crowd(count=6, text="J'accompagne les collectivités sur la mobilité et le transport."):
    """Profiles that all use the field's common words."""
    for number in range(count):
        MentorProfileFactory(full_name=f"Foule {number}", headline="Consultant mobilité", themes=[], bio=text)


def test_a_rare_shared_word_outweighs_several_common_ones(directory):
    crowd()
    MentorProfileFactory(
        full_name="Mots courants",
        headline="Consultante",
        themes=[],
        bio="Transport, mobilité, collectivités : j'accompagne la mobilité et le transport des collectivités.",
    )
    MentorProfileFactory(full_name="Mot rare", headline="Consultante", themes=[], bio="Je publie des flux GTFS.")
    need = "Notre collectivité veut publier ses horaires de transport en GTFS pour la mobilité."
    assert names(mentors_for_text(need))[0] == "Mot rare"


def test_a_long_need_full_of_words_no_profile_uses_still_finds_the_mentor_sharing_one(directory):
    crowd()
    MentorProfileFactory(full_name="Billettique", headline="Consultante", themes=[], bio="Je déploie la billettique.")
    unused = " ".join(f"zorglub{chr(97 + first)}{chr(97 + second)}" for first in range(6) for second in range(6))
    assert names(mentors_for_text(f"{unused} billettique")) == ["Billettique"]


def test_the_headline_weighs_more_than_the_biography(directory):
    crowd()
    MentorProfileFactory(full_name="Dans la bio", headline="Consultante", themes=[], bio="Billettique sans contact.")
    MentorProfileFactory(full_name="Dans le titre", headline="Billettique sans contact", themes=[], bio="Consultante.")
    assert names(mentors_for_text("billettique sans contact"))[:2] == ["Dans le titre", "Dans la bio"]
    assert directory_names("billettique")[:2] == ["Dans le titre", "Dans la bio"]


def test_words_side_by_side_count_more_than_the_same_words_apart(directory):
    crowd()
    MentorProfileFactory(
        full_name="Mots épars",
        headline="Consultant",
        themes=[],
        bio="Le transport scolaire. Une demande de subvention.",
    )
    MentorProfileFactory(
        full_name="Expression", headline="Consultant", themes=[], bio="Le transport à la demande en zone rurale."
    )
    assert names(mentors_for_text("Lancer un transport à la demande"))[0] == "Expression"


@pytest.mark.parametrize(
    ("written", "asked", "searched"),
    [
        (
            "J'ai lancé le TAD de la communauté de communes.",
            "Créer un transport à la demande",
            "transport à la demande",
        ),
        ("J'ai piloté un transport à la demande rural.", "Notre TAD ne trouve pas son public", "TAD"),
        ("Vingt ans d'open data dans une métropole.", "Publier nos données ouvertes", "données ouvertes"),
        ("Service de covoiturage domicile-travail.", "covoit", "covoit"),
    ],
)
def test_equivalents_of_the_vocabulary_match_both_ways(directory, written, asked, searched):
    crowd()
    MentorProfileFactory(full_name="Spécialiste", headline="Consultant", themes=[], bio=written)
    assert names(mentors_for_text(asked))[0] == "Spécialiste"
    assert directory_names(searched) == ["Spécialiste"]


def test_carsharing_is_not_carpooling(directory):
    MentorProfileFactory(full_name="Autopartage", headline="Consultant", themes=[], bio="Autopartage en ville.")
    assert mentors_for_text("covoiturage") == []
    assert directory_names("covoit") == []


def test_an_equivalence_added_by_an_editor_applies_to_existing_profiles_at_once(
    directory, django_capture_on_commit_callbacks
):
    MentorProfileFactory(full_name="Sigle", headline="Consultante", themes=[], bio="Mise en accessibilité PMR.")
    assert mentors_for_text("personnes à mobilité réduite") == []
    with django_capture_on_commit_callbacks(execute=True):
        Equivalence.objects.create(expressions="PMR\npersonnes à mobilité réduite")
    assert names(mentors_for_text("personnes à mobilité réduite")) == ["Sigle"]
    assert directory_names("personnes à mobilité réduite") == ["Sigle"]


def test_an_equivalence_removed_stops_applying(directory, django_capture_on_commit_callbacks):
    MentorProfileFactory(full_name="Sigle", headline="Consultante", themes=[], bio="Je pilote un BHNS.")
    assert names(mentors_for_text("bus à haut niveau de service")) == ["Sigle"]
    with django_capture_on_commit_callbacks(execute=True):
        Equivalence.objects.get(expressions__startswith="bus à haut niveau de service").delete()
    assert mentors_for_text("bus à haut niveau de service") == []


def test_equivalences_loaded_as_they_were_rebuild_nothing(directory, django_capture_on_commit_callbacks):
    """A fixture or a restored test database saves rows raw: rebuilding the index once per row took minutes."""
    saved = serializers.serialize("json", Equivalence.objects.all()[:3])
    with django_capture_on_commit_callbacks() as callbacks:
        for row in serializers.deserialize("json", saved):
            row.save()
    assert callbacks == []
    with django_capture_on_commit_callbacks() as callbacks:
        Equivalence.objects.create(expressions="PMR\npersonnes à mobilité réduite")
    assert len(callbacks) == 1


@pytest.mark.parametrize(
    ("expressions", "message"),
    [
        ("open data", "au moins deux expressions"),
        ("de la\nPMR", "mots outils"),
        ("données ouvertes\ndonnee ouverte", "même expression"),
        ("open data\nopen-data", "même expression"),
        ("TAD\nservice à la demande", "figure déjà dans l’équivalence"),
        ("alpha beta gamma delta epsilon zeta eta\nalpha", "trop longue"),
    ],
)
def test_an_equivalence_that_would_mislead_matching_is_refused_in_french(db, expressions, message):
    with pytest.raises(ValidationError) as error:
        Equivalence(expressions=expressions).full_clean()
    assert message in " ".join(error.value.message_dict["expressions"])


def test_editors_keep_the_vocabulary_in_the_admin(editor_client):
    listing = editor_client.get("/admin/taxonomy/equivalence/")
    assert "transport à la demande = TAD" in listing.content.decode()
    response = editor_client.post(
        "/admin/taxonomy/equivalence/create/", {"expressions": "PMR\npersonnes à mobilité réduite", "note": ""}
    )
    assert response.status_code == 302
    assert Equivalence.objects.filter(expressions__startswith="PMR").exists()
    refused = editor_client.post("/admin/taxonomy/equivalence/create/", {"expressions": "TAD\ndemande", "note": ""})
    assert "figure déjà dans l’équivalence" in refused.content.decode()


def test_reasons_never_show_stop_words_or_words_every_profile_uses(directory):
    crowd(text="J'accompagne les collectivités sur leurs projets de mobilité et de transport.")
    MentorProfileFactory(
        full_name="Experte",
        headline="Cheffe de projet data",
        themes=[],
        bio="J'accompagne les collectivités sur leurs projets de mobilité : j'ai ouvert les données de transport "
        "en GTFS, avec les élus.",
    )
    [match, *_others] = mentors_for_text(
        "Nous accompagnons une collectivité : comment ouvrir nos données de transport en GTFS pour la mobilité ?"
    )
    assert match.mentor.full_name == "Experte"
    [words] = [reason for reason in match.reasons if reason.startswith("Mots qui comptent")]
    shown = words.split("\u00a0: ", 1)[1].split(", ")
    assert "GTFS" in shown and "données de transport" in shown
    for word in shown:
        assert french.fold(word) not in french.FOLDED_STOP_WORDS
        assert word.lower() not in {"accompagne", "projets", "mobilité", "collectivités"}


def test_the_excerpt_quotes_the_mentor_with_the_shared_words_marked(client, challenge_index, directory):
    crowd()
    challenge = ChallengePageFactory(
        parent=challenge_index,
        title="Ouvrir nos données de transport",
        summary="Publier les horaires.",
        themes=["open data"],
    )
    MentorProfileFactory(
        full_name="Claire",
        headline="Directrice de la donnée",
        themes=["open data"],
        bio="Élue puis directrice. J'ai piloté l'ouverture des données de transport de la métropole.",
    )
    [match, *_others] = mentors_for_challenge(challenge)
    assert match.excerpt_text == "J'ai piloté l'ouverture des données de transport de la métropole."
    assert ["données de transport", True] in match.excerpt or ["ouverture des données de transport", True] in (
        match.excerpt
    )
    html = client.get(challenge.url).content.decode()
    assert "<mark>" in html and "de la métropole.</q>" in html


def test_the_strength_of_a_match_is_shown_in_words(client, directory):
    crowd()
    MentorProfileFactory(
        full_name="Forte", headline="Billettique sans contact", themes=["billettique"], bio="Billettique sans contact."
    )
    MentorProfileFactory(full_name="Faible", headline="Consultante", themes=[], bio="Un peu de contact client.")
    matches = mentors_for_text("billettique sans contact")
    assert [(match.mentor.full_name, str(match.strength_label)) for match in matches] == [
        ("Forte", "Très pertinent"),
        ("Faible", "À explorer"),
    ]
    page = client.get(f"{directory.url}defi/", {"texte": "billettique sans contact"}).content.decode()
    assert "Très pertinent" in page and "À explorer" in page


def test_the_demo_open_data_example_puts_the_mentor_who_opened_transport_data_first(demo_content):
    assert names(mentors_for_text("Nous voulons ouvrir nos données de transport"))[0] == "Claire Morvan"


def test_a_profile_keeps_its_matching_vector_current_with_its_text_and_themes(directory):
    mentor = MentorProfileFactory(headline="Consultante", themes=[], bio="Vélo.")
    mentor.themes.set(["billettique"])
    mentor.refresh_from_db()
    assert "#billettique" in mentor.matching_vector["t"]
    mentor.bio = "Covoiturage."
    mentor.save()
    assert "covoiturag" in MentorProfile.objects.get(pk=mentor.pk).matching_vector["b"]


def test_refresh_matching_gives_rows_made_in_bulk_their_vectors(directory):
    mentor = MentorProfileFactory(headline="Consultante", themes=[], bio="Billettique.")
    MentorProfile.objects.filter(pk=mentor.pk).update(matching_vector={})
    call_command("refresh_matching", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert "billet" in MentorProfile.objects.get(pk=mentor.pk).matching_vector["b"]


@pytest.mark.parametrize("path", LABELLED_SETS, ids=lambda path: path.stem)
def test_matching_beats_plain_bm25_on_every_labelled_set(directory, path):
    """The sets' figures are printed by `make eval-matching`; here, matching must never fall below the
    well-kept baseline, nor offer a mentor who cannot take a request."""
    results, _challenges, _mentors = evaluation.run(path)
    matching, bm25 = results["matching"], results["BM25"]
    assert matching.ndcg_at_5 > bm25.ndcg_at_5
    assert matching.recall_at_10 >= bm25.recall_at_10
    assert matching.unavailable_offered == 0
    assert json.loads(path.read_text(encoding="utf-8"))["about"]
