"""The clinic admin's pages for accounts and care teams.

Deactivate and reactivate staff and patients (a confirmation page, then a POST), hand a physician's patients over to
another physician, put physicians on a patient's care team or take them off, pause, resume or discharge a patient.
Each write is one service of accounts.services; these views parse the request, call it and render.
"""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from accounts import selectors, services
from accounts.models import PatientStatus, Physician, Role
from accounts.views import patient_page, role_required
from anodyne.errors import DomainError

STAFF_ROLES = (Role.PHYSICIAN, Role.CLINIC_ADMIN)


# A clinic admin's page about one patient (accounts.views.patient_page explains the refusals).
clinic_admin_patient_page = patient_page(Role.CLINIC_ADMIN)


class PhysicianChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, physician):
        return f"{physician} — {physician.board_certification}" if physician.board_certification else str(physician)


class AssignForm(forms.Form):
    physician = PhysicianChoiceField(
        queryset=Physician.objects.none(), label="Add a physician", empty_label="Choose a physician"
    )

    def __init__(self, *args, physicians, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["physician"].queryset = physicians


class UnassignForm(forms.Form):
    physician = forms.ModelChoiceField(queryset=Physician.objects.none())

    def __init__(self, *args, patient, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["physician"].queryset = Physician.objects.filter(care_team_memberships__patient=patient)


class HandoverForm(forms.Form):
    to_physician = PhysicianChoiceField(
        queryset=Physician.objects.none(), label="Hand the patients over to", empty_label="Choose a physician"
    )
    then_deactivate = forms.BooleanField(required=False, initial=True)

    def __init__(self, *args, physician, physicians, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_physician"].queryset = physicians
        if physician.user.is_active:
            self.fields["then_deactivate"].label = f"Then deactivate {physician}"
            self.fields["then_deactivate"].label_suffix = ""
        else:
            del self.fields["then_deactivate"]


class StatusForm(forms.Form):
    LABELS = {
        PatientStatus.ACTIVE: "Resume treatment (active)",
        PatientStatus.PAUSED: "Pause treatment",
        PatientStatus.DISCHARGED: "Discharge from the clinic",
    }

    status = forms.ChoiceField(label="New status", widget=forms.RadioSelect)
    reason = forms.CharField(
        label="Reason",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Kept in the patient's record. Required for a discharge.",
    )

    def __init__(self, *args, patient, **kwargs):
        super().__init__(*args, **kwargs)
        moves = services.PATIENT_STATUS_MOVES[patient.status]
        self.fields["status"].choices = [(status, label) for status, label in self.LABELS.items() if status in moves]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == PatientStatus.DISCHARGED and not cleaned.get("reason", "").strip():
            self.add_error("reason", "Give the reason for the discharge.")
        return cleaned


# --- Accounts: deactivate and reactivate ------------------------------------------------------------------------


def _account_change(request, *, person, deactivate: bool, back_url: str, patient=None):
    """The confirmation page (GET) and the change itself (POST) for one person's account."""
    error = None
    if request.method == "POST":
        service = services.user_deactivate if deactivate else services.user_reactivate
        try:
            service(actor=request.user, user=person)
        except DomainError as exc:
            error = exc.message
        else:
            if deactivate:
                messages.success(request, f"{person} is deactivated: signed out everywhere, records kept.")
            else:
                messages.success(request, f"{person} can sign in again.")
            return redirect(back_url)
    physician = person.physician if person.role == Role.PHYSICIAN else None
    needing_handover = 0
    if deactivate and physician is not None and person.is_active:
        needing_handover = selectors.patients_needing_handover(physician=physician).count()
    return render(
        request,
        "accounts/lifecycle/account_confirm.html",
        {
            "person": person,
            "patient": patient,
            "physician": physician,
            "deactivate": deactivate,
            "is_self": person.pk == request.user.pk,
            "needing_handover": needing_handover,
            "error": error,
            "back_url": back_url,
        },
    )


@role_required(Role.CLINIC_ADMIN)
def staff_deactivate(request, user_pk):
    member = selectors.clinic_member_get(user=request.user, pk=user_pk, roles=STAFF_ROLES)
    return _account_change(request, person=member, deactivate=True, back_url=reverse("clinic"))


@role_required(Role.CLINIC_ADMIN)
def staff_reactivate(request, user_pk):
    member = selectors.clinic_member_get(user=request.user, pk=user_pk, roles=STAFF_ROLES)
    return _account_change(request, person=member, deactivate=False, back_url=reverse("clinic"))


@clinic_admin_patient_page
def patient_deactivate(request, patient_pk):
    patient = selectors.patient_get(user=request.user, pk=patient_pk)
    back_url = reverse("patient_care_team", kwargs={"patient_pk": patient.pk})
    return _account_change(request, person=patient.user, patient=patient, deactivate=True, back_url=back_url)


@clinic_admin_patient_page
def patient_reactivate(request, patient_pk):
    patient = selectors.patient_get(user=request.user, pk=patient_pk)
    back_url = reverse("patient_care_team", kwargs={"patient_pk": patient.pk})
    return _account_change(request, person=patient.user, patient=patient, deactivate=False, back_url=back_url)


# --- A physician's hand-over ----------------------------------------------------------------------------------


@role_required(Role.CLINIC_ADMIN)
def staff_handover(request, user_pk):
    physician = selectors.clinic_physician_get(user=request.user, user_pk=user_pk)
    form = HandoverForm(
        request.POST or None,
        physician=physician,
        physicians=selectors.physicians_to_choose(user=request.user, exclude=physician),
    )
    if request.method == "POST" and form.is_valid():
        to_physician = form.cleaned_data["to_physician"]
        try:
            moved = services.care_team_reassign(actor=request.user, from_physician=physician, to_physician=to_physician)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                f"{len(moved)} patient{'s' if len(moved) != 1 else ''} handed over from {physician} to {to_physician}.",
            )
            if form.cleaned_data.get("then_deactivate"):
                return redirect("staff_deactivate", user_pk=physician.user_id)
            return redirect("clinic")
    patients = selectors.physician_patients(user=request.user, physician=physician)
    return render(
        request,
        "accounts/lifecycle/handover.html",
        {"physician": physician, "patients": patients, "form": form},
    )


# --- A patient's care team and treatment status ------------------------------------------------------------------


@clinic_admin_patient_page
def patient_care_team(request, patient_pk):
    patient = selectors.patient_get(user=request.user, pk=patient_pk)
    physicians = selectors.physicians_to_choose(user=request.user, not_on_care_team_of=patient)
    assign_form = AssignForm(physicians=physicians)
    unassign_form = UnassignForm(patient=patient)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "assign":
            form = assign_form = AssignForm(request.POST, physicians=physicians)
        elif action == "unassign":
            form = unassign_form = UnassignForm(request.POST, patient=patient)
        else:
            raise Http404("No such action.")
        if form.is_valid():
            physician = form.cleaned_data["physician"]
            try:
                if action == "assign":
                    services.care_team_assign(actor=request.user, patient=patient, physician=physician)
                else:
                    services.care_team_unassign(actor=request.user, patient=patient, physician=physician)
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                if action == "assign":
                    messages.success(request, f"{physician} joined {patient}'s care team.")
                else:
                    messages.success(request, f"{physician} left {patient}'s care team.")
                return redirect("patient_care_team", patient_pk=patient.pk)
    return render(
        request,
        "accounts/lifecycle/care_team.html",
        {
            "patient": patient,
            "care_team": patient.care_team_memberships.all(),
            "assign_form": assign_form,
            "unassign_form": unassign_form,
            "history": selectors.patient_status_history(patient=patient)[:20],
        },
    )


@clinic_admin_patient_page
def patient_status(request, patient_pk):
    patient = selectors.patient_get(user=request.user, pk=patient_pk)
    form = StatusForm(request.POST or None, patient=patient)
    if request.method == "POST" and form.is_valid():
        status, reason = form.cleaned_data["status"], form.cleaned_data["reason"]
        try:
            if status == PatientStatus.DISCHARGED:
                services.patient_discharge(actor=request.user, patient=patient, reason=reason)
            else:
                services.patient_status_set(actor=request.user, patient=patient, status=status, reason=reason)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"{patient} is now {patient.get_status_display().lower()}.")
            return redirect("patient_care_team", patient_pk=patient.pk)
    return render(
        request,
        "accounts/lifecycle/status.html",
        {"patient": patient, "form": form, "history": selectors.patient_status_history(patient=patient)[:20]},
    )
