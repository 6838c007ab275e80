from django import forms


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label="Your email address",
        max_length=254,
        error_messages={
            "required": "Please enter your email address.",
            "invalid": "That doesn't look like an email address. Please check it.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "placeholder": "you@example.com"}),
    )
    # Left empty by people; filled in by the robots that fill in every field.
    website = forms.CharField(required=False, label="Leave this empty")
    page = forms.CharField(required=False, widget=forms.HiddenInput, max_length=500)

    def is_robot(self):
        return bool(self.cleaned_data.get("website"))
