"""The patient's check-ins (surveys): the list of what is due, one instrument per page, and what comes next.

A positive PHQ-9 item 9 (CLINICAL.md section 6) makes the next screen lead with the crisis line, the emergency number
and the clinic's own contact, before anything else. Pages parse the answers and call one service
(monitoring.services.survey_response_submit); on any error nothing is saved and the form says which question.
"""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render

from accounts import selectors as account_selectors
from accounts.models import Role
from accounts.views import role_required
from anodyne.errors import DomainError
from monitoring import instruments, selectors, services
from monitoring.models import AssignmentStatus


class SurveyForm(forms.Form):
    """One field per item of the instrument's definition, as radio buttons with the published labels."""

    def __init__(self, *args, definition: dict, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.definition = definition
        items = definition["items"]
        self.count = len(items)
        for number, item in enumerate(items, start=1):
            field = forms.TypedChoiceField(
                label=item["text"],
                choices=[(option["value"], option["label"]) for option in item["options"]],
                coerce=int,
                required=item.get("required", item["scored"]),
                empty_value=None,
                widget=forms.RadioSelect,
                error_messages={
                    "required": f"Choose an answer to question {number} ({item['key']}).",
                    "invalid_choice": f"Choose one of the answers offered for question {number} ({item['key']}).",
                },
            )
            field.number = number
            field.key = item["key"]
            self.fields[item["key"]] = field

    def questions(self):
        return [(self[name], self.fields[name].number) for name in self.fields]

    def answers(self) -> dict[str, int]:
        return {key: value for key, value in self.cleaned_data.items() if value is not None}


@role_required(Role.PATIENT)
def survey_list(request):
    """What is due now, and what the patient answered in the last two weeks."""
    patient = account_selectors.patient_get(user=request.user, pk=request.user.patient.pk)
    return render(
        request,
        "monitoring/surveys/list.html",
        {
            "patient": patient,
            "due": list(selectors.surveys_due(patient=patient)),
            "completed": list(selectors.surveys_recently_completed(patient=patient)),
            "tz_name": patient.time_zone,
        },
    )


@role_required(Role.PATIENT)
def survey_answer(request, assignment_pk):
    """One instrument on one page: the stem, each item as a fieldset, "Question n of N"."""
    assignment = selectors.survey_assignment_get_own(user=request.user, pk=assignment_pk)
    if assignment.status == AssignmentStatus.COMPLETED:
        return redirect("survey_done", assignment_pk=assignment.pk)
    definition = instruments.definition(assignment.instrument.code)
    form = SurveyForm(request.POST or None, definition=definition)
    if request.method == "POST" and assignment.status == AssignmentStatus.DUE and form.is_valid():
        try:
            services.survey_response_submit(actor=request.user, assignment=assignment, answers=form.answers())
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            return redirect("survey_done", assignment_pk=assignment.pk)
    return render(
        request,
        "monitoring/surveys/answer.html",
        {
            "assignment": assignment,
            "definition": definition,
            "form": form,
            "patient": assignment.patient,
            "tz_name": assignment.patient.time_zone,
        },
    )


@role_required(Role.PATIENT)
def survey_done(request, assignment_pk):
    """After the answers are saved: the crisis resources first when PHQ-9 item 9 was above 0, else a thank-you."""
    assignment = selectors.survey_assignment_get_own(user=request.user, pk=assignment_pk)
    response = getattr(assignment, "response", None)
    if response is None:
        return redirect("survey_answer", assignment_pk=assignment.pk)
    clinic = assignment.patient.clinic
    return render(
        request,
        "monitoring/surveys/done.html",
        {
            "assignment": assignment,
            "response": response,
            "clinic": clinic,
            "crisis": instruments.needs_crisis_resources(assignment.instrument.code, response.flags),
            "score_words": _score_words(response),
            "remaining": selectors.surveys_due(patient=assignment.patient).count(),
        },
    )


# Plain words for a score where they mean something to the patient (CLINICAL.md section 1 bands).
_BAND_WORDS = {
    "minimal": "minimal",
    "mild": "mild",
    "moderate": "moderate",
    "moderately_severe": "moderately severe",
    "severe": "severe",
    "none": "no pain",
}


def _score_words(response) -> str:
    code = response.instrument.code
    if code == "nrs":
        return f"You rated your pain {response.total:.0f} out of 10."
    if code == "peg3":
        return f"Your PEG score is {response.total:.1f} out of 10 (lower is better)."
    if code == "phq9":
        return f"Your PHQ-9 score is {response.total:.0f} out of 27: {_BAND_WORDS.get(response.band, '')} symptoms."
    if code == "gad7":
        return f"Your GAD-7 score is {response.total:.0f} out of 21: {_BAND_WORDS.get(response.band, '')} symptoms."
    if code == "pgic" and response.band:
        return f"You described your pain condition as {response.band.replace('_', ' ')} since you started."
    return ""


class CorrectionForm(forms.Form):
    reason = forms.CharField(label="Why does it need a correction?", max_length=services.MAX_SURVEY_ADDENDUM_REASON)
    text = forms.CharField(
        label="The correction",
        max_length=services.MAX_SURVEY_ADDENDUM_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Your answers stay as they were saved; this note is kept beside them for your care team.",
    )


@role_required(Role.PATIENT)
def survey_correct(request, assignment_pk):
    """A saved response is never changed: a correction is an addendum shown beside the original answers."""
    assignment = selectors.survey_assignment_get_own(user=request.user, pk=assignment_pk)
    response = getattr(assignment, "response", None)
    if response is None:
        return redirect("survey_answer", assignment_pk=assignment.pk)
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_response_amend(actor=request.user, response=response, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Your correction is saved beside your answers.")
            return redirect("survey_correct", assignment_pk=assignment.pk)
    definition = instruments.definition(assignment.instrument.code)
    answered = [
        (
            item["text"],
            next((o["label"] for o in item["options"] if o["value"] == response.answers.get(item["key"])), "—"),
        )
        for item in definition["items"]
    ]
    return render(
        request,
        "monitoring/surveys/correct.html",
        {
            "assignment": assignment,
            "response": response,
            "answered": answered,
            "addenda": response.addenda.select_related("author"),
            "form": form,
        },
    )
