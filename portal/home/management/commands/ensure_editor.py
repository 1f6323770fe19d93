import os

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Create the editor account named by DJANGO_SUPERUSER_USERNAME / _PASSWORD / _EMAIL if it does not "
        "exist yet; without those variables, explain how to get an editor account."
    )

    def handle(self, *args, **options):
        username = os.environ.get("DJANGO_SUPERUSER_USERNAME", "").strip()
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD", "")
        email = os.environ.get("DJANGO_SUPERUSER_EMAIL", "").strip()
        User = get_user_model()
        if not username or not password:
            if not User.objects.filter(is_superuser=True).exists():
                self.stdout.write(
                    "No editor account yet. To edit the site at /admin/, run `make superuser`, or set "
                    "DJANGO_SUPERUSER_USERNAME, DJANGO_SUPERUSER_PASSWORD (and DJANGO_SUPERUSER_EMAIL) "
                    "before `make run`."
                )
            return
        if User.objects.filter(username=username).exists():
            self.stdout.write(f"Editor account “{username}” already exists.")
            return
        user = User(username=username, email=email)
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError("DJANGO_SUPERUSER_PASSWORD is too weak: " + " ".join(error.messages)) from error
        User.objects.create_superuser(username=username, email=email, password=password)
        self.stdout.write(self.style.SUCCESS(f"Editor account “{username}” created: log in at /admin/."))
