# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixtures of the emulator's own tests: the package's pytest plugin, as its users get it."""

import pytest


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    """The SDK sends everything to HTTP_PROXY when set: keep these tests local."""
    for name in ('HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy'):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def emulator(clean_live_emulator):
    """The control API client of the session's emulator, reset to its initial state for this test."""
    return clean_live_emulator.client
