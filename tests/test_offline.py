"""The pipeline runs with the network blocked (pytest-socket blocks every socket in this process)."""

import socket

import pytest


def test_network_is_blocked_in_tests():
    from pytest_socket import SocketBlockedError

    with pytest.raises(SocketBlockedError):
        socket.create_connection(("203.0.113.1", 80), timeout=1)


@pytest.mark.slow
def test_whole_pipeline_runs_offline(analysed_sample):
    import os

    assert os.environ["HF_HUB_OFFLINE"] == "1"
    assert len(analysed_sample.entities.officials) == 5 and len(analysed_sample.summary.key_points) == 5
