"""Adds the demo mentors to `load_demo`. Idempotent by contact email."""

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import slugify

from portal.home.models import CharterPage
from portal.mentors.demo_content import MENTORS
from portal.mentors.models import MentorProfile
from portal.taxonomy.models import ActorType, Language, MentoringModel, Theme


def demo_email(full_name):
    return f"{slugify(full_name).replace('-', '.')}@example.org"


def load_mentors(report):
    charter = CharterPage.current()
    actor_types = {actor_type.code: actor_type for actor_type in ActorType.objects.all()}
    models = {model.code: model for model in MentoringModel.objects.all()}
    languages = {language.code: language for language in Language.objects.all()}
    for row in MENTORS:
        (name, actor_type, organisation, headline, bio, themes, model_codes, language_codes, region, meeting_mode,
         capacity, accepting, status, offers_group) = row  # fmt: skip
        email = demo_email(name)
        if MentorProfile.objects.filter(contact_email=email).exists():
            report.kept.append(name)
            continue
        user = get_user_model().objects.create_user(username=email, email=email, password=None)
        mentor = MentorProfile.objects.create(
            user=user,
            full_name=name,
            actor_type=actor_types[actor_type],
            organisation=organisation,
            headline=headline,
            bio=bio,
            region=region,
            meeting_mode=meeting_mode,
            capacity=capacity,
            accepting_requests=accepting,
            offers_group=offers_group,
            status=status,
            contact_email=email,
            email_confirmed_at=timezone.now(),
            charter_version=charter.version if charter else "",
            charter_accepted_at=timezone.now() if charter else None,
        )
        mentor.themes.set(Theme.objects.for_names(themes))
        mentor.mentoring_models.set([models[code] for code in model_codes])
        mentor.languages.set([languages[code] for code in language_codes])
        report.created.append(name)
