# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""live_record_vod_configs when some writes fail mid-run: what succeeded stays and is reported, the
failures carry code and RequestId, the task fails with changed, and a rerun writes only what is missing."""

from conftest import ADD, CONFIGS, DESCRIBE, DOMAIN, UPDATE, actions_by_key, seeded, stored_by_key

# With one worker the writes go in list order: the creates of new0..new3, then the updates (where the
# fault strikes), then new4..new7.
CONFIG = ([dict(app_name='new%d' % index, vod_transcode_group_id='group-a') for index in range(4)]
          + [dict(app_name='old%d' % index, cycle_duration=900) for index in range(3)]
          + [dict(app_name='new%d' % index, vod_transcode_group_id='group-a') for index in range(4, 8)])


def test_a_failure_mid_run_fails_the_task_reports_everything_and_the_rerun_converges(live, emulator):
    emulator.seed(configs=[seeded('old%d' % index) for index in range(3)])
    emulator.fault(UPDATE, 'error', status=400, code='InvalidParameter', message='The specified parameter is invalid.', times=2)

    result = live(CONFIGS, domain_name=DOMAIN, config=CONFIG, concurrency=1)

    assert result['failed'] is True and result['changed'] is True
    actions = actions_by_key(result)
    assert [key for key, action in actions.items() if action == 'failed'] == ['old0', 'old1']
    assert [key for key, action in actions.items() if action == 'created'] == ['new%d' % index for index in range(8)]
    assert actions['old2'] == 'updated'
    denied = dict((entry['params']['AppName'], entry['request_id']) for entry in emulator.requests(UPDATE)
                  if entry['code'] == 'InvalidParameter')
    for entry in result['actions']:
        if entry['action'] == 'failed':
            assert entry['error']['code'] == 'InvalidParameter' and entry['error']['http_status'] == 400
            assert entry['error']['request_id'] == denied[entry['app_name']]
            assert denied[entry['app_name']] in entry['error']['message']
    assert result['msg'].startswith('Of 11 configs: 2 failed, 9 applied; run the task again to retry')
    assert 'InvalidParameter' in result['msg']
    stored = stored_by_key(emulator)
    assert len(stored) == 11 and stored['old2']['CycleDuration'] == 900 and stored['old0']['CycleDuration'] == 3600
    assert len(result['after']) == 11

    emulator.clear_requests()
    rerun = live(CONFIGS, domain_name=DOMAIN, config=CONFIG, concurrency=1)

    assert rerun['changed'] is True and not rerun.get('failed')
    assert sorted((entry['action'], entry['params']['AppName']) for entry in emulator.write_requests()) == [
        (UPDATE, 'old0'), (UPDATE, 'old1')]
    emulator.clear_requests()
    assert live(CONFIGS, domain_name=DOMAIN, config=CONFIG)['changed'] is False
    assert emulator.write_requests() == []


def test_credentials_that_expire_mid_run_stop_the_batch_and_the_result_tells_what_landed(live, emulator):
    # The plan's read and three adds pass; then the token has expired for every call, reads included.
    emulator.fault('*', 'error', status=400, code='InvalidSecurityToken.Expired',
                   message='Specified SecurityToken is expired.', skip=4)
    config = [dict(app_name='app%02d' % index, vod_transcode_group_id='group-a') for index in range(30)]

    result = live(CONFIGS, domain_name=DOMAIN, config=config, concurrency=1)

    # One add met the error; none was sent after it.
    assert len(emulator.requests(ADD)) == 4 and len(stored_by_key(emulator)) == 3
    entries = [(entry['action'], entry['applied']) for entry in result['actions']]
    assert entries == [('failed', True)] * 3 + [('failed', False)] + [('not_attempted', False)] * 26
    assert result['failed'] is True and result['changed'] is True
    assert result['msg'].startswith('Of 30 configs: 1 failed, 3 applied but not verified, 26 not attempted, 0 applied. '
                                    'The run stopped at the first InvalidSecurityToken.Expired')

    emulator.clear_faults()
    rerun = live(CONFIGS, domain_name=DOMAIN, config=config, concurrency=1)
    assert not rerun.get('failed') and len(stored_by_key(emulator)) == 30
    assert len(emulator.requests(ADD)) == 4 + 27


def test_a_write_that_landed_before_its_answer_failed_counts_as_done(live, emulator):
    # The first add is applied, then answered with a 503: the retry meets ConfigAlreadyExists.
    emulator.fault(ADD, 'error', status=503, code='ServiceUnavailable', apply=True, times=1)

    result = live(CONFIGS, domain_name=DOMAIN, config=CONFIG[:2], concurrency=1)

    assert result['changed'] is True and not result.get('failed')
    assert actions_by_key(result) == {'new0': 'created', 'new1': 'created'}
    assert sorted(stored_by_key(emulator)) == ['new0', 'new1']


def test_a_failure_of_the_read_back_keeps_changed_and_says_what_was_written(live, emulator):
    emulator.seed(configs=[seeded('old0')])
    # The first Describe (the plan's read) passes untouched; every later one is refused.
    emulator.fault(DESCRIBE, 'error', status=403, code='Forbidden.RAM', message='You are not authorized to do this.', skip=1)

    result = live(CONFIGS, domain_name=DOMAIN, config=[dict(app_name='old0', cycle_duration=900)])

    assert result['failed'] is True and result['changed'] is True
    entry = result['actions'][0]
    assert entry['action'] == 'failed' and entry['error']['code'] == 'Forbidden.RAM'
    assert 'was made, but reading the domain back failed' in entry['error']['message']
    assert result['after'][0]['cycle_duration'] == 900
    assert stored_by_key(emulator)['old0']['CycleDuration'] == 900
