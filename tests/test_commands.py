"""`ensure_editor`, run by `make run`: an editor account from the environment, or how to get one."""

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

import pytest

pytestmark = pytest.mark.django_db


def test_without_variables_it_explains_how_to_get_an_editor_account(monkeypatch, capsys):
    monkeypatch.delenv("DJANGO_SUPERUSER_USERNAME", raising=False)
    call_command("ensure_editor")
    assert "make superuser" in capsys.readouterr().out
    assert not get_user_model().objects.exists()


def test_it_creates_the_editor_once(monkeypatch, capsys):
    monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", "editrice")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "une phrase de passe assez longue")
    monkeypatch.setenv("DJANGO_SUPERUSER_EMAIL", "editrice@example.org")
    call_command("ensure_editor")
    call_command("ensure_editor")
    user = get_user_model().objects.get()
    assert user.is_superuser and user.email == "editrice@example.org"
    assert user.check_password("une phrase de passe assez longue")
    assert "already exists" in capsys.readouterr().out


def test_a_weak_password_is_refused(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", "editrice")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "1234")
    with pytest.raises(CommandError, match="too weak"):
        call_command("ensure_editor")
    assert not get_user_model().objects.exists()
