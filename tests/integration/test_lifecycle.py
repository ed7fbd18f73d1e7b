# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Create, rerun, drift and delete: the module's whole life cycle against the emulator."""

import pytest

ADD, UPDATE, DELETE = 'AddLiveRecordVodConfig', 'UpdateLiveRecordVodConfig', 'DeleteLiveRecordVodConfig'
WANTED = dict(domain_name='live.example.com', app_name='sports', vod_transcode_group_id='e2d796d3bb5fd8049d32bff62f94e3a1',
              auto_compose='ON', compose_vod_transcode_group_id='9c1e7d5a0b6f4a3e8d2c1b0a9f8e7d6c', cycle_duration=1800)


@pytest.mark.matrix
def test_create_stores_the_config_as_asked(live, emulator):
    result = live(**WANTED)

    assert result['changed'] is True
    stored = emulator.configs()
    assert len(stored) == 1
    assert (stored[0]['AutoCompose'], stored[0]['CycleDuration'], stored[0]['StreamName']) == ('ON', 1800, '')
    assert result['config']['auto_compose'] is True and result['config']['cycle_duration'] == 1800
    assert result['config']['create_time'] == stored[0]['CreateTime']
    writes = emulator.write_requests()
    assert [entry['action'] for entry in writes] == [ADD]
    assert 'StreamName' not in writes[0]['params'] and 'StorageLocation' not in writes[0]['params']
    assert set(result['request_ids']) <= set(entry['request_id'] for entry in emulator.requests())


@pytest.mark.matrix
def test_identical_rerun_is_unchanged_with_zero_writes(live, emulator):
    live(**WANTED)
    emulator.clear_requests()

    result = live(**WANTED)

    assert result['changed'] is False
    assert emulator.write_requests() == []
    assert [entry['action'] for entry in emulator.requests()] == ['DescribeLiveRecordVodConfigs']


def test_drift_is_updated_to_the_wanted_values(live, emulator):
    live(**WANTED)
    emulator.clear_requests()

    result = live(**dict(WANTED, cycle_duration=3600, auto_compose='OFF'))

    assert result['changed'] is True
    writes = emulator.write_requests()
    assert [entry['action'] for entry in writes] == [UPDATE]
    assert (writes[0]['params']['CycleDuration'], writes[0]['params']['AutoCompose']) == ('3600', 'OFF')
    assert emulator.configs()[0]['CycleDuration'] == 3600
    assert result['config']['cycle_duration'] == 3600 and result['config']['auto_compose'] is False


@pytest.mark.matrix
def test_absent_deletes_then_makes_no_call(live, emulator):
    live(**WANTED)
    emulator.clear_requests()

    first = live(domain_name='live.example.com', app_name='sports', state='absent')
    second = live(domain_name='live.example.com', app_name='sports', state='absent')

    assert (first['changed'], second['changed']) == (True, False)
    assert [entry['action'] for entry in emulator.write_requests()] == [DELETE]
    assert emulator.configs() == []


def test_stream_level_and_app_level_configs_are_kept_apart(live, emulator):
    live(**WANTED)
    stream = live(**dict(WANTED, stream_name='final', cycle_duration=600, auto_compose=False, compose_vod_transcode_group_id=None))
    again = live(**WANTED)

    assert stream['changed'] is True and again['changed'] is False
    by_stream = dict((config['StreamName'], config['CycleDuration']) for config in emulator.configs())
    assert by_stream == {'': 1800, 'final': 600}


def test_storage_location_change_needs_allow_recreate(live, emulator):
    live(**dict(WANTED, storage_location='outin-a.oss-cn-shanghai.aliyuncs.com'))
    emulator.clear_requests()

    refused = live(**dict(WANTED, storage_location='outin-b.oss-cn-shanghai.aliyuncs.com'))
    assert refused['failed'] is True and 'storage_location' in refused['msg']
    assert emulator.write_requests() == []

    moved = live(**dict(WANTED, storage_location='outin-b.oss-cn-shanghai.aliyuncs.com', allow_recreate=True))
    assert moved['changed'] is True
    assert [entry['action'] for entry in emulator.write_requests()] == [DELETE, ADD]
    assert emulator.configs()[0]['StorageLocation'] == 'outin-b.oss-cn-shanghai.aliyuncs.com'
