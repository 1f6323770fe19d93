"""WSGI entry point; production settings unless DJANGO_SETTINGS_MODULE says otherwise.

Once the application is loaded (models, URL patterns and every view they import), the objects it made
are frozen out of the garbage collector's reach: they live as long as the process, and a full collection
would otherwise walk all of them in the middle of some visitor's request (100 ms and more were measured at
10,000 mentors). The collector then runs less often, since a request allocates thousands of short-lived
objects that reference counting frees anyway.
"""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

# Allocations before a young collection (Python's default is 700); the older generations keep their ratios.
GC_THRESHOLDS = (50_000, 20, 10)

application = get_wsgi_application()


def freeze_start_up_objects():
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 -- imports every view module now, before the freeze
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


freeze_start_up_objects()
