"""`manage.py import_mentors FILE.csv`: valid rows, invalid rows, re-import, bad files."""

from io import StringIO

from django.core.management import CommandError, call_command

import pytest

from portal.mentors.models import MentorProfile

pytestmark = pytest.mark.django_db

HEADER = "full_name,email,organization,actor_type,headline,bio,expertise,models,languages,region,capacity,accepting"


def run_import(tmp_path, text, *args):
    path = tmp_path / "mentors.csv"
    path.write_text(text, encoding="utf-8")
    out, err = StringIO(), StringIO()
    call_command("import_mentors", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_valid_rows_are_imported_and_published(tmp_path, directory):
    out, _err = run_import(
        tmp_path,
        f"{HEADER}\n"
        "Claire Morvan,Claire@Example.org,Métropole,collectivite,DSI,Open data depuis 2015,open data;vélo,"
        "peer-to-peer;agility,fr;en,Bretagne,3,oui\n"
        'Julien Ferrand,julien@example.org,,industrie,Open source,"Navitia, licences",'
        "open source,,,ile-de-france,,non\n",
    )
    assert "2 créés, 0 mis à jour, 0 ignorés." in out
    claire = MentorProfile.objects.get(contact_email="claire@example.org")
    assert claire.status == "published" and claire.capacity == 3 and claire.accepting_requests
    assert sorted(theme.name for theme in claire.themes.all()) == ["open data", "vélo"]
    assert [m.code for m in claire.mentoring_models.all()] == ["peer-to-peer", "agility"]
    assert [lang.code for lang in claire.languages.all()] == ["fr", "en"]
    assert claire.charter_version == "2026-1"
    julien = MentorProfile.objects.get(contact_email="julien@example.org")
    assert not julien.accepting_requests and julien.region == "ile-de-france"
    assert [lang.code for lang in julien.languages.all()] == ["fr"]


def test_an_invalid_row_is_reported_with_its_line_and_reason_and_the_rest_imports(tmp_path, directory):
    out, err = run_import(
        tmp_path,
        f"{HEADER}\n"
        "Claire Morvan,claire@example.org,,collectivite,DSI,Bio,,,,bretagne,,oui\n"
        "Mauvaise Ligne,pas-une-adresse,,martien,Titre,Bio,,coaching,fr,mars,99,peut-être\n"
        "Julien Ferrand,julien@example.org,,industrie,Open source,Bio,,,,corse,,\n",
    )
    assert "2 créés, 0 mis à jour, 1 ignorés." in out
    assert "Ligne 3 ignorée" in err
    for reason in [
        "Saisissez une adresse e-mail valide",
        "type d’acteur inconnu «\u202fmartien\u202f»",
        "modèle de mentorat inconnu «\u202fcoaching\u202f»",
        "région inconnue «\u202fmars\u202f»",
        "inférieure ou égale à 20",
        "«\u202fpeut-être\u202f» n’est ni oui ni non",
    ]:
        assert reason in err
    assert MentorProfile.objects.count() == 2


def test_reimport_updates_by_email_and_never_duplicates(tmp_path, directory):
    run_import(
        tmp_path, f"{HEADER}\nClaire Morvan,claire@example.org,,collectivite,DSI,Bio,open data,,,bretagne,2,oui\n"
    )
    out, _err = run_import(
        tmp_path, f"{HEADER}\nClaire Morvan,CLAIRE@example.org,Région,collectivite,Directrice,Bio,vélo,,,corse,4,non\n"
    )
    assert "0 créés, 1 mis à jour, 0 ignorés." in out
    claire = MentorProfile.objects.get()
    assert (claire.headline, claire.region, claire.capacity, claire.accepting_requests) == (
        "Directrice",
        "corse",
        4,
        False,
    )
    assert [theme.name for theme in claire.themes.all()] == ["vélo"]


def test_pending_option_leaves_new_profiles_awaiting_approval(tmp_path, directory):
    run_import(tmp_path, f"{HEADER}\nClaire,claire@example.org,,ecole,Prof,Bio,,,,bretagne,,\n", "--pending")
    assert MentorProfile.objects.get().status == "pending"


def test_unknown_columns_are_ignored_with_one_warning(tmp_path, directory):
    _out, err = run_import(
        tmp_path,
        "couleur,full_name,email,actor_type,headline,bio,region,pointure\n"
        "bleu,Claire,claire@example.org,ecole,Prof,Bio,bretagne,38\n"
        "vert,Paul,paul@example.org,ecole,Prof,Bio,bretagne,42\n",
    )
    assert err.count("Colonnes inconnues ignorées\u00a0: couleur, pointure") == 1
    assert MentorProfile.objects.count() == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("nom,adresse\nClaire,claire@example.org\n", "Colonnes obligatoires manquantes\u00a0: full_name, email"),
        ("", "Colonnes obligatoires manquantes"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "n’est pas un texte encodé en UTF-8"),
        (b"full_name,email\n\xff\xfe\x00", "n’est pas un texte encodé en UTF-8"),
    ],
)
def test_a_file_that_is_not_a_mentor_csv_stops_and_changes_nothing(tmp_path, directory, content, message):
    path = tmp_path / "mentors.csv"
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    with pytest.raises(CommandError, match=message):
        call_command("import_mentors", str(path), stdout=StringIO(), stderr=StringIO())
    assert not MentorProfile.objects.exists()


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Impossible de lire"):
        call_command("import_mentors", str(tmp_path / "absent.csv"))


def test_large_files_show_progress(tmp_path, directory):
    rows = "".join(f"Mentor {n},m{n}@example.org,,ecole,Prof,Bio,,,,bretagne,,\n" for n in range(250))
    out, err = run_import(tmp_path, HEADER + "\n" + rows)
    assert "250 créés" in out
    assert "100 % (250/250)" in err
