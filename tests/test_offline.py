"""The pipeline runs with the network blocked (pytest-socket blocks every socket in this process)."""

import socket

import pytest


def test_network_is_blocked_in_tests():
    from pytest_socket import SocketBlockedError

    with pytest.raises(SocketBlockedError):
        socket.create_connection(("203.0.113.1", 80), timeout=1)


def test_importing_the_library_leaves_the_environment_alone():
    import subprocess
    import sys

    code = "import os; before = dict(os.environ); import pipeline; print(dict(os.environ) == before)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "True"


@pytest.mark.slow
def test_whole_pipeline_runs_offline(analysed_sample):
    assert len(analysed_sample.entities.officials) == 5 and len(analysed_sample.summary.key_points) == 5
