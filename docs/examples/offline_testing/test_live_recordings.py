# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Test a role of your own offline: the live_recordings role against the local Live API emulator.

Needs the alicloud.live collection, ansible-core, pytest-ansible and alicloud-live-emulator
(whose pytest plugin provides the live_emulator fixtures). Run with::

    pytest docs/examples/offline_testing --ansible-host-pattern=localhost --ansible-connection=local
"""

import json
import os
import shutil
import subprocess
import sys

import pytest

ROLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'roles')
DOMAIN = 'live.mycompany.com'
INFO = 'alicloud.live.live_record_vod_config_info'


def run_role(tmp_path, live_emulator, **role_vars):
    """Run the role in a play with ansible-playbook against the emulator; return (exit code, stdout)."""
    play = [{'name': 'Apply live_recordings', 'hosts': 'localhost', 'connection': 'local', 'gather_facts': False,
             'roles': [dict(role='live_recordings', **role_vars)]}]
    playbook = tmp_path / 'site.yml'
    playbook.write_text(json.dumps(play))  # JSON is YAML
    env = live_emulator.environ()  # the endpoint, the demo key and no HTTP proxy
    env.update(ANSIBLE_ROLES_PATH=ROLES, ANSIBLE_PYTHON_INTERPRETER=sys.executable, ANSIBLE_NOCOLOR='1')
    command = shutil.which('ansible-playbook', path=os.path.dirname(sys.executable)) or 'ansible-playbook'
    done = subprocess.run([command, '-i', 'localhost,', str(playbook)], env=env, capture_output=True, text=True, timeout=300,
                          check=False)
    return done.returncode, done.stdout


@pytest.fixture
def emulator(clean_live_emulator):
    """The emulator, reset, with our own live domain added to the demo account."""
    clean_live_emulator.client.add_domains(DOMAIN)
    return clean_live_emulator


def test_role_records_each_application_once(tmp_path, emulator):
    rc, out = run_role(tmp_path, emulator, live_recordings_domain=DOMAIN, live_recordings_apps=['news', 'sports'],
                       live_recordings_cycle_duration=900)
    assert rc == 0, out
    assert [(c['AppName'], c['CycleDuration']) for c in emulator.client.configs()] == [('news', 900), ('sports', 900)]

    # Idempotence: the second run changes nothing and sends no write request.
    emulator.client.clear_requests()
    rc, out = run_role(tmp_path, emulator, live_recordings_domain=DOMAIN, live_recordings_apps=['news', 'sports'],
                       live_recordings_cycle_duration=900)
    assert rc == 0 and 'changed=0' in out, out
    assert emulator.client.write_requests() == []


def test_role_fails_clearly_when_the_api_refuses(tmp_path, emulator):
    emulator.client.fault('AddLiveRecordVodConfig', 'error', status=403, code='Forbidden.RAM',
                          message='User not authorized to operate on the specified resource.', times=1)
    rc, out = run_role(tmp_path, emulator, live_recordings_domain=DOMAIN, live_recordings_apps=['news'])
    assert rc != 0 and 'Forbidden.RAM' in out, out
    assert [entry['code'] for entry in emulator.client.requests('AddLiveRecordVodConfig')] == ['Forbidden.RAM']
    assert emulator.client.configs() == []


def test_info_module_through_pytest_ansible(ansible_module, live_emulator_env, emulator):
    # live_emulator_env puts the endpoint and the demo key into the environment the modules inherit.
    emulator.client.seed(configs=[{'DomainName': DOMAIN, 'AppName': 'news', 'VodTranscodeGroupId': 'VOD_NO_TRANSCODE'}])
    contacted = getattr(ansible_module, INFO)(domain_name=DOMAIN)
    result = contacted['localhost']
    assert not result.get('failed'), result
    assert [config['app_name'] for config in result['configs']] == ['news']
