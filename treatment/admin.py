from django.contrib import admin

from treatment.models import ConsentSignature, ConsentVersion


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown, never edited here: versions are published on the clinic admin's consent page (numbered and audited by
    treatment.services), signatures are given by patients, and the database refuses to change or delete either."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ConsentVersion)
class ConsentVersionAdmin(ReadOnlyAdmin):
    list_display = ("clinic", "version", "published_at", "published_by")
    list_filter = ("clinic",)
    list_select_related = ("clinic", "published_by")
    ordering = ("clinic", "-version")


@admin.register(ConsentSignature)
class ConsentSignatureAdmin(ReadOnlyAdmin):
    list_display = ("patient", "consent_version", "signed_at", "ip")
    list_filter = ("consent_version__clinic",)
    list_select_related = ("patient__user", "consent_version__clinic")
    search_fields = ("patient__user__full_name", "patient__user__email")
    date_hierarchy = "signed_at"
