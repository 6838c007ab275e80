from django.urls import path

from newsroom.support import views

app_name = "support"

urlpatterns = [
    path("", views.support, name="support"),
    path("thank-you/", views.thanks, name="thanks"),
    path("cancelled/", views.cancelled, name="cancelled"),
    path("manage/", views.manage, name="manage"),
    path("manage/<str:token>/", views.portal, name="portal"),
    path("stripe/webhook/", views.stripe_webhook, name="stripe_webhook"),
]
