# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Shared pytest fixtures: a local Live-to-VOD API emulator per test process.

Kept light on purpose: no Ansible or SDK imports, because unit tests load it too.
"""

import os
import sys

import pytest

EMULATOR_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'emulator')
if EMULATOR_DIR not in sys.path:
    sys.path.insert(0, EMULATOR_DIR)

from emulator_client import Emulator  # noqa: E402  pylint: disable=wrong-import-position


@pytest.fixture(scope='session')
def emulator_server(tmp_path_factory):
    """One emulator process per pytest process (so one per xdist worker), stopped at the end."""
    tmp_dir = tmp_path_factory.mktemp('live-emulator')
    server = Emulator.start(str(tmp_dir), log_file=str(tmp_dir / 'emulator.log'))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def emulator(emulator_server):
    """The session's emulator, reset to its initial state for this test."""
    emulator_server.reset()
    return emulator_server
