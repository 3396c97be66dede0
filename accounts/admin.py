from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from accounts.models import CareTeamMembership, Clinic, Patient, Physician, User


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
    list_display = ("user", "clinic", "primary_condition", "status", "time_zone")
    list_filter = ("clinic", "status", "primary_condition")
    search_fields = ("user__full_name", "user__email")
    list_select_related = ("user", "clinic")
    raw_id_fields = ("user",)
    inlines = [CareTeamInline]


@admin.register(Physician)
class PhysicianAdmin(admin.ModelAdmin):
    list_display = ("user", "clinic", "licence_state", "licence_number", "board_certification")
    list_filter = ("clinic",)
    search_fields = ("user__full_name", "user__email", "licence_number")
    list_select_related = ("user", "clinic")
    raw_id_fields = ("user",)
