# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The inventory plugin's options as they reach the wire (the SDK's HTTP boundary), its paging and its failures."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import sys
import uuid

import pytest

from ansible.errors import AnsibleError, AnsibleParserError
from ansible.plugins.loader import inventory_loader

from ansible_collections.alicloud.live.plugins.module_utils import _live_domains as live_domains
from live_fakes import ACCESS_KEY_ID, BASE_ARGS, SECRET, error_body

LIST = 'DescribeLiveUserDomains'


def item(number, status='online', domain_type='liveVideo', group='rg-a'):
    return dict(DomainName='d%03d.example.net' % number, LiveDomainType=domain_type, LiveDomainStatus=status,
                Cname='d%03d.example.net.w.alikunlun.com' % number, RegionName='cn-shanghai', Description='',
                GmtCreated='2026-01-01T00:00:00Z', GmtModified='2026-01-01T00:00:00Z', ResourceGroupId=group)


def paged(items):
    """An answer for DescribeLiveUserDomains over ``items``, paged as the request asks."""

    def answer(call):
        page, size = int(call.params.get('PageNumber', 1)), int(call.params.get('PageSize', 20))
        return 200, dict(RequestId=str(uuid.uuid4()), PageNumber=page, PageSize=size, TotalCount=len(items),
                         Domains=dict(PageData=items[(page - 1) * size:page * size]))

    return answer


def plugin_with(**options):
    plugin = inventory_loader.get('alicloud.live.live_domains')
    direct = dict(BASE_ARGS, plugin='alicloud.live.live_domains', retry_delay=0.01)
    direct.update(options)
    plugin.set_options(direct=direct)
    # What parse() learns from the inventory file: which options it sets.
    plugin._file_keys = set(direct)
    return plugin


def listed_calls(fake_api):
    return [call for call in fake_api.calls if call.action == LIST]


@pytest.mark.parametrize('options, expected', [
    (dict(), {}),
    (dict(domain_status=['online']), {'DomainStatus': 'online'}),
    (dict(domain_status=['offline', 'offline']), {'DomainStatus': 'offline'}),
    # The API takes one status: both of them is no filter at all.
    (dict(domain_status=['online', 'offline']), {}),
    (dict(live_domain_type=['liveEdge']), {'LiveDomainType': 'liveEdge'}),
    (dict(live_domain_type=['liveVideo', 'liveEdge']), {}),
    (dict(resource_group_id=' rg-acfm01 '), {'ResourceGroupId': 'rg-acfm01'}),
    (dict(tags={'team': 'media', 'env': 'prod'}), {'Tag.1.Key': 'env', 'Tag.1.Value': 'prod', 'Tag.2.Key': 'team', 'Tag.2.Value': 'media'}),
    (dict(tags={'owner': '', 'tier': 1}), {'Tag.1.Key': 'owner', 'Tag.2.Key': 'tier', 'Tag.2.Value': '1'}),
])
def test_filter_options_on_the_wire(fake_api, options, expected):
    fake_api.script(LIST, paged([]))

    plugin_with(**options).fetch()

    (call,) = listed_calls(fake_api)
    sent = dict((name, value) for name, value in call.params.items()
                if name in ('DomainStatus', 'LiveDomainType', 'ResourceGroupId') or name.startswith('Tag.'))
    assert sent == expected
    assert (call.params['PageNumber'], call.params['PageSize']) == ('1', '50')
    assert call.params['AccessKeyId'] == ACCESS_KEY_ID


def test_pages_of_50_until_the_total_count(fake_api):
    items = [item(n) for n in range(120)]
    fake_api.script(LIST, *[paged(items)] * 3)

    domains = plugin_with().fetch()

    assert [call.params['PageNumber'] for call in listed_calls(fake_api)] == ['1', '2', '3']
    assert [d['live_domain_name'] for d in domains] == [i['DomainName'] for i in items]
    assert domains[0] == dict(live_domain_name='d000.example.net', live_domain_status='online', live_domain_type='liveVideo',
                              live_domain_cname='d000.example.net.w.alikunlun.com', live_domain_region='cn-shanghai',
                              live_domain_description='', live_domain_created='2026-01-01T00:00:00Z',
                              live_domain_resource_group_id='rg-a')


def test_hosts_the_answer_shows_outside_the_filters_stay_out(fake_api):
    items = [item(1), item(2, status='configuring'), item(3, status='offline'), item(4, domain_type='liveEdge'), item(5, group='rg-b')]
    fake_api.script(LIST, paged(items))

    domains = plugin_with(domain_status=['online', 'offline'], live_domain_type=['liveVideo'], resource_group_id='rg-a').fetch()

    assert [d['live_domain_name'] for d in domains] == ['d001.example.net', 'd003.example.net']


def test_a_short_page_before_the_total_fails_rather_than_listing_part(fake_api):
    items = [item(n) for n in range(60)]

    def short(call):
        status, body = paged(items)(call)
        if call.params['PageNumber'] == '2':
            body['Domains'] = dict(PageData=[])
        return status, body

    fake_api.script(LIST, short, short)

    with pytest.raises(AnsibleParserError, match='TotalCount is 60 but page 2 lists no more items after 50'):
        plugin_with().fetch()


@pytest.mark.parametrize('options, words', [
    (dict(domain_status=['running']), ['domain_status', 'running']),
    (dict(live_domain_type=['vod']), ['live_domain_type', 'vod']),
    (dict(tags={'team': {'a': 1}}), ['tags', 'team']),
    (dict(resource_group_id=' '), ['resource_group_id']),
    (dict(rate_limit=0), ['rate_limit', '1 and 1000']),
    (dict(timeout=-1), ['timeout']),
])
def test_bad_options_fail_before_any_call(fake_api, options, words):
    # ansible-core checks the choices when it reads the options, the plugin the rest.
    with pytest.raises(AnsibleError) as info:
        plugin = plugin_with(**options)
        plugin.fetch()
    text = str(info.value)
    for word in words:
        assert word in text
    assert fake_api.calls == []


def test_credentials_from_variables_follow_the_modules_order(fake_api, monkeypatch):
    # Ansible's own option variables let the last one win; the credential chain takes the first, as the modules do.
    monkeypatch.setenv('ALIBABA_CLOUD_ACCESS_KEY_ID', 'LTAIfirst')
    monkeypatch.setenv('ALICLOUD_ACCESS_KEY_ID', 'LTAIlast')
    monkeypatch.setenv('ALIBABA_CLOUD_ACCESS_KEY_SECRET', SECRET)
    fake_api.script(LIST, paged([]))
    direct = dict(plugin='alicloud.live.live_domains', endpoint=BASE_ARGS['endpoint'])
    plugin = inventory_loader.get('alicloud.live.live_domains')
    plugin.set_options(direct=direct)
    plugin._file_keys = set(direct)

    plugin.fetch()

    assert listed_calls(fake_api)[0].params['AccessKeyId'] == 'LTAIfirst'


def test_an_error_names_its_cause_and_masks_the_secret(fake_api):
    echoed = 'server string to sign is: POST&%%2F&AccessKeySecret%%3D%s' % SECRET
    fake_api.script(LIST, (403, error_body('Forbidden.RAM', 'denied; ' + echoed, 'REQ-1')))

    with pytest.raises(AnsibleParserError) as info:
        plugin_with().fetch()

    text = str(info.value)
    assert 'no permission for live:DescribeLiveUserDomains' in text and 'Forbidden.RAM' in text and 'REQ-1' in text
    assert SECRET not in text


def test_throttling_is_retried_then_named(fake_api):
    throttled = (400, error_body('Throttling.User', 'Request was denied due to user flow control.'))
    fake_api.script(LIST, throttled, paged([item(1)]))
    assert [d['live_domain_name'] for d in plugin_with().fetch()] == ['d001.example.net']

    fake_api.calls[:] = []
    fake_api.script(LIST, *[throttled] * 3)
    with pytest.raises(AnsibleParserError, match="flow control kept throttling DescribeLiveUserDomains after 3 attempts"):
        plugin_with(retries=2).fetch()
    assert len(listed_calls(fake_api)) == 3


def test_record_vod_configs_of_streaming_domains_only(fake_api):
    fake_api.domains = set(['d001.example.net'])
    fake_api.seed(DomainName='d001.example.net', AppName='news', StreamName='', CycleDuration=900)
    fake_api.script(LIST, paged([item(1), item(2, domain_type='liveEdge')]))

    domains = plugin_with(include_record_vod_configs=True).fetch()

    assert [call.params.get('DomainName') for call in fake_api.calls if call.action == 'DescribeLiveRecordVodConfigs'] == [
        'd001.example.net']
    assert domains[1]['record_vod_configs'] == []
    (config,) = domains[0]['record_vod_configs']
    assert config['app_name'] == 'news' and config['stream_name'] is None and config['cycle_duration'] == 900


def test_validate_filters_and_request_params_directly():
    filters = live_domains.validate_filters(domain_status='online', tags={'b': 'x', 'a': None})
    assert filters['domain_status'] == ['online'] and filters['tags'] == [('a', ''), ('b', 'x')]
    assert live_domains.request_params(filters) == {'DomainStatus': 'online', 'Tag.1.Key': 'a', 'Tag.2.Key': 'b', 'Tag.2.Value': 'x'}
    with pytest.raises(live_domains.FilterError, match='at most 20'):
        live_domains.validate_filters(tags=dict(('k%d' % n, 'v') for n in range(21)))


def plugin_module(plugin):
    return sys.modules[type(plugin).__module__]


def clients_of(monkeypatch, plugin):
    """The LiveClients the plugin builds, kept for the test to look at."""
    module = plugin_module(plugin)
    built = []

    class Recorded(module.LiveClient):
        def __init__(self, settings):
            super(Recorded, self).__init__(settings)
            built.append(self)

    monkeypatch.setattr(module, 'LiveClient', Recorded)
    return built


def test_the_calls_draw_from_the_shared_budget_and_the_lease_is_given_back(fake_api, monkeypatch, tmp_path):
    fake_api.script(LIST, paged([item(1)]))
    plugin = plugin_with(rate_limit=120, budget_dir=str(tmp_path / 'budget'))
    built = clients_of(monkeypatch, plugin)

    plugin.fetch()

    (client,) = built
    assert client.pacer.shared and client.pacer.rate == 120
    (name,) = os.listdir(str(tmp_path / 'budget'))
    state = json.loads((tmp_path / 'budget' / name).read_text())
    # The listing took a slot in the account's schedule of DescribeLiveUserDomains, and its lease is gone.
    assert list(state['actions']) == [LIST] and 'next' in state['actions'][LIST]
    assert state['leases'] == {}


def test_the_budget_options_come_from_the_modules_variables(fake_api, monkeypatch, tmp_path):
    fake_api.script(LIST, paged([]))
    monkeypatch.setenv('ALIBABA_CLOUD_LIVE_RATE_LIMIT', '60')
    monkeypatch.setenv('ALIBABA_CLOUD_LIVE_BUDGET_DIR', str(tmp_path / 'from-env'))
    plugin = plugin_with()
    built = clients_of(monkeypatch, plugin)

    plugin.fetch()

    assert built[0].pacer.rate == 60
    assert len(os.listdir(str(tmp_path / 'from-env'))) == 1


def test_a_budget_directory_that_cannot_be_used_is_a_warning_and_the_pacer_is_closed_on_failure(fake_api, monkeypatch, tmp_path):
    blocker = tmp_path / 'a-file'
    blocker.write_text('')
    fake_api.script(LIST, (403, error_body('Forbidden.RAM', 'denied', 'REQ-2')))
    plugin = plugin_with(budget_dir=str(blocker / 'budget'))
    built = clients_of(monkeypatch, plugin)
    warnings = []
    monkeypatch.setattr(plugin_module(plugin).display, 'warning', warnings.append)

    with pytest.raises(AnsibleParserError, match='Forbidden.RAM'):
        plugin.fetch()

    (warning,) = warnings
    assert warning.startswith('alicloud.live.live_domains: ') and str(blocker / 'budget') in warning
    assert SECRET not in warning
    (client,) = built
    assert not client.pacer.shared and client.pacer._closed
