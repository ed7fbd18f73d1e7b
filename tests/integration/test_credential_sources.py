# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every credential source end to end: ansible-playbook, the modules, the emulator's Live API,
STS and instance metadata service, all on 127.0.0.1.

Which identity a task used is read from the emulator's request log: the AccessKeyId that
signed each call.
"""

import json
import sys

import pytest

from alicloud_live_emulator import client as emulator_client
from alicloud_live_emulator.sts import DEMO_OIDC_PROVIDER_ARN, DEMO_OIDC_TOKEN
from conftest import CONFIG, INFO

DEMO_KEY = emulator_client.DEMO_ACCESS_KEY_ID
OTHER_KEY = emulator_client.OTHER_ACCESS_KEY_ID
OPERATOR = 'acs:ram::%s:role/live-operator' % emulator_client.DEMO_ACCOUNT_ID
READER = 'acs:ram::%s:role/live-reader' % emulator_client.DEMO_ACCOUNT_ID
FAST = dict(timeout=2, retries=0)
LIST = {'name': 'List', INFO: dict(domain_name='demo.example.com', **FAST)}


@pytest.fixture
def home(tmp_path):
    path = tmp_path / 'home'
    path.mkdir()
    return path


def base_env(emulator, home, **extra):
    env = {'ALIBABA_CLOUD_LIVE_ENDPOINT': emulator.url, 'ALIBABA_CLOUD_STS_ENDPOINT': emulator.url, 'HOME': str(home)}
    env.update(extra)
    return env


def write_profiles(home, profiles, current='default'):
    (home / '.aliyun').mkdir(exist_ok=True)
    (home / '.aliyun' / 'config.json').write_text(json.dumps({'current': current, 'profiles': profiles}))


def ak_profile(name='default', key=DEMO_KEY, secret=emulator_client.DEMO_ACCESS_KEY_SECRET, **extra):
    return dict(dict(name=name, mode='AK', access_key_id=key, access_key_secret=secret), **extra)


def signers(emulator, action='DescribeLiveRecordVodConfigs'):
    return [entry['access_key_id'] for entry in emulator.requests(action)]


def issued_keys(emulator):
    return [entry['access_key_id'] for entry in emulator.sts_issued()]


@pytest.mark.matrix
def test_a_cli_profile_gives_the_keys_and_the_region_and_a_missing_one_lists_the_others(playbook, emulator, home):
    write_profiles(home, [ak_profile('default', key=OTHER_KEY, secret=emulator_client.OTHER_ACCESS_KEY_SECRET),
                          ak_profile('prod', region_id='cn-beijing')], current='prod')
    missing = {'name': 'List', INFO: dict(domain_name='demo.example.com', profile='staging', **FAST)}

    run = playbook([LIST, missing], env=base_env(emulator, home))

    assert run['result_0'].get('failed') is not True, run.stdout
    request = emulator.requests('DescribeLiveRecordVodConfigs')[0]
    assert (request['access_key_id'], request['params']['RegionId']) == (DEMO_KEY, 'cn-beijing')
    result = run['result_1']
    assert result['failed'] is True and 'profile staging (profile option) does not exist' in result['msg']
    assert 'config.json: default, prod' in result['msg'] and len(emulator.requests()) == 1


@pytest.mark.matrix
def test_a_ram_role_profile_assumes_the_role_once_per_task(playbook, emulator, home):
    write_profiles(home, [ak_profile('base'), dict(name='ops', mode='ChainableRamRoleArn', source_profile='base',
                                                   ram_role_arn=OPERATOR, ram_session_name='ansible-ops')], current='ops')

    run = playbook([LIST, LIST], env=base_env(emulator, home))

    assert all(run[name].get('failed') is not True for name in ('result_0', 'result_1')), run.stdout
    assume = emulator.requests('AssumeRole')
    assert [entry['access_key_id'] for entry in assume] == [DEMO_KEY, DEMO_KEY]
    assert assume[0]['params']['RoleSessionName'] == 'ansible-ops'
    # Each task signs its Live calls with the credentials its own AssumeRole call gave.
    assert signers(emulator) == issued_keys(emulator) and len(set(signers(emulator))) == 2
    # The STS RequestId is reported with the Live ones.
    assert run['result_0']['request_ids'][0] == assume[0]['request_id']


@pytest.mark.matrix
def test_the_credentials_file(playbook, emulator, home):
    (home / '.alibabacloud').mkdir()
    (home / '.alibabacloud' / 'credentials.ini').write_text('\n'.join([
        '[default]', 'type = sts', 'access_key_id = %s' % emulator_client.DEMO_STS_ACCESS_KEY_ID,
        'access_key_secret = %s' % emulator_client.DEMO_STS_ACCESS_KEY_SECRET,
        'security_token = %s' % emulator_client.DEMO_SECURITY_TOKEN, '']))

    run = playbook([LIST], env=base_env(emulator, home))

    assert run['result_0'].get('failed') is not True, run.stdout
    assert signers(emulator) == [emulator_client.DEMO_STS_ACCESS_KEY_ID]


@pytest.mark.matrix
def test_assume_role_on_environment_keys_with_a_session_policy_and_a_refusal(playbook, emulator, home):
    policy = {'Version': '1', 'Statement': [{'Effect': 'Allow', 'Action': 'live:Describe*', 'Resource': '*'}]}
    role = dict(role_arn=OPERATOR, session_name='nightly', duration_seconds=900, policy=policy)
    create = dict(domain_name='demo.example.com', app_name='denied', vod_transcode_group_id='g', assume_role=role, **FAST)
    untrusted = dict(domain_name='demo.example.com', access_key_id=OTHER_KEY, access_key_secret=emulator_client.OTHER_ACCESS_KEY_SECRET,
                     assume_role=dict(role_arn=OPERATOR), **FAST)
    tasks = [{'name': 'List', INFO: dict(domain_name='demo.example.com', assume_role=role, **FAST)},
             {'name': 'Create', CONFIG: create},
             {'name': 'Untrusted', INFO: untrusted}]

    run = playbook(tasks, env=base_env(emulator, home, ALICLOUD_ACCESS_KEY=DEMO_KEY,
                                       ALICLOUD_SECRET_KEY=emulator_client.DEMO_ACCESS_KEY_SECRET))

    assert run['result_0'].get('failed') is not True, run.stdout
    denied = run['result_1']
    assert denied['failed'] is True and denied['error']['code'] == 'Forbidden.RAM' and denied['changed'] is False
    assume = emulator.requests('AssumeRole')
    params = assume[0]['params']
    assert (params['RoleSessionName'], params['DurationSeconds'], json.loads(params['Policy'])) == ('nightly', '900', policy)
    # STS refuses the other account: the task fails before any Live call, with code, status and RequestId.
    untrusted = run['result_2']
    assert untrusted['failed'] is True and untrusted['error']['code'] == 'NoPermission' and untrusted['error']['http_status'] == 403
    assert 'Failed to get temporary credentials from STS: AssumeRole failed: NoPermission (HTTP status 403, RequestId %s)' \
        % assume[2]['request_id'] in untrusted['msg']
    assert OTHER_KEY not in signers(emulator) + signers(emulator, 'AddLiveRecordVodConfig')


@pytest.mark.long
@pytest.mark.matrix
def test_the_ecs_instance_role_imdsv2_then_v1(playbook, emulator, home):
    args = dict(domain_name='demo.example.com', ecs_role_name='live-ecs-role', metadata_endpoint=emulator.url, **FAST)
    task = {'name': 'List', INFO: args}
    run = playbook([task], env=base_env(emulator, home))
    assert run['result_0'].get('failed') is not True, run.stdout

    # IMDSv1 when the service offers no token; the role named by the environment, the chain's last source.
    emulator.metadata_mode('v1-only')
    from_env = {'name': 'List', INFO: dict(domain_name='demo.example.com', metadata_endpoint=emulator.url, **FAST)}
    run = playbook([from_env], env=base_env(emulator, home, ALIBABA_CLOUD_ECS_METADATA='live-ecs-role'))
    assert run['result_0'].get('failed') is not True, run.stdout

    run = playbook([task], env=base_env(emulator, home, ALIBABA_CLOUD_IMDSV1_DISABLED='true'))
    assert 'gave no IMDSv2 token (HTTP 404)' in run['result_0']['msg']
    assert signers(emulator) == issued_keys(emulator) and len(signers(emulator)) == 2


def oidc_env(emulator, home, token=DEMO_OIDC_TOKEN):
    token_file = home / 'token'
    token_file.write_text(token + '\n')
    return base_env(emulator, home, ALIBABA_CLOUD_ROLE_ARN=OPERATOR, ALIBABA_CLOUD_OIDC_PROVIDER_ARN=DEMO_OIDC_PROVIDER_ARN,
                    ALIBABA_CLOUD_OIDC_TOKEN_FILE=str(token_file))


@pytest.mark.matrix
def test_the_oidc_environment_of_an_ack_pod(playbook, emulator, home):
    run = playbook([LIST], env=oidc_env(emulator, home))

    assert run['result_0'].get('failed') is not True, run.stdout
    exchange = emulator.requests('AssumeRoleWithOIDC')
    assert len(exchange) == 1 and exchange[0]['access_key_id'] is None
    assert signers(emulator) == issued_keys(emulator)


def test_an_expired_oidc_token_is_reported_with_its_code(playbook, emulator, home):
    emulator.oidc_tokens_expired()

    run = playbook([LIST], env=oidc_env(emulator, home))

    assert run['result_0']['error']['code'] == 'AuthenticationFail.OIDCToken.Expired'
    assert 'AssumeRoleWithOIDC failed' in run['result_0']['msg']


def test_the_order_end_to_end(playbook, emulator, home):
    """Environment keys win over the OIDC environment and the profile; an explicit profile wins over them all."""
    write_profiles(home, [ak_profile('default'), ak_profile('other', key=OTHER_KEY, secret=emulator_client.OTHER_ACCESS_KEY_SECRET)])
    env = dict(oidc_env(emulator, home), ALIBABA_CLOUD_ACCESS_KEY_ID=DEMO_KEY,
               ALIBABA_CLOUD_ACCESS_KEY_SECRET=emulator_client.DEMO_ACCESS_KEY_SECRET)
    tasks = [LIST, {'name': 'List as other', INFO: dict(domain_name='other.example.com', profile='other', **FAST)}]

    run = playbook(tasks, env=env)
    env.pop('ALIBABA_CLOUD_ACCESS_KEY_ID')
    env.pop('ALIBABA_CLOUD_ACCESS_KEY_SECRET')
    after = playbook([LIST], env=env)

    assert run['result_0'].get('failed') is not True and run['result_1'].get('failed') is not True, run.stdout
    assert after['result_0'].get('failed') is not True, after.stdout
    assert signers(emulator)[:2] == [DEMO_KEY, OTHER_KEY]
    # Without the environment keys, the OIDC environment comes before the CLI profile.
    assert signers(emulator)[2] == issued_keys(emulator)[0] and len(emulator.requests('AssumeRoleWithOIDC')) == 1


@pytest.mark.long
def test_expired_and_revoked_temporary_credentials_give_the_real_codes(playbook, emulator, home):
    # Temporary credentials issued earlier (by AssumeRole in other tasks) and kept in StsToken profiles.
    assume = {'name': 'List', INFO: dict(domain_name='demo.example.com', assume_role=dict(role_arn=OPERATOR), **FAST)}
    keys = dict(ALIBABA_CLOUD_ACCESS_KEY_ID=DEMO_KEY, ALIBABA_CLOUD_ACCESS_KEY_SECRET=emulator_client.DEMO_ACCESS_KEY_SECRET)
    first = playbook([assume, assume], env=base_env(emulator, home, **keys))
    assert first['result_1'].get('failed') is not True, first.stdout
    expired, revoked = emulator.sts_issued()
    write_profiles(home, [dict(name=name, mode='StsToken', access_key_id=issued['access_key_id'],
                               access_key_secret=issued['access_key_secret'], sts_token=issued['security_token'])
                          for name, issued in (('expired', expired), ('revoked', revoked))])
    emulator.sts_expire(expired['access_key_id'])
    emulator.sts_revoke(revoked['access_key_id'])
    tasks = [{'name': name, INFO: dict(domain_name='demo.example.com', profile=name, **FAST)} for name in ('expired', 'revoked')]

    run = playbook(tasks, env=base_env(emulator, home))

    failed = emulator.requests('DescribeLiveRecordVodConfigs')[-2:]
    for result, request, code in zip((run['result_0'], run['result_1']), failed,
                                     ('InvalidSecurityToken.Expired', 'InvalidAccessKeyId.NotFound')):
        assert result['failed'] is True and result['error']['code'] == code and request['code'] == code
        assert request['request_id'] in result['msg'] and 'HTTP status %d' % request['status'] in result['msg']


@pytest.mark.matrix
def test_an_external_profile_runs_its_command_through_the_module(playbook, emulator, home):
    """The CLI's External mode: the module runs process_command (AnsibleModule.run_command) and signs with what it printed."""
    printed = json.dumps(dict(mode='AK', access_key_id=DEMO_KEY, access_key_secret=emulator_client.DEMO_ACCESS_KEY_SECRET))
    script = home / 'print_keys.py'
    script.write_text('print(%r)\n' % printed)
    failing = home / 'fail.py'
    failing.write_text('import sys\nsys.stderr.write(%r)\nsys.exit(4)\n' % emulator_client.OTHER_ACCESS_KEY_SECRET)
    write_profiles(home, [dict(name='default', mode='External', process_command='%s %s' % (sys.executable, script)),
                          dict(name='broken', mode='External', process_command='%s %s' % (sys.executable, failing))])
    broken = {'name': 'List', INFO: dict(domain_name='demo.example.com', profile='broken', **FAST)}

    run = playbook([LIST, broken], env=base_env(emulator, home))

    assert run['result_0'].get('failed') is not True, run.stdout
    assert signers(emulator) == [DEMO_KEY]
    result = run['result_1']
    assert result['failed'] is True and 'exited with status 4' in result['msg']
    assert emulator_client.OTHER_ACCESS_KEY_SECRET not in json.dumps(result) + run.stdout + run.stderr
