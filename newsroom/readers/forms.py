from django import forms

from newsroom.newsletter.forms import ListsField
from newsroom.readers.models import Reader


class EmailForm(forms.Form):
    email = forms.EmailField(
        label="Your email address",
        max_length=254,
        error_messages={
            "required": "Please enter your email address.",
            "invalid": "That doesn't look like an email address. Please check it.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput, max_length=500)


class CodeForm(forms.Form):
    code = forms.RegexField(
        label="The code from the email",
        regex=r"^\s*\d{6}\s*$",
        error_messages={
            "required": "Please enter the six digits from the email.",
            "invalid": "The code is six digits, such as 123456.",
        },
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "size": 8}
        ),
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput, max_length=500)


class AccountForm(forms.ModelForm):
    lists = ListsField(
        label="Newsletters",
        required=False,
        help_text="Every newsletter has a link to leave it at the bottom.",
    )

    class Meta:
        model = Reader
        fields = ["name"]
        labels = {"name": "Your name on comments"}
        help_texts = {"name": "Shown with every comment you post. Your email never is."}
