"""What the page cache tests share: a page as an anonymous visitor gets it, from the cache or rendered afresh."""

from django.test import Client


def cached(url, client=None):
    """The page as an anonymous visitor sees it once it is in the page cache: the first GET renders and stores it,
    the second is served from the cache, the same."""
    client = client or Client()
    first = client.get(url)
    assert (first.status_code, first.get("X-Page-Cache")) == (200, "miss"), url
    second = client.get(url)
    assert second.get("X-Page-Cache") == "hit", url
    assert second.content == first.content
    return second.content.decode()


def fresh(url, client=None):
    """The page as the next anonymous visitor gets it: rendered afresh (and stored again), since what it shows
    changed."""
    response = (client or Client()).get(url)
    assert response.get("X-Page-Cache") == "miss", url
    return response.content.decode()
