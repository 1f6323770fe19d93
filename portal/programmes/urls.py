from django.urls import path

from portal.programmes import circle_views, follow_up_views, mentor_views, pair_views

app_name = "programmes"

urlpatterns = [
    path("promotions/<int:iteration_id>/mentor/", mentor_views.take_part, name="take-part"),
    path("binomes/<str:token>/", pair_views.answer, name="pair-answer"),
    path("cercles/calendrier/<str:token>/", circle_views.calendar, name="circle-calendar"),
    path("cercles/quitter/<str:token>/", circle_views.leave, name="circle-leave"),
    path("point-d-etape/<str:token>/", follow_up_views.check_in, name="check-in"),
    path("bilan/<str:token>/", follow_up_views.feedback, name="feedback"),
]
