from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from accounts import audit
from accounts.models import AuditAction, AuditEvent, AuditOutcome, CareTeamMembership, Clinic, Patient, Physician, User


@admin.register(Clinic)
class ClinicAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "time_zone", "contact_phone")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ("email",)
    list_display = ("email", "full_name", "role", "clinic", "is_active")
    list_filter = ("role", "is_active", "clinic")
    search_fields = ("email", "full_name")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Person", {"fields": ("full_name", "role", "clinic")}),
        ("Access", {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "full_name", "role", "clinic", "password1", "password2"),
            },
        ),
    )
    readonly_fields = ("last_login", "date_joined")


class CareTeamInline(admin.TabularInline):
    """Shown, not edited: care teams change through accounts.services, which keeps them within one clinic."""

    model = CareTeamMembership
    extra = 0
    can_delete = False
    fields = readonly_fields = ("physician", "added_at")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Patient)
class PatientAdmin(admin.ModelAdmin):
    """Platform operators' reads of patient records are audited like everyone else's."""

    list_display = ("user", "clinic", "primary_condition", "status", "time_zone")
    list_filter = ("clinic", "status", "primary_condition")
    search_fields = ("user__full_name", "user__email")
    list_select_related = ("user", "clinic")
    raw_id_fields = ("user",)
    inlines = [CareTeamInline]

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            audit.patients_listed(actor=request.user, patients=changelist.result_list)
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        patient = Patient.objects.filter(pk=object_id).first() if str(object_id).isdigit() else None
        audit.record(
            AuditAction.VIEW if request.method == "GET" else AuditAction.UPDATE,
            actor=request.user,
            object_type="patient",
            object_id=object_id,
            patient=patient,
            outcome=AuditOutcome.SUCCESS if patient is not None and response.status_code < 400 else AuditOutcome.DENIED,
        )
        return response


@admin.register(Physician)
class PhysicianAdmin(admin.ModelAdmin):
    list_display = ("user", "clinic", "licence_state", "licence_number", "board_certification")
    list_filter = ("clinic",)
    search_fields = ("user__full_name", "user__email", "licence_number")
    list_select_related = ("user", "clinic")
    raw_id_fields = ("user",)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the trail is append-only (and PostgreSQL refuses changes anyway)."""

    list_display = ("at", "actor_email", "actor_role", "action", "object_type", "object_id", "patient", "outcome", "ip")
    list_filter = ("action", "outcome", "clinic")
    search_fields = ("actor_email", "object_id", "request_id")
    list_select_related = ("patient__user",)
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
