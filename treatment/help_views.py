"""The "I need help" page of a session in progress (issue 10). Thin: treatment.help decides and records.

The page always leads with the emergency number, whatever happens to the request: a help page that could fail
before showing the number would be worse than none.
"""

from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from accounts.models import Role
from accounts.views import role_required
from anodyne.errors import DomainError
from treatment import help as help_services
from treatment import session_selectors as selectors
from treatment.models import SessionStatus


@require_http_methods(["GET", "POST"])
@role_required(Role.PATIENT)
def session_help(request, session_pk):
    """POST (the "I need help" button): record the request and tell the care team, then show whom to call. GET shows
    whom to call, with the button, without telling anyone."""
    session = selectors.session_get_own(user=request.user, pk=session_pk)
    told, error = False, ""
    if request.method == "POST":
        try:
            help_services.session_help_request(actor=request.user, session=session)
        except DomainError as refused:
            error = refused.message
        else:
            told = True
    return render(
        request,
        "treatment/session/help.html",
        {
            "session": session,
            "patient": session.patient,
            "clinic": session.patient.clinic,
            "told": told,
            "error": error,
            "in_progress": session.status == SessionStatus.IN_PROGRESS,
        },
    )
