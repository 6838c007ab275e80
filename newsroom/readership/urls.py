from django.urls import path

from newsroom.readership import views

app_name = "readership"

urlpatterns = [
    path("", views.privacy, name="privacy"),
    path("hit", views.hit, name="hit"),
]
