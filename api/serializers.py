"""Output and input shapes of the API shared by every role. Separate input and output serializers; no rule here."""

from rest_framework import serializers

from accounts.models import User


class MeSerializer(serializers.ModelSerializer):
    clinic = serializers.CharField(source="clinic.name", allow_null=True, default=None)
    patient_id = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ("id", "email", "full_name", "role", "clinic", "patient_id")

    def get_patient_id(self, user) -> int | None:
        return getattr(getattr(user, "patient", None), "pk", None)
