# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Today's record VOD fields (DelayTime, RecordContent, TranscodeTemplates, SpaceId, RecordFormat),
sent as the legacy SDK sends new parameters (add_query_param): their rules, Update's strict
semantics, the Describe settings and the control API's seed."""

import json

import pytest

from test_fidelity import ADD, DELETE, DOMAIN, UPDATE, add, call, client, describe, listed, server_error

from alicloud_live_emulator.client import EmulatorError

IDENTITY = {'DomainName': DOMAIN, 'AppName': 'app', 'VodTranscodeGroupId': 'g'}
FULL_SEED = {
    'DomainName': DOMAIN, 'AppName': 'app', 'StreamName': 's', 'VodTranscodeGroupId': 'g-1', 'CycleDuration': 900,
    'StorageLocation': 'bucket-1', 'OnDemand': 1, 'DelayTime': 60, 'RecordContent': 'raw,transcode', 'SpaceId': 'space-1',
    'TranscodeTemplates': ['lld', 'lsd'],
    'RecordFormatList': {'RecordFormat': [{'Format': 'm3u8', 'SliceDuration': 10}, {'Format': 'flv', 'Tags': 't'}]},
    'CreateTime': '2026-01-02T03:04:05Z', 'NewFeatureFlag': {'Level': 2},
}


def formats(**items):
    """RecordFormat.N.* parameters: formats(m3u8={'SliceDuration': 10}, flv={})."""
    params = {}
    for index, (fmt, fields) in enumerate(items.items(), 1):
        params['RecordFormat.%d.Format' % index] = fmt
        for name, value in fields.items():
            params['RecordFormat.%d.%s' % (index, name)] = value
    return params


@pytest.mark.parametrize('params', [
    {'DelayTime': 15}, {'DelayTime': 21600},
    {'RecordContent': 'raw'}, {'RecordContent': 'transcode', 'TranscodeTemplates.1': 'lld'},
    {'RecordContent': 'raw,transcode', 'TranscodeTemplates.1': 'lld'}, {'RecordContent': 'transcode,raw', 'TranscodeTemplates.1': 'l'},
    {'SpaceId': 'space-1'}, {'TranscodeTemplates.1': 'a', 'TranscodeTemplates.2': 'b', 'TranscodeTemplates.3': 'c'},
    formats(m3u8={'SliceDuration': 5}), formats(m3u8={'SliceDuration': 30}, flv={}, mp4={}),
    formats(flv={'ProcessMethod': 'transcode', 'ProcessTemplateId': 'tg-1'}),
    formats(mp4={'ProcessMethod': 'workflow', 'ProcessTemplateId': 'wf-1', 'AutoCompose': 'ON', 'VideoProcess': 'compose'}),
    formats(mp4={'VideoProcess': 'origin,compose', 'Tags': 'a,b c'}), formats(mp4={'VideoProcess': 'compose,origin'}),
])
def test_todays_values_are_accepted(emulator, params):
    call(client(emulator), ADD, **dict(IDENTITY, **params))
    assert len(emulator.configs()) == 1


@pytest.mark.parametrize('params, code, name', [
    ({'DelayTime': 14}, 'InvalidParameter', 'DelayTime'),
    ({'DelayTime': 21601}, 'InvalidParameter', 'DelayTime'),
    ({'DelayTime': 'soon'}, 'InvalidParameter', 'DelayTime'),
    ({'TranscodeTemplates.1': ''}, 'InvalidParameter', 'TranscodeTemplates.1'),
    ({'TranscodeTemplates.2': 'b'}, 'InvalidParameter', 'TranscodeTemplates.1'),
    ({'TranscodeTemplates': '["a"]'}, 'InvalidParameter', 'TranscodeTemplates'),
    (formats(avi={}), 'InvalidParameter', 'RecordFormat.1.Format'),
    (formats(m3u8={'SliceDuration': 4}), 'InvalidParameter', 'RecordFormat.1.SliceDuration'),
    (formats(m3u8={'SliceDuration': 31}), 'InvalidParameter', 'RecordFormat.1.SliceDuration'),
    (formats(flv={}, mp4={'SliceDuration': 10}), 'InvalidParameter', 'RecordFormat.2.SliceDuration'),
    (formats(flv={'AutoCompose': 'on'}), 'InvalidParameter', 'RecordFormat.1.AutoCompose'),
    (formats(flv={'ProcessMethod': 'ffmpeg', 'ProcessTemplateId': 't'}), 'InvalidParameter', 'RecordFormat.1.ProcessMethod'),
    (formats(flv={'ProcessMethod': 'workflow'}), 'MissingRecordFormat.1.ProcessTemplateId', 'RecordFormat.1.ProcessTemplateId'),
    (formats(flv={'ProcessTemplateId': 'wf-1'}), 'MissingRecordFormat.1.ProcessMethod', 'RecordFormat.1.ProcessMethod'),
    (formats(flv={'VideoProcess': 'both'}), 'InvalidParameter', 'RecordFormat.1.VideoProcess'),
    (formats(flv={'VideoProcess': 'origin,origin'}), 'InvalidParameter', 'RecordFormat.1.VideoProcess'),
    (formats(flv={'Slice': 10}), 'InvalidParameter', 'RecordFormat.1.Slice'),
    ({'RecordFormat.1.Format': 'flv', 'RecordFormat.2.Format': 'flv'}, 'InvalidParameter', 'RecordFormat.2.Format'),
    ({'RecordFormat.1.Tags': 'x'}, 'MissingRecordFormat.1.Format', 'RecordFormat.1.Format'),
    ({'RecordFormat.2.Format': 'flv'}, 'InvalidParameter', 'RecordFormat.1'),
    ({'RecordFormat.x.Format': 'flv'}, 'InvalidParameter', 'RecordFormat.x.Format'),
    ({'RecordFormat': '[{"Format": "flv"}]'}, 'InvalidParameter', 'RecordFormat'),
])
def test_bad_values_are_refused_by_add_and_update_naming_the_parameter(emulator, params, code, name):
    emulator.seed(configs=[IDENTITY])
    before = emulator.configs()
    for request_class in (ADD, UPDATE):
        error = server_error(client(emulator), request_class, **dict(IDENTITY, AppName='app', **params))
        assert (error.get_http_status(), error.get_error_code()) == (400, code)
        assert name in error.get_error_msg()
    assert emulator.configs() == before


@pytest.mark.parametrize('params, code', [
    ({'RecordContent': 'transcode'}, 'MissingTranscodeTemplates'),
    ({'RecordContent': 'raw,transcode'}, 'MissingTranscodeTemplates'),
    ({'RecordContent': 'flv'}, 'InvalidParameter'),
    ({'RecordContent': 'raw,raw'}, 'InvalidParameter'),
    ({'RecordContent': 'raw,'}, 'InvalidParameter'),
])
def test_record_content_rules(emulator, params, code):
    error = server_error(client(emulator), ADD, **dict(IDENTITY, **params))
    assert (error.get_http_status(), error.get_error_code()) == (400, code)
    assert 'RecordContent' in error.get_error_msg() or 'TranscodeTemplates' in error.get_error_msg()
    assert emulator.configs() == []


def test_record_format_makes_the_transcode_group_optional_and_ignores_the_compose_pair(emulator):
    acs = client(emulator)
    call(acs, ADD, DomainName=DOMAIN, AppName='app', AutoCompose='ON', **formats(flv={}))
    call(acs, ADD, DomainName=DOMAIN, AppName='kept', VodTranscodeGroupId='g-1', **formats(mp4={}))
    assert server_error(acs, ADD, DomainName=DOMAIN, AppName='none').get_error_code() == 'MissingVodTranscodeGroupId'
    first, second = listed(describe(acs))
    assert (first['VodTranscodeGroupId'], first['AutoCompose'], first['ComposeVodTranscodeGroupId']) == ('', 'OFF', '')
    assert second['VodTranscodeGroupId'] == 'g-1'
    call(acs, UPDATE, DomainName=DOMAIN, AppName='app', **formats(m3u8={}))
    assert server_error(acs, UPDATE, DomainName=DOMAIN, AppName='app').get_error_code() == 'MissingVodTranscodeGroupId'
    assert emulator.configs()[0]['RecordFormatList'] == {'RecordFormat': [
        {'AutoCompose': 'OFF', 'Format': 'm3u8', 'ProcessMethod': '', 'ProcessTemplateId': '', 'SliceDuration': 30, 'Tags': '',
         'VideoProcess': 'origin'}]}


def test_app_name_wildcard(emulator):
    acs = client(emulator)
    add(acs, app='*')
    add(acs, app='other')
    assert [c['AppName'] for c in listed(describe(acs, AppName='*'))] == ['*']
    call(acs, UPDATE, DomainName=DOMAIN, AppName='*', VodTranscodeGroupId='g-2')
    assert emulator.configs()[0]['VodTranscodeGroupId'] == 'g-2'
    call(acs, DELETE, DomainName=DOMAIN, AppName='*')
    assert [c['AppName'] for c in emulator.configs()] == ['other']
    assert server_error(acs, ADD, DomainName=DOMAIN, AppName='a*', VodTranscodeGroupId='g').get_error_code() == 'InvalidParameter'
    assert server_error(acs, ADD, DomainName=DOMAIN, AppName='app', StreamName='*',
                        VodTranscodeGroupId='g').get_error_code() == 'InvalidParameter'


def test_update_resets_what_it_is_not_sent_and_keeps_what_it_cannot_set(emulator):
    emulator.seed(configs=[FULL_SEED])
    acs = client(emulator)
    identity = dict(DomainName=DOMAIN, AppName='app', StreamName='s')
    # RecordContent includes transcode: the templates must be resent.
    error = server_error(acs, UPDATE, VodTranscodeGroupId='g-2', **identity)
    assert (error.get_http_status(), error.get_error_code()) == (400, 'MissingTranscodeTemplates')
    call(acs, UPDATE, VodTranscodeGroupId='g-2', RecordContent='raw', SpaceId='other', StorageLocation='other',
         **dict(identity, **{'TranscodeTemplates.1': 'lhd'}))
    [config] = emulator.configs()
    assert config == {
        'DomainName': DOMAIN, 'AppName': 'app', 'StreamName': 's', 'VodTranscodeGroupId': 'g-2', 'CycleDuration': 3600,
        'AutoCompose': 'OFF', 'ComposeVodTranscodeGroupId': '', 'StorageLocation': 'bucket-1', 'OnDemand': 0,
        'RecordContent': 'raw,transcode', 'SpaceId': 'space-1', 'TranscodeTemplates': ['lhd'],
        'CreateTime': '2026-01-02T03:04:05Z', 'NewFeatureFlag': {'Level': 2},
    }
    # Update sets every field it has.
    update = dict(identity, **formats(flv={'Tags': 'x'}), **{'TranscodeTemplates.1': 'a', 'TranscodeTemplates.2': 'b'})
    call(acs, UPDATE, CycleDuration=600, OnDemand=2, DelayTime=15, **update)
    [config] = emulator.configs()
    assert (config['CycleDuration'], config['OnDemand'], config['DelayTime'], config['TranscodeTemplates'], config['FormatConfig'],
            config['VodTranscodeGroupId']) == (600, 2, 15, ['a', 'b'], True, '')
    assert [f['Format'] for f in config['RecordFormatList']['RecordFormat']] == ['flv']


def test_describe_renders_templates_and_orders_formats_by_the_settings(emulator):
    emulator.seed(configs=[FULL_SEED, dict(IDENTITY, AppName='bare')])
    acs = client(emulator)

    def shown(app='app'):
        return [c for c in listed(describe(acs)) if c['AppName'] == app][0]

    item = shown()
    # Defaults: a JSON array string, and the formats in the reverse of the stored order.
    assert item['TranscodeTemplates'] == '["lld","lsd"]' and json.loads(item['TranscodeTemplates']) == ['lld', 'lsd']
    assert [f['Format'] for f in item['RecordFormatList']['RecordFormat']] == ['flv', 'm3u8']
    assert (item['DelayTime'], item['RecordContent'], item['SpaceId'], item['FormatConfig']) == (60, 'raw,transcode', 'space-1', True)
    assert item['NewFeatureFlag'] == {'Level': 2}
    bare = shown('bare')
    assert 'DelayTime' not in bare
    assert (bare['TranscodeTemplates'], bare['FormatConfig'], bare['RecordFormatList'], bare['RecordContent'], bare['SpaceId']) == (
        '[]', False, {'RecordFormat': []}, 'raw', '')
    emulator.settings(transcode_templates_format='comma', record_format_order='request')
    item = shown()
    assert item['TranscodeTemplates'] == 'lld,lsd' and shown('bare')['TranscodeTemplates'] == ''
    assert [f['Format'] for f in item['RecordFormatList']['RecordFormat']] == ['m3u8', 'flv']
    emulator.settings(transcode_templates_format='list', record_format_order='sorted')
    item = shown()
    assert item['TranscodeTemplates'] == ['lld', 'lsd']
    assert [f['Format'] for f in item['RecordFormatList']['RecordFormat']] == ['flv', 'm3u8']
    # The control API shows the stored form whatever the settings, and today's fields only when set.
    stored, bare = emulator.configs()
    assert stored['TranscodeTemplates'] == ['lld', 'lsd']
    assert [f['Format'] for f in stored['RecordFormatList']['RecordFormat']] == ['m3u8', 'flv']
    assert list(bare) == ['DomainName', 'AppName', 'StreamName', 'VodTranscodeGroupId', 'CycleDuration', 'AutoCompose',
                          'ComposeVodTranscodeGroupId', 'StorageLocation', 'OnDemand', 'CreateTime']


def test_seed_takes_todays_fields_and_unknown_keys_and_round_trips(emulator):
    [config] = emulator.seed(configs=[FULL_SEED])
    assert config['NewFeatureFlag'] == {'Level': 2} and config['FormatConfig'] is True
    assert config['RecordFormatList']['RecordFormat'] == [
        {'AutoCompose': 'OFF', 'Format': 'm3u8', 'ProcessMethod': '', 'ProcessTemplateId': '', 'SliceDuration': 10, 'Tags': '',
         'VideoProcess': 'origin'},
        {'AutoCompose': 'OFF', 'Format': 'flv', 'ProcessMethod': '', 'ProcessTemplateId': '', 'Tags': 't', 'VideoProcess': 'origin'}]
    # What the control API shows seeds the same config again.
    emulator.reset()
    assert emulator.seed(configs=[config]) == [config]
    # A stored config may hold values today's API would refuse (set by the console or an older API).
    odd = dict(IDENTITY, AppName='odd', OnDemand=3, RecordContent='legacy', RecordFormatList={'RecordFormat': [{'Format': 'ts'}]})
    assert emulator.seed(configs=[odd])[-1]['OnDemand'] == 3


@pytest.mark.parametrize('bad', [
    {'DelayTime': '60'}, {'TranscodeTemplates': 'lld,lsd'}, {'TranscodeTemplates': ['']}, {'RecordContent': ['raw']},
    {'RecordFormatList': [{'Format': 'flv'}]}, {'RecordFormatList': {'RecordFormat': [{'Tags': 'x'}]}},
    {'RecordFormatList': {'RecordFormat': [{'Format': 'flv'}, {'Format': 'flv'}]}},
    {'RecordFormatList': {'RecordFormat': [{'Format': 'm3u8', 'SliceDuration': '10'}]}},
    {'RecordFormatList': {'RecordFormat': [{'Format': 'flv', 'slice_duration': 10}]}},
    {'FormatConfig': True}, {'delayTime': 60}, {'new_feature': 1},
])
def test_seed_refuses_bad_types_and_key_typos(emulator, bad):
    with pytest.raises(EmulatorError):
        emulator.seed(configs=[dict(IDENTITY, **bad)])
    assert emulator.configs() == []
