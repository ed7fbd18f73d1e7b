# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Pin the emulator's API behaviour by driving it with the real SDK over HTTP."""

import base64
import hashlib
import hmac
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from urllib.parse import quote, urlencode

import pytest

from aliyunsdkcore.acs_exception.exceptions import ClientException, ServerException
from aliyunsdkcore.auth.credentials import StsTokenCredential
from aliyunsdkcore.client import AcsClient
from aliyunsdkcore.utils import parameter_helper
from aliyunsdklive.request.v20161101.AddLiveRecordVodConfigRequest import AddLiveRecordVodConfigRequest
from aliyunsdklive.request.v20161101.DeleteLiveRecordVodConfigRequest import DeleteLiveRecordVodConfigRequest
from aliyunsdklive.request.v20161101.DescribeLiveRecordVodConfigsRequest import DescribeLiveRecordVodConfigsRequest
from aliyunsdklive.request.v20161101.UpdateLiveRecordVodConfigRequest import UpdateLiveRecordVodConfigRequest

from alicloud_live_emulator.accounts import load_credentials
from alicloud_live_emulator.client import (DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, DEMO_ACCOUNT_ID, DEMO_DOMAINS,
                                           DEMO_SECURITY_TOKEN, DEMO_STS_ACCESS_KEY_ID, DEMO_STS_ACCESS_KEY_SECRET,
                                           OTHER_ACCESS_KEY_ID, OTHER_ACCESS_KEY_SECRET, OTHER_ACCOUNT_ID, OTHER_DOMAINS,
                                           EmulatorError, EmulatorProcess)

ADD = AddLiveRecordVodConfigRequest
UPDATE = UpdateLiveRecordVodConfigRequest
DELETE = DeleteLiveRecordVodConfigRequest
DESCRIBE = DescribeLiveRecordVodConfigsRequest
DOMAIN = 'live.example.com'
# The console script, as pip installed it next to this Python.
COMMAND = os.path.join(os.path.dirname(sys.executable), 'alicloud-live-emulator')
REQUEST_ID_RE = re.compile(r'^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$')
TIME_RE = re.compile(r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$')


def client(emulator, key_id=DEMO_ACCESS_KEY_ID, secret=DEMO_ACCESS_KEY_SECRET, timeout=5):
    """An SDK client for the emulator with an access key."""
    return AcsClient(key_id, secret, 'cn-shanghai', port=emulator.port, auto_retry=False, timeout=timeout, connect_timeout=2)


def sts_client(emulator, token=DEMO_SECURITY_TOKEN, timeout=5):
    """An SDK client for the emulator with the demo STS credential."""
    credential = StsTokenCredential(DEMO_STS_ACCESS_KEY_ID, DEMO_STS_ACCESS_KEY_SECRET, token)
    return AcsClient(credential=credential, region_id='cn-shanghai', port=emulator.port, auto_retry=False, timeout=timeout,
                     connect_timeout=2)


def make(request_class, **params):
    """An SDK request aimed at the local emulator; None parameters are left out."""
    request = request_class()
    request.set_endpoint('127.0.0.1')
    request.set_protocol_type('http')
    for name, value in params.items():
        if value is not None:
            request.add_query_param(name, value)
    return request


def call(acs_client, request_class, **params):
    """Run an action and return the decoded response."""
    return json.loads(acs_client.do_action_with_exception(make(request_class, **params)))


def server_error(acs_client, request_class, **params):
    """Run an action that must fail with a ServerException and return it."""
    with pytest.raises(ServerException) as info:
        acs_client.do_action_with_exception(make(request_class, **params))
    return info.value


def add(acs_client, app='app', stream=None, group='group-1', domain=DOMAIN, **params):
    """Add a config with the given identity."""
    return call(acs_client, ADD, DomainName=domain, AppName=app, StreamName=stream, VodTranscodeGroupId=group, **params)


def describe(acs_client, domain=DOMAIN, **params):
    """Describe the configs of a domain."""
    return call(acs_client, DESCRIBE, DomainName=domain, **params)


def listed(response):
    """The configs of a Describe response."""
    return response['LiveRecordVodConfigs']['LiveRecordVodConfig']


def signed_params(params, secret, method='POST'):
    """Sign parameters with signature v1 (for requests the SDK cannot produce)."""
    canonical = '&'.join('%s=%s' % (quote(k, safe='~'), quote(v, safe='~')) for k, v in sorted(params.items()))
    text = '%s&%s&%s' % (method, quote('/', safe='~'), quote(canonical, safe='~'))
    digest = hmac.new((secret + '&').encode(), text.encode(), hashlib.sha1).digest()
    signed = dict(params)
    signed['Signature'] = base64.b64encode(digest).decode()
    return signed, text


def common_params(action, key_id=DEMO_ACCESS_KEY_ID, **params):
    """The common parameters the SDK would send, plus params."""
    base = {
        'Action': action, 'Version': '2016-11-01', 'Format': 'JSON', 'AccessKeyId': key_id,
        'SignatureMethod': 'HMAC-SHA1', 'SignatureVersion': '1.0', 'SignatureType': '',
        'SignatureNonce': uuid.uuid4().hex, 'Timestamp': time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()),
        'RegionId': 'cn-shanghai',
    }
    base.update(params)
    return base


def raw(emulator, params, method='POST', path='/', body=None, headers=None):
    """Send a raw HTTP request; return (status, headers, decoded body or raw bytes)."""
    connection = http.client.HTTPConnection('127.0.0.1', emulator.port, timeout=5)
    try:
        connection.request(method, path + '?' + urlencode(params, quote_via=quote), body=body, headers=headers or {})
        response = connection.getresponse()
        data = response.read()
        try:
            data = json.loads(data)
        except ValueError:
            pass
        return response.status, dict(response.getheaders()), data
    finally:
        connection.close()


def raw_signed(emulator, action, secret=DEMO_ACCESS_KEY_SECRET, method='POST', **params):
    """Send a correctly signed raw request."""
    signed, _text = signed_params(common_params(action, **params), secret, method)
    return raw(emulator, signed, method=method)


# ---- actions -------------------------------------------------------------


def test_add_then_describe_returns_the_documented_shape(emulator):
    acs = client(emulator)
    response = add(acs, app='live', stream='news', group='g-1', CycleDuration=900, AutoCompose='ON',
                   ComposeVodTranscodeGroupId='g-2', StorageLocation='bucket-1', OnDemand=1)
    assert list(response) == ['RequestId']
    assert REQUEST_ID_RE.match(response['RequestId'])
    result = describe(acs)
    assert set(result) == {'RequestId', 'PageNum', 'PageSize', 'Total', 'LiveRecordVodConfigs'}
    assert (result['PageNum'], result['PageSize'], result['Total']) == (1, 10, '1')
    config = listed(result)[0]
    assert TIME_RE.match(config.pop('CreateTime'))
    assert config == {
        'DomainName': DOMAIN, 'AppName': 'live', 'StreamName': 'news', 'VodTranscodeGroupId': 'g-1',
        'CycleDuration': 900, 'AutoCompose': 'ON', 'ComposeVodTranscodeGroupId': 'g-2',
        'StorageLocation': 'bucket-1', 'OnDemand': 1, 'RecordContent': 'raw', 'SpaceId': '', 'TranscodeTemplates': '[]',
        'FormatConfig': False, 'RecordFormatList': {'RecordFormat': []},
    }
    assert result['RequestId'] != response['RequestId']


def test_add_fills_defaults_and_stores_app_level_config_with_empty_stream(emulator):
    add(client(emulator))
    [config] = emulator.configs()
    assert config['StreamName'] == ''
    assert (config['CycleDuration'], config['AutoCompose'], config['ComposeVodTranscodeGroupId'],
            config['StorageLocation'], config['OnDemand']) == (3600, 'OFF', '', '', 0)


def test_blank_stream_name_is_the_app_level_config(emulator):
    acs = client(emulator)
    add(acs, stream='')
    assert server_error(acs, ADD, DomainName=DOMAIN, AppName='app', VodTranscodeGroupId='g').get_error_code() == 'ConfigAlreadyExists'


def test_add_existing_config_is_rejected(emulator):
    acs = client(emulator)
    add(acs, stream='s1')
    error = server_error(acs, ADD, DomainName=DOMAIN, AppName='app', StreamName='s1', VodTranscodeGroupId='other')
    assert (error.get_http_status(), error.get_error_code(), error.get_error_msg()) == (400, 'ConfigAlreadyExists', 'Config has already exist.')
    assert REQUEST_ID_RE.match(error.get_request_id())
    assert emulator.requests()[-1]['request_id'] == error.get_request_id()
    assert emulator.configs()[0]['VodTranscodeGroupId'] == 'group-1'


@pytest.mark.parametrize('request_class, params, name', [
    (ADD, {'AppName': 'a', 'VodTranscodeGroupId': 'g'}, 'DomainName'),
    (ADD, {'DomainName': DOMAIN, 'VodTranscodeGroupId': 'g'}, 'AppName'),
    (ADD, {'DomainName': DOMAIN, 'AppName': 'a'}, 'VodTranscodeGroupId'),
    (ADD, {'DomainName': DOMAIN, 'AppName': '', 'VodTranscodeGroupId': 'g'}, 'AppName'),
    (ADD, {'DomainName': DOMAIN, 'AppName': 'a', 'VodTranscodeGroupId': 'g', 'AutoCompose': 'ON'}, 'ComposeVodTranscodeGroupId'),
    (UPDATE, {'DomainName': DOMAIN, 'AppName': 'a'}, 'VodTranscodeGroupId'),
    (UPDATE, {'DomainName': DOMAIN, 'AppName': 'a', 'VodTranscodeGroupId': 'g', 'AutoCompose': 'ON'}, 'ComposeVodTranscodeGroupId'),
    (DELETE, {'DomainName': DOMAIN}, 'AppName'),
    (DELETE, {'AppName': 'a'}, 'DomainName'),
    (DESCRIBE, {'AppName': 'a'}, 'DomainName'),
])
def test_missing_parameters_are_named(emulator, request_class, params, name):
    error = server_error(client(emulator), request_class, **params)
    assert (error.get_http_status(), error.get_error_code()) == (400, 'Missing' + name)
    assert error.get_error_msg() == '%s is mandatory for this action.' % name
    assert emulator.configs() == []


@pytest.mark.parametrize('name, value', [
    ('CycleDuration', '299'), ('CycleDuration', '21601'), ('CycleDuration', 'abc'), ('CycleDuration', '3600.5'),
    ('AutoCompose', 'on'), ('AutoCompose', 'YES'),
    ('OnDemand', '3'), ('OnDemand', 'x'),
    ('AppName', 'bad name'), ('AppName', 'a' * 256), ('AppName', 'app/1'),
    ('StreamName', 'bad.stream'), ('StreamName', 's' * 256),
    ('DomainName', 'not_a_host'), ('DomainName', '-bad.example.com'), ('DomainName', 'localhost'),
])
def test_invalid_values_are_rejected_naming_the_parameter(emulator, name, value):
    params = {'DomainName': DOMAIN, 'AppName': 'app', 'VodTranscodeGroupId': 'g'}
    params[name] = value
    for request_class in (ADD, UPDATE):
        error = server_error(client(emulator), request_class, **params)
        assert (error.get_http_status(), error.get_error_code()) == (400, 'InvalidParameter')
        assert name in error.get_error_msg()
    assert emulator.configs() == []


def test_name_rule_is_stated_in_the_message(emulator):
    error = server_error(client(emulator), ADD, DomainName=DOMAIN, AppName='a b', VodTranscodeGroupId='g')
    assert 'letters, digits, hyphens (-) and underscores (_)' in error.get_error_msg()
    assert '255' in error.get_error_msg()


@pytest.mark.parametrize('params', [
    {'CycleDuration': 300}, {'CycleDuration': 21600}, {'OnDemand': 0}, {'OnDemand': 1}, {'OnDemand': 2}, {'OnDemand': 7},
    {'AutoCompose': 'OFF'}, {'AutoCompose': 'ON', 'ComposeVodTranscodeGroupId': 'c'}, {'AppName': 'A-z_0' * 51},
])
def test_boundary_values_are_accepted(emulator, params):
    values = {'AppName': 'app'}
    values.update(params)
    add(client(emulator), **dict((k, v) for k, v in values.items() if k != 'AppName'), app=values['AppName'])
    [config] = emulator.configs()
    for name, value in params.items():
        assert config[name] == value


@pytest.mark.parametrize('request_class, params', [
    (ADD, {'AppName': 'a', 'VodTranscodeGroupId': 'g'}),
    (UPDATE, {'AppName': 'a', 'VodTranscodeGroupId': 'g'}),
    (DELETE, {'AppName': 'a'}),
    (DESCRIBE, {}),
])
def test_unknown_domain_is_not_found(emulator, request_class, params):
    error = server_error(client(emulator), request_class, DomainName='unknown.example.com', **params)
    assert (error.get_http_status(), error.get_error_code()) == (404, 'InvalidDomain.NotFound')
    assert error.get_error_msg() == 'The domain provided does not belong to you.'


def test_update_replaces_fields_and_keeps_storage_location_and_create_time(emulator):
    emulator.seed(configs=[{'DomainName': DOMAIN, 'AppName': 'app', 'StreamName': 's', 'VodTranscodeGroupId': 'g-1',
                            'CycleDuration': 900, 'AutoCompose': 'ON', 'ComposeVodTranscodeGroupId': 'c-1',
                            'StorageLocation': 'bucket-1', 'OnDemand': 1, 'CreateTime': '2026-01-02T03:04:05Z'}])
    response = call(client(emulator), UPDATE, DomainName=DOMAIN, AppName='app', StreamName='s', VodTranscodeGroupId='g-2',
                    StorageLocation='ignored')
    assert list(response) == ['RequestId']
    assert emulator.configs() == [{
        'DomainName': DOMAIN, 'AppName': 'app', 'StreamName': 's', 'VodTranscodeGroupId': 'g-2', 'CycleDuration': 3600,
        'AutoCompose': 'OFF', 'ComposeVodTranscodeGroupId': '', 'StorageLocation': 'bucket-1', 'OnDemand': 0,
        'CreateTime': '2026-01-02T03:04:05Z',
    }]


def test_update_sets_all_given_fields(emulator):
    acs = client(emulator)
    add(acs, app='app')
    call(acs, UPDATE, DomainName=DOMAIN, AppName='app', VodTranscodeGroupId='g-9', CycleDuration=21600, AutoCompose='ON',
         ComposeVodTranscodeGroupId='c-9', OnDemand=7)
    [config] = listed(describe(acs))
    assert (config['VodTranscodeGroupId'], config['CycleDuration'], config['AutoCompose'], config['ComposeVodTranscodeGroupId'],
            config['OnDemand']) == ('g-9', 21600, 'ON', 'c-9', 7)


def test_update_of_missing_config_is_not_found(emulator):
    acs = client(emulator)
    add(acs, app='app')
    error = server_error(acs, UPDATE, DomainName=DOMAIN, AppName='app', StreamName='s', VodTranscodeGroupId='g')
    assert (error.get_http_status(), error.get_error_code(), error.get_error_msg()) == (
        404, 'InvalidConfig.NotFound', 'The specified config does not exist.')


def test_delete_removes_only_the_named_level(emulator):
    acs = client(emulator)
    add(acs, app='app')
    add(acs, app='app', stream='s')
    assert list(call(acs, DELETE, DomainName=DOMAIN, AppName='app', StreamName='s')) == ['RequestId']
    assert [(c['AppName'], c['StreamName']) for c in emulator.configs()] == [('app', '')]
    call(acs, DELETE, DomainName=DOMAIN, AppName='app')
    assert emulator.configs() == []
    error = server_error(acs, DELETE, DomainName=DOMAIN, AppName='app')
    assert (error.get_http_status(), error.get_error_code()) == (404, 'InvalidConfig.NotFound')


def test_describe_filters(emulator):
    emulator.seed(configs=[
        {'DomainName': DOMAIN, 'AppName': 'a1', 'VodTranscodeGroupId': 'g'},
        {'DomainName': DOMAIN, 'AppName': 'a1', 'StreamName': 's1', 'VodTranscodeGroupId': 'g'},
        {'DomainName': DOMAIN, 'AppName': 'a2', 'StreamName': 's1', 'VodTranscodeGroupId': 'g'},
        {'DomainName': 'demo.example.com', 'AppName': 'a1', 'VodTranscodeGroupId': 'g'},
    ])
    acs = client(emulator)

    def keys(**params):
        response = describe(acs, **params)
        assert response['Total'] == str(len(listed(response)))
        return [(c['AppName'], c['StreamName']) for c in listed(response)]

    assert keys() == [('a1', ''), ('a1', 's1'), ('a2', 's1')]
    assert keys(AppName='a1') == [('a1', ''), ('a1', 's1')]
    assert keys(StreamName='s1') == [('a1', 's1'), ('a2', 's1')]
    assert keys(AppName='a2', StreamName='s1') == [('a2', 's1')]
    assert keys(AppName='nope') == []
    assert keys(domain='play.example.com') == []


def test_describe_paging_and_order(emulator):
    configs = [{'DomainName': DOMAIN, 'AppName': 'app%02d' % i, 'VodTranscodeGroupId': 'g',
                'CreateTime': '2026-01-01T00:00:%02dZ' % (22 - i)} for i in range(23)]
    # Same creation time: the identity decides.
    configs.append({'DomainName': DOMAIN, 'AppName': 'app00', 'StreamName': 'b', 'VodTranscodeGroupId': 'g', 'CreateTime': '2026-01-01T00:00:22Z'})
    configs.append({'DomainName': DOMAIN, 'AppName': 'app00', 'StreamName': 'a', 'VodTranscodeGroupId': 'g', 'CreateTime': '2026-01-01T00:00:22Z'})
    emulator.seed(configs=configs)
    acs = client(emulator)
    pages = [describe(acs, PageSize=10, PageNum=n) for n in (1, 2, 3, 4)]
    assert [len(listed(p)) for p in pages] == [10, 10, 5, 0]
    assert [(p['PageNum'], p['PageSize'], p['Total']) for p in pages] == [(1, 10, '25'), (2, 10, '25'), (3, 10, '25'), (4, 10, '25')]
    names = [(c['AppName'], c['StreamName']) for p in pages for c in listed(p)]
    assert names == [('app%02d' % i, '') for i in range(22, 0, -1)] + [('app00', ''), ('app00', 'a'), ('app00', 'b')]
    default_page = describe(acs)
    assert (default_page['PageNum'], default_page['PageSize'], len(listed(default_page))) == (1, 10, 10)
    assert [len(listed(describe(acs, PageSize=size))) for size in (5, 100)] == [5, 25]


@pytest.mark.parametrize('name, value', [('PageSize', 4), ('PageSize', 101), ('PageSize', 'x'), ('PageNum', 0), ('PageNum', -1)])
def test_describe_rejects_bad_paging(emulator, name, value):
    error = server_error(client(emulator), DESCRIBE, DomainName=DOMAIN, **{name: value})
    assert (error.get_http_status(), error.get_error_code()) == (400, 'InvalidParameter')
    assert name in error.get_error_msg()


def test_concurrent_clients(emulator):
    results = {}

    def worker(index):
        acs = client(emulator)
        outcome = []
        for round_ in range(3):
            outcome.append(add(acs, app='app', stream='s%d-%d' % (index, round_))['RequestId'])
        try:
            add(acs, app='shared')
            outcome.append('created')
        except ServerException as exc:
            outcome.append(exc.get_error_code())
        results[index] = outcome

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert len(results) == 12
    shared = sorted(outcome[-1] for outcome in results.values())
    assert shared == ['ConfigAlreadyExists'] * 11 + ['created']
    assert len(emulator.configs()) == 12 * 3 + 1
    assert len({entry['request_id'] for entry in emulator.requests()}) == 12 * 4


# ---- accounts ------------------------------------------------------------


def test_client_constants_match_the_built_in_accounts():
    accounts = load_credentials(None)
    assert list(accounts) == [DEMO_ACCOUNT_ID, OTHER_ACCOUNT_ID]
    assert accounts.by_id[DEMO_ACCOUNT_ID].domains == DEMO_DOMAINS
    assert accounts.by_id[OTHER_ACCOUNT_ID].domains == OTHER_DOMAINS
    assert accounts.key(DEMO_ACCESS_KEY_ID).secret == DEMO_ACCESS_KEY_SECRET
    assert accounts.key(OTHER_ACCESS_KEY_ID).secret == OTHER_ACCESS_KEY_SECRET
    sts = accounts.key(DEMO_STS_ACCESS_KEY_ID)
    assert (sts.secret, sts.security_token, sts.account_id) == (DEMO_STS_ACCESS_KEY_SECRET, DEMO_SECURITY_TOKEN, DEMO_ACCOUNT_ID)
    assert accounts.first_access_key().key_id == DEMO_ACCESS_KEY_ID


def test_accounts_are_isolated(emulator):
    demo, other = client(emulator), client(emulator, OTHER_ACCESS_KEY_ID, OTHER_ACCESS_KEY_SECRET)
    add(demo, app='app', group='demo-group')
    assert describe(other)['Total'] == '0'
    add(other, app='app', group='other-group')
    assert [c['VodTranscodeGroupId'] for c in emulator.configs()] == ['demo-group']
    assert [c['VodTranscodeGroupId'] for c in emulator.configs(account_id=OTHER_ACCOUNT_ID)] == ['other-group']
    call(demo, DELETE, DomainName=DOMAIN, AppName='app')
    assert listed(describe(other))[0]['VodTranscodeGroupId'] == 'other-group'
    assert server_error(other, DESCRIBE, DomainName='demo.example.com').get_error_code() == 'InvalidDomain.NotFound'
    assert server_error(demo, DESCRIBE, DomainName='other.example.com').get_error_code() == 'InvalidDomain.NotFound'
    log = emulator.requests()
    demo_id, other_id = DEMO_ACCOUNT_ID, OTHER_ACCOUNT_ID
    assert [e['account_id'] for e in log] == [demo_id, other_id, other_id, demo_id, other_id, other_id, demo_id]


def test_sts_credentials_act_for_their_account(emulator):
    acs = sts_client(emulator)
    add(acs, app='sts')
    assert listed(describe(acs))[0]['AppName'] == 'sts'
    assert emulator.configs()[0]['AppName'] == 'sts'
    entry = emulator.requests()[0]
    assert entry['access_key_id'] == DEMO_STS_ACCESS_KEY_ID and entry['account_id'] == DEMO_ACCOUNT_ID
    assert 'SecurityToken' not in entry['params']
    dumped = json.dumps(emulator.requests())
    for secret in (DEMO_SECURITY_TOKEN, quote(DEMO_SECURITY_TOKEN, safe=''), DEMO_STS_ACCESS_KEY_SECRET, 'EmulatorDemoSecurityToken'):
        assert secret not in dumped


def test_sts_token_mismatch_and_absence(emulator):
    error = server_error(sts_client(emulator, token='EmulatorDemoSecurityToken/+=0002'), DESCRIBE, DomainName=DOMAIN)
    assert (error.get_http_status(), error.get_error_code()) == (400, 'InvalidSecurityToken.MismatchWithAccessKey')
    status, _headers, body = raw_signed(emulator, 'DescribeLiveRecordVodConfigs', secret=DEMO_STS_ACCESS_KEY_SECRET,
                                        key_id=DEMO_STS_ACCESS_KEY_ID, DomainName=DOMAIN)
    assert (status, body['Code']) == (400, 'MissingSecurityToken')


# ---- gateway checks ------------------------------------------------------


def test_wrong_secret_is_reported_by_the_sdk_as_invalid_secret(emulator):
    # The SDK only says InvalidAccessKeySecret when the server's string to sign equals its own.
    error = server_error(client(emulator, secret='not-the-secret'), DESCRIBE, DomainName=DOMAIN)
    assert (error.get_http_status(), error.get_error_code()) == (400, 'InvalidAccessKeySecret')
    credential = StsTokenCredential(DEMO_STS_ACCESS_KEY_ID, 'not-the-secret', DEMO_SECURITY_TOKEN)
    sts = AcsClient(credential=credential, region_id='cn-shanghai', port=emulator.port, auto_retry=False, timeout=5)
    assert server_error(sts, DESCRIBE, DomainName=DOMAIN).get_error_code() == 'InvalidAccessKeySecret'


def test_signature_mismatch_message_carries_the_string_to_sign(emulator):
    params, text = signed_params(common_params('DescribeLiveRecordVodConfigs', DomainName=DOMAIN), DEMO_ACCESS_KEY_SECRET)
    params['DomainName'] = 'demo.example.com'
    status, _headers, body = raw(emulator, params)
    assert (status, body['Code']) == (400, 'SignatureDoesNotMatch')
    prefix = 'Specified signature is not matched with our calculation. server string to sign is:'
    assert body['Message'].startswith(prefix)
    assert body['Message'][len(prefix):] == text.replace('live.example.com', 'demo.example.com')
    assert body['Message'].split(':')[1] == body['Message'][len(prefix):]


def test_unknown_access_key(emulator):
    error = server_error(client(emulator, key_id='LTAI5tNoSuchKey', secret='x'), DESCRIBE, DomainName=DOMAIN)
    assert (error.get_http_status(), error.get_error_code(), error.get_error_msg()) == (
        404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.')


@pytest.mark.parametrize('offset, code', [(-20 * 60, 'InvalidTimeStamp.Expired'), (20 * 60, 'InvalidTimeStamp.Expired'), (-10 * 60, None)])
def test_timestamp_window(emulator, monkeypatch, offset, code):
    stamp = time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(time.time() + offset))
    monkeypatch.setattr(parameter_helper, 'get_iso_8061_date', lambda: stamp)
    if code is None:
        assert describe(client(emulator))['Total'] == '0'
    else:
        error = server_error(client(emulator), DESCRIBE, DomainName=DOMAIN)
        assert (error.get_http_status(), error.get_error_code()) == (400, code)


def test_malformed_timestamp(emulator):
    status, _headers, body = raw_signed(emulator, 'DescribeLiveRecordVodConfigs', DomainName=DOMAIN, Timestamp='yesterday')
    assert (status, body['Code']) == (400, 'InvalidTimeStamp.Format')


def test_nonce_cannot_be_reused_by_the_same_key(emulator, monkeypatch):
    monkeypatch.setattr(parameter_helper, 'get_uuid', lambda: 'fixed-nonce-0001')
    acs = client(emulator)
    describe(acs)
    error = server_error(acs, DESCRIBE, DomainName=DOMAIN)
    assert (error.get_http_status(), error.get_error_code()) == (400, 'SignatureNonceUsed')
    describe(client(emulator, OTHER_ACCESS_KEY_ID, OTHER_ACCESS_KEY_SECRET))
    emulator.reset()
    describe(acs)


def test_a_bad_signature_does_not_burn_the_nonce(emulator, monkeypatch):
    monkeypatch.setattr(parameter_helper, 'get_uuid', lambda: 'fixed-nonce-0002')
    assert server_error(client(emulator, secret='wrong'), DESCRIBE, DomainName=DOMAIN).get_error_code() == 'InvalidAccessKeySecret'
    describe(client(emulator))


@pytest.mark.parametrize('override, status, code', [
    ({'Version': '2014-11-11'}, 400, 'InvalidVersion'),
    ({'Action': 'DescribeLiveStreamsOnlineList'}, 404, 'InvalidAction.NotFound'),
    ({'Action': '_emulator/reset'}, 404, 'InvalidAction.NotFound'),
    ({'SignatureMethod': 'HMAC-SHA256'}, 400, 'InvalidSignatureMethod'),
    ({'SignatureVersion': '2.0'}, 400, 'InvalidSignatureVersion'),
    ({'SignatureNonce': ''}, 400, 'MissingSignatureNonce'),
    ({'Format': 'XML'}, 400, 'InvalidParameter'),
])
def test_common_parameter_checks(emulator, override, status, code):
    params = common_params('DescribeLiveRecordVodConfigs', DomainName=DOMAIN)
    params.update(override)
    signed, _text = signed_params(params, DEMO_ACCESS_KEY_SECRET)
    got_status, _headers, body = raw(emulator, signed)
    assert (got_status, body['Code']) == (status, code)


def test_missing_signature(emulator):
    status, _headers, body = raw(emulator, common_params('DescribeLiveRecordVodConfigs', DomainName=DOMAIN))
    assert (status, body['Code']) == (400, 'MissingSignature')


def test_get_and_form_body_are_accepted(emulator):
    status, headers, body = raw_signed(emulator, 'DescribeLiveRecordVodConfigs', method='GET', DomainName=DOMAIN)
    assert (status, body['Total']) == (200, '0')
    params = common_params('AddLiveRecordVodConfig', DomainName=DOMAIN)
    form = {'AppName': 'form', 'VodTranscodeGroupId': 'g'}
    signed, _text = signed_params(dict(params, **form), DEMO_ACCESS_KEY_SECRET)
    query = dict((k, v) for k, v in signed.items() if k not in form)
    status, headers, body = raw(emulator, query, body=urlencode(form),
                                headers={'Content-Type': 'application/x-www-form-urlencoded'})
    assert status == 200, body
    assert emulator.configs()[0]['AppName'] == 'form'
    assert headers['Content-Type'] == 'application/json;charset=utf-8'
    assert headers['x-acs-request-id'] == body['RequestId']


def test_error_body_shape(emulator):
    seen = set()
    for dummy in range(3):
        status, headers, body = raw_signed(emulator, 'AddLiveRecordVodConfig', DomainName='unknown.example.com', AppName='a',
                                           VodTranscodeGroupId='g')
        assert status == 404
        assert headers['Content-Type'] == 'application/json;charset=utf-8'
        assert list(body) == ['RequestId', 'HostId', 'Code', 'Message', 'Recommend']
        assert REQUEST_ID_RE.match(body['RequestId'])
        assert body['HostId'] == 'live.aliyuncs.com'
        assert body['RequestId'] in body['Recommend'] and body['Recommend'].startswith('https://')
        seen.add(body['RequestId'])
    assert len(seen) == 3


def test_control_paths_are_not_api_actions(emulator):
    status, _headers, body = raw(emulator, {'Action': 'AddLiveRecordVodConfig'}, path='/_emulator/nothing')
    assert status == 404 and 'error' in body
    assert emulator.requests() == []


# ---- throttling ----------------------------------------------------------


# Every Live action has its own per-account limit: the recording callback actions and the domain listing too.
ACTIONS = ('AddLiveRecordVodConfig', 'UpdateLiveRecordVodConfig', 'DeleteLiveRecordVodConfig', 'DescribeLiveRecordVodConfigs',
           'AddLiveRecordNotifyConfig', 'UpdateLiveRecordNotifyConfig', 'DeleteLiveRecordNotifyConfig', 'DescribeLiveRecordNotifyConfig',
           'DescribeLiveUserDomains')


def test_throttling_is_per_account_and_action(emulator):
    limits = emulator.settings(rate_limit_per_minute=3)['rate_limit_per_minute']
    assert limits == dict((action, 3) for action in ACTIONS)
    acs = client(emulator)
    for index in range(3):
        add(acs, app='app', stream='s%d' % index)
    error = server_error(acs, ADD, DomainName=DOMAIN, AppName='app', StreamName='s3', VodTranscodeGroupId='g')
    assert (error.get_http_status(), error.get_error_code(), error.get_error_msg()) == (
        400, 'Throttling.User', 'Request was denied due to user flow control.')
    assert len(emulator.configs()) == 3
    # Other actions and other accounts have their own windows.
    call(acs, UPDATE, DomainName=DOMAIN, AppName='app', StreamName='s0', VodTranscodeGroupId='g')
    call(acs, DELETE, DomainName=DOMAIN, AppName='app', StreamName='s1')
    describe(acs)
    add(client(emulator, OTHER_ACCESS_KEY_ID, OTHER_ACCESS_KEY_SECRET))
    # Rejected validation still counts as a call: the window is per call, not per success.
    emulator.reset()
    emulator.settings(rate_limit_per_minute=2)
    assert server_error(acs, ADD, DomainName=DOMAIN, AppName='bad app', VodTranscodeGroupId='g').get_error_code() == 'InvalidParameter'
    add(acs)
    assert server_error(acs, ADD, DomainName=DOMAIN, AppName='b', VodTranscodeGroupId='g').get_error_code() == 'Throttling.User'


def test_reads_are_throttled_per_minute_with_a_limit_of_their_own(emulator):
    limits = emulator.settings(rate_limit_per_minute={'DescribeLiveRecordVodConfigs': 2})['rate_limit_per_minute']
    assert limits['DescribeLiveRecordVodConfigs'] == 2 and limits['AddLiveRecordVodConfig'] == 1000
    acs = client(emulator)
    describe(acs)
    describe(acs)
    error = server_error(acs, DESCRIBE, DomainName=DOMAIN)
    assert (error.get_http_status(), error.get_error_code()) == (400, 'Throttling.User')
    # Still throttled a second later: the window is a minute, not a second.
    time.sleep(1.05)
    assert server_error(acs, DESCRIBE, DomainName=DOMAIN).get_error_code() == 'Throttling.User'
    add(acs)
    describe(client(emulator, OTHER_ACCESS_KEY_ID, OTHER_ACCESS_KEY_SECRET))
    assert [e['code'] for e in emulator.requests('DescribeLiveRecordVodConfigs')] == [None, None, 'Throttling.User', 'Throttling.User', None]


DEFAULT_SETTINGS = {'rate_limit_per_minute': dict((action, 1000) for action in ACTIONS), 'rate_limit_window_seconds': 60.0,
                    'transcode_templates_format': 'json', 'record_format_order': 'reversed'}


def test_settings_validation_and_reset(emulator):
    assert emulator.settings() == DEFAULT_SETTINGS
    for bad in ({'rate_limit_per_minute': 0}, {'rate_limit_per_minute': True}, {'rate_limit_per_minute': {'NoSuchAction': 5}},
                {'rate_limit_per_minute': {'AddLiveRecordVodConfig': '5'}}, {'unknown': 1},
                {'transcode_templates_format': 'yaml'}, {'record_format_order': 'random'},
                {'record_format_order': 'sorted', 'rate_limit_per_minute': 0},
                {'rate_limit_window_seconds': 0}, {'rate_limit_window_seconds': 'five'},
                {'rate_limit_window_seconds': 5, 'rate_limit_per_minute': 0}):
        with pytest.raises(EmulatorError):
            emulator.settings(**bad)
    # A refused change changes nothing.
    assert emulator.settings() == DEFAULT_SETTINGS
    emulator.settings(rate_limit_per_minute={'DescribeLiveRecordVodConfigs': 7}, transcode_templates_format='comma',
                      record_format_order='sorted')
    emulator.reset()
    assert emulator.settings() == DEFAULT_SETTINGS


# ---- control surface -----------------------------------------------------


def test_request_log(emulator):
    acs = client(emulator)
    add(acs, app='app')
    server_error(acs, ADD, DomainName=DOMAIN, AppName='app', VodTranscodeGroupId='g')
    describe(acs)
    server_error(client(emulator, secret='wrong'), DELETE, DomainName=DOMAIN, AppName='app')
    emulator.seed(domains=['seeded.example.com'])
    log = emulator.requests()
    assert [e['seq'] for e in log] == [1, 2, 3, 4]
    assert [(e['action'], e['status'], e['code']) for e in log] == [
        ('AddLiveRecordVodConfig', 200, None), ('AddLiveRecordVodConfig', 400, 'ConfigAlreadyExists'),
        ('DescribeLiveRecordVodConfigs', 200, None), ('DeleteLiveRecordVodConfig', 400, 'SignatureDoesNotMatch')]
    assert log[0]['time'] <= log[1]['time'] <= log[3]['time'] <= time.time()
    assert log[0]['params']['AppName'] == 'app' and log[0]['params']['SignatureType'] == ''
    assert all('Signature' not in e['params'] and e['access_key_id'] == DEMO_ACCESS_KEY_ID for e in log)
    assert DEMO_ACCESS_KEY_SECRET not in json.dumps(log)
    assert [e['action'] for e in emulator.requests(action='DescribeLiveRecordVodConfigs')] == ['DescribeLiveRecordVodConfigs']
    assert [e['seq'] for e in emulator.write_requests()] == [1, 2, 4]
    emulator.clear_requests()
    assert emulator.requests() == []


def test_seed_and_reset(emulator):
    configs = emulator.seed(domains=['seeded.example.com'], configs=[
        {'DomainName': 'seeded.example.com', 'AppName': 'app', 'VodTranscodeGroupId': 'g'}])
    assert configs[0]['CycleDuration'] == 3600 and configs[0]['StreamName'] == '' and TIME_RE.match(configs[0]['CreateTime'])
    assert listed(describe(client(emulator), domain='seeded.example.com'))[0]['AppName'] == 'app'
    emulator.seed(account_id=OTHER_ACCOUNT_ID, configs=[{'DomainName': 'other.example.com', 'AppName': 'o', 'VodTranscodeGroupId': 'g'}])
    assert [c['AppName'] for c in emulator.configs(account_id=OTHER_ACCOUNT_ID)] == ['o']
    for bad in ({'configs': [{'DomainName': 'other.example.com', 'AppName': 'a', 'VodTranscodeGroupId': 'g'}]},
                {'configs': [{'DomainName': DOMAIN, 'AppName': 'a', 'VodTranscodeGroupId': 'g', 'cycleDuration': 900}]},
                {'configs': [{'DomainName': DOMAIN, 'AppName': 'a', 'VodTranscodeGroupId': 'g', 'cycle_duration': 900}]},
                {'configs': [{'DomainName': DOMAIN, 'AppName': 'a'}]},
                {'account_id': '999'}):
        with pytest.raises(EmulatorError):
            emulator.seed(**bad)
    emulator.fault('*', 'error')
    emulator.reset()
    assert emulator.configs() == [] and emulator.configs(account_id=OTHER_ACCOUNT_ID) == []
    assert emulator.requests() == [] and emulator.call('GET', 'faults') == {'faults': []}
    error = server_error(client(emulator), DESCRIBE, DomainName='seeded.example.com')
    assert error.get_error_code() == 'InvalidDomain.NotFound'


# ---- faults --------------------------------------------------------------


def test_error_fault_defaults_and_times(emulator):
    acs = client(emulator)
    emulator.fault('AddLiveRecordVodConfig', 'error', times=2)
    for dummy in range(2):
        error = server_error(acs, ADD, DomainName=DOMAIN, AppName='app', VodTranscodeGroupId='g')
        assert (error.get_http_status(), error.get_error_code()) == (503, 'ServiceUnavailable')
        assert REQUEST_ID_RE.match(error.get_request_id())
    assert emulator.configs() == []
    describe(acs)
    add(acs)
    assert len(emulator.configs()) == 1
    assert [(e['fault'], e['code']) for e in emulator.requests()] == [
        ('error', 'ServiceUnavailable'), ('error', 'ServiceUnavailable'), (None, None), (None, None)]


def test_throttles_then_success(emulator):
    emulator.fault('*', 'error', status=400, code='Throttling.User', message='Request was denied due to user flow control.', times=2)
    acs = client(emulator)
    codes = []
    for dummy in range(3):
        try:
            describe(acs)
            codes.append('ok')
        except ServerException as exc:
            codes.append((exc.get_http_status(), exc.get_error_code()))
    assert codes == [(400, 'Throttling.User'), (400, 'Throttling.User'), 'ok']


def test_faults_apply_in_order_and_until_cleared(emulator):
    emulator.fault('*', 'error', code='First', status=500, times=1)
    emulator.fault('DescribeLiveRecordVodConfigs', 'error', code='Second', status=500, times=None)
    acs = client(emulator)
    codes = [server_error(acs, DESCRIBE, DomainName=DOMAIN).get_error_code() for dummy in range(3)]
    assert codes == ['First', 'Second', 'Second']
    add(acs)
    emulator.clear_faults()
    describe(acs)


def test_a_fault_can_skip_the_first_matching_requests(emulator):
    emulator.fault('DescribeLiveRecordVodConfigs', 'error', code='Later', status=500, times=1, skip=2)
    acs = client(emulator)
    describe(acs)
    add(acs)
    describe(acs)
    assert server_error(acs, DESCRIBE, DomainName=DOMAIN).get_error_code() == 'Later'
    describe(acs)
    assert [e['code'] for e in emulator.requests()] == [None, None, None, 'Later', None]


def test_faults_need_a_valid_signature(emulator):
    emulator.fault('*', 'error', times=1)
    assert server_error(client(emulator, secret='wrong'), DESCRIBE, DomainName=DOMAIN).get_error_code() == 'InvalidAccessKeySecret'
    assert server_error(client(emulator), DESCRIBE, DomainName=DOMAIN).get_error_code() == 'ServiceUnavailable'


def test_fault_specs_are_validated(emulator):
    for spec in ({'action': 'NoSuchAction', 'kind': 'error'}, {'action': '*', 'kind': 'explode'},
                 {'action': '*', 'kind': 'error', 'times': 0}, {'action': '*', 'kind': 'error', 'status': 99},
                 {'action': '*', 'kind': 'error', 'skip': -1}):
        with pytest.raises(EmulatorError):
            emulator.fault(**spec)


def wait_for(predicate, timeout=120.0):
    """Poll until predicate() is true (the timeout only stops a hung test; a busy machine never meets it)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return predicate()


def test_delay_fault_applies_after_the_client_timed_out(emulator):
    emulator.fault('AddLiveRecordVodConfig', 'delay', seconds=0.8, times=1)
    with pytest.raises(ClientException) as info:
        add(client(emulator, timeout=0.3))
    assert info.value.get_error_code() == 'SDK.HttpError'
    assert wait_for(lambda: len(emulator.configs()) == 1)
    assert wait_for(lambda: emulator.requests()[0]['status'] == 200)


def test_delay_fault_without_apply(emulator):
    emulator.fault('AddLiveRecordVodConfig', 'delay', seconds=0.2, apply=False, times=1)
    error = server_error(client(emulator), ADD, DomainName=DOMAIN, AppName='app', VodTranscodeGroupId='g')
    assert (error.get_http_status(), error.get_error_code()) == (503, 'ServiceUnavailable')
    # Counted, not timed: the one request went through the delay fault, which is used up.
    assert [(entry['fault'], entry['status']) for entry in emulator.requests()] == [('delay', 503)]
    assert emulator.faults() == []
    assert emulator.configs() == []


def test_delay_fault_answers_normally_when_the_client_waits(emulator):
    emulator.fault('DescribeLiveRecordVodConfigs', 'delay', seconds=0.2, times=1)
    assert describe(client(emulator))['Total'] == '0'
    assert [(entry['fault'], entry['status']) for entry in emulator.requests()] == [('delay', 200)]
    assert emulator.faults() == []


def test_delay_fault_with_hold_answers_with_the_state_read_before_the_wait(emulator):
    emulator.fault('DescribeLiveRecordVodConfigs', 'delay', seconds=0.6, hold=True, times=1)
    answers = []
    reader = threading.Thread(target=lambda: answers.append(describe(client(emulator))))
    reader.start()
    assert wait_for(lambda: len(emulator.requests()) == 1)
    emulator.seed(configs=[dict(DomainName=DOMAIN, AppName='app', VodTranscodeGroupId='g')])
    reader.join(120)
    assert answers[0]['Total'] == '0'
    assert describe(client(emulator))['Total'] == '1'


@pytest.mark.parametrize('apply_it', [False, True])
def test_drop_fault(emulator, apply_it):
    emulator.fault('AddLiveRecordVodConfig', 'drop', apply=apply_it, times=1)
    with pytest.raises(ClientException) as info:
        add(client(emulator))
    assert info.value.get_error_code() == 'SDK.HttpError'
    assert len(emulator.configs()) == (1 if apply_it else 0)
    [entry] = emulator.requests()
    assert (entry['fault'], entry['status']) == ('drop', None)


def test_malformed_fault(emulator):
    emulator.fault('DescribeLiveRecordVodConfigs', 'malformed', times=1)
    body = client(emulator).do_action_with_exception(make(DESCRIBE, DomainName=DOMAIN))
    with pytest.raises(ValueError):
        json.loads(body)
    emulator.fault('AddLiveRecordVodConfig', 'malformed', status=500, times=1)
    error = server_error(client(emulator), ADD, DomainName=DOMAIN, AppName='app', VodTranscodeGroupId='g')
    assert (error.get_http_status(), error.get_error_code(), error.get_request_id()) == (500, 'SDK.UnknownServerError', None)
    assert emulator.configs() == []


def test_html_fault(emulator):
    emulator.fault('*', 'html', times=1)
    status, headers, body = raw_signed(emulator, 'DescribeLiveRecordVodConfigs', DomainName=DOMAIN)
    assert (status, headers['Content-Type']) == (502, 'text/html')
    assert b'<html>' in body and b'502 Bad Gateway' in body
    emulator.fault('AddLiveRecordVodConfig', 'html', status=504, times=1)
    error = server_error(client(emulator), ADD, DomainName=DOMAIN, AppName='app', VodTranscodeGroupId='g')
    assert (error.get_http_status(), error.get_error_code()) == (504, 'SDK.UnknownServerError')
    assert emulator.configs() == []


def test_missing_keys_fault(emulator):
    emulator.fault('*', 'missing_keys', times=2)
    acs = client(emulator)
    assert list(describe(acs)) == ['RequestId']
    assert list(add(acs)) == ['RequestId']
    assert emulator.configs() == []


# ---- processes, files and the command-line wrapper ------------------------


def port_is_closed(port):
    """True when nothing accepts connections on the port any more."""
    try:
        socket.create_connection(('127.0.0.1', port), timeout=0.5).close()
    except OSError:
        return True
    return False


def test_state_file_persists_across_restarts_and_sigterm_stops_cleanly(tmp_path):
    state_file, log_file = tmp_path / 'state.json', tmp_path / 'emulator.log'
    first = EmulatorProcess.start(str(tmp_path), state_file=str(state_file), log_file=str(log_file))
    try:
        acs = client(first)
        add(acs, app='kept', StorageLocation='bucket-1')
        add(acs, app='gone')
        call(acs, DELETE, DomainName=DOMAIN, AppName='gone')
        add(sts_client(first), app='sts')
        server_error(client(first, secret='wrong'), DESCRIBE, DomainName=DOMAIN)
        # Today's fields and a key of a newer API survive a restart too.
        first.client.seed(domains=['persisted.example.com'], account_id=OTHER_ACCOUNT_ID, configs=[
            {'DomainName': 'persisted.example.com', 'AppName': 'formats', 'DelayTime': 30, 'RecordContent': 'transcode',
             'TranscodeTemplates': ['lld'], 'SpaceId': 'space-1', 'NewFeatureFlag': True,
             'RecordFormatList': {'RecordFormat': [{'Format': 'mp4', 'Tags': 't'}, {'Format': 'm3u8', 'SliceDuration': 6}]}}])
        saved = json.loads(state_file.read_text())
        assert [c['AppName'] for c in saved['accounts'][DEMO_ACCOUNT_ID]['configs']] == ['kept', 'sts']
        assert 'persisted.example.com' in saved['accounts'][OTHER_ACCOUNT_ID]['domains']
        expected = first.client.configs()
        expected_other = first.client.configs(account_id=OTHER_ACCOUNT_ID)
        assert expected_other[0]['NewFeatureFlag'] is True and expected_other[0]['FormatConfig'] is True
    finally:
        assert first.stop() == 0
    with open(first.output_file, encoding='utf-8') as handle:
        printed = handle.read()
    # The start banner: where it listens and which credentials open it.
    url = 'http://127.0.0.1:%d' % first.port
    assert 'Endpoint:    %s\n' % url in printed and 'Control API: %s/_emulator/v1/\n' % url in printed
    assert 'export ALIBABA_CLOUD_LIVE_ENDPOINT=%s\n' % url in printed
    assert 'export ALIBABA_CLOUD_ACCESS_KEY_ID=%s\n' % DEMO_ACCESS_KEY_ID in printed
    assert 'export ALIBABA_CLOUD_ACCESS_KEY_SECRET=%s\n' % DEMO_ACCESS_KEY_SECRET in printed
    assert 'live.example.com, demo.example.com, play.example.com' in printed
    assert port_is_closed(first.port)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith('.tmp-')]
    second = EmulatorProcess.start(str(tmp_path), state_file=str(state_file))
    try:
        assert second.client.configs() == expected
        assert second.client.configs(account_id=OTHER_ACCOUNT_ID) == expected_other
        assert second.client.requests() == []
        assert listed(describe(client(second)))[0]['StorageLocation'] == 'bucket-1'
        describe(client(second, OTHER_ACCESS_KEY_ID, OTHER_ACCESS_KEY_SECRET), domain='persisted.example.com')
    finally:
        second.stop()
    logged = log_file.read_text()
    assert 'AddLiveRecordVodConfig' in logged and 'SignatureDoesNotMatch' in logged
    for secret in (DEMO_ACCESS_KEY_SECRET, DEMO_STS_ACCESS_KEY_SECRET, 'EmulatorDemoSecurityToken', 'wrong'):
        assert secret not in logged


def test_sigint_stops_cleanly(tmp_path):
    server = EmulatorProcess.start(str(tmp_path))
    server.process.send_signal(signal.SIGINT)
    assert server.process.wait(10) == 0
    assert port_is_closed(server.port)


def test_server_exits_when_its_parent_goes_away(tmp_path):
    script = ('from alicloud_live_emulator.client import EmulatorProcess; '
              'print(EmulatorProcess.start(%r).port)' % str(tmp_path))
    result = subprocess.run([sys.executable, '-c', script], capture_output=True, text=True, timeout=30, check=True)
    port = int(result.stdout)
    assert wait_for(lambda: port_is_closed(port), timeout=5)


CUSTOM_CREDENTIALS = {'accounts': [{
    'account_id': '42', 'name': 'custom', 'domains': ['custom.example.com'],
    'access_keys': [
        {'access_key_id': 'AKCUSTOM', 'access_key_secret': 'custom-secret'},
        {'access_key_id': 'AKDISABLED', 'access_key_secret': 'disabled-secret', 'active': False},
        {'access_key_id': 'AKREADONLY', 'access_key_secret': 'readonly-secret', 'allowed_actions': ['DescribeLiveRecordVodConfigs']},
    ],
    'sts_keys': [{'access_key_id': 'STS.OLD', 'access_key_secret': 'old-secret', 'security_token': 'old-token',
                  'expiration': '2020-01-01T00:00:00Z'}],
}]}


def test_credentials_file_and_rate_limit_option(tmp_path):
    credentials = tmp_path / 'credentials.json'
    credentials.write_text(json.dumps(CUSTOM_CREDENTIALS))
    server = EmulatorProcess.start(str(tmp_path), credentials=str(credentials), rate_limit=2)
    try:
        assert set(server.client.settings()['rate_limit_per_minute'].values()) == {2}
        add(client(server, 'AKCUSTOM', 'custom-secret'), domain='custom.example.com')
        assert server.client.configs()[0]['DomainName'] == 'custom.example.com'
        assert server_error(client(server), DESCRIBE, DomainName=DOMAIN).get_error_code() == 'InvalidAccessKeyId.NotFound'
        error = server_error(client(server, 'AKDISABLED', 'disabled-secret'), DESCRIBE, DomainName='custom.example.com')
        assert (error.get_http_status(), error.get_error_code()) == (400, 'InvalidAccessKeyId.Inactive')
        readonly = client(server, 'AKREADONLY', 'readonly-secret')
        assert describe(readonly, domain='custom.example.com')['Total'] == '1'
        error = server_error(readonly, ADD, DomainName='custom.example.com', AppName='a', VodTranscodeGroupId='g')
        assert (error.get_http_status(), error.get_error_code()) == (403, 'Forbidden.RAM')
        old = AcsClient(credential=StsTokenCredential('STS.OLD', 'old-secret', 'old-token'), region_id='cn-shanghai',
                        port=server.port, auto_retry=False, timeout=5)
        error = server_error(old, DESCRIBE, DomainName='custom.example.com')
        assert (error.get_http_status(), error.get_error_code()) == (400, 'InvalidSecurityToken.Expired')
        add(client(server, 'AKCUSTOM', 'custom-secret'), domain='custom.example.com', app='second')
        error = server_error(client(server, 'AKCUSTOM', 'custom-secret'), ADD, DomainName='custom.example.com', AppName='third',
                             VodTranscodeGroupId='g')
        assert error.get_error_code() == 'Throttling.User'
    finally:
        server.stop()


def test_bad_credentials_file_fails_to_start(tmp_path):
    credentials = tmp_path / 'credentials.json'
    credentials.write_text('{"accounts": [{"account_id": "1", "access_keys": [{"access_key_id": "AK"}]}]}')
    with pytest.raises(EmulatorError) as info:
        EmulatorProcess.start(str(tmp_path), credentials=str(credentials))
    assert 'cannot start' in str(info.value)


def wrapper_env(**extra):
    """An environment without Alibaba Cloud settings, plus extra."""
    env = dict((k, v) for k, v in os.environ.items() if not k.startswith('ALIBABA_CLOUD_') and 'proxy' not in k.lower())
    env.update(extra)
    return env


CHILD_SCRIPT = '''
import json, os, sys
from urllib.parse import urlsplit
from aliyunsdkcore.client import AcsClient
from aliyunsdklive.request.v20161101.AddLiveRecordVodConfigRequest import AddLiveRecordVodConfigRequest
endpoint = urlsplit(os.environ['ALIBABA_CLOUD_LIVE_ENDPOINT'])
acs = AcsClient(os.environ['ALIBABA_CLOUD_ACCESS_KEY_ID'], os.environ['ALIBABA_CLOUD_ACCESS_KEY_SECRET'],
                os.environ['ALIBABA_CLOUD_REGION_ID'], port=endpoint.port, auto_retry=False)
request = AddLiveRecordVodConfigRequest()
request.set_endpoint(endpoint.hostname)
request.set_protocol_type('http')
for name, value in (('DomainName', 'live.example.com'), ('AppName', sys.argv[1]), ('VodTranscodeGroupId', 'g')):
    request.add_query_param(name, value)
acs.do_action_with_exception(request)
print(json.dumps(dict((k, v) for k, v in os.environ.items() if k.startswith('ALIBABA_CLOUD_') or 'PROXY' in k.upper())))
sys.exit(int(sys.argv[2]))
'''


def test_command_runs_against_a_throwaway_emulator(tmp_path):
    state_file = tmp_path / 'state.json'
    # An http proxy would swallow the SDK's calls (nothing listens on port 9): the command must not get it.
    proxied = wrapper_env(HTTP_PROXY='http://127.0.0.1:9', HTTPS_PROXY='http://127.0.0.1:9', NO_PROXY='example.org')
    result = subprocess.run([COMMAND, '--state-file', str(state_file), '--', sys.executable, '-c', CHILD_SCRIPT,
                             'wrapped', '7'], check=False, capture_output=True, text=True, timeout=60, env=proxied)
    assert result.returncode == 7, result.stderr
    lines = result.stdout.splitlines()
    env = json.loads(lines[-1])
    endpoint = env.pop('ALIBABA_CLOUD_LIVE_ENDPOINT')
    assert re.match(r'^http://127\.0\.0\.1:\d+$', endpoint)
    # The first line says what runs where.
    assert lines[0].startswith('Running against the local Live API emulator at %s: %s -c ' % (endpoint, sys.executable))
    assert env == {'ALIBABA_CLOUD_ACCESS_KEY_ID': DEMO_ACCESS_KEY_ID, 'ALIBABA_CLOUD_ACCESS_KEY_SECRET': DEMO_ACCESS_KEY_SECRET,
                   'ALIBABA_CLOUD_REGION_ID': 'cn-shanghai', 'HTTPS_PROXY': 'http://127.0.0.1:9', 'NO_PROXY': 'example.org,127.0.0.1',
                   'no_proxy': '127.0.0.1'}
    assert port_is_closed(int(endpoint.rsplit(':', 1)[1]))
    assert [c['AppName'] for c in json.loads(state_file.read_text())['accounts'][DEMO_ACCOUNT_ID]['configs']] == ['wrapped']
    # Credentials already in the environment are left alone.
    preset = wrapper_env(ALIBABA_CLOUD_ACCESS_KEY_ID=OTHER_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET=OTHER_ACCESS_KEY_SECRET,
                         ALIBABA_CLOUD_REGION_ID='cn-beijing')
    result = subprocess.run([COMMAND, '--state-file', str(state_file), '--', sys.executable, '-c', CHILD_SCRIPT,
                             'other', '0'], check=False, capture_output=True, text=True, timeout=60, env=preset)
    assert result.returncode == 0, result.stderr
    env = json.loads(result.stdout.splitlines()[-1])
    assert (env['ALIBABA_CLOUD_ACCESS_KEY_ID'], env['ALIBABA_CLOUD_REGION_ID']) == (OTHER_ACCESS_KEY_ID, 'cn-beijing')
    saved = json.loads(state_file.read_text())['accounts']
    assert [c['AppName'] for c in saved[OTHER_ACCOUNT_ID]['configs']] == ['other']
    assert [c['AppName'] for c in saved[DEMO_ACCOUNT_ID]['configs']] == ['wrapped']


def test_command_mode_errors(tmp_path):
    result = subprocess.run([COMMAND, '--'], check=False, capture_output=True, text=True, timeout=30, env=wrapper_env())
    assert result.returncode == 2 and 'no command' in result.stderr
    result = subprocess.run([COMMAND, '--', str(tmp_path / 'missing-command')], check=False, capture_output=True,
                            text=True, timeout=30, env=wrapper_env())
    assert result.returncode == 127
    result = subprocess.run([COMMAND, '--', sys.executable, '-c', 'import os, signal; os.kill(os.getpid(), signal.SIGTERM)'],
                            check=False, capture_output=True, text=True, timeout=30, env=wrapper_env())
    assert result.returncode == 128 + signal.SIGTERM
