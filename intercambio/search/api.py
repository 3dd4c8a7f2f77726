"""GET /api/v1/search?q=…&type=…&page=… — the search page's results as JSON."""

from django.http import HttpRequest
from ninja import Router, Schema

from intercambio.common.i18n import current_language
from intercambio.search import queries
from intercambio.search.views import read_search

router = Router(tags=["search"])


class SearchResultOut(Schema):
    type: str
    id: int
    title: str
    url: str
    language: str
    snippet: str
    score: float


class SearchOut(Schema):
    count: int
    results: list[SearchResultOut]
    facets: dict[str, dict[str, int]]
    suggestion: str


@router.get("/search", response=SearchOut, summary="Search practices, documents and the network")
def search(request: HttpRequest, q: str = "", type: str = "", page: int = 1) -> dict:
    """Every public record matching `q` in any of the three languages, best first (10 a page,
    at most 50 pages). `snippet` is HTML with <mark> around the matched words."""
    text, filters, page_number = read_search(request)
    if not text:
        return {"count": 0, "results": [], "facets": {}, "suggestion": ""}
    language = current_language()
    found = queries.search(text=text, filters=filters, language=language, page=page_number)
    return {
        "count": found.count,
        "results": [
            {"type": r.kind, "id": r.record_id, "title": r.title,
             "url": request.build_absolute_uri(f"/{language}{r.url}"), "language": r.language,
             "snippet": r.snippet, "score": r.score}
            for r in found.results
        ],
        "facets": found.facets,
        "suggestion": found.suggestion,
    }  # fmt: skip
