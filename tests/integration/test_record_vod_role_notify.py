# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The record_vod role with recording callbacks: two domains in one run then a no-op rerun, the key
nowhere in the output at -vvvv, the on-demand warning, and the fixes for what a new user met."""

import pytest
import yaml

from test_record_vod_role import ADOPT, DOMAIN, SITE, ansible_playbook, domain_inventory, recap

OTHER = 'demo.example.com'
KEY = 'RoleKey0123456789abcdefXY'
EVENTS = 'https://hooks.example.com/live/record-events'
ON_DEMAND = 'https://hooks.example.com/live/record-on-demand'
NOTIFY_WRITES = ('AddLiveRecordNotifyConfig', 'UpdateLiveRecordNotifyConfig', 'DeleteLiveRecordNotifyConfig')


def two_domains():
    return {'record_vod_domains': [
        {'domain_name': DOMAIN,
         'notify': {'notify_url': EVENTS, 'on_demand_url': ON_DEMAND, 'notify_req_auth': True, 'notify_auth_key': KEY},
         'configs': [{'app_name': 'news', 'vod_transcode_group_id': 'VOD_NO_TRANSCODE'},
                     {'app_name': 'sports', 'stream_name': 'final', 'on_demand': 1}]},
        {'domain_name': OTHER,
         'notify': {'notify_url': EVENTS, 'need_status_notify': True},
         'configs': [{'app_name': 'lectures', 'cycle_duration': 1800}]},
    ]}


@pytest.mark.long
@pytest.mark.matrix
def test_callbacks_and_configs_of_two_domains_then_a_noop_rerun(emulator, collections_path, tmp_path):
    inventory = domain_inventory(tmp_path, two_domains())

    first = ansible_playbook(emulator, collections_path, '-i', str(inventory), SITE, '-vvvv')
    assert first.returncode == 0, first.stdout
    writes = [entry['action'] for entry in emulator.write_requests()]
    # Each domain's callback goes before its configs.
    assert writes == ['AddLiveRecordNotifyConfig', 'AddLiveRecordNotifyConfig', 'AddLiveRecordVodConfig',
                      'AddLiveRecordVodConfig', 'AddLiveRecordVodConfig']
    assert [c['DomainName'] for c in emulator.notify_configs()] == [OTHER, DOMAIN]
    stored = dict((c['DomainName'], c) for c in emulator.notify_configs())
    assert stored[DOMAIN] == dict(DomainName=DOMAIN, NotifyUrl=EVENTS, OnDemandUrl=ON_DEMAND, NeedStatusNotify=False,
                                  NotifyReqAuth=True, NotifyAuthKey=KEY)
    assert stored[OTHER]['NeedStatusNotify'] is True
    assert sorted((c['DomainName'], c['AppName']) for c in emulator.configs()) == [
        (OTHER, 'lectures'), (DOMAIN, 'news'), (DOMAIN, 'sports')]
    assert '[WARNING] %s' % DOMAIN not in first.stdout
    assert KEY not in first.stdout

    emulator.clear_requests()
    second = ansible_playbook(emulator, collections_path, '-i', str(inventory), SITE, '-vvvv')
    assert second.returncode == 0, second.stdout
    assert emulator.write_requests() == []
    assert recap(second.stdout)['changed'] == 0
    assert KEY not in second.stdout


def test_on_demand_configs_without_a_callback_url_get_a_warning(emulator, collections_path, tmp_path):
    variables = two_domains()
    del variables['record_vod_domains'][0]['notify']
    variables['record_vod_domains'][1]['configs'].append({'app_name': 'talks', 'on_demand': 1})
    # The second domain's callback has no on-demand URL given, but one stored: no warning for it.
    emulator.notify_seed([dict(DomainName=OTHER, NotifyUrl=EVENTS, OnDemandUrl=ON_DEMAND)])
    inventory = domain_inventory(tmp_path, variables)

    run = ansible_playbook(emulator, collections_path, '-i', str(inventory), SITE)

    assert run.returncode == 0, run.stdout
    text = ' '.join(run.stdout.split())
    assert '%s: the configs sports/final record on demand' % DOMAIN in text
    assert '%s: the configs' % OTHER not in text


def test_a_misspelt_role_variable_gets_a_warning(emulator, collections_path, tmp_path):
    variables = {'record_vod_domains': [], 'record_vod_concurency': 100, 'record_vod_rate_limt': 10}
    inventory = domain_inventory(tmp_path, variables)

    run = ansible_playbook(emulator, collections_path, '-i', str(inventory), SITE)

    assert run.returncode == 0, run.stdout
    assert 'The record_vod role ignores record_vod_concurency, record_vod_rate_limt: no such variable' in ' '.join(run.stdout.split())


def test_the_concurrency_error_talks_about_concurrency_only(emulator, collections_path, tmp_path):
    inventory = domain_inventory(tmp_path, {'record_vod_domains': [], 'record_vod_concurrency': 100})

    run = ansible_playbook(emulator, collections_path, '-i', str(inventory), SITE)

    assert run.returncode != 0
    assert 'record_vod_concurrency must be from 1 to 32 (got 100)' in run.stdout
    assert 'rate_limit' not in ' '.join(line for line in run.stdout.splitlines() if 'must be' in line)
    assert emulator.requests() == []


@pytest.mark.parametrize('notify, words', [
    ({'notify_url': 'ftp://hooks.example.com/'}, 'notify_url'),
    ({'notify_url': EVENTS, 'notify_req_auth': True}, 'notify_auth_key'),
    ({'notify_url': EVENTS, 'notify_colour': 'red'}, 'notify_colour'),
])
def test_a_bad_callback_fails_before_any_write(emulator, collections_path, tmp_path, notify, words):
    inventory = domain_inventory(tmp_path, {'record_vod_domains': [{'domain_name': DOMAIN, 'notify': notify, 'configs': [
        {'app_name': 'news', 'vod_transcode_group_id': 'VOD_NO_TRANSCODE'}]}]})

    run = ansible_playbook(emulator, collections_path, '-i', str(inventory), SITE)

    assert run.returncode != 0 and words in run.stdout
    assert emulator.write_requests() == []


@pytest.mark.long
@pytest.mark.parametrize('signed', [True, False])
def test_adoption_gathers_the_callback_without_its_key_then_the_role_is_a_noop(emulator, collections_path, tmp_path, signed):
    emulator.seed(configs=[{'DomainName': DOMAIN, 'AppName': 'sports', 'VodTranscodeGroupId': 'group_hd', 'OnDemand': 1}])
    emulator.notify_seed([dict(DomainName=DOMAIN, NotifyUrl=EVENTS, OnDemandUrl=ON_DEMAND, NeedStatusNotify=True,
                               NotifyReqAuth=signed, NotifyAuthKey=KEY if signed else '')])
    inventory = domain_inventory(tmp_path)
    dest = inventory / 'group_vars' / 'live_example_com.yml'

    adopted = ansible_playbook(emulator, collections_path, ADOPT, '-e', 'domain_name=%s' % DOMAIN, '-e', 'dest=%s' % dest, '-vvvv')
    assert adopted.returncode == 0, adopted.stdout
    text = dest.read_text()
    assert KEY not in text and KEY not in adopted.stdout
    (domain,) = yaml.safe_load(text)['record_vod_domains']
    assert domain['notify'] == dict(notify_url=EVENTS, on_demand_url=ON_DEMAND, need_status_notify=True)
    assert ('vault_record_notify_auth_key' in text) is signed

    emulator.clear_requests()
    applied = ansible_playbook(emulator, collections_path, '-i', str(inventory), SITE)
    assert applied.returncode == 0, applied.stdout
    assert emulator.write_requests() == []
    assert '[WARNING] %s' % DOMAIN not in applied.stdout
    assert emulator.notify_configs()[0]['NotifyAuthKey'] == (KEY if signed else '')
