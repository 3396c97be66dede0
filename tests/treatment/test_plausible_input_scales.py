"""Pain and dissociation are whole numbers from 0 to 10 (CLINICAL.md section 2); a bool is not a number here."""

import pytest
from django.core.exceptions import ValidationError

from treatment.plausible import validate_scale


@pytest.mark.parametrize("value", [0, 1, 9, 10])
def test_whole_numbers_from_0_to_10_are_accepted(value):
    validate_scale("Pain now", value)


@pytest.mark.parametrize("value", [-1, 11, 100])
def test_numbers_beyond_0_to_10_are_refused_naming_the_scale_and_range(value):
    with pytest.raises(ValidationError) as refused:
        validate_scale("Pain after", value)
    assert refused.value.messages == [f"Pain after must be a whole number from 0 to 10; you entered {value}."]


@pytest.mark.parametrize("value", [True, False, 5.0, "5", None])
def test_a_bool_or_anything_but_a_whole_number_is_refused(value):
    with pytest.raises(ValidationError, match="Dissociation must be a whole number from 0 to 10"):
        validate_scale("Dissociation", value)
