"""API views shared by every role: who am I. The resources of each role live in their own modules
(api/patient_views.py, api/physician_views.py, api/admin_views.py); every one calls the apps' services and
selectors, never a rule of its own."""

from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from api import serializers


class MeView(APIView):
    """The signed-in person: their role and clinic, and their patient record's id for a patient."""

    @extend_schema(responses=serializers.MeSerializer)
    def get(self, request):
        return Response(serializers.MeSerializer(request.user).data)


class NoSuchEndpoint(APIView):
    """Any other path under /api/v1/: the API's own 404, in its one error shape."""

    permission_classes = (AllowAny,)
    schema = None

    def get(self, request, *args, **kwargs):
        raise NotFound("No such endpoint.")

    post = put = patch = delete = get
