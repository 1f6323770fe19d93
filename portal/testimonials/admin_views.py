"""« Témoignages à publier »: the programme team reads the testimonials and turns one into a draft story
(stories.py holds the rules). Opening the conversion shows what the draft will say and changes nothing; the
button sends it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from portal.testimonials import stories

VIEW_PERMISSION = "testimonials.view_storysource"
CONVERT_PERMISSION = "testimonials.add_storysource"


def story_editor(story):
    return redirect(reverse("wagtailadmin_pages:edit", args=[story.pk]))


class TestimonialsView(View):
    """Every testimonial: those to convert, then those already drafted or published."""

    def get(self, request):
        if not request.user.has_perm(VIEW_PERMISSION):
            raise PermissionDenied
        found = stories.testimonials()
        context = {
            "to_convert": [testimonial for testimonial in found if testimonial.story is None],
            "converted": [testimonial for testimonial in found if testimonial.story is not None],
            "can_convert": request.user.has_perm(CONVERT_PERMISSION),
        }
        return TemplateResponse(request, "testimonials/admin/index.html", context)


class ConvertView(View):
    """GET: what the draft story will say, and the button; POST: create it (or open the one it already became)."""

    def dispatch(self, request, kind, pk):
        if not request.user.has_perm(CONVERT_PERMISSION):
            raise PermissionDenied
        if kind not in stories.KINDS:
            raise Http404(_("No such testimonial."))
        return super().dispatch(request, kind, pk)

    def get(self, request, kind, pk):
        story = stories.existing_story(kind, pk)
        if story is not None:
            messages.info(request, _("This testimonial already has its story: here it is."))
            return story_editor(story)
        testimonial = stories.find(kind, pk)
        if testimonial is None:
            messages.error(request, _("This mentorship is not a testimonial to publish."))
            return redirect("testimonials_index")
        context = {"testimonial": testimonial, "story": stories.story_fields(testimonial)}
        return TemplateResponse(request, "testimonials/admin/convert.html", context)

    def post(self, request, kind, pk):
        try:
            story, created = stories.convert(kind, pk, request.user)
        except stories.TestimonialError as error:
            messages.error(request, str(error))
            return redirect("testimonials_index")
        if created:
            messages.success(
                request, _("Draft story created: review it, then publish it. Both people are told once it is online.")
            )
        else:
            messages.info(request, _("This testimonial already has its story: here it is."))
        return story_editor(story)
