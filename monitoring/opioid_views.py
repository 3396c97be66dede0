"""Opioid medicines pages (CLINICAL.md section 4): the patient's own `/medicines/` and the care team's
`/patients/<patient_pk>/medicines/`. The patient and the care team's physicians add, change and stop; a clinic admin
reads. One page, plain POST forms (the medicine's id in the form, not the URL), each calling one service.
"""

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render

from accounts import selectors as account_selectors
from accounts.models import Role
from accounts.views import patient_page, role_required
from anodyne.errors import DomainError, raise_http
from monitoring import opioid_selectors as selectors
from monitoring import opioids, services
from monitoring.models import OpioidDrug, OpioidMedicine

WRITERS = (Role.PATIENT, Role.PHYSICIAN)
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def unit_of(drug: str) -> str:
    # CLINICAL.md section 4: a fentanyl patch's strength is in mcg/h.
    return opioids.DOSE_UNITS.get(drug, "mg")


class _Form(forms.Form):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


def _strength(label: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        max_digits=7,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01", "min": "0"}),
    )


def _doses(*, required: bool, help_text: str = "") -> forms.IntegerField:
    return forms.IntegerField(
        label="Doses a day",
        required=required,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": "1"}),
    )


class MedicineAddForm(_Form):
    drug = forms.ChoiceField(label="Opioid", choices=[("", "Choose…"), *OpioidDrug.choices])
    mg_per_dose = _strength("Strength of one dose (mg; for a fentanyl patch, mcg/h)")
    doses_per_day = _doses(required=False, help_text="Leave empty for a fentanyl patch: it counts as one a day.")
    started_on = forms.DateField(label="Taking it since", widget=DATE_INPUT)

    def clean(self):
        data = super().clean()
        drug, doses = data.get("drug"), data.get("doses_per_day")
        if drug == OpioidDrug.FENTANYL_TRANSDERMAL and doses is None:
            data["doses_per_day"] = 1
        elif drug and doses is None:
            self.add_error("doses_per_day", "Enter how many doses you take a day.")
        return data


class MedicineChangeForm(_Form):
    """A new strength or number of doses of the same drug; a fentanyl patch's doses stay one a day."""

    def __init__(self, *args, medicine: OpioidMedicine, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mg_per_dose"] = _strength(f"New strength of one dose ({unit_of(medicine.drug)})")
        if medicine.drug != OpioidDrug.FENTANYL_TRANSDERMAL:
            self.fields["doses_per_day"] = _doses(required=True)
        self.fields["changed_on"] = forms.DateField(label="Changed on", widget=DATE_INPUT)

    def clean(self):
        data = super().clean()
        data.setdefault("doses_per_day", 1)
        return data


class MedicineStopForm(_Form):
    stopped_on = forms.DateField(
        label="Stopped on", help_text="The first day you no longer took it.", widget=DATE_INPUT
    )


@role_required(Role.PATIENT)
def my_medicines(request):
    patient = account_selectors.patient_get(user=request.user, pk=request.user.patient.pk)
    return _medicines_page(request, patient, staff=False)


@patient_page(Role.PHYSICIAN, Role.CLINIC_ADMIN)
def patient_medicines(request, patient_pk):
    patient = account_selectors.patient_get(user=request.user, pk=patient_pk)
    return _medicines_page(request, patient, staff=True)


def _medicines_page(request, patient, *, staff: bool):
    can_write = request.user.role in WRITERS
    today = selectors.patient_today(patient)
    current = list(selectors.medicines_current(patient=patient, on=today))
    add_form = MedicineAddForm(initial={"started_on": today}, prefix="add")
    change_forms = {m.pk: MedicineChangeForm(medicine=m, prefix=f"change-{m.pk}", initial={"changed_on": today})
                    for m in current}  # fmt: skip
    stop_forms = {m.pk: MedicineStopForm(prefix=f"stop-{m.pk}", initial={"stopped_on": today}) for m in current}

    if request.method == "POST":
        if not can_write:
            raise PermissionDenied("Clinic admins read opioid medicines; the patient or their physician records them.")
        action = request.POST.get("action")
        if action == "add":
            add_form = MedicineAddForm(request.POST, prefix="add")
            if add_form.is_valid() and _call(add_form, services.opioid_medicine_add, actor=request.user,
                                             patient=patient, **add_form.cleaned_data):  # fmt: skip
                messages.success(request, "Medicine added.")
                return redirect(request.path)
        elif action in ("change", "stop"):
            medicine = _medicine_of(patient, request.POST.get("medicine"), current)
            if action == "change":
                form = change_forms[medicine.pk] = MedicineChangeForm(
                    request.POST, medicine=medicine, prefix=f"change-{medicine.pk}"
                )
                done = form.is_valid() and _call(form, services.opioid_medicine_change, actor=request.user,
                                                 medicine=medicine, **form.cleaned_data)  # fmt: skip
                message = "Change saved: the old dose is kept in the history."
            else:
                form = stop_forms[medicine.pk] = MedicineStopForm(request.POST, prefix=f"stop-{medicine.pk}")
                done = form.is_valid() and _call(form, services.opioid_medicine_stop, actor=request.user,
                                                 medicine=medicine, **form.cleaned_data)  # fmt: skip
                message = "Medicine stopped: it stays in the history."
            if done:
                messages.success(request, message)
                return redirect(request.path)
        else:
            messages.error(request, "Nothing was changed: choose add, change or stop.")

    rows = [
        {"medicine": m, "unit": unit_of(m.drug), "change_form": change_forms[m.pk], "stop_form": stop_forms[m.pk]}
        for m in current
    ]
    return render(
        request,
        "monitoring/medicines.html",
        {
            "patient": patient,
            "staff": staff,
            "can_write": can_write,
            "rows": rows,
            "total_mme": sum((m.daily_mme for m in current), start=Decimal("0.00")),
            "history": selectors.medicines_history(patient=patient),
            "add_form": add_form,
            "caution": selectors.MME_CAUTION,
            "today": today,
        },
    )


def _medicine_of(patient, pk, current) -> OpioidMedicine:
    """A current medicine of this patient (from the rows already read), or 404."""
    for medicine in current:
        if str(medicine.pk) == str(pk):
            return medicine
    raise Http404("No such medicine.")


def _call(form, service, **kwargs) -> bool:
    try:
        service(**kwargs)
    except DomainError as refused:
        raise_http(refused)
        form.add_error(None, refused.message)
        return False
    return True
