"""Eligibility screening pages (CLINICAL.md section 1): the patient answers the questions on their phone; the care
team's physicians review each "yes" and ask for re-screens; the clinic admin reads.

Pages parse input and call one service (treatment.eligibility_services); a DomainError is shown on the form with
nothing recorded. Every action is a plain POST form.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from accounts import selectors as account_selectors
from accounts.models import Role
from accounts.views import patient_page, role_required
from anodyne.errors import DomainError
from treatment import eligibility, eligibility_selectors, eligibility_services
from treatment.models import EligibilityDecision, EligibilityItem

YES_NO = [(eligibility.NO, "No"), (eligibility.YES, "Yes")]


class _Form(forms.Form):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class EligibilityAnswerForm(_Form):
    """The eleven questions, each a yes/no pair, in CLINICAL.md's order and words."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for item, label in EligibilityItem.choices:
            self.fields[item] = forms.TypedChoiceField(
                label=label,
                choices=YES_NO,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": "Answer yes or no.", "invalid_choice": "Answer yes or no."},
            )

    def answers(self) -> dict[str, int]:
        return {item: self.cleaned_data[item] for item in eligibility.ITEMS}


class ReviewForm(_Form):
    """A physician's review of one "yes" (prefixed with the item, one form per "yes" on the page)."""

    decision = forms.ChoiceField(label="Decision", choices=EligibilityDecision.choices, widget=forms.RadioSelect)
    note = forms.CharField(
        label="Note",
        max_length=eligibility_services.MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What you checked or discussed with the patient.",
    )
    reason_to_proceed = forms.CharField(
        label="Reason to proceed",
        required=False,
        max_length=eligibility_services.MAX_REASON_TO_PROCEED,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, item: str, **kwargs):
        super().__init__(*args, prefix=item, **kwargs)
        self.item = item
        self.label = EligibilityItem(item).label
        self.contraindication = eligibility.is_contraindication(item)
        if self.contraindication:
            self.fields["reason_to_proceed"].label = "Reason to proceed despite this contraindication"
            self.fields["reason_to_proceed"].help_text = "Required to proceed: a contraindication (C)."
        else:
            self.fields["reason_to_proceed"].label = "Reason to proceed (optional)"


class RescreenForm(_Form):
    reason = forms.CharField(
        label="Reason for the re-screen",
        max_length=eligibility_services.MAX_REQUEST_REASON,
        help_text="For example: yearly re-screen. The patient sees it.",
    )


# --- The patient -----------------------------------------------------------------------------------------------------


@role_required(Role.PATIENT)
def eligibility_answer(request):
    """The patient's eligibility questions: their intake screen or the re-screen waiting; else where they stand."""
    patient = account_selectors.patient_get(user=request.user, pk=request.user.patient.pk)
    current = eligibility_selectors.eligibility_current(patient)
    form = EligibilityAnswerForm(request.POST or None) if current.to_answer else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            screen = eligibility_services.eligibility_screen_answer(
                actor=request.user, patient=patient, answers=form.answers()
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            if screen.status == eligibility.CLEARED:
                messages.success(request, "Thank you. You answered no to every question: you are cleared.")
            else:
                messages.success(request, "Thank you. Your answers were sent to your care team.")
            return redirect("eligibility")
    screen = current.screen
    your_answers = (
        [(label, screen.answers.get(item) == eligibility.YES) for item, label in EligibilityItem.choices]
        if screen
        else []
    )
    return render(
        request,
        "treatment/eligibility/answer.html",
        {
            "patient": patient,
            "clinic": patient.clinic,
            "current": current,
            "form": form,
            "your_answers": your_answers,
            "any_yes": any(yes for _, yes in your_answers),
        },
    )


# --- The care team ---------------------------------------------------------------------------------------------------


@patient_page(Role.PHYSICIAN, Role.CLINIC_ADMIN)
def eligibility_review(request, patient_pk):
    """The current screen with a review form for each "yes" not reviewed yet, a re-screen request, and the earlier
    screens. Physicians of the care team review (the page is theirs alone among physicians); clinic admins read."""
    patient = account_selectors.patient_get(user=request.user, pk=patient_pk)
    may_review = request.user.role == Role.PHYSICIAN
    if request.method == "POST" and not may_review:
        raise PermissionDenied("Clinic admins read eligibility screens; a physician on the care team reviews them.")
    screens = eligibility_selectors.screens_of(patient)
    current = next((screen for screen in screens if screen.answered_at is not None), None)
    waiting = next((screen for screen in screens if screen.answered_at is None), None)
    posted_item = request.POST.get("item") if request.method == "POST" else None
    action = request.POST.get("action") if request.method == "POST" else None

    rescreen_form = RescreenForm(request.POST if action == "rescreen" else None, prefix="rescreen")
    if action == "rescreen" and rescreen_form.is_valid():
        try:
            eligibility_services.eligibility_rescreen_request(
                actor=request.user, patient=patient, reason=rescreen_form.cleaned_data["reason"]
            )
        except DomainError as error:
            rescreen_form.add_error(None, error.message)
        else:
            messages.success(request, f"Re-screen requested. {patient} will see it on their Today page.")
            return redirect("eligibility_review", patient_pk=patient.pk)

    review_forms = []
    if current is not None:
        reviewed = {review.item for review in current.reviews.all()}
        for item in eligibility.yes_items(current.answers):
            if item in reviewed:
                continue
            bound = action == "review" and posted_item == item
            review_forms.append(ReviewForm(request.POST if bound else None, item=item))
    if action == "review":
        form = next((form for form in review_forms if form.item == posted_item), None)
        if form is None:
            messages.error(request, "That answer is reviewed already, or is not on the current screen.")
            return redirect("eligibility_review", patient_pk=patient.pk)
        if request.POST.get("screen") != str(current.pk):
            form.add_error(None, "The patient answered a newer screen meanwhile: review the answers shown now.")
        elif form.is_valid():
            data = form.cleaned_data
            try:
                eligibility_services.eligibility_review(
                    actor=request.user,
                    screen=current,
                    item=form.item,
                    decision=data["decision"],
                    note=data["note"],
                    reason_to_proceed=data["reason_to_proceed"],
                )
            except DomainError as error:
                form.add_error("reason_to_proceed" if error.code == "reason_required" else None, error.message)
            else:
                messages.success(request, f"Review of “{form.label}” saved.")
                return redirect("eligibility_review", patient_pk=patient.pk)

    return render(
        request,
        "treatment/eligibility/review.html",
        {
            "patient": patient,
            "current": current,
            "waiting": waiting,
            "earlier": [screen for screen in screens if screen.answered_at is not None and screen is not current],
            "answers": _answers(current),
            "review_forms": review_forms,
            "rescreen_form": rescreen_form,
            "may_review": may_review,
            "tz_name": patient.clinic.time_zone,
        },
    )


def _answers(screen):
    """The screen's items with the answer, whether a contraindication, and the review (from the prefetch)."""
    if screen is None:
        return []
    reviews = {review.item: review for review in screen.reviews.all()}
    return [
        {
            "item": item,
            "label": label,
            "yes": screen.answers.get(item) == eligibility.YES,
            "contraindication": eligibility.is_contraindication(item),
            "review": reviews.get(item),
        }
        for item, label in EligibilityItem.choices
    ]
