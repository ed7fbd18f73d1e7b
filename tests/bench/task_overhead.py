# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark: the wall time of a no-op task of the collection against an ansible.builtin.ping task.

The no-op task is ``live_record_vod_config_info`` on a domain without configurations: the
module starts, resolves its credentials, imports the SDK, makes one Describe call to the
local emulator and changes nothing. A second series takes the credentials from a CLI profile
instead of options. The tasks alternate in one ansible-playbook run, so the machine's load
weighs on every series alike; a callback plugin times each task. Prints the median of each
series and the ratio to ping.

    .venv/bin/python tests/bench/task_overhead.py [--tasks 20] [--rounds 1] [--compare PATH]

--compare measures another checkout of the collection too (main, for a before/after): the
two run in turns, --rounds times each, so that both see the same changes of load.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

from alicloud_live_emulator.client import DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, EmulatorProcess

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.dirname(sys.executable)

CALLBACK = '''
import json, os, time
from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'aggregate'
    CALLBACK_NAME = 'task_timer'
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self):
        super().__init__()
        self.started = None
        self.times = []

    def v2_playbook_on_task_start(self, task, is_conditional):
        self.started = (task.get_name(), time.monotonic())

    def _done(self, result, ok):
        name, start = self.started
        self.times.append({'task': name, 'seconds': time.monotonic() - start, 'ok': ok})

    def v2_runner_on_ok(self, result):
        self._done(result, True)

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._done(result, False)

    def v2_playbook_on_stats(self, stats):
        with open(os.environ['TASK_TIMES'], 'w') as handle:
            json.dump(self.times, handle)
'''


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--tasks', type=int, default=20, help='tasks of each kind per round (default 20)')
    parser.add_argument('--rounds', type=int, default=1, help='runs of each checkout, in turns (default 1)')
    parser.add_argument('--compare', help='another checkout of alicloud.live to measure in turns with this one')
    args = parser.parse_args()
    checkouts = [REPO] + ([os.path.abspath(args.compare)] if args.compare else [])
    durations = dict((checkout, {}) for checkout in checkouts)
    work = tempfile.mkdtemp(prefix='task-overhead-')
    try:
        with EmulatorProcess.start(work) as emulator:
            for round_number in range(args.rounds):
                for index, checkout in enumerate(checkouts):
                    run_dir = os.path.join(work, 'run-%d-%d' % (round_number, index))
                    for name, seconds in measure(args.tasks, run_dir, emulator.url, checkout).items():
                        durations[checkout].setdefault(name, []).extend(seconds)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for checkout in checkouts:
        report(checkout, durations[checkout], args.tasks * args.rounds)
    return 0


def report(checkout, durations, expected):
    print('%s: %d tasks of each kind' % (checkout, expected))
    ping = statistics.median(durations['ping'])
    for name, seconds in durations.items():
        if len(seconds) < expected:
            # A checkout without CLI profiles, say: the series is not comparable.
            print('  %-20s %d of %d tasks failed' % (name, expected - len(seconds), expected))
            continue
        median = statistics.median(seconds)
        print('  %-20s median %6.3f s   %.2fx ping' % (name, median, median / ping))


def measure(count, work, endpoint, checkout):
    """Run the play once; return {series: [seconds of each task that succeeded]}."""
    namespace = os.path.join(work, 'collections', 'ansible_collections', 'alicloud')
    os.makedirs(namespace)
    os.symlink(checkout, os.path.join(namespace, 'live'))
    callbacks = os.path.join(work, 'callbacks')
    os.makedirs(callbacks)
    with open(os.path.join(callbacks, 'task_timer.py'), 'w') as handle:
        handle.write(CALLBACK)
    home = os.path.join(work, 'home')
    os.makedirs(os.path.join(home, '.aliyun'))
    with open(os.path.join(home, '.aliyun', 'config.json'), 'w') as handle:
        json.dump({'current': 'default', 'profiles': [{'name': 'default', 'mode': 'AK', 'access_key_id': DEMO_ACCESS_KEY_ID,
                                                       'access_key_secret': DEMO_ACCESS_KEY_SECRET}]}, handle)
    keys = dict(access_key_id=DEMO_ACCESS_KEY_ID, access_key_secret=DEMO_ACCESS_KEY_SECRET)
    series = {
        'ping': {'ansible.builtin.ping': {}},
        'info (options)': {'alicloud.live.live_record_vod_config_info': dict(keys, domain_name='demo.example.com', endpoint=endpoint)},
        'info (CLI profile)': {'alicloud.live.live_record_vod_config_info': dict(domain_name='demo.example.com', endpoint=endpoint)},
    }
    tasks = []
    for index in range(count):
        for name, body in series.items():
            # Failed tasks are left out of the series; ignore_errors keeps the play going.
            tasks.append(dict(body, name='%s %d' % (name, index), ignore_errors=True))
    play = [{'hosts': 'localhost', 'connection': 'local', 'gather_facts': False, 'tasks': tasks}]
    playbook = os.path.join(work, 'play.json')
    with open(playbook, 'w') as handle:
        json.dump(play, handle)
    times_file = os.path.join(work, 'times.json')
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=os.path.join(work, 'collections'), ANSIBLE_CALLBACK_PLUGINS=callbacks,
               ANSIBLE_CALLBACKS_ENABLED='task_timer', ANSIBLE_PYTHON_INTERPRETER=sys.executable, TASK_TIMES=times_file,
               ANSIBLE_LOCALHOST_WARNING='false', ANSIBLE_INVENTORY_UNPARSED_WARNING='false', HOME=home,
               PATH=BIN + os.pathsep + os.environ.get('PATH', ''))
    for name in list(env):
        if name.startswith(('ALIBABA_CLOUD_', 'ALICLOUD_')) or name.lower() in ('http_proxy', 'https_proxy'):
            del env[name]
    subprocess.run([os.path.join(BIN, 'ansible-playbook'), '-i', 'localhost,', playbook], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    with open(times_file) as handle:
        times = json.load(handle)
    return dict((name, [entry['seconds'] for entry in times if entry['task'].startswith(name + ' ') and entry['ok']])
                for name in series)


if __name__ == '__main__':
    sys.exit(main())
