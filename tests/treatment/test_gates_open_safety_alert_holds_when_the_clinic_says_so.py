"""Gate "no open safety alert": held while a critical safety alert is open, unless the clinic turned the gate off."""

from tests.treatment.gate_data import patient_state, run


def test_an_open_safety_alert_holds_when_the_clinic_setting_is_on():
    result = run(patient=patient_state(has_open_safety_alert=True, hold_on_open_safety_alert=True))
    assert result.codes == ("safety_alert",)
    assert "a physician must resolve it" in result.failures[0].message


def test_an_open_safety_alert_does_not_hold_when_the_clinic_setting_is_off():
    assert run(patient=patient_state(has_open_safety_alert=True, hold_on_open_safety_alert=False)).passed


def test_no_open_safety_alert_passes():
    assert run(patient=patient_state(has_open_safety_alert=False, hold_on_open_safety_alert=True)).passed
