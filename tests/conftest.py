# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Shared pytest fixtures: the local Live API emulator, from the alicloud-live-emulator package.

The package's pytest plugin (installed into the test virtual environment by
tests/requirements.txt) starts one emulator per test process, so one per xdist worker.
Kept light on purpose: no Ansible or SDK imports, because unit tests load it too.
"""

import pytest


@pytest.fixture
def emulator(clean_live_emulator):
    """The control API client of the session's emulator, reset to its initial state for this test."""
    return clean_live_emulator.client
