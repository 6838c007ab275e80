from django.urls import path

from comments import views

app_name = "comments"

urlpatterns = [
    path("post/", views.post, name="post"),
]
