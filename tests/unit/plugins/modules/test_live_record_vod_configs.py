# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The resource module against the fake API at the SDK boundary: how it uses the planner in
every state, what it refuses before any request, and what it reports."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

import pytest

from ansible_collections.alicloud.live.plugins.modules import live_record_vod_configs as module

from live_fakes import BASE_ARGS, SECRET, error_body

ADD = 'AddLiveRecordVodConfig'
UPDATE = 'UpdateLiveRecordVodConfig'
DELETE = 'DeleteLiveRecordVodConfig'
DESCRIBE = 'DescribeLiveRecordVodConfigs'
DOMAIN = 'live.example.com'


def args(config=None, **extra):
    result = dict(BASE_ARGS, domain_name=DOMAIN, retry_delay=0.01, concurrency=1)
    if config is not None:
        result['config'] = config
    result.update(extra)
    return result


def by_key(result):
    return dict((entry['key'], entry) for entry in result['actions'])


def stored(fake_api):
    return dict(((c['AppName'], c['StreamName']), c) for c in fake_api.configs)


# ---- merged ---------------------------------------------------------------------------------------


def test_merged_creates_updates_only_given_fields_and_leaves_the_rest_alone(fake_api, run_module):
    fake_api.seed(AppName='kept', CycleDuration=7200, OnDemand=1)
    fake_api.seed(AppName='changed', CycleDuration=7200, OnDemand=1, StorageLocation='oss:/keep')
    result = run_module(module, args([
        dict(app_name='new', vod_transcode_group_id='g-new'),
        dict(app_name='changed', cycle_duration=600),
    ]))

    assert result['changed'] is True
    actions = by_key(result)
    assert (actions['new']['action'], actions['changed']['action']) == ('created', 'updated')
    assert actions['changed']['differences'] == dict(cycle_duration=dict(before=7200, after=600))
    assert 'kept' not in actions
    configs = stored(fake_api)
    # Fields left unset keep their stored values; the unlisted config is untouched.
    assert (configs[('changed', '')]['CycleDuration'], configs[('changed', '')]['OnDemand']) == ('600', '1')
    assert configs[('changed', '')]['StorageLocation'] == 'oss:/keep'
    assert configs[('kept', '')]['CycleDuration'] == 7200
    assert configs[('new', '')]['CycleDuration'] == '3600'
    # One read, the writes, one read back.
    assert fake_api.actions()[0] == DESCRIBE and fake_api.actions()[-1] == DESCRIBE
    assert sorted(fake_api.actions()[1:-1]) == [ADD, UPDATE]
    assert [c['app_name'] for c in result['after']] == ['changed', 'kept', 'new']


@pytest.mark.parametrize('config', [None, []], ids=['no list', 'empty list'])
@pytest.mark.parametrize('state', ['merged', 'replaced'])
def test_an_empty_list_changes_nothing_when_merged_or_replaced(fake_api, run_module, config, state):
    fake_api.seed(AppName='a')
    result = run_module(module, args(config, state=state))

    assert result['changed'] is False
    assert fake_api.actions() == [DESCRIBE]
    assert result['actions'] == []
    assert result['before'] == result['after'] and len(result['after']) == 1


def test_a_second_identical_run_reads_once_per_hundred_configs_and_writes_nothing(fake_api, run_module):
    for index in range(250):
        fake_api.seed(AppName='app%03d' % index)
    config = [dict(app_name='app%03d' % index, vod_transcode_group_id='group-1') for index in range(250)]
    result = run_module(module, args(config))

    assert result['changed'] is False
    assert fake_api.actions() == [DESCRIBE] * 3
    assert [call.params['PageSize'] for call in fake_api.calls] == ['100'] * 3
    assert set(entry['action'] for entry in result['actions']) == set(['unchanged'])


def test_the_domain_is_read_and_written_in_lowercase(fake_api, run_module):
    result = run_module(module, args([dict(app_name='a', vod_transcode_group_id='g')], domain_name='Live.EXAMPLE.com'))

    assert result['changed'] is True
    assert set(call.params['DomainName'] for call in fake_api.calls) == set([DOMAIN])


def test_app_level_config_is_the_item_without_stream_name(fake_api, run_module):
    fake_api.seed(AppName='a')
    result = run_module(module, args([dict(app_name='a', stream_name='', cycle_duration=600)]))

    assert by_key(result)['a']['action'] == 'updated'
    assert [call.params.get('StreamName') for call in fake_api.writes] == [None]
    assert result['after'][0]['stream_name'] is None


# ---- replaced -------------------------------------------------------------------------------------


def test_replaced_resets_left_out_fields_to_the_api_defaults(fake_api, run_module):
    fake_api.seed(AppName='a', CycleDuration=7200, OnDemand=1, AutoCompose='ON', ComposeVodTranscodeGroupId='c1',
                  StorageLocation='oss:/keep')
    fake_api.seed(AppName='other', CycleDuration=7200)
    result = run_module(module, args([dict(app_name='a', vod_transcode_group_id='g2')], state='replaced'))

    assert result['changed'] is True
    assert list(by_key(result)['a']['differences']) == ['vod_transcode_group_id', 'cycle_duration', 'auto_compose',
                                                        'compose_vod_transcode_group_id', 'on_demand']
    config = stored(fake_api)[('a', '')]
    assert (config['CycleDuration'], config['OnDemand'], config['AutoCompose']) == ('3600', '0', 'OFF')
    # storage_location has no default the API could go back to: left out, it is kept.
    assert config['StorageLocation'] == 'oss:/keep'
    assert stored(fake_api)[('other', '')]['CycleDuration'] == 7200


def test_replaced_storage_location_change_fails_before_any_write_without_allow_recreate(fake_api, run_module):
    fake_api.seed(AppName='a', StorageLocation='oss:/old')
    result = run_module(module, args([dict(app_name='new', vod_transcode_group_id='g'),
                                      dict(app_name='a', storage_location='oss:/new')], state='replaced'))

    assert result['failed'] is True and result['changed'] is False
    assert 'allow_recreate' in result['msg'] and 'config[1] (a)' in result['msg'] and 'Nothing was changed' in result['msg']
    assert fake_api.writes == []
    actions = by_key(result)
    assert actions['a']['action'] == 'failed' and 'storage_location' in actions['a']['error']['message']
    assert actions['new'] == dict(key='new', app_name='new', stream_name='', action='unchanged', differences={})


def test_replaced_storage_location_change_with_allow_recreate_reports_updated(fake_api, run_module):
    fake_api.seed(AppName='a', StorageLocation='oss:/old', CycleDuration=600)
    result = run_module(module, args([dict(app_name='a', storage_location='oss:/new', cycle_duration=600)],
                                     state='replaced', allow_recreate=True))

    assert result['changed'] is True
    entry = by_key(result)['a']
    assert entry['action'] == 'updated'
    assert entry['differences']['storage_location'] == dict(before='oss:/old', after='oss:/new')
    assert [call.action for call in fake_api.writes] == [DELETE, ADD]
    assert stored(fake_api)[('a', '')]['StorageLocation'] == 'oss:/new'


# ---- overridden -----------------------------------------------------------------------------------


def test_overridden_deletes_every_unlisted_config(fake_api, run_module):
    fake_api.seed(AppName='keep')
    fake_api.seed(AppName='drop')
    fake_api.seed(AppName='drop', StreamName='s1')
    fake_api.seed(AppName='other-domain', DomainName='demo.example.com')
    result = run_module(module, args([dict(app_name='keep'), dict(app_name='new', vod_transcode_group_id='g')],
                                     state='overridden'))

    assert result['changed'] is True
    actions = by_key(result)
    assert [(key, actions[key]['action']) for key in ('keep', 'new', 'drop', 'drop/s1')] == [
        ('keep', 'unchanged'), ('new', 'created'), ('drop', 'deleted'), ('drop/s1', 'deleted')]
    assert sorted(stored(fake_api)) == [('keep', ''), ('new', ''), ('other-domain', '')]
    assert [c['app_name'] for c in result['after']] == ['keep', 'new']


@pytest.mark.parametrize('state, config', [('overridden', []), ('deleted', []), ('deleted', None)])
def test_wiping_a_domain_fails_before_any_request_without_allow_delete_all(fake_api, run_module, state, config):
    fake_api.seed(AppName='a')
    result = run_module(module, args(config, state=state))

    assert result['failed'] is True
    assert 'allow_delete_all' in result['msg']
    assert fake_api.calls == []
    assert len(fake_api.configs) == 1


@pytest.mark.parametrize('state, config', [('overridden', []), ('deleted', []), ('deleted', None)])
def test_allow_delete_all_wipes_the_domain(fake_api, run_module, state, config):
    fake_api.seed(AppName='a')
    fake_api.seed(AppName='b', StreamName='s')
    result = run_module(module, args(config, state=state, allow_delete_all=True))

    assert result['changed'] is True
    assert fake_api.configs == []
    assert [(entry['key'], entry['action']) for entry in result['actions']] == [('a', 'deleted'), ('b/s', 'deleted')]
    assert result['after'] == []


# ---- deleted --------------------------------------------------------------------------------------


def test_deleted_deletes_only_the_listed_configs_and_ignores_other_fields(fake_api, run_module):
    fake_api.seed(AppName='a')
    fake_api.seed(AppName='a', StreamName='s')
    result = run_module(module, args([dict(app_name='a', stream_name='s', cycle_duration=600), dict(app_name='gone')],
                                     state='deleted'))

    assert result['changed'] is True
    assert [(entry['key'], entry['action']) for entry in result['actions']] == [('a/s', 'deleted'), ('gone', 'unchanged')]
    assert sorted(stored(fake_api)) == [('a', '')]
    assert [call.action for call in fake_api.writes] == [DELETE]


# ---- gathered -------------------------------------------------------------------------------------


def test_gathered_returns_the_configs_in_the_config_shape_and_writes_nothing(fake_api, run_module):
    fake_api.seed(AppName='b', StreamName='s', OnDemand=1, StorageLocation='oss:/x')
    fake_api.seed(AppName='a', AutoCompose='ON', ComposeVodTranscodeGroupId='c1')
    result = run_module(module, args(state='gathered'))

    assert result['changed'] is False
    assert fake_api.actions() == [DESCRIBE]
    assert result['gathered'] == [
        dict(app_name='a', stream_name=None, vod_transcode_group_id='group-1', cycle_duration=3600, auto_compose=True,
             compose_vod_transcode_group_id='c1', storage_location=None, on_demand=0, delay_time=None, record_content=['raw'],
             transcode_templates=None, space_id=None, record_formats=None, extra=None),
        dict(app_name='b', stream_name='s', vod_transcode_group_id='group-1', cycle_duration=3600, auto_compose=False,
             compose_vod_transcode_group_id=None, storage_location='oss:/x', on_demand=1, delay_time=None,
             record_content=['raw'], transcode_templates=None, space_id=None, record_formats=None, extra=None),
    ]


def test_gathered_output_applied_with_merged_changes_nothing(fake_api, run_module):
    fake_api.seed(AppName='b', StreamName='s', OnDemand=1, StorageLocation='oss:/x')
    fake_api.seed(AppName='a', AutoCompose='ON', ComposeVodTranscodeGroupId='c1')
    gathered = run_module(module, args(state='gathered'))['gathered']
    del fake_api.calls[:]
    for state in ('merged', 'replaced', 'overridden'):
        result = run_module(module, args(gathered, state=state))
        assert result['changed'] is False, state
    assert fake_api.writes == []


def test_gathered_refuses_a_config_list(fake_api, run_module):
    result = run_module(module, args([dict(app_name='a')], state='gathered'))

    assert result['failed'] is True and 'state=gathered' in result['msg']
    assert fake_api.calls == []


# ---- input checked before any request -------------------------------------------------------------


def test_duplicate_items_fail_before_any_request_naming_them(fake_api, run_module):
    result = run_module(module, args([dict(app_name='a'), dict(app_name='b', stream_name='s'), dict(app_name='a', stream_name=''),
                                      dict(app_name='b', stream_name='s')]))

    assert result['failed'] is True
    assert 'a (items 0 and 2)' in result['msg'] and 'b/s (items 1 and 3)' in result['msg']
    assert fake_api.calls == []


@pytest.mark.parametrize('item, words', [
    (dict(app_name='a', cycle_duration=100), ['config[1]: cycle_duration', '300', '21600']),
    (dict(app_name='a', cycle_duration='often'), ['config[1]: ', 'cycle_duration', 'int']),
    (dict(stream_name='s'), ['config[1]: missing required arguments: app_name']),
    (dict(app_name='a', colour='red'), ['config[1]: unsupported parameters: colour']),
    (dict(app_name='bad name'), ['config[1]: app_name']),
    (dict(app_name='a', storage_location='no spaces'), ['config[1]: storage_location']),
    (dict(app_name='a', auto_compose=True), ['config[1]: auto_compose is true but compose_vod_transcode_group_id']),
])
def test_bad_items_fail_before_any_request_naming_the_item_and_the_option(fake_api, run_module, item, words):
    result = run_module(module, args([dict(app_name='fine', vod_transcode_group_id='g'), item]))

    assert result['failed'] is True
    for word in words:
        assert word in result['msg']
    assert 'config[0]' not in result['msg']
    assert fake_api.calls == []


def test_a_change_outside_the_choices_fails_after_the_read_before_any_write_and_a_stored_one_is_kept(fake_api, run_module):
    fake_api.seed(AppName='odd', OnDemand=3)
    fake_api.seed(AppName='plain', OnDemand=0)

    refused = run_module(module, args([dict(app_name='odd', on_demand=3, cycle_duration=1800),
                                       dict(app_name='plain', on_demand=5)]))

    assert refused['failed'] is True and fake_api.actions() == [DESCRIBE]
    assert 'config[1] (plain): on_demand must be one of 0, 1, 2, 7, got 5' in refused['msg'], refused['msg']
    assert 'odd' not in refused['msg']

    applied = run_module(module, args([dict(app_name='odd', on_demand=3, cycle_duration=1800)]))
    assert applied.get('failed') is not True, applied.get('msg')
    assert fake_api.writes[0].params['OnDemand'] == '3'


@pytest.mark.parametrize('option, value', [('concurrency', 0), ('concurrency', 33), ('rate_limit', 0), ('rate_limit', 1001)])
def test_bulk_options_out_of_range_fail_before_any_request(fake_api, run_module, option, value):
    result = run_module(module, args([dict(app_name='a')], **{option: value}))

    assert result['failed'] is True and result['msg'].startswith('%s must be between' % option)
    assert fake_api.calls == []


def test_a_new_config_without_vod_transcode_group_id_fails_before_any_write(fake_api, run_module):
    result = run_module(module, args([dict(app_name='ok', vod_transcode_group_id='g'), dict(app_name='missing')]))

    assert result['failed'] is True and 'vod_transcode_group_id' in result['msg'] and 'config[1] (missing)' in result['msg']
    assert fake_api.actions() == [DESCRIBE]


# ---- check mode and diff --------------------------------------------------------------------------


def test_check_mode_reports_what_the_run_would_do_without_writing(fake_api, run_module):
    fake_api.seed(AppName='a')
    fake_api.seed(AppName='drop')
    config = [dict(app_name='a', cycle_duration=600), dict(app_name='new', vod_transcode_group_id='g')]
    checked = run_module(module, args(config, state='overridden'), check_mode=True, diff=True)

    assert fake_api.actions() == [DESCRIBE]
    assert checked['changed'] is True
    assert [(entry['key'], entry['action']) for entry in checked['actions']] == [
        ('a', 'updated'), ('new', 'created'), ('drop', 'deleted')]
    # One text entry per config that would change, in the order of their keys.
    assert [(entry['before_header'], entry['after_header']) for entry in checked['diff']] == [
        ('live.example.com a', 'live.example.com a'), ('live.example.com drop', 'live.example.com drop'),
        ('live.example.com new', 'live.example.com new')]
    assert 'cycle_duration: 3600\n' in checked['diff'][0]['before'] and 'cycle_duration: 600\n' in checked['diff'][0]['after']
    assert checked['diff'][1]['after'] == '' and checked['diff'][1]['before'].startswith('app_name: drop\n')
    assert checked['diff'][2]['before'] == '' and 'vod_transcode_group_id: g\n' in checked['diff'][2]['after']

    applied = run_module(module, args(config, state='overridden'))
    assert [(e['key'], e['action'], e['differences']) for e in applied['actions']] == [
        (e['key'], e['action'], e['differences']) for e in checked['actions']]
    assert applied['after'] == checked['after']


# ---- partial failure ------------------------------------------------------------------------------


def test_partial_failure_reports_every_item_and_fails_with_changed(fake_api, run_module):
    fake_api.seed(AppName='u')
    refused = error_body('InvalidParameter', 'The specified parameter is invalid.', 'REQ-DENIED')
    fake_api.script(ADD, fake_api.handle, (400, refused))
    result = run_module(module, args([dict(app_name='c1', vod_transcode_group_id='g'), dict(app_name='c2', vod_transcode_group_id='g'),
                                      dict(app_name='u', cycle_duration=900)]))

    assert result['failed'] is True and result['changed'] is True
    actions = by_key(result)
    assert (actions['c1']['action'], actions['c2']['action'], actions['u']['action']) == ('created', 'failed', 'updated')
    assert (actions['c1']['applied'], actions['c2']['applied'], actions['u']['applied']) == (True, False, True)
    assert actions['c2']['error']['code'] == 'InvalidParameter'
    assert actions['c2']['error']['request_id'] == 'REQ-DENIED'
    assert actions['c2']['error']['http_status'] == 400
    assert 'Of 3 configs: 1 failed, 2 applied' in result['msg']
    assert 'InvalidParameter' in result['msg'] and 'REQ-DENIED' in result['msg']
    assert [c['app_name'] for c in result['after']] == ['c1', 'u']

    del fake_api.calls[:]
    rerun = run_module(module, args([dict(app_name='c1', vod_transcode_group_id='g'), dict(app_name='c2', vod_transcode_group_id='g'),
                                     dict(app_name='u', cycle_duration=900)]))
    assert rerun['changed'] is True and 'failed' not in rerun
    assert [call.params['AppName'] for call in fake_api.writes] == ['c2']


@pytest.mark.parametrize('code, status', [('InvalidSecurityToken.Expired', 400), ('Forbidden.RAM', 403),
                                          ('InvalidAccessKeyId.NotFound', 404)])
def test_an_error_every_call_would_meet_stops_the_batch(fake_api, run_module, code, status):
    config = [dict(app_name='app%02d' % index, vod_transcode_group_id='g') for index in range(10)]
    expired = error_body(code, 'The request is refused.', 'REQ-STOP')
    # Three adds land, the fourth meets the error; every later call would meet it too (reads included).
    fake_api.script(ADD, fake_api.handle, fake_api.handle, fake_api.handle, (status, expired))
    fake_api.script(DESCRIBE, fake_api.handle, (status, expired))
    result = run_module(module, args(config))

    assert [call.action for call in fake_api.writes] == [ADD] * 4
    actions = [(entry['key'], entry['action'], entry['applied']) for entry in result['actions']]
    # Applied, but reading back failed: applied and failed; the one refused: failed; the rest not attempted.
    assert actions[:3] == [('app%02d' % index, 'failed', True) for index in range(3)]
    assert actions[3] == ('app03', 'failed', False)
    assert actions[4:] == [('app%02d' % index, 'not_attempted', False) for index in range(4, 10)]
    assert result['failed'] is True and result['changed'] is True
    assert result['msg'].startswith('Of 10 configs: 1 failed, 3 applied but not verified, 6 not attempted, 0 applied. '
                                    'The run stopped at the first %s' % code)


def test_an_error_that_only_one_config_meets_does_not_stop_the_batch(fake_api, run_module):
    config = [dict(app_name='app%02d' % index, vod_transcode_group_id='g') for index in range(5)]
    fake_api.script(ADD, fake_api.handle, (400, error_body('InvalidParameter', 'bad', 'REQ-1')))
    result = run_module(module, args(config))

    assert len(fake_api.writes) == 5
    assert [entry['action'] for entry in result['actions']] == ['created', 'failed', 'created', 'created', 'created']
    assert result['msg'].startswith('Of 5 configs: 1 failed, 4 applied; run the task again to retry')


def test_a_write_acknowledged_but_not_applied_fails_after_reading_the_domain_back(fake_api, run_module):
    fake_api.script(ADD, (200, dict(RequestId='REQ-LOST')))
    result = run_module(module, args([dict(app_name='a', vod_transcode_group_id='g')]))

    assert result['failed'] is True and result['changed'] is True
    assert 'not applied' in by_key(result)['a']['error']['message']
    # Re-read the whole domain, not the config: the same pages serve every item.
    assert fake_api.actions() == [DESCRIBE, ADD, DESCRIBE, DESCRIBE, DESCRIBE]
    assert all(set(call.params) & set(['AppName', 'StreamName']) == set() for call in fake_api.calls if call.action == DESCRIBE)


def test_a_failed_first_read_names_code_status_and_request_id(fake_api, run_module):
    result = run_module(module, args([dict(app_name='a')], domain_name='unknown.example.com'))

    assert result['failed'] is True
    assert 'InvalidDomain.NotFound' in result['msg'] and '404' in result['msg'] and 'RequestId' in result['msg']
    assert 'Traceback' not in result['msg']


# ---- concurrency, pacing and secrets --------------------------------------------------------------


def test_concurrent_writes_give_the_same_result(fake_api, run_module):
    config = [dict(app_name='app%02d' % index, vod_transcode_group_id='g') for index in range(20)]
    result = run_module(module, args(config, concurrency=8))

    assert result['changed'] is True
    assert [entry['key'] for entry in result['actions']] == ['app%02d' % index for index in range(20)]
    assert set(entry['action'] for entry in result['actions']) == set(['created'])
    assert len(fake_api.configs) == 20 and len(fake_api.writes) == 20


def test_calls_are_spread_evenly_at_the_rate(fake_api, run_module, monkeypatch):
    config = [dict(app_name='app%02d' % index, vod_transcode_group_id='g') for index in range(12)]
    clock = [1000.0]

    def sleep(seconds):
        fake_api.sleeps.append(seconds)
        clock[0] += seconds

    # The budget reads wall time; this clock moves only when the module sleeps.
    monkeypatch.setattr('time.time', lambda: clock[0])
    monkeypatch.setattr('time.sleep', sleep)
    times = []
    fake_api.script(ADD, *[lambda call: times.append(clock[0]) or fake_api.handle(call)] * 12)
    run_module(module, args(config, rate_limit=60))

    # 60 per minute: one call a second per action, from the first, with no burst.
    assert len(times) == 12
    assert [round(later - earlier, 3) for earlier, later in zip(times, times[1:])] == [1.0] * 11
    assert sum(fake_api.sleeps) == pytest.approx(11.0, abs=0.01)


def test_secrets_are_not_in_the_result(fake_api, run_module):
    fake_api.script(ADD, (403, error_body('Forbidden', 'echo %s' % SECRET)))
    result = run_module(module, args([dict(app_name='a', vod_transcode_group_id='g')]), diff=True)

    assert result['failed'] is True
    assert SECRET not in json.dumps(result)


def test_check_mode_predicts_the_run_in_type_too_for_a_boolean_given_to_an_int_option(fake_api, run_module):
    fake_api.seed(AppName='a', OnDemand=0)
    config = [dict(app_name='a', on_demand=True), dict(app_name='new', vod_transcode_group_id='g', on_demand=True)]

    predicted = run_module(module, args(config), check_mode=True)
    applied = run_module(module, args(config))

    assert json.dumps(predicted['after']) == json.dumps(applied['after'])
    assert [item['on_demand'] for item in applied['after']] == [1, 1]
    assert '"on_demand": true' not in json.dumps([predicted['after'], predicted['actions']])
    assert json.dumps(predicted['actions']) == json.dumps(applied['actions'])
