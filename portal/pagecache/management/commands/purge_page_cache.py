from django.core.management.base import BaseCommand

from portal.pagecache import TAGS, purge


class Command(BaseCommand):
    help = (
        "Purge every page from the page cache, and from the CDN or Varnish in front if there is one: after deploying "
        "new templates, restoring a database or changing data without the portal's code (an SQL update)."
    )

    def handle(self, *args, **options):
        purge(*TAGS)
        self.stdout.write("Every page will be rendered afresh.")
