"""Published mentors' profiles in /sitemap.xml, beside Wagtail's pages (portal/urls.py joins them)."""

from wagtail.contrib.sitemaps import Sitemap

from portal.mentors.models import MentorIndexPage, MentorProfile


class MentorProfileSitemap(Sitemap):
    """Published profiles only, under the directory page while it is itself public; `lastmod` is the
    profile's last update."""

    def directory(self):
        if not hasattr(self, "_directory"):
            self._directory = MentorIndexPage.objects.live().public().in_default_locale().first()
        return self._directory

    def items(self):
        if self.directory() is None:
            return MentorProfile.objects.none()
        return MentorProfile.objects.public().order_by("pk").only("slug", "updated_at")

    def _urls(self, page, protocol, domain):
        directory = self.directory()
        if directory is None:
            return []
        root = directory.get_full_url(self.request)
        urls = [
            {
                "item": mentor,
                "location": root + directory.reverse_subpage("profile", args=[mentor.slug]),
                "lastmod": mentor.updated_at,
            }
            for mentor in self.paginator.page(page).object_list
        ]
        if urls:
            self.latest_lastmod = max(url["lastmod"] for url in urls)
        return urls
