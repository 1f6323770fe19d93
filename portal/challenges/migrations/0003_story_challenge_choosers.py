"""A story's related challenges become ordered links chosen with Wagtail's page chooser (search, published
challenges only) instead of a box per challenge: the choices stored, and those of each story's latest
revision (a draft may be waiting), are carried over."""

import django.db.models.deletion
from django.db import migrations, models

import modelcluster.fields


def to_links(apps, schema_editor):
    StoryPage = apps.get_model("challenges", "StoryPage")
    StoryChallenge = apps.get_model("challenges", "StoryChallenge")
    Revision = apps.get_model("wagtailcore", "Revision")
    for story in StoryPage.objects.all():
        StoryChallenge.objects.bulk_create(
            StoryChallenge(story=story, challenge=challenge, sort_order=order)
            for order, challenge in enumerate(story.related_challenges.order_by("title"))
        )
        revision = Revision.objects.filter(pk=story.latest_revision_id).first()
        if revision is not None and "related_challenges" in revision.content:
            ids = revision.content.pop("related_challenges") or []
            revision.content["challenge_links"] = [
                {"pk": None, "story": story.pk, "challenge": pk, "sort_order": order} for order, pk in enumerate(ids)
            ]
            revision.save(update_fields=["content"])


def to_boxes(apps, schema_editor):
    StoryPage = apps.get_model("challenges", "StoryPage")
    StoryChallenge = apps.get_model("challenges", "StoryChallenge")
    Through = StoryPage.related_challenges.through
    Through.objects.bulk_create(
        Through(storypage_id=link.story_id, challengepage_id=link.challenge_id) for link in StoryChallenge.objects.all()
    )


class Migration(migrations.Migration):
    dependencies = [
        ("challenges", "0002_related_challenges_in_french"),
    ]

    operations = [
        migrations.CreateModel(
            name="StoryChallenge",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                (
                    "challenge",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="story_links",
                        to="challenges.challengepage",
                        verbose_name="challenge",
                    ),
                ),
                (
                    "story",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="challenge_links",
                        to="challenges.storypage",
                    ),
                ),
            ],
            options={
                "verbose_name": "related challenge",
                "verbose_name_plural": "related challenges",
                "ordering": ["sort_order"],
                "abstract": False,
                "constraints": [models.UniqueConstraint(fields=("story", "challenge"), name="story_challenge_once")],
            },
        ),
        migrations.RunPython(to_links, to_boxes),
        migrations.RemoveField(model_name="storypage", name="related_challenges"),
    ]
