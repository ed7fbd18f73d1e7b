# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Secrets stay secret, in every encoding, wherever Ansible reports; TLS is the default.

The play runs four tasks at -vvvv with --diff: a wrong access key secret, an STS token the
service rejects, a server error whose message echoes the signed query string (STS token
included) back URL-encoded, and a successful STS run. The access key secrets and the tokens
must appear nowhere: not raw, URL-encoded once or twice, lower-case hex, base64 or
JSON-escaped; not in stdout, stderr, the registered results (diffs included), nor in any
file ansible-runner writes under artifacts/ (its callback events among them).
"""

import base64
import json
import os
import socket
import threading
from urllib.parse import quote, quote_plus

import pytest

from alicloud_live_emulator import client as emulator_client
from conftest import BIN, CONFIG, TEST_ACTION_PLUGINS, task, write_play

DESCRIBE = 'DescribeLiveRecordVodConfigs'
WRONG_SECRET = 'Wrong/Secret+Value=1&x%y'
WRONG_TOKEN = 'Wrong/Sts+Token=value&more'
SECRETS = (emulator_client.DEMO_ACCESS_KEY_SECRET, emulator_client.DEMO_STS_ACCESS_KEY_SECRET,
           emulator_client.DEMO_SECURITY_TOKEN, WRONG_SECRET, WRONG_TOKEN)
WANTED = dict(domain_name='live.example.com', app_name='secrets', vod_transcode_group_id='group-s')
STS = dict(access_key_id=emulator_client.DEMO_STS_ACCESS_KEY_ID, access_key_secret=emulator_client.DEMO_STS_ACCESS_KEY_SECRET,
           security_token=emulator_client.DEMO_SECURITY_TOKEN)
FAST = dict(retries=1, retry_delay=0.05)


def encodings(secret):
    """Every form in which a secret could leak (computed here, independently of the collection's redaction)."""
    forms = set([secret, json.dumps(secret)[1:-1], secret.encode('utf-8').hex(),
                 base64.b64encode(secret.encode('utf-8')).decode('ascii')])
    for once in (quote(secret, safe=''), quote(secret, safe='~'), quote(secret), quote_plus(secret)):
        for form in (once, quote(once, safe=''), quote_plus(once)):
            forms.update([form, form.lower()])
    return forms


FORMS = dict((form, secret) for secret in SECRETS for form in encodings(secret))


def leaks(text):
    """The secret forms found in ``text``, as (form, secret) pairs."""
    return sorted((form, secret) for form, secret in FORMS.items() if form in text)


def test_the_leak_detector_sees_every_encoding():
    token = emulator_client.DEMO_SECURITY_TOKEN
    for form in (token, quote(token, safe=''), quote(quote(token, safe=''), safe=''), token.encode().hex(),
                 base64.b64encode(token.encode()).decode(), json.dumps(token)[1:-1], quote(token, safe='').lower()):
        assert leaks('...%s...' % form) == [(form, token)] or (form, token) in leaks('...%s...' % form)
    assert leaks('Signature=abc&AccessKeyId=%s' % emulator_client.DEMO_STS_ACCESS_KEY_ID) == []


def leaky_tasks(emulator):
    """The four tasks described in the module docstring."""
    return [
        task(CONFIG, emulator, **dict(WANTED, access_key_secret=WRONG_SECRET, **FAST)),
        task(CONFIG, emulator, **dict(WANTED, **dict(STS, security_token=WRONG_TOKEN, **FAST))),
        task(CONFIG, emulator, **dict(WANTED, **dict(STS, **FAST))),
        task(CONFIG, emulator, **dict(WANTED, **dict(STS, **FAST))),
    ]


def arm_echo(emulator):
    # Only the third task's read fails, twice (its one retry included), with the query echoed back.
    emulator.fault(DESCRIBE, 'error', status=500, code='InternalError', message='Backend failed for', echo_query=True, times=2)
    # The first two tasks fail at the gateway before any fault is consumed.


def check_outcomes(results):
    assert results['result_0']['failed'] is True
    assert results['result_0']['error']['code'] in ('InvalidAccessKeySecret', 'SignatureDoesNotMatch')
    assert results['result_1']['failed'] is True
    assert results['result_1']['error']['code'] == 'InvalidSecurityToken.MismatchWithAccessKey'
    echoed = results['result_2']
    assert echoed['failed'] is True and echoed['error']['code'] == 'InternalError'
    # The echo did reach the module: the query string is in the message, its secrets masked.
    assert 'Backend failed for Request: ' in echoed['msg'] and 'SecurityToken' in echoed['msg'] and '********' in echoed['msg']
    assert results['result_3']['changed'] is True and 'app_name: secrets\n' in results['result_3']['diff']['after']


def test_no_secret_in_playbook_output_results_or_diff(playbook, emulator):
    arm_echo(emulator)

    run = playbook(leaky_tasks(emulator), diff=True, verbosity=4)

    check_outcomes(run.results)
    assert 'Traceback' not in run.stdout + run.stderr
    assert leaks(run.stdout) == []
    assert leaks(run.stderr) == []
    assert leaks(json.dumps(run.results)) == []


def test_no_secret_in_ansible_runner_artifacts(tmp_path, collections_path, emulator):
    ansible_runner = pytest.importorskip('ansible_runner')
    arm_echo(emulator)
    private = tmp_path / 'private'
    (private / 'project').mkdir(parents=True)
    (private / 'inventory').mkdir()
    (private / 'inventory' / 'hosts').write_text('localhost ansible_connection=local\n')
    write_play(private / 'project', leaky_tasks(emulator))
    envvars = dict(ANSIBLE_COLLECTIONS_PATH=collections_path, ANSIBLE_PYTHON_INTERPRETER=emulator_client.sys.executable,
                   ANSIBLE_NOCOLOR='1', ANSIBLE_LOCALHOST_WARNING='0', ANSIBLE_ACTION_PLUGINS=TEST_ACTION_PLUGINS,
                   PATH=BIN + os.pathsep + os.environ.get('PATH', ''))

    outcome = ansible_runner.run(private_data_dir=str(private), playbook='play.yml', envvars=envvars, cmdline='-vvvv --diff',
                                 quiet=True, settings={'suppress_ansible_output': True})

    assert outcome.rc == 0, outcome.stdout.read()
    with open(str(private / 'project' / 'results.json')) as handle:
        check_outcomes(json.load(handle))
    scanned = 0
    events = 0
    for root, _dirs, files in os.walk(str(private / 'artifacts')):
        for name in files:
            with open(os.path.join(root, name), 'rb') as handle:
                text = handle.read().decode('utf-8', 'replace')
            scanned += 1
            events += root.endswith('job_events')
            assert leaks(text) == [], os.path.join(root, name)
    # stdout, the command, the status and one file per callback event at least.
    assert scanned > 10 and events > 10


def test_validate_certs_false_warns_even_when_the_https_endpoint_refuses(playbook, emulator):
    closed = socket.socket()
    closed.bind(('127.0.0.1', 0))
    port = closed.getsockname()[1]
    closed.close()
    endpoint = 'https://127.0.0.1:%d' % port
    tasks = [task(CONFIG, emulator, **dict(WANTED, endpoint=endpoint, validate_certs=False, retries=0)),
             task(CONFIG, emulator, **dict(WANTED, endpoint=endpoint, retries=0))]

    run = playbook(tasks)

    unchecked, checked = run['result_0'], run['result_1']
    assert unchecked['failed'] is True and 'connection was refused' in unchecked['msg']
    warning = 'validate_certs is false: TLS certificates are not checked, so a connection to https://127.0.0.1'
    assert any(warning in text for text in unchecked['warnings'])
    assert warning in ' '.join((run.stdout + run.stderr).split())
    assert checked['failed'] is True and not checked.get('warnings')
    assert (run.stdout + run.stderr).count('validate_certs is false') == 1


class ProxySpy:
    """An HTTP proxy that only records the first request line it gets, then hangs up."""

    def __init__(self):
        self.lines = []
        self.server = socket.socket()
        self.server.bind(('127.0.0.1', 0))
        self.server.listen(8)
        self.port = self.server.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                conn, _address = self.server.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(5)
                try:
                    self.lines.append(conn.recv(4096).split(b'\r\n', 1)[0].decode('latin-1'))
                    conn.sendall(b'HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n')
                except OSError:
                    pass

    def close(self):
        try:
            self.server.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.server.close()


def test_without_endpoint_the_module_targets_https_on_443(playbook, emulator):
    spy = ProxySpy()
    proxy = 'http://127.0.0.1:%d' % spy.port
    args = dict(WANTED, access_key_id=emulator_client.DEMO_ACCESS_KEY_ID, access_key_secret=WRONG_SECRET, region_id='cn-shanghai',
                timeout=3, retries=0)
    try:
        run = playbook([{'name': 'No endpoint', CONFIG: args}],
                       env={'HTTPS_PROXY': proxy, 'https_proxy': proxy, 'HTTP_PROXY': proxy, 'http_proxy': proxy,
                            'NO_PROXY': '', 'no_proxy': ''})
    finally:
        spy.close()

    assert run['result_0']['failed'] is True
    # Through a proxy, HTTPS shows as a CONNECT tunnel to port 443; plain HTTP would be a POST http://...
    assert len(spy.lines) == 1 and spy.lines[0].startswith('CONNECT live.aliyuncs.com:443 HTTP/'), spy.lines
    assert leaks(run.stdout + run.stderr + json.dumps(run.results)) == []
