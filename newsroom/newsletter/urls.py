from django.conf import settings
from django.urls import include, path

from newsroom.newsletter import views

app_name = "newsletter"

urlpatterns = [
    path("", views.signup, name="signup"),
    path("subscribe/", views.subscribe, name="subscribe"),
    path("check-your-inbox/", views.check_inbox, name="check_inbox"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]

if settings.NEWSROOM_ANYMAIL_ESP:
    # The email service reports bounces and complaints here (see the README).
    urlpatterns.append(path("esp/", include("anymail.urls")))
