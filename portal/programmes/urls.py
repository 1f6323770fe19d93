from django.urls import path

from portal.programmes import mentor_views, pair_views

app_name = "programmes"

urlpatterns = [
    path("promotions/<int:iteration_id>/mentor/", mentor_views.take_part, name="take-part"),
    path("binomes/<str:token>/", pair_views.answer, name="pair-answer"),
]
