from django import forms

from newsroom.newsletter import lists


class ListsField(forms.ModelMultipleChoiceField):
    """The newsletters offered, as checkboxes naming each and saying what it brings."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(queryset=lists.offered(), to_field_name="slug", **kwargs)

    def label_from_instance(self, newsletter):
        if newsletter.description:
            return f"{newsletter.name}: {newsletter.description}"
        return newsletter.name


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
    # The small forms under stories carry no choice: they sign up for the daily newsletter.
    lists = ListsField(label="Newsletters", required=False)
    # Left empty by people; filled in by the robots that fill in every field.
    website = forms.CharField(required=False, label="Leave this empty")
    page = forms.CharField(required=False, widget=forms.HiddenInput, max_length=500)

    def is_robot(self):
        return bool(self.cleaned_data.get("website"))
