"""/api/v1/: the versioned REST API, its OpenAPI schema and its documentation (served by the app: no CDN)."""

from django.conf import settings
from django.urls import include, path, re_path
from django.utils.csp import CSP
from django.views.decorators.csp import csp_override
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from api import views

app_name = "api"

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False


def docs(view):
    """The documentation pages style themselves with inline styles (Swagger UI, Redoc): allowed there, and only
    styles — scripts stay the app's own files."""
    return csp_override({**settings.SECURE_CSP, "style-src": [CSP.SELF, CSP.UNSAFE_INLINE]})(view)


urlpatterns = [
    path("me/", views.MeView.as_view(), name="me"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", docs(SpectacularSwaggerSplitView.as_view(url_name="api:schema")), name="docs"),
    path("redoc/", docs(SpectacularRedocView.as_view(url_name="api:schema")), name="redoc"),
    path("", include(router.urls)),
    re_path(r"^.*$", views.NoSuchEndpoint.as_view(), name="not_found"),
]
