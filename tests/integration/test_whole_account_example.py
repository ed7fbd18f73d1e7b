# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""docs/examples/whole_account: the live_domains inventory, the record_vod role over hosts: all with forks, and
adopting every domain from the inventory alone, end to end against the emulator."""

import os
import re
import shutil
import subprocess

import pytest

import yaml

from alicloud_live_emulator import client as emulator_client
from conftest import BIN, REPO, playbook_env

EXAMPLE = os.path.join(REPO, 'docs', 'examples', 'whole_account')
WRITES = ('AddLiveRecordVodConfig', 'UpdateLiveRecordVodConfig', 'DeleteLiveRecordVodConfig')


def ansible_playbook(emulator, collections_path, *args):
    env = playbook_env(collections_path, {
        'ALIBABA_CLOUD_LIVE_ENDPOINT': emulator.url,
        'ALIBABA_CLOUD_ACCESS_KEY_ID': emulator_client.DEMO_ACCESS_KEY_ID,
        'ALIBABA_CLOUD_ACCESS_KEY_SECRET': emulator_client.DEMO_ACCESS_KEY_SECRET,
        'ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED': 'true',
    })
    return subprocess.run([os.path.join(BIN, 'ansible-playbook')] + list(args), env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, universal_newlines=True, timeout=600, check=False)


def recap(output):
    """{host: {'ok': n, 'changed': n, 'failed': n, ...}} from the PLAY RECAP."""
    hosts = {}
    for line in output.split('PLAY RECAP')[-1].splitlines():
        match = re.match(r'^(\S+)\s*:\s*(.*)$', line.strip())
        if match:
            hosts[match.group(1)] = dict((k, int(v)) for k, v in re.findall(r'(\w+)=(\d+)', match.group(2)))
    return hosts


def example_copy(tmp_path):
    shutil.copytree(EXAMPLE, str(tmp_path / 'whole_account'))
    return tmp_path / 'whole_account'


@pytest.mark.long
def test_the_role_applies_every_domain_of_the_inventory_with_forks(tmp_path, collections_path, emulator):
    emulator.set_domains('news.example.org', 'sport.example.org', {'domain_name': 'edge.example.org', 'type': 'liveEdge'},
                         {'domain_name': 'old.example.org', 'status': 'offline'})
    emulator.seed(configs=[{'DomainName': 'live.example.com', 'AppName': 'stale', 'VodTranscodeGroupId': 'VOD_NO_TRANSCODE'},
                           {'DomainName': 'news.example.org', 'AppName': 'kept', 'VodTranscodeGroupId': 'VOD_NO_TRANSCODE'}])
    example = example_copy(tmp_path)
    inventory, site = str(example / 'inventory'), str(example / 'site.yml')

    first = ansible_playbook(emulator, collections_path, '-i', inventory, site, '--forks', '4')

    assert first.returncode == 0, first.stdout
    hosts = recap(first.stdout)
    # The online streaming domains: the demo account's three and two more; not the ingest or the offline one.
    assert sorted(hosts) == ['demo.example.com', 'live.example.com', 'news.example.org', 'play.example.com', 'sport.example.org']
    assert all(counts['failed'] == 0 for counts in hosts.values())
    live = sorted((c['AppName'], c['StreamName'], c['CycleDuration'], c['AutoCompose'], c['OnDemand'])
                  for c in emulator.configs() if c['DomainName'] == 'live.example.com')
    assert live == [('news', '', 1800, 'OFF', 0), ('sports', '', 3600, 'ON', 0), ('sports', 'final', 3600, 'OFF', 1)]
    # A domain without a layout file is read and left alone.
    assert [c['AppName'] for c in emulator.configs() if c['DomainName'] == 'news.example.org'] == ['kept']

    emulator.clear_requests()
    second = ansible_playbook(emulator, collections_path, '-i', inventory, site, '--forks', '4')

    assert second.returncode == 0, second.stdout
    assert all(counts['changed'] == 0 for counts in recap(second.stdout).values())
    assert [entry for entry in emulator.requests() if entry['action'] in WRITES] == []


@pytest.mark.long
def test_adopting_every_domain_from_the_inventory_alone(tmp_path, collections_path, emulator):
    emulator.set_domains('news.example.org')
    console = [{'DomainName': 'news.example.org', 'AppName': 'evening', 'StreamName': 'main', 'VodTranscodeGroupId': 'group_hd',
                'CycleDuration': 900, 'OnDemand': 1},
               {'DomainName': 'demo.example.com', 'AppName': 'talks', 'VodTranscodeGroupId': 'VOD_NO_TRANSCODE',
                'AutoCompose': 'ON', 'ComposeVodTranscodeGroupId': 'group_merge'}]
    emulator.seed(configs=console)
    example = example_copy(tmp_path)
    inventory = str(example / 'inventory')
    host_vars = example / 'inventory' / 'host_vars'
    shipped = (host_vars / 'live.example.com.yml').read_text()
    emulator.clear_requests()

    adopted = ansible_playbook(emulator, collections_path, '-i', inventory, str(example / 'adopt_all.yml'), '--forks', '4')

    assert adopted.returncode == 0, adopted.stdout
    # The inventory read the configs: the playbook itself made no call beyond the inventory's reads.
    assert set(entry['action'] for entry in emulator.requests()) == {'DescribeLiveUserDomains', 'DescribeLiveRecordVodConfigs'}
    news = yaml.safe_load((host_vars / 'news.example.org.yml').read_text())
    assert news['record_vod_layout_state'] == 'merged'
    (layout,) = news['record_vod_layout']
    # Every field the configs carry, unset ones left out.
    expected = {'app_name': 'evening', 'stream_name': 'main', 'vod_transcode_group_id': 'group_hd', 'cycle_duration': 900,
                'auto_compose': False, 'on_demand': 1}
    assert dict((key, layout.get(key)) for key in expected) == expected
    assert all(value not in (None, '', []) for value in layout.values())
    assert yaml.safe_load((host_vars / 'demo.example.com.yml').read_text())['record_vod_layout'][0]['compose_vod_transcode_group_id'] \
        == 'group_merge'
    # An existing layout is kept.
    assert (host_vars / 'live.example.com.yml').read_text() == shipped
    (host_vars / 'live.example.com.yml').unlink()
    emulator.clear_requests()

    applied = ansible_playbook(emulator, collections_path, '-i', inventory, str(example / 'site.yml'), '--forks', '4')

    assert applied.returncode == 0, applied.stdout
    assert all(counts['changed'] == 0 for counts in recap(applied.stdout).values())
    assert [entry for entry in emulator.requests() if entry['action'] in WRITES] == []
