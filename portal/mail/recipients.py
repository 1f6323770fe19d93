"""Who receives the emails meant for the programme team."""

from django.contrib.auth import get_user_model
from django.db.models import Q


def editors_with(codename):
    """Addresses of the active users who hold the permission `codename` (directly, by group, or superusers)."""
    users = get_user_model().objects.filter(
        Q(is_superuser=True) | Q(user_permissions__codename=codename) | Q(groups__permissions__codename=codename),
        is_active=True,
    )
    return sorted({email for email in users.values_list("email", flat=True) if email})
