"""Who may call the API at all, and by role. Which records someone may see is never decided here: the selectors of
the apps decide it (Patient.objects.visible_to and the rest), exactly as for the pages."""

from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.models import Authenticator
from rest_framework.permissions import BasePermission

from accounts.models import Role


class SignedInWithTwoFactorIfStaff(BasePermission):
    """Signed in; and staff (physicians, clinic admins, operators) only once they have set up two-factor
    authentication — as the pages require (accounts.middleware.StaffMFARequiredMiddleware). A staff member's app
    token is only issued after their second factor (allauth headless), so this catches session clients."""

    message = "Staff accounts need two-factor authentication: set up an authenticator app in Anodyne first."

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated and user.is_active):
            return False
        return not user.needs_mfa or get_mfa_adapter().is_mfa_enabled(user, [Authenticator.Type.TOTP])


class _RolePermission(SignedInWithTwoFactorIfStaff):
    roles: tuple[str, ...] = ()

    def has_permission(self, request, view) -> bool:
        if not super().has_permission(request, view):
            return False
        if request.user.role not in self.roles:
            self.message = "This part of the API is not for your account."
            return False
        return True


class IsPatient(_RolePermission):
    roles = (Role.PATIENT,)


class IsPhysician(_RolePermission):
    roles = (Role.PHYSICIAN,)


class IsClinicAdmin(_RolePermission):
    roles = (Role.CLINIC_ADMIN,)


class IsCareStaff(_RolePermission):
    roles = (Role.PHYSICIAN, Role.CLINIC_ADMIN)
