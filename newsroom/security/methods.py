"""HTTP methods: TRACE refused, OPTIONS answered with the methods the address takes.

Class-based views answer both themselves (Django's View: OPTIONS 200 with `Allow` and no body,
TRACE 405). Function views would run for either as for a GET: here they answer as View does,
with the methods they declare (require_http_methods and its kin); a view that declares none
takes GET, HEAD and POST, as it would run for any of them.
"""

from django.http import HttpResponse, HttpResponseNotAllowed

UNDECLARED = ["GET", "HEAD", "POST"]


def allowed_methods(view):
    """The methods a function view takes, from its method decorator."""
    while view is not None:
        code = getattr(view, "__code__", None)
        if code is not None and "request_method_list" in code.co_freevars:
            cell = view.__closure__[code.co_freevars.index("request_method_list")]
            return list(cell.cell_contents)
        view = getattr(view, "__wrapped__", None)
    return UNDECLARED


class MethodsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method not in ("OPTIONS", "TRACE") or hasattr(view_func, "view_class"):
            return None
        methods = [*allowed_methods(view_func), "OPTIONS"]
        if request.method == "TRACE":
            return HttpResponseNotAllowed(methods)
        response = HttpResponse()
        response.headers["Allow"] = ", ".join(methods)
        response.headers["Content-Length"] = "0"
        return response
