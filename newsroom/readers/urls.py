from django.urls import path

from newsroom.readers import views

app_name = "readers"

urlpatterns = [
    path("", views.account, name="account"),
    path("me.json", views.me, name="me"),
    path("sign-in/", views.sign_in, name="sign_in"),
    path("sign-in/code/", views.enter_code, name="enter_code"),
    path("sign-in/link/<str:token>/", views.sign_in_link, name="sign_in_link"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("export/", views.export, name="export"),
    path("erase/", views.erase, name="erase"),
]
