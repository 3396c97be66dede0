"""How long a signed-in session lives: an idle limit and an absolute limit, longer for patients than for staff."""

import time
from datetime import timedelta

from django.conf import settings

from accounts.models import Role

AUTHENTICATED_AT = "anodyne_authenticated_at"
# Set only by a real sign-in through allauth (not by a session that predates the clock).
SIGNED_IN_AT = "anodyne_signed_in_at"
LAST_SEEN_AT = "anodyne_last_seen_at"
# The last-seen time is written at most this often, so that browsing does not save the session on every request.
_TOUCH_EVERY_SECONDS = 30


def limits_for(user) -> tuple[timedelta, timedelta]:
    """(idle limit, absolute limit) for this person."""
    if user.role == Role.PATIENT:
        return settings.ANODYNE_PATIENT_IDLE, settings.ANODYNE_PATIENT_MAX_AGE
    return settings.ANODYNE_STAFF_IDLE, settings.ANODYNE_STAFF_MAX_AGE


def start_clock(request, *, signed_in: bool = False) -> None:
    now = time.time()
    request.session[AUTHENTICATED_AT] = now
    request.session[LAST_SEEN_AT] = now
    if signed_in:
        request.session[SIGNED_IN_AT] = now


def signed_in_at(request) -> float | None:
    """When this person last typed their credentials into the sign-in form (a Unix time), if in this session."""
    return request.session.get(SIGNED_IN_AT)


def expired_reason(request) -> str | None:
    """Why this session has ended, in plain words, or None while it is alive (and then mark it seen)."""
    now = time.time()
    session = request.session
    if AUTHENTICATED_AT not in session:
        # Signed in before the clock existed (or by a test client): start counting now.
        start_clock(request)
        return None
    idle, max_age = limits_for(request.user)
    if now - session[AUTHENTICATED_AT] > max_age.total_seconds():
        return f"You were signed out because your session reached its limit of {_human(max_age)}."
    if now - session.get(LAST_SEEN_AT, 0) > idle.total_seconds():
        return f"You were signed out after {_human(idle)} without activity."
    if now - session[LAST_SEEN_AT] >= _TOUCH_EVERY_SECONDS:
        session[LAST_SEEN_AT] = now
    return None


def _human(span: timedelta) -> str:
    minutes = int(span.total_seconds() // 60)
    if minutes % (60 * 24) == 0:
        days = minutes // (60 * 24)
        return f"{days} day{'s' if days != 1 else ''}"
    if minutes % 60 == 0:
        hours = minutes // 60
        return f"{hours} hour{'s' if hours != 1 else ''}"
    return f"{minutes} minute{'s' if minutes != 1 else ''}"
