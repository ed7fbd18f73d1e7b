# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The `live` action group sets the connection options once for every module."""

import pytest

from alicloud_live_emulator import client as emulator_client

from conftest import CONFIG, INFO, connection


@pytest.mark.long
@pytest.mark.matrix
def test_module_defaults_group_sets_connection_once(playbook, emulator):
    defaults = {'group/alicloud.live.live': connection(emulator)}
    tasks = [
        {'name': 'Create', CONFIG: dict(domain_name='demo.example.com', app_name='grouped', vod_transcode_group_id='g')},
        {'name': 'List', INFO: dict(domain_name='demo.example.com')},
    ]

    run = playbook(tasks, module_defaults=defaults)

    assert run.rc == 0, run.stdout + run.stderr
    assert run['result_0']['changed'] is True
    assert [c['app_name'] for c in run['result_1']['configs']] == ['grouped']
    assert len(emulator.requests()) == 4


def test_environment_variables_alone_are_enough(playbook, emulator):
    env = {'ALIBABA_CLOUD_LIVE_ENDPOINT': emulator.url, 'ALICLOUD_ACCESS_KEY': emulator_client.DEMO_ACCESS_KEY_ID,
           'ALICLOUD_SECRET_KEY': emulator_client.DEMO_ACCESS_KEY_SECRET}

    run = playbook([{'name': 'List', INFO: dict(domain_name='demo.example.com')}], env=env)

    assert run.rc == 0, run.stdout + run.stderr
    assert run['result_0']['configs'] == []
    assert emulator.requests()[0]['access_key_id'] == emulator_client.DEMO_ACCESS_KEY_ID
