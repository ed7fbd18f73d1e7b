# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The planner with nested and list fields, as tables of (wanted, stored, mode) -> steps: formats compared
as a set, stored values resent on update and re-added on recreate, unknown stored keys never dropped."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.alicloud.live.plugins.module_utils import _plan as planner
from ansible_collections.alicloud.live.plugins.module_utils._resources.record_vod import ADD, DELETE, RECORD_VOD, UPDATE

DOMAIN = 'live.example.com'


def fmt(format, **fields):
    """A stored format item as read (every suboption present, API defaults where unset)."""
    item = dict(format=format, slice_duration=30 if format == 'm3u8' else None, auto_compose=False, process_method='',
                process_template_id='', tags='', video_process=['origin'])
    item.update(fields)
    return item


M3U8, FLV, MP4 = fmt('m3u8', slice_duration=10), fmt('flv', tags='live'), fmt('mp4', auto_compose=True,
                                                                             video_process=['origin', 'compose'])


def stored(**fields):
    config = dict(domain_name=DOMAIN, app_name='app', stream_name='', vod_transcode_group_id='g1', cycle_duration=3600,
                  auto_compose=False, compose_vod_transcode_group_id='', storage_location='', on_demand=0,
                  delay_time=None, record_content=['raw'], transcode_templates=[], space_id='', record_formats=[],
                  create_time='2026-11-25T11:00:00Z', extra={})
    config.update(fields)
    return config


def rich(**fields):
    """A config whose formats, templates, delay and content were set elsewhere."""
    values = dict(record_formats=[M3U8, FLV, MP4], transcode_templates=['hd', 'sd'], delay_time=180,
                  record_content=['raw', 'transcode'], space_id='space-1')
    values.update(fields)
    return stored(**values)


def wanted(**fields):
    item = dict((name, None) for name in RECORD_VOD.field_names)
    item.update(domain_name=DOMAIN, app_name='app')
    item.update(fields)
    return item


def only(plan):
    assert len(plan.steps) == 1
    return plan.steps[0]


def step_for(want, have, mode=planner.PRESENT, **kwargs):
    return only(planner.plan(RECORD_VOD, [want], [have] if have else [], mode, **kwargs))


RICH_FORMAT_PARAMS = {
    'RecordFormat.1.Format': 'm3u8', 'RecordFormat.1.SliceDuration': 10, 'RecordFormat.1.AutoCompose': 'OFF',
    'RecordFormat.1.VideoProcess': 'origin',
    'RecordFormat.2.Format': 'flv', 'RecordFormat.2.AutoCompose': 'OFF', 'RecordFormat.2.Tags': 'live',
    'RecordFormat.2.VideoProcess': 'origin',
    'RecordFormat.3.Format': 'mp4', 'RecordFormat.3.AutoCompose': 'ON', 'RecordFormat.3.VideoProcess': 'origin,compose',
}

NO_WRITE = [
    # (id, wanted, stored, mode)
    ('formats listed in another order', wanted(record_formats=[dict(format='mp4', auto_compose=True,
                                                                    video_process=['compose', 'origin']),
                                                               dict(format='flv', tags='live'),
                                                               dict(format='m3u8', slice_duration=10)]), rich(), planner.PRESENT),
    ('a format given with only its key keeps the stored suboptions', wanted(record_formats=[
        dict(format='flv'), dict(format='m3u8'), dict(format='mp4')]), rich(), planner.MERGED),
    ('templates in another order', wanted(transcode_templates=['sd', 'hd']), rich(), planner.PRESENT),
    ('record content in another order', wanted(record_content=['transcode', 'raw']), rich(), planner.PRESENT),
    ('only the required options on a rich config', wanted(vod_transcode_group_id='g1'), rich(), planner.PRESENT),
    ('the full stored config fed back as replaced', wanted(**dict((name, value) for name, value in rich().items()
                                                                  if name in RECORD_VOD.field_names)), rich(), planner.REPLACED),
    ('unknown stored keys alone change nothing', wanted(cycle_duration=3600), rich(extra=dict(NewKey='v')), planner.PRESENT),
]


@pytest.mark.parametrize('case', NO_WRITE, ids=[case[0] for case in NO_WRITE])
def test_what_the_config_already_is_makes_no_write(case):
    _name, want, have, mode = case

    step = step_for(want, have, mode)

    assert step.kind == planner.NOTHING and step.calls == [] and step.differences == {}
    assert step.after == have


def test_a_cycle_duration_change_resends_formats_templates_and_delay():
    step = step_for(wanted(cycle_duration=600), rich())

    assert step.kind == planner.UPDATE_STEP and list(step.differences) == ['cycle_duration']
    expected = dict(DomainName=DOMAIN, AppName='app', VodTranscodeGroupId='g1', CycleDuration=600, AutoCompose='OFF',
                    OnDemand=0, DelayTime=180, **{'TranscodeTemplates.1': 'hd', 'TranscodeTemplates.2': 'sd'})
    expected.update(RICH_FORMAT_PARAMS)
    assert step.calls == [(UPDATE, expected)]
    # Update has no RecordContent, SpaceId or StorageLocation: they are not sent, and they stay.
    assert step.after == dict(rich(), cycle_duration=600)


def test_a_space_id_change_recreates_with_every_stored_field():
    step = step_for(wanted(space_id='space-2'), rich(), allow_recreate=True)

    assert step.kind == planner.RECREATE_STEP and step.blocked is None
    assert list(step.differences) == ['space_id']
    expected = dict(DomainName=DOMAIN, AppName='app', VodTranscodeGroupId='g1', CycleDuration=3600, AutoCompose='OFF',
                    OnDemand=0, DelayTime=180, RecordContent='raw,transcode', SpaceId='space-2',
                    **{'TranscodeTemplates.1': 'hd', 'TranscodeTemplates.2': 'sd'})
    expected.update(RICH_FORMAT_PARAMS)
    assert step.calls == [(DELETE, dict(DomainName=DOMAIN, AppName='app')), (ADD, expected)]


def test_record_content_is_not_updatable():
    blocked = step_for(wanted(record_content=['raw']), rich())

    assert blocked.kind == planner.RECREATE_STEP and 'record_content' in blocked.blocked and 'allow_recreate' in blocked.blocked


@pytest.mark.parametrize('change', [dict(space_id='space-2'), dict(storage_location='oss:/other'),
                                    dict(record_content=['raw'])])
def test_a_recreate_of_a_config_with_unknown_keys_is_blocked_naming_them(change):
    have = rich(extra=dict(NewSetting='x', OtherKey=1))

    step = step_for(wanted(**change), have, allow_recreate=True)

    assert step.kind == planner.RECREATE_STEP
    assert 'NewSetting, OtherKey' in step.blocked and 'nothing was changed' in step.blocked
    plan = planner.plan(RECORD_VOD, [wanted(**change)], [have], planner.PRESENT, allow_recreate=True)
    assert plan.changes == [] and not plan.changed


def test_an_update_of_a_config_with_unknown_keys_keeps_working_and_keeps_them():
    have = rich(extra=dict(NewSetting='x'))

    step = step_for(wanted(delay_time=60), have)

    assert step.kind == planner.UPDATE_STEP and step.blocked is None
    assert step.after['extra'] == dict(NewSetting='x')


def test_a_format_suboption_change_is_shown_per_format():
    step = step_for(wanted(record_formats=[dict(format='m3u8', slice_duration=20), dict(format='flv'), dict(format='mp4')]),
                    rich())

    assert step.kind == planner.UPDATE_STEP and list(step.differences) == ['record_formats']
    difference = step.differences['record_formats']
    assert difference['items'] == dict(m3u8=dict(before=M3U8, after=dict(M3U8, slice_duration=20)))
    assert step.calls[0][1]['RecordFormat.1.SliceDuration'] == 20


def test_a_format_left_out_of_the_list_is_removed_and_a_new_one_gets_defaults():
    step = step_for(wanted(record_formats=[dict(format='m3u8'), dict(format='flv')]), stored(record_formats=[fmt('mp4')]))

    assert step.after['record_formats'] == [fmt('m3u8'), fmt('flv')]
    assert set(step.differences['record_formats']['items']) == set(['m3u8', 'flv', 'mp4'])
    assert step.differences['record_formats']['items']['mp4'] == dict(before=fmt('mp4'), after=None)


def test_replaced_gives_a_format_suboption_left_out_its_default():
    step = step_for(wanted(record_formats=[dict(format='flv'), dict(format='m3u8', slice_duration=10),
                                           dict(format='mp4', auto_compose=True, video_process=['origin', 'compose'])]),
                    rich(), planner.REPLACED)

    assert step.after['record_formats'] == [M3U8, fmt('flv'), MP4]
    assert step.differences['record_formats']['items'] == dict(flv=dict(before=FLV, after=fmt('flv')))


def test_a_creation_with_formats_needs_no_transcode_group_and_sends_the_formats():
    step = step_for(wanted(record_formats=[dict(format='m3u8')], delay_time=120), None)

    assert step.kind == planner.ADD_STEP and step.blocked is None
    assert step.calls == [(ADD, {'DomainName': DOMAIN, 'AppName': 'app', 'CycleDuration': 3600, 'AutoCompose': 'OFF',
                                 'OnDemand': 0, 'DelayTime': 120, 'RecordFormat.1.Format': 'm3u8',
                                 'RecordFormat.1.SliceDuration': 30, 'RecordFormat.1.AutoCompose': 'OFF',
                                 'RecordFormat.1.VideoProcess': 'origin'})]
    assert step.after['record_formats'] == [fmt('m3u8')] and step.after['record_content'] == ['raw']


BLOCKED = [
    ('a creation with neither group nor formats', wanted(), None, 'vod_transcode_group_id must be set'),
    ('transcode content without templates on creation', wanted(vod_transcode_group_id='g1', record_content=['transcode']),
     None, 'transcode_templates is empty'),
    ('templates emptied while the stored content is transcode', wanted(transcode_templates=[]), rich(),
     'transcode_templates is empty'),
    ('formats added to a config that merges with auto_compose', wanted(record_formats=[dict(format='flv')]),
     stored(auto_compose=True, compose_vod_transcode_group_id='c1'), 'the API ignores them when record_formats is set'),
    ('auto_compose turned on beside stored formats', wanted(auto_compose=True, compose_vod_transcode_group_id='c1'), rich(),
     'auto_compose is true and compose_vod_transcode_group_id is set together with record_formats'),
]


@pytest.mark.parametrize('case', BLOCKED, ids=[case[0] for case in BLOCKED])
def test_a_resulting_config_the_api_would_refuse_or_ignore_is_blocked(case):
    _name, want, have, words = case

    step = step_for(want, have, allow_recreate=True)

    assert step.blocked and words in step.blocked


def test_a_rule_is_not_enforced_on_a_stored_config_the_task_does_not_touch():
    # Set elsewhere: content transcode without templates. A change of the cycle alone must still go through.
    step = step_for(wanted(cycle_duration=900), stored(record_content=['transcode']))

    assert step.kind == planner.UPDATE_STEP and step.blocked is None


INPUT_ERRORS = [
    (dict(delay_time=14), 'delay_time must be between 15 and 21600 seconds, got 14'),
    (dict(record_content=['raw', 'mp3']), "record_content[1] must be one of raw, transcode, got 'mp3'"),
    (dict(record_formats=[dict(format='avi')]), "record_formats[0].format must be one of m3u8, flv, mp4, got 'avi'"),
    (dict(record_formats=[dict(slice_duration=10)]), 'record_formats[0].format is required'),
    (dict(record_formats=[dict(format='m3u8', slice_duration=4)]),
     'record_formats[0].slice_duration must be between 5 and 30 seconds, got 4'),
    (dict(record_formats=[dict(format='flv', slice_duration=10)]),
     'record_formats[0]: slice_duration applies to the m3u8 format only, not to flv'),
    (dict(record_formats=[dict(format='mp4', process_method='workflow')]),
     'record_formats[0]: process_method and process_template_id go together'),
    (dict(record_formats=[dict(format='mp4', process_template_id='t1')]),
     'record_formats[0]: process_method and process_template_id go together'),
    (dict(record_formats=[dict(format='mp4', video_process=['origin', 'cut'])]),
     "record_formats[0].video_process[1] must be one of origin, compose, got 'cut'"),
    (dict(record_formats=[dict(format='flv'), dict(format='flv')]),
     "record_formats[1].format 'flv' is listed more than once (items 0 and 1)"),
    (dict(record_content=['transcode'], transcode_templates=[]), 'transcode_templates is empty'),
    (dict(record_formats=[dict(format='flv')], auto_compose=True), 'the API ignores them when record_formats is set'),
    (dict(record_formats=[dict(format='flv')], compose_vod_transcode_group_id='c1'), 'compose_vod_transcode_group_id is set'),
    (dict(app_name='a*'), "app_name 'a*' is not valid"),
]


@pytest.mark.parametrize('given, words', INPUT_ERRORS)
def test_bad_input_is_refused_naming_the_option(given, words):
    errors = RECORD_VOD.validate(dict(dict(domain_name=DOMAIN, app_name='app'), **given), prefix='config[3]: ')

    assert len(errors) == 1 and errors[0].startswith('config[3]: ') and words in errors[0], errors


@pytest.mark.parametrize('given', [
    dict(app_name='*'), dict(on_demand=2), dict(on_demand=7), dict(delay_time=15), dict(delay_time=21600),
    dict(record_formats=[dict(format='m3u8', slice_duration=5, process_method='transcode', process_template_id='t-1'),
                         dict(format='mp4', video_process=['compose'])], vod_transcode_group_id=None),
    dict(record_content=['raw', 'transcode'], transcode_templates=['sd']),
    dict(record_content=['transcode']),
])
def test_good_input_passes(given):
    assert RECORD_VOD.validate(dict(dict(domain_name=DOMAIN, app_name='app'), **given)) == []


@pytest.mark.parametrize('templates', ['["sd","hd"]', 'sd,hd', 'sd, hd', ['sd', 'hd'], '["hd", "sd"]'])
def test_transcode_templates_are_read_from_every_form_describe_uses(templates):
    config = RECORD_VOD.from_api(dict(DomainName=DOMAIN, AppName='app', TranscodeTemplates=templates))

    assert config['transcode_templates'] == ['hd', 'sd'] and config['extra'] == {}


def test_the_describe_shape_of_formats_reads_into_the_module_shape():
    item = dict(DomainName=DOMAIN, AppName='app', FormatConfig=True, RecordContent='transcode,raw',
                RecordFormatList=dict(RecordFormat=[
                    dict(Format='mp4', AutoCompose='ON', VideoProcess='compose,origin', SliceDuration=None),
                    dict(Format='m3u8', SliceDuration='10', AutoCompose='OFF', ProcessMethod='', Tags=''),
                    dict(Format='flv', Tags='live')]))

    config = RECORD_VOD.from_api(item)

    assert config['record_formats'] == [M3U8, FLV, MP4]
    assert config['record_content'] == ['raw', 'transcode']
    # FormatConfig is derived from the formats: known, so not under extra.
    assert config['extra'] == {}
