from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from articles.search import has_searchable_words, run_search, through_the_index, with_highlights

RESULTS_PER_PAGE = 20


@require_safe
def search(request):
    form, outcome, articles = run_search(request.GET)
    page = None
    if articles is not None:
        outcome.no_searchable_words = not has_searchable_words(outcome.query)
        if outcome.no_searchable_words:
            articles = articles.none()
        articles = with_highlights(articles.for_listing(), outcome.query)
        paginator = Paginator(articles, RESULTS_PER_PAGE)
        with through_the_index():
            page = paginator.get_page(request.GET.get("page"))
            page.object_list = list(page.object_list)
    return render(
        request,
        "articles/search.html",
        {"form": form, "outcome": outcome, "page": page, "search_query": outcome.typed},
    )
