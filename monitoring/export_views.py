"""My data (PRODUCT.md patient step 8, issue 10 item 5): the patient downloads their own record as CSV and sees who on
the clinic's staff viewed it. For the patient only: there is no id in these URLs, so a patient can only ever reach
their own rows, and staff get a 403."""

import csv
from zoneinfo import ZoneInfo

from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts import audit
from accounts import selectors as account_selectors
from accounts.models import AuditAction, Role
from accounts.views import role_required
from monitoring import export_selectors

DOWNLOADS = {
    # file name stem -> how to read its rows
    "sessions": export_selectors.session_rows,
    "surveys": export_selectors.survey_rows,
}


@role_required(Role.PATIENT)
def my_data(request):
    patient = account_selectors.patient_get(user=request.user, pk=request.user.patient.pk)
    return render(
        request,
        "monitoring/my_data.html",
        {
            "patient": patient,
            "accesses": export_selectors.recent_accesses(patient=patient),
            "recent_accesses": export_selectors.RECENT_ACCESSES,
        },
    )


@role_required(Role.PATIENT)
def my_data_sessions(request):
    return _download(request, "sessions")


@role_required(Role.PATIENT)
def my_data_surveys(request):
    return _download(request, "surveys")


class _Echo:
    """A file-like object whose write returns the line, so csv.writer can feed a streaming response."""

    def write(self, value):
        return value


def _download(request, what: str) -> StreamingHttpResponse:
    """One CSV file of the patient's own record, streamed; the download is audited as an export of that record."""
    patient = request.user.patient
    audit.record(
        AuditAction.EXPORT,
        actor=request.user,
        object_type="patient",
        object_id=patient.pk,
        patient=patient,
        detail=f"{what}.csv",
    )
    writer = csv.writer(_Echo())
    rows = (writer.writerow(row) for row in DOWNLOADS[what](patient=patient))
    day = timezone.localdate(timezone=ZoneInfo(patient.time_zone))
    return StreamingHttpResponse(
        rows,
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="anodyne-{what}-{day.isoformat()}.csv"'},
    )
