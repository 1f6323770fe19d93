"""Regions are recognised as people write them (issue 13, item 13): codes, French and English names with or
without accents, capitals, hyphens, straight or typographic apostrophes, and the common short forms. One
lookup (portal.taxonomy.models.region_code) serves the mentors' import and the directory's filter."""

from io import StringIO

from django.core.management import call_command

import pytest

from portal.mentors.models import MentorProfile
from portal.taxonomy.models import Region, region_code
from tests.factories import MentorProfileFactory

pytestmark = pytest.mark.django_db

HEADER = "full_name,email,organization,actor_type,headline,bio,expertise,models,languages,region,capacity,accepting"


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("Provence-Alpes-Côte d'Azur", "provence-alpes-cote-d-azur"),
        ("Provence-Alpes-Côte d’Azur", "provence-alpes-cote-d-azur"),
        ("provence alpes cote d'azur", "provence-alpes-cote-d-azur"),
        ("PROVENCE-ALPES-CÔTE-D’AZUR", "provence-alpes-cote-d-azur"),
        ("provence-alpes-cote-d-azur", "provence-alpes-cote-d-azur"),
        ("PACA", "provence-alpes-cote-d-azur"),
        ("Région Sud", "provence-alpes-cote-d-azur"),
        ("IDF", "ile-de-france"),
        ("Île-de-France", "ile-de-france"),
        ("ILE DE FRANCE", "ile-de-france"),
        ("aura", "auvergne-rhone-alpes"),
        ("Auvergne-Rhône-Alpes", "auvergne-rhone-alpes"),
        ("Bretagne", "bretagne"),
        ("Brittany", "bretagne"),
        ("Centre-Val de Loire", "centre-val-de-loire"),
        ("Outre-mer", "outre-mer"),
    ],
)
def test_a_region_is_recognised_however_it_is_written(written, code):
    assert region_code(written) == code


@pytest.mark.parametrize("written", ["", "Atlantide", "Provence", "PA"])
def test_an_unknown_region_is_not_guessed(written):
    assert region_code(written) is None


def run_import(tmp_path, text):
    path = tmp_path / "mentors.csv"
    path.write_text(text, encoding="utf-8")
    out, err = StringIO(), StringIO()
    call_command("import_mentors", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_import_reads_official_names_short_forms_and_apostrophes(tmp_path, directory):
    rows = [
        "Anne,anne@example.org,,collectivite,DSI,Bio,,,,Provence-Alpes-Côte d'Azur,,",
        'Bruno,bruno@example.org,,collectivite,DSI,Bio,,,,"Provence-Alpes-Côte d’Azur",,',
        "Chloé,chloe@example.org,,collectivite,DSI,Bio,,,,PACA,,",
        "David,david@example.org,,collectivite,DSI,Bio,,,,ile de france,,",
        "Emma,emma@example.org,,collectivite,DSI,Bio,,,,AURA,,",
        "Farid,farid@example.org,,collectivite,DSI,Bio,,,,NORMANDIE,,",
    ]
    out, err = run_import(tmp_path, "\n".join([HEADER, *rows]) + "\n")
    assert "6 créés, 0 mis à jour, 0 ignorés." in out and err == ""
    assert dict(MentorProfile.objects.values_list("full_name", "region")) == {
        "Anne": Region.PROVENCE_ALPES_COTE_D_AZUR,
        "Bruno": Region.PROVENCE_ALPES_COTE_D_AZUR,
        "Chloé": Region.PROVENCE_ALPES_COTE_D_AZUR,
        "David": Region.ILE_DE_FRANCE,
        "Emma": Region.AUVERGNE_RHONE_ALPES,
        "Farid": Region.NORMANDIE,
    }


def test_an_unknown_region_is_reported_in_french_with_its_line_as_written(tmp_path, directory):
    out, err = run_import(
        tmp_path,
        f"{HEADER}\nAnne,anne@example.org,,collectivite,DSI,Bio,,,,PACA,,\n"
        "Bruno,bruno@example.org,,collectivite,DSI,Bio,,,,Côte d’Atlantide,,\n",
    )
    assert "1 créés, 0 mis à jour, 1 ignorés." in out
    assert "Ligne 3 ignorée" in err and "région inconnue «\u202fCôte d’Atlantide\u202f»" in err
    assert "provence-alpes-cote-d-azur" in err  # the expected codes are listed
    assert not MentorProfile.objects.filter(full_name="Bruno").exists()


def test_the_directory_filter_reads_a_region_as_people_write_it(client, directory):
    MentorProfileFactory(full_name="Anne Sud", region=Region.PROVENCE_ALPES_COTE_D_AZUR)
    MentorProfileFactory(full_name="Bruno Ouest", region=Region.BRETAGNE)
    for written in ["PACA", "Provence-Alpes-Côte d’Azur", "provence-alpes-cote-d-azur"]:
        html = client.get(directory.url, {"region": written}).content.decode()
        assert "Anne Sud" in html and "Bruno Ouest" not in html, written
    html = client.get(directory.url, {"region": "Atlantide"}).content.decode()
    assert "«\u202fAtlantide\u202f» ne fait pas partie des choix proposés" in html and "Bruno Ouest" in html
