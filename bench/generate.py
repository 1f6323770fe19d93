"""Fills a throw-away database with N mentors and M challenges of plausible French text and themes,
then builds the search index once (indexing on each save is switched off while generating).

    DJANGO_SETTINGS_MODULE=portal.settings.bench python -m bench.generate --mentors 10000 --challenges 1000
"""

import argparse
import random
import time

import django


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mentors", type=int, default=10_000)
    parser.add_argument("--challenges", type=int, default=1_000)
    args = parser.parse_args()
    django.setup()
    generate(args.mentors, args.challenges)


WORDS = {
    "sujets": [
        "données ouvertes", "logiciel libre", "billettique", "covoiturage", "vélo partagé", "transport à la demande",
        "mobilité rurale", "information voyageur", "culture client", "gouvernance des communs", "MaaS",
        "autopartage", "logistique urbaine", "sécurité routière", "accessibilité", "électromobilité",
        "intermodalité", "tarification sociale", "stationnement", "plan de mobilité employeur",
    ],
    "actions": [
        "publier", "mutualiser", "ouvrir", "concevoir", "déployer", "financer", "évaluer", "animer",
        "documenter", "maintenir", "mesurer", "accompagner",
    ],
    "contextes": [
        "dans une métropole", "en zone rurale", "entre plusieurs collectivités", "avec des startups",
        "dans un grand groupe industriel", "avec un laboratoire de recherche", "dans une école d'ingénieurs",
        "avec les usagers", "à l'échelle régionale", "avec des associations",
    ],
    "villes": ["Lyon", "Rennes", "Toulouse", "Lille", "Nantes", "Grenoble", "Bordeaux", "Strasbourg", "Dijon", "Brest"],
    "prenoms": ["Claire", "Marc", "Nora", "Paul", "Inès", "Hugo", "Léa", "Karim", "Julie", "Théo", "Sarah", "Yann"],
    "noms": ["Martin", "Bernard", "Dubois", "Morel", "Laurent", "Simon", "Michel", "Garcia", "Roux", "Fontaine"],
}  # fmt: skip


def sentence(rng):
    return (
        f"{rng.choice(WORDS['actions']).capitalize()} {rng.choice(WORDS['sujets'])} "
        f"{rng.choice(WORDS['contextes'])}, comme à {rng.choice(WORDS['villes'])}."
    )


def generate(mentor_count, challenge_count):
    from django.db import transaction
    from django.db.models.signals import post_delete, post_save
    from django.utils import timezone
    from django.utils.text import slugify

    from modelsearch.signal_handlers import post_delete_signal_handler, post_save_signal_handler
    from wagtail.search.index import get_indexed_models

    from portal.challenges.models import ChallengeIndexPage, ChallengePage, ChallengeTheme
    from portal.home.models import CharterPage
    from portal.mentors.models import MentorProfile, MentorTheme
    from portal.mentors.refresh import refresh_matching
    from portal.taxonomy.models import ActorType, Language, MentoringModel, Region, Theme

    rng = random.Random(2026)
    started = time.monotonic()
    for model in get_indexed_models():
        post_save.disconnect(post_save_signal_handler, sender=model)
        post_delete.disconnect(post_delete_signal_handler, sender=model)

    themes = Theme.objects.for_names(WORDS["sujets"])
    actor_types = list(ActorType.objects.all())
    models = list(MentoringModel.objects.all())
    french = Language.objects.get(code="fr")
    regions = [code for code, _label in Region.choices]
    charter = CharterPage.current()
    with transaction.atomic():
        mentors = []
        for number in range(mentor_count):
            name = f"{rng.choice(WORDS['prenoms'])} {rng.choice(WORDS['noms'])} {number}"
            mentors.append(
                MentorProfile(
                    full_name=name,
                    slug=slugify(name),
                    contact_email=f"bench{number}@example.org",
                    headline=sentence(rng)[:160],
                    organisation=f"Organisation {rng.choice(WORDS['villes'])}",
                    actor_type=rng.choice(actor_types),
                    bio=" ".join(sentence(rng) for _ in range(4)),
                    region=rng.choice(regions),
                    status="published" if rng.random() < 0.9 else "paused",
                    accepting_requests=rng.random() < 0.85,
                    capacity=rng.randint(1, 4),
                    email_confirmed_at=timezone.now(),
                    charter_version=charter.version if charter else "",
                    offers_group=rng.random() < 0.3,
                )
            )
        MentorProfile.objects.bulk_create(mentors, batch_size=500)
        mentors = list(MentorProfile.objects.filter(contact_email__startswith="bench"))
        MentorTheme.objects.bulk_create(
            [MentorTheme(content_object=m, tag=t) for m in mentors for t in rng.sample(themes, 2)], batch_size=1000
        )
        MentorProfile.mentoring_models.through.objects.bulk_create(
            [
                MentorProfile.mentoring_models.through(mentorprofile=m, mentoringmodel=rng.choice(models))
                for m in mentors
            ],
            batch_size=1000,
        )
        MentorProfile.languages.through.objects.bulk_create(
            [MentorProfile.languages.through(mentorprofile=m, language=french) for m in mentors], batch_size=1000
        )
        index = ChallengeIndexPage.objects.get()
        for number in range(challenge_count):
            chosen = rng.sample(themes, 2)
            title = (
                f"Comment {rng.choice(WORDS['actions'])} {chosen[0].name} {rng.choice(WORDS['contextes'])} ? ({number})"
            )
            page = ChallengePage(
                title=title,
                slug=f"defi-bench-{number}",
                summary=sentence(rng),
                body=[("paragraph", "".join(f"<p>{sentence(rng)}</p>" for _ in range(3)))],
                example=f"<p>{sentence(rng)}</p>",
                live=True,
                first_published_at=timezone.now(),
            )
            page.actor_types = rng.sample(actor_types, 2)
            page.recommended_models = [rng.choice(models)]
            index.add_child(instance=page)
            ChallengeTheme.objects.bulk_create([ChallengeTheme(content_object=page, tag=t) for t in chosen])
    generated = time.monotonic() - started
    refresh_matching()  # rows made in bulk have no matching vector yet; indexes everything too
    print(f"generated {mentor_count} mentors and {challenge_count} challenges in {generated:.0f} s, "
          f"indexed in {time.monotonic() - started - generated:.0f} s")  # fmt: skip


if __name__ == "__main__":
    main()
