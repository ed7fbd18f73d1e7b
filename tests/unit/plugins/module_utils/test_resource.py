# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The generic layers driven by descriptors other than the Live-to-VOD one: a one-per-scope resource
with a secret, an unpaged Describe, and a listing paged with other parameter and key names."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import hmac

import pytest

from ansible_collections.alicloud.live.plugins.module_utils import _plan as planner
from ansible_collections.alicloud.live.plugins.module_utils import _resource
from ansible_collections.alicloud.live.plugins.module_utils._resource import SECRET_MASK, Field, Read, Resource

from live_fakes import error_body, make_client

DOMAIN = 'live.example.com'
SECRET_VALUE = 'k3y-Secret+/='

# One per domain, identity = the domain, one object from an unpaged Describe, one secret field.
ONE_PER_DOMAIN = Resource(
    'callback', 'callback configuration',
    fields=(
        Field('domain_name', 'DomainName', 'str', identity=True, lower=True, required_to_add=True),
        Field('notify_url', 'NotifyUrl', 'str', required_to_add=True),
        Field('need_status_notify', 'NeedStatusNotify', 'bool', default=False),
        Field('auth_key', 'NotifyAuthKey', 'str', secret=True),
    ),
    actions=dict(describe='DescribeLiveRecordNotifyConfig', add='AddLiveRecordNotifyConfig',
                 update='UpdateLiveRecordNotifyConfig', delete='DeleteLiveRecordNotifyConfig'),
    read=Read('DescribeLiveRecordNotifyConfig', item='LiveRecordNotifyConfig', empty_codes=('InvalidConfig.NotFound',)),
    already_exists=('ConfigAlreadyExists',),
)

# A listing paged with PageNumber/PageSize/TotalCount and its items under Domains.PageData.
DOMAINS = Read('DescribeLiveUserDomains', items='Domains.PageData', page_param='PageNumber', size_param='PageSize',
               total_key='TotalCount', page_size=50)


def stored(**fields):
    config = dict(domain_name=DOMAIN, notify_url='https://hooks.example.com/a', need_status_notify=False,
                  auth_key=SECRET_VALUE, extra={})
    config.update(fields)
    return config


def wanted(**fields):
    item = dict((name, None) for name in ONE_PER_DOMAIN.field_names)
    item.update(domain_name=DOMAIN)
    item.update(fields)
    return item


def test_a_one_per_scope_resource_is_keyed_by_its_only_identity_field():
    assert ONE_PER_DOMAIN.key(dict(domain_name=DOMAIN)) == DOMAIN
    assert ONE_PER_DOMAIN.identity(dict(domain_name='LIVE.Example.com')) == (DOMAIN,)
    assert ONE_PER_DOMAIN.identity_params(dict(domain_name='LIVE.Example.com')) == dict(DomainName=DOMAIN)


def test_a_secret_is_compared_on_update_unless_write_only_and_never_shown():
    step = planner.plan_one(ONE_PER_DOMAIN, wanted(auth_key='other-secret'), stored(), planner.PRESENT)

    assert step.kind == planner.UPDATE_STEP
    assert step.differences == dict(auth_key=dict(before=SECRET_MASK, after=SECRET_MASK, changed=True))
    assert step.calls == [('UpdateLiveRecordNotifyConfig', dict(DomainName=DOMAIN, NotifyUrl='https://hooks.example.com/a',
                                                                 NeedStatusNotify='OFF', NotifyAuthKey='other-secret'))]
    assert 'other-secret' not in repr(step.differences) and SECRET_VALUE not in repr(step.differences)
    assert ONE_PER_DOMAIN.public(step.after)['auth_key'] == SECRET_MASK

    write_only = planner.plan_one(ONE_PER_DOMAIN, wanted(auth_key='other-secret'), stored(), planner.PRESENT,
                                  write_only=['auth_key'])
    assert write_only.kind == planner.NOTHING and write_only.calls == []


def test_a_write_only_secret_is_still_resent_with_an_update_of_another_field():
    step = planner.plan_one(ONE_PER_DOMAIN, wanted(need_status_notify=True, auth_key='given'), stored(), planner.PRESENT,
                            write_only=['auth_key'])

    assert list(step.differences) == ['need_status_notify']
    assert step.calls[0][1]['NotifyAuthKey'] == 'given'


def test_a_write_only_secret_is_compared_when_the_resource_is_created():
    step = planner.plan_one(ONE_PER_DOMAIN, wanted(notify_url='https://hooks.example.com/b', auth_key='s'), None,
                            planner.PRESENT, write_only=['auth_key'])

    assert step.kind == planner.ADD_STEP
    assert step.differences['auth_key'] == dict(before=None, after=SECRET_MASK, changed=True)
    assert step.calls[0][1]['NotifyAuthKey'] == 's'


def test_secrets_are_compared_in_constant_time(monkeypatch):
    seen = []
    real = hmac.compare_digest

    def compare(a, b):
        seen.append((a, b))
        return real(a, b)

    monkeypatch.setattr(_resource.hmac, 'compare_digest', compare)
    step = planner.plan_one(ONE_PER_DOMAIN, wanted(auth_key=SECRET_VALUE), stored(), planner.PRESENT)

    assert step.kind == planner.NOTHING
    assert seen == [(SECRET_VALUE.encode('utf-8'), SECRET_VALUE.encode('utf-8'))]


def test_messages_name_the_resource_noun_and_its_update_action():
    fixed = Resource('thing', 'thing', (Field('name', 'Name', 'str', identity=True, required_to_add=True),
                                        Field('zone', 'Zone', 'str', updatable=False)),
                     actions=dict(describe='D', add='A', update='U', delete='X'), read=Read('D', item='Thing'))

    step = planner.plan_one(fixed, dict(name='n', zone='z2'), dict(name='n', zone='z1', extra={}), planner.PRESENT)

    assert step.kind == planner.RECREATE_STEP
    assert step.blocked.startswith("The stored thing differs in zone (stored 'z1', wanted 'z2'), which U cannot change")
    with pytest.raises(planner.PlanError, match='these things are listed more than once: n'):
        planner.plan(fixed, [dict(name='n'), dict(name='n')], [], planner.MERGED)


def test_an_unpaged_describe_reads_its_one_object(fake_api):
    fake_api.script('DescribeLiveRecordNotifyConfig', (200, dict(RequestId='R1', LiveRecordNotifyConfig=dict(
        DomainName=DOMAIN, NotifyUrl='https://hooks.example.com/a', NeedStatusNotify=True, NotifyAuthKey='x'))))

    items = make_client().read_all(ONE_PER_DOMAIN, dict(DomainName=DOMAIN))

    assert fake_api.actions() == ['DescribeLiveRecordNotifyConfig']
    assert 'PageNum' not in fake_api.calls[0].params and 'PageSize' not in fake_api.calls[0].params
    assert [ONE_PER_DOMAIN.from_api(item)['need_status_notify'] for item in items] == [True]


@pytest.mark.parametrize('answer', [
    (404, error_body('InvalidConfig.NotFound', 'The config does not exist.')),
    (200, dict(RequestId='R2')),
    (200, dict(RequestId='R3', LiveRecordNotifyConfig={})),
])
def test_an_unpaged_describe_that_finds_nothing_reads_as_none(fake_api, answer):
    fake_api.script('DescribeLiveRecordNotifyConfig', answer)

    assert make_client().read_all(ONE_PER_DOMAIN, dict(DomainName=DOMAIN)) == []


def test_an_unpaged_describe_with_another_error_still_fails(fake_api):
    fake_api.script('DescribeLiveRecordNotifyConfig', (403, error_body('Forbidden.RAM', 'no permission')))

    with pytest.raises(Exception) as caught:
        make_client().read_all(ONE_PER_DOMAIN, dict(DomainName=DOMAIN))

    assert caught.value.code == 'Forbidden.RAM'


def test_paging_follows_the_spec_names_page_number_and_total_count(fake_api):
    domains = [dict(DomainName='d%03d.example.com' % index) for index in range(120)]

    def page(call):
        number, size = int(call.params['PageNumber']), int(call.params['PageSize'])
        chunk = domains[(number - 1) * size:number * size]
        return 200, dict(RequestId='R', PageNumber=number, PageSize=size, TotalCount=len(domains),
                         Domains=dict(PageData=chunk))

    fake_api.script('DescribeLiveUserDomains', page, page, page, page)

    items = make_client().read_all(DOMAINS, dict(RegionName='cn-shanghai'))

    assert items == domains
    assert [call.params['PageNumber'] for call in fake_api.calls] == ['1', '2', '3']
    assert set(call.params['PageSize'] for call in fake_api.calls) == set(['50'])


def test_a_broken_page_names_the_spec_keys(fake_api):
    fake_api.script('DescribeLiveUserDomains', (200, dict(RequestId='R')))

    with pytest.raises(Exception) as caught:
        make_client().read_all(DOMAINS, {})

    assert caught.value.code == 'MalformedResponse'
    assert caught.value.message == 'the response has none of Domains, TotalCount, PageNumber and PageSize'
