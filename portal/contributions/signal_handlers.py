from wagtail.signals import page_published


def thank_proposers_on_publish(sender, instance, **kwargs):
    from portal.contributions.proposals import thank_proposers

    thank_proposers(instance)


def register_signal_handlers():
    from portal.challenges.models import ChallengePage

    page_published.connect(thank_proposers_on_publish, sender=ChallengePage, dispatch_uid="thank-proposers")
