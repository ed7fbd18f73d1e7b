# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64
import json
from urllib.parse import quote, urlencode

import pytest

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.alicloud.live.plugins.module_utils import _plan as planner
from ansible_collections.alicloud.live.plugins.modules import live_record_vod_config as module

from live_fakes import BASE_ARGS, SECRET, TOKEN, error_body, load_fixture

ADD = 'AddLiveRecordVodConfig'
UPDATE = 'UpdateLiveRecordVodConfig'
DELETE = 'DeleteLiveRecordVodConfig'
DESCRIBE = 'DescribeLiveRecordVodConfigs'


@pytest.fixture
def warnings(clean_env):
    """The warnings the module emits, collected instead of printed."""
    collected = []
    clean_env.setattr(AnsibleModule, 'warn', lambda self, warning, **kwargs: collected.append(warning))
    return collected


def args(**extra):
    result = dict(BASE_ARGS, domain_name='live.example.com', app_name='app', vod_transcode_group_id='group-1')
    result.update(extra)
    return result


def test_creates_missing_config_with_only_set_parameters(fake_api, run_module):
    result = run_module(module, args())

    assert result['changed'] is True
    assert fake_api.actions() == [DESCRIBE, ADD, DESCRIBE]
    sent = fake_api.writes[0].params
    assert (sent['DomainName'], sent['AppName'], sent['VodTranscodeGroupId']) == ('live.example.com', 'app', 'group-1')
    assert (sent['CycleDuration'], sent['AutoCompose'], sent['OnDemand']) == ('3600', 'OFF', '0')
    for unset in ('StreamName', 'ComposeVodTranscodeGroupId', 'StorageLocation'):
        assert unset not in sent
    assert 'None' not in sent.values()
    assert result['config']['cycle_duration'] == 3600
    assert result['config']['auto_compose'] is False
    assert result['config']['on_demand'] == 0
    assert result['config']['stream_name'] == ''
    assert len(result['request_ids']) == 3


@pytest.mark.parametrize('spelling', ['ON', 'on', 'On', True, 'yes', 'true', 'True', '1', 1])
def test_auto_compose_true_spellings_send_on(fake_api, run_module, spelling):
    result = run_module(module, args(auto_compose=spelling, compose_vod_transcode_group_id='compose-1'))

    assert result['changed'] is True
    assert fake_api.writes[0].params['AutoCompose'] == 'ON'
    assert fake_api.writes[0].params['ComposeVodTranscodeGroupId'] == 'compose-1'
    assert result['config']['auto_compose'] is True


@pytest.mark.parametrize('spelling', ['OFF', 'off', False, 'no', 'false', '0', 0])
def test_auto_compose_false_spellings_send_off(fake_api, run_module, spelling):
    run_module(module, args(auto_compose=spelling))

    assert fake_api.writes[0].params['AutoCompose'] == 'OFF'


@pytest.mark.parametrize('extra, option', [
    (dict(auto_compose='ON'), 'compose_vod_transcode_group_id'),
    (dict(auto_compose='maybe'), 'auto_compose'),
    (dict(vod_transcode_group_id=None), 'vod_transcode_group_id'),
    (dict(cycle_duration=299), 'cycle_duration'),
    (dict(cycle_duration=21601), 'cycle_duration'),
    (dict(cycle_duration='often'), 'cycle_duration'),
    (dict(on_demand=3), 'on_demand'),
    (dict(stream_name=''), 'stream_name'),
    (dict(state='gone'), 'state'),
    (dict(app_name='bad name!'), 'app_name'),
    (dict(stream_name='a/b'), 'stream_name'),
    (dict(domain_name='not a domain'), 'domain_name'),
    (dict(access_key_id=None), 'access_key_id'),
    (dict(access_key_secret=None), 'access_key_secret'),
    (dict(endpoint='127.0.0.1:8080'), 'endpoint'),
    (dict(endpoint='ftp://127.0.0.1'), 'endpoint'),
    (dict(endpoint='http://'), 'endpoint'),
    (dict(timeout=0), 'timeout'),
    (dict(retries=-1), 'retries'),
])
def test_invalid_input_fails_before_any_request_naming_the_option(fake_api, run_module, extra, option):
    result = run_module(module, args(**extra))

    assert result['failed'] is True
    assert option in result['msg']
    assert 'Traceback' not in result['msg']
    assert fake_api.calls == []


def test_range_errors_state_the_allowed_values(fake_api, run_module):
    assert '300 and 21600' in run_module(module, args(cycle_duration=1))['msg']
    assert '0, 1, 2, 7' in run_module(module, args(on_demand=3))['msg']


@pytest.mark.parametrize('duration', [300, 21600])
def test_cycle_duration_bounds_are_accepted(fake_api, run_module, duration):
    result = run_module(module, args(cycle_duration=duration))

    assert result['changed'] is True
    assert fake_api.writes[0].params['CycleDuration'] == str(duration)


def test_equal_config_is_unchanged_with_zero_writes(fake_api, run_module):
    fake_api.seed()

    result = run_module(module, args())

    assert result['changed'] is False
    assert fake_api.writes == []
    assert fake_api.actions() == [DESCRIBE]
    assert result['config']['vod_transcode_group_id'] == 'group-1'


def test_drift_is_updated_with_every_wanted_value(fake_api, run_module):
    fake_api.seed(CycleDuration=3600, StorageLocation='loc-1')

    result = run_module(module, args(cycle_duration=7200, auto_compose='on', compose_vod_transcode_group_id='c-1'), diff=True)

    assert result['changed'] is True
    assert fake_api.actions() == [DESCRIBE, UPDATE, DESCRIBE]
    sent = fake_api.writes[0].params
    assert (sent['CycleDuration'], sent['AutoCompose'], sent['ComposeVodTranscodeGroupId']) == ('7200', 'ON', 'c-1')
    assert sent['VodTranscodeGroupId'] == 'group-1'
    assert 'StorageLocation' not in sent
    assert result['diff']['before']['cycle_duration'] == 3600
    assert result['diff']['after']['cycle_duration'] == 7200
    assert result['config']['cycle_duration'] == 7200


def test_unset_optional_options_are_not_compared(fake_api, run_module):
    fake_api.seed(StorageLocation='loc-1', ComposeVodTranscodeGroupId='old-compose')

    result = run_module(module, args())

    assert result['changed'] is False
    assert fake_api.writes == []


def test_storage_location_difference_fails_without_recreate(fake_api, run_module):
    fake_api.seed(StorageLocation='loc-1')

    result = run_module(module, args(storage_location='loc-2'))

    assert result['failed'] is True
    assert 'storage_location' in result['msg'] and 'allow_recreate' in result['msg']
    assert fake_api.writes == []


def test_storage_location_difference_recreates_when_allowed(fake_api, run_module):
    fake_api.seed(StorageLocation='loc-1', ComposeVodTranscodeGroupId='keep-me')

    result = run_module(module, args(storage_location='loc-2', allow_recreate=True))

    assert result['changed'] is True
    assert [call.action for call in fake_api.writes] == [DELETE, ADD]
    assert fake_api.writes[1].params['StorageLocation'] == 'loc-2'
    # Values the user did not give are carried over from the stored config.
    assert fake_api.writes[1].params['ComposeVodTranscodeGroupId'] == 'keep-me'
    assert result['config']['storage_location'] == 'loc-2'


def test_failed_add_after_recreate_delete_restores_the_previous_config(fake_api, run_module):
    fake_api.seed(StorageLocation='loc-1')
    fake_api.script(ADD, (400, error_body('InvalidParameter', 'The StorageLocation is invalid.')))

    result = run_module(module, args(storage_location='loc-2', allow_recreate=True))

    assert result['failed'] is True and result['changed'] is True and result['action'] == 'recreated'
    assert 'InvalidParameter' in result['msg'] and 'restored' in result['msg']
    assert result['error']['code'] == 'InvalidParameter' and result['error']['action'] == ADD
    assert [call.action for call in fake_api.writes] == [DELETE, ADD, ADD]
    assert fake_api.configs[0]['StorageLocation'] == 'loc-1'


def test_config_already_exists_race_reconciles_to_unchanged(fake_api, run_module):
    fake_api.seed()
    fake_api.script(DESCRIBE, (200, load_fixture('describe_empty.json')))

    result = run_module(module, args())

    assert result['changed'] is False
    assert fake_api.actions() == [DESCRIBE, ADD, DESCRIBE]
    assert result['config']['vod_transcode_group_id'] == 'group-1'


def test_config_already_exists_with_other_values_is_updated(fake_api, run_module):
    fake_api.seed(CycleDuration=900)
    fake_api.script(DESCRIBE, (200, load_fixture('describe_empty.json')))
    fake_api.script(ADD, (400, load_fixture('error_config_already_exists.json')))

    result = run_module(module, args(cycle_duration=3600))

    assert result['changed'] is True
    assert [call.action for call in fake_api.writes] == [ADD, UPDATE]
    assert fake_api.configs[0]['CycleDuration'] == '3600'


def test_stream_level_config_is_matched_exactly(fake_api, run_module):
    fake_api.configs = load_fixture('describe_two_configs.json')['LiveRecordVodConfigs']['LiveRecordVodConfig']

    result = run_module(module, args(app_name='sports', stream_name='final', vod_transcode_group_id='e2d796d3bb5fd8049d32bff62f94e3a1',
                                     on_demand=1))
    assert result['changed'] is False
    assert result['config']['stream_name'] == 'final'

    result = run_module(module, args(app_name='sports', vod_transcode_group_id='e2d796d3bb5fd8049d32bff62f94e3a1', cycle_duration=1800,
                                     auto_compose='ON', compose_vod_transcode_group_id='9c1e7d5a0b6f4a3e8d2c1b0a9f8e7d6c'))
    assert result['changed'] is False
    assert result['config']['stream_name'] == ''
    assert result['config']['auto_compose'] is True
    assert fake_api.writes == []


def test_app_level_update_does_not_name_a_stream(fake_api, run_module):
    fake_api.seed(StreamName='cam1')
    fake_api.seed(CycleDuration=900)

    run_module(module, args(cycle_duration=3600))

    assert [call.action for call in fake_api.writes] == [UPDATE]
    assert 'StreamName' not in fake_api.writes[0].params


def test_absent_deletes_an_existing_config(fake_api, run_module):
    fake_api.seed(StreamName='cam1')

    result = run_module(module, args(stream_name='cam1', state='absent', vod_transcode_group_id=None))

    assert result['changed'] is True
    assert [call.action for call in fake_api.writes] == [DELETE]
    assert fake_api.writes[0].params['StreamName'] == 'cam1'
    assert fake_api.configs == []
    assert result['config'] == {}


def test_absent_when_missing_makes_no_write(fake_api, run_module):
    result = run_module(module, args(state='absent'))

    assert result['changed'] is False
    assert fake_api.actions() == [DESCRIBE]


def test_absent_race_with_another_delete_is_unchanged(fake_api, run_module):
    fake_api.seed()
    fake_api.script(DELETE, (404, error_body('InvalidConfig.NotFound', 'The specified config does not exist.')))

    result = run_module(module, args(state='absent'))

    assert result['changed'] is False
    assert result.get('failed') is not True


@pytest.mark.parametrize('seed, extra, changed', [
    (None, {}, True),
    (dict(CycleDuration=900), dict(cycle_duration=3600), True),
    (dict(CycleDuration=900), {}, False),
    (dict(), dict(state='absent'), True),
    (dict(), {}, False),
    (dict(StorageLocation='a'), dict(storage_location='b', allow_recreate=True), True),
])
def test_check_mode_makes_zero_writes_and_reports_the_change(fake_api, run_module, seed, extra, changed):
    if seed is not None:
        fake_api.seed(**seed)
    before = [dict(c) for c in fake_api.configs]

    result = run_module(module, args(**extra), check_mode=True, diff=True)

    assert result['changed'] is changed
    assert fake_api.writes == []
    assert fake_api.configs == before
    assert all(call.action == DESCRIBE for call in fake_api.calls)
    if extra.get('state') != 'absent':
        expected = 900 if seed and not extra else 3600
        assert result['config']['cycle_duration'] == expected
        assert result['diff']['after']['cycle_duration'] == expected


def test_cloud_error_message_has_code_status_and_request_id(fake_api, run_module):
    body = error_body('InvalidDomain.NotFound', 'The domain provided does not belong to you.', 'REQ-404-ID')
    fake_api.script(DESCRIBE, (404, body))

    result = run_module(module, args())

    assert result['failed'] is True
    for part in ('InvalidDomain.NotFound', '404', 'REQ-404-ID', 'DescribeLiveRecordVodConfigs'):
        assert part in result['msg']
    assert result['error']['code'] == 'InvalidDomain.NotFound'
    assert result['error']['http_status'] == 404
    assert result['error']['attempts'] == 1
    assert 'Traceback' not in result['msg']
    assert len(fake_api.calls) == 1


def test_secrets_never_leave_the_module_even_when_echoed_back(fake_api, run_module):
    def echo_query(call):
        echoed = urlencode(call.params)
        return 400, error_body('InvalidParameter', 'Bad request: %s | raw %s | twice %s' % (
            echoed, call.params.get('SecurityToken'), quote(quote(TOKEN, safe=''), safe='')))

    fake_api.script(DESCRIBE, echo_query)

    result = run_module(module, args(security_token=TOKEN), diff=True)

    assert result['failed'] is True
    assert fake_api.calls[0].params['SecurityToken'] == TOKEN
    everything = result['_stdout'] + result['_stderr']
    for secret in (SECRET, TOKEN):
        for form in (secret, quote(secret, safe=''), quote(quote(secret, safe=''), safe=''),
                     base64.b64encode(secret.encode()).decode(), json.dumps(secret)[1:-1]):
            assert form not in everything
    assert 'InvalidParameter' in result['msg']


def test_env_fallbacks_prefer_alibaba_cloud_names(fake_api, run_module, clean_env):
    clean_env.setenv('ALICLOUD_ACCESS_KEY', 'old-style-key')
    clean_env.setenv('ALIBABA_CLOUD_ACCESS_KEY_ID', 'new-style-key')
    clean_env.setenv('ALICLOUD_SECRET_KEY', SECRET)
    clean_env.setenv('ALIBABA_CLOUD_LIVE_ENDPOINT', 'http://127.0.0.1:18081')

    run_module(module, dict(domain_name='live.example.com', app_name='app', vod_transcode_group_id='g'))

    assert fake_api.calls[0].params['AccessKeyId'] == 'new-style-key'
    assert fake_api.calls[0].port == 18081 and fake_api.calls[0].https is False


def test_alibaba_alicloud_aliases_are_accepted(fake_api, run_module):
    run_module(module, dict(domain_name='live.example.com', app_name='app', vod_transcode_group_id='g', endpoint=BASE_ARGS['endpoint'],
                            alicloud_access_key='alias-key', alicloud_secret_key=SECRET, alicloud_region='cn-beijing'))

    assert fake_api.calls[0].params['AccessKeyId'] == 'alias-key'
    assert fake_api.calls[0].params['RegionId'] == 'cn-beijing'


@pytest.mark.parametrize('region, host', [('cn-shanghai', 'live.aliyuncs.com'), ('xx-nowhere-1', 'live.xx-nowhere-1.aliyuncs.com')])
def test_production_calls_use_https_with_certificate_checks(fake_api, run_module, region, host):
    run_module(module, dict(domain_name='live.example.com', app_name='app', vod_transcode_group_id='g', region_id=region,
                            access_key_id='k', access_key_secret=SECRET))

    call = fake_api.calls[0]
    assert (call.host, call.https, call.verify) == (host, True, True)
    assert call.port == 443


def test_disabling_certificate_checks_warns(fake_api, run_module, warnings):
    run_module(module, args(endpoint='https://live.example.internal:8443', validate_certs=False))

    call = fake_api.calls[0]
    assert (call.host, call.port, call.https, call.verify) == ('live.example.internal', 8443, True, False)
    assert any('validate_certs' in warning for warning in warnings)


def test_certificate_checks_stay_on_without_a_warning(fake_api, run_module, warnings):
    run_module(module, args(endpoint='https://live.example.internal'))

    assert fake_api.calls[0].verify is True and fake_api.calls[0].port == 443
    assert warnings == []


def test_sts_token_is_sent_as_security_token(fake_api, run_module):
    run_module(module, args(security_token=TOKEN))

    assert all(call.params['SecurityToken'] == TOKEN for call in fake_api.calls)


def test_an_unexpected_error_is_a_one_line_message_without_traceback(fake_api, run_module, clean_env):
    def broken(configs, params):
        raise RuntimeError('the answer had a shape nobody expected')

    clean_env.setattr(module.RECORD_VOD, 'find', broken)

    result = run_module(module, args())

    assert result['failed'] is True
    assert result['msg'] == ('Failed to manage the Live-to-VOD config: unexpected RuntimeError: '
                             'the answer had a shape nobody expected')
    assert 'Traceback' not in result['msg']


@pytest.mark.parametrize('endpoint, no_proxy, bypassed', [
    ('http://127.0.0.1:18080', '', True),
    ('http://localhost:18080', '', True),
    ('https://live.corp.internal', 'corp.internal', True),
    ('https://live.corp.internal', 'elsewhere.example', False),
])
def test_proxies_honour_no_proxy_and_never_carry_loopback_calls(fake_api, run_module, clean_env, endpoint, no_proxy, bypassed):
    clean_env.setenv('HTTP_PROXY', 'http://proxy.invalid:3128')
    clean_env.setenv('HTTPS_PROXY', 'http://proxy.invalid:3128')
    clean_env.setenv('NO_PROXY', no_proxy)

    run_module(module, args(endpoint=endpoint))

    proxy = fake_api.calls[0].proxy
    if bypassed:
        assert proxy == {'http': None, 'https': None}
    else:
        assert proxy is None  # the SDK then takes HTTPS_PROXY from the environment


def test_an_add_that_landed_before_its_answer_failed_still_reports_changed(fake_api, run_module):
    def applied_then_bad_gateway(call):
        fake_api.handle(call)
        return 502, b'<html><body>Bad Gateway</body></html>'

    fake_api.script(ADD, applied_then_bad_gateway)

    result = run_module(module, args())

    assert result['changed'] is True
    assert [call.action for call in fake_api.writes] == [ADD, ADD]
    assert len(fake_api.configs) == 1


def test_an_add_acknowledged_but_not_applied_fails_clearly(fake_api, run_module):
    fake_api.script(ADD, (200, {'RequestId': 'REQ-ACK'}))

    result = run_module(module, args())

    assert result['failed'] is True
    assert 'not applied' in result['msg'] and 'the config is not there' in result['msg']
    assert fake_api.actions().count(DESCRIBE) == 1 + planner.READ_BACK_ATTEMPTS
    assert result['changed'] is True
    assert 'REQ-ACK' in result['request_ids']


def test_an_update_acknowledged_but_not_applied_names_the_fields(fake_api, run_module):
    fake_api.seed(CycleDuration=900)
    fake_api.script(UPDATE, (200, {'RequestId': 'REQ-ACK'}))

    result = run_module(module, args(cycle_duration=3600))

    assert result['failed'] is True
    assert 'still differs in cycle_duration' in result['msg']


def test_a_read_back_that_lags_once_is_waited_for(fake_api, run_module):
    fake_api.script(DESCRIBE, (200, load_fixture('describe_empty.json')), (200, load_fixture('describe_empty.json')))

    result = run_module(module, args())

    assert result['changed'] is True and result['config']['vod_transcode_group_id'] == 'group-1'
    assert fake_api.actions() == [DESCRIBE, ADD, DESCRIBE, DESCRIBE]


def test_update_of_a_config_deleted_meanwhile_adds_it(fake_api, run_module):
    fake_api.seed(CycleDuration=900)

    def deleted_meanwhile(call):
        fake_api.configs = []
        return 400, error_body('InvalidParameter', 'The specified config does not exist.')

    fake_api.script(UPDATE, deleted_meanwhile)

    result = run_module(module, args(cycle_duration=3600))

    assert result['changed'] is True and result['action'] == 'created'
    assert [call.action for call in fake_api.writes] == [UPDATE, ADD]
    assert fake_api.configs[0]['CycleDuration'] == '3600'


def test_a_delete_not_found_told_only_in_the_message_is_a_race_not_a_failure(fake_api, run_module):
    fake_api.seed()
    fake_api.script(DELETE, (400, error_body('InvalidParameter', 'The specified config does not exist.')))

    result = run_module(module, args(state='absent'))

    assert result.get('failed') is not True and result['changed'] is False


def test_a_delete_failing_for_another_reason_fails(fake_api, run_module):
    fake_api.seed()
    fake_api.script(DELETE, (403, error_body('Forbidden.RAM', 'User not authorized to operate on the specified resource.')))

    result = run_module(module, args(state='absent'))

    assert result['failed'] is True and 'Forbidden.RAM' in result['msg']


@pytest.mark.parametrize('seed, extra, action, differences', [
    (None, {}, 'created', ['domain_name', 'app_name', 'vod_transcode_group_id', 'cycle_duration', 'auto_compose', 'on_demand',
                           'record_content']),
    (dict(CycleDuration=900, OnDemand=1), dict(cycle_duration=3600, on_demand=0), 'updated', ['cycle_duration', 'on_demand']),
    (dict(CycleDuration=900, OnDemand=1), {}, 'none', []),
    (dict(), dict(state='absent'), 'deleted', []),
    (dict(), {}, 'none', []),
])
def test_the_result_says_what_changes_even_without_diff(fake_api, run_module, seed, extra, action, differences):
    if seed is not None:
        fake_api.seed(**seed)

    for check_mode in (True, False):
        result = run_module(module, args(**extra), check_mode=check_mode)
        assert (result['action'], result['differences']) == (action, differences)
        if seed is None:
            fake_api.configs = []
        elif action in ('updated', 'deleted'):
            fake_api.configs = []
            fake_api.seed(**seed)


def test_disabling_certificate_checks_warns_for_the_default_endpoint(fake_api, run_module, warnings):
    run_module(module, args(endpoint=None, validate_certs=False))

    assert fake_api.calls[0].https is True and fake_api.calls[0].verify is False
    assert any('validate_certs is false: TLS certificates are not checked' in warning for warning in warnings)


@pytest.mark.parametrize('endpoint, validate_certs', [('http://127.0.0.1:18080', False), ('http://localhost:18080', True),
                                                      ('http://[::1]:18080', False)])
def test_a_loopback_http_endpoint_gets_no_tls_warning(fake_api, run_module, warnings, endpoint, validate_certs):
    run_module(module, args(endpoint=endpoint, validate_certs=validate_certs))

    assert fake_api.calls and warnings == []


@pytest.mark.parametrize('validate_certs', [True, False])
def test_a_plain_http_endpoint_elsewhere_warns_that_tls_is_off(fake_api, run_module, warnings, validate_certs):
    run_module(module, args(endpoint='http://live.example.internal:8080', validate_certs=validate_certs))

    assert fake_api.calls[0].https is False
    assert len(warnings) == 1
    assert 'endpoint http://live.example.internal:8080 uses plain http: TLS is off' in warnings[0]
    # Nothing claims that certificates go unchecked: there are none over http.
    assert 'certificates are not checked' not in warnings[0]


def test_an_empty_environment_variable_does_not_hide_the_next(fake_api, run_module, clean_env):
    clean_env.setenv('ALIBABA_CLOUD_ACCESS_KEY_ID', '')
    clean_env.setenv('ALICLOUD_ACCESS_KEY', 'next-in-line')
    clean_env.setenv('ALIBABA_CLOUD_SECURITY_TOKEN', '')
    clean_env.setenv('ALICLOUD_SECRET_KEY', SECRET)

    run_module(module, dict(domain_name='live.example.com', app_name='app', vod_transcode_group_id='g', endpoint=BASE_ARGS['endpoint']))

    assert fake_api.calls[0].params['AccessKeyId'] == 'next-in-line'
    assert 'SecurityToken' not in fake_api.calls[0].params


def test_only_the_required_options_keep_every_stored_value(fake_api, run_module):
    fake_api.seed(CycleDuration=7200, OnDemand=2, AutoCompose='ON', ComposeVodTranscodeGroupId='c-1', StorageLocation='loc')

    result = run_module(module, args())

    assert result['changed'] is False and fake_api.writes == []
    assert (result['config']['cycle_duration'], result['config']['on_demand'], result['config']['auto_compose']) == (7200, 2, True)


def test_an_update_sends_the_stored_values_it_was_not_asked_to_change(fake_api, run_module):
    fake_api.seed(CycleDuration=7200, OnDemand=7, AutoCompose='ON', ComposeVodTranscodeGroupId='c-1')

    result = run_module(module, args(cycle_duration=600))

    assert result['differences'] == ['cycle_duration']
    sent = fake_api.writes[0].params
    assert (sent['CycleDuration'], sent['OnDemand'], sent['AutoCompose'], sent['ComposeVodTranscodeGroupId']) == ('600', '7', 'ON', 'c-1')


def test_a_mixed_case_domain_is_sent_in_lowercase(fake_api, run_module):
    result = run_module(module, args(domain_name='Live.Example.COM'))

    assert result['changed'] is True
    assert set(call.params['DomainName'] for call in fake_api.calls) == set(['live.example.com'])


@pytest.mark.parametrize('seed, extra', [(None, {}), (dict(CycleDuration=900), dict(cycle_duration=1200)),
                                         (dict(StorageLocation='a'), dict(storage_location='b', allow_recreate=True)),
                                         (dict(), dict(state='absent'))])
def test_check_mode_returns_what_the_run_returns(fake_api, run_module, seed, extra):
    if seed is not None:
        fake_api.seed(**seed)
    saved = [dict(config) for config in fake_api.configs]

    predicted = run_module(module, args(**extra), check_mode=True, diff=True)
    fake_api.configs = saved
    real = run_module(module, args(**extra), diff=True)

    for key in ('changed', 'action', 'differences'):
        assert predicted[key] == real[key]
    assert sorted(predicted['config']) == sorted(real['config'])
    if predicted['config'] and predicted['config']['create_time'] is None:
        # A new config: the service sets its creation time.
        predicted['config']['create_time'] = predicted['diff']['after']['create_time'] = real['config']['create_time']
    assert predicted['config'] == real['config'] and predicted['diff'] == real['diff']


def test_a_write_whose_answer_was_lost_reports_changed_when_it_fails(fake_api, run_module):
    fake_api.seed(CycleDuration=900)

    def applied_then_lost(call):
        fake_api.handle(call)
        raise IOError('Read timed out. (read timeout=10.0)')

    fake_api.script(UPDATE, *[applied_then_lost] * 10)

    result = run_module(module, args(cycle_duration=1200, retries=1))

    assert result['failed'] is True and result['changed'] is True
    assert 'endpoint http://127.0.0.1:18080: the request timed out' in result['msg']
