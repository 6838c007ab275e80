from django import forms

from newsroom.support.models import Period, money

OTHER = "other"


class SupportForm(forms.Form):
    """A gift or a membership: how often, how much (a suggested amount or another)."""

    period = forms.ChoiceField(choices=Period.choices, widget=forms.HiddenInput)
    amount = forms.ChoiceField(
        label="Amount",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose an amount, or type your own."},
    )
    other_amount = forms.DecimalField(
        label="Other amount",
        required=False,
        max_digits=9,
        decimal_places=2,
        error_messages={
            "invalid": "Type the amount as a number, like 15 or 12.50.",
            "max_decimal_places": "Type at most two figures after the decimal point.",
            "max_digits": "That is more than we can take online: please write to us.",
        },
    )
    email = forms.EmailField(
        label="Your email address (optional)",
        required=False,
        error_messages={"invalid": "Check the email address: it should look like you@example.com."},
    )

    def __init__(self, *args, appeal, period, **kwargs):
        super().__init__(*args, **kwargs)
        self.appeal = appeal
        self.suggested = appeal.amounts(period)
        currency = appeal.currency
        self.fields["amount"].choices = [
            (str(amount), money(amount * 100, currency)) for amount in self.suggested
        ] + [(OTHER, "Other amount")]

    def clean(self):
        data = super().clean()
        # An amount typed is the one meant, whichever suggested amount was left chosen.
        if self.data.get("other_amount", "").strip() and "amount" not in self.errors:
            data["amount"] = OTHER
        if not data.get("amount"):
            if "amount" not in self.errors:
                self.add_error("amount", "Choose an amount, or type your own.")
            return data
        if data["amount"] != OTHER:
            return data
        other = data.get("other_amount")
        low, high = self.appeal.minimum_amount, self.appeal.maximum_amount
        currency = self.appeal.currency
        if other is None:
            if "other_amount" not in self.errors:
                self.add_error("other_amount", "Type the amount you would like to give.")
        elif other < low:
            self.add_error(
                "other_amount", f"The smallest amount we can take is {money(low * 100, currency)}."
            )
        elif other > high:
            self.add_error(
                "other_amount",
                f"The largest amount we can take online is {money(high * 100, currency)}: "
                "please write to us for more.",
            )
        return data

    def amount_in_cents(self):
        data = self.cleaned_data
        if data["amount"] == OTHER:
            return int(data["other_amount"] * 100)
        return int(data["amount"]) * 100


class ManageForm(forms.Form):
    email = forms.EmailField(
        label="The email address you support us with",
        error_messages={
            "required": "Type the email address you gave when you paid.",
            "invalid": "Check the email address: it should look like you@example.com.",
        },
    )
