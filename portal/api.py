"""The portal's JSON API, version 1, with its OpenAPI schema at /api/v1/docs."""

from django.utils.translation import gettext as _

from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from portal.api_common import MAX_PAGE_SIZE, PAGE_SIZE, field_errors
from portal.challenges.api import router as challenges_router
from portal.mentors.api import matching_router
from portal.mentors.api import router as mentors_router

api = NinjaAPI(
    title="Mentorat FabMob",
    version="1",
    description=(
        "Public data of the FabMob mentoring portal. Personal data (emails, requests) is never exposed. "
        f"Lists are served a page at a time: `?page=` (from 1) and `?page_size=` (1 to {MAX_PAGE_SIZE}, "
        f"{PAGE_SIZE} by default); they answer `count`, `page`, `pages`, `page_size` and `items`. "
        "Invalid parameters answer 422 with messages for each, in the portal's language (French by default)."
    ),
    urls_namespace="api-v1",
)
api.add_router("/mentors/", mentors_router)
api.add_router("/challenges/", challenges_router)
api.add_router("/match/", matching_router)


@api.exception_handler(ValidationError)
def invalid_parameters(request, error):
    return api.create_response(
        request, {"detail": _("Invalid parameters."), "errors": field_errors(error.errors)}, status=422
    )


@api.exception_handler(HttpError)
def http_error(request, error):
    # Ninja raises a 400 HttpError when the body is not JSON; say it in the portal's language.
    detail = _("The request body is not valid JSON.") if error.status_code == 400 else str(error)
    return api.create_response(request, {"detail": detail}, status=error.status_code)
