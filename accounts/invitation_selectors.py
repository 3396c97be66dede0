"""Reads about invitations for pages and API views. A clinic admin sees their clinic's invitations, a physician the
ones they sent; nobody sees another clinic's. Query counts do not grow with the number of invitations."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet, Window
from django.http import Http404

from accounts.models import Invitation, Role, User


def invitations_visible_to(user: User) -> QuerySet:
    if not user.is_authenticated or not user.is_active or user.clinic_id is None:
        return Invitation.objects.none()
    if user.role == Role.CLINIC_ADMIN:
        return Invitation.objects.filter(clinic_id=user.clinic_id)
    if user.role == Role.PHYSICIAN:
        return Invitation.objects.filter(clinic_id=user.clinic_id, invited_by=user)
    return Invitation.objects.none()


def invitation_get(*, user: User, pk: int) -> Invitation:
    """One invitation this person may manage; anyone else's is a 404."""
    invitation = invitations_visible_to(user).select_related("clinic", "invited_by").filter(pk=pk).first()
    if invitation is None:
        raise Http404("No such invitation.")
    return invitation


def invitation_page(*, user: User, page_number, page_size: int = 50) -> Page:
    """Newest first, with who sent each and who accepted it: a count and one query for the page."""
    invitations = (
        invitations_visible_to(user).select_related("invited_by", "accepted_user").order_by("-created_at", "-pk")
    )
    return Paginator(invitations, page_size).get_page(page_number)


@dataclass(frozen=True)
class OpenInvitations:
    items: list[Invitation]
    total: int


def invitations_open(*, user: User, limit: int = 10) -> OpenInvitations:
    """The newest invitations not yet accepted or revoked (expired ones included: they wait for a resend) and how
    many there are in all — one query: the total is a window count taken before the limit."""
    rows = list(
        invitations_visible_to(user)
        .filter(accepted_at__isnull=True, revoked_at__isnull=True)
        .select_related("invited_by")
        .annotate(open_total=Window(Count("pk")))
        .order_by("-created_at", "-pk")[:limit]
    )
    return OpenInvitations(items=rows, total=rows[0].open_total if rows else 0)


def invitation_for_token(token: str) -> Invitation | None:
    """The invitation a link names (any state), with its clinic; None for a token nobody issued."""
    if not token or len(token) > 100:
        return None
    return Invitation.objects.select_related("clinic").filter(token_hash=Invitation.hash_token(token)).first()
