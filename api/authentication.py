"""Mobile clients authenticate with allauth's headless app token in `X-Session-Token`."""

from allauth.headless.contrib.rest_framework.authentication import XSessionTokenAuthentication


class AppTokenAuthentication(XSessionTokenAuthentication):
    """allauth's DRF class, naming its scheme so that a request without credentials is a 401 (with
    `WWW-Authenticate`), not a 403: the client must sign in, not ask for more rights."""

    def authenticate_header(self, request) -> str:
        return 'X-Session-Token realm="api"'
