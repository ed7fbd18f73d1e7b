# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""live_record_notify_config and its _info module end to end against the emulator: exact calls,
idempotence, check mode, the key's two update modes, absent, races, and bad input before any request."""

import json
import os

import pytest

from conftest import connection, task

NOTIFY = 'alicloud.live.live_record_notify_config'
NOTIFY_INFO = 'alicloud.live.live_record_notify_config_info'
ADD, UPDATE, DELETE, DESCRIBE = ('AddLiveRecordNotifyConfig', 'UpdateLiveRecordNotifyConfig', 'DeleteLiveRecordNotifyConfig',
                                 'DescribeLiveRecordNotifyConfig')
DOMAIN = 'live.example.com'
KEY = 'Key0123456789abcdKey'
OTHER_KEY = 'Other987654321xyzOther'
EVENTS = 'https://hooks.example.com/live/record-events'
ON_DEMAND = 'https://hooks.example.com/live/record-on-demand'


def api_params(entry):
    """The action's own parameters of a logged request (the signature and common parameters left out)."""
    common = ('Action', 'Version', 'Format', 'AccessKeyId', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce', 'Timestamp',
              'SignatureType', 'RegionId', 'Signature')
    return dict((k, v) for k, v in entry['params'].items() if k not in common)


def actions(emulator):
    return [entry['action'] for entry in emulator.requests()]


def stored(emulator):
    configs = [c for c in emulator.notify_configs() if c['DomainName'] == DOMAIN]
    return configs[0] if configs else None


@pytest.fixture
def notify(live):
    def run(**args):
        return live(NOTIFY, **args)
    return run


@pytest.fixture
def missing_shape(emulator, request):
    """Run under each shape the emulator gives a missing configuration."""
    emulator.notify_settings(missing=request.param)
    return request.param


# The shapes of "no configuration" are the module's concern, not Ansible's: one of them on the other releases.
@pytest.mark.parametrize('missing_shape', ['empty', pytest.param('omitted', marks=pytest.mark.matrix), 'error'], indirect=True)
def test_create_sends_exactly_the_given_parameters_and_the_rerun_only_reads(emulator, notify, missing_shape):
    result = notify(domain_name=DOMAIN, notify_url=EVENTS, on_demand_url=ON_DEMAND, need_status_notify=True)

    assert result['changed'] is True and result['action'] == 'created'
    assert actions(emulator) == [DESCRIBE, ADD, DESCRIBE]
    assert api_params(emulator.requests(ADD)[0]) == dict(DomainName=DOMAIN, NotifyUrl=EVENTS, OnDemandUrl=ON_DEMAND,
                                                         NeedStatusNotify='true', NotifyReqAuth='false')
    assert result['config'] == dict(domain_name=DOMAIN, notify_url=EVENTS, on_demand_url=ON_DEMAND, need_status_notify=True,
                                    notify_req_auth=False, extra={})

    emulator.clear_requests()
    again = notify(domain_name=DOMAIN, notify_url=EVENTS, on_demand_url=ON_DEMAND, need_status_notify=True)
    assert again['changed'] is False and again['action'] == 'none' and again['differences'] == []
    assert actions(emulator) == [DESCRIBE]


def test_a_url_change_is_one_update_that_keeps_what_is_left_out(emulator, notify):
    emulator.notify_seed([dict(DomainName=DOMAIN, NotifyUrl=EVENTS, OnDemandUrl=ON_DEMAND, NeedStatusNotify=True,
                               NotifyReqAuth=True, NotifyAuthKey=KEY)])

    result = notify(domain_name=DOMAIN, notify_url='https://hooks-v2.example.com/events')

    assert result['changed'] is True and result['action'] == 'updated' and result['differences'] == ['notify_url']
    assert [e['action'] for e in emulator.write_requests()] == [UPDATE]
    assert stored(emulator) == dict(DomainName=DOMAIN, NotifyUrl='https://hooks-v2.example.com/events', OnDemandUrl=ON_DEMAND,
                                    NeedStatusNotify=True, NotifyReqAuth=True, NotifyAuthKey=KEY)
    assert KEY not in repr(result)


def test_check_mode_makes_no_write_and_predicts_the_config(emulator, playbook):
    emulator.notify_seed([dict(DomainName='demo.example.com', NotifyUrl=EVENTS)])
    run = playbook([task(NOTIFY, emulator, domain_name=DOMAIN, notify_url=EVENTS, notify_req_auth=True, notify_auth_key=KEY),
                    task(NOTIFY, emulator, domain_name='demo.example.com', notify_url=ON_DEMAND)], check=True, diff=True)

    created, updated = run['result_0'], run['result_1']
    assert created['changed'] is True and created['action'] == 'created'
    assert created['config'] == dict(domain_name=DOMAIN, notify_url=EVENTS, on_demand_url='', need_status_notify=False,
                                     notify_req_auth=True, extra={})
    assert 'notify_auth_key' in created['differences']
    assert updated['action'] == 'updated' and updated['differences'] == ['notify_url']
    assert updated['config']['notify_url'] == ON_DEMAND
    assert emulator.write_requests() == [] and stored(emulator) is None
    assert emulator.notify_configs()[0]['NotifyUrl'] == EVENTS
    assert KEY not in run.stdout + run.stderr + repr(run.results)


@pytest.mark.parametrize('mode, writes', [('on_create', []), ('always', [UPDATE])])
def test_update_notify_auth_key_decides_whether_a_different_key_is_written(emulator, notify, mode, writes):
    emulator.notify_seed([dict(DomainName=DOMAIN, NotifyUrl=EVENTS, NotifyReqAuth=True, NotifyAuthKey=KEY)])

    result = notify(domain_name=DOMAIN, notify_url=EVENTS, notify_req_auth=True, notify_auth_key=OTHER_KEY,
                    update_notify_auth_key=mode)

    assert [e['action'] for e in emulator.write_requests()] == writes
    assert result['changed'] is bool(writes)
    assert result['differences'] == (['notify_auth_key'] if writes else [])
    assert stored(emulator)['NotifyAuthKey'] == (OTHER_KEY if writes else KEY)
    assert KEY not in repr(result) and OTHER_KEY not in repr(result)


def test_on_create_keeps_the_stored_key_when_another_field_changes(emulator, notify):
    emulator.notify_seed([dict(DomainName=DOMAIN, NotifyUrl=EVENTS, NotifyReqAuth=True, NotifyAuthKey=KEY)])

    result = notify(domain_name=DOMAIN, notify_url=ON_DEMAND, notify_req_auth=True, notify_auth_key=OTHER_KEY,
                    update_notify_auth_key='on_create')

    assert result['differences'] == ['notify_url']
    assert stored(emulator)['NotifyAuthKey'] == KEY


def test_on_create_sets_the_key_when_the_module_creates_the_config(emulator, notify):
    notify(domain_name=DOMAIN, notify_url=EVENTS, notify_req_auth=True, notify_auth_key=KEY, update_notify_auth_key='on_create')
    assert stored(emulator)['NotifyAuthKey'] == KEY


def test_the_same_key_is_no_change(emulator, notify):
    emulator.notify_seed([dict(DomainName=DOMAIN, NotifyUrl=EVENTS, NotifyReqAuth=True, NotifyAuthKey=KEY)])
    result = notify(domain_name=DOMAIN, notify_url=EVENTS, notify_req_auth=True, notify_auth_key=KEY)
    assert result['changed'] is False and emulator.write_requests() == []


@pytest.mark.parametrize('missing_shape', ['empty', 'error'], indirect=True)
def test_absent_deletes_and_absent_again_makes_no_write(emulator, notify, missing_shape):
    emulator.notify_seed([dict(DomainName=DOMAIN, NotifyUrl=EVENTS)])

    result = notify(domain_name=DOMAIN, state='absent')
    assert result['changed'] is True and result['action'] == 'deleted' and result['config'] == {}
    assert stored(emulator) is None

    emulator.clear_requests()
    again = notify(domain_name=DOMAIN, state='absent')
    assert again['changed'] is False and actions(emulator) == [DESCRIBE]


def test_already_exists_on_add_is_reread_and_replanned(emulator, notify):
    # The add is refused as if another writer had just created the configuration, which it then removed again:
    # the module reads again, finds none, and plans the add once more.
    emulator.fault(ADD, 'error', status=400, code='ConfigAlreadyExists', message='Config has already exist.', times=1)

    result = notify(domain_name=DOMAIN, notify_url=EVENTS)

    assert actions(emulator) == [DESCRIBE, ADD, DESCRIBE, ADD, DESCRIBE]
    assert result['changed'] is True and stored(emulator)['NotifyUrl'] == EVENTS


def test_a_config_created_meanwhile_is_reread_and_updated(emulator, notify):
    # Another writer's configuration is there, but the first read does not see it yet: the add meets
    # ConfigAlreadyExists, the module reads again and updates what the other writer stored.
    emulator.notify_seed([dict(DomainName=DOMAIN, NotifyUrl='https://other-writer.example.com/', NeedStatusNotify=True)])
    emulator.fault(DESCRIBE, 'missing_keys', times=1)

    result = notify(domain_name=DOMAIN, notify_url=EVENTS)

    assert actions(emulator) == [DESCRIBE, ADD, DESCRIBE, UPDATE, DESCRIBE]
    assert result['changed'] is True and result['action'] == 'updated' and result['differences'] == ['notify_url']
    assert stored(emulator) == dict(DomainName=DOMAIN, NotifyUrl=EVENTS, OnDemandUrl='', NeedStatusNotify=True,
                                    NotifyReqAuth=False, NotifyAuthKey='')


@pytest.mark.parametrize('args, named', [
    (dict(notify_url='ftp://hooks.example.com/'), 'notify_url'),
    (dict(notify_url='hooks.example.com/events'), 'notify_url'),
    (dict(notify_url=EVENTS, on_demand_url='rtmp://hooks.example.com/'), 'on_demand_url'),
    (dict(notify_url=EVENTS, notify_req_auth=True, notify_auth_key='short1'), 'notify_auth_key'),
    (dict(notify_url=EVENTS, notify_req_auth=True, notify_auth_key='with-dash-0123456789'), 'notify_auth_key'),
    (dict(notify_url=EVENTS, notify_req_auth=True), 'notify_auth_key'),
    (dict(notify_url=EVENTS, notify_colour='red'), 'notify_colour'),
    (dict(), 'notify_url'),
    (dict(notify_url=EVENTS, update_notify_auth_key='sometimes'), 'update_notify_auth_key'),
])
def test_bad_input_fails_before_any_request_naming_the_option(emulator, notify, args, named):
    result = notify(domain_name=DOMAIN, **args)

    assert result.get('failed') is True
    assert named in result['msg']
    assert emulator.requests() == []
    for value in ('short1', 'with-dash-0123456789'):
        assert value not in repr(result)


def test_a_cloud_error_reports_code_status_and_request_id(emulator, notify):
    emulator.fault(ADD, 'error', status=403, code='Forbidden.RAM', message='User not authorized.', times=1)

    result = notify(domain_name=DOMAIN, notify_url=EVENTS, notify_req_auth=True, notify_auth_key=KEY, retries=0)

    assert result['failed'] is True
    assert 'Forbidden.RAM' in result['msg'] and '403' in result['msg']
    assert result['error']['request_id'] and result['error']['request_id'] in result['msg']
    assert 'Traceback' not in result['msg'] and KEY not in repr(result)


@pytest.mark.matrix
def test_info_reads_one_or_several_domains_without_the_key(emulator, live):
    emulator.notify_seed([dict(DomainName=DOMAIN, NotifyUrl=EVENTS, NotifyReqAuth=True, NotifyAuthKey=KEY),
                          dict(DomainName='demo.example.com', NotifyUrl=ON_DEMAND)])

    one = live(NOTIFY_INFO, domain_name=DOMAIN)
    assert one['changed'] is False
    assert one['configs'] == [dict(domain_name=DOMAIN, notify_url=EVENTS, on_demand_url='', need_status_notify=False,
                                   notify_req_auth=True, extra={})]

    emulator.clear_requests()
    several = live(NOTIFY_INFO, domain_name=['demo.example.com', 'play.example.com', DOMAIN, 'LIVE.example.com'])
    assert [c['domain_name'] for c in several['configs']] == ['demo.example.com', DOMAIN]
    assert actions(emulator) == [DESCRIBE] * 3
    assert KEY not in repr(several)


def test_info_returns_the_key_only_when_asked_and_hides_that_result(emulator, playbook):
    emulator.notify_seed([dict(DomainName=DOMAIN, NotifyUrl=EVENTS, NotifyReqAuth=True, NotifyAuthKey=KEY)])

    run = playbook([task(NOTIFY_INFO, emulator, domain_name=DOMAIN, include_auth_key=True),
                    task(NOTIFY_INFO, emulator, domain_name=DOMAIN)], verbosity=4)

    assert run.rc == 0, run.stdout
    # The registered variable holds the key for the tasks that need it...
    assert run['result_0']['configs'][0]['notify_auth_key'] == KEY
    assert 'notify_auth_key' not in run['result_1']['configs'][0]
    # ...and the output, at -vvvv, does not.
    assert KEY not in run.stdout + run.stderr
    assert "the output has been hidden due to the fact that 'no_log: true' was specified for this result" in run.stdout


def test_info_reads_a_missing_config_in_every_shape_as_none(emulator, live):
    for shape in ('empty', 'omitted', 'error'):
        emulator.notify_settings(missing=shape)
        assert live(NOTIFY_INFO, domain_name=DOMAIN)['configs'] == []


def test_info_fails_for_a_domain_of_another_account(emulator, live):
    result = live(NOTIFY_INFO, domain_name='other.example.com', **connection(emulator))
    assert result['failed'] is True and 'InvalidDomain.NotFound' in result['msg']


def test_the_calls_draw_from_the_accounts_shared_budget(emulator, notify, tmp_path):
    budget_dir = tmp_path / 'budget'

    result = notify(domain_name=DOMAIN, notify_url=EVENTS, rate_limit=60, budget_dir=str(budget_dir))

    assert result['changed'] is True and actions(emulator) == [DESCRIBE, ADD, DESCRIBE]
    # One state file for the account: each action took its slots in its own schedule, and the task gave its lease back.
    (name,) = os.listdir(str(budget_dir))
    with open(str(budget_dir / name)) as handle:
        state = json.load(handle)
    assert set(state['actions']) == {DESCRIBE, ADD}
    assert state['leases'] == {}
