from django.urls import path

from portal.mentorships import views

app_name = "mentorships"

urlpatterns = [
    path("envoyee/", views.request_sent, name="sent"),
    path("retrouver/", views.find_requests, name="find"),
    path("mes-demandes/<str:token>/", views.my_requests, name="mine"),
    path("reponse/<str:token>/", views.answer, name="answer"),
    path("suivi/<str:token>/", views.follow, name="follow"),
    path("avis/<str:token>/", views.feedback, name="feedback"),
    path("<int:pk>/action/", views.mentor_action, name="mentor-action"),
]
