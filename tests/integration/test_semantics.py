# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The single module's semantics, one test (or a few) per rule, against the emulator.

1. Options left out are never changed on an existing config; API defaults only on creation.
2. Stored values the module was not asked to change are kept, OnDemand 2 and 7 included.
3. A task that fails after a write took effect reports changed: true.
4. stream_name: '' is refused; the info module's '' filter selects application-level configs.
5. domain_name is sent in lowercase.
6. Check mode predicts exactly what the run returns.
7. A read-back that shows a value nobody in this task wrote blames another writer, without "rerun".
"""

import threading
import time

import pytest

from conftest import CONFIG, CONFIGS, INFO, task, without_today_defaults

ADD, UPDATE, DELETE = 'AddLiveRecordVodConfig', 'UpdateLiveRecordVodConfig', 'DeleteLiveRecordVodConfig'
DESCRIBE = 'DescribeLiveRecordVodConfigs'
DOMAIN = 'live.example.com'
REQUIRED = dict(domain_name=DOMAIN, app_name='sports', vod_transcode_group_id='group-a')
# A config made in the console with every value away from the API defaults.
RICH = dict(DomainName=DOMAIN, AppName='sports', StreamName='', VodTranscodeGroupId='group-a', CycleDuration=7200, OnDemand=1,
            AutoCompose='ON', ComposeVodTranscodeGroupId='compose-a', StorageLocation='outin-a.oss-cn-shanghai.aliyuncs.com')


def stored(emulator):
    return [dict((key, value) for key, value in without_today_defaults(config).items() if key != 'CreateTime')
            for config in emulator.configs()]


def write_actions(emulator):
    return [entry['action'] for entry in emulator.write_requests()]


# ---- 1. options left out are never changed --------------------------------------------------------


def test_a_task_with_only_the_required_options_changes_nothing(live, emulator):
    emulator.seed(configs=[RICH])

    result = live(**REQUIRED)

    assert result['changed'] is False and result['action'] == 'none'
    assert emulator.write_requests() == []
    assert stored(emulator) == [RICH]
    assert (result['config']['cycle_duration'], result['config']['on_demand'], result['config']['auto_compose']) == (7200, 1, True)


def test_moving_the_storage_location_keeps_every_other_stored_value(live, emulator):
    # The module's own example: move the recordings to another storage location.
    emulator.seed(configs=[RICH])

    result = live(**dict(REQUIRED, storage_location='outin-archive.oss-cn-shanghai.aliyuncs.com', allow_recreate=True))

    assert result['changed'] is True and result['action'] == 'recreated' and result['differences'] == ['storage_location']
    assert write_actions(emulator) == [DELETE, ADD]
    assert stored(emulator) == [dict(RICH, StorageLocation='outin-archive.oss-cn-shanghai.aliyuncs.com')]


def test_the_api_defaults_apply_only_when_the_module_creates_the_config(live, emulator):
    created = live(**REQUIRED)
    assert created['changed'] is True
    assert (emulator.configs()[0]['CycleDuration'], emulator.configs()[0]['AutoCompose'], emulator.configs()[0]['OnDemand']) == (
        3600, 'OFF', 0)

    live(**dict(REQUIRED, cycle_duration=900, on_demand=1))
    emulator.clear_requests()
    again = live(**REQUIRED)

    assert again['changed'] is False and emulator.write_requests() == []
    assert (emulator.configs()[0]['CycleDuration'], emulator.configs()[0]['OnDemand']) == (900, 1)


# ---- 2. stored values the module cannot express are kept ------------------------------------------


@pytest.mark.parametrize('on_demand', [2, 7])
def test_a_stored_on_demand_value_is_kept_by_an_update_of_another_field(live, emulator, on_demand):
    emulator.seed(configs=[dict(RICH, OnDemand=on_demand)])

    result = live(**dict(REQUIRED, cycle_duration=600))

    assert result['changed'] is True and result['differences'] == ['cycle_duration']
    update = emulator.requests(UPDATE)[0]['params']
    assert update['OnDemand'] == str(on_demand)
    assert stored(emulator) == [dict(RICH, OnDemand=on_demand, CycleDuration=600)]
    assert result['config']['on_demand'] == on_demand


@pytest.mark.parametrize('on_demand', [0, 1, 2, 7])
def test_every_documented_on_demand_value_can_be_set(live, emulator, on_demand):
    first = live(**dict(REQUIRED, on_demand=on_demand))
    second = live(**dict(REQUIRED, on_demand=on_demand))

    assert (first['changed'], second['changed']) == (True, False)
    assert emulator.configs()[0]['OnDemand'] == on_demand


def test_an_undocumented_on_demand_value_is_refused_before_any_write(live, emulator):
    # Whether it is a change needs the stored config (a stored value is always accepted back): one read, no write.
    result = live(**dict(REQUIRED, on_demand=3))

    assert result['failed'] is True and 'on_demand' in result['msg'] and '0, 1, 2, 7' in result['msg']
    assert [entry['action'] for entry in emulator.requests()] == [DESCRIBE]


# ---- 3. a failure after a write reports changed ---------------------------------------------------

REJECTED_LOCATION = dict(kind='error', status=400, code='InvalidParameter',
                         message='The specified parameter StorageLocation is not valid.')


def test_a_recreate_whose_add_failed_and_was_restored_reports_changed(live, emulator):
    emulator.seed(configs=[RICH])
    emulator.fault(ADD, times=1, **REJECTED_LOCATION)

    result = live(**dict(REQUIRED, storage_location='outin-b.oss-cn-shanghai.aliyuncs.com', allow_recreate=True))

    assert result['failed'] is True and result['changed'] is True
    assert 'was restored' in result['msg'] and 'InvalidParameter' in result['msg']
    assert result['error']['code'] == 'InvalidParameter' and result['error']['request_id'] in result['msg']
    assert write_actions(emulator) == [DELETE, ADD, ADD]
    assert stored(emulator) == [RICH]
    assert result['config']['storage_location'] == RICH['StorageLocation']


def test_a_recreate_that_lost_the_config_reports_changed_and_says_so(live, emulator):
    emulator.seed(configs=[RICH])
    emulator.fault(ADD, times=2, **REJECTED_LOCATION)

    result = live(**dict(REQUIRED, storage_location='outin-b.oss-cn-shanghai.aliyuncs.com', allow_recreate=True))

    assert result['failed'] is True and result['changed'] is True
    assert 'could NOT be restored' in result['msg'] and result['config'] == {}
    assert emulator.configs() == []


def test_a_write_whose_read_back_failed_reports_changed(live, emulator):
    # The first read passes; the read-back after the add is refused.
    emulator.fault(DESCRIBE, kind='error', status=403, code='Forbidden.RAM', message='User not authorized to operate.', skip=1)

    result = live(**REQUIRED)

    assert result['failed'] is True and result['changed'] is True
    assert 'reading it back failed' in result['msg'] and 'Forbidden.RAM' in result['msg']
    assert len(emulator.configs()) == 1


# ---- 4. an empty stream name ------------------------------------------------------------------------


def test_an_empty_stream_name_is_the_application_level_config_in_every_module(live, emulator):
    stream = dict(RICH, StreamName='final', CycleDuration=900)
    emulator.seed(configs=[RICH, stream])

    single = live(**dict(REQUIRED, stream_name='', cycle_duration=1800))
    bulk = live(CONFIGS, domain_name=DOMAIN, config=[dict(app_name='sports', stream_name='', cycle_duration=2400)])
    info = live(INFO, domain_name=DOMAIN, app_name='sports', stream_name='')

    assert single.get('failed') is not True and bulk.get('failed') is not True, (single.get('msg'), bulk.get('msg'))
    assert single['config']['stream_name'] == '' and [entry['key'] for entry in bulk['actions']] == ['sports']
    assert [(config['app_name'], config['stream_name'], config['cycle_duration']) for config in info['configs']] == [
        ('sports', '', 2400)]
    # Only the application-level config changed; the stream's own config is as it was.
    assert [entry['params'].get('StreamName', '') for entry in emulator.write_requests()] == ['', '']
    assert [config['CycleDuration'] for config in stored(emulator) if config['StreamName'] == 'final'] == [900]

    removed = live(**dict(REQUIRED, stream_name='', state='absent'))
    assert removed['changed'] is True
    assert [config['StreamName'] for config in stored(emulator)] == ['final']


def test_the_info_module_filters_application_level_configs_with_an_empty_stream_name(live, emulator):
    emulator.seed(configs=[RICH, dict(RICH, StreamName='final'), dict(RICH, AppName='news')])

    result = live(INFO, domain_name=DOMAIN, stream_name='')

    assert sorted((config['app_name'], config['stream_name']) for config in result['configs']) == [('news', ''), ('sports', '')]


# ---- 5. the domain in lowercase ---------------------------------------------------------------------


def test_a_mixed_case_domain_is_sent_in_lowercase(live, emulator):
    created = live(**dict(REQUIRED, domain_name='Live.Example.COM'))
    again = live(**dict(REQUIRED, domain_name='LIVE.example.com'))
    listed = live(INFO, domain_name='Live.Example.Com', app_name='sports')

    assert created.get('failed') is not True, created.get('msg')
    assert (created['changed'], again['changed']) == (True, False)
    assert set(entry['params']['DomainName'] for entry in emulator.requests()) == set([DOMAIN])
    assert created['config']['domain_name'] == DOMAIN
    assert [config['domain_name'] for config in listed['configs']] == [DOMAIN]


# ---- 6. check mode predicts the run -------------------------------------------------------------


SCENARIOS = [
    ('create', [], dict(REQUIRED, cycle_duration=1200)),
    ('update', [RICH], dict(REQUIRED, on_demand=0)),
    ('nothing', [RICH], dict(REQUIRED)),
    ('recreate', [RICH], dict(REQUIRED, storage_location='outin-b.oss-cn-shanghai.aliyuncs.com', allow_recreate=True)),
    ('delete', [RICH], dict(domain_name=DOMAIN, app_name='sports', state='absent')),
]


@pytest.mark.parametrize('name, seed, args', SCENARIOS, ids=[scenario[0] for scenario in SCENARIOS])
def test_check_mode_predicts_exactly_what_the_run_returns(playbook, emulator, name, seed, args):
    emulator.seed(configs=seed)
    predicted_task = dict(task(CONFIG, emulator, **args), check_mode=True, diff=True)
    real_task = dict(task(CONFIG, emulator, **args), diff=True)

    run = playbook([predicted_task, real_task])

    predicted, real = run['result_0'], run['result_1']
    assert real.get('failed') is not True, real.get('msg')
    for key in ('changed', 'action', 'differences'):
        assert predicted[key] == real[key], key
    assert sorted(predicted['config']) == sorted(real['config'])
    new_config = name in ('create', 'recreate')
    if new_config:
        # The service sets the creation time: predicted as null, returned as set.
        assert predicted['config']['create_time'] is None and real['config']['create_time']
        predicted['config']['create_time'] = real['config']['create_time']
    assert predicted['config'] == real['config']
    assert predicted['diff'] == real['diff']


# ---- 7. another writer during the read-back ----------------------------------------------------------


def test_a_read_back_showing_another_writers_value_blames_the_other_writer(live, emulator):
    emulator.seed(configs=[RICH])
    # The update is applied at once but answered a second later; meanwhile another writer sets a third value.
    emulator.fault(UPDATE, kind='delay', seconds=1.0, hold=True, times=1)

    def other_writer():
        deadline = time.monotonic() + 120  # stops a hung test only
        while not emulator.requests(UPDATE) and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.3)
        emulator.seed(configs=[dict(RICH, CycleDuration=999)])

    writer = threading.Thread(target=other_writer)
    writer.start()
    try:
        result = live(**dict(REQUIRED, cycle_duration=1800))
    finally:
        writer.join()

    assert result['failed'] is True and result['changed'] is True
    assert 'another writer changed the config meanwhile' in result['msg']
    assert 'cycle_duration 999' in result['msg'] and '1800' in result['msg']
    assert 'rerun' not in result['msg'].lower()
    # No read-back retries for a value no wait can bring back.
    assert [entry['action'] for entry in emulator.requests()] == [DESCRIBE, UPDATE, DESCRIBE]
