# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Check mode makes zero writes yet reports the change; diff mode shows before and after."""

import pytest

from conftest import CONFIG, task

WANTED = dict(domain_name='live.example.com', app_name='news', vod_transcode_group_id='group-a')


def test_check_mode_reports_a_create_without_writing(playbook, emulator):
    run = playbook([task(CONFIG, emulator, **WANTED)], check=True, diff=True)

    assert run.rc == 0, run.stdout + run.stderr
    result = run['result_0']
    assert result['changed'] is True
    assert result['diff']['before'] == '' and 'vod_transcode_group_id: group-a\n' in result['diff']['after']
    assert emulator.write_requests() == [] and emulator.configs() == []
    # Check mode costs exactly one read, as a real run's first step does.
    assert [entry['action'] for entry in emulator.requests()] == ['DescribeLiveRecordVodConfigs']


@pytest.mark.matrix
def test_check_mode_reports_update_and_delete_without_writing(playbook, emulator):
    emulator.seed(configs=[dict(DomainName='live.example.com', AppName='news', VodTranscodeGroupId='group-a', CycleDuration=900)])

    run = playbook([task(CONFIG, emulator, **dict(WANTED, cycle_duration=1200)),
                    task(CONFIG, emulator, domain_name='live.example.com', app_name='news', state='absent')],
                   check=True, diff=True)

    assert run.rc == 0, run.stdout + run.stderr
    update, delete = run['result_0'], run['result_1']
    assert update['changed'] is True and 'cycle_duration: 900\n' in update['diff']['before']
    assert 'cycle_duration: 1200\n' in update['diff']['after'] and update['config']['cycle_duration'] == 1200
    assert delete['diff']['after'] == '' and 'app_name: news\n' in delete['diff']['before']
    assert delete['changed'] is True and delete['config'] == {}
    assert (update['action'], update['differences'], delete['action']) == ('updated', ['cycle_duration'], 'deleted')
    assert emulator.write_requests() == []
    assert emulator.configs()[0]['CycleDuration'] == 900


@pytest.mark.matrix
def test_diff_mode_shows_the_real_change(playbook, emulator):
    emulator.seed(configs=[dict(DomainName='live.example.com', AppName='news', VodTranscodeGroupId='group-a', CycleDuration=900)])

    run = playbook([task(CONFIG, emulator, **dict(WANTED, on_demand=1, cycle_duration=900))], diff=True)

    result = run['result_0']
    assert ('on_demand: 0\n' in result['diff']['before'], 'on_demand: 1\n' in result['diff']['after']) == (True, True)
    # The callback prints the unified diff: the old value removed, the new one added, and no other field changed.
    changed_lines = [line for line in run.stdout.splitlines() if line.startswith(('-', '+')) and not line.startswith(('---', '+++'))]
    assert changed_lines == ['-on_demand: 0', '+on_demand: 1'], run.stdout
    assert '--- before: live.example.com news\n+++ after: live.example.com news\n' in run.stdout
    assert [entry['action'] for entry in emulator.write_requests()] == ['UpdateLiveRecordVodConfig']
