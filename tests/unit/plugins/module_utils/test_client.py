# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64
import threading
import itertools
import json
from urllib.parse import quote, quote_plus, urlencode

import pytest

from ansible_collections.alicloud.live.plugins.module_utils import _client

from ansible_collections.alicloud.live.plugins.module_utils._resources.record_vod import RECORD_VOD

from live_fakes import BASE_ARGS, error_body, load_fixture, make_client

DESCRIBE = 'DescribeLiveRecordVodConfigs'
ADD = 'AddLiveRecordVodConfig'


class FakeClock:
    """time.monotonic and time.sleep that move a virtual clock instead of waiting."""

    def __init__(self, monkeypatch):
        self.now = 1000.0
        self.sleeps = []
        monkeypatch.setattr('time.monotonic', lambda: self.now)
        monkeypatch.setattr('time.sleep', self.sleep)

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def clock(fake_api, clean_env):
    return FakeClock(clean_env)


def throttled():
    return (400, load_fixture('error_throttling_user.json'))


def test_throttling_then_success_is_retried_with_backoff(fake_api, clock):
    fake_api.script(DESCRIBE, throttled(), throttled())
    client = make_client()
    # The backoff alone: the budget's own wait after a throttling answer is tested in test_budget.
    client.pacer = None

    configs = client.read_all(RECORD_VOD, {'DomainName': 'live.example.com'})

    assert configs == []
    assert fake_api.actions() == [DESCRIBE] * 3
    assert len(clock.sleeps) == 2
    assert 0.5 <= clock.sleeps[0] <= 1.0 and 1.0 <= clock.sleeps[1] <= 2.0


@pytest.mark.parametrize('status, code', [(503, 'ServiceUnavailable'), (500, 'InternalError'), (503, 'Throttling'),
                                          (400, 'Throttling.User'), (502, 'SomethingNew')])
def test_persistent_transient_errors_give_up_after_the_retry_budget(fake_api, clock, status, code):
    fake_api.script(DESCRIBE, *[(status, error_body(code, 'try later', 'REQ-%d' % i)) for i in range(20)])

    with pytest.raises(_client.LiveApiError) as caught:
        make_client().call(DESCRIBE, {'DomainName': 'live.example.com'})

    assert len(fake_api.calls) == 6  # the first attempt and five retries
    assert caught.value.attempts == 6
    assert caught.value.code == code and caught.value.http_status == status and caught.value.request_id == 'REQ-5'
    assert sum(clock.sleeps) <= 60
    assert all(delay <= 10.0 for delay in clock.sleeps)


def test_slow_failures_give_up_within_sixty_seconds_by_default(fake_api, clock):
    def timeout(call):
        clock.now += 15.0  # a connect wait plus a read timeout, as slow as an attempt can be
        raise IOError('HTTPConnectionPool(host=127.0.0.1, port=18080): Read timed out. (read timeout=10.0)')

    fake_api.script(DESCRIBE, *[timeout] * 20)
    start = clock.now

    with pytest.raises(_client.LiveApiError) as caught:
        make_client().call(DESCRIBE, {'DomainName': 'live.example.com'})

    assert clock.now - start <= 60.0
    assert 2 <= len(fake_api.calls) < 6
    assert caught.value.code == 'SDK.HttpError' and 'timed out' in caught.value.message
    assert caught.value.http_status is None


@pytest.mark.parametrize('budget, retries, most_attempts', [(5.0, 5, 1), (600.0, 2, 3), (600.0, 0, 1)])
def test_retry_knobs_shorten_or_lengthen_the_budget(fake_api, clock, budget, retries, most_attempts):
    fake_api.script(DESCRIBE, *[(503, error_body('ServiceUnavailable', 'busy'))] * 20)

    with pytest.raises(_client.LiveApiError):
        make_client(retry_timeout=budget, retries=retries, timeout=10.0).call(DESCRIBE, {'DomainName': 'd'})

    assert len(fake_api.calls) == most_attempts


@pytest.mark.parametrize('code, status', [('InvalidParameter', 400), ('MissingDomainName', 400), ('Forbidden.RAM', 403),
                                          ('InvalidAccessKeyId.NotFound', 404), ('SignatureDoesNotMatch', 400),
                                          ('ConfigAlreadyExists', 400), ('InvalidDomain.NotFound', 404)])
def test_client_errors_are_not_retried(fake_api, clock, code, status):
    fake_api.script(ADD, (status, error_body(code, 'no: server string to sign is:x')))

    with pytest.raises(_client.LiveApiError) as caught:
        make_client().call(ADD, {'DomainName': 'd'})

    assert len(fake_api.calls) == 1 and clock.sleeps == []
    assert caught.value.code == code and caught.value.http_status == status


@pytest.mark.parametrize('message, words', [
    ('Read timed out. (read timeout=10)', 'timed out'),
    ("('Connection aborted.', RemoteDisconnected('Remote end closed connection without response'))", 'dropped'),
    ('Failed to establish a new connection: [Errno 111] Connection refused', 'refused'),
])
def test_network_faults_are_retried_and_described(fake_api, clock, message, words):
    fake_api.script(DESCRIBE, IOError(message), IOError(message), (200, load_fixture('describe_empty.json')))

    assert make_client().read_all(RECORD_VOD, {'DomainName': 'live.example.com'}) == []
    assert len(fake_api.calls) == 3

    fake_api.script(DESCRIBE, *[IOError(message)] * 10)
    with pytest.raises(_client.LiveApiError) as caught:
        make_client(retries=1).call(DESCRIBE, {})
    assert words in caught.value.describe() and 'SDK.HttpError' in caught.value.describe()
    assert 'HTTP status none' in caught.value.describe()


def test_a_write_retried_after_a_network_fault_is_marked_ambiguous(fake_api, clock):
    fake_api.script(ADD, IOError('Read timed out.'), (400, load_fixture('error_config_already_exists.json')))

    with pytest.raises(_client.LiveApiError) as caught:
        make_client().call(ADD, {'DomainName': 'd'})

    assert caught.value.code == 'ConfigAlreadyExists' and caught.value.ambiguous is True


@pytest.mark.parametrize('first, ambiguous', [
    ((500, error_body('InternalError', 'oops')), True),
    ((502, b'<html>Bad Gateway</html>'), True),
    ((400, error_body('Throttling.User', 'slow down')), False),
    ((503, error_body('Throttling', 'slow down')), False),
])
def test_only_throttling_proves_a_retried_write_was_not_applied(fake_api, clock, first, ambiguous):
    fake_api.script(ADD, first, (400, load_fixture('error_config_already_exists.json')))

    with pytest.raises(_client.LiveApiError) as caught:
        make_client().call(ADD, {'DomainName': 'd'})

    assert caught.value.ambiguous is ambiguous


@pytest.mark.parametrize('body', [b'<html>oops</html>', b'not json at all', b'[1, 2]'])
def test_a_non_json_success_body_is_a_clear_error_without_retry(fake_api, clock, body):
    fake_api.script(DESCRIBE, (200, body))

    with pytest.raises(_client.LiveApiError) as caught:
        make_client().call(DESCRIBE, {})

    assert caught.value.code == 'MalformedResponse' and caught.value.http_status == 200
    assert len(fake_api.calls) == 1


def test_an_html_error_page_is_retried_then_reported_with_its_status(fake_api, clock):
    fake_api.script(DESCRIBE, *[(502, b'<html><body>Bad Gateway</body></html>')] * 10)

    with pytest.raises(_client.LiveApiError) as caught:
        make_client(retries=2).call(DESCRIBE, {})

    assert len(fake_api.calls) == 3
    assert caught.value.http_status == 502 and 'not JSON' in caught.value.message


def test_describe_without_expected_keys_is_malformed(fake_api, clock):
    fake_api.script(DESCRIBE, (200, {'RequestId': 'REQ-1'}))

    with pytest.raises(_client.LiveApiError) as caught:
        make_client().read_all(RECORD_VOD, {'DomainName': 'live.example.com'})

    assert caught.value.code == 'MalformedResponse' and caught.value.request_id == 'REQ-1'


def test_pager_reads_every_page_with_page_size_100(fake_api, clock):
    for index in range(230):
        fake_api.seed(AppName='app%03d' % index)

    configs = make_client().read_all(RECORD_VOD, {'DomainName': 'live.example.com'})

    assert len(configs) == 230
    assert len(set(c['AppName'] for c in configs)) == 230
    assert [(c.params['PageNum'], c.params['PageSize']) for c in fake_api.calls] == [('1', '100'), ('2', '100'), ('3', '100')]


def test_pager_stops_when_a_full_last_page_meets_the_total(fake_api, clock):
    for index in range(200):
        fake_api.seed(AppName='app%03d' % index)

    assert len(make_client().read_all(RECORD_VOD, {'DomainName': 'live.example.com'})) == 200
    assert len(fake_api.calls) == 2


def test_request_ids_are_collected_in_order(fake_api, clock):
    client = make_client()
    client.read_all(RECORD_VOD, {'DomainName': 'live.example.com'})
    fake_api.script(ADD, (400, error_body('InvalidParameter', 'x', 'REQ-ERR')))
    with pytest.raises(_client.LiveApiError):
        client.call(ADD, {})

    assert len(client.request_ids) == 2 and client.request_ids[-1] == 'REQ-ERR'


SDK_URL = ('/?DomainName=live.example.com&Version=2016-11-01&Action=DescribeLiveRecordVodConfigs&Format=JSON&RegionId=cn-shanghai'
           '&Timestamp=2026-11-26T08%3A02%3A59Z&SignatureMethod=HMAC-SHA1&SignatureType=&SignatureVersion=1.0'
           '&SignatureNonce=ba5ce923c5cc488eb80cf76400b5a791&AccessKeyId=LTAI5tUnitTestKey&Signature=e6Y5tHuwjcn2BR9iVlaa8qwtEK4%3D')


def sdk_message(cause):
    """A network error as the SDK words it: the whole signed URL and connection object reprs."""
    return ("HTTPConnectionPool(host='127.0.0.1', port=18080): Max retries exceeded with url: %s (Caused by %s)" % (SDK_URL, cause))


@pytest.mark.parametrize('cause, what', [
    ("NewConnectionError('<urllib3.connection.HTTPConnection object at 0x7f9ccd9d1750>: Failed to establish a new "
     "connection: [Errno 111] Connection refused')", 'the connection was refused'),
    ("NewConnectionError('<urllib3.connection.HTTPConnection object at 0x7f9ccd9d0110>: Failed to establish a new "
     "connection: [Errno -2] Name or service not known')", 'the host name could not be resolved'),
    ("ConnectTimeoutError(<urllib3.connection.HTTPConnection object at 0x7f00>, 'Connection to 127.0.0.1 timed out. "
     "(connect timeout=5.0)')", 'the request timed out (connect timeout 5.0 s, read timeout 10.0 s)'),
    ("SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self signed "
     "certificate (_ssl.c:1006)'))", 'the TLS handshake failed: the server certificate could not be verified'),
    ("SSLError(SSLError(1, '[SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1006)'))", 'the TLS handshake failed'),
    ("ProtocolError('Connection aborted.', RemoteDisconnected('Remote end closed connection without response'))",
     'the connection was dropped before a response arrived'),
    ("NewConnectionError('<urllib3.connection.HTTPConnection object at 0x7f00>: Failed to establish a new connection: "
     "[Errno 101] Network is unreachable')", 'the network request failed: Network is unreachable'),
])
def test_a_network_failure_names_endpoint_kind_attempts_and_seconds_but_never_the_request(fake_api, clock, cause, what):
    fake_api.script(DESCRIBE, *[IOError(sdk_message(cause))] * 10)

    with pytest.raises(_client.LiveApiError) as caught:
        make_client(retries=2).call(DESCRIBE, {'DomainName': 'live.example.com'})

    text = caught.value.describe()
    assert text.startswith('DescribeLiveRecordVodConfigs failed: SDK.HttpError (HTTP status none (no HTTP response), '
                           'RequestId none): endpoint http://127.0.0.1:18080: %s [gave up after 3 attempts in ' % what), text
    assert text.endswith(' s]') and len(text) < 400
    result = json.dumps(caught.value.as_result())
    for leak in ('?', 'Signature', 'AccessKeyId', 'LTAI5tUnitTestKey', 'object at', 'Max retries', 'url:', '<', 'Error('):
        assert leak not in text and leak not in result, leak
    assert caught.value.as_result()['attempts'] == 3 and caught.value.as_result()['seconds'] >= 0


def test_unset_values_are_not_sent(fake_api, clock):
    make_client().call(DESCRIBE, {'DomainName': 'live.example.com', 'AppName': None})

    assert 'AppName' not in fake_api.calls[0].params


def test_error_message_names_code_status_and_request_id():
    error = _client.LiveApiError(ADD, 'Throttling.User', 'denied', 400, 'REQ-9', attempts=3)

    assert error.describe() == ('AddLiveRecordVodConfig failed: Throttling.User (HTTP status 400, RequestId REQ-9): denied '
                                '[gave up after 3 attempts]')


@pytest.mark.parametrize('code, status, expected', [('InvalidConfig.NotFound', 404, True), ('ConfigNotExist', 400, True),
                                                    ('InvalidDomain.NotFound', 404, False), ('InvalidParameter', 400, False),
                                                    ('Whatever', 404, True), ('InvalidAccessKeyId.NotFound', 404, False)])
def test_not_found_shapes(code, status, expected):
    assert _client.LiveApiError('DeleteLiveRecordVodConfig', code, 'm', status).is_not_found is expected


SECRET_SAMPLES = ['plainsecret1234', 'a/b+c=d&e%f', u'ünïcødé-sécret', 'with space and "quotes"']


@pytest.mark.parametrize('secret', SECRET_SAMPLES)
def test_redact_masks_every_encoding(secret):
    forms = [secret, quote(secret, safe=''), quote_plus(secret), quote(quote(secret, safe=''), safe=''),
             quote(secret, safe='').lower(), json.dumps(secret)[1:-1], base64.b64encode(secret.encode()).decode()]
    text = ' | '.join(forms)
    nested = {'msg': text, 'list': [text, {'k': text}], 'number': 3}

    redacted = _client.redact(nested, [secret, None])

    for form, piece in itertools.product(forms, [redacted['msg'], redacted['list'][0], redacted['list'][1]['k']]):
        assert form not in piece
    assert redacted['number'] == 3
    assert _client.REDACTED in redacted['msg']


def test_redact_without_secrets_returns_the_value():
    assert _client.redact({'a': 'b'}, [None, '']) == {'a': 'b'}


def test_a_page_that_counts_configs_but_lists_none_is_malformed(fake_api, clock):
    fake_api.script(DESCRIBE, (200, {'RequestId': 'REQ-1', 'PageNum': 1, 'PageSize': 100, 'Total': '1'}))

    with pytest.raises(_client.LiveApiError) as caught:
        make_client().read_all(RECORD_VOD, {'DomainName': 'live.example.com'})

    assert caught.value.code == 'MalformedResponse' and 'Total is 1' in caught.value.message


def test_an_empty_result_may_omit_total_and_the_list(fake_api, clock):
    fake_api.script(DESCRIBE, (200, {'RequestId': 'REQ-1', 'PageNum': 1, 'PageSize': 100}))

    assert make_client().read_all(RECORD_VOD, {'DomainName': 'live.example.com'}) == []


def test_pages_smaller_than_asked_for_are_followed_until_total(fake_api, clock):
    for index in range(120):
        fake_api.seed(AppName='app%03d' % index)

    def capped(call):
        # A server that serves at most 50 configs a page whatever PageSize says.
        call.params['PageSize'] = '50'
        return fake_api.handle(call)

    fake_api.script(DESCRIBE, capped, capped, capped, capped)

    configs = make_client().read_all(RECORD_VOD, {'DomainName': 'live.example.com'})

    assert len(configs) == 120 and len(set(c['AppName'] for c in configs)) == 120
    assert [call.params['PageNum'] for call in fake_api.calls] == ['1', '2', '3']


def test_the_sdk_signs_with_the_chosen_credentials_whatever_aliyun_variables_say(fake_api, clean_env):
    clean_env.setenv('ALIYUN_ACCESS_KEY_ID', 'LTAI5tStrayKey')
    clean_env.setenv('ALIYUN_ACCESS_KEY_SECRET', 'stray-secret')

    make_client().call(DESCRIBE, {'DomainName': 'live.example.com'})
    make_client(security_token='tok').call(DESCRIBE, {'DomainName': 'live.example.com'})

    assert [call.params['AccessKeyId'] for call in fake_api.calls] == [BASE_ARGS['access_key_id']] * 2
    assert 'SecurityToken' not in fake_api.calls[0].params and fake_api.calls[1].params['SecurityToken'] == 'tok'


# ---- signing material echoed back --------------------------------------------------------------

def signing_values(call):
    """The values on the wire that sign this request (never the names)."""
    return [call.params[name] for name in ('Signature', 'SignatureNonce', 'SecurityToken') if call.params.get(name)]


def echo_forms(value):
    return [value, quote(value, safe=''), quote(quote(value, safe=''), safe=''), quote_plus(value)]


ECHOES = {
    'raw': lambda call: urlencode(call.params),
    'url-encoded once more': lambda call: quote(urlencode(call.params), safe=''),
    'string to sign': lambda call: 'server string to sign is:POST&%2F&' + quote(urlencode(sorted(call.params.items())), safe='~'),
    'json': lambda call: json.dumps(call.params),
}


@pytest.mark.parametrize('echo', sorted(ECHOES))
@pytest.mark.parametrize('status, code', [(400, 'InvalidParameter'), (500, 'InternalError')])
def test_no_error_message_keeps_the_signature_or_nonce_the_server_echoes(fake_api, clock, echo, status, code):
    fake_api.script(DESCRIBE, *[lambda call: (status, error_body(code, 'Bad request: %s' % ECHOES[echo](call)))] * 20)

    with pytest.raises(_client.LiveApiError) as caught:
        make_client(security_token='sts-Token/+=value').read_all(RECORD_VOD, {'DomainName': 'live.example.com'})

    error = caught.value
    texts = [error.describe(), str(error), error.message, json.dumps(error.as_result())]
    assert error.code == code and 'Bad request: ' in error.message
    for call in fake_api.calls:
        assert call.params['Signature'] and call.params['SignatureNonce']
        for value in signing_values(call):
            for form in echo_forms(value):
                assert not [text for text in texts if form in text], (form, error.message)
    # What is not signing material stays readable.
    assert 'DescribeLiveRecordVodConfigs' in error.message and 'live.example.com' in error.message.replace('%2E', '.')
    assert 'HMAC-SHA1' in error.message.replace('%2D', '-')


def test_a_non_json_answer_that_echoes_the_query_is_scrubbed_too(fake_api, clock):
    fake_api.script(DESCRIBE, lambda call: (200, 'echo ' + urlencode(call.params)))

    with pytest.raises(_client.LiveApiError) as caught:
        make_client().call(DESCRIBE, {'DomainName': 'live.example.com'})

    assert caught.value.code == _client.MALFORMED_RESPONSE
    for value in signing_values(fake_api.calls[0]):
        assert value not in caught.value.describe()


@pytest.mark.parametrize('text, expected', [
    ('Signature=abc%2B&SignatureNonce=n1&SignatureMethod=HMAC-SHA1&SignatureType=&SignatureVersion=1.0',
     'Signature=********&SignatureNonce=********&SignatureMethod=HMAC-SHA1&SignatureType=&SignatureVersion=1.0'),
    ('a%26Signature%3Dab%252B%26SignatureNonce%3Dn1%26x%3D1', 'a%26Signature%3D********%26SignatureNonce%3D********%26x%3D1'),
    ('{"Signature": "abc", "SecurityToken":"t/k"}', '{"Signature": "********", "SecurityToken":"********"}'),
    ('Authorization: ACS3-HMAC-SHA256 Credential=LTAI5tKey,SignedHeaders=host;x-acs-date,Signature=0fe1\n'
     'x-acs-signature-nonce: 3c2b\nx-acs-security-token: tok',
     'Authorization: ACS3-HMAC-SHA256 Credential=LTAI5tKey,SignedHeaders=host;x-acs-date,Signature=********\n'
     'x-acs-signature-nonce: ********\nx-acs-security-token: ********'),
    ('The request signature does not conform to Aliyun standards.', 'The request signature does not conform to Aliyun standards.'),
])
def test_scrub_signing_material(text, expected):
    assert _client.scrub_signing_material(text) == expected
    assert _client.redact({'msg': [text]}, []) == {'msg': [expected]}


class StopDuringPacing:
    """A pacer whose wait ends with the run stopped, as when Ctrl-C comes while a worker waits for its slot."""

    def __init__(self, stop, after_calls):
        self.stop = stop
        self.after_calls = after_calls
        self.acquired = []

    def acquire(self, action):
        self.acquired.append(action)
        if len(self.acquired) > self.after_calls:
            self.stop.set()


def test_a_unit_stopped_while_it_waits_for_its_first_slot_sends_nothing(fake_api, clean_env):
    stop = threading.Event()
    client = make_client()
    client.pacer = StopDuringPacing(stop, after_calls=0)

    with pytest.raises(_client.CallCancelled):
        with client.unit_of_work(stop):
            client.call(ADD, {'DomainName': 'live.example.com', 'AppName': 'app'})

    assert client.pacer.acquired == [ADD]
    assert fake_api.calls == []


def test_a_unit_that_sent_a_call_finishes_after_the_stop(fake_api, clean_env):
    stop = threading.Event()
    client = make_client()
    client.pacer = StopDuringPacing(stop, after_calls=1)

    with client.unit_of_work(stop):
        client.call(DESCRIBE, {'DomainName': 'live.example.com'})
        client.call(DESCRIBE, {'DomainName': 'live.example.com'})
    # Outside a unit the stop does not apply.
    client.call(DESCRIBE, {'DomainName': 'live.example.com'})

    assert stop.is_set()
    assert fake_api.actions() == [DESCRIBE] * 3
