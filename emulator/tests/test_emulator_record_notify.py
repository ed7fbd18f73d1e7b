# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The recording callback configuration: the four actions through the SDK, and the control calls."""

import json

import pytest

from aliyunsdkcore.acs_exception.exceptions import ServerException
from aliyunsdkcore.client import AcsClient
from aliyunsdkcore.request import RpcRequest

from alicloud_live_emulator.client import (DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, OTHER_ACCESS_KEY_ID, OTHER_ACCESS_KEY_SECRET,
                                           OTHER_ACCOUNT_ID, EmulatorError)

DOMAIN = 'live.example.com'
KEY = 'Abcdef0123456789Abcdef'
CONFIG = {'DomainName': DOMAIN, 'NotifyUrl': 'https://hooks.example.com/record', 'OnDemandUrl': 'http://hooks.example.com/on-demand',
          'NeedStatusNotify': True, 'NotifyReqAuth': True, 'NotifyAuthKey': KEY}


def acs(emulator, key_id=DEMO_ACCESS_KEY_ID, secret=DEMO_ACCESS_KEY_SECRET):
    return AcsClient(key_id, secret, 'cn-shanghai', port=emulator.port, auto_retry=False, timeout=5, connect_timeout=2)


def request(action, params):
    req = RpcRequest('live', '2016-11-01', action)
    req.set_endpoint('127.0.0.1')
    req.set_protocol_type('http')
    req.set_method('POST')
    for name, value in params.items():
        req.add_query_param(name, value)
    return req


def call(emulator, action, client=None, **params):
    return json.loads((client or acs(emulator)).do_action_with_exception(request(action, params)))


def error(emulator, action, client=None, **params):
    with pytest.raises(ServerException) as info:
        (client or acs(emulator)).do_action_with_exception(request(action, params))
    return info.value


def add(emulator, **params):
    return call(emulator, 'AddLiveRecordNotifyConfig', **params)


def describe(emulator, domain=DOMAIN, client=None):
    return call(emulator, 'DescribeLiveRecordNotifyConfig', client=client, DomainName=domain)


def test_add_then_describe_returns_every_field_with_the_key_in_clear(emulator):
    add(emulator, DomainName=DOMAIN, NotifyUrl=CONFIG['NotifyUrl'], OnDemandUrl=CONFIG['OnDemandUrl'], NeedStatusNotify=True,
        NotifyReqAuth=True, NotifyAuthKey=KEY)
    answer = describe(emulator)
    assert answer['RequestId']
    assert answer['LiveRecordNotifyConfig'] == CONFIG
    assert emulator.notify_configs() == [CONFIG]


def test_add_leaves_out_what_is_not_sent_as_the_defaults(emulator):
    add(emulator, DomainName=DOMAIN, NotifyUrl='http://a.example.com/cb')
    assert describe(emulator)['LiveRecordNotifyConfig'] == {
        'DomainName': DOMAIN, 'NotifyUrl': 'http://a.example.com/cb', 'OnDemandUrl': '', 'NeedStatusNotify': False,
        'NotifyReqAuth': False, 'NotifyAuthKey': ''}


def test_one_configuration_per_domain(emulator):
    add(emulator, DomainName=DOMAIN, NotifyUrl='http://a.example.com/cb')
    exc = error(emulator, 'AddLiveRecordNotifyConfig', DomainName=DOMAIN, NotifyUrl='http://b.example.com/cb')
    assert (exc.get_http_status(), exc.get_error_code()) == (400, 'ConfigAlreadyExists')
    assert exc.get_request_id()
    add(emulator, DomainName='demo.example.com', NotifyUrl='http://b.example.com/cb')
    assert [c['DomainName'] for c in emulator.notify_configs()] == ['demo.example.com', DOMAIN]


def test_update_replaces_the_whole_configuration(emulator):
    emulator.notify_seed([CONFIG])
    call(emulator, 'UpdateLiveRecordNotifyConfig', DomainName=DOMAIN, NotifyUrl='https://new.example.com/cb')
    assert describe(emulator)['LiveRecordNotifyConfig'] == {
        'DomainName': DOMAIN, 'NotifyUrl': 'https://new.example.com/cb', 'OnDemandUrl': '', 'NeedStatusNotify': False,
        'NotifyReqAuth': False, 'NotifyAuthKey': ''}


def test_update_and_delete_of_a_domain_without_configuration_are_not_found(emulator):
    for action, params in (('UpdateLiveRecordNotifyConfig', {'NotifyUrl': 'http://a.example.com/'}), ('DeleteLiveRecordNotifyConfig', {})):
        exc = error(emulator, action, DomainName=DOMAIN, **params)
        assert (exc.get_http_status(), exc.get_error_code()) == (404, 'InvalidConfig.NotFound')


def test_delete_removes_it(emulator):
    emulator.notify_seed([CONFIG])
    call(emulator, 'DeleteLiveRecordNotifyConfig', DomainName=DOMAIN)
    assert emulator.notify_configs() == []
    assert describe(emulator)['LiveRecordNotifyConfig'] == {}


@pytest.mark.parametrize('params, code, named', [
    ({}, 'MissingNotifyUrl', 'NotifyUrl'),
    ({'NotifyUrl': 'ftp://a.example.com/'}, 'InvalidParameter', 'NotifyUrl'),
    ({'NotifyUrl': 'a.example.com/cb'}, 'InvalidParameter', 'NotifyUrl'),
    ({'NotifyUrl': 'http://a.example.com/', 'OnDemandUrl': 'rtmp://a.example.com/'}, 'InvalidParameter', 'OnDemandUrl'),
    ({'NotifyUrl': 'http://a.example.com/', 'NotifyReqAuth': True}, 'MissingNotifyAuthKey', 'NotifyAuthKey'),
    ({'NotifyUrl': 'http://a.example.com/', 'NotifyReqAuth': True, 'NotifyAuthKey': 'short123'}, 'InvalidParameter', 'NotifyAuthKey'),
    ({'NotifyUrl': 'http://a.example.com/', 'NotifyReqAuth': True, 'NotifyAuthKey': 'A' * 33}, 'InvalidParameter', 'NotifyAuthKey'),
    ({'NotifyUrl': 'http://a.example.com/', 'NotifyReqAuth': True, 'NotifyAuthKey': 'abcdefgh-1234567'}, 'InvalidParameter', 'NotifyAuthKey'),
    ({'NotifyUrl': 'http://a.example.com/', 'NeedStatusNotify': 'maybe'}, 'InvalidParameter', 'NeedStatusNotify'),
])
@pytest.mark.parametrize('action', ['AddLiveRecordNotifyConfig', 'UpdateLiveRecordNotifyConfig'])
def test_the_documented_rules(emulator, action, params, code, named):
    emulator.notify_seed([{'DomainName': DOMAIN, 'NotifyUrl': 'http://old.example.com/'}])
    exc = error(emulator, action, DomainName=DOMAIN, **params)
    assert (exc.get_http_status(), exc.get_error_code()) == (400, code)
    assert named in exc.get_error_msg()
    assert emulator.notify_configs() == [dict(CONFIG, NotifyUrl='http://old.example.com/', OnDemandUrl='', NeedStatusNotify=False,
                                              NotifyReqAuth=False, NotifyAuthKey='')]


def test_the_key_is_not_checked_when_authentication_is_off(emulator):
    add(emulator, DomainName=DOMAIN, NotifyUrl='http://a.example.com/', NotifyReqAuth=False, NotifyAuthKey='x')
    assert describe(emulator)['LiveRecordNotifyConfig']['NotifyAuthKey'] == 'x'


@pytest.mark.parametrize('length', [16, 32])
def test_key_length_bounds(emulator, length):
    add(emulator, DomainName=DOMAIN, NotifyUrl='http://a.example.com/', NotifyReqAuth=True, NotifyAuthKey='k' * length)
    assert describe(emulator)['LiveRecordNotifyConfig']['NotifyAuthKey'] == 'k' * length


def test_a_domain_of_another_account_is_not_found(emulator):
    exc = error(emulator, 'AddLiveRecordNotifyConfig', DomainName='other.example.com', NotifyUrl='http://a.example.com/')
    assert (exc.get_http_status(), exc.get_error_code()) == (404, 'InvalidDomain.NotFound')


def test_accounts_are_isolated(emulator):
    emulator.notify_seed([CONFIG])
    other = acs(emulator, OTHER_ACCESS_KEY_ID, OTHER_ACCESS_KEY_SECRET)
    assert describe(emulator, client=other)['LiveRecordNotifyConfig'] == {}
    assert emulator.notify_configs(account_id=OTHER_ACCOUNT_ID) == []


def test_describe_without_configuration_in_each_shape(emulator):
    assert emulator.notify_settings() == {'missing': 'empty', 'bool_style': 'bool'}
    assert describe(emulator)['LiveRecordNotifyConfig'] == {}
    emulator.notify_settings(missing='omitted')
    answer = describe(emulator)
    assert 'LiveRecordNotifyConfig' not in answer and answer['RequestId']
    emulator.notify_settings(missing='error')
    exc = error(emulator, 'DescribeLiveRecordNotifyConfig', DomainName=DOMAIN)
    assert (exc.get_http_status(), exc.get_error_code()) == (404, 'InvalidConfig.NotFound')
    emulator.reset()
    assert emulator.notify_settings()['missing'] == 'empty'


def test_describe_in_the_yes_no_style(emulator):
    emulator.notify_seed([dict(CONFIG, NeedStatusNotify=False)])
    emulator.notify_settings(bool_style='yes_no')
    shown = describe(emulator)['LiveRecordNotifyConfig']
    assert (shown['NotifyReqAuth'], shown['NeedStatusNotify']) == ('yes', 'no')


def test_writes_are_logged_and_counted_as_writes(emulator):
    add(emulator, DomainName=DOMAIN, NotifyUrl='http://a.example.com/')
    describe(emulator)
    assert [e['action'] for e in emulator.write_requests()] == ['AddLiveRecordNotifyConfig']
    assert emulator.requests('AddLiveRecordNotifyConfig')[0]['params']['NotifyUrl'] == 'http://a.example.com/'


def test_faults_apply_to_the_new_actions(emulator):
    emulator.fault('UpdateLiveRecordNotifyConfig', 'error', status=503, code='ServiceUnavailable', times=1)
    emulator.notify_seed([CONFIG])
    exc = error(emulator, 'UpdateLiveRecordNotifyConfig', DomainName=DOMAIN, NotifyUrl='http://a.example.com/')
    assert exc.get_error_code() == 'ServiceUnavailable'
    assert emulator.notify_configs() == [CONFIG]


def test_reset_empties_them(emulator):
    emulator.notify_seed([CONFIG])
    emulator.reset()
    assert emulator.notify_configs() == []


@pytest.mark.parametrize('configs, words', [
    ([{'DomainName': 'unknown.example.com', 'NotifyUrl': 'http://a.example.com/'}], 'not in account'),
    ([{'DomainName': DOMAIN}], 'NotifyUrl'),
    ([{'DomainName': DOMAIN, 'NotifyUrl': 'http://a.example.com/', 'Colour': 'red'}], 'Colour'),
    ([{'DomainName': DOMAIN, 'NotifyUrl': 'http://a.example.com/', 'NotifyReqAuth': 'yes'}], 'NotifyReqAuth'),
])
def test_seed_refuses_bad_configs(emulator, configs, words):
    with pytest.raises(EmulatorError, match=words):
        emulator.notify_seed(configs)
    assert emulator.notify_configs() == []


def test_bad_settings_are_refused(emulator):
    with pytest.raises(EmulatorError, match='missing must be one of'):
        emulator.notify_settings(missing='sometimes')
    with pytest.raises(EmulatorError, match='unknown setting'):
        emulator.notify_settings(colour='red')
