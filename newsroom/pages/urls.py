from django.urls import path, register_converter

from newsroom.pages import views
from newsroom.pages.addresses import PagePathConverter

register_converter(PagePathConverter, "pagepath")

app_name = "pages"

urlpatterns = [path("<pagepath:path>/", views.page, name="page")]
