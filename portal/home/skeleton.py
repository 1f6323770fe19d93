"""Creating pages inside data migrations, where models are historical and treebeard's API is absent.

Used by the migrations that build the site skeleton; keep the signature stable.
"""

import django.utils.timezone

STEPLEN = 4
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # django-treebeard's materialised-path alphabet


def child_path(parent_path, position):
    digits = ""
    while True:
        position, remainder = divmod(position, len(ALPHABET))
        digits = ALPHABET[remainder] + digits
        if not position:
            break
    return parent_path + digits.rjust(STEPLEN, "0")


def create_page(apps, model_label, parent, *, title, slug, show_in_menus, **fields):
    app_label, model_name = model_label.split(".")
    model = apps.get_model(app_label, model_name)
    content_type = apps.get_model("contenttypes", "ContentType").objects.get_for_model(model)
    parent.numchild += 1
    page = model.objects.create(
        title=title,
        draft_title=title,
        slug=slug,
        content_type=content_type,
        path=child_path(parent.path, parent.numchild),
        depth=parent.depth + 1,
        numchild=0,
        url_path=f"{parent.url_path}{slug}/",
        locale_id=parent.locale_id,
        live=True,
        show_in_menus=show_in_menus,
        first_published_at=django.utils.timezone.now(),
        last_published_at=django.utils.timezone.now(),
        **fields,
    )
    apps.get_model("wagtailcore", "Page").objects.filter(pk=parent.pk).update(numchild=parent.numchild)
    return page
