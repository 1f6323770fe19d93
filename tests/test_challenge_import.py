"""`manage.py import_challenges FILE.csv`: published under the index, idempotent by title."""

from io import StringIO

from django.core.management import CommandError, call_command

import pytest

from portal.challenges.models import ChallengePage

pytestmark = pytest.mark.django_db


def run_import(tmp_path, text):
    path = tmp_path / "defis.csv"
    path.write_text(text, encoding="utf-8")
    out, err = StringIO(), StringIO()
    call_command("import_challenges", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_challenges_are_imported_published_and_reimported_by_title(tmp_path, challenge_index, client):
    csv = (
        "models,title,summary,body,tags,actor_types,couleur\n"
        "peer-to-peer;agility,Lancer le covoiturage rural,Entre pairs,"
        '"Premier paragraphe.\n\nSecond.",covoiturage;mobilité rurale,collectivite,bleu\n'
        "culture-shift,Mauvais défi,,,,martiens,\n"
    )
    out, err = run_import(tmp_path, csv)
    assert "1 créés, 0 mis à jour, 1 ignorés." in out
    assert "Ligne 5 ignorée" in err and "type d’acteur inconnu «\u202fmartiens\u202f»" in err
    assert "Colonnes inconnues ignorées\u00a0: couleur" in err
    challenge = ChallengePage.objects.get()
    assert challenge.live and challenge.get_parent().pk == challenge_index.pk
    assert sorted(t.name for t in challenge.themes.all()) == ["covoiturage", "mobilité rurale"]
    assert [m.code for m in challenge.recommended_models.all()] == ["peer-to-peer", "agility"]
    assert "<p>Second.</p>" in str(challenge.body)
    assert "Lancer le covoiturage rural" in client.get("/search/", {"q": "covoiturage"}).content.decode()

    out, _err = run_import(tmp_path, "title,summary\nLANCER LE COVOITURAGE RURAL,Nouveau résumé\n")
    assert "0 créés, 1 mis à jour, 0 ignorés." in out
    assert ChallengePage.objects.get().summary == "Nouveau résumé"


def test_a_file_without_a_title_column_changes_nothing(tmp_path, challenge_index):
    with pytest.raises(CommandError, match="Colonnes obligatoires manquantes\u00a0: title"):
        run_import(tmp_path, "summary,body\nUn résumé,Un corps\n")
    assert not ChallengePage.objects.exists()
