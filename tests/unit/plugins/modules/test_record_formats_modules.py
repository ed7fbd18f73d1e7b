# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Per-format recording, transcoded streams, delays and VOD spaces through the three modules, against
the fake API (whose Update resets what it is not sent, as the emulator does)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.alicloud.live.plugins.modules import live_record_vod_config as single
from ansible_collections.alicloud.live.plugins.modules import live_record_vod_config_info as info
from ansible_collections.alicloud.live.plugins.modules import live_record_vod_configs as bulk

from live_fakes import BASE_ARGS

DESCRIBE = 'DescribeLiveRecordVodConfigs'
DOMAIN = 'live.example.com'
FORMATS = [dict(Format='m3u8', SliceDuration=10, AutoCompose='OFF', VideoProcess='origin'),
           dict(Format='flv', AutoCompose='OFF', Tags='live', VideoProcess='origin'),
           dict(Format='mp4', AutoCompose='ON', VideoProcess='origin,compose')]
WANTED_FORMATS = [dict(format='mp4', auto_compose=True, video_process=['compose', 'origin']),
                  dict(format='m3u8', slice_duration=10), dict(format='flv', tags='live')]


def bulk_args(config=None, **extra):
    result = dict(BASE_ARGS, domain_name=DOMAIN, retry_delay=0.01, concurrency=1)
    if config is not None:
        result['config'] = config
    result.update(extra)
    return result


def single_args(**extra):
    result = dict(BASE_ARGS, domain_name=DOMAIN, app_name='app', retry_delay=0.01)
    result.update(extra)
    return result


def seed_rich(fake_api, **fields):
    """A config whose formats, templates, delay, content and space were set elsewhere."""
    values = dict(RecordFormat=[dict(item) for item in FORMATS], TranscodeTemplates=['sd', 'hd'], DelayTime=180,
                  RecordContent='raw,transcode', SpaceId='space-1')
    values.update(fields)
    return fake_api.seed(**values)


def writes(fake_api):
    return [call.action for call in fake_api.writes]


def test_a_rerun_with_the_formats_in_another_order_reads_once_and_writes_nothing(fake_api, run_module):
    first = run_module(single, single_args(record_formats=WANTED_FORMATS))
    assert first['changed'] is True and writes(fake_api) == ['AddLiveRecordVodConfig']
    fake_api.calls[:] = []
    # Describe now lists them in yet another order.
    fake_api.format_order = ['flv', 'mp4', 'm3u8']

    again = run_module(single, single_args(record_formats=list(reversed(WANTED_FORMATS))))

    assert again['changed'] is False and fake_api.actions() == [DESCRIBE]
    assert [item['format'] for item in again['config']['record_formats']] == ['m3u8', 'flv', 'mp4']


@pytest.mark.parametrize('module, make_args', [
    (single, lambda: single_args(vod_transcode_group_id='group-1', cycle_duration=600)),
    (bulk, lambda: bulk_args([dict(app_name='app', cycle_duration=600)])),
])
def test_a_cycle_duration_change_keeps_formats_templates_and_delay(fake_api, run_module, module, make_args):
    seed_rich(fake_api)

    result = run_module(module, make_args())

    assert result['changed'] is True and writes(fake_api) == ['UpdateLiveRecordVodConfig']
    config = fake_api.configs[0]
    assert config['CycleDuration'] == '600'
    assert config['RecordFormat'] == FORMATS
    assert config['TranscodeTemplates'] == ['hd', 'sd'] and config['DelayTime'] == '180'
    assert config['RecordContent'] == 'raw,transcode' and config['SpaceId'] == 'space-1'


def test_a_space_id_change_with_allow_recreate_re_adds_everything(fake_api, run_module):
    seed_rich(fake_api)

    result = run_module(bulk, bulk_args([dict(app_name='app', space_id='space-2')], allow_recreate=True))

    assert result['changed'] is True and writes(fake_api) == ['DeleteLiveRecordVodConfig', 'AddLiveRecordVodConfig']
    config = fake_api.configs[0]
    assert config['SpaceId'] == 'space-2' and config['RecordContent'] == 'raw,transcode'
    assert config['RecordFormat'] == FORMATS
    assert config['TranscodeTemplates'] == ['hd', 'sd'] and config['DelayTime'] == '180'
    assert result['actions'][0]['action'] == 'updated' and list(result['actions'][0]['differences']) == ['space_id']


@pytest.mark.parametrize('module, make_args', [
    (single, lambda: single_args(vod_transcode_group_id='group-1', space_id='space-2', allow_recreate=True)),
    (bulk, lambda: bulk_args([dict(app_name='app', space_id='space-2')], allow_recreate=True)),
])
def test_a_recreate_that_would_drop_an_unknown_stored_key_fails_before_any_write(fake_api, run_module, module, make_args):
    seed_rich(fake_api, FutureSetting='on')

    result = run_module(module, make_args())

    assert result['failed'] is True and result['changed'] is False
    assert 'FutureSetting' in result['msg'] and writes(fake_api) == []
    assert fake_api.actions() == [DESCRIBE]


def test_an_update_keeps_an_unknown_stored_key_and_info_and_gathered_show_it(fake_api, run_module):
    seed_rich(fake_api, FutureSetting='on')

    updated = run_module(single, single_args(vod_transcode_group_id='group-1', delay_time=60))
    listed = run_module(info, dict(BASE_ARGS, domain_name=DOMAIN))
    gathered = run_module(bulk, bulk_args(state='gathered'))

    assert updated['changed'] is True and fake_api.configs[0]['FutureSetting'] == 'on'
    assert updated['config']['extra'] == dict(FutureSetting='on')
    assert listed['configs'][0]['extra'] == dict(FutureSetting='on') and listed['configs'][0]['delay_time'] == 60
    assert gathered['gathered'][0]['extra'] == dict(FutureSetting='on')


def test_gathered_fed_back_as_overridden_is_a_no_op_with_formats(fake_api, run_module):
    seed_rich(fake_api)
    fake_api.seed(AppName='plain')
    fake_api.seed(AppName='other', StreamName='s1', RecordFormat=[dict(Format='flv')], VodTranscodeGroupId='',
                  FutureSetting=3)
    gathered = run_module(bulk, bulk_args(state='gathered'))['gathered']
    fake_api.calls[:] = []

    result = run_module(bulk, bulk_args(gathered, state='overridden'))

    assert result.get('changed') is False, result.get('msg')
    assert fake_api.actions() == [DESCRIBE] and result['before'] == result['after'] == gathered
    by_app = dict((item['app_name'], item) for item in gathered)
    assert by_app['other']['record_formats'] == [dict(format='flv', auto_compose=False, video_process=['origin'])]
    assert by_app['other']['extra'] == dict(FutureSetting=3) and by_app['plain']['extra'] is None
    assert by_app['app']['record_formats'][0] == dict(format='m3u8', slice_duration=10, auto_compose=False,
                                                      video_process=['origin'])


@pytest.mark.parametrize('module, make_args, seed', [
    (single, lambda: single_args(record_formats=WANTED_FORMATS, delay_time=30, record_content=['raw', 'transcode'],
                                 transcode_templates=['sd'], space_id='sp'), False),
    (single, lambda: single_args(vod_transcode_group_id='group-1', record_formats=[dict(format='flv', tags='x')],
                                 transcode_templates=['sd']), True),
    (bulk, lambda: bulk_args([dict(app_name='app', record_formats=[dict(format='m3u8', slice_duration=5)], delay_time=15),
                              dict(app_name='new', record_formats=WANTED_FORMATS, record_content=['transcode'],
                                   transcode_templates=['hd', 'sd'])]), True),
])
def test_check_mode_predicts_the_config_of_the_run_exactly(fake_api, run_module, module, make_args, seed):
    if seed:
        seed_rich(fake_api)

    predicted = run_module(module, make_args(), check_mode=True)
    assert writes(fake_api) == []
    applied = run_module(module, make_args())

    key = 'config' if module is single else 'after'
    assert predicted['changed'] is applied['changed'] is True
    if module is single:
        # The service sets the creation time: the only key a prediction cannot know.
        applied[key] = dict(applied[key], create_time=predicted[key]['create_time'])
    assert predicted[key] == applied[key]


@pytest.mark.parametrize('module, make_args, words', [
    (single, lambda: single_args(vod_transcode_group_id='g', delay_time=5), 'delay_time must be between 15 and 21600'),
    (single, lambda: single_args(record_formats=[dict(format='flv', slice_duration=10)]),
     'record_formats[0]: slice_duration applies to the m3u8 format only'),
    (single, lambda: single_args(record_formats=[dict(format='flv')], auto_compose=True, compose_vod_transcode_group_id='c'),
     'the API ignores them when record_formats is set'),
    (single, lambda: single_args(vod_transcode_group_id='g', record_content=['transcode'], transcode_templates=[]),
     'transcode_templates is empty'),
    (single, single_args, 'vod_transcode_group_id, record_formats'),
    (bulk, lambda: bulk_args([dict(app_name='a'), dict(app_name='b', record_formats=[dict(format='mp4'), dict(format='mp4')])]),
     "config[1]: record_formats[1].format 'mp4' is listed more than once"),
    (bulk, lambda: bulk_args([dict(app_name='b', record_formats=[dict(format='mp4', process_method='workflow')])]),
     'config[0]: record_formats[0]: process_method and process_template_id go together'),
])
def test_bad_input_fails_naming_the_option_with_no_request(fake_api, run_module, module, make_args, words):
    result = run_module(module, make_args())

    assert result['failed'] is True and words in result['msg'], result['msg']
    assert fake_api.calls == []


@pytest.mark.parametrize('module, make_args, words', [
    (single, lambda: single_args(record_formats=[dict(format='wav')]), "record_formats[format=wav].format must be one of"),
    (bulk, lambda: bulk_args([dict(app_name='b', record_content=['raw', 'mp4'])]), "record_content[1] must be one of raw, transcode"),
])
def test_a_value_outside_the_choices_fails_after_the_read_and_before_any_write(fake_api, run_module, module, make_args, words):
    result = run_module(module, make_args())

    assert result['failed'] is True and words in result['msg'], result['msg']
    assert [call.action for call in fake_api.calls] == ['DescribeLiveRecordVodConfigs']


def test_app_name_wildcard_is_accepted(fake_api, run_module):
    result = run_module(single, single_args(app_name='*', vod_transcode_group_id='g', on_demand=2))

    assert result['changed'] is True and fake_api.configs[0]['AppName'] == '*'


def test_a_no_op_over_a_thousand_configs_with_formats_is_ten_describes(fake_api, run_module):
    for index in range(1000):
        fake_api.seed(AppName='app%04d' % index, RecordFormat=[dict(item) for item in FORMATS], DelayTime=60)
    fake_api.format_order = ['mp4', 'flv', 'm3u8']
    config = [dict(app_name='app%04d' % index, record_formats=WANTED_FORMATS, delay_time=60) for index in range(1000)]

    result = run_module(bulk, bulk_args(config))

    assert result['changed'] is False and fake_api.actions() == [DESCRIBE] * 10
