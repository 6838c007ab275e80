from django.urls import path, register_converter

from articles import preview, views


class UnicodeSlugConverter:
    """Slugs as the models allow them (letters of any script), and nothing a database refuses."""

    regex = r"[-\w]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(UnicodeSlugConverter, "uslug")

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("tag/<uslug:slug>/", views.tag, name="tag"),
    path("author/<slug:slug>/", views.author, name="author"),
    path("preview/<int:pk>/", preview.preview, name="preview"),
    path("preview/shared/<str:token>/", preview.shared_preview, name="shared_preview"),
    path("<int:year>/", views.archive, name="archive_year"),
    path("<int:year>/<int:month>/", views.archive, name="archive_month"),
    path("<int:year>/<int:month>/<int:day>/", views.archive, name="archive_day"),
    path("<slug:slug>/", views.section, name="section"),
    path("<slug:section>/<uslug:slug>/", views.detail, name="detail"),
]
