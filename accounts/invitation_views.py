"""Invitation pages: the clinic's list, the invite forms, Resend / Revoke, and the public page a link opens."""

from allauth.account.utils import perform_login
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from accounts import invitation_selectors, invitations
from accounts.invitation_forms import FORMS_BY_ROLE, AcceptInvitationForm
from accounts.models import Role
from accounts.views import role_required
from anodyne.errors import DomainError

INVITATION_PAGE_SIZE = 50
UNUSABLE_CODES = {"unknown", "used", "revoked", "expired"}


def site_base_url(request) -> str:
    """The address links in emails start with: this request's scheme and host (ALLOWED_HOSTS vouches for it)."""
    return request.build_absolute_uri("/")


@role_required(Role.CLINIC_ADMIN, Role.PHYSICIAN)
def invitation_list(request):
    page = invitation_selectors.invitation_page(
        user=request.user, page_number=request.GET.get("page"), page_size=INVITATION_PAGE_SIZE
    )
    return render(
        request,
        "accounts/invitations/list.html",
        {"page": page, "invitable_roles": invitations.invitable_roles(request.user)},
    )


@role_required(Role.CLINIC_ADMIN, Role.PHYSICIAN)
def invitation_new(request, role):
    form_class = FORMS_BY_ROLE.get(role)
    if form_class is None:
        raise Http404("No such role.")
    if role not in invitations.invitable_roles(request.user):
        raise PermissionDenied("Physicians can invite patients only.")
    form = form_class(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = invitations.invitation_create(
                actor=request.user,
                email=form.cleaned_data["email"],
                full_name=form.cleaned_data["full_name"],
                role=role,
                profile=form.profile(),
                base_url=site_base_url(request),
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"Invitation sent to {invitation.full_name} ({invitation.email}).")
            return redirect("invitation_list")
    return render(
        request,
        "accounts/invitations/new.html",
        {"form": form, "role": role, "role_label": Role(role).label, "days": settings.ANODYNE_INVITATION_DAYS},
    )


@require_POST
@role_required(Role.CLINIC_ADMIN, Role.PHYSICIAN)
def invitation_resend(request, invitation_pk):
    invitation = invitation_selectors.invitation_get(user=request.user, pk=invitation_pk)
    try:
        invitations.invitation_resend(actor=request.user, invitation=invitation, base_url=site_base_url(request))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"A new invitation was sent to {invitation.email}; the earlier link no longer works.")
    return _back(request)


@require_POST
@role_required(Role.CLINIC_ADMIN, Role.PHYSICIAN)
def invitation_revoke(request, invitation_pk):
    invitation = invitation_selectors.invitation_get(user=request.user, pk=invitation_pk)
    try:
        invitations.invitation_revoke(actor=request.user, invitation=invitation)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"The invitation for {invitation.email} was revoked; its link no longer works.")
    return _back(request)


@never_cache
@sensitive_post_parameters("password", "password_confirm")
def invitation_accept(request, token):
    """Public: the emailed link. Shows the clinic and role, takes a password, creates the account, signs in."""
    invitation = invitation_selectors.invitation_for_token(token)
    problem = invitations.token_problem(invitation)
    if problem:
        return _unusable(request, problem.code, problem.message)
    if request.user.is_authenticated:
        # Accepting would replace this session with the new account's: say so rather than do it silently.
        return render(request, "accounts/invitations/accept.html", {"invitation": invitation, "signed_in": True})
    form = AcceptInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = invitations.invitation_accept(token=token, password=form.cleaned_data["password"])
        except DomainError as error:
            if error.code in UNUSABLE_CODES:
                return _unusable(request, error.code, error.message)
            form.add_error("password" if error.code == "password" else None, error.message)
        else:
            # allauth's sign-in: its stages, signals (session clock, audit) and redirect. Staff are then sent to set
            # up their authenticator by StaffMFARequiredMiddleware; patients land on Today.
            return perform_login(
                request,
                user,
                email_verification=settings.ACCOUNT_EMAIL_VERIFICATION,
                redirect_url=reverse("home"),
            )
    return render(request, "accounts/invitations/accept.html", {"invitation": invitation, "form": form})


def _unusable(request, code: str, message: str):
    return render(
        request,
        "accounts/invitations/unusable.html",
        {"message": message, "code": code},
        status=404 if code == "unknown" else 410,
    )


def _back(request):
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(next_url)
    return redirect("invitation_list")
