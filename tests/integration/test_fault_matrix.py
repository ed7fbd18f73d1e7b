# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every kind of fault on every action the module calls, against the emulator.

Each case either succeeds after bounded retries or fails with a message that names the
error code (or the network fault), the HTTP status and the RequestId when there is one.
Retries are checked by counted events, never by the clock: the attempts the emulator (or the
relay) logged and the attempts the module reports. How long the client sleeps between attempts
and when its time budget runs out is tested with an injected clock in
tests/unit/plugins/module_utils/test_client.py, so a busy machine cannot fail these tests.
After a failed write a rerun with the faults cleared must reach the wanted state: nothing
lost, nothing duplicated.

Connection refused is produced for real: the module talks to a loopback relay in front of
the emulator whose listening socket is closed at a chosen request, so the kernel refuses
every later connection (ECONNREFUSED), for any of the four actions.
"""

import http.client
import json
import re
import socket
import threading
import time
from urllib.parse import parse_qsl, urlsplit

import pytest

from conftest import without_today_defaults

ADD, UPDATE, DELETE = 'AddLiveRecordVodConfig', 'UpdateLiveRecordVodConfig', 'DeleteLiveRecordVodConfig'
DESCRIBE = 'DescribeLiveRecordVodConfigs'
ACTIONS = (ADD, UPDATE, DELETE, DESCRIBE)
DOMAIN, APP = 'live.example.com', 'matrix'

# Small settings keep the matrix fast: a 1 s timeout and 50 ms backoff doubling to 200 ms.
SETTINGS = dict(timeout=1, retries=2, retry_delay=0.05, retry_max_delay=0.2, retry_timeout=10)
# Refused-then-reopened needs the retries to span the 0.1 s the relay stays closed.
REOPEN_AFTER = 0.1
REFUSED_SETTINGS = dict(timeout=1, retries=5, retry_delay=0.1, retry_max_delay=0.4, retry_timeout=10)
DELAY_SECONDS = 1.5

WANTED = dict(domain_name=DOMAIN, app_name=APP, vod_transcode_group_id='group-wanted', cycle_duration=1800)
STORED = dict(DomainName=DOMAIN, AppName=APP, StreamName='', VodTranscodeGroupId='group-old', CycleDuration=3600,
              AutoCompose='OFF', ComposeVodTranscodeGroupId='', StorageLocation='outin-keep.oss-cn-shanghai.aliyuncs.com',
              OnDemand=0)
BYSTANDER = dict(DomainName=DOMAIN, AppName='bystander', StreamName='', VodTranscodeGroupId='group-b', CycleDuration=600,
                 AutoCompose='OFF', ComposeVodTranscodeGroupId='', StorageLocation='', OnDemand=1)

# The API error faults: code -> emulator fault spec.
ERROR_KINDS = {
    'Throttling': dict(kind='error', status=400, code='Throttling', message='Request was denied due to flow control.'),
    'Throttling.User': dict(kind='error', status=400, code='Throttling.User', message='Request was denied due to user flow control.'),
    'ServiceUnavailable': dict(kind='error', status=503, code='ServiceUnavailable',
                               message='The request has failed due to a temporary failure of the server.'),
    'InternalError': dict(kind='error', status=500, code='InternalError',
                          message='The request processing has failed due to some unknown error.'),
}
KINDS = list(ERROR_KINDS) + ['timeout', 'drop', 'refused', 'malformed', 'missing_keys', 'html']
RETRIED_KINDS = list(ERROR_KINDS) + ['timeout', 'drop', 'refused', 'html']


# ---- connection refused: a relay whose listening socket can be closed --------------------------


class Relay:
    """A loopback HTTP relay to the emulator that stops listening after a given number of requests.

    Every answer is sent with ``Connection: close`` so the client opens a new connection for its
    next request; once the listening socket is closed, that connection is refused by the kernel.
    The socket is closed before the last allowed answer is sent, so the refusal is certain.
    """

    def __init__(self, target_port):
        self.target_port = target_port
        self.lock = threading.Lock()
        self.remaining = None
        self.reopen_after = None
        self.listener = None
        self.relayed = []
        self.port = 0
        self._listen()

    @property
    def url(self):
        return 'http://127.0.0.1:%d' % self.port

    def _listen(self):
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(('127.0.0.1', self.port))
        listener.listen(16)
        self.port = listener.getsockname()[1]
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _accept(self, listener):
        while True:
            try:
                conn, _address = listener.accept()
            except OSError:
                # shutdown() below wakes accept() up: the listener is gone.
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def refuse_after(self, requests, reopen_after=None):
        """Relay ``requests`` more requests, then refuse connections (for ``reopen_after`` seconds, or until stop)."""
        with self.lock:
            self.remaining = requests
            self.reopen_after = reopen_after
        if requests == 0:
            self._close()

    def _close(self):
        with self.lock:
            listener, self.listener = self.listener, None
            reopen_after = self.reopen_after
        if listener is not None:
            # shutdown() takes the socket out of LISTEN at once, so the very next connection is
            # refused; close() alone would keep it listening while accept() still holds it.
            try:
                listener.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            listener.close()
            if reopen_after is not None:
                timer = threading.Timer(reopen_after, self._reopen)
                timer.daemon = True
                timer.start()

    def _reopen(self):
        with self.lock:
            self.remaining = None
        self._listen()

    def stop(self):
        with self.lock:
            self.reopen_after = None
        self._close()

    def _serve(self, conn):
        try:
            conn.settimeout(10)
            data = b''
            while b'\r\n\r\n' not in data:
                chunk = conn.recv(65536)
                if not chunk:
                    return
                data += chunk
            head, body = data.split(b'\r\n\r\n', 1)
            lines = head.decode('latin-1').split('\r\n')
            method, target, _version = lines[0].split(' ', 2)
            headers = dict(line.split(': ', 1) for line in lines[1:] if ': ' in line)
            length = int(headers.get('Content-Length', '0'))
            while len(body) < length:
                body += conn.recv(65536)
            upstream = http.client.HTTPConnection('127.0.0.1', self.target_port, timeout=30)
            forwarded = dict((k, v) for k, v in headers.items() if k.lower() not in ('host', 'connection'))
            upstream.request(method, target, body=body or None, headers=forwarded)
            response = upstream.getresponse()
            payload = response.read()
            upstream.close()
            self.relayed.append(dict(parse_qsl(urlsplit(target).query)).get('Action'))
            close_now = False
            with self.lock:
                if self.remaining is not None:
                    self.remaining -= 1
                    close_now = self.remaining <= 0
            if close_now:
                self._close()
            reply = ['HTTP/1.1 %d %s' % (response.status, response.reason)]
            reply += ['%s: %s' % (k, v) for k, v in response.getheaders()
                      if k.lower() not in ('connection', 'content-length', 'transfer-encoding')]
            reply += ['Content-Length: %d' % len(payload), 'Connection: close']
            conn.sendall(('\r\n'.join(reply) + '\r\n\r\n').encode('latin-1') + payload)
        finally:
            conn.close()


@pytest.fixture
def relay(emulator):
    gate = Relay(emulator.port)
    yield gate
    gate.stop()


# ---- helpers -------------------------------------------------------------------------------------


def scenario(emulator, action):
    """Seed the state in which the module's run calls ``action``; return (module args, wanted end state)."""
    emulator.seed(configs=[BYSTANDER])
    if action in (ADD, DESCRIBE):
        return dict(WANTED), 'present'
    emulator.seed(configs=[STORED])
    if action == UPDATE:
        return dict(WANTED), 'updated'
    return dict(domain_name=DOMAIN, app_name=APP, state='absent'), 'absent'


def initial_configs(action):
    """The state ``scenario`` seeds for ``action``, as stored() lists it."""
    configs = [BYSTANDER] + ([STORED] if action in (UPDATE, DELETE) else [])
    return sorted(configs, key=lambda config: config['AppName'])


def without_time(config):
    return dict((k, v) for k, v in config.items() if k != 'CreateTime')


def expected_configs(end_state):
    configs = [BYSTANDER]
    if end_state == 'present':
        configs.append(dict(STORED, VodTranscodeGroupId='group-wanted', CycleDuration=1800, StorageLocation=''))
    elif end_state == 'updated':
        configs.append(dict(STORED, VodTranscodeGroupId='group-wanted', CycleDuration=1800))
    return sorted(configs, key=lambda config: config['AppName'])


def stored(emulator):
    return sorted((without_time(without_today_defaults(config)) for config in emulator.configs()),
                  key=lambda config: config['AppName'])


def wait_until_answered(emulator, timeout=120.0):
    """Wait until every delayed request the emulator still sleeps on has been answered.

    The timeout only stops a hung test; the wait ends as soon as the emulator has answered.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if all(entry['status'] is not None for entry in emulator.requests() if entry['fault'] == 'delay'):
            return
        time.sleep(0.05)
    raise AssertionError('the emulator still holds delayed requests')


def inject(emulator, relay, action, kind, times):
    """Inject fault ``kind`` for ``action`` (``times`` uses, None for every one); return the connection overrides."""
    if kind == 'refused':
        # The module's requests: Describe first, then the write. Persistent: refuse from that action on.
        # Transient Describe: let Describe and the Add through and refuse the read after the write.
        if times is None:
            relay.refuse_after(0 if action == DESCRIBE else 1)
        else:
            relay.refuse_after(2 if action == DESCRIBE else 1, reopen_after=REOPEN_AFTER)
        return dict(REFUSED_SETTINGS if times is not None else SETTINGS, endpoint=relay.url)
    write = action != DESCRIBE
    if kind in ERROR_KINDS:
        spec = dict(ERROR_KINDS[kind])
    elif kind == 'timeout':
        # The emulator answers after the client gave up and applies the write all the same.
        spec = dict(kind='delay', seconds=DELAY_SECONDS)
    elif kind == 'drop':
        # For writes the change lands and only the answer is lost: the hard case.
        spec = dict(kind='drop', apply=write)
    elif kind == 'malformed':
        spec = dict(kind='malformed', apply=write)
    elif kind == 'missing_keys':
        spec = dict(kind='missing_keys', apply=write)
    else:
        spec = dict(kind='html', status=502)
    emulator.fault(action, times=times, **spec)
    return dict(SETTINGS)


def assert_no_traceback(result):
    assert 'Traceback' not in result.get('msg', '')
    # ansible-core 2.19 adds exception='(traceback unavailable)' to every failure; a crash has a real one.
    assert 'Traceback' not in str(result.get('exception', '')) and 'module_stderr' not in result


# ---- the matrix ----------------------------------------------------------------------------------


def persistent_expectation(kind):
    """(code, status text, network words, retried) a persistent fault of ``kind`` must report."""
    if kind in ERROR_KINDS:
        return ERROR_KINDS[kind]['code'], 'HTTP status %d' % ERROR_KINDS[kind]['status'], None, True
    if kind == 'timeout':
        return 'SDK.HttpError', 'HTTP status none (no HTTP response)', 'timed out', True
    if kind == 'drop':
        return 'SDK.HttpError', 'HTTP status none (no HTTP response)', 'connection was dropped', True
    if kind == 'refused':
        return 'SDK.HttpError', 'HTTP status none (no HTTP response)', 'connection was refused', True
    if kind == 'html':
        return 'SDK.UnknownServerError', 'HTTP status 502', 'not JSON', True
    if kind == 'malformed':
        return 'MalformedResponse', 'HTTP status 200', 'not JSON', False
    return 'MalformedResponse', 'HTTP status 200', 'none of LiveRecordVodConfigs, Total, PageNum and PageSize', False


@pytest.mark.parametrize('kind', KINDS)
@pytest.mark.parametrize('action', ACTIONS)
def test_persistent_fault(live, emulator, relay, action, kind):
    """The fault hits every attempt: a clear, bounded failure, then a clean rerun converges."""
    args, end_state = scenario(emulator, action)
    overrides = inject(emulator, relay, action, kind, times=None)
    settings = dict((name, overrides[name]) for name in SETTINGS)

    result = live(**dict(args, **overrides))

    if kind == 'missing_keys' and action != DESCRIBE:
        # A write's answer carries nothing but a RequestId: a body with only that key is complete.
        assert result.get('failed') is not True, result.get('msg')
        assert result['changed'] is True
        assert stored(emulator) == expected_configs(end_state)
        return

    code, status_text, words, retried = persistent_expectation(kind)
    assert result['failed'] is True
    assert_no_traceback(result)
    msg = result['msg']
    assert '%s failed: %s (%s, RequestId ' % (action, code, status_text) in msg, msg
    if words:
        assert words in msg
    expected_attempts = settings['retries'] + 1 if retried else 1
    if expected_attempts > 1:
        assert '[gave up after %d attempts in ' % expected_attempts in msg
    if code == 'SDK.HttpError':
        # Endpoint, what failed, attempts and seconds; never the request URL, its query or an object repr.
        endpoint = relay.url if kind == 'refused' else emulator.url
        assert '): endpoint %s: the ' % endpoint in msg and re.search(r' in [0-9]+\.[0-9] s\]$', msg), msg
        assert len(msg) < 400, msg
        everything = json.dumps(result)
        for leak in ('?Action', 'Signature', 'AccessKeyId', 'object at 0x', 'Max retries', 'HTTPConnectionPool'):
            assert leak not in everything, leak
    assert result['error']['code'] == code and result['error']['attempts'] == expected_attempts
    faulted = emulator.requests(action)
    if kind == 'refused':
        # Refused connections never reach the emulator: only the read before the refusal does, when the
        # refused action is a write.
        reached = [] if action == DESCRIBE else [DESCRIBE]
        assert [entry['action'] for entry in emulator.requests()] == reached
        assert relay.relayed == reached
    else:
        assert len(faulted) == expected_attempts
        assert all(entry['fault'] for entry in faulted)
    if kind in ERROR_KINDS or (kind == 'missing_keys' and action == DESCRIBE):
        # The RequestId of the last answer is named.
        assert faulted[-1]['request_id'] in msg and result['error']['request_id'] == faulted[-1]['request_id']
    elif kind == 'malformed':
        # The garbled body still shows its RequestId in the quoted excerpt.
        assert faulted[-1]['request_id'] in msg
    else:
        assert 'RequestId none' in msg and result['error']['http_status'] == (502 if kind == 'html' else None)

    # What the failed run left: a write that was refused or answered with an error did not land;
    # one whose answer timed out, was dropped or was garbled did.
    wait_until_answered(emulator)
    landed = action != DESCRIBE and kind in ('timeout', 'drop', 'malformed')
    assert stored(emulator) == (expected_configs(end_state) if landed else initial_configs(action))
    if landed:
        # The write took effect before the task failed: AWX and callbacks must count it.
        assert result['changed'] is True
    if action == DESCRIBE:
        assert emulator.write_requests() == []

    # A rerun with the faults cleared reaches the wanted state: nothing lost, nothing duplicated.
    emulator.clear_faults()
    rerun = live(**dict(args, **SETTINGS))
    assert rerun.get('failed') is not True, rerun.get('msg')
    assert rerun['changed'] is (not landed)
    assert stored(emulator) == expected_configs(end_state)


@pytest.mark.parametrize('kind', RETRIED_KINDS)
@pytest.mark.parametrize('action', ACTIONS)
def test_transient_fault_is_retried_to_success(live, emulator, relay, action, kind):
    """The fault hits the first attempts only: bounded retries end in success, with one write."""
    args, end_state = scenario(emulator, action)
    times = 1 if kind in ('timeout', 'drop') else 2
    overrides = inject(emulator, relay, action, kind, times=times)

    result = live(**dict(args, **overrides))

    assert result.get('failed') is not True, result.get('msg')
    assert_no_traceback(result)
    assert result['changed'] is True
    assert stored(emulator) == expected_configs(end_state)
    if kind == 'refused':
        # Each request went through exactly once, the refused one after its retries.
        write = ADD if action == DESCRIBE else action
        assert relay.relayed == [DESCRIBE, write, DESCRIBE]  # the last read checks that the write landed
        assert [entry['action'] for entry in emulator.requests()] == relay.relayed
        return
    faulted = [entry for entry in emulator.requests(action) if entry['fault']]
    assert len(faulted) == times
    if action == DESCRIBE:
        assert [entry['action'] for entry in emulator.write_requests()] == [ADD]
    else:
        after = emulator.requests(action)[times:]
        assert len(after) == 1, after
        if kind == 'drop' and action == ADD:
            # The first Add landed before its answer was lost: the retry meets it and reconciles.
            assert after[0]['code'] == 'ConfigAlreadyExists'
        elif kind == 'drop' and action == DELETE:
            assert after[0]['code'] == 'InvalidConfig.NotFound'
        elif kind != 'timeout':
            assert after[0]['code'] is None
    wait_until_answered(emulator)
    assert stored(emulator) == expected_configs(end_state)
