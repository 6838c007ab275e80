from django.urls import path

from articles import views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("tag/<str:slug>/", views.tag, name="tag"),
    path("author/<slug:slug>/", views.author, name="author"),
    path("<int:year>/", views.archive, name="archive_year"),
    path("<int:year>/<int:month>/", views.archive, name="archive_month"),
    path("<int:year>/<int:month>/<int:day>/", views.archive, name="archive_day"),
    path("<slug:slug>/", views.section, name="section"),
    path("<slug:section>/<str:slug>/", views.detail, name="detail"),
]
