from django.urls import path

from portal.pilotage import views

app_name = "pilotage"

urlpatterns = [
    path("", views.figures_page, name="figures"),
    path("datapackage.json", views.datapackage_json, name="datapackage"),
    path("<slug:name>.csv", views.table_csv, name="table-csv"),
    path("<slug:name>.json", views.table_json, name="table-json"),
]
