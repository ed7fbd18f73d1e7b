# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The alicloud.live.record_vod role and the adoption playbook, end to end against the emulator.

The role's own scenario (converge, idempotence, verify) is the molecule one; here: adopting a
domain made elsewhere is a no-op for the role, and bad variables fail before any request.
"""

import os
import shlex
import shutil
import subprocess

import pytest
import yaml

from alicloud_live_emulator import client as emulator_client
from conftest import BIN, REPO, playbook_env

EXAMPLES = os.path.join(REPO, 'docs', 'examples', 'record_vod')
ADOPT = os.path.join(EXAMPLES, 'adopt.yml')
SITE = os.path.join(EXAMPLES, 'site.yml')
DOMAIN = 'live.example.com'

# Configs as the console would have made them: every field and both levels.
CONSOLE_CONFIGS = [
    {'DomainName': DOMAIN, 'AppName': 'news', 'VodTranscodeGroupId': 'VOD_NO_TRANSCODE'},
    {'DomainName': DOMAIN, 'AppName': 'news', 'StreamName': 'evening', 'VodTranscodeGroupId': 'group_hd', 'CycleDuration': 300},
    {'DomainName': DOMAIN, 'AppName': 'sports', 'VodTranscodeGroupId': 'group_hd', 'AutoCompose': 'ON',
     'ComposeVodTranscodeGroupId': 'group_merge', 'CycleDuration': 21600},
    {'DomainName': DOMAIN, 'AppName': 'sports', 'StreamName': 'final', 'VodTranscodeGroupId': 'group_hd', 'OnDemand': 1,
     'StorageLocation': 'outin-archive.oss-cn-shanghai.aliyuncs.com'},
    {'DomainName': DOMAIN, 'AppName': 'lectures', 'VodTranscodeGroupId': 'VOD_NO_TRANSCODE', 'CycleDuration': 1800},
    # Per-format recording of transcoded streams, with a delay, a VOD space and a key of a newer API.
    {'DomainName': DOMAIN, 'AppName': 'concerts', 'VodTranscodeGroupId': '', 'DelayTime': 60, 'RecordContent': 'raw,transcode',
     'TranscodeTemplates': ['lld', 'lsd'], 'SpaceId': 'space-1', 'NewRecordingFeature': 'on',
     'RecordFormatList': {'RecordFormat': [{'Format': 'mp4', 'AutoCompose': 'ON', 'VideoProcess': 'origin,compose'},
                                           {'Format': 'm3u8', 'SliceDuration': 10, 'Tags': 'hls'}]}},
]
OTHER_DOMAIN_CONFIG = {'DomainName': 'demo.example.com', 'AppName': 'elsewhere', 'VodTranscodeGroupId': 'VOD_NO_TRANSCODE'}
ROLE_CONFIG_KEYS = {'app_name', 'stream_name', 'vod_transcode_group_id', 'cycle_duration', 'auto_compose',
                    'compose_vod_transcode_group_id', 'storage_location', 'on_demand', 'delay_time', 'record_content',
                    'transcode_templates', 'space_id', 'record_formats', 'extra'}


def ansible_playbook(emulator, collections_path, *args, cwd=None):
    env = playbook_env(collections_path, {
        'ALIBABA_CLOUD_LIVE_ENDPOINT': emulator.url,
        'ALIBABA_CLOUD_ACCESS_KEY_ID': emulator_client.DEMO_ACCESS_KEY_ID,
        'ALIBABA_CLOUD_ACCESS_KEY_SECRET': emulator_client.DEMO_ACCESS_KEY_SECRET,
    })
    return subprocess.run([os.path.join(BIN, 'ansible-playbook')] + list(args), env=env, stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True, timeout=300, check=False,
                          cwd=cwd)


def domain_inventory(directory, domain_vars=None):
    """An inventory laid out like the example one, with only live.example.com; return its path."""
    inventory = directory / 'inventory'
    (inventory / 'group_vars').mkdir(parents=True)
    (inventory / 'hosts.yml').write_text(yaml.safe_dump(
        {'live_domains': {'children': {'live_example_com': {'hosts': {DOMAIN: None}}}}}))
    shutil.copy(os.path.join(EXAMPLES, 'inventory', 'group_vars', 'live_domains.yml'), str(inventory / 'group_vars'))
    if domain_vars is not None:
        (inventory / 'group_vars' / 'live_example_com.yml').write_text(yaml.safe_dump(domain_vars))
    return inventory


def recap(output):
    """The PLAY RECAP counts of the one host, as a dict."""
    line = [text for text in output.splitlines() if text.startswith(DOMAIN + ' ') and 'ok=' in text][-1]
    return dict((key, int(value)) for key, value in (field.split('=') for field in line.split(':', 1)[1].split()))


@pytest.mark.long
# On the oldest and the newest ansible-core, one adopted state is enough: the states differ in the planner, not in Ansible.
@pytest.mark.parametrize('adopted_state', [pytest.param('merged', marks=pytest.mark.matrix), 'overridden'])
def test_adopted_domain_is_a_noop_for_the_role(emulator, collections_path, tmp_path, adopted_state):
    stored = emulator.seed(configs=CONSOLE_CONFIGS + [OTHER_DOMAIN_CONFIG])
    inventory = domain_inventory(tmp_path)
    dest = inventory / 'group_vars' / 'live_example_com.yml'

    adopted = ansible_playbook(emulator, collections_path, ADOPT, '-e', 'domain_name=LIVE.Example.com',
                               '-e', 'dest=%s' % dest, '-e', 'adopted_state=%s' % adopted_state)
    assert adopted.returncode == 0, adopted.stdout
    assert emulator.write_requests() == []
    variables = yaml.safe_load(dest.read_text())
    assert dest.read_text().startswith('---\n')
    (domain,) = variables['record_vod_domains']
    assert domain['domain_name'] == DOMAIN
    assert domain['state'] == adopted_state
    assert len(domain['configs']) == len(CONSOLE_CONFIGS)
    for config in domain['configs']:
        assert set(config) <= ROLE_CONFIG_KEYS
        assert '' not in config.values(), 'an unset field written as an empty string: %s' % config
    final = [c for c in domain['configs'] if c.get('stream_name') == 'final'][0]
    assert final == {'app_name': 'sports', 'stream_name': 'final', 'vod_transcode_group_id': 'group_hd', 'cycle_duration': 3600,
                     'auto_compose': False, 'storage_location': 'outin-archive.oss-cn-shanghai.aliyuncs.com', 'on_demand': 1,
                     'record_content': ['raw']}
    concerts = [c for c in domain['configs'] if c['app_name'] == 'concerts'][0]
    assert concerts == {'app_name': 'concerts', 'cycle_duration': 3600, 'auto_compose': False, 'on_demand': 0,
                        'delay_time': 60, 'record_content': ['raw', 'transcode'], 'transcode_templates': ['lld', 'lsd'],
                        'space_id': 'space-1', 'extra': {'NewRecordingFeature': 'on'},
                        'record_formats': [{'format': 'm3u8', 'slice_duration': 10, 'auto_compose': False, 'tags': 'hls',
                                            'video_process': ['origin']},
                                           {'format': 'mp4', 'auto_compose': True, 'video_process': ['origin', 'compose']}]}

    emulator.clear_requests()
    applied = ansible_playbook(emulator, collections_path, '-i', str(inventory), SITE)
    assert applied.returncode == 0, applied.stdout
    assert recap(applied.stdout)['changed'] == 0, applied.stdout
    assert emulator.write_requests() == []
    assert len(emulator.requests('DescribeLiveRecordVodConfigs')) == 1
    assert emulator.configs() == stored


def test_adopt_does_not_overwrite_a_file(emulator, collections_path, tmp_path):
    dest = tmp_path / 'live_example_com.yml'
    dest.write_text('record_vod_domains: []\n')
    result = ansible_playbook(emulator, collections_path, ADOPT, '-e', 'domain_name=%s' % DOMAIN, '-e', 'dest=%s' % dest)
    assert result.returncode != 0
    assert 'overwrite=true' in result.stdout
    assert dest.read_text() == 'record_vod_domains: []\n'
    assert emulator.requests() == []


def header_command(playbook):
    """The ansible-playbook command of the playbook's header comment, as its arguments."""
    lines = []
    with open(playbook) as handle:
        for line in handle:
            text = line[1:].strip() if line.startswith('#') else ''
            if text.startswith('ansible-playbook ') or (lines and lines[-1].endswith('\\')):
                lines.append(text)
            elif lines:
                break
    return shlex.split(' '.join(text.rstrip('\\') for text in lines))


def test_the_header_command_works_from_the_repository_root_and_writes_there(emulator, collections_path, tmp_path):
    emulator.seed(configs=CONSOLE_CONFIGS)
    command = header_command(ADOPT)
    assert command[:2] == ['ansible-playbook', 'docs/examples/record_vod/adopt.yml'], command
    dest = [arg.split('=', 1)[1] for arg in command if arg.startswith('dest=')][0]
    assert not os.path.isabs(dest)
    # A checkout of the repository root: the playbook at its place, and the example inventory beside it.
    root = tmp_path / 'checkout'
    shutil.copytree(EXAMPLES, str(root / 'docs' / 'examples' / 'record_vod'))
    beside = set(root.rglob('*'))

    result = ansible_playbook(emulator, collections_path, *command[1:], cwd=str(root))

    assert result.returncode == 0, result.stdout
    written = root / dest
    assert len(yaml.safe_load(written.read_text())['record_vod_domains'][0]['configs']) == len(CONSOLE_CONFIGS)
    # Nothing was written beside the playbook: the one new file is the one the command named.
    assert [path for path in root.rglob('*') if path not in beside and path.is_file()] == [written]


@pytest.mark.long
def test_a_relative_dest_is_relative_to_the_working_directory_not_to_the_playbook(emulator, collections_path, tmp_path):
    emulator.seed(configs=CONSOLE_CONFIGS)
    # The same relative path names an example file beside the playbook: it must be neither found nor touched.
    relative = os.path.join('inventory', 'group_vars', 'live_example_com.yml')
    example = os.path.join(EXAMPLES, relative)
    with open(example) as handle:
        example_text = handle.read()
    work = tmp_path / 'elsewhere'
    work.mkdir()

    result = ansible_playbook(emulator, collections_path, ADOPT, '-e', 'domain_name=%s' % DOMAIN, '-e', 'dest=%s' % relative,
                              cwd=str(work))

    assert result.returncode == 0, result.stdout
    written = work / relative
    assert yaml.safe_load(written.read_text())['record_vod_domains'][0]['domain_name'] == DOMAIN
    with open(example) as handle:
        assert handle.read() == example_text
    assert emulator.write_requests() == []
    # Run again from there: now the file exists where the user is, and it is not overwritten.
    again = ansible_playbook(emulator, collections_path, ADOPT, '-e', 'domain_name=%s' % DOMAIN, '-e', 'dest=%s' % relative,
                             cwd=str(work))
    assert again.returncode != 0 and '%s exists; add -e overwrite=true' % written in ' '.join(again.stdout.split())


@pytest.mark.parametrize('domain_vars, message', [
    ({'record_vod_domains': [{'domain_name': DOMAIN, 'state': 'purged', 'configs': []}]},
     'value of state must be one of: merged, replaced, overridden, deleted, got: purged found in record_vod_domains[0] (%s)'
     % DOMAIN),
    ({'record_vod_domains': [{'domain_name': DOMAIN, 'configs': [{'app_name': 'news', 'cycle_duraton': 1800}]}]},
     'Unsupported parameters: record_vod_domains[0] (%s).configs[0].cycle_duraton' % DOMAIN),
    ({'record_vod_domains': [{'domain_name': DOMAIN, 'configs': [{'app_name': 'news'}, {'stream_name': 'evening'}]}]},
     'missing required arguments: app_name found in record_vod_domains[0] (%s) -> configs[1]' % DOMAIN),
    ({'record_vod_domains': [{'domain_name': DOMAIN}, {'configs': []}]},
     'missing required arguments: domain_name found in record_vod_domains[1]'),
    ({'record_vod_domains': [{'domain_name': DOMAIN, 'configs': 'news'}]},
     "Elements value for option 'configs' found in 'record_vod_domains[0] (%s)'" % DOMAIN),
    ({'record_vod_domains': 'live.example.com'}, "Elements value for option 'record_vod_domains' is of type"),
    ({'record_vod_domains': [{'domain_name': DOMAIN}, {'domain_name': DOMAIN.upper()}]},
     'record_vod_domains lists these domains more than once: live.example.com'),
    ({'record_vod_domains': [], 'record_vod_rate_limit': 5000}, 'record_vod_rate_limit must be from 1 to 1000 (got 5000)'),
    (None, 'missing required arguments: record_vod_domains'),
])
def test_bad_role_variables_fail_before_any_request(emulator, collections_path, tmp_path, domain_vars, message):
    inventory = domain_inventory(tmp_path, domain_vars)
    result = ansible_playbook(emulator, collections_path, '-i', str(inventory), SITE)
    assert result.returncode != 0
    assert message in ' '.join(result.stdout.split()), result.stdout
    assert emulator.requests() == []


def test_an_empty_list_never_wipes_a_domain(emulator, collections_path, tmp_path):
    stored = emulator.seed(configs=CONSOLE_CONFIGS)
    inventory = domain_inventory(tmp_path, {'record_vod_domains': [{'domain_name': DOMAIN, 'state': 'overridden', 'configs': []}]})
    result = ansible_playbook(emulator, collections_path, '-i', str(inventory), SITE)
    assert result.returncode != 0
    assert 'allow_delete_all' in result.stdout
    assert emulator.write_requests() == []
    assert emulator.configs() == stored


def role_failure(emulator, collections_path, tmp_path, domain_vars, *args):
    """Run the example playbook with these variables; it must fail before any request. Return its output."""
    inventory = domain_inventory(tmp_path, domain_vars)
    result = ansible_playbook(emulator, collections_path, '-i', str(inventory), SITE, *args)
    assert result.returncode != 0, result.stdout
    assert emulator.requests() == [], result.stdout
    return ' '.join(result.stdout.split())


@pytest.mark.matrix
def test_a_wrong_type_deep_in_a_config_names_the_domain_the_config_and_the_option(emulator, collections_path, tmp_path):
    output = role_failure(emulator, collections_path, tmp_path, {'record_vod_domains': [
        {'domain_name': DOMAIN, 'configs': [{'app_name': 'news', 'cycle_duration': 1800}]},
        {'domain_name': 'demo.example.com', 'state': 'overridden', 'allow_delete_all': True,
         'configs': [{'app_name': 'lectures'},
                     {'app_name': 'sports', 'cycle_duration': 'abc', 'record_formats': [{'format': 'm3u8', 'slice_duration': 'x'}]}]},
    ]})

    assert "argument 'cycle_duration' is of type" in output, output
    assert "found in 'record_vod_domains[1] (demo.example.com) -> configs[1]'" in output, output
    assert "argument 'slice_duration' is of type" in output, output
    assert "found in 'record_vod_domains[1] (demo.example.com) -> configs[1] -> record_formats'" in output, output
    # The first domain is right: the failure does not name it.
    assert 'record_vod_domains[0]' not in output.split('Stop on the items of record_vod_domains', 1)[1], output


@pytest.mark.matrix
def test_a_wrong_type_in_notify_names_the_domain_and_never_shows_the_key(emulator, collections_path, tmp_path):
    key = 'Sekr3tKeyOfTheCallbacks42'
    output = role_failure(emulator, collections_path, tmp_path, {'record_vod_domains': [
        {'domain_name': DOMAIN, 'notify': {'notify_url': 'https://hooks.example.com/live', 'notify_req_auth': True,
                                           'notify_auth_key': key, 'need_status_notify': 'maybe'}},
    ]}, '-vvvv')

    assert "argument 'need_status_notify' is of type" in output, output
    assert "found in 'record_vod_domains[0] (%s) -> notify'" % DOMAIN in output, output
    assert key not in output


def test_the_key_never_shows_when_another_option_of_the_domain_is_wrong(emulator, collections_path, tmp_path):
    key = 'Sekr3tKeyOfTheCallbacks42'
    output = role_failure(emulator, collections_path, tmp_path, {'record_vod_domains': [
        {'domain_name': DOMAIN, 'notify': {'notify_url': 'https://hooks.example.com/live', 'notify_auth_key': key,
                                           'notify_auth_kee': key}},
    ]}, '-vvvv')

    assert 'Unsupported parameters: record_vod_domains[0] (%s).notify.notify_auth_kee' % DOMAIN in output, output
    assert output.count(key) == 0
