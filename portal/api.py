"""The portal's JSON API, version 1, with its OpenAPI schema at /api/v1/docs."""

from django.utils.translation import gettext as _

from ninja import NinjaAPI
from ninja.errors import ValidationError

from portal.mentors.api import router as mentors_router

api = NinjaAPI(
    title="Mentorat FabMob",
    version="1",
    description="Public data of the FabMob mentoring portal. Personal data (emails, requests) is never exposed.",
    urls_namespace="api-v1",
)
api.add_router("/mentors/", mentors_router)


@api.exception_handler(ValidationError)
def invalid_parameters(request, error):
    return api.create_response(request, {"detail": _("Invalid parameters."), "errors": error.errors}, status=422)
