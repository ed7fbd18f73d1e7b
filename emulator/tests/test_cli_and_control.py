# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The alicloud-live-emulator command's options and the versioned control API."""

import json
import socket
import subprocess
import sys
from urllib.error import HTTPError
from urllib.request import ProxyHandler, Request, build_opener

import pytest

from alicloud_live_emulator import __version__
from alicloud_live_emulator.client import (DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, DEMO_ACCOUNT_ID, DEMO_DOMAINS, EmulatorError,
                                           EmulatorProcess, environment)

OPENER = build_opener(ProxyHandler({}))


def get(url, method='GET'):
    """(status, decoded JSON) of a plain HTTP call."""
    try:
        with OPENER.open(Request(url, method=method), timeout=5) as response:
            return response.status, json.loads(response.read())
    except HTTPError as exc:
        return exc.code, json.loads(exc.read())


def free_port():
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        return probe.getsockname()[1]


def test_control_api_is_versioned(emulator):
    assert get(emulator.url + '/_emulator/') == (200, {'versions': ['v1'], 'emulator_version': __version__})
    status, index = get(emulator.url + '/_emulator/v1/')
    assert status == 200 and 'POST /_emulator/v1/faults' in index['routes'] and 'GET /_emulator/v1/requests' in index['routes']
    assert get(emulator.url + '/_emulator/v1/health') == (200, {'ok': True, 'version': __version__})
    # Only the version this emulator speaks.
    for path in ('/_emulator/health', '/_emulator/v2/health', '/_emulator/v1/nothing'):
        status, body = get(emulator.url + path)
        assert status == 404 and 'error' in body
    status, body = get(emulator.url + '/_emulator/v1/health', method='DELETE')
    assert status == 405 and 'error' in body
    assert emulator.requests() == []


def test_accounts_shows_domains_and_key_ids_but_no_secret(emulator):
    emulator.add_domains('live.mycompany.com')
    accounts = emulator.accounts()
    assert [a['account_id'] for a in accounts] == [DEMO_ACCOUNT_ID, '1000000000000002']
    assert accounts[0]['domains'] == sorted(DEMO_DOMAINS + ('live.mycompany.com',))
    assert DEMO_ACCESS_KEY_ID in accounts[0]['access_key_ids']
    assert DEMO_ACCESS_KEY_SECRET not in json.dumps(accounts) and 'Secret' not in json.dumps(accounts)


def test_domain_option_port_option_and_reset(tmp_path):
    port = free_port()
    with EmulatorProcess.start(str(tmp_path), port=port, domains=['live.mycompany.com', 'play.mycompany.com']) as server:
        assert server.url == 'http://127.0.0.1:%d' % port
        expected = list(DEMO_DOMAINS) + ['live.mycompany.com', 'play.mycompany.com']
        assert server.client.accounts()[0]['domains'] == sorted(expected)
        # The option's domains are part of the initial state: a reset keeps them.
        server.client.reset()
        assert 'live.mycompany.com' in server.client.accounts()[0]['domains']
        assert 'live.mycompany.com' not in server.client.accounts()[1]['domains']
    with open(server.output_file, encoding='utf-8') as handle:
        assert 'Domains of account %s (demo): %s\n' % (DEMO_ACCOUNT_ID, ', '.join(expected)) in handle.read()


@pytest.mark.parametrize('arguments, message', [
    (['--domain', 'not a host'], 'not a host name'),
    (['--port', '70000'], 'port from 0 to 65535'),
    (['--rate-limit', '0'], 'at least 1'),
    (['--transcode-templates-format', 'yaml'], 'invalid choice'),
    (['--record-format-order', 'random'], 'invalid choice'),
    (['stray'], 'goes after "--"'),
    (['--credentials', '/nonexistent/accounts.json'], 'cannot start'),
])
def test_bad_options_are_refused_with_a_message(tmp_path, arguments, message):
    done = subprocess.run([sys.executable, '-m', 'alicloud_live_emulator'] + arguments, capture_output=True, text=True, timeout=30,
                          check=False)
    assert done.returncode == 2 and message in done.stderr


def test_a_custom_accounts_file_keeps_its_secret_out_of_the_banner(tmp_path):
    credentials = tmp_path / 'accounts.json'
    credentials.write_text(json.dumps({'accounts': [{'account_id': '7', 'domains': ['live.mycompany.com'],
                                                     'access_keys': [{'access_key_id': 'AKCI', 'access_key_secret': 'ci-secret-value'}]}]}))
    with EmulatorProcess.start(str(tmp_path), credentials=str(credentials)) as server:
        pass
    with open(server.output_file, encoding='utf-8') as handle:
        printed = handle.read()
    assert 'export ALIBABA_CLOUD_ACCESS_KEY_ID=AKCI\n' in printed and 'ci-secret-value' not in printed


def test_port_in_use_fails_to_start(tmp_path):
    with socket.socket() as taken:
        taken.bind(('127.0.0.1', 0))
        taken.listen(1)
        with pytest.raises(EmulatorError) as info:
            EmulatorProcess.start(str(tmp_path), port=taken.getsockname()[1])
    assert 'cannot start' in str(info.value)


def test_environment_for_a_command():
    base = {'PATH': '/bin', 'ALICLOUD_ACCESS_KEY': 'real-key', 'ALIBABA_CLOUD_ACCESS_KEY_ID': 'LTAIreal', 'HTTP_PROXY': 'http://proxy:3128',
            'HTTPS_PROXY': 'http://proxy:3128', 'NO_PROXY': 'corp.example'}
    env = environment('http://127.0.0.1:8080', base=base)
    assert env == {'PATH': '/bin', 'HTTPS_PROXY': 'http://proxy:3128', 'NO_PROXY': 'corp.example,127.0.0.1', 'no_proxy': '127.0.0.1',
                   'ALIBABA_CLOUD_LIVE_ENDPOINT': 'http://127.0.0.1:8080', 'ALIBABA_CLOUD_ACCESS_KEY_ID': DEMO_ACCESS_KEY_ID,
                   'ALIBABA_CLOUD_ACCESS_KEY_SECRET': DEMO_ACCESS_KEY_SECRET, 'ALIBABA_CLOUD_REGION_ID': 'cn-shanghai'}
    kept = environment('http://127.0.0.1:8080', base=base, keep_credentials=True)
    assert (kept['ALIBABA_CLOUD_ACCESS_KEY_ID'], kept['ALICLOUD_ACCESS_KEY']) == ('LTAIreal', 'real-key')
    assert set(environment('http://127.0.0.1:8080')) == {'ALIBABA_CLOUD_LIVE_ENDPOINT', 'ALIBABA_CLOUD_ACCESS_KEY_ID',
                                                         'ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALIBABA_CLOUD_REGION_ID', 'NO_PROXY',
                                                         'no_proxy'}
