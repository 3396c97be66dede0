from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from accounts import audit, invitation_selectors, selectors
from accounts.models import AuditAction, AuditOutcome, Patient, Role

ROSTER_PAGE_SIZE = 50


def role_required(*roles):
    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(request, *args, **kwargs):
            if request.user.role not in roles:
                raise PermissionDenied("This page is not part of your account.")
            return view(request, *args, **kwargs)

        # Read by the tests that walk every patient page (tests/patient_urls.py).
        wrapper.allowed_roles = frozenset(roles)
        return wrapper

    return decorator


def patient_page(*roles):
    """A page about one patient (the `patient_pk` URL keyword) for some roles only.

    Whoever may not see the patient gets the 404 of every patient page; someone who may see the patient but whose
    role the page is not for (the patient on a staff page, say) gets 403. Either refusal is one audit row, as on
    every patient page; the view itself reads the patient through selectors.patient_get, which audits the access.
    """

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(request, patient_pk, *args, **kwargs):
            if request.user.role not in roles:
                visible = Patient.objects.visible_to(request.user).filter(pk=patient_pk).exists()
                audit.record(
                    AuditAction.VIEW,
                    actor=request.user,
                    object_type="patient",
                    object_id=patient_pk,
                    outcome=AuditOutcome.DENIED,
                )
                if not visible:
                    raise Http404("No such patient.")
                raise PermissionDenied("This page is not part of your account.")
            return view(request, patient_pk, *args, **kwargs)

        # Read by the tests that walk every patient page (tests/patient_urls.py).
        wrapper.allowed_roles = frozenset(roles)
        return wrapper

    return decorator


@login_required
def home(request):
    """Everyone lands on their own start page after signing in (a patient's Today lives in treatment.session_views)."""
    destination = {
        Role.PATIENT: "today",
        Role.PHYSICIAN: "dashboard",
        Role.CLINIC_ADMIN: "clinic",
        Role.OPERATOR: "admin:index",
    }[request.user.role]
    return redirect(destination)


@role_required(Role.CLINIC_ADMIN)
def clinic(request):
    page = selectors.patient_page(user=request.user, page_number=request.GET.get("page"), page_size=ROSTER_PAGE_SIZE)
    return render(
        request,
        "accounts/clinic.html",
        {
            "clinic": request.user.clinic,
            "staff": selectors.clinic_staff(user=request.user),
            "open_invitations": invitation_selectors.invitations_open(user=request.user),
            "page": page,
            "today": timezone.localdate(),
        },
    )


@role_required(Role.PATIENT, Role.PHYSICIAN, Role.CLINIC_ADMIN)
def patient_detail(request, patient_pk):
    patient = selectors.patient_get(user=request.user, pk=patient_pk)
    return render(
        request,
        "accounts/patient_detail.html",
        {"patient": patient, "care_team": patient.care_team_memberships.all(), "today": timezone.localdate()},
    )
