from django.urls import path

from portal.mentors import account_views

app_name = "mentors"

urlpatterns = [
    path("me/", account_views.me, name="me"),
    path("devenir-mentor/", account_views.apply, name="apply"),
    path("devenir-mentor/merci/", account_views.application_sent, name="application-sent"),
    path("confirmer/<str:token>/", account_views.confirm_email, name="confirm-email"),
    path("bienvenue/<uidb64>/<token>/", account_views.InvitationView.as_view(), name="invitation"),
]
