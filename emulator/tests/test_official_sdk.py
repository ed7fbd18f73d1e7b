# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The newest official SDK (alibabacloud-live20161101, a test-only dependency) against the installed
console script: its default client (signature V3, ACS3-HMAC-SHA256) and its
signature_algorithm='v2' client (the V1 HMAC-SHA1 scheme), with plain keys and with STS
credentials from AssumeRole, through the whole lifecycle with today's fields."""

import hashlib
import hmac
import http.client
import json
import os
import sys
import time
import uuid
from urllib.parse import quote, urlencode

import pytest

from alibabacloud_live20161101 import models
from alibabacloud_live20161101.client import Client
from alibabacloud_tea_openapi.client import Client as OpenApiClient
from alibabacloud_tea_openapi.exceptions import ClientException
from alibabacloud_tea_openapi.utils import Utils
from alibabacloud_tea_openapi.utils_models import Config, OpenApiRequest, Params
from darabonba.runtime import RuntimeOptions

from alicloud_live_emulator.client import DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, DEMO_ACCOUNT_ID, EmulatorProcess
from alicloud_live_emulator.sts import DEMO_OIDC_PROVIDER_ARN, DEMO_OIDC_TOKEN

# The console script, as pip installed it next to this Python.
COMMAND = os.path.join(os.path.dirname(sys.executable), 'alicloud-live-emulator')
DOMAIN = 'live.example.com'
OPERATOR_ROLE = 'acs:ram::%s:role/live-operator' % DEMO_ACCOUNT_ID
SCHEMES = {'v3': 'ACS3-HMAC-SHA256', 'v2': 'HMAC-SHA1'}


@pytest.fixture(scope='module')
def server(tmp_path_factory):
    """One emulator for this module, started with the installed console script and non-default Describe settings."""
    process = EmulatorProcess.start(str(tmp_path_factory.mktemp('sdk-emulator')), command=[COMMAND],
                                    transcode_templates_format='comma', record_format_order='sorted')
    try:
        yield process
    finally:
        process.stop()


@pytest.fixture
def emulator(server):
    """The module's emulator, reset for this test."""
    server.client.reset()
    return server


def config(server, algorithm, key_id=DEMO_ACCESS_KEY_ID, secret=DEMO_ACCESS_KEY_SECRET, token=None):
    """An SDK Config aimed at the emulator; algorithm 'v3' is the SDK's default."""
    settings = Config(access_key_id=key_id, access_key_secret=secret, security_token=token, region_id='cn-shanghai',
                      endpoint='127.0.0.1:%d' % server.port, protocol='http', read_timeout=10000, connect_timeout=5000)
    if algorithm != 'v3':
        settings.signature_algorithm = algorithm
    return settings


def assume_role(server):
    """Temporary credentials of the live-operator role, asked for through STS with the SDK's own V3 signer."""
    sts = OpenApiClient(config(server, 'v3'))
    params = Params(action='AssumeRole', version='2015-04-01', protocol='HTTP', pathname='/', method='POST', auth_type='AK',
                    style='RPC', req_body_type='formData', body_type='json')
    request = OpenApiRequest(query={'RoleArn': OPERATOR_ROLE, 'RoleSessionName': 'sdk-test', 'DurationSeconds': '900'})
    credentials = sts.call_api(params, request, RuntimeOptions())['body']['Credentials']
    return credentials['AccessKeyId'], credentials['AccessKeySecret'], credentials['SecurityToken']


def live_client(server, algorithm, credential):
    """The Live SDK client for a signature algorithm ('v3' or 'v2') and a credential ('key' or 'sts')."""
    if credential == 'sts':
        key_id, secret, token = assume_role(server)
        return Client(config(server, algorithm, key_id, secret, token)), key_id
    return Client(config(server, algorithm)), DEMO_ACCESS_KEY_ID


def describe(client, **params):
    """The typed items of a Describe of the domain."""
    body = client.describe_live_record_vod_configs(models.DescribeLiveRecordVodConfigsRequest(domain_name=DOMAIN, **params)).body
    return body, body.live_record_vod_configs.live_record_vod_config if body.live_record_vod_configs else []


def templates_of(text, style):
    """TranscodeTemplates as the emulator renders it in that style."""
    return json.loads(text) if style == 'json' else text.split(',') if text else []


def formats_of(item):
    """The RecordFormat items of a typed Describe item, by format (their order is not the request's)."""
    return dict((f.format, f.to_map()) for f in item.record_format_list.record_format)


def refused(call):
    """The ClientException of a call that the emulator must refuse."""
    with pytest.raises(ClientException) as info:
        call()
    return info.value


@pytest.mark.parametrize('algorithm, credential, style', [
    ('v3', 'key', 'json'), ('v2', 'key', 'comma'), ('v3', 'sts', 'comma'), ('v2', 'sts', 'json'),
])
def test_lifecycle_with_todays_fields(emulator, algorithm, credential, style):
    emulator.client.settings(transcode_templates_format=style)
    client, key_id = live_client(emulator, algorithm, credential)
    emulator.client.clear_requests()
    add = models.AddLiveRecordVodConfigRequest
    fmt = models.AddLiveRecordVodConfigRequestRecordFormat
    client.add_live_record_vod_config(add(
        domain_name=DOMAIN, app_name='live', stream_name='news', cycle_duration=900, delay_time=120, on_demand=2,
        record_content='raw,transcode', transcode_templates=['lld', 'lsd'], space_id='space-1', storage_location='bucket-1',
        record_format=[fmt(format='mp4', auto_compose='ON', process_method='workflow', process_template_id='wf-1',
                           tags='news, daily', video_process='origin,compose'),
                       fmt(format='m3u8', slice_duration=10)]))
    body, [item] = describe(client)
    assert body.total == '1'
    assert (item.app_name, item.stream_name, item.cycle_duration, item.delay_time, item.on_demand) == ('live', 'news', 900, 120, 2)
    assert (item.record_content, item.space_id, item.storage_location, item.vod_transcode_group_id) == (
        'raw,transcode', 'space-1', 'bucket-1', '')
    assert isinstance(item.transcode_templates, str) and templates_of(item.transcode_templates, style) == ['lld', 'lsd']
    assert item.format_config is True
    # The module's emulator lists formats sorted by name: m3u8 was sent last, it comes back first.
    assert [f.format for f in item.record_format_list.record_format] == ['m3u8', 'mp4']
    assert formats_of(item) == {
        'mp4': {'AutoCompose': 'ON', 'Format': 'mp4', 'ProcessMethod': 'workflow', 'ProcessTemplateId': 'wf-1',
                'Tags': 'news, daily', 'VideoProcess': 'origin,compose'},
        'm3u8': {'AutoCompose': 'OFF', 'Format': 'm3u8', 'ProcessMethod': '', 'ProcessTemplateId': '', 'SliceDuration': 10,
                 'Tags': '', 'VideoProcess': 'origin'},
    }
    update = models.UpdateLiveRecordVodConfigRequest
    client.update_live_record_vod_config(update(
        domain_name=DOMAIN, app_name='live', stream_name='news', cycle_duration=1800, on_demand=7, transcode_templates=['lhd'],
        record_format=[models.UpdateLiveRecordVodConfigRequestRecordFormat(format='flv', tags='archive')]))
    _body, [item] = describe(client, app_name='live', stream_name='news')
    # What Update was not sent went back to its default; what Update cannot set stayed.
    assert (item.cycle_duration, item.on_demand, item.delay_time) == (1800, 7, None)
    assert templates_of(item.transcode_templates, style) == ['lhd']
    assert (item.record_content, item.space_id, item.storage_location) == ('raw,transcode', 'space-1', 'bucket-1')
    assert list(formats_of(item)) == ['flv'] and formats_of(item)['flv']['Tags'] == 'archive'
    request = models.DeleteLiveRecordVodConfigRequest(domain_name=DOMAIN, app_name='live', stream_name='news')
    client.delete_live_record_vod_config(request)
    body, items = describe(client)
    assert (body.total, items) == ('0', [])
    log = emulator.client.requests()
    assert [(e['action'], e['status']) for e in log] == [
        ('AddLiveRecordVodConfig', 200), ('DescribeLiveRecordVodConfigs', 200), ('UpdateLiveRecordVodConfig', 200),
        ('DescribeLiveRecordVodConfigs', 200), ('DeleteLiveRecordVodConfig', 200), ('DescribeLiveRecordVodConfigs', 200)]
    assert {(e['signature'], e['access_key_id'], e['account_id']) for e in log} == {(SCHEMES[algorithm], key_id, DEMO_ACCOUNT_ID)}
    assert log[0]['params']['RecordFormat.1.Format'] == 'mp4' and log[0]['params']['TranscodeTemplates.2'] == 'lsd'


def test_the_console_script_options_set_the_describe_settings(emulator):
    settings = emulator.client.settings()
    assert (settings['transcode_templates_format'], settings['record_format_order']) == ('comma', 'sorted')


def test_unknown_keys_of_a_seeded_config_reach_the_sdk_caller(emulator):
    emulator.client.seed(configs=[{'DomainName': DOMAIN, 'AppName': 'app', 'VodTranscodeGroupId': 'g', 'NewFeatureFlag': True,
                                   'RecordFormatList': {'RecordFormat': [{'Format': 'flv', 'NewItemKey': 'x'}]}}])
    client = OpenApiClient(config(emulator, 'v3'))
    params = Params(action='DescribeLiveRecordVodConfigs', version='2016-11-01', protocol='HTTP', pathname='/', method='POST',
                    auth_type='AK', style='RPC', req_body_type='formData', body_type='json')
    body = client.call_api(params, OpenApiRequest(query={'DomainName': DOMAIN}), RuntimeOptions())['body']
    [item] = body['LiveRecordVodConfigs']['LiveRecordVodConfig']
    assert item['NewFeatureFlag'] is True
    assert item['RecordFormatList']['RecordFormat'][0]['NewItemKey'] == 'x'


@pytest.mark.parametrize('credential', ['key', 'sts'])
def test_a_wrong_v3_secret_is_refused(emulator, credential):
    if credential == 'sts':
        key_id, _secret, token = assume_role(emulator)
    else:
        key_id, token = DEMO_ACCESS_KEY_ID, None
    client = Client(config(emulator, 'v3', key_id, 'not-the-secret', token))
    error = refused(lambda: describe(client))
    assert (error.status_code, error.code) == (400, 'SignatureDoesNotMatch')
    message = error.data['Message']
    prefix = 'Specified signature is not matched with our calculation. server string to sign is:'
    assert message.startswith(prefix)
    algorithm, digest = message[len(prefix):].split('\n')
    assert algorithm == 'ACS3-HMAC-SHA256' and len(digest) == 64
    # The service's error body (the SDK adds statusCode to what it read).
    assert [k for k in error.data if k != 'statusCode'] == ['RequestId', 'HostId', 'Code', 'Message', 'Recommend']
    assert error.request_id == error.data['RequestId']
    assert emulator.client.configs() == []


def test_v3_sts_token_checks(emulator):
    key_id, secret, token = assume_role(emulator)
    error = refused(lambda: describe(Client(config(emulator, 'v3', key_id, secret, token[:-4] + 'AAAA'))))
    assert (error.status_code, error.code) == (400, 'InvalidSecurityToken.MismatchWithAccessKey')
    error = refused(lambda: describe(Client(config(emulator, 'v3', key_id, secret))))
    assert (error.status_code, error.code) == (400, 'MissingSecurityToken')
    emulator.client.sts_expire(key_id)
    error = refused(lambda: describe(Client(config(emulator, 'v3', key_id, secret, token))))
    assert (error.status_code, error.code) == (400, 'InvalidSecurityToken.Expired')
    error = refused(lambda: describe(Client(config(emulator, 'v3', 'LTAI5tNoSuchKey', 'x'))))
    assert (error.status_code, error.code) == (404, 'InvalidAccessKeyId.NotFound')


def test_v3_role_permissions_and_anonymous_oidc_exchange(emulator):
    sts = OpenApiClient(config(emulator, 'v3'))
    params = Params(action='AssumeRole', version='2015-04-01', protocol='HTTP', pathname='/', method='POST', auth_type='AK',
                    style='RPC', req_body_type='formData', body_type='json')
    reader = sts.call_api(params, OpenApiRequest(query={'RoleArn': 'acs:ram::%s:role/live-reader' % DEMO_ACCOUNT_ID,
                                                        'RoleSessionName': 'reader'}), RuntimeOptions())['body']['Credentials']
    client = Client(config(emulator, 'v3', reader['AccessKeyId'], reader['AccessKeySecret'], reader['SecurityToken']))
    assert describe(client)[0].total == '0'
    error = refused(lambda: client.add_live_record_vod_config(models.AddLiveRecordVodConfigRequest(
        domain_name=DOMAIN, app_name='app', vod_transcode_group_id='g')))
    assert (error.status_code, error.code) == (403, 'Forbidden.RAM')
    # AssumeRoleWithOIDC is anonymous: the SDK sends no Authorization header at all.
    anonymous = OpenApiClient(Config(endpoint='127.0.0.1:%d' % emulator.port, protocol='http', region_id='cn-shanghai'))
    params = Params(action='AssumeRoleWithOIDC', version='2015-04-01', protocol='HTTP', pathname='/', method='POST',
                    auth_type='Anonymous', style='RPC', req_body_type='formData', body_type='json')
    body = anonymous.call_api(params, OpenApiRequest(query={'RoleArn': OPERATOR_ROLE, 'OIDCProviderArn': DEMO_OIDC_PROVIDER_ARN,
                                                            'OIDCToken': DEMO_OIDC_TOKEN, 'RoleSessionName': 'oidc'}),
                              RuntimeOptions())['body']
    assert body['Credentials']['AccessKeyId'].startswith('STS.')
    assert [(e['action'], e['signature'], e['status']) for e in emulator.client.requests()][-1] == ('AssumeRoleWithOIDC', None, 200)


def test_v3_nonce_reuse_and_date_skew(emulator, monkeypatch):
    client = Client(config(emulator, 'v3'))
    monkeypatch.setattr(Utils, 'get_nonce', staticmethod(lambda: 'fixed-v3-nonce-0001'))
    describe(client)
    assert refused(lambda: describe(client)).code == 'SignatureNonceUsed'
    monkeypatch.setattr(Utils, 'get_nonce', staticmethod(lambda: uuid.uuid4().hex))
    stale = time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(time.time() - 20 * 60))
    monkeypatch.setattr(Utils, 'get_timestamp', staticmethod(lambda: stale))
    error = refused(lambda: describe(client))
    assert (error.status_code, error.code) == (400, 'InvalidTimeStamp.Expired')


# ---- V3 requests signed by hand: what the SDK cannot be made to send -----------


def v3_request(server, action, query, secret=DEMO_ACCESS_KEY_SECRET, body=b'', signed=None, extra=None, overrides=None,
               key_id=DEMO_ACCESS_KEY_ID, form_encoded=True):
    """Send a V3-signed request; signed: the header names to sign (default all); extra: headers added after signing.

    Return (status, body, the canonical request the client signed)."""
    headers = {
        'host': '127.0.0.1:%d' % server.port,
        'x-acs-action': action,
        'x-acs-version': '2016-11-01',
        'x-acs-date': time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()),
        'x-acs-signature-nonce': uuid.uuid4().hex,
        'x-acs-content-sha256': hashlib.sha256(body).hexdigest(),
    }
    headers.update(overrides or {})
    names = sorted(signed or headers)
    canonical_query = '&'.join('%s=%s' % (quote(k, safe='~'), quote(v, safe='~')) for k, v in sorted(query.items()))
    canonical = '\n'.join(['POST', '/', canonical_query, ''.join('%s:%s\n' % (n, headers[n].strip()) for n in names),
                           ';'.join(names), hashlib.sha256(body).hexdigest()])
    to_sign = 'ACS3-HMAC-SHA256\n' + hashlib.sha256(canonical.encode()).hexdigest()
    signature = hmac.new(secret.encode(), to_sign.encode(), hashlib.sha256).hexdigest()
    headers['Authorization'] = 'ACS3-HMAC-SHA256 Credential=%s,SignedHeaders=%s,Signature=%s' % (key_id, ';'.join(names), signature)
    headers.update(extra or {})
    wire_query = urlencode(query) if form_encoded else urlencode(query, quote_via=quote)
    connection = http.client.HTTPConnection('127.0.0.1', server.port, timeout=5)
    try:
        connection.request('POST', '/?' + wire_query, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, json.loads(response.read()), to_sign
    finally:
        connection.close()


def test_v3_form_encoded_query_and_minimal_signed_headers(emulator):
    # Spaces arrive as '+' (form encoding) and are signed as %20; only the required headers are signed,
    # and a header added after signing does not matter.
    required = ['host', 'x-acs-action', 'x-acs-version', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-content-sha256']
    status, body, _text = v3_request(emulator, 'AddLiveRecordVodConfig',
                                     {'DomainName': DOMAIN, 'AppName': 'app', 'VodTranscodeGroupId': 'g', 'RecordFormat.1.Format': 'flv',
                                      'RecordFormat.1.Tags': 'a b~c/d', 'TranscodeTemplates.1': 't 1'},
                                     signed=required, extra={'user-agent': 'added-after-signing', 'x-acs-trace': '1'})
    assert status == 200, body
    [config] = emulator.client.configs()
    assert config['RecordFormatList']['RecordFormat'][0]['Tags'] == 'a b~c/d' and config['TranscodeTemplates'] == ['t 1']
    status, body, _text = v3_request(emulator, 'DescribeLiveRecordVodConfigs', {'DomainName': DOMAIN}, form_encoded=False)
    assert (status, body['Total']) == (200, '1')


def test_v3_payload_hash_and_signed_header_rules(emulator):
    query = {'DomainName': DOMAIN}
    status, body, _text = v3_request(emulator, 'DescribeLiveRecordVodConfigs', query, body=b'x=1',
                                     overrides={'x-acs-content-sha256': hashlib.sha256(b'').hexdigest()})
    assert (status, body['Code']) == (400, 'InvalidParameter') and 'x-acs-content-sha256' in body['Message']
    status, body, _text = v3_request(emulator, 'DescribeLiveRecordVodConfigs', query,
                                     signed=['host', 'x-acs-action', 'x-acs-version', 'x-acs-signature-nonce', 'x-acs-content-sha256'])
    assert (status, body['Code']) == (400, 'IncompleteSignature') and 'x-acs-date' in body['Message']
    status, body, _text = v3_request(emulator, 'DescribeLiveRecordVodConfigs', query, overrides={'x-acs-date': ''})
    assert (status, body['Code']) == (400, 'MissingParameter') and 'x-acs-date' in body['Message']
    # A wrong secret: the server's string to sign is the client's own.
    status, body, to_sign = v3_request(emulator, 'DescribeLiveRecordVodConfigs', query, secret='wrong')
    assert (status, body['Code']) == (400, 'SignatureDoesNotMatch')
    assert body['Message'].endswith('server string to sign is:' + to_sign)
    # A signed header changed after signing: the strings differ.
    status, body, to_sign = v3_request(emulator, 'DescribeLiveRecordVodConfigs', query, extra={'x-acs-signature-nonce': 'changed'})
    assert (status, body['Code']) == (400, 'SignatureDoesNotMatch')
    assert 'server string to sign is:ACS3-HMAC-SHA256\n' in body['Message'] and not body['Message'].endswith(to_sign)
    # So does a query parameter.
    status, body, to_sign = v3_request(emulator, 'DescribeLiveRecordVodConfigs', dict(query, AppName='a'),
                                       overrides={'x-acs-action': 'DescribeLiveRecordVodConfigs'})
    assert status == 200, body
    log = emulator.client.requests()
    assert [(e['signature'], e['code']) for e in log] == [('ACS3-HMAC-SHA256', code) for code in (
        'InvalidParameter', 'IncompleteSignature', 'MissingParameter', 'SignatureDoesNotMatch', 'SignatureDoesNotMatch', None)]


def test_v3_unsupported_algorithm_and_malformed_authorization(emulator):
    for authorization, code in (('ACS3-HMAC-SM3 Credential=%s,SignedHeaders=host,Signature=00' % DEMO_ACCESS_KEY_ID,
                                 'InvalidSignatureMethod'),
                                ('ACS3-HMAC-SHA256 Credential=%s,Signature=00' % DEMO_ACCESS_KEY_ID, 'IncompleteSignature')):
        connection = http.client.HTTPConnection('127.0.0.1', emulator.port, timeout=5)
        try:
            connection.request('POST', '/?DomainName=' + DOMAIN, headers={
                'Authorization': authorization, 'x-acs-action': 'DescribeLiveRecordVodConfigs', 'x-acs-version': '2016-11-01',
                'x-acs-date': time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()), 'x-acs-signature-nonce': uuid.uuid4().hex,
                'x-acs-content-sha256': hashlib.sha256(b'').hexdigest()})
            response = connection.getresponse()
            assert (response.status, json.loads(response.read())['Code']) == (400, code)
        finally:
            connection.close()
