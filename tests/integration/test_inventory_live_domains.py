# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The inventory plugin alicloud.live.live_domains, run by the real ansible-inventory against the emulator."""

import json
import os
import subprocess

import pytest
import yaml

from alicloud_live_emulator import client as emulator_client
from conftest import BIN, CONFIGS, DESCRIBE, connection, playbook_env, seeded, task

LIST = 'DescribeLiveUserDomains'
SECRET = emulator_client.DEMO_ACCESS_KEY_SECRET


def domain(number):
    """The attributes of generated domain ``number``: a mix of every status, type, group and tag."""
    return {
        'domain_name': 'd%03d.example.net' % number,
        'status': ('online', 'online', 'offline', 'configuring')[number % 4],
        'type': 'liveEdge' if number % 5 == 0 else 'liveVideo',
        'resource_group_id': 'rg-media' if number % 3 else 'rg-ops',
        'tags': {'team': 'media'} if number % 2 else {'team': 'ops', 'env': 'prod'},
        'region': 'cn-beijing' if number % 7 == 0 else 'cn-shanghai',
        'description': 'domain %d' % number,
        'created': '2026-02-%02dT08:00:00Z' % (number % 28 + 1),
    }


GENERATED = [domain(number) for number in range(117)]


def with_120_domains(emulator):
    """The demo account's 3 domains and 117 more: 120."""
    emulator.set_domains(*GENERATED)
    listed = emulator.domains()
    assert len(listed) == 120
    emulator.clear_requests()
    return listed


def plain(value):
    """A value of ansible-inventory's JSON with ansible-core 2.19's marks of untrusted text taken off."""
    if isinstance(value, dict):
        if set(value) == {'__ansible_unsafe'}:
            return value['__ansible_unsafe']
        return dict((key, plain(item)) for key, item in value.items())
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


class Listing:
    def __init__(self, process):
        self.rc = process.returncode
        self.stdout = process.stdout
        # Older ansible-core versions wrap warnings at the terminal width.
        self.stderr = ' '.join(process.stderr.split())
        self.data = plain(json.loads(process.stdout)) if process.returncode == 0 and process.stdout.strip() else None

    @property
    def hostvars(self):
        return self.data['_meta']['hostvars']

    def group(self, name):
        return set(self.data.get(name, {}).get('hosts', []))


def ansible_inventory(tmp_path, collections_path, options, file_name='test.live_domains.yml', env=None):
    """Write an inventory file for the plugin and run ``ansible-inventory --list`` on it."""
    path = os.path.join(str(tmp_path), file_name)
    with open(path, 'w') as handle:
        yaml.safe_dump(dict(dict(plugin='alicloud.live.live_domains'), **options), handle)
    environment = {'ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED': 'true'}
    environment.update(env or {})
    process = subprocess.run([os.path.join(BIN, 'ansible-inventory'), '-i', path, '--list'],
                             env=playbook_env(collections_path, environment), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             universal_newlines=True, timeout=300, check=False)
    return Listing(process)


def inventory_options(emulator, **options):
    result = connection(emulator)
    result.update(options)
    return result


@pytest.mark.matrix
def test_120_domains_are_listed_in_3_pages_with_their_hostvars(tmp_path, collections_path, emulator):
    listed = with_120_domains(emulator)

    listing = ansible_inventory(tmp_path, collections_path, inventory_options(
        emulator, domain_status=['online', 'offline'], keyed_groups=[
            dict(key='live_domain_status', prefix='status'), dict(key='live_domain_type', prefix='type'),
            dict(key='live_domain_region', prefix='region')]))

    assert listing.rc == 0, listing.stderr
    pages = emulator.requests(LIST)
    assert len(pages) == 3
    assert [(entry['params']['PageNumber'], entry['params']['PageSize']) for entry in pages] == [('1', '50'), ('2', '50'), ('3', '50')]
    # Both statuses asked for: no status filter on the wire, and the configuring domains stay out.
    assert not any('DomainStatus' in entry['params'] for entry in pages)
    expected = dict((d['domain_name'], d) for d in listed if d['status'] in ('online', 'offline'))
    assert 0 < len(expected) < 120
    assert set(listing.hostvars) == set(expected)
    for name, attributes in expected.items():
        assert listing.hostvars[name] == dict(
            live_domain_name=name, live_domain_status=attributes['status'], live_domain_type=attributes['type'],
            live_domain_cname=attributes['cname'], live_domain_region=attributes['region'],
            live_domain_description=attributes['description'], live_domain_created=attributes['created'],
            live_domain_resource_group_id=attributes['resource_group_id'])
    for status in ('online', 'offline'):
        assert listing.group('status_' + status) == set(n for n, d in expected.items() if d['status'] == status)
    assert listing.group('type_liveEdge') == set(n for n, d in expected.items() if d['type'] == 'liveEdge')
    assert listing.group('region_cn_beijing') == set(n for n, d in expected.items() if d['region'] == 'cn-beijing')
    assert listing.group('status_configuring') == set()


def test_filters_go_to_the_api_and_list_exactly_the_matching_hosts(tmp_path, collections_path, emulator):
    listed = with_120_domains(emulator)

    listing = ansible_inventory(tmp_path, collections_path, inventory_options(
        emulator, domain_status=['online'], live_domain_type=['liveVideo'], resource_group_id='rg-media',
        tags={'team': 'ops', 'env': 'prod'}, compose={'ansible_connection': "'local'"},
        groups={'beijing': "live_domain_region == 'cn-beijing'"}))

    assert listing.rc == 0, listing.stderr
    expected = set(d['domain_name'] for d in listed if d['status'] == 'online' and d['type'] == 'liveVideo'
                   and d['resource_group_id'] == 'rg-media' and d['tags'].get('team') == 'ops' and d['tags'].get('env') == 'prod')
    assert expected and set(listing.hostvars) == expected
    (page,) = emulator.requests(LIST)
    assert dict((k, v) for k, v in page['params'].items() if k in ('DomainStatus', 'LiveDomainType', 'ResourceGroupId')
                or k.startswith('Tag.')) == {
        'DomainStatus': 'online', 'LiveDomainType': 'liveVideo', 'ResourceGroupId': 'rg-media',
        'Tag.1.Key': 'env', 'Tag.1.Value': 'prod', 'Tag.2.Key': 'team', 'Tag.2.Value': 'ops'}
    assert all(variables['ansible_connection'] == 'local' for variables in listing.hostvars.values())
    assert listing.group('beijing') == set(n for n in expected if listing.hostvars[n]['live_domain_region'] == 'cn-beijing')


@pytest.mark.long
def test_record_vod_configs_are_the_resource_modules_gathered_output(tmp_path, collections_path, emulator, playbook):
    emulator.set_domains({'domain_name': 'edge.example.com', 'type': 'liveEdge'})
    configs = [seeded('sports', 'final', OnDemand=1, StorageLocation='oss:/rec'),
               seeded('news', AutoCompose='ON', ComposeVodTranscodeGroupId='c1', CycleDuration=900),
               seeded('music', domain='demo.example.com', CycleDuration=1200)]
    emulator.seed(configs=configs + [seeded('app%03d' % n, domain='play.example.com') for n in range(105)])
    emulator.clear_requests()

    listing = ansible_inventory(tmp_path, collections_path, inventory_options(emulator, include_record_vod_configs=True))

    assert listing.rc == 0, listing.stderr
    streaming = ['demo.example.com', 'live.example.com', 'play.example.com']
    assert sorted(listing.hostvars) == sorted(streaming + ['edge.example.com'])
    assert listing.hostvars['edge.example.com']['record_vod_configs'] == []
    # One Describe per streaming domain, two for the one with more than 100 configs; none for the ingest domain.
    assert sorted(entry['params']['DomainName'] for entry in emulator.requests(DESCRIBE)) == sorted(streaming + ['play.example.com'])
    run = playbook([task(CONFIGS, emulator, domain_name=name, state='gathered') for name in streaming])
    for index, name in enumerate(streaming):
        gathered = run['result_%d' % index]['gathered']
        assert gathered and listing.hostvars[name]['record_vod_configs'] == gathered
    assert len(listing.hostvars['play.example.com']['record_vod_configs']) == 105


@pytest.mark.long
def test_a_wrong_secret_fails_the_inventory_naming_the_cause_without_the_secret(tmp_path, collections_path, emulator):
    wrong = 'WrongSecretValue0000000000000042'
    listing = ansible_inventory(tmp_path, collections_path, inventory_options(emulator, access_key_secret=wrong))

    assert listing.rc != 0
    assert 'AccessKey secret is wrong' in listing.stderr and LIST in listing.stderr
    assert wrong not in listing.stderr + listing.stdout and SECRET not in listing.stderr + listing.stdout


def test_no_permission_fails_the_inventory_naming_the_permission(tmp_path, collections_path, emulator):
    emulator.fault(LIST, 'error', status=403, code='Forbidden.RAM', message='User not authorized to operate on the specified resource.')

    listing = ansible_inventory(tmp_path, collections_path, inventory_options(emulator))

    assert listing.rc != 0
    assert 'no permission for live:%s' % LIST in listing.stderr and 'Forbidden.RAM' in listing.stderr
    assert 'HTTP status 403' in listing.stderr and 'RequestId' in listing.stderr
    assert SECRET not in listing.stderr + listing.stdout


def test_a_throttle_beyond_the_retries_fails_the_whole_inventory(tmp_path, collections_path, emulator):
    with_120_domains(emulator)
    # The first page passes; every later call is throttled.
    emulator.settings(rate_limit_per_minute={LIST: 1})

    listing = ansible_inventory(tmp_path, collections_path, inventory_options(emulator, retries=2))

    assert listing.rc != 0 and listing.data is None
    assert "flow control kept throttling %s after 3 attempts" % LIST in listing.stderr
    assert [entry['code'] for entry in emulator.requests(LIST)] == [None, 'Throttling.User', 'Throttling.User', 'Throttling.User']
    assert SECRET not in listing.stderr + listing.stdout


@pytest.mark.matrix
def test_credentials_from_the_environment_as_for_the_modules(tmp_path, collections_path, emulator):
    options = dict(endpoint=emulator.url, retry_delay=0.05)
    env = {'ALIBABA_CLOUD_ACCESS_KEY_ID': '', 'ALICLOUD_ACCESS_KEY': emulator_client.DEMO_ACCESS_KEY_ID,
           'ALICLOUD_SECRET_KEY': SECRET}

    listing = ansible_inventory(tmp_path, collections_path, options, env=env)

    assert listing.rc == 0, listing.stderr
    assert sorted(listing.hostvars) == sorted(emulator_client.DEMO_DOMAINS)
    assert set(entry['access_key_id'] for entry in emulator.requests(LIST)) == {emulator_client.DEMO_ACCESS_KEY_ID}


def test_bad_filters_fail_before_any_call(tmp_path, collections_path, emulator):
    listing = ansible_inventory(tmp_path, collections_path, inventory_options(emulator, domain_status=['running']))
    assert listing.rc != 0 and 'domain_status' in listing.stderr and 'online' in listing.stderr
    listing = ansible_inventory(tmp_path, collections_path, inventory_options(emulator, tags=['team']))
    assert listing.rc != 0 and 'tags' in listing.stderr
    assert emulator.requests(LIST) == []


def test_the_cache_serves_a_second_listing_without_calls(tmp_path, collections_path, emulator):
    options = inventory_options(emulator, cache=True, cache_plugin='ansible.builtin.jsonfile',
                                cache_connection=str(tmp_path / 'cache'), cache_timeout=600)
    first = ansible_inventory(tmp_path, collections_path, options)
    assert first.rc == 0, first.stderr
    emulator.clear_requests()

    second = ansible_inventory(tmp_path, collections_path, options)

    assert second.rc == 0 and second.hostvars == first.hostvars
    assert emulator.requests() == []
    cached = ''.join(open(os.path.join(str(tmp_path / 'cache'), name)).read() for name in os.listdir(str(tmp_path / 'cache')))
    assert 'live.example.com' in cached and SECRET not in cached


def test_a_file_with_another_name_is_not_the_plugins(tmp_path, collections_path, emulator):
    listing = ansible_inventory(tmp_path, collections_path, inventory_options(emulator), file_name='domains.yml')
    assert listing.rc != 0
    assert emulator.requests(LIST) == []


def test_an_awx_credential_gives_the_inventory_source_its_credentials(tmp_path, collections_path, emulator):
    from test_awx_runner import ACCESS_KEY, ROLE_ARN, inject

    for inputs in (ACCESS_KEY, dict(ACCESS_KEY, role_arn=ROLE_ARN, role_session_name='inventory-update')):
        emulator.clear_requests()
        # What AWX injects, empty strings for the inputs not given included.
        env = dict(inject(inputs), ALIBABA_CLOUD_LIVE_ENDPOINT=emulator.url, ALIBABA_CLOUD_STS_ENDPOINT=emulator.url)

        listing = ansible_inventory(tmp_path, collections_path, dict(retry_delay=0.05), env=env)

        assert listing.rc == 0, listing.stderr
        assert sorted(listing.hostvars) == sorted(emulator_client.DEMO_DOMAINS)
        (page,) = emulator.requests(LIST)
        if 'role_arn' in inputs:
            assert [entry['action'] for entry in emulator.requests()] == ['AssumeRole', LIST]
            assert page['access_key_id'].startswith('STS.')
        else:
            assert page['access_key_id'] == emulator_client.DEMO_ACCESS_KEY_ID
        assert SECRET not in listing.stderr + listing.stdout


@pytest.mark.matrix
def test_ansible_doc_shows_the_plugin_with_its_options_and_examples(collections_path):
    process = subprocess.run([os.path.join(BIN, 'ansible-doc'), '-t', 'inventory', 'alicloud.live.live_domains'],
                             env=playbook_env(collections_path, {'ANSIBLE_NOCOLOR': '1'}), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, universal_newlines=True, timeout=120, check=False)
    assert process.returncode == 0, process.stderr
    text = process.stdout
    for expected in ('include_record_vod_configs', 'domain_status', 'keyed_groups', 'cache_plugin', 'access_key_secret',
                     'ALIBABA_CLOUD_ACCESS_KEY_ID', 'EXAMPLES', 'plugin: alicloud.live.live_domains'):
        assert expected in text
