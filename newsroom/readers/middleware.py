"""A signed-in reader's comment goes out under their account's name and email.

Comments know nothing of accounts (they import no newsroom app): before the comment view
reads its form, the name and email posted are replaced by the account's, whatever the page's
form held (a kept page's form is everyone's, filled by static/js/account.js).
"""

from newsroom.readers.cookies import reader_of


class SignedInCommenterMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST" or request.resolver_match.view_name != "comments:post":
            return None
        reader = reader_of(request)
        if reader is None:
            return None
        posted = request.POST.copy()
        if reader.name:
            posted["author"] = reader.name
        elif posted.get("author", "").strip():
            # The first comment names the account: later ones carry the same name.
            reader.name = posted["author"].strip()[:100]
            reader.save(update_fields=["name"])
        posted["email"] = reader.email
        request.POST = posted
        return None
