# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The "Test your playbooks offline" guide says what the emulator does: its quotes, options and calls are real."""

import glob
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from alicloud_live_emulator import cli
from alicloud_live_emulator.accounts import load_credentials

REPO = Path(__file__).resolve().parents[2]
GUIDE = (REPO / 'docs' / 'docsite' / 'rst' / 'offline_testing.rst').read_text(encoding='utf-8')
EXAMPLE = REPO / 'docs' / 'examples' / 'offline_testing'
COMMAND = Path(sys.executable).parent / 'alicloud-live-emulator'


def code_blocks(language):
    """The dedented bodies of the guide's code blocks in a language."""
    pattern = re.compile(r'^\.\. code-block:: %s\n\n((?:    .*\n|\n)+)' % re.escape(language), re.MULTILINE)
    return [textwrap.dedent(body).strip('\n') + '\n' for body in pattern.findall(GUIDE)]


def test_the_guide_quotes_the_example_role_and_its_tests_verbatim():
    tasks = (EXAMPLE / 'roles' / 'live_recordings' / 'tasks' / 'main.yml').read_text(encoding='utf-8')
    assert '# roles/live_recordings/tasks/main.yml\n' + tasks.replace('---\n', '', 1) in code_blocks('yaml+jinja')
    tests = (EXAMPLE / 'test_live_recordings.py').read_text(encoding='utf-8')
    body = tests[tests.index('import json'):]
    assert body in code_blocks('python')


def test_the_start_banner_in_the_guide_is_the_real_one():
    [console] = [block for block in code_blocks('console') if block.startswith('$ alicloud-live-emulator --port 8080')]
    printed = cli.banner('http://127.0.0.1:8080', load_credentials(None), None)
    assert console.split('\n', 1)[1] == printed.replace('alicloud-live-emulator %s:' % cli.__version__, 'alicloud-live-emulator 0.1.0:')


def test_every_option_in_the_guide_exists():
    options = set(re.findall(r'^   \* - ``(--[a-z-]+)', GUIDE, re.MULTILINE))
    assert options == {'--host', '--port', '--port-file', '--state-file', '--credentials', '--domain', '--rate-limit',
                       '--transcode-templates-format', '--record-format-order', '--log-file'}
    usage = subprocess.run([str(COMMAND), '--help'], capture_output=True, text=True, check=True, timeout=600).stdout
    for option in options:
        assert option + ' ' in usage


@pytest.mark.parametrize('call', re.findall(r'^   \* - ``((?:GET|POST|DELETE) [a-z_/]+)``', GUIDE, re.MULTILINE)
                         + ['GET requests', 'DELETE requests', 'GET faults', 'POST faults', 'DELETE faults', 'POST settings',
                            'POST domains', 'GET record_notify/configs', 'POST record_notify/settings'])
def test_every_control_call_in_the_guide_answers(emulator, call):
    method, path = call.split()
    payloads = {('POST', 'faults'): {'action': '*', 'kind': 'error', 'times': 1},
                ('POST', 'domains'): {'domains': ['live.example.com']},
                ('POST', 'record_notify/seed'): {'configs': []}}
    payload = payloads.get((method, path), {})
    assert isinstance(emulator.call(method, path, payload if method == 'POST' else None), dict)


@pytest.mark.long
def test_the_example_runs_from_a_project_outside_the_repository(tmp_path):
    """The guide's way, in a project of a user's own: the collection installed from its tarball, the
    example's role and tests copied under tests/, then the guide's pytest command."""
    bin_dir = Path(sys.executable).parent
    project, collections, dist = tmp_path / 'project', tmp_path / 'collections', tmp_path / 'dist'
    assert REPO not in project.parents
    env = dict((key, value) for key, value in os.environ.items()
               if not key.startswith(('ANSIBLE_', 'PYTEST_', 'ALIBABA_CLOUD_', 'ALICLOUD_')))
    env.update(PATH=str(bin_dir) + os.pathsep + env.get('PATH', ''), ANSIBLE_COLLECTIONS_PATH=str(collections),
               HOME=str(tmp_path))

    def run(*command, **kwargs):
        done = subprocess.run([str(part) for part in command], env=env, capture_output=True, text=True, timeout=600,
                              check=False, **kwargs)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    run(bin_dir / 'ansible-galaxy', 'collection', 'build', '--output-path', dist, REPO)
    [tarball] = glob.glob(str(dist / 'alicloud-live-*.tar.gz'))
    run(bin_dir / 'ansible-galaxy', 'collection', 'install', '--offline', '-p', collections, tarball)
    shutil.copytree(str(EXAMPLE), str(project / 'tests'), ignore=shutil.ignore_patterns('__pycache__'))

    out = run(sys.executable, '-m', 'pytest', 'tests/', '--ansible-host-pattern=localhost', '--ansible-connection=local',
              '-p', 'no:cacheprovider', cwd=str(project))
    assert re.search(r'\b3 passed\b', out), out
