# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""STS (AssumeRole, AssumeRoleWithOIDC) and the instance metadata service, driven over HTTP.

AssumeRole goes through the real SDK, which signs it like a Live call; the issued
credentials then sign Live calls until they expire or are revoked.
"""

import json
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import ProxyHandler, Request, build_opener

import pytest

from aliyunsdkcore.acs_exception.exceptions import ServerException
from aliyunsdkcore.auth.credentials import StsTokenCredential
from aliyunsdkcore.client import AcsClient
from aliyunsdkcore.request import CommonRequest

from alicloud_live_emulator.client import (
    DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, DEMO_ACCOUNT_ID, OTHER_ACCESS_KEY_ID, OTHER_ACCESS_KEY_SECRET)
from alicloud_live_emulator.sts import DEMO_OIDC_PROVIDER_ARN, DEMO_OIDC_TOKEN

OPERATOR = 'acs:ram::%s:role/live-operator' % DEMO_ACCOUNT_ID
READER = 'acs:ram::%s:role/live-reader' % DEMO_ACCOUNT_ID
PARTNER = 'acs:ram::%s:role/live-partner' % DEMO_ACCOUNT_ID
OPENER = build_opener(ProxyHandler({}))


@pytest.fixture
def port(clean_live_emulator):
    return clean_live_emulator.port


def acs(port, key_id=DEMO_ACCESS_KEY_ID, secret=DEMO_ACCESS_KEY_SECRET, credentials=None):
    if credentials is not None:
        credential = StsTokenCredential(credentials['AccessKeyId'], credentials['AccessKeySecret'], credentials['SecurityToken'])
        return AcsClient(credential=credential, region_id='cn-shanghai', port=port, auto_retry=False, timeout=5)
    return AcsClient(key_id, secret, 'cn-shanghai', port=port, auto_retry=False, timeout=5)


def rpc(client, version, action, **params):
    request = CommonRequest(domain='127.0.0.1', version=version, action_name=action)
    request.set_method('POST')
    request.set_protocol_type('http')
    for name, value in params.items():
        request.add_query_param(name, value)
    return json.loads(client.do_action_with_exception(request))


def assume(port, role=OPERATOR, **params):
    return rpc(acs(port, **params.pop('signer', {})), '2015-04-01', 'AssumeRole', RoleArn=role, RoleSessionName='tests', **params)


def describe(client):
    return rpc(client, '2016-11-01', 'DescribeLiveRecordVodConfigs', DomainName='live.example.com')


def refused(call, *args, **kwargs):
    with pytest.raises(ServerException) as caught:
        call(*args, **kwargs)
    return caught.value.get_error_code(), caught.value.get_http_status()


def test_assume_role_issues_credentials_the_live_actions_accept(port, emulator):
    answer = assume(port, DurationSeconds='900')

    issued = answer['Credentials']
    assert issued['AccessKeyId'].startswith('STS.') and issued['SecurityToken'] and issued['Expiration'].endswith('Z')
    assert answer['AssumedRoleUser']['Arn'] == OPERATOR + '/tests'
    assert describe(acs(port, credentials=issued))['Total'] == '0'
    assert [entry['role_arn'] for entry in emulator.sts_issued()] == [OPERATOR]
    # The log never keeps a token.
    assert 'SecurityToken' not in emulator.requests('DescribeLiveRecordVodConfigs')[0]['params']


def test_expired_and_revoked_credentials_get_the_real_error_codes(port, emulator):
    expiring, revoked = assume(port)['Credentials'], assume(port)['Credentials']

    emulator.sts_expire(expiring['AccessKeyId'])
    emulator.sts_revoke(revoked['AccessKeyId'])

    assert refused(describe, acs(port, credentials=expiring)) == ('InvalidSecurityToken.Expired', 400)
    assert refused(describe, acs(port, credentials=revoked)) == ('InvalidAccessKeyId.NotFound', 404)


def test_a_token_that_does_not_match_its_key_is_refused(port):
    issued = dict(assume(port)['Credentials'], SecurityToken='CAISforged')
    assert refused(describe, acs(port, credentials=issued)) == ('InvalidSecurityToken.MismatchWithAccessKey', 400)


@pytest.mark.parametrize('role, params, expected', [
    ('acs:ram::%s:role/nobody' % DEMO_ACCOUNT_ID, {}, ('EntityNotExist.Role', 404)),
    ('arn:aws:iam::1:role/x', {}, ('InvalidParameter.RoleArn', 400)),
    (OPERATOR, {'DurationSeconds': '60'}, ('InvalidParameter.DurationSeconds', 400)),
    (OPERATOR, {'signer': {'key_id': OTHER_ACCESS_KEY_ID, 'secret': OTHER_ACCESS_KEY_SECRET}}, ('NoPermission', 403)),
    (PARTNER, {'signer': {'key_id': OTHER_ACCESS_KEY_ID, 'secret': OTHER_ACCESS_KEY_SECRET}}, ('NoPermission', 403)),
    (OPERATOR, {'Policy': '{"Statement": '}, ('InvalidParameter.PolicyGrammar', 400)),
    (OPERATOR, {'signer': {'secret': 'wrong-secret'}}, ('SignatureDoesNotMatch', 400)),
])
def test_assume_role_refusals(port, role, params, expected):
    assert refused(assume, port, role, **params) == expected


def test_cross_account_role_with_external_id_acts_in_the_role_account(port, emulator):
    issued = assume(port, PARTNER, ExternalId='partner-ext-id',
                    signer={'key_id': OTHER_ACCESS_KEY_ID, 'secret': OTHER_ACCESS_KEY_SECRET})['Credentials']
    rpc(acs(port, credentials=issued), '2016-11-01', 'AddLiveRecordVodConfig', DomainName='demo.example.com', AppName='partner',
        VodTranscodeGroupId='g')
    assert [config['AppName'] for config in emulator.configs(DEMO_ACCOUNT_ID)] == ['partner']


def test_the_role_and_the_session_policy_narrow_what_a_session_may_do(port):
    reader = assume(port, READER)['Credentials']
    policy = json.dumps({'Version': '1', 'Statement': [{'Effect': 'Allow', 'Action': 'live:Describe*', 'Resource': '*'}]})
    narrowed = assume(port, Policy=policy)['Credentials']
    for issued in (reader, narrowed):
        assert describe(acs(port, credentials=issued))['Total'] == '0'
        assert refused(rpc, acs(port, credentials=issued), '2016-11-01', 'AddLiveRecordVodConfig', DomainName='live.example.com',
                       AppName='a', VodTranscodeGroupId='g') == ('Forbidden.RAM', 403)


def oidc(port, token=DEMO_OIDC_TOKEN, provider=DEMO_OIDC_PROVIDER_ARN, role=OPERATOR):
    """An unsigned AssumeRoleWithOIDC call, as the SDKs send it."""
    query = urlencode(dict(Action='AssumeRoleWithOIDC', Version='2015-04-01', Format='JSON', RoleArn=role, OIDCProviderArn=provider,
                           OIDCToken=token, RoleSessionName='pod', Timestamp='2026-01-01T00:00:00Z'))
    try:
        with OPENER.open(Request('http://127.0.0.1:%d/?%s' % (port, query), data=b'', method='POST'), timeout=5) as response:
            return response.status, json.loads(response.read())
    except HTTPError as error:
        return error.code, json.loads(error.read())


def test_assume_role_with_oidc_is_anonymous_and_checks_the_token(port, emulator):
    status, answer = oidc(port)
    assert status == 200 and describe(acs(port, credentials=answer['Credentials']))['Total'] == '0'
    assert [oidc(port, token='eyJ.forged.token')[1]['Code'], oidc(port, provider='acs:ram::1:oidc-provider/x')[1]['Code'],
            oidc(port, role=READER)[1]['Code']] == [
        'AuthenticationFail.OIDCToken.Invalid', 'EntityNotExist.OIDCProvider', 'AuthenticationFail.NoPermission']
    emulator.oidc_tokens_expired()
    assert oidc(port)[1]['Code'] == 'AuthenticationFail.OIDCToken.Expired'
    assert 'OIDCToken' not in emulator.requests('AssumeRoleWithOIDC')[0]['params']


def metadata(port, path, method='GET', headers=None):
    request = Request('http://127.0.0.1:%d%s' % (port, path), method=method, headers=headers or {},
                      data=b'' if method == 'PUT' else None)
    try:
        with OPENER.open(request, timeout=5) as response:
            return response.status, response.read().decode()
    except HTTPError as error:
        return error.code, error.read().decode()


def test_the_metadata_service_serves_the_instance_role_over_imdsv2_and_v1(port, emulator):
    status, token = metadata(port, '/latest/api/token', 'PUT', {'X-aliyun-ecs-metadata-token-ttl-seconds': '21600'})
    assert status == 200
    headers = {'X-aliyun-ecs-metadata-token': token}
    assert metadata(port, '/latest/meta-data/ram/security-credentials/', headers=headers) == (200, 'live-ecs-role')
    status, text = metadata(port, '/latest/meta-data/ram/security-credentials/live-ecs-role', headers=headers)
    issued = json.loads(text)
    assert status == 200 and issued['Code'] == 'Success' and describe(acs(port, credentials=issued))['Total'] == '0'
    assert metadata(port, '/latest/meta-data/ram/security-credentials/other', headers=headers)[0] == 404
    assert metadata(port, '/latest/meta-data/ram/security-credentials/live-ecs-role')[0] == 200
    emulator.metadata_mode('required')
    assert metadata(port, '/latest/meta-data/ram/security-credentials/live-ecs-role')[0] == 401
    emulator.metadata_mode('v1-only')
    assert metadata(port, '/latest/api/token', 'PUT', {'X-aliyun-ecs-metadata-token-ttl-seconds': '60'})[0] == 404
    emulator.reset()
    assert metadata(port, '/latest/api/token', 'PUT', {'X-aliyun-ecs-metadata-token-ttl-seconds': '60'})[0] == 200
