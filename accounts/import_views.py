"""The clinic admin's CSV import of patients: upload, preview every row's problems, then confirm.

Between the preview and the confirmation the parsed rows travel in the confirmation form itself, signed (HMAC with
SECRET_KEY, zlib-compressed) and bound to this admin and clinic, for an hour. Nothing about the file is kept on the
server between the two requests (no session or cache entry holding patients' details), the admin never chooses
the file twice, and what is imported is exactly what the preview showed; the confirmation checks every row again
against the database, because an address may have been invited or registered in the meantime.
"""

from django.contrib import messages
from django.core import signing
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts import patient_import
from accounts.invitation_forms import PatientImportForm
from accounts.invitation_views import site_base_url
from accounts.models import Role
from accounts.views import role_required
from anodyne.errors import DomainError

SIGNING_SALT = "accounts.patient_import"
PREVIEW_MAX_AGE = 60 * 60


@never_cache
@role_required(Role.CLINIC_ADMIN)
def patient_import_upload(request):
    form = PatientImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = patient_import.csv_rows(upload.read())
        except DomainError as error:
            form.add_error("file", error.message)
        else:
            check = patient_import.patient_import_check(actor=request.user, rows=rows)
            return _preview(request, check, rows=rows, file_name=upload.name)
    return render(request, "accounts/import/upload.html", {"form": form, "columns": patient_import.COLUMNS})


@never_cache
@require_POST
@role_required(Role.CLINIC_ADMIN)
def patient_import_confirm(request):
    try:
        signed = signing.loads(request.POST.get("rows", ""), salt=SIGNING_SALT, max_age=PREVIEW_MAX_AGE)
    except signing.BadSignature:  # SignatureExpired included
        signed = None
    if not signed or signed.get("actor") != request.user.pk or signed.get("clinic") != request.user.clinic_id:
        messages.error(request, "This preview has expired or does not belong to you. Upload the file again.")
        return redirect("patient_import")
    try:
        invited = patient_import.patient_import(
            actor=request.user, rows=signed["rows"], base_url=site_base_url(request)
        )
    except patient_import.ImportRefused as refused:
        messages.error(request, refused.message)
        return _preview(request, refused.check, rows=None, file_name=signed.get("file_name", ""))
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("patient_import")
    count = len(invited)
    messages.success(
        request,
        f"{count} patient{'s' if count != 1 else ''} invited. Each gets an email with a link to set a password.",
    )
    return redirect("invitation_list")


def _preview(request, check, *, rows, file_name):
    payload = ""
    if check.ok and rows is not None:
        payload = signing.dumps(
            {"actor": request.user.pk, "clinic": request.user.clinic_id, "file_name": file_name, "rows": rows},
            salt=SIGNING_SALT,
            compress=True,
        )
    return render(
        request,
        "accounts/import/preview.html",
        {"check": check, "payload": payload, "file_name": file_name, "columns": patient_import.COLUMNS},
    )
