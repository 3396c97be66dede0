from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse

from accounts import sessions

API_PREFIX = "/api/"


def is_api_request(request) -> bool:
    """A request to the REST API (api/urls.py under /api/): it answers for itself in JSON — 401 for no or an
    expired sign-in, 403 for staff without two-factor authentication (api.permissions), its pre-dose gate for a
    patient without consent — so the pages' redirects to sign-in, set-up or consent pages never apply to it."""
    return request.path_info.startswith(API_PREFIX)


class SessionLifetimeMiddleware:
    """Ends a session that has been idle too long or has lived too long (limits in accounts.sessions)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            reason = sessions.expired_reason(request)
            if reason:
                logout(request)
                if is_api_request(request):
                    # The API answers for itself: the request goes on signed out and gets its 401.
                    return self.get_response(request)
                next_url = request.get_full_path() if request.method == "GET" else None
                messages.info(request, reason)
                return redirect_to_login(next_url) if next_url else redirect(settings.LOGIN_URL)
        return self.get_response(request)


class StaffMFARequiredMiddleware:
    """Physicians, clinic admins and operators reach nothing but the set-up page until they have a TOTP device."""

    # Pages a signed-in person without an authenticator still needs: the set-up itself (which asks to
    # reauthenticate), the recovery codes it shows next, and signing out.
    allowed_url_names = (
        "mfa_activate_totp",
        "account_reauthenticate",
        "mfa_view_recovery_codes",
        "account_logout",
    )

    def __init__(self, get_response):
        self.get_response = get_response
        self._allowed_paths = None

    def __call__(self, request):
        user = request.user
        # Read by the layout, which then offers nothing but signing out.
        request.mfa_setup_required = (
            user.is_authenticated
            and user.needs_mfa
            and not get_mfa_adapter().is_mfa_enabled(user, [Authenticator.Type.TOTP])
        )
        if request.mfa_setup_required and not self._allowed(request.path) and not is_api_request(request):
            messages.warning(
                request,
                "Staff accounts need two-factor authentication. Set up your authenticator app to continue.",
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    def _allowed(self, path: str) -> bool:
        if self._allowed_paths is None:
            self._allowed_paths = frozenset(reverse(name) for name in self.allowed_url_names)
        return path in self._allowed_paths
