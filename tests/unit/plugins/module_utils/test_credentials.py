# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The credential chain: every source, the order between them, the region, and clean errors.

STS answers come from the fake at the SDK's HTTP boundary (the SDK signs for real); the
instance metadata service is a small HTTP server on 127.0.0.1.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64
import hashlib
import hmac
import json
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote

import pytest

from ansible_collections.alicloud.live.plugins.module_utils import _credentials as credentials
from ansible_collections.alicloud.live.plugins.module_utils._connection import ConnectionOptionError
from ansible_collections.alicloud.live.plugins.module_utils._credential_source import CommandTimeout, CredentialError

ROLE_ARN = 'acs:ram::1000000000000001:role/live-operator'
PROVIDER_ARN = 'acs:ram::1000000000000001:oidc-provider/ack-rrsa-test'
FILE_SECRET = 'file-Secret/+=&value'
FILE_TOKEN = 'file-Sts-Token/+=value'
ENV_SECRET = 'env-Secret/+=&value'
OIDC_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2lnbmF0dXJl'
TEMP = dict(AccessKeyId='STS.TempKey0001', AccessKeySecret='temp-Secret/+=', SecurityToken='temp-Token/+=value',
            Expiration='2099-01-01T00:00:00Z')
SECRETS = (FILE_SECRET, FILE_TOKEN, ENV_SECRET, OIDC_TOKEN, TEMP['AccessKeySecret'], TEMP['SecurityToken'])


def base_params(**extra):
    params = dict(region_id=None, endpoint='http://127.0.0.1:18080', validate_certs=True, timeout=10.0, retries=0,
                  retry_delay=1.0, retry_max_delay=10.0, retry_timeout=60.0, sts_endpoint='http://127.0.0.1:18090')
    params.update(extra)
    return params


def run_command(argv, timeout):
    """The command runner a module gives the credential chain (AnsibleModule.run_command), for tests without one."""
    process = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout,
                             check=False)
    return process.returncode, process.stdout


def resolve(**extra):
    exchange = credentials.Exchange(command_runner=run_command)
    settings = credentials.resolve_settings(base_params(**extra), exchange)
    return settings, exchange


def failure(**extra):
    with pytest.raises(CredentialError) as caught:
        resolve(**extra)
    message = str(caught.value)
    assert not [secret for secret in SECRETS if secret in message], message
    return message


@pytest.fixture
def home(clean_env, tmp_path):
    return tmp_path / 'home'


def write_config(home, profiles, current=None, name='config.json'):
    folder = home / '.aliyun'
    folder.mkdir(exist_ok=True)
    path = folder / name
    data = {'profiles': profiles}
    if current is not None:
        data['current'] = current
    path.write_text(json.dumps(data))
    return path


def write_ini(home, text):
    folder = home / '.alibabacloud'
    folder.mkdir(exist_ok=True)
    path = folder / 'credentials.ini'
    path.write_text(text)
    return path


def ak_profile(name, key='LTAI5tProfileKey', region_id=None):
    profile = dict(name=name, mode='AK', access_key_id=key, access_key_secret=FILE_SECRET)
    if region_id:
        profile['region_id'] = region_id
    return profile


def assume_role_answer(call):
    return 200, dict(RequestId='STS-REQ-1', Credentials=TEMP, AssumedRoleUser=dict(Arn=ROLE_ARN + '/s', AssumedRoleId='1:s'))


def signature_valid(call, secret):
    params = dict(call.params)
    signature = params.pop('Signature')
    canonical = '&'.join('%s=%s' % (quote(k, safe='~'), quote(v, safe='~')) for k, v in sorted(params.items()))
    text = 'POST&%2F&' + quote(canonical, safe='~')
    expected = base64.b64encode(hmac.new((secret + '&').encode(), text.encode(), hashlib.sha1).digest()).decode()
    return hmac.compare_digest(expected, signature)


# ---- static keys and the order ------------------------------------------------------------

def test_explicit_keys_win_over_every_other_source(home, clean_env):
    write_config(home, [ak_profile('default')], current='default')
    clean_env.setenv('ALIBABA_CLOUD_ACCESS_KEY_ID', 'LTAI5tEnvKey')
    clean_env.setenv('ALIBABA_CLOUD_ACCESS_KEY_SECRET', ENV_SECRET)

    settings = resolve(access_key_id='LTAI5tOptionKey', access_key_secret='opt-secret', profile='default',
                       ecs_role_name='some-role')[0]

    assert (settings.access_key_id, settings.access_key_secret) == ('LTAI5tOptionKey', 'opt-secret')


def test_explicit_profile_wins_over_environment_keys(home, clean_env):
    write_config(home, [ak_profile('default'), ak_profile('dev', key='LTAI5tDevKey')], current='default')
    clean_env.setenv('ALIBABA_CLOUD_ACCESS_KEY_ID', 'LTAI5tEnvKey')
    clean_env.setenv('ALIBABA_CLOUD_ACCESS_KEY_SECRET', ENV_SECRET)

    settings, _exchange = resolve(profile='dev')

    assert settings.access_key_id == 'LTAI5tDevKey' and 'profile dev' in settings.credential_source


def test_explicit_ecs_role_wins_over_environment_keys(home, clean_env, metadata):
    clean_env.setenv('ALIBABA_CLOUD_ACCESS_KEY_ID', 'LTAI5tEnvKey')
    clean_env.setenv('ALIBABA_CLOUD_ACCESS_KEY_SECRET', ENV_SECRET)

    settings, _exchange = resolve(ecs_role_name='ecs-live', metadata_endpoint=metadata.url)

    assert settings.access_key_id == 'STS.EcsKey0001'


def test_environment_keys_win_over_the_oidc_environment(home, clean_env, tmp_path):
    oidc_environment(clean_env, tmp_path)
    clean_env.setenv('ALICLOUD_ACCESS_KEY', 'LTAI5tEnvKey')
    clean_env.setenv('ALICLOUD_SECRET_KEY', ENV_SECRET)

    settings, _exchange = resolve()

    assert settings.access_key_id == 'LTAI5tEnvKey' and settings.security_token is None


def test_the_oidc_environment_wins_over_the_cli_profile(home, clean_env, tmp_path, fake_api):
    write_config(home, [ak_profile('default')], current='default')
    oidc_environment(clean_env, tmp_path)
    fake_api.script('AssumeRoleWithOIDC', assume_role_answer)

    settings, _exchange = resolve()

    assert settings.access_key_id == TEMP['AccessKeyId'] and fake_api.actions() == ['AssumeRoleWithOIDC']


def test_the_cli_profile_wins_over_credentials_ini(home, clean_env):
    write_config(home, [ak_profile('default', key='LTAI5tCliKey')])
    write_ini(home, '[default]\ntype = access_key\naccess_key_id = LTAI5tIniKey\naccess_key_secret = %s\n' % FILE_SECRET)

    assert resolve()[0].access_key_id == 'LTAI5tCliKey'


def test_credentials_ini_wins_over_the_ecs_role_environment(home, clean_env):
    write_ini(home, '[default]\ntype = access_key\naccess_key_id = LTAI5tIniKey\naccess_key_secret = %s\n' % FILE_SECRET)
    clean_env.setenv('ALIBABA_CLOUD_ECS_METADATA', 'ecs-live')

    assert resolve()[0].access_key_id == 'LTAI5tIniKey'


def test_the_ecs_role_environment_comes_last(home, clean_env, metadata):
    clean_env.setenv('ALIBABA_CLOUD_ECS_METADATA', 'ecs-live')

    settings, exchange = resolve(metadata_endpoint=metadata.url)

    assert (settings.access_key_id, settings.security_token) == ('STS.EcsKey0001', 'ecs-Token/+=')
    assert 'ecs-Token/+=' in exchange.secrets and 'STS.EcsKey0001' in exchange.secrets


def test_nothing_found_lists_every_place_looked_at_without_values(home, clean_env):
    clean_env.setenv('ALIBABA_CLOUD_ROLE_ARN', ROLE_ARN)

    message = failure()

    assert message.startswith('no credentials found')
    for place in ('access_key_id', 'ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALICLOUD_ACCESS_KEY', 'ALIBABA_CLOUD_OIDC_TOKEN_FILE',
                  '.aliyun/config.json (no such file)', '.alibabacloud/credentials.ini (no such file)',
                  'ALIBABA_CLOUD_ECS_METADATA (not set)'):
        assert place in message
    assert ROLE_ARN not in message
    assert message.index('ALIBABA_CLOUD_ACCESS_KEY_ID') < message.index('OIDC_TOKEN_FILE') < message.index('config.json') \
        < message.index('credentials.ini') < message.index('ECS_METADATA')


@pytest.mark.parametrize('env, missing', [
    ({'ALIBABA_CLOUD_ACCESS_KEY_ID': 'LTAI5tEnvKey'}, 'access_key_secret'),
    ({'ALIBABA_CLOUD_ACCESS_KEY_SECRET': ENV_SECRET}, 'access_key_id'),
])
def test_half_an_environment_key_pair_is_an_error(home, clean_env, env, missing):
    for name, value in env.items():
        clean_env.setenv(name, value)
    message = failure()
    assert message.startswith(missing) and 'ALIBABA_CLOUD_' in message


def test_an_explicit_token_without_keys_is_an_error(home, clean_env):
    assert failure(security_token=FILE_TOKEN).startswith('access_key_id is required')


# ---- CLI profiles -----------------------------------------------------------------------------

def test_the_current_profile_and_its_region(home, clean_env):
    write_config(home, [ak_profile('default'), ak_profile('prod', key='LTAI5tProdKey', region_id='ap-southeast-1')], current='prod')

    settings, exchange = resolve()

    assert (settings.access_key_id, settings.region_id) == ('LTAI5tProdKey', 'ap-southeast-1')
    assert FILE_SECRET in exchange.secrets


def test_alibaba_cloud_profile_picks_the_profile(home, clean_env):
    write_config(home, [ak_profile('default'), ak_profile('dev', key='LTAI5tDevKey')], current='default')
    clean_env.setenv('ALIBABA_CLOUD_PROFILE', 'dev')
    assert resolve()[0].access_key_id == 'LTAI5tDevKey'


def test_an_explicit_region_wins_over_the_profile_region(home, clean_env):
    write_config(home, [ak_profile('default', region_id='ap-southeast-1')])
    assert resolve(region_id='cn-beijing')[0].region_id == 'cn-beijing'


def test_without_any_region_the_default_is_cn_shanghai(home, clean_env):
    write_config(home, [ak_profile('default')])
    settings = resolve(endpoint=None)[0]
    assert (settings.region_id, settings.host) == ('cn-shanghai', 'live.aliyuncs.com')


def test_the_sts_token_profile(home, clean_env):
    write_config(home, [dict(name='sts', mode='StsToken', access_key_id='STS.Key', access_key_secret=FILE_SECRET,
                             sts_token=FILE_TOKEN)])
    settings, exchange = resolve(profile='sts')
    assert settings.security_token == FILE_TOKEN and FILE_TOKEN in exchange.secrets


def test_config_file_option_and_variable(home, clean_env, tmp_path):
    path = write_config(home, [ak_profile('default', key='LTAI5tOtherFile')], name='other.json')
    assert resolve(config_file=str(path))[0].access_key_id == 'LTAI5tOtherFile'
    clean_env.setenv('ALIBABA_CLOUD_CONFIG_FILE', str(path))
    assert resolve()[0].access_key_id == 'LTAI5tOtherFile'
    clean_env.setenv('ALIBABA_CLOUD_CONFIG_FILE', str(tmp_path / 'nowhere.json'))
    assert 'ALIBABA_CLOUD_CONFIG_FILE names' in failure() and 'does not exist' in failure()


def test_a_missing_named_profile_lists_the_existing_ones(home, clean_env):
    write_config(home, [ak_profile('default'), ak_profile('prod')], current='default')
    write_ini(home, '[ci]\ntype = access_key\naccess_key_id = LTAI5tIniKey\naccess_key_secret = %s\n' % FILE_SECRET)

    message = failure(profile='staging')

    assert message.startswith('profile staging (profile option) does not exist')
    assert 'config.json: default, prod' in message and 'credentials.ini: ci' in message


def test_a_current_profile_that_does_not_exist_lists_the_existing_ones(home, clean_env):
    write_config(home, [ak_profile('default'), ak_profile('prod')], current='gone')
    message = failure()
    assert '"current" names profile gone' in message and 'default, prod' in message


@pytest.mark.parametrize('text, expected', [
    ('{"current": "default", "profiles": [\n  {"name": "default",, }]}', 'is not valid JSON: Expecting property name enclosed in '
                                                                         'double quotes at line 2, column 22'),
    ('["not", "an", "object"]', 'must hold a JSON object'),
    ('{"profiles": {"name": "x"}}', '"profiles" must be a list'),
    ('{"profiles": [{"mode": "AK"}]}', 'profiles[0] has no "name"'),
    ('{"profiles": [{"name": "default", "mode": "AK", "access_key_id": "LTAI5tKey"}]}',
     'profile default: access_key_secret is missing or empty'),
    ('{"profiles": [{"name": "default", "mode": "AK", "access_key_id": "LTAI5tKey", "access_key_secret": 42}]}',
     'profile default: access_key_secret must be a string'),
    ('{"profiles": [{"name": "default", "mode": "AK", "access_key_id": "LTAI5tKey", "access_key_secret": "s",'
     ' "region_id": "CN Shanghai"}]}', 'profile default: region_id must be a region id'),
    ('{"profiles": [{"name": "default", "mode": "RamRoleArn", "access_key_id": "LTAI5tKey", "access_key_secret": "s",'
     ' "ram_role_arn": "not-an-arn"}]}', 'profile default: ram_role_arn must be a RAM role ARN'),
    ('{"profiles": [{"name": "default", "mode": "RamRoleArn", "access_key_id": "LTAI5tKey", "access_key_secret": "s",'
     ' "ram_role_arn": "%s", "expired_seconds": 60}]}' % ROLE_ARN, 'profile default: expired_seconds must be a whole number'),
    ('{"profiles": [{"name": "default", "mode": "CloudSSO"}]}', 'mode CloudSSO is not supported by alicloud.live; use one of AK, StsToken'),
    ('{"profiles": [{"name": "a", "mode": "ChainableRamRoleArn", "source_profile": "b", "ram_role_arn": "%s"},'
     ' {"name": "b", "mode": "ChainableRamRoleArn", "source_profile": "a", "ram_role_arn": "%s"}], "current": "a"}'
     % (ROLE_ARN, ROLE_ARN), 'source_profile makes a loop (a -> b -> a)'),
])
def test_a_malformed_config_file_names_the_file_and_the_place(home, clean_env, text, expected):
    folder = home / '.aliyun'
    folder.mkdir()
    (folder / 'config.json').write_text(text.replace('"s"', json.dumps(FILE_SECRET)))

    message = failure()

    assert str(folder / 'config.json') in message and expected in message


def test_a_ram_role_arn_profile_assumes_the_role_with_its_keys(home, clean_env, fake_api):
    write_config(home, [dict(name='default', mode='RamRoleArn', access_key_id='LTAI5tBaseKey', access_key_secret=FILE_SECRET,
                             ram_role_arn=ROLE_ARN, ram_session_name='deploy', expired_seconds=900, region_id='cn-beijing')])
    fake_api.script('AssumeRole', assume_role_answer)

    settings, exchange = resolve()

    call = fake_api.calls[0]
    assert call.params['AccessKeyId'] == 'LTAI5tBaseKey' and signature_valid(call, FILE_SECRET)
    assert (call.params['RoleArn'], call.params['RoleSessionName'], call.params['DurationSeconds']) == (ROLE_ARN, 'deploy', '900')
    assert (call.params['Version'], call.host, call.port) == ('2015-04-01', '127.0.0.1', 18090)
    assert (settings.access_key_id, settings.security_token, settings.region_id) == ('STS.TempKey0001', TEMP['SecurityToken'], 'cn-beijing')
    assert exchange.request_ids == ['STS-REQ-1'] and TEMP['AccessKeySecret'] in exchange.secrets


def test_a_chainable_profile_assumes_the_role_with_its_source_profile(home, clean_env, fake_api):
    write_config(home, [ak_profile('base', key='LTAI5tBaseKey', region_id='cn-hangzhou'),
                        dict(name='ops', mode='ChainableRamRoleArn', source_profile='base', ram_role_arn=ROLE_ARN)], current='ops')
    fake_api.script('AssumeRole', assume_role_answer)

    settings, _exchange = resolve()

    assert fake_api.calls[0].params['AccessKeyId'] == 'LTAI5tBaseKey' and settings.region_id == 'cn-hangzhou'
    assert fake_api.calls[0].params['RoleSessionName'] == 'ansible-alicloud-live'


def test_an_ecs_ram_role_profile_reads_the_metadata_service(home, clean_env, metadata):
    write_config(home, [dict(name='default', mode='EcsRamRole', ram_role_name='ecs-live')])
    assert resolve(metadata_endpoint=metadata.url)[0].access_key_id == 'STS.EcsKey0001'


def test_an_oidc_profile_exchanges_its_token(home, clean_env, tmp_path, fake_api):
    token_file = tmp_path / 'token'
    token_file.write_text(OIDC_TOKEN + '\n')
    write_config(home, [dict(name='default', mode='OIDC', ram_role_arn=ROLE_ARN, oidc_provider_arn=PROVIDER_ARN,
                             oidc_token_file=str(token_file))])
    fake_api.script('AssumeRoleWithOIDC', assume_role_answer)

    settings, exchange = resolve()

    assert fake_api.calls[0].params['OIDCToken'] == OIDC_TOKEN and OIDC_TOKEN in exchange.secrets
    assert settings.access_key_id == TEMP['AccessKeyId']


# ---- credentials.ini ------------------------------------------------------------------------

def test_credentials_ini_types(home, clean_env, fake_api):
    write_ini(home, '\n'.join([
        '[default]', 'type = access_key', 'access_key_id = LTAI5tIniKey', 'access_key_secret = %s' % FILE_SECRET,
        '[sts]', 'type = sts', 'access_key_id = STS.IniKey', 'access_key_secret = %s' % FILE_SECRET, 'security_token = %s' % FILE_TOKEN,
        '[role]', 'type = ram_role_arn', 'access_key_id = LTAI5tIniKey', 'access_key_secret = %s' % FILE_SECRET,
        'role_arn = %s' % ROLE_ARN, 'role_session_name = ini-session', '']))
    assert resolve()[0].access_key_id == 'LTAI5tIniKey'
    clean_env.setenv('ALIBABA_CLOUD_PROFILE', 'sts')
    assert resolve()[0].security_token == FILE_TOKEN
    fake_api.script('AssumeRole', assume_role_answer)
    clean_env.setenv('ALIBABA_CLOUD_PROFILE', 'role')
    assert resolve()[0].access_key_id == TEMP['AccessKeyId']
    assert fake_api.calls[0].params['RoleSessionName'] == 'ini-session' and signature_valid(fake_api.calls[0], FILE_SECRET)


def test_credentials_file_variable(home, clean_env, tmp_path):
    path = tmp_path / 'creds.ini'
    path.write_text('[default]\ntype = access_key\naccess_key_id = LTAI5tOtherIni\naccess_key_secret = x%s\n' % FILE_SECRET)
    clean_env.setenv('ALIBABA_CLOUD_CREDENTIALS_FILE', str(path))
    assert resolve()[0].access_key_id == 'LTAI5tOtherIni'


@pytest.mark.parametrize('text, expected', [
    ('access_key_secret = %s\n[default]\n' % FILE_SECRET, 'line 1: a [section] header must come before the first key'),
    ('[default]\ntype = access_key\njust-a-bare-line\n', 'line 3: not a "key = value" line'),
    ('[default]\ntype = access_key\ntype = sts\n', 'line 3: key type appears twice in section [default]'),
    ('[default]\n[default]\n', 'line 2: section [default] appears twice'),
    ('[default]\naccess_key_id = LTAI5tKey\n', 'section [default]: type must be one of access_key, sts, ram_role_arn, ecs_ram_role'),
    ('[default]\ntype = sts\naccess_key_id = STS.Key\naccess_key_secret = %s\n' % FILE_SECRET,
     'section [default]: security_token is missing or empty'),
    ('[default]\ntype = ram_role_arn\naccess_key_id = LTAI5tKey\naccess_key_secret = %s\nrole_arn = %s\npolicy = {nope\n'
     % (FILE_SECRET, ROLE_ARN), 'section [default]: policy is not valid JSON'),
])
def test_a_malformed_credentials_file_names_the_file_and_the_line_or_key(home, clean_env, text, expected):
    path = write_ini(home, text)
    message = failure()
    assert str(path) in message and expected in message


# ---- assume_role on top ----------------------------------------------------------------------

def test_assume_role_applies_on_top_of_the_base_source(home, clean_env, fake_api):
    write_config(home, [ak_profile('default', key='LTAI5tBaseKey')])
    fake_api.script('AssumeRole', assume_role_answer)
    policy = {'Version': '1', 'Statement': [{'Effect': 'Allow', 'Action': 'live:Describe*', 'Resource': '*'}]}

    role = dict(role_arn=ROLE_ARN, session_name='nightly', duration_seconds=1800, policy=json.dumps(policy), external_id='abc-123')
    settings = resolve(assume_role=role)[0]

    params = fake_api.calls[0].params
    assert params['AccessKeyId'] == 'LTAI5tBaseKey' and signature_valid(fake_api.calls[0], FILE_SECRET)
    assert (params['RoleSessionName'], params['DurationSeconds'], params['ExternalId']) == ('nightly', '1800', 'abc-123')
    assert json.loads(params['Policy']) == policy
    assert settings.access_key_id == TEMP['AccessKeyId'] and 'assumed with profile default' in settings.credential_source


def test_assume_role_from_the_alicloud_variables(home, clean_env, fake_api):
    clean_env.setenv('ALICLOUD_ACCESS_KEY', 'LTAI5tEnvKey')
    clean_env.setenv('ALICLOUD_SECRET_KEY', ENV_SECRET)
    clean_env.setenv('ALICLOUD_ASSUME_ROLE_ARN', ROLE_ARN)
    clean_env.setenv('ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION', '1200')
    fake_api.script('AssumeRole', assume_role_answer)

    resolve()

    assert fake_api.calls[0].params['DurationSeconds'] == '1200' and signature_valid(fake_api.calls[0], ENV_SECRET)


def test_the_default_sts_endpoint_is_the_region_over_https(home, clean_env, fake_api):
    write_config(home, [ak_profile('default', region_id='ap-southeast-1')])
    fake_api.script('AssumeRole', assume_role_answer)

    resolve(sts_endpoint=None, assume_role=dict(role_arn=ROLE_ARN))

    call = fake_api.calls[0]
    assert (call.host, call.port, call.https, call.verify) == ('sts.ap-southeast-1.aliyuncs.com', 443, True, True)


@pytest.mark.parametrize('role, expected', [
    (dict(role_arn='arn:aws:iam::1:role/x'), 'assume_role.role_arn must be a RAM role ARN'),
    (dict(role_arn=ROLE_ARN, session_name='a b'), 'assume_role.session_name must be 2 to 64 letters'),
    (dict(role_arn=ROLE_ARN, duration_seconds=100), 'assume_role.duration_seconds must be a whole number of seconds from 900'),
    (dict(role_arn=ROLE_ARN, policy='{"Version": '), 'assume_role.policy is not valid JSON'),
    (dict(role_arn=ROLE_ARN, policy='[1]'), 'assume_role.policy must be a JSON policy document'),
    (dict(role_arn=ROLE_ARN, external_id='x'), 'assume_role.external_id must be 2 to 1224'),
])
def test_bad_assume_role_values_fail_before_any_call(home, clean_env, fake_api, role, expected):
    assert expected in failure(access_key_id='LTAI5tKey', access_key_secret=ENV_SECRET, assume_role=role)
    assert fake_api.calls == []


def test_an_sts_refusal_is_an_api_error_with_code_status_and_request_id(home, clean_env, fake_api):
    from ansible_collections.alicloud.live.plugins.module_utils._client import LiveApiError
    fake_api.script('AssumeRole', (403, dict(RequestId='STS-REQ-9', HostId='sts.aliyuncs.com', Code='NoPermission',
                                             Message='You are not authorized to do this action.')))
    with pytest.raises(LiveApiError) as caught:
        resolve(access_key_id='LTAI5tKey', access_key_secret=ENV_SECRET, assume_role=dict(role_arn=ROLE_ARN))
    assert (caught.value.action, caught.value.code, caught.value.http_status, caught.value.request_id) == (
        'AssumeRole', 'NoPermission', 403, 'STS-REQ-9')


def test_an_sts_answer_without_credentials_is_malformed(home, clean_env, fake_api):
    from ansible_collections.alicloud.live.plugins.module_utils._client import LiveApiError
    fake_api.script('AssumeRole', (200, dict(RequestId='STS-REQ-2', Credentials=dict(AccessKeyId='STS.x'))))
    with pytest.raises(LiveApiError) as caught:
        resolve(access_key_id='LTAI5tKey', access_key_secret=ENV_SECRET, assume_role=dict(role_arn=ROLE_ARN))
    assert caught.value.code == 'MalformedResponse' and 'AccessKeySecret' in caught.value.message


# ---- OIDC ---------------------------------------------------------------------------------------

def oidc_environment(env, tmp_path, token=OIDC_TOKEN + '\n'):
    token_file = tmp_path / 'oidc-token'
    token_file.write_text(token)
    env.setenv('ALIBABA_CLOUD_ROLE_ARN', ROLE_ARN)
    env.setenv('ALIBABA_CLOUD_OIDC_PROVIDER_ARN', PROVIDER_ARN)
    env.setenv('ALIBABA_CLOUD_OIDC_TOKEN_FILE', str(token_file))
    return token_file


def test_the_oidc_exchange_is_unsigned_and_carries_the_token(home, clean_env, tmp_path, fake_api):
    oidc_environment(clean_env, tmp_path)
    clean_env.setenv('ALIBABA_CLOUD_ROLE_SESSION_NAME', 'pod-1')
    fake_api.script('AssumeRoleWithOIDC', assume_role_answer)

    settings, exchange = resolve()

    params = fake_api.calls[0].params
    assert 'Signature' not in params and 'AccessKeyId' not in params
    assert (params['RoleArn'], params['OIDCProviderArn'], params['OIDCToken'], params['RoleSessionName']) == (
        ROLE_ARN, PROVIDER_ARN, OIDC_TOKEN, 'pod-1')
    assert params['Version'] == '2015-04-01' and params['Timestamp']
    assert settings.security_token == TEMP['SecurityToken'] and OIDC_TOKEN in exchange.secrets


def test_oidc_options_win_and_complete_from_the_environment(home, clean_env, tmp_path, fake_api):
    token_file = oidc_environment(clean_env, tmp_path)
    clean_env.setenv('ALIBABA_CLOUD_ACCESS_KEY_ID', 'LTAI5tEnvKey')
    clean_env.setenv('ALIBABA_CLOUD_ACCESS_KEY_SECRET', ENV_SECRET)
    clean_env.delenv('ALIBABA_CLOUD_OIDC_TOKEN_FILE')
    fake_api.script('AssumeRoleWithOIDC', assume_role_answer)

    resolve(oidc_token_file=str(token_file))

    assert fake_api.actions() == ['AssumeRoleWithOIDC']


def test_an_incomplete_oidc_option_set_names_what_is_missing(home, clean_env):
    assert 'oidc_provider_arn and oidc_token_file not set' in failure(oidc_role_arn=ROLE_ARN)


@pytest.mark.parametrize('content, expected', [
    ('', 'is empty'),
    ('%s\nsecond-line\n' % OIDC_TOKEN, 'line 2: a token file holds the token on one line only'),
    ('abc def', 'line 1, column 4: a token is printable ASCII without blanks'),
])
def test_a_malformed_token_file_names_the_file_and_the_line(home, clean_env, tmp_path, fake_api, content, expected):
    token_file = oidc_environment(clean_env, tmp_path, token=content)
    message = failure()
    assert str(token_file) in message and expected in message and fake_api.calls == []


def test_a_missing_token_file_is_named(home, clean_env, tmp_path):
    token_file = oidc_environment(clean_env, tmp_path)
    token_file.unlink()
    assert 'cannot read the OIDC token file %s' % token_file in failure()


# ---- ECS instance metadata ----------------------------------------------------------------------

class MetadataService:
    """A scriptable instance metadata service on 127.0.0.1."""

    def __init__(self):
        self.requests = []
        self.v2 = True
        self.role = 'ecs-live'
        service = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self, status, text):
                body = text.encode()
                self.send_response(status)
                self.send_header('Content-Length', str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_PUT(self):  # pylint: disable=invalid-name
                service.requests.append(('PUT', self.path, dict((k.lower(), v) for k, v in self.headers.items())))
                if service.v2 and self.headers.get('X-aliyun-ecs-metadata-token-ttl-seconds'):
                    self._answer(200, 'imds-session-token')
                else:
                    self._answer(403, 'forbidden')

            def do_GET(self):  # pylint: disable=invalid-name
                service.requests.append(('GET', self.path, dict((k.lower(), v) for k, v in self.headers.items())))
                base = '/latest/meta-data/ram/security-credentials/'
                if self.path == base:
                    self._answer(200, service.role + '\n')
                elif self.path == base + service.role:
                    self._answer(200, json.dumps(dict(Code='Success', AccessKeyId='STS.EcsKey0001', AccessKeySecret='ecs-Secret/+=',
                                                      SecurityToken='ecs-Token/+=', Expiration='2099-01-01T00:00:00Z')))
                else:
                    self._answer(404, 'not found')

        self.server = ThreadingHTTPServer(('127.0.0.1', 0), Handler)
        self.url = 'http://127.0.0.1:%d' % self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, kwargs={'poll_interval': 0.05}, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def metadata():
    service = MetadataService()
    yield service
    service.close()


def test_imdsv2_token_first(home, clean_env, metadata):
    resolve(ecs_role_name='ecs-live', metadata_endpoint=metadata.url)
    (put, put_path, _put_headers), (get, get_path, headers) = metadata.requests
    assert (put, put_path, get, get_path) == ('PUT', '/latest/api/token', 'GET', '/latest/meta-data/ram/security-credentials/ecs-live')
    assert headers.get('x-aliyun-ecs-metadata-token') == 'imds-session-token'


def test_falls_back_to_imdsv1_unless_disabled(home, clean_env, metadata):
    metadata.v2 = False
    assert resolve(ecs_role_name='ecs-live', metadata_endpoint=metadata.url)[0].access_key_id == 'STS.EcsKey0001'
    assert 'x-aliyun-ecs-metadata-token' not in metadata.requests[-1][2]
    clean_env.setenv('ALIBABA_CLOUD_IMDSV1_DISABLED', 'true')
    message = failure(ecs_role_name='ecs-live', metadata_endpoint=metadata.url)
    assert 'gave no IMDSv2 token (HTTP 403)' in message and 'ALIBABA_CLOUD_IMDSV1_DISABLED is true' in message


def test_an_unknown_role_and_an_empty_role_name(home, clean_env, metadata):
    assert 'knows no RAM role named other' in failure(ecs_role_name='other', metadata_endpoint=metadata.url)
    write_config(home, [dict(name='default', mode='EcsRamRole', ram_role_name='')])
    # An EcsRamRole profile without a role name uses the role the instance reports.
    assert resolve(metadata_endpoint=metadata.url)[0].access_key_id == 'STS.EcsKey0001'


def test_off_ecs_the_metadata_service_fails_fast_and_clearly(home, clean_env):
    import socket
    closed = socket.socket()
    closed.bind(('127.0.0.1', 0))
    port = closed.getsockname()[1]
    closed.close()
    message = failure(ecs_role_name='ecs-live', metadata_endpoint='http://127.0.0.1:%d' % port)
    assert 'did not answer within 3 seconds' in message and 'only be used on an ECS instance' in message


def test_the_metadata_endpoint_default_and_its_check():
    assert credentials._metadata_endpoint({}) == 'http://100.100.100.200:80'
    with pytest.raises(ConnectionOptionError) as caught:
        credentials._metadata_endpoint({'metadata_endpoint': 'ftp://x'})
    assert str(caught.value).startswith("metadata_endpoint 'ftp://x'")


def test_a_duplicated_key_made_of_a_secret_is_not_named(home, clean_env):
    path = write_ini(home, '[default]\ntype = access_key\n%s = x\n%s = y\n' % (FILE_SECRET.replace('=', ''), FILE_SECRET.replace('=', '')))
    message = failure()
    assert '%s, line 4: a key appears twice in section [default]' % path in message
    assert FILE_SECRET.replace('=', '').lower() not in message.lower()


def test_a_credentials_uri_profile(home, clean_env, metadata):
    write_config(home, [dict(name='default', mode='CredentialsURI',
                             credentials_uri=metadata.url + '/latest/meta-data/ram/security-credentials/ecs-live')])
    settings, exchange = resolve()
    assert settings.access_key_id == 'STS.EcsKey0001' and 'ecs-Secret/+=' in exchange.secrets
    write_config(home, [dict(name='default', mode='CredentialsURI', credentials_uri=metadata.url + '/nothing?token=%s' % FILE_TOKEN)])
    message = failure()
    assert 'the credentials URI on 127.0.0.1 answered HTTP 404' in message


def external_profile(home, script):
    import sys
    command = '%s -c %s' % (sys.executable, json.dumps(script))
    write_config(home, [dict(name='default', mode='External', process_command=command)])


def test_an_external_profile_runs_its_command(home, clean_env):
    external_profile(home, 'import json; print(json.dumps(dict(mode="StsToken", access_key_id="STS.Ext", '
                           'access_key_secret=%r, sts_token=%r)))' % (FILE_SECRET, FILE_TOKEN))
    settings, exchange = resolve()
    assert (settings.access_key_id, settings.security_token) == ('STS.Ext', FILE_TOKEN) and FILE_TOKEN in exchange.secrets


@pytest.mark.parametrize('script, expected', [
    ('import sys; sys.stderr.write(%r); sys.exit(3)' % FILE_SECRET, 'exited with status 3'),
    ('print(%r)' % FILE_SECRET, 'not a JSON object'),
    ('print(\'{"mode": "RamRoleArn"}\')', 'a JSON object whose mode is AK or StsToken is expected'),
    ('print(\'{"mode": "AK", "access_key_id": "LTAI5tKey"}\')', 'access_key_secret is missing or empty'),
])
def test_an_external_command_that_fails_is_reported_without_its_output(home, clean_env, script, expected):
    external_profile(home, script)
    assert expected in failure()


def test_an_external_command_that_runs_too_long_or_cannot_start_is_named(home, clean_env):
    external_profile(home, 'print(1)')

    def too_long(argv, timeout):
        assert timeout == 30
        raise CommandTimeout()

    def missing(argv, timeout):
        raise OSError(2, 'No such file or directory')

    for runner, expected in ((too_long, 'did not finish within 30 seconds'), (missing, 'No such file or directory'),
                             (None, 'cannot be run here: no command runner')):
        with pytest.raises(CredentialError) as caught:
            credentials.resolve_settings(base_params(), credentials.Exchange(command_runner=runner))
        assert expected in str(caught.value)


# ---- surrounding whitespace ------------------------------------------------------------------------

@pytest.mark.parametrize('id_name, secret_name, token_name', [
    ('ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALIBABA_CLOUD_SECURITY_TOKEN'),
    ('ALICLOUD_ACCESS_KEY', 'ALICLOUD_SECRET_KEY', 'ALICLOUD_SECURITY_TOKEN'),
])
def test_a_trailing_newline_is_dropped_from_every_environment_value(home, clean_env, id_name, secret_name, token_name):
    clean_env.setenv(id_name, 'STS.EnvKey\n')
    clean_env.setenv(secret_name, ENV_SECRET + '\n')
    clean_env.setenv(token_name, ' %s\r\n' % FILE_TOKEN)

    settings, exchange = resolve()

    assert (settings.access_key_id, settings.access_key_secret, settings.security_token) == ('STS.EnvKey', ENV_SECRET, FILE_TOKEN)
    assert ENV_SECRET in exchange.secrets and FILE_TOKEN in exchange.secrets


def test_a_trailing_newline_is_dropped_from_the_key_options(home, clean_env):
    settings = resolve(access_key_id='LTAI5tOptionKey\n', access_key_secret=ENV_SECRET + '\n', security_token=FILE_TOKEN + '\n')[0]

    assert (settings.access_key_id, settings.access_key_secret, settings.security_token) == ('LTAI5tOptionKey', ENV_SECRET, FILE_TOKEN)


def test_surrounding_whitespace_is_dropped_from_file_values(home, clean_env):
    write_config(home, [dict(name='default', mode='StsToken', access_key_id='STS.CliKey\n', access_key_secret=FILE_SECRET + '\n',
                             sts_token='\t%s \n' % FILE_TOKEN)], current='default')
    settings = resolve()[0]
    assert (settings.access_key_id, settings.access_key_secret, settings.security_token) == ('STS.CliKey', FILE_SECRET, FILE_TOKEN)


def test_a_control_character_inside_a_file_value_is_still_an_error(home, clean_env):
    write_config(home, [dict(name='default', mode='AK', access_key_id='LTAI5tKey', access_key_secret='ab\ncd')], current='default')
    message = failure()
    assert 'access_key_secret has control characters' in message and 'ab\ncd' not in message


def test_a_trailing_newline_is_dropped_from_an_external_command(home, clean_env):
    external_profile(home, 'import json; print(json.dumps(dict(mode="StsToken", access_key_id="STS.Ext\\n", '
                           'access_key_secret=%r, sts_token=%r)))' % (FILE_SECRET + '\n', FILE_TOKEN + '\n'))
    settings = resolve()[0]
    assert (settings.access_key_id, settings.access_key_secret, settings.security_token) == ('STS.Ext', FILE_SECRET, FILE_TOKEN)


def test_a_trailing_newline_in_the_secret_does_not_break_the_signature(home, clean_env, fake_api):
    clean_env.setenv('ALIBABA_CLOUD_ACCESS_KEY_ID', 'LTAI5tEnvKey')
    clean_env.setenv('ALIBABA_CLOUD_ACCESS_KEY_SECRET', ENV_SECRET + '\n')
    clean_env.setenv('ALICLOUD_ASSUME_ROLE_ARN', ROLE_ARN)
    fake_api.script('AssumeRole', assume_role_answer)

    resolve()

    assert signature_valid(fake_api.calls[0], ENV_SECRET)
