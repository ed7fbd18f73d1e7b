# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""No secret from any credential source leaks: not at -vvvv, not in a diff, not in an error.

One play at -vvvv with --diff uses every source that carries a secret: a CLI profile (its
secret in config.json), credentials.ini, a RAM role assumed on top of it (temporary
credentials from STS), an OIDC token file, the ECS instance role (temporary credentials from
the metadata service); a server error echoes a signed query string back, and malformed files
fail with their secrets inside. Every secret, token and temporary credential involved must
appear nowhere, in any encoding (see test_secrets.encodings).
"""

import json

import pytest

from alicloud_live_emulator import client as emulator_client
from alicloud_live_emulator.sts import DEMO_OIDC_PROVIDER_ARN, DEMO_OIDC_TOKEN
from conftest import CONFIG
from test_secrets import encodings

OPERATOR = 'acs:ram::%s:role/live-operator' % emulator_client.DEMO_ACCOUNT_ID
FAST = dict(timeout=2, retries=1, retry_delay=0.05)
FILE_ONLY_SECRET = 'Malformed/File+Secret=value&1'


def create(name, **options):
    args = dict(FAST, domain_name='live.example.com', app_name=name, vod_transcode_group_id='g', cycle_duration=1200)
    args.update(options)
    return {'name': 'Create %s' % name, CONFIG: args}


@pytest.mark.long
def test_no_secret_of_any_source_in_verbose_output_diffs_or_errors(playbook, emulator, tmp_path):
    home = tmp_path / 'home'
    (home / '.aliyun').mkdir(parents=True)
    (home / '.aliyun' / 'config.json').write_text(json.dumps({'current': 'default', 'profiles': [
        dict(name='default', mode='AK', access_key_id=emulator_client.DEMO_ACCESS_KEY_ID,
             access_key_secret=emulator_client.DEMO_ACCESS_KEY_SECRET),
        dict(name='ops', mode='RamRoleArn', access_key_id=emulator_client.DEMO_ACCESS_KEY_ID,
             access_key_secret=emulator_client.DEMO_ACCESS_KEY_SECRET, ram_role_arn=OPERATOR)]}))
    (home / '.alibabacloud').mkdir()
    (home / '.alibabacloud' / 'credentials.ini').write_text('\n'.join([
        '[sts]', 'type = sts', 'access_key_id = %s' % emulator_client.DEMO_STS_ACCESS_KEY_ID,
        'access_key_secret = %s' % emulator_client.DEMO_STS_ACCESS_KEY_SECRET,
        'security_token = %s' % emulator_client.DEMO_SECURITY_TOKEN, '']))
    token_file = tmp_path / 'oidc-token'
    token_file.write_text(DEMO_OIDC_TOKEN)
    broken_json = tmp_path / 'broken.json'
    broken_json.write_text('{"profiles": [{"name": "x", "access_key_secret": "%s" "mode": "AK"}]}' % FILE_ONLY_SECRET)
    broken_ini = tmp_path / 'broken.ini'
    broken_ini.write_text('access_key_secret %s\n[default]\ntype = access_key\n' % FILE_ONLY_SECRET)
    tasks = [
        create('from-profile'),
        create('from-role', profile='ops'),
        create('from-ini', profile='sts'),
        create('from-oidc', oidc_role_arn=OPERATOR, oidc_provider_arn=DEMO_OIDC_PROVIDER_ARN, oidc_token_file=str(token_file)),
        create('from-ecs', ecs_role_name='live-ecs-role', metadata_endpoint=emulator.url),
        create('from-role', profile='ops', cycle_duration=1500),
        create('broken-json', config_file=str(broken_json)),
        dict(create('broken-ini'), environment={'ALIBABA_CLOUD_CREDENTIALS_FILE': str(broken_ini), 'ALIBABA_CLOUD_PROFILE': 'broken'}),
    ]
    env = {'ALIBABA_CLOUD_LIVE_ENDPOINT': emulator.url, 'ALIBABA_CLOUD_STS_ENDPOINT': emulator.url, 'HOME': str(home)}
    first = playbook(tasks[:5], diff=True, verbosity=4, env=env)
    # The read of the next role task fails (with its retry), echoing its signed query: temporary key and token.
    emulator.fault('DescribeLiveRecordVodConfigs', 'error', status=500, code='InternalError', message='Backend failed for',
                   echo_query=True, times=2)
    second = playbook(tasks[5:], diff=True, verbosity=4, env=env)

    results = [first['result_%d' % index] for index in range(5)] + [second['result_%d' % index] for index in range(3)]
    assert [result.get('changed') for result in results[:5]] == [True] * 5, first.stdout[-3000:]
    assert all('cycle_duration: 1200\n' in result['diff']['after'] for result in results[:5])
    echoed, broken_json_result, broken_ini_result = results[5:]
    assert echoed['failed'] is True and 'Request: ' in echoed['msg'] and 'SecurityToken' in echoed['msg']
    assert '%s is not valid JSON' % broken_json in broken_json_result['msg']
    assert '%s, line 1: a [section] header must come before the first key' % broken_ini in broken_ini_result['msg']
    issued = emulator.sts_issued()
    assert len(issued) == 4 and len(emulator.requests('AssumeRoleWithOIDC')) == 1

    secrets = [emulator_client.DEMO_ACCESS_KEY_SECRET, emulator_client.DEMO_STS_ACCESS_KEY_SECRET, emulator_client.DEMO_SECURITY_TOKEN,
               DEMO_OIDC_TOKEN, FILE_ONLY_SECRET]
    for entry in issued:
        secrets += [entry['access_key_id'], entry['access_key_secret'], entry['security_token']]
    forms = dict((form, secret) for secret in secrets for form in encodings(secret))
    text = '\n'.join([first.stdout, first.stderr, second.stdout, second.stderr, json.dumps(first.results), json.dumps(second.results)])
    leaked = sorted(set(secret for form, secret in forms.items() if form in text))
    assert leaked == []
    # -vvvv really printed the module arguments and results that would carry them.
    assert 'oidc_token_file' in first.stdout and 'Backend failed for' in second.stdout
