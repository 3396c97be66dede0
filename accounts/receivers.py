"""Sign-in and security events, from Django's and allauth's signals, into the session clock and the audit trail."""

from allauth.account.adapter import get_adapter as get_account_adapter
from allauth.account.signals import password_changed, password_reset
from allauth.account.signals import user_logged_in as allauth_user_logged_in
from allauth.mfa.signals import authenticator_added, authenticator_removed, authenticator_reset
from allauth.usersessions.models import UserSession
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver

from accounts import audit, sessions
from accounts.models import AuditAction, AuditOutcome


@receiver(allauth_user_logged_in)
def start_session_clock(sender, request, user, **kwargs):
    sessions.start_clock(request, signed_in=True)


@receiver(user_logged_in)
def audit_sign_in(sender, request, user, **kwargs):
    audit.record(AuditAction.SIGN_IN, actor=user, object_type="user", object_id=user.pk)


@receiver(user_login_failed)
def audit_failed_sign_in(sender, credentials, request=None, **kwargs):
    typed = credentials.get("email") or credentials.get("username") or credentials.get("login") or ""
    audit.record(AuditAction.SIGN_IN_FAILED, actor_email=typed, outcome=AuditOutcome.FAILURE)


@receiver(user_logged_out)
def audit_sign_out(sender, request, user, **kwargs):
    if user is not None:
        audit.record(AuditAction.SIGN_OUT, actor=user, object_type="user", object_id=user.pk)


@receiver(authenticator_added)
def audit_mfa_added(sender, request, user, authenticator, **kwargs):
    audit.record(AuditAction.MFA_ADDED, actor=user, object_type="user", object_id=user.pk, detail=authenticator.type)


@receiver(authenticator_removed)
def audit_mfa_removed(sender, request, user, authenticator, **kwargs):
    audit.record(AuditAction.MFA_REMOVED, actor=user, object_type="user", object_id=user.pk, detail=authenticator.type)


@receiver(authenticator_reset)
def audit_mfa_reset(sender, request, user, authenticator, **kwargs):
    audit.record(AuditAction.MFA_RESET, actor=user, object_type="user", object_id=user.pk, detail=authenticator.type)


@receiver(password_changed)
@receiver(password_reset)
def audit_password_changed(sender, request, user, **kwargs):
    audit.record(AuditAction.PASSWORD_CHANGED, actor=user, object_type="user", object_id=user.pk)


@receiver(user_logged_in)
def track_every_session(sender, request, user, **kwargs):
    """List every session that signs someone in, in allauth's UserSession table, not only allauth's own sign-ins.

    Django's login() (the admin's sign-in, a test client, a shell) does not go through allauth; listed here too, a
    deactivation (accounts.services.user_deactivate) ends every session of the person by its key instead of
    reading and decoding every session row of the site. allauth's own receiver then updates the same row.
    """
    session = getattr(request, "session", None)
    if session is None:
        return
    if not session.session_key:
        session.save()
    try:
        ip = get_account_adapter(request).get_client_ip(request)
    except PermissionDenied:
        # A sign-in outside an HTTP request (a test client's force_login) has no address: record "unspecified".
        ip = "0.0.0.0"  # noqa: S104 (an address recorded, not one bound to)
    UserSession.objects.get_or_create(
        session_key=session.session_key,
        defaults={"user": user, "ip": ip, "user_agent": request.META.get("HTTP_USER_AGENT", "")[:200]},
    )
