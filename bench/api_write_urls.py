"""The URLs of the gunicorn process of bench/api_write.py: the product's, plus the bare write the API is measured
against — a plain Django view that inserts one row with one SQL statement into a table the benchmark creates
(BARE_TABLE, no clinical meaning), behind the same middleware, in the same process, on the same database."""

import json

from django.db import connection
from django.http import JsonResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from rest_framework.response import Response
from rest_framework.views import APIView

from api.permissions import IsPatient

BARE_TABLE = "bench_api_write_row"
BARE_PATH = "/bench/bare-write/"
FLOOR_PATH = "/bench/api-floor-write/"


def _insert(key: str, body) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {BARE_TABLE} (idempotency_key, body) VALUES (%s, %s) RETURNING id",  # noqa: S608 (a constant)
            [key, json.dumps(body)],
        )
        return cursor.fetchone()[0]


@csrf_exempt
@require_POST
def bare_write(request):
    return JsonResponse(
        {"id": _insert(request.headers.get("Idempotency-Key", ""), json.loads(request.body))}, status=201
    )


class FloorWrite(APIView):
    """The same one-row write as an API view: the API's authentication (the app token), permission (a patient) and
    throttles, DRF's JSON parsing and rendering — what any API write pays before it does its own work."""

    permission_classes = (IsPatient,)

    def post(self, request):
        return Response({"id": _insert(request.headers.get("Idempotency-Key", ""), request.data)}, status=201)


urlpatterns = [
    path(BARE_PATH.strip("/") + "/", bare_write, name="bench_bare_write"),
    path(FLOOR_PATH.strip("/") + "/", FloorWrite.as_view(), name="bench_api_floor_write"),
    path("", include("anodyne.urls")),
]
