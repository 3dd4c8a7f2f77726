"""/api/v1/: django-ninja, one router per app; the schema at /api/v1/openapi.json."""

from ninja import NinjaAPI

from intercambio.search.api import router as search_router

api = NinjaAPI(title="Intercambio", version="1", urls_namespace="api-v1")
api.add_router("", search_router)
