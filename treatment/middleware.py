from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from accounts.middleware import is_api_request
from accounts.models import Role
from treatment import selectors


class ConsentRequiredMiddleware:
    """Sends a signed-in patient to /consent/ until they have signed their clinic's current consent.

    Publishing a new version therefore asks every patient to sign again, on their next page. The consent page,
    signing out and allauth's account and two-factor pages stay open; staff are never redirected, and a clinic that
    has published no consent redirects nobody.

    Cost: one query per request of a signed-in patient (`selectors.consent_needed`, a single indexed EXISTS); none
    for staff and visitors. It runs in `process_view`, after URL resolution, so exempt pages are known by their view
    rather than by a list of paths.
    """

    # A patient's right to their own record does not wait for a signature: these pages stay open too.
    open_view_names = frozenset({"consent", "my_data", "my_data_sessions", "my_data_surveys", "my_record_access"})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.role != Role.PATIENT:
            return None
        if request.resolver_match.view_name in self.open_view_names or _is_allauth(view_func):
            return None
        if is_api_request(request):
            return None
        if not selectors.consent_needed(user):
            return None
        url = reverse("consent")
        if request.method == "GET":
            url = f"{url}?{urlencode({'next': request.get_full_path()})}"
        return redirect(url)


def _is_allauth(view_func) -> bool:
    # Sign-in and sign-out, password, email addresses, two-factor authentication and sessions: allauth's pages.
    return (getattr(view_func, "__module__", "") or "").startswith("allauth.")
