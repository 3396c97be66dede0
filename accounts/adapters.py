import time
from datetime import UTC, datetime

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.app_settings import REAUTHENTICATION_TIMEOUT
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator

from accounts import sessions


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        # People join a clinic by invitation only; nobody can create an account for themself.
        return False

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        # Staff are sent to set up their first authenticator straight after signing in; asking for the password
        # they typed seconds ago would only teach them to retype it. Changes to an existing authenticator, and
        # any set-up later in a session, still ask.
        # The recovery codes the set-up shows next count as part of it: an authenticator made since this
        # sign-in does not ask, one from before it does.
        request = self.request
        if app == "allauth.mfa" and request is not None and request.user.is_authenticated:
            signed_in_at = sessions.signed_in_at(request)
            if (
                signed_in_at is not None
                and time.time() - signed_in_at < REAUTHENTICATION_TIMEOUT
                and not Authenticator.objects.filter(
                    user=request.user, created_at__lt=datetime.fromtimestamp(signed_in_at, UTC)
                ).exists()
            ):
                return False
        return super().is_reauthentication_required(app=app, **kwargs)


class MFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        # Two-factor authentication is mandatory for staff: they may not switch their authenticator off.
        if authenticator.type == Authenticator.Type.TOTP and authenticator.user.needs_mfa:
            return False
        return super().can_delete_authenticator(authenticator)
