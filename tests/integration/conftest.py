# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixtures that run the collection's modules end to end against the emulator.

Two ways in, both real Ansible: pytest-ansible's ``ansible_module`` (in-process, fast) for
single module calls, and ``ansible-playbook`` runs for what needs a play: check mode, diff
mode, module_defaults, verbosity and concurrent runs.
"""

import json
import os
import subprocess
import sys
import textwrap

import pytest
import yaml

from alicloud_live_emulator import client as emulator_client

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.dirname(sys.executable)
# The test plays' own action (dump_test_results).
TEST_ACTION_PLUGINS = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'action_plugins')
CONFIG = 'alicloud.live.live_record_vod_config'
INFO = 'alicloud.live.live_record_vod_config_info'
CONFIGS = 'alicloud.live.live_record_vod_configs'
DOMAIN = 'live.example.com'
ADD, UPDATE, DELETE, DESCRIBE = ('AddLiveRecordVodConfig', 'UpdateLiveRecordVodConfig', 'DeleteLiveRecordVodConfig',
                                 'DescribeLiveRecordVodConfigs')
CREDENTIAL_ENV_PREFIXES = ('ALIBABA_CLOUD_', 'ALICLOUD_')


def connection(emulator, **overrides):
    """Connection options for the emulator's demo account, with short retries so failures stay fast."""
    options = dict(endpoint=emulator.url, access_key_id=emulator_client.DEMO_ACCESS_KEY_ID,
                   access_key_secret=emulator_client.DEMO_ACCESS_KEY_SECRET, timeout=2, retry_delay=0.05,
                   retry_max_delay=0.2, retry_timeout=20)
    options.update(overrides)
    return dict((key, value) for key, value in options.items() if value is not None)


def inherit_standard_input():
    """Make fd 0 inheritable again, or open it on /dev/null when there is none.

    ansible-core 2.21 marks fd 0 non-inheritable in the process that runs a play, and pytest-ansible
    runs plays in this one: an ansible-playbook started afterwards from here would have no standard
    input, and its workers, which reopen their stdio on /dev/null and count on fd 0, die ("Could not
    detach from stdio", "A worker was found in a dead state").
    """
    try:
        os.set_inheritable(0, True)
    except OSError:
        handle = os.open(os.devnull, os.O_RDONLY)
        if handle != 0:
            os.dup2(handle, 0)
            os.close(handle)


def pytest_collection_modifyitems(items):
    """The tests marked ``long`` first: with xdist, a long test started last ends the run alone."""
    items.sort(key=lambda item: item.get_closest_marker('long') is None)


@pytest.fixture(autouse=True)
def standard_input_for_subprocesses():
    inherit_standard_input()
    yield


@pytest.fixture(scope='session')
def collections_path(tmp_path_factory):
    """A collection path in which alicloud.live is this checkout."""
    root = tmp_path_factory.mktemp('collections')
    namespace = root / 'ansible_collections' / 'alicloud'
    namespace.mkdir(parents=True)
    os.symlink(REPO, str(namespace / 'live'))
    return str(root)


@pytest.fixture
def live(ansible_module, emulator):
    """Call a module through pytest-ansible with the emulator's connection options; return its result."""

    def run(module=CONFIG, **args):
        call_args = connection(emulator)
        call_args.update(args)
        call_args = dict((key, value) for key, value in call_args.items() if value is not None)
        contacted = getattr(ansible_module, module)(**call_args)
        return dict(contacted['localhost'])

    return run


class PlaybookRun:
    """The outcome of one ansible-playbook run: exit code, output and registered results."""

    def __init__(self, process, results):
        self.rc = process.returncode
        self.stdout = process.stdout
        self.stderr = process.stderr
        self.results = results

    def __getitem__(self, name):
        if name not in self.results:
            # A run that registered nothing (it failed before the task, say): show why.
            raise AssertionError('the run registered no %s (rc=%s)\n%s\n%s' % (name, self.rc, self.stdout, self.stderr))
        return self.results[name]


def isolated_home(collections_path):
    """The tests' HOME beside the collection path: one per test process, shared by its threads.

    Several threads (and xdist workers' processes) may ask at once, so creating it must not
    fail when another one got there first.
    """
    home = os.path.join(os.path.dirname(collections_path), 'home')
    os.makedirs(home, exist_ok=True)
    return home


def playbook_env(collections_path, extra=None):
    env = dict((key, value) for key, value in os.environ.items() if not key.startswith(CREDENTIAL_ENV_PREFIXES))
    env.update({
        'ANSIBLE_COLLECTIONS_PATH': collections_path,
        'ANSIBLE_PYTHON_INTERPRETER': sys.executable,
        'ANSIBLE_NOCOLOR': '1',
        'ANSIBLE_RETRY_FILES_ENABLED': '0',
        'ANSIBLE_LOCALHOST_WARNING': '0',
        'ANSIBLE_INVENTORY_UNPARSED_WARNING': '0',
        'ANSIBLE_ACTION_PLUGINS': TEST_ACTION_PLUGINS,
        'PATH': BIN + os.pathsep + env.get('PATH', ''),
        # A home of the tests' own: the developer's ~/.aliyun and ~/.alibabacloud stay unread.
        'HOME': isolated_home(collections_path),
    })
    env.update(extra or {})
    return env


def write_play(directory, tasks, module_defaults=None):
    """Write a play whose tasks all register and keep going, then dump the registered results."""
    registered = []
    play_tasks = []
    for index, task in enumerate(tasks):
        task = dict(task)
        name = task.setdefault('register', 'result_%d' % index)
        task.setdefault('ignore_errors', True)
        # An unreachable result (a worker lost on a loaded machine, say) must reach the test too.
        task.setdefault('ignore_unreachable', True)
        registered.append(name)
        play_tasks.append(task)
    dump = os.path.join(str(directory), 'results.json')
    play_tasks.append({
        'name': 'Keep the results for the test',
        'check_mode': False,
        'diff': False,
        # action_plugins/dump_test_results.py: a copy that runs no module.
        'dump_test_results': {
            'content': '{{ {%s} | to_json }}' % ', '.join("'%s': %s" % (name, name) for name in registered),
            'dest': dump,
        },
    })
    play = {'name': 'alicloud.live test play', 'hosts': 'localhost', 'connection': 'local', 'gather_facts': False,
            'tasks': play_tasks}
    if module_defaults:
        play['module_defaults'] = module_defaults
    path = os.path.join(str(directory), 'play.yml')
    with open(path, 'w') as handle:
        yaml.safe_dump([play], handle, sort_keys=False)
    return path, dump


def run_playbook(directory, collections_path, tasks, check=False, diff=False, env=None, verbosity=0, module_defaults=None,
                 timeout=300):
    """Run ``tasks`` in one play with ansible-playbook; return a PlaybookRun."""
    path, dump = write_play(directory, tasks, module_defaults)
    command = [os.path.join(BIN, 'ansible-playbook'), '-i', 'localhost,', path]
    if check:
        command.append('--check')
    if diff:
        command.append('--diff')
    if verbosity:
        command.append('-' + 'v' * verbosity)
    process = subprocess.run(command, env=playbook_env(collections_path, env), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, universal_newlines=True, timeout=timeout, check=False)
    results = {}
    if os.path.exists(dump):
        with open(dump) as handle:
            results = json.load(handle)
    return PlaybookRun(process, results)


@pytest.fixture
def playbook(tmp_path, collections_path):
    """Run a list of tasks as a play (see run_playbook); every task registers result_<index>."""
    counter = []

    def run(tasks, **kwargs):
        counter.append(1)
        directory = tmp_path / ('run%d' % len(counter))
        directory.mkdir()
        return run_playbook(directory, collections_path, tasks, **kwargs)

    return run


def task(module, emulator, **args):
    """A task calling ``module`` with the emulator's connection options and ``args``."""
    options = connection(emulator)
    options.update(args)
    return {'name': textwrap.shorten('%s %s' % (module, args), 80), module: options}


def seeded(app_name, stream_name='', domain=DOMAIN, **fields):
    """An API-shaped config for the emulator's seed call."""
    config = dict(DomainName=domain, AppName=app_name, StreamName=stream_name, VodTranscodeGroupId='group-a')
    config.update(fields)
    return config


# What the emulator lists for today's fields when a config never set them.
TODAY_DEFAULTS = dict(RecordContent='raw', SpaceId='', TranscodeTemplates=[], FormatConfig=False,
                      RecordFormatList={'RecordFormat': []})


def without_today_defaults(config):
    """A stored config without today's fields where they hold their defaults (DelayTime is listed only when set), so
    that tests about the older fields compare those exactly; a today's field with another value still shows."""
    return dict((key, value) for key, value in config.items() if key not in TODAY_DEFAULTS or value != TODAY_DEFAULTS[key])


def stored_by_key(emulator):
    """The emulator's configs of the test domain by their key, app or app/stream."""
    return dict(('%s/%s' % (c['AppName'], c['StreamName']) if c['StreamName'] else c['AppName'], c)
                for c in emulator.configs() if c['DomainName'] == DOMAIN)


def actions_by_key(result):
    return dict((entry['key'], entry['action']) for entry in result['actions'])
