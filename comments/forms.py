import time

from django import forms
from django.core import signing

from comments.models import Comment

CONSENT = "wp-comment-cookies-consent"
TOKEN_SALT = "comments.form"
CONTROL_CHARACTERS = {chr(code) for code in range(32)} | {"\x7f"}


# The longest wait the page's script may report, in milliseconds (a day): past that the
# number means nothing to the "too fast" rule.
MAX_ELAPSED_MS = 86_400_000


def form_token(article, now=None, again=False):
    """A signed note of which story the form belongs to and when it was shown.

    `again` marks a form shown back to its sender after a refusal: its time is when the form
    was first shown, and the page's own clock (comment_elapsed) no longer speaks for it."""
    note = {"a": article.pk, "t": int(now or time.time())}
    if again:
        note["r"] = 1
    return signing.dumps(note, salt=TOKEN_SALT)


class CommentForm(forms.Form):
    """WordPress's Leave a Reply form: its field names, labels and messages.

    The inputs carry no maxlength attribute: a browser would cut pasted text silently, where
    a message saying what is too long loses nothing.
    """

    comment = forms.CharField(
        label="Comment",
        max_length=65525,
        widget=forms.Textarea,
        error_messages={
            "required": "Please type your comment text.",
            "max_length": "Your comment is too long (at most %(limit_value)s characters, "
            "it has %(show_value)s).",
        },
    )
    author = forms.CharField(
        label="Name",
        max_length=245,
        error_messages={
            "required": "Please enter your name.",
            "max_length": "Your name is too long (at most %(limit_value)s characters).",
        },
    )
    email = forms.EmailField(
        label="Email",
        max_length=100,
        error_messages={
            "required": "Please enter your email address.",
            "invalid": "Please enter a valid email address.",
            "max_length": "Your email address is too long (at most %(limit_value)s characters).",
        },
    )
    url = forms.URLField(
        label="Website",
        max_length=200,
        required=False,
        assume_scheme="https",
        error_messages={
            "invalid": "Please enter a web address starting with http:// or https://.",
            "max_length": "The web address is too long (at most %(limit_value)s characters).",
        },
    )
    comment_post_ID = forms.IntegerField(widget=forms.HiddenInput)
    comment_parent = forms.IntegerField(widget=forms.HiddenInput, min_value=0, initial=0)
    honeypot = forms.CharField(required=False)
    comment_token = forms.CharField(required=False, widget=forms.HiddenInput)
    # Milliseconds between the page's arrival and the form's sending, written by the page's
    # script (static/js/comments.js): a cached page's token is as old as the page's copy.
    comment_elapsed = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, article, rules, **kwargs):
        super().__init__(*args, **kwargs)
        self.article = article
        self.rules = rules
        self.fields[CONSENT] = forms.BooleanField(
            label="Save my name, email, and website in this browser for the next time I comment.",
            required=False,
        )
        self.parent = None
        self.seconds_to_submit = None
        self.shown_at = None

    def _no_control_characters(self, name, message):
        value = self.cleaned_data[name]
        if any(character in CONTROL_CHARACTERS for character in value):
            raise forms.ValidationError(message)
        return value

    def clean_author(self):
        return self._no_control_characters("author", "Please enter your name on one line.")

    def clean_url(self):
        value = self.cleaned_data["url"]
        if value and not value.lower().startswith(("http://", "https://")):
            raise forms.ValidationError(self.fields["url"].error_messages["invalid"])
        return value

    def clean_comment_parent(self):
        parent_id = self.cleaned_data["comment_parent"] or 0
        if not parent_id:
            return 0
        parent = (
            Comment.objects.approved()
            .filter(pk=parent_id, article_id=self.article.pk)
            .only("pk", "depth", "author_name")
            .first()
        )
        if parent is None:
            raise forms.ValidationError("The comment you are replying to is no longer there.")
        if parent.depth >= self.rules.max_depth:
            raise forms.ValidationError("Replies cannot be nested any deeper here.")
        self.parent = parent
        return parent_id

    def clean_comment_token(self):
        """How long the reader had the form: since the signed time the server shown it, or,
        when the page's script says the page arrived later than that (a copy kept by the
        cache), since the page arrived. Without the script, the signed time alone."""
        try:
            token = signing.loads(self.cleaned_data["comment_token"], salt=TOKEN_SALT)
            if token["a"] == self.article.pk:
                self.shown_at = token["t"]
                self.seconds_to_submit = max(time.time() - token["t"], 0)
                elapsed = self._elapsed_seconds()
                if elapsed is not None and not token.get("r"):
                    self.seconds_to_submit = min(self.seconds_to_submit, elapsed)
        except (signing.BadSignature, KeyError, TypeError):
            pass
        return ""

    def _elapsed_seconds(self):
        # Read from the raw data: clean_comment_token runs before comment_elapsed is cleaned.
        value = str(self.data.get("comment_elapsed", "")).strip()
        if not (value.isascii() and value.isdigit()) or int(value) > MAX_ELAPSED_MS:
            return None
        return int(value) / 1000

    @property
    def error_summary(self):
        """[(id of the box to fix or None, message)]: every message, in the form's order."""
        summary = [(None, message) for message in self.non_field_errors()]
        for name in ("comment", "author", "email", "url"):
            summary += [(name, message) for message in self.errors.get(name, ())]
        summary += [(None, message) for message in self.errors.get("comment_parent", ())]
        return summary

    @property
    def wants_cookies(self):
        return self.cleaned_data.get(CONSENT, False)

    @property
    def consent_field(self):
        return self[CONSENT]
