"""An alert's clinic (denormalised for tenancy filters) is its patient's: the service copies it, and on PostgreSQL a
composite foreign key refuses any other."""

import pytest
from django.conf import settings
from django.db import IntegrityError, connection, transaction

from monitoring.models import Alert
from tests.monitoring.conftest import raise_alert


def test_the_service_copies_the_patients_clinic(patient):
    assert raise_alert(patient).clinic_id == patient.clinic_id


@pytest.mark.skipif(not settings.POSTGRES_AVAILABLE, reason="the composite foreign key exists on PostgreSQL only")
def test_the_database_refuses_another_clinic(open_alert, outside_clinic):
    with pytest.raises(IntegrityError), transaction.atomic():
        Alert.objects.filter(pk=open_alert.pk).update(clinic=outside_clinic)
        # The key is deferred, like accounts' own: checked at commit, which this forces now.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    assert Alert.objects.get(pk=open_alert.pk).clinic_id == open_alert.patient.clinic_id
