# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Retries, bounded failures and clear messages, with faults injected into the emulator."""

from alicloud_live_emulator import client as emulator_client

from conftest import CONFIG, task

ADD, DESCRIBE = 'AddLiveRecordVodConfig', 'DescribeLiveRecordVodConfigs'
WANTED = dict(domain_name='live.example.com', app_name='faults', vod_transcode_group_id='group-f')


def test_throttling_then_success(live, emulator):
    emulator.fault(ADD, 'error', status=400, code='Throttling.User', times=2)

    result = live(**WANTED)

    assert result['changed'] is True
    assert [entry['code'] for entry in emulator.requests(ADD)] == ['Throttling.User', 'Throttling.User', None]
    assert len(emulator.configs()) == 1


def test_persistent_5xx_gives_up_after_bounded_retries_with_a_clear_message(live, emulator):
    emulator.fault(DESCRIBE, 'error', status=503, code='ServiceUnavailable', message='The service is unavailable.')

    result = live(retries=2, **WANTED)

    assert result['failed'] is True
    assert len(emulator.requests(DESCRIBE)) == 3
    last_request_id = emulator.requests(DESCRIBE)[-1]['request_id']
    for part in ('ServiceUnavailable', 'HTTP status 503', last_request_id, '3 attempts'):
        assert part in result['msg']
    assert 'Traceback' not in result['msg']
    assert emulator.write_requests() == []


def test_timeout_is_a_clear_failure(live, emulator):
    emulator.fault(DESCRIBE, 'delay', seconds=3)

    result = live(timeout=1, retries=1, **WANTED)

    assert result['failed'] is True
    assert 'timed out' in result['msg'] and 'SDK.HttpError' in result['msg']
    assert len(emulator.requests(DESCRIBE)) == 2


def test_malformed_body_is_a_clear_failure(live, emulator):
    emulator.fault(DESCRIBE, 'malformed')

    result = live(**WANTED)

    assert result['failed'] is True
    assert 'MalformedResponse' in result['msg'] and 'not JSON' in result['msg'] and 'HTTP status 200' in result['msg']
    assert emulator.write_requests() == []


def test_unknown_access_key_is_one_request_and_no_retry(live, emulator):
    result = live(access_key_id='LTAI5tNobodyKnowsThisKey', **WANTED)

    assert result['failed'] is True
    assert 'InvalidAccessKeyId.NotFound' in result['msg'] and 'HTTP status 404' in result['msg']
    assert len(emulator.requests()) == 1


def test_wrong_secret_is_reported_as_such_without_retry(live, emulator):
    result = live(access_key_secret='not-the-secret', **WANTED)

    assert result['failed'] is True
    assert 'InvalidAccessKeySecret' in result['msg'] or 'SignatureDoesNotMatch' in result['msg']
    assert len(emulator.requests()) == 1
    assert 'not-the-secret' not in str(result)


def test_sts_credentials_work(live, emulator):
    result = live(access_key_id=emulator_client.DEMO_STS_ACCESS_KEY_ID, access_key_secret=emulator_client.DEMO_STS_ACCESS_KEY_SECRET,
                  security_token=emulator_client.DEMO_SECURITY_TOKEN, **WANTED)

    assert result['changed'] is True
    assert emulator_client.DEMO_SECURITY_TOKEN not in str(result)


def test_a_write_acknowledged_but_not_applied_fails_then_a_rerun_converges(live, emulator):
    # 200 with only a RequestId, the whole of a real Add answer, but nothing stored.
    emulator.fault(ADD, 'missing_keys', apply=False, times=1)

    result = live(**WANTED)

    assert result['failed'] is True
    assert 'not applied' in result['msg'] and 'created' in result['msg']
    assert emulator.configs() == []

    rerun = live(**WANTED)
    assert rerun['changed'] is True and len(emulator.configs()) == 1


def test_validate_certs_false_on_a_loopback_http_endpoint_claims_nothing(playbook, emulator):
    run = playbook([task(CONFIG, emulator, validate_certs=False, **WANTED)])

    assert run.rc == 0, run.stdout + run.stderr
    # There is no TLS over http, so nothing goes unchecked; and loopback traffic never leaves the machine.
    assert not run['result_0'].get('warnings')
    assert 'certificates are not checked' not in run.stdout + run.stderr


def test_a_plain_http_endpoint_elsewhere_warns_that_tls_is_off(playbook, emulator):
    # .invalid never resolves (RFC 6761): the task fails fast, after the warning.
    run = playbook([task(CONFIG, emulator, **dict(WANTED, endpoint='http://live.invalid:8080', retries=0, validate_certs=False))])

    result = run['result_0']
    assert result['failed'] is True
    assert 'endpoint http://live.invalid:8080: the host name could not be resolved [gave up after 1 attempt in ' in result['msg']
    warnings = result.get('warnings') or []
    assert len(warnings) == 1 and 'uses plain http: TLS is off' in warnings[0], warnings
    assert 'certificates are not checked' not in warnings[0]
