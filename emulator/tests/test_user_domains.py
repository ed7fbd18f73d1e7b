# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""DescribeLiveUserDomains: the account's domains with their attributes, filters and pages, through the SDK."""

import json

import pytest

from aliyunsdkcore.acs_exception.exceptions import ServerException
from aliyunsdkcore.client import AcsClient
from aliyunsdklive.request.v20161101.DescribeLiveUserDomainsRequest import DescribeLiveUserDomainsRequest

from alicloud_live_emulator.accounts import load_credentials
from alicloud_live_emulator.client import (DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, DEMO_DOMAINS, OTHER_ACCESS_KEY_ID,
                                           OTHER_ACCESS_KEY_SECRET, OTHER_ACCOUNT_ID, EmulatorError, EmulatorProcess)

ACTION = 'DescribeLiveUserDomains'


def describe(emulator, key_id=DEMO_ACCESS_KEY_ID, secret=DEMO_ACCESS_KEY_SECRET, tags=None, **params):
    acs = AcsClient(key_id, secret, 'cn-shanghai', port=emulator.port, auto_retry=False, timeout=5, connect_timeout=2)
    request = DescribeLiveUserDomainsRequest()
    request.set_endpoint('127.0.0.1')
    request.set_protocol_type('http')
    for name, value in params.items():
        request.add_query_param(name, value)
    if tags:
        request.set_Tags([{'Key': key, 'Value': value} for key, value in tags])
    return json.loads(acs.do_action_with_exception(request))


def names(answer):
    return [domain['DomainName'] for domain in answer['Domains']['PageData']]


def test_the_demo_account_lists_its_own_domains_with_default_attributes(emulator):
    answer = describe(emulator)
    assert answer['TotalCount'] == len(DEMO_DOMAINS)
    assert answer['PageNumber'] == 1 and answer['PageSize'] == 20
    assert sorted(names(answer)) == sorted(DEMO_DOMAINS)
    first = answer['Domains']['PageData'][0]
    assert set(first) == {'DomainName', 'LiveDomainType', 'LiveDomainStatus', 'Cname', 'RegionName', 'Description', 'GmtCreated',
                          'GmtModified', 'ResourceGroupId'}
    assert first['LiveDomainType'] == 'liveVideo' and first['LiveDomainStatus'] == 'online'
    assert first['Cname'] == '%s.w.alikunlun.com' % first['DomainName']
    other = describe(emulator, OTHER_ACCESS_KEY_ID, OTHER_ACCESS_KEY_SECRET)
    assert 'demo.example.com' not in names(other) and 'other.example.com' in names(other)


def test_pages_of_at_most_50_with_a_total_count(emulator):
    emulator.set_domains(*['d%03d.example.net' % n for n in range(117)])
    total = 117 + len(DEMO_DOMAINS)
    seen = []
    for page in (1, 2, 3):
        answer = describe(emulator, PageNumber=page, PageSize=50)
        assert answer['TotalCount'] == total and answer['PageNumber'] == page and answer['PageSize'] == 50
        seen += names(answer)
    assert len(seen) == total == len(set(seen))
    assert names(describe(emulator, PageNumber=4, PageSize=50)) == []
    for bad in ({'PageSize': 51}, {'PageSize': 0}, {'PageNumber': 0}, {'PageSize': 'x'}):
        with pytest.raises(ServerException) as info:
            describe(emulator, **bad)
        assert info.value.get_error_code() == 'InvalidParameter' and info.value.get_http_status() == 400


def test_filters_by_status_type_resource_group_tags_region_and_name(emulator):
    emulator.set_domains(
        {'domain_name': 'a.example.net', 'status': 'offline', 'tags': {'team': 'media', 'env': 'prod'}},
        {'domain_name': 'b.example.net', 'type': 'liveEdge', 'resource_group_id': 'rg-media', 'tags': {'team': 'media'}},
        {'domain_name': 'c.example.net', 'resource_group_id': 'rg-media', 'region': 'ap-southeast-1', 'tags': {'team': 'ops'}})
    assert sorted(names(describe(emulator, DomainStatus='offline'))) == ['a.example.net']
    assert 'a.example.net' not in names(describe(emulator, DomainStatus='online'))
    assert names(describe(emulator, LiveDomainType='liveEdge')) == ['b.example.net']
    assert sorted(names(describe(emulator, ResourceGroupId='rg-media'))) == ['b.example.net', 'c.example.net']
    assert sorted(names(describe(emulator, tags=[('team', 'media')]))) == ['a.example.net', 'b.example.net']
    assert names(describe(emulator, tags=[('team', 'media'), ('env', 'prod')])) == ['a.example.net']
    assert names(describe(emulator, **{'Tag.1.Key': 'env'})) == ['a.example.net']
    assert names(describe(emulator, RegionName='ap-southeast-1')) == ['c.example.net']
    assert names(describe(emulator, DomainName='b.example', DomainSearchType='fuzzy_match')) == ['b.example.net']
    assert names(describe(emulator, DomainName='b.example', DomainSearchType='full_match')) == []
    assert describe(emulator, ResourceGroupId='rg-media', LiveDomainType='liveVideo')['TotalCount'] == 1


def test_attributes_through_the_control_api(emulator):
    domains = emulator.set_domains({'domain_name': 'live.example.com', 'status': 'offline', 'description': 'main',
                                    'created': '2025-05-01T10:00:00Z', 'cname': 'x.example.cdn'})
    shown = dict((d['domain_name'], d) for d in domains)['live.example.com']
    assert shown['status'] == 'offline' and shown['description'] == 'main' and shown['type'] == 'liveVideo'
    item = [d for d in describe(emulator)['Domains']['PageData'] if d['DomainName'] == 'live.example.com'][0]
    assert (item['LiveDomainStatus'], item['Description'], item['GmtCreated'], item['Cname']) == (
        'offline', 'main', '2025-05-01T10:00:00Z', 'x.example.cdn')
    for bad in ({'domain_name': 'live.example.com', 'status': 'gone'}, {'domain_name': 'live.example.com', 'type': 'vod'},
                {'domain_name': 'live.example.com', 'colour': 'red'}, {'domain_name': 'not a host'},
                {'domain_name': 'live.example.com', 'tags': {'k': 1}}):
        with pytest.raises(EmulatorError):
            emulator.set_domains(bad)
    emulator.reset()
    assert all(d['status'] == 'online' for d in emulator.domains())
    assert [d['domain_name'] for d in emulator.domains(OTHER_ACCOUNT_ID)] == ['live.example.com', 'other.example.com']


def test_the_call_goes_through_flow_control_ram_and_the_request_log(emulator):
    emulator.settings(rate_limit_per_minute={ACTION: 2})
    describe(emulator)
    describe(emulator)
    with pytest.raises(ServerException) as info:
        describe(emulator)
    assert info.value.get_error_code() == 'Throttling.User'
    assert [entry['code'] for entry in emulator.requests(ACTION)] == [None, None, 'Throttling.User']


def test_the_accounts_file_gives_domain_attributes(tmp_path):
    accounts = {'accounts': [{'account_id': '2000000000000001', 'name': 'files', 'domains': [
        'plain.example.org',
        {'domain_name': 'edge.example.org', 'type': 'liveEdge', 'status': 'offline', 'resource_group_id': 'rg-x',
         'tags': {'team': 'media'}, 'region': 'cn-beijing'}],
        'access_keys': [{'access_key_id': 'LTAIfiles', 'access_key_secret': 'files-secret'}]}]}
    path = tmp_path / 'accounts.json'
    path.write_text(json.dumps(accounts))
    loaded = load_credentials(str(path))
    assert loaded.by_id['2000000000000001'].domains == ('plain.example.org', 'edge.example.org')
    with EmulatorProcess.start(work_dir=str(tmp_path), credentials=str(path)) as emulator:
        answer = describe(emulator.client, 'LTAIfiles', 'files-secret', tags=[('team', 'media')])
        assert [(d['DomainName'], d['LiveDomainType'], d['LiveDomainStatus'], d['ResourceGroupId'], d['RegionName'])
                for d in answer['Domains']['PageData']] == [('edge.example.org', 'liveEdge', 'offline', 'rg-x', 'cn-beijing')]
    bad = {'accounts': [dict(accounts['accounts'][0], domains=[{'domain_name': 'x.example.org', 'status': 'lost'}])]}
    with pytest.raises(ValueError, match='status'):
        from alicloud_live_emulator.accounts import parse_credentials
        parse_credentials(bad)
