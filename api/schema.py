"""How the OpenAPI schema describes the API's authentication (drf-spectacular extensions; loaded by api.apps)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class AppTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.AppTokenAuthentication"
    name = "appToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "X-Session-Token",
            "description": "The app token allauth's headless API returns at sign-in (after the second factor for staff).",
        }
