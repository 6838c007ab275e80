from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from newsroom import staff, views

admin.site.site_header = f"{settings.NEWSROOM_SITE_NAME} newsroom"
admin.site.site_title = "Newsroom"
admin.site.index_title = "Today's desk"
# The change list and the article form need the full width more than a second menu.
admin.site.enable_nav_sidebar = False

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path(
        "admin/new-staff-member/",
        admin.site.admin_view(staff.new_staff_member),
        name="new_staff_member",
    ),
    path("admin/", admin.site.urls),
    path("comments/", include("comments.urls")),
    path("", include("articles.urls")),
]

if settings.NEWSROOM_SERVE_MEDIA:
    urlpatterns.insert(
        0, re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", views.media, name="media")
    )
