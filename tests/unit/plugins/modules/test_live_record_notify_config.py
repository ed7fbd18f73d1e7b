# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""live_record_notify_config and its _info module at the SDK boundary: recorded answers in, exact
calls out, and the key nowhere in what the module prints."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64

import pytest

from ansible_collections.alicloud.live.plugins.module_utils import _resource
from ansible_collections.alicloud.live.plugins.modules import live_record_notify_config as module
from ansible_collections.alicloud.live.plugins.modules import live_record_notify_config_info as info_module

from live_fakes import BASE_ARGS, error_body, load_fixture

ADD = 'AddLiveRecordNotifyConfig'
UPDATE = 'UpdateLiveRecordNotifyConfig'
DELETE = 'DeleteLiveRecordNotifyConfig'
DESCRIBE = 'DescribeLiveRecordNotifyConfig'
STORED_KEY = 'FixtureKey0123456789abcd'
NEW_KEY = 'NewKey0123456789abcdef'
EVENTS = 'https://hooks.example.com/live/record-events'
NONE_ANSWERS = [
    (200, dict(RequestId='R-empty', LiveRecordNotifyConfig={})),
    (200, dict(RequestId='R-omitted')),
    (404, error_body('InvalidConfig.NotFound', 'The specified config does not exist.')),
    # Another code for "none": the shape decides, not a list of known codes.
    (400, error_body('RecordNotifyConfig.NotExist', 'The record notify config does not exist.')),
]


def args(**extra):
    result = dict(BASE_ARGS, domain_name='live.example.com')
    result.update(extra)
    return result


def ok(call):
    return 200, dict(RequestId='W-' + call.action)


def no_key(result):
    text = result['_stdout'] + result['_stderr']
    for secret in (STORED_KEY, NEW_KEY):
        for form in (secret, secret.encode().hex(), base64.b64encode(secret.encode()).decode()):
            assert form not in text


@pytest.mark.parametrize('none', NONE_ANSWERS)
def test_create_sends_exactly_the_given_parameters(fake_api, run_module, none):
    fake_api.script(DESCRIBE, none, (200, load_fixture('describe_record_notify.json')))
    fake_api.script(ADD, ok)

    result = run_module(module, args(notify_url=EVENTS, on_demand_url='https://hooks.example.com/live/record-on-demand',
                                     need_status_notify=True, notify_req_auth=True, notify_auth_key=STORED_KEY))

    assert fake_api.actions() == [DESCRIBE, ADD, DESCRIBE]
    sent = dict((k, v) for k, v in fake_api.calls[1].params.items() if k[0].isupper() and k not in (
        'Action', 'Version', 'Format', 'AccessKeyId', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce', 'Timestamp',
        'SignatureType', 'RegionId', 'Signature'))
    assert sent == dict(DomainName='live.example.com', NotifyUrl=EVENTS, OnDemandUrl='https://hooks.example.com/live/record-on-demand',
                        NeedStatusNotify='true', NotifyReqAuth='true', NotifyAuthKey=STORED_KEY)
    assert result['changed'] is True and result['action'] == 'created'
    assert 'notify_auth_key' not in result['config']
    no_key(result)


def test_a_stored_equal_config_is_one_read_and_no_write(fake_api, run_module):
    fake_api.script(DESCRIBE, (200, load_fixture('describe_record_notify.json')))

    result = run_module(module, args(notify_url=EVENTS, need_status_notify=True, notify_req_auth=True, notify_auth_key=STORED_KEY))

    assert fake_api.actions() == [DESCRIBE]
    assert result['changed'] is False
    no_key(result)


def test_yes_no_flags_are_read_as_bools(fake_api, run_module):
    fake_api.script(DESCRIBE, (200, load_fixture('describe_record_notify_yes_no.json')))

    result = run_module(module, args(notify_url=EVENTS, need_status_notify=False, notify_req_auth=True, notify_auth_key=STORED_KEY))

    assert fake_api.actions() == [DESCRIBE] and result['changed'] is False
    assert (result['config']['need_status_notify'], result['config']['notify_req_auth']) == (False, True)


def test_an_update_resends_every_kept_value_and_the_diff_only_says_the_key_changes(fake_api, run_module):
    fake_api.script(DESCRIBE, (200, load_fixture('describe_record_notify.json')), (200, load_fixture('describe_record_notify.json')))
    fake_api.script(UPDATE, ok)

    result = run_module(module, args(notify_url=EVENTS, notify_auth_key=NEW_KEY), diff=True)

    update = fake_api.calls[1].params
    assert fake_api.calls[1].action == UPDATE
    assert (update['NotifyAuthKey'], update['OnDemandUrl'], update['NeedStatusNotify'], update['NotifyReqAuth']) == (
        NEW_KEY, 'https://hooks.example.com/live/record-on-demand', 'true', 'true')
    assert result['differences'] == ['notify_auth_key']
    # Text the callbacks print: the key's line says only that it changes.
    assert 'notify_auth_key: "(secret)"\n' in result['diff']['before']
    assert 'notify_auth_key: "(secret, changed)"\n' in result['diff']['after']
    assert result['diff']['before_header'] == result['diff']['after_header'] == result['config']['domain_name']
    no_key(result)


def test_on_create_neither_compares_nor_replaces_a_stored_key(fake_api, run_module):
    fake_api.script(DESCRIBE, (200, load_fixture('describe_record_notify.json')))

    result = run_module(module, args(notify_url=EVENTS, notify_auth_key=NEW_KEY, update_notify_auth_key='on_create'))

    assert fake_api.actions() == [DESCRIBE] and result['changed'] is False


def test_the_key_is_compared_in_constant_time(fake_api, run_module, monkeypatch):
    compared = []
    real = _resource.hmac.compare_digest
    monkeypatch.setattr(_resource.hmac, 'compare_digest', lambda a, b: compared.append(len(a)) or real(a, b))
    fake_api.script(DESCRIBE, (200, load_fixture('describe_record_notify.json')))

    run_module(module, args(notify_url=EVENTS, notify_auth_key=STORED_KEY))

    assert compared == [len(STORED_KEY)]


def test_absent_of_a_missing_config_makes_no_write(fake_api, run_module):
    fake_api.script(DESCRIBE, NONE_ANSWERS[2])

    result = run_module(module, args(state='absent'))

    assert fake_api.actions() == [DESCRIBE] and result['changed'] is False


def test_absent_deletes_with_the_domain_only(fake_api, run_module):
    fake_api.script(DESCRIBE, (200, load_fixture('describe_record_notify.json')), NONE_ANSWERS[0])
    fake_api.script(DELETE, ok)

    result = run_module(module, args(state='absent'))

    assert fake_api.actions() == [DESCRIBE, DELETE, DESCRIBE]
    assert fake_api.calls[1].params['DomainName'] == 'live.example.com' and 'NotifyUrl' not in fake_api.calls[1].params
    assert result['changed'] is True and result['config'] == {}


def test_an_api_error_names_code_status_and_request_id_without_the_key(fake_api, run_module):
    fake_api.script(DESCRIBE, NONE_ANSWERS[0])
    fake_api.script(ADD, (400, error_body('InvalidParameter', 'NotifyAuthKey=%s is rejected' % NEW_KEY, 'REQ-1')))

    result = run_module(module, args(notify_url=EVENTS, notify_req_auth=True, notify_auth_key=NEW_KEY))

    assert result['failed'] is True
    assert 'InvalidParameter' in result['msg'] and '400' in result['msg'] and 'REQ-1' in result['msg']
    no_key(result)


@pytest.mark.parametrize('extra, named', [
    (dict(notify_url='ftp://hooks.example.com/'), 'notify_url'),
    (dict(notify_url=EVENTS, on_demand_url='hooks.example.com'), 'on_demand_url'),
    (dict(notify_url=EVENTS, notify_auth_key='tooShort123'), 'notify_auth_key'),
    (dict(notify_url=EVENTS, notify_req_auth=True), 'notify_auth_key'),
    (dict(notify_url=EVENTS, colour='red'), 'colour'),
    (dict(), 'notify_url'),
])
def test_bad_input_fails_before_any_request(fake_api, run_module, extra, named):
    result = run_module(module, args(**extra))

    assert result['failed'] is True and named in result['msg']
    assert fake_api.calls == []
    assert 'tooShort123' not in result['_stdout']


def test_info_leaves_the_key_out_unless_asked(fake_api, run_module):
    fake_api.script(DESCRIBE, (200, load_fixture('describe_record_notify.json')), (200, load_fixture('describe_record_notify.json')))

    without = run_module(info_module, args())
    assert without['configs'][0]['notify_url'] == EVENTS and 'notify_auth_key' not in without['configs'][0]
    no_key(without)

    with_key = run_module(info_module, args(include_auth_key=True))
    assert with_key['configs'][0]['notify_auth_key'] == STORED_KEY


def test_info_reads_each_domain_once(fake_api, run_module):
    fake_api.script(DESCRIBE, (200, load_fixture('describe_record_notify.json')), NONE_ANSWERS[1])

    result = run_module(info_module, args(domain_name=['live.example.com', 'demo.example.com', 'Live.Example.com']))

    assert [call.params['DomainName'] for call in fake_api.calls] == ['live.example.com', 'demo.example.com']
    assert [config['domain_name'] for config in result['configs']] == ['live.example.com']


def test_info_refuses_a_bad_domain_before_any_request(fake_api, run_module):
    result = run_module(info_module, args(domain_name=['live.example.com', 'not a domain']))
    assert result['failed'] is True and 'domain_name[1]' in result['msg'] and fake_api.calls == []


def test_the_module_documents_every_field_as_the_table_states_it():
    import yaml
    from ansible_collections.alicloud.live.plugins.module_utils._resources.record_notify import RECORD_NOTIFY

    docs = yaml.safe_load(module.DOCUMENTATION)['options']
    for name, spec in RECORD_NOTIFY.argument_spec(required=['domain_name']).items():
        doc = docs[name]
        assert (doc['type'], sorted(doc.get('aliases') or []), bool(doc.get('required'))) == (
            spec['type'], sorted(spec.get('aliases') or []), bool(spec.get('required'))), name
        assert module.ARGUMENT_SPEC[name] == spec, name
    assert module.ARGUMENT_SPEC['notify_auth_key']['no_log'] is True
    returned = yaml.safe_load(module.RETURN)['config']['contains']
    assert sorted(returned) == sorted(name for name in RECORD_NOTIFY.config_keys if name != 'notify_auth_key')
    info_returned = yaml.safe_load(info_module.RETURN)['configs']['contains']
    assert sorted(info_returned) == sorted(RECORD_NOTIFY.config_keys)
