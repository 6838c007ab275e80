from django.urls import re_path

from newsroom.pages import views

app_name = "pages"

# Pages one or two levels deep (/about/, /about/masthead/) have the address of a section or a
# story: articles' views hand them over when there is none (articles.extensions.other_pages).
# Deeper ones come here, after articles' addresses (newsroom/urls.py).
urlpatterns = [re_path(r"^(?P<path>[-\w]+(?:/[-\w]+)*)/$", views.page, name="page")]
