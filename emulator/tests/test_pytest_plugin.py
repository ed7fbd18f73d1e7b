# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The pytest plugin, as a user's test suite meets it: pytest runs in a directory of its own."""

import json
import os
import subprocess
import sys

import pytest

USER_TESTS = '''
import json
import os

from alicloud_live_emulator.client import EmulatorClient

SEEN = []


def test_fixture_hands_out_endpoint_credentials_client_and_env(live_emulator):
    SEEN.append(live_emulator.port)
    assert live_emulator.endpoint == 'http://127.0.0.1:%d' % live_emulator.port
    assert live_emulator.client.health()
    assert live_emulator.env['ALIBABA_CLOUD_LIVE_ENDPOINT'] == live_emulator.endpoint
    assert live_emulator.env['ALIBABA_CLOUD_ACCESS_KEY_ID'] == live_emulator.credentials['access_key_id']
    assert live_emulator.module_args['endpoint'] == live_emulator.endpoint
    assert 'HTTP_PROXY' not in live_emulator.environ() and live_emulator.environ()['PATH'] == os.environ['PATH']
    live_emulator.client.seed(configs=[{'DomainName': 'live.mycompany.com', 'AppName': 'kept', 'VodTranscodeGroupId': 'g'}])
    settings = live_emulator.client.settings()
    assert (settings['transcode_templates_format'], settings['record_format_order']) == ('comma', 'request')


def test_second(live_emulator):
    SEEN.append(live_emulator.port)
    # Same emulator within a session: the config of the first test is still there.
    SEEN.append(len(live_emulator.client.configs()))


def test_clean_and_env(clean_live_emulator, live_emulator_env):
    SEEN.append(clean_live_emulator.port)
    assert clean_live_emulator.client.configs() == []
    # The ini file's Describe settings are the initial state: a reset keeps them.
    assert clean_live_emulator.client.settings()['transcode_templates_format'] == 'comma'
    assert os.environ['ALIBABA_CLOUD_LIVE_ENDPOINT'] == clean_live_emulator.endpoint == live_emulator_env['ALIBABA_CLOUD_LIVE_ENDPOINT']
    assert 'ALICLOUD_ACCESS_KEY' not in os.environ and 'HTTP_PROXY' not in os.environ


def test_zz_report():
    with open(os.environ['REPORT'], 'w') as handle:
        json.dump(SEEN, handle)
'''


def run_user_suite(tmp_path, *options):
    (tmp_path / 'test_user.py').write_text(USER_TESTS)
    (tmp_path / 'pytest.ini').write_text('[pytest]\nlive_emulator_domains =\n    live.mycompany.com\n'
                                         'live_emulator_transcode_templates_format = comma\n'
                                         'live_emulator_record_format_order = request\n')
    report = tmp_path / 'report.json'
    env = dict(os.environ, REPORT=str(report), ALICLOUD_ACCESS_KEY='real-key', HTTP_PROXY='http://127.0.0.1:9')
    done = subprocess.run([sys.executable, '-m', 'pytest', '-p', 'no:cacheprovider', '-p', 'no:xdist', '-q', *options], cwd=str(tmp_path),
                          env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(report.read_text())


def test_one_emulator_per_session_by_default(tmp_path):
    first, second, kept, third = run_user_suite(tmp_path)
    assert first == second == third and kept == 1


@pytest.mark.parametrize('option', [['--live-emulator-scope=function'], ['-o', 'live_emulator_scope=function']])
def test_one_emulator_per_test_when_chosen(tmp_path, option):
    first, second, kept, third = run_user_suite(tmp_path, *option)
    assert len({first, second, third}) == 3 and kept == 0
