# Copyright: alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run the demo playbook the way AWX runs a job template.

AWX hands ansible-runner a private data directory: project/ holds the playbook,
inventory/hosts the inventory and env/envvars the environment that the job's credentials
inject. The credential comes from the custom credential type in docs/awx/credential_type.yml,
whose injectors are rendered here as AWX renders them: a sandboxed Jinja2 template per
variable, with inputs that were left empty absent from the namespace.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import sys
from pathlib import Path
from urllib.parse import quote

import ansible_runner
import pytest
import yaml
from jinja2.sandbox import ImmutableSandboxedEnvironment

REPO = Path(__file__).resolve().parents[2]
CREDENTIAL_TYPE = REPO / 'docs' / 'awx' / 'credential_type.yml'
DEMO = REPO / 'docs' / 'examples' / 'demo.yml'
MODULE_DEFAULTS_EXAMPLE = REPO / 'docs' / 'examples' / 'playbook.yml'
AWX_GUIDE = REPO / 'docs' / 'docsite' / 'rst' / 'awx.rst'

ACCESS_KEY = {
    'access_key_id': 'LTAI5tEmulatorDemoKey0001',
    'access_key_secret': 'EmulatorDemoSecret0000000000001',
}
STS = {
    'access_key_id': 'STS.EmulatorDemoStsKey0001',
    'access_key_secret': 'EmulatorDemoStsSecret000000001',
    'security_token': 'EmulatorDemoSecurityToken/+=0001',
    'region_id': 'cn-shanghai',
}

ROLE_ARN = 'acs:ram::1000000000000001:role/live-operator'

CREDENTIAL_ENV = (
    'ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
    'ALIBABA_CLOUD_SECURITY_TOKEN', 'ALIBABA_CLOUD_REGION_ID', 'ALIBABA_CLOUD_LIVE_ENDPOINT',
    'ALICLOUD_ACCESS_KEY', 'ALICLOUD_ACCESS_KEY_ID', 'ALICLOUD_SECRET_KEY',
    'ALICLOUD_SECURITY_TOKEN', 'ALICLOUD_REGION', 'ALIBABA_CLOUD_PROFILE', 'ALIBABA_CLOUD_CONFIG_FILE',
    'ALIBABA_CLOUD_CREDENTIALS_FILE', 'ALIBABA_CLOUD_ECS_METADATA', 'ALIBABA_CLOUD_ROLE_ARN', 'ALIBABA_CLOUD_OIDC_PROVIDER_ARN',
    'ALIBABA_CLOUD_OIDC_TOKEN_FILE', 'ALICLOUD_ASSUME_ROLE_ARN',
)


def credential_type():
    with CREDENTIAL_TYPE.open(encoding='utf-8') as handle:
        return yaml.safe_load(handle)


def inject(inputs):
    """Return the environment AWX injects for a credential with these inputs."""
    definition = credential_type()
    fields = {field['id']: field for field in definition['inputs']['fields']}
    unknown = set(inputs) - set(fields)
    assert not unknown, 'inputs the credential type does not define: %s' % sorted(unknown)
    missing = set(definition['inputs'].get('required', [])) - set(inputs)
    assert not missing, 'required inputs not given: %s' % sorted(missing)
    # AWX leaves empty string inputs out of the template namespace.
    namespace = {name: value for name, value in inputs.items() if value != ''}
    sandbox = ImmutableSandboxedEnvironment()
    return {name: sandbox.from_string(template).render(**namespace)
            for name, template in definition['injectors']['env'].items()}


def test_credential_type_shape():
    definition = credential_type()
    fields = {field['id']: field for field in definition['inputs']['fields']}
    assert set(fields) == {'access_key_id', 'access_key_secret', 'security_token', 'region_id', 'ecs_role_name', 'role_arn',
                           'role_session_name', 'role_external_id', 'role_duration_seconds'}
    assert [name for name, field in sorted(fields.items()) if field.get('secret')] == ['access_key_secret', 'security_token']
    # An ECS instance role needs no AccessKey; what is missing is reported by the modules.
    assert definition['inputs']['required'] == []
    assert set(definition['injectors']['env']) == {
        'ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
        'ALIBABA_CLOUD_SECURITY_TOKEN', 'ALIBABA_CLOUD_REGION_ID', 'ALIBABA_CLOUD_ECS_METADATA', 'ALICLOUD_ASSUME_ROLE_ARN',
        'ALICLOUD_ASSUME_ROLE_SESSION_NAME', 'ALICLOUD_ASSUME_ROLE_EXTERNAL_ID', 'ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION'}


def guide_block(title):
    """The YAML code block that follows the line ``title`` in the AWX guide."""
    lines = AWX_GUIDE.read_text(encoding='utf-8').splitlines()
    start = lines.index(title) + 1
    while not lines[start].startswith('.. code-block::'):
        start += 1
    block = []
    for line in lines[start + 1:]:
        if line and not line.startswith('    '):
            break
        block.append(line[4:])
    return yaml.safe_load('\n'.join(block))


def test_awx_guide_shows_the_credential_type_as_it_is():
    definition = credential_type()
    inputs = dict(definition['inputs'])
    inputs['fields'] = [dict((key, value) for key, value in field.items() if key != 'help_text')
                        for field in inputs['fields']]
    assert guide_block('Input configuration:') == inputs
    assert guide_block('Injector configuration:') == definition['injectors']


@pytest.mark.parametrize('inputs', [
    pytest.param(dict(ACCESS_KEY), id='unset'),
    pytest.param(dict(ACCESS_KEY, security_token='', region_id=''), id='empty'),
])
def test_unset_optional_inputs_inject_nothing_usable_as_a_value(inputs):
    env = inject(inputs)
    assert env['ALIBABA_CLOUD_ACCESS_KEY_ID'] == ACCESS_KEY['access_key_id']
    assert env['ALIBABA_CLOUD_ACCESS_KEY_SECRET'] == ACCESS_KEY['access_key_secret']
    # An empty value is what the modules read as "not set"; never "None" or template text.
    for name in ('ALIBABA_CLOUD_SECURITY_TOKEN', 'ALIBABA_CLOUD_ECS_METADATA', 'ALICLOUD_ASSUME_ROLE_ARN',
                 'ALICLOUD_ASSUME_ROLE_SESSION_NAME', 'ALICLOUD_ASSUME_ROLE_EXTERNAL_ID', 'ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION'):
        assert env[name] == ''
    assert env['ALIBABA_CLOUD_REGION_ID'] == 'cn-shanghai'


def test_optional_inputs_are_injected_verbatim():
    env = inject(dict(STS, region_id='ap-southeast-1'))
    assert env['ALIBABA_CLOUD_SECURITY_TOKEN'] == STS['security_token']
    assert env['ALIBABA_CLOUD_REGION_ID'] == 'ap-southeast-1'
    env = inject(dict(ecs_role_name='AwxNodeRole', role_arn='acs:ram::1:role/x', role_session_name='awx', role_external_id='ext',
                      role_duration_seconds='900'))
    assert (env['ALIBABA_CLOUD_ECS_METADATA'], env['ALICLOUD_ASSUME_ROLE_ARN'], env['ALICLOUD_ASSUME_ROLE_SESSION_NAME'],
            env['ALICLOUD_ASSUME_ROLE_EXTERNAL_ID'], env['ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION']) == (
        'AwxNodeRole', 'acs:ram::1:role/x', 'awx', 'ext', '900')
    assert env['ALIBABA_CLOUD_ACCESS_KEY_ID'] == ''


@pytest.fixture
def private_data_dir(tmp_path, monkeypatch):
    """An AWX-style private data directory with the example playbooks as the project."""
    # The job sees only what the credential injects, not the developer's own credentials.
    for name in CREDENTIAL_ENV:
        monkeypatch.delenv(name, raising=False)
    # ansible-runner starts ansible-playbook from PATH, as in an execution environment.
    monkeypatch.setenv('PATH', os.path.dirname(sys.executable) + os.pathsep + os.environ.get('PATH', ''))

    collections = tmp_path / 'collections'
    (collections / 'ansible_collections' / 'alicloud').mkdir(parents=True)
    (collections / 'ansible_collections' / 'alicloud' / 'live').symlink_to(REPO, target_is_directory=True)

    pdd = tmp_path / 'job'
    for folder in ('project', 'inventory', 'env'):
        (pdd / folder).mkdir(parents=True)
    shutil.copy(DEMO, pdd / 'project' / 'demo.yml')
    shutil.copy(MODULE_DEFAULTS_EXAMPLE, pdd / 'project' / 'playbook.yml')
    (pdd / 'inventory' / 'hosts').write_text(
        'localhost ansible_connection=local ansible_python_interpreter=%s\n' % sys.executable, encoding='utf-8')
    return pdd, collections


def run_job(pdd, collections, endpoint, inputs, playbook='demo.yml'):
    envvars = dict(inject(inputs))
    envvars.update(
        ALIBABA_CLOUD_LIVE_ENDPOINT=endpoint,
        ALIBABA_CLOUD_STS_ENDPOINT=endpoint,
        # An execution environment has no CLI profiles or credentials file of the developer's.
        HOME=str(pdd / 'home'),
        ANSIBLE_COLLECTIONS_PATH=str(collections),
        ANSIBLE_PYTHON_INTERPRETER=sys.executable,
        ANSIBLE_LOCALHOST_WARNING='false',
    )
    with (pdd / 'env' / 'envvars').open('w', encoding='utf-8') as handle:
        yaml.safe_dump(envvars, handle)
    return ansible_runner.run(private_data_dir=str(pdd), playbook=playbook, ident='job', quiet=True)


def module_results(events, module):
    return [event['event_data']['res'] for event in events
            if event['event'] == 'runner_on_ok' and event['event_data'].get('task_action') == module]


def artifact_texts(pdd):
    """Every artifact file except ``command``.

    ansible-runner itself records the job's command line and its whole environment,
    credentials included, in ``artifacts/<ident>/command`` (owner-only), as it does under AWX
    on the execution node. That is the job's input, like env/envvars, not something the
    collection or Ansible wrote.
    """
    for path in sorted((pdd / 'artifacts').rglob('*')):
        if path.is_file() and path.name != 'command':
            yield path, path.read_text(encoding='utf-8', errors='replace')


@pytest.mark.parametrize('inputs', [
    pytest.param(dict(ACCESS_KEY), id='access-key'),
    pytest.param(dict(STS), id='sts'),
    pytest.param(dict(ACCESS_KEY, role_arn=ROLE_ARN, role_session_name='awx-job', role_duration_seconds='900'), id='ram-role'),
])
@pytest.mark.long
def test_demo_runs_as_an_awx_job(emulator, private_data_dir, inputs):
    pdd, collections = private_data_dir
    runner = run_job(pdd, collections, emulator.url, inputs)
    events = list(runner.events)
    stdout = (pdd / 'artifacts' / 'job' / 'stdout').read_text(encoding='utf-8', errors='replace')

    assert runner.status == 'successful', stdout
    assert runner.rc == 0, stdout

    writes = module_results(events, 'alicloud.live.live_record_vod_config')
    # create, identical rerun, update, rerun without cycle_duration (kept), remove
    assert [res['changed'] for res in writes] == [True, False, True, False, True], stdout
    assert module_results(events, 'alicloud.live.live_record_vod_config_info'), stdout
    stats = [event for event in events if event['event'] == 'playbook_on_stats']
    assert stats and not stats[-1]['event_data'].get('failures'), stdout

    secrets = [inputs['access_key_secret']] + ([inputs['security_token']] if inputs.get('security_token') else [])
    issued = emulator.sts_issued()
    for entry in issued:
        secrets += [entry['access_key_id'], entry['access_key_secret'], entry['security_token']]
    # As given, and as they would look in a logged URL or query string.
    secrets += [quote(secret, safe='') for secret in secrets]
    leaks = []
    for event in events:
        dumped = json.dumps(event)
        leaks.extend('event %s %s' % (event.get('counter'), event['event']) for secret in secrets if secret in dumped)
    for path, text in artifact_texts(pdd):
        leaks.extend(str(path.relative_to(pdd)) for secret in secrets if secret in text)
    assert not leaks, 'a credential secret appears in: %s' % ', '.join(sorted(set(leaks)))
    assert stat.S_IMODE((pdd / 'artifacts' / 'job' / 'command').stat().st_mode) == 0o600
    assert (pdd / 'artifacts' / 'job' / 'job_events').is_dir()

    # The credential reached the API: the emulator rejects an STS key without its token.
    live_signers = set(entry['access_key_id'] for entry in emulator.requests() if not entry['action'].startswith('AssumeRole'))
    if inputs.get('role_arn'):
        # Every task assumed the role with the AccessKey pair, and signed its Live calls with what it got.
        assume = emulator.requests('AssumeRole')
        assert set(entry['access_key_id'] for entry in assume) == {inputs['access_key_id']}
        assert assume[0]['params']['RoleSessionName'] == 'awx-job' and assume[0]['params']['DurationSeconds'] == '900'
        assert live_signers == set(entry['access_key_id'] for entry in issued) and len(issued) == len(assume) > 1
    else:
        assert live_signers == {inputs['access_key_id']}


def test_module_defaults_example_falls_back_to_the_credential(emulator, private_data_dir):
    """playbook.yml sets the connection with module_defaults and default(omit): without
    Vault variables, the credential's environment variables apply."""
    pdd, collections = private_data_dir
    runner = run_job(pdd, collections, emulator.url, dict(ACCESS_KEY), playbook='playbook.yml')
    stdout = (pdd / 'artifacts' / 'job' / 'stdout').read_text(encoding='utf-8', errors='replace')

    assert runner.status == 'successful', stdout
    recorded = [event['event_data']['res'] for event in runner.events
                if event['event'] == 'runner_on_ok' and event['event_data'].get('task_action') == 'alicloud.live.live_record_vod_config']
    assert recorded and all(res['changed'] for res in recorded), stdout
    assert {(item['DomainName'], item['AppName']) for item in emulator.configs()} == {
        ('live.example.com', 'news'), ('demo.example.com', 'sports')}
