from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from newsroom import views
from newsroom.api import docs as api_docs
from newsroom.api.endpoints import api
from newsroom.security import two_factor
from newsroom.staff import new_member

admin.site.site_header = f"{settings.NEWSROOM_SITE_NAME} newsroom"
admin.site.site_title = "Newsroom"
admin.site.index_title = "Today's desk"
# The change list and the article form need the full width more than a second menu.
admin.site.enable_nav_sidebar = False
admin.site.login_form = two_factor.AdminLoginForm

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path(
        "admin/two-step/",
        admin.site.admin_view(two_factor.setup_view, cacheable=False),
        {"admin_site": admin.site},
        name="two_factor",
    ),
    path(
        "admin/new-staff-member/",
        admin.site.admin_view(new_member.new_staff_member),
        name="new_staff_member",
    ),
    path("admin/", admin.site.urls),
    path("api/v1/docs", api_docs.docs, name="api_docs"),
    path("api/v1/", api.urls),
    path("account/", include("newsroom.readers.urls")),
    path("comments/", include("comments.urls")),
    path("newsletter/", include("newsroom.newsletter.urls")),
    path("readership/", include("newsroom.readership.urls")),
    path("support/", include("newsroom.support.urls")),
    path("", include("articles.urls")),
    # After articles': pages deeper than a story's address (newsroom/pages/urls.py).
    path("", include("newsroom.pages.urls")),
]

if settings.NEWSROOM_SERVE_MEDIA:
    urlpatterns.insert(
        0, re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", views.media, name="media")
    )

handler500 = "newsroom.security.faults.server_error"
