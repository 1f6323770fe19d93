from wagtail.signals import page_published


def story_published(sender, instance, **kwargs):
    from portal.testimonials.stories import announce

    announce(instance)


def register_signal_handlers():
    from portal.challenges.models import StoryPage

    page_published.connect(story_published, sender=StoryPage, dispatch_uid="testimonials.story_published")
