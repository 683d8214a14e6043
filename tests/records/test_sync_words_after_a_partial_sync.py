"""What sync says of a fault can follow runs it has already sent in the same sync, so no
sentence of its may claim that nothing was sent (records33: the https faults said "nothing
was sent", and the next line said "2 runs sent before the problem stay marked as sent")."""

import ssl

import pytest

from sim.records.lrs_words import unreachable


def _cert() -> ssl.SSLError:
    e = ssl.SSLCertVerificationError(1, "certificate verify failed")
    e.verify_message = "self-signed certificate"
    return e


def _plain() -> ssl.SSLError:
    e = ssl.SSLError(1, "wrong version number")
    e.reason = "WRONG_VERSION_NUMBER"
    return e


def _other() -> ssl.SSLError:
    e = ssl.SSLError(1, "handshake failure")
    e.reason = "SSLV3_ALERT_HANDSHAKE_FAILURE"
    return e


@pytest.mark.parametrize("fault", [_cert, _plain, _other])
def test_a_tls_fault_claims_nothing_about_runs_sent_before_it(fault):
    said = unreachable("https://lrs.example.org/xapi", fault())
    assert "nothing was sent" not in said, said
    assert "the runs not sent stay unsent" in said, said
