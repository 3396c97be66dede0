"""The progress page (PRODUCT.md patient step 7): the patient's own `/progress/` and the care team's
`/patients/<patient_pk>/progress/` (physicians and clinic admins). Charts are SVG drawn from templates with the
geometry of monitoring.charts; no JavaScript."""

from django.shortcuts import render

from accounts import selectors as account_selectors
from accounts.models import Role
from accounts.views import patient_page, role_required
from monitoring import progress_selectors


@role_required(Role.PATIENT)
def my_progress(request):
    patient = account_selectors.patient_get(user=request.user, pk=request.user.patient.pk)
    return _progress_page(request, patient, staff=False)


@patient_page(Role.PHYSICIAN, Role.CLINIC_ADMIN)
def patient_progress(request, patient_pk):
    patient = account_selectors.patient_get(user=request.user, pk=patient_pk)
    return _progress_page(request, patient, staff=True)


def _progress_page(request, patient, *, staff: bool):
    progress = progress_selectors.progress_of(patient=patient)
    return render(
        request,
        "monitoring/progress.html",
        {"patient": patient, "staff": staff, "progress": progress, "outcome": progress.outcome},
    )
