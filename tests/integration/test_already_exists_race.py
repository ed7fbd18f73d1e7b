# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Another writer creates the config between the module's read and its add."""

import threading
import time

from conftest import CONFIG, task

ADD, DESCRIBE = 'AddLiveRecordVodConfig', 'DescribeLiveRecordVodConfigs'
WANTED = dict(domain_name='live.example.com', app_name='race', vod_transcode_group_id='group-r', cycle_duration=600)
STORED = dict(DomainName='live.example.com', AppName='race', VodTranscodeGroupId='group-r', CycleDuration=600)


def race(playbook, emulator, stored, **args):
    """Run the module while another writer stores ``stored`` right after the module's first read."""
    # The first read is answered late, with the state as it was when the request arrived.
    emulator.fault(DESCRIBE, 'delay', seconds=1.0, hold=True, times=1)
    results = []
    # ansible-playbook in a subprocess: Ansible itself must own its main thread.
    runner = threading.Thread(target=lambda: results.append(playbook([task(CONFIG, emulator, **args)])['result_0']))
    runner.start()
    deadline = time.monotonic() + 120  # stops a hung test only
    while not emulator.requests(DESCRIBE) and time.monotonic() < deadline:
        time.sleep(0.02)
    emulator.seed(configs=[stored])
    runner.join(300)
    return results[0]


def test_config_already_exists_with_equal_values_is_ok_and_unchanged(playbook, emulator):
    result = race(playbook, emulator, STORED, **WANTED)

    assert result.get('failed') is not True, result.get('msg')
    assert result['changed'] is False
    assert [entry['code'] for entry in emulator.requests(ADD)] == ['ConfigAlreadyExists']
    assert [entry['action'] for entry in emulator.requests()] == [DESCRIBE, ADD, DESCRIBE]
    assert len(emulator.configs()) == 1


def test_config_already_exists_with_other_values_is_reconciled(playbook, emulator):
    result = race(playbook, emulator, dict(STORED, CycleDuration=1200), **WANTED)

    assert result['changed'] is True
    assert [entry['action'] for entry in emulator.write_requests()] == [ADD, 'UpdateLiveRecordVodConfig']
    assert [config['CycleDuration'] for config in emulator.configs()] == [600]
