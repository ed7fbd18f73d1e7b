# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The callback authentication key never shows: at -vvvv, with --diff, on failures (an error that echoes
the signed query back, a bad key refused before any request), in check mode and in registered results.
Nor does anything derived from it: its hex or base64 forms, or its length."""

import base64

import pytest

from conftest import task

NOTIFY = 'alicloud.live.live_record_notify_config'
UPDATE = 'UpdateLiveRecordNotifyConfig'
DOMAIN = 'live.example.com'
EVENTS = 'https://hooks.example.com/live/record-events'
STORED_KEY = 'StoredKey0123456789abcdefXYZ'
NEW_KEY = 'NewKeyAbcdefghij0123456789'
# Refused before any request: too long (33 characters), and with a character the API does not take.
BAD_KEYS = ('TooLongKey0123456789abcdefghijklm', 'Bad-Key-0123456789abc')


def forms(secret):
    raw = secret.encode('utf-8')
    return set([secret, secret.lower(), raw.hex(), base64.b64encode(raw).decode('ascii'), secret[:12]])


def leaks(text, secrets):
    return sorted(form for secret in secrets for form in forms(secret) if form in text)


@pytest.mark.long
@pytest.mark.matrix
def test_the_key_never_shows_at_any_verbosity_in_diff_or_failure(emulator, playbook):
    emulator.notify_seed([dict(DomainName=DOMAIN, NotifyUrl=EVENTS, NotifyReqAuth=True, NotifyAuthKey=STORED_KEY)])
    # The update fails with an error whose message echoes the query: the new key and the stored one in it.
    emulator.fault(UPDATE, 'error', status=400, code='InvalidParameter', message='Rejected:', echo_query=True, times=1)
    tasks = [
        task(NOTIFY, emulator, domain_name=DOMAIN, notify_url=EVENTS, notify_req_auth=True, notify_auth_key=NEW_KEY),
        task(NOTIFY, emulator, domain_name=DOMAIN, notify_url=EVENTS + '/v2', notify_req_auth=True, notify_auth_key=NEW_KEY),
        task(NOTIFY, emulator, domain_name=DOMAIN, notify_url=EVENTS + '/v3'),
    ] + [task(NOTIFY, emulator, domain_name=DOMAIN, notify_url=EVENTS, notify_req_auth=True, notify_auth_key=bad)
         for bad in BAD_KEYS]

    run = playbook(tasks, diff=True, verbosity=4)

    echoed, rotated, kept = run['result_0'], run['result_1'], run['result_2']
    assert echoed['failed'] is True and 'InvalidParameter' in echoed['msg']
    # The echo arrived: the message went through the redaction, not around it.
    assert 'Rejected:' in echoed['msg'] and 'NotifyUrl' in echoed['msg']
    assert rotated['changed'] is True and 'notify_auth_key' in rotated['differences']
    assert 'notify_auth_key: "(secret, changed)"\n' in rotated['diff']['after']
    assert kept['changed'] is True and kept['differences'] == ['notify_url']
    for index, bad in enumerate(BAD_KEYS, 3):
        refused = run['result_%d' % index]
        assert refused['failed'] is True and 'notify_auth_key is not valid' in refused['msg']
        assert str(len(bad)) not in refused['msg']
    assert emulator.notify_configs()[0]['NotifyAuthKey'] == NEW_KEY

    text = run.stdout + run.stderr + repr(run.results)
    assert leaks(text, (STORED_KEY, NEW_KEY) + BAD_KEYS) == []


def test_check_mode_with_diff_does_not_show_the_key(emulator, playbook):
    emulator.notify_seed([dict(DomainName=DOMAIN, NotifyUrl=EVENTS, NotifyReqAuth=True, NotifyAuthKey=STORED_KEY)])

    run = playbook([task(NOTIFY, emulator, domain_name=DOMAIN, notify_url=EVENTS, notify_req_auth=True, notify_auth_key=NEW_KEY)],
                   check=True, diff=True, verbosity=4)

    assert run['result_0']['changed'] is True and run['result_0']['differences'] == ['notify_auth_key']
    assert emulator.write_requests() == []
    assert leaks(run.stdout + run.stderr + repr(run.results), (STORED_KEY, NEW_KEY)) == []
