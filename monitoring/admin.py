from django.contrib import admin

from accounts import audit
from accounts.models import AuditAction, AuditOutcome
from monitoring.models import Alert, AlertEvent, Notification


class ReadOnlyAdminMixin:
    """Shown, never edited here: alerts are raised by monitoring.services and acknowledged or resolved by a care-team
    physician on the alert pages, with their history; the database refuses to delete either."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AlertEventInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = AlertEvent
    extra = 0
    fields = readonly_fields = ("at", "what", "severity", "actor", "note")


@admin.register(Alert)
class AlertAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Platform operators' reads of alerts are audited like every other read of a patient's record."""

    list_display = ("patient", "clinic", "kind", "severity", "status", "first_raised_at", "occurrences")
    list_filter = ("clinic", "status", "severity", "kind")
    list_select_related = ("patient__user", "clinic")
    search_fields = ("patient__user__full_name", "patient__user__email", "cause")
    date_hierarchy = "first_raised_at"
    ordering = ("-first_raised_at",)
    inlines = [AlertEventInline]

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            patients = {alert.patient_id: alert.patient for alert in changelist.result_list}
            audit.patients_listed(actor=request.user, patients=patients.values())
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        alert = (
            Alert.objects.filter(pk=object_id).select_related("patient").first() if str(object_id).isdigit() else None
        )
        audit.record(
            AuditAction.VIEW,
            actor=request.user,
            object_type="alert",
            object_id=object_id,
            patient=alert.patient if alert else None,
            outcome=AuditOutcome.SUCCESS if alert is not None and response.status_code < 400 else AuditOutcome.DENIED,
        )
        return response


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The outbox, for operators: failed notifications (the provider refused them MAX_ATTEMPTS times) filter to the
    top with status=failed; last_error says why. Texts carry no health data, so nothing here is a patient record."""

    list_display = ("kind", "channel", "recipient", "status", "send_after", "attempts", "sent_at", "last_error")
    list_filter = ("status", "channel", "kind")
    search_fields = ("idempotency_key",)
    raw_id_fields = ("recipient",)
    date_hierarchy = "send_after"
