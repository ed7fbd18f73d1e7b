# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark: a loop of live_record_vod_config against one live_record_vod_configs task.

Usage (``make bench`` runs it with the right environment)::

    python tests/bench/bench.py [--sizes 10,100,1000] [--quick] [--no-rate-limit-run]

Against a local emulator, for each size N (configs on one domain) and each run
(create from empty, no-op rerun, 10 % drift), runs (a) the single module in a loop and
(b) the resource module once, counts the API calls by action from the emulator's request
log and times the task. Then times one no-op single-module task against one
ansible.builtin.ping task in the same play, and 1,000 creates with the emulator
enforcing the real limit of 1,000 calls per minute per action.

Prints the table and writes it to docs/docsite/rst/benchmark.rst, the chart to
docs/benchmark/loop_vs_bulk.png and the raw figures to docs/benchmark/results.json.
"""

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import yaml

from alicloud_live_emulator.client import EmulatorProcess

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

DOMAIN = 'live.example.com'
TRANSCODE_GROUP = 'VOD_NO_TRANSCODE'
ACTIONS = (('Describe', 'DescribeLiveRecordVodConfigs'), ('Add', 'AddLiveRecordVodConfig'),
           ('Update', 'UpdateLiveRecordVodConfig'), ('Delete', 'DeleteLiveRecordVodConfig'))
RUNS = ('create', 'no-op', 'drift 10%')
# (key, label in the table, label in the chart)
APPROACHES = (('loop', 'a: loop', 'a: loop of live_record_vod_config'), ('bulk', 'b: bulk', 'b: one live_record_vod_configs task'))
# The loop costs about 0.3 s per config: the median of several runs where that is cheap,
# one run at 1,000 configs (three loop runs of five to ten minutes each).
REPEATS = {10: 3, 100: 1, 1000: 1}
PER_TASK_BLOCK = 10
PER_TASK_BLOCKS = 5
REAL_LIMIT = 1000
# The resource module's default rate_limit; it lets a tenth of it through as a first burst.
MODULE_RATE_LIMIT = 900
REAL_LIMIT_CREATES = 1000
# High enough that the emulator never throttles the comparison runs: only the module's own
# pacing (rate_limit, default 900 per minute per action) counts there.
UNTHROTTLED = 10 ** 6

# The parallel case: one domain per inventory host, every host's creates in one resource-module
# task, all hosts at once (forks), against the emulator at the account's real limit.
PARALLEL_HOSTS = 5
PARALLEL_CREATES = 300
# The account's 1,000 less a margin for the jitter of the calls' arrival.
PARALLEL_RATE_LIMIT = 990
PARALLEL_MODES = (('shared', 'shared budget (this release)'),
                  ('per-process', 'per-process pacing (each fork alone, as before)'))

RST = os.path.join(REPO, 'docs', 'docsite', 'rst', 'benchmark.rst')
OUT_DIR = os.path.join(REPO, 'docs', 'benchmark')
CHART = os.path.join(OUT_DIR, 'loop_vs_bulk.png')
RESULTS = os.path.join(OUT_DIR, 'results.json')


def wanted_configs(size):
    """N configs on one domain: ten streams per application, each app's first one app-level."""
    configs = []
    for index in range(size):
        config = {'app_name': 'app%03d' % (index // 10), 'vod_transcode_group_id': TRANSCODE_GROUP, 'cycle_duration': 3600}
        if index % 10:
            config['stream_name'] = 'stream%d' % (index % 10)
        configs.append(config)
    return configs


def drifted(configs):
    """API-shaped configs for every tenth config, changed out of band (as in the console)."""
    return [{'DomainName': DOMAIN, 'AppName': config['app_name'], 'StreamName': config.get('stream_name', ''),
             'VodTranscodeGroupId': TRANSCODE_GROUP, 'CycleDuration': 7200}
            for config in configs[::10]]


def timed_play(segments, result_path):
    """A play that runs each segment's tasks and writes a controller timestamp around each to result_path."""
    tasks = []
    for index, segment_tasks in enumerate(segments):
        tasks.append({'name': 'Clock %d' % index, 'ansible.builtin.set_fact': {'bench_clock_%d' % index: '{{ now().timestamp() }}'}})
        tasks.extend(segment_tasks)
    last = len(segments)
    tasks.append({'name': 'Clock %d' % last, 'ansible.builtin.set_fact': {'bench_clock_%d' % last: '{{ now().timestamp() }}'}})
    clocks = ', '.join('bench_clock_%d | float' % index for index in range(last + 1))
    tasks.append({'name': 'Write the clocks', 'ansible.builtin.copy': {
        'content': '{{ [%s] | to_json }}' % clocks, 'dest': result_path, 'mode': '0600'}})
    return [{'name': 'benchmark', 'hosts': 'localhost', 'connection': 'local', 'gather_facts': False, 'tasks': tasks}]


def loop_task():
    return {
        'name': 'Loop of the single module',
        'alicloud.live.live_record_vod_config': {
            'domain_name': DOMAIN,
            'app_name': '{{ item.app_name }}',
            'stream_name': '{{ item.stream_name | default(omit) }}',
            'vod_transcode_group_id': '{{ item.vod_transcode_group_id }}',
            'cycle_duration': '{{ item.cycle_duration }}',
        },
        'loop': '{{ bench_configs }}',
        'loop_control': {'label': "{{ item.app_name }}/{{ item.stream_name | default('') }}"},
    }


def bulk_task():
    return {
        'name': 'The resource module',
        'alicloud.live.live_record_vod_configs': {'domain_name': DOMAIN, 'config': '{{ bench_configs }}', 'state': 'merged'},
    }


class Bench:
    """Runs playbooks against one emulator and collects the figures."""

    def __init__(self, process, work_dir, collections_path):
        self.emulator = process.client
        self.work_dir = work_dir
        # The emulator's demo account, as an AWX credential would inject it.
        self.env = process.environ()
        self.env.update({
            'ANSIBLE_COLLECTIONS_PATH': collections_path,
            'ANSIBLE_PYTHON_INTERPRETER': sys.executable,
            'ANSIBLE_LOCALHOST_WARNING': 'false',
            'ANSIBLE_INVENTORY_UNPARSED_WARNING': 'false',
            'ANSIBLE_NOCOLOR': '1',
        })
        self.counter = 0

    def reset(self, rate_limit=UNTHROTTLED):
        """An empty domain, an empty request log and the emulator's limit for every action."""
        self.emulator.reset()
        self.emulator.settings(rate_limit_per_minute=rate_limit)

    def play(self, segments, configs):
        """Run the segments (lists of tasks) in one play with bench_configs set.

        Return (seconds of each segment, API calls by action of the whole play).
        """
        self.counter += 1
        base = os.path.join(self.work_dir, 'run%04d' % self.counter)
        result_path = base + '.json'
        with open(base + '.vars.yml', 'w', encoding='utf-8') as handle:
            yaml.safe_dump({'bench_configs': configs}, handle)
        with open(base + '.yml', 'w', encoding='utf-8') as handle:
            yaml.safe_dump(timed_play(segments, result_path), handle, sort_keys=False)
        self.emulator.clear_requests()
        with open(base + '.log', 'w', encoding='utf-8') as log:
            process = subprocess.run([os.path.join(os.path.dirname(sys.executable), 'ansible-playbook'), '-i', 'localhost,',
                                      '-e', '@' + base + '.vars.yml', base + '.yml'],
                                     env=self.env, stdout=log, stderr=subprocess.STDOUT, check=False)
        if process.returncode != 0:
            with open(base + '.log', encoding='utf-8') as log:
                raise RuntimeError('ansible-playbook failed (exit %d), see %s:\n%s' % (process.returncode, base + '.log', log.read()[-4000:]))
        with open(result_path, encoding='utf-8') as handle:
            clocks = json.load(handle)
        return [end - start for start, end in zip(clocks, clocks[1:])], self.calls()

    def calls(self):
        """API calls in the request log, by action; throttled answers counted apart."""
        return self.count(self.emulator.requests())

    def compare(self, size, repeats, loop_sample=None):
        """Both approaches, the three runs, ``repeats`` times; the median time of each.

        With loop_sample smaller than size, the loop runs over the first loop_sample configs
        and its time and calls are scaled by size / loop_sample: the single module reads one
        config by name, so a loop item costs the same whatever the size of the domain.
        """
        configs = wanted_configs(size)
        figures = {}
        for approach, _label, _title in APPROACHES:
            task = loop_task() if approach == 'loop' else bulk_task()
            sampled = approach == 'loop' and loop_sample and loop_sample < size
            run_configs = configs[:loop_sample] if sampled else configs
            scale = float(size) / len(run_configs)
            samples = dict((run, []) for run in RUNS)
            for _repeat in range(repeats):
                self.reset()
                samples['create'].append(self.play([[task]], run_configs))
                samples['no-op'].append(self.play([[task]], run_configs))
                self.emulator.seed(configs=drifted(run_configs))
                samples['drift 10%'].append(self.play([[task]], run_configs))
            for run in RUNS:
                times = [seconds[0] * scale for seconds, _calls in samples[run]]
                calls = dict((name, int(round(count * scale))) for name, count in samples[run][-1][1].items())
                entry = {'seconds': statistics.median(times), 'samples': times, 'calls': calls}
                if sampled:
                    entry['scaled_from'] = len(run_configs)
                figures['%s/%s' % (approach, run)] = entry
                print('  N=%-5d %-4s %-9s %8.2f s  %s%s' % (size, approach, run, entry['seconds'],
                                                            ' '.join('%s=%d' % item for item in calls.items()),
                                                            ' (scaled from %d)' % len(run_configs) if sampled else ''), flush=True)
        return figures

    def per_task_cost(self):
        """No-op single-module tasks against ping tasks, in the same play.

        Blocks of ten of each alternate, so that a load that comes and goes on the machine
        weighs on both alike.
        """
        configs = wanted_configs(PER_TASK_BLOCK)
        self.reset()
        self.play([[loop_task()]], configs)
        ping = {'name': 'ping', 'ansible.builtin.ping': {}, 'loop': '{{ bench_configs }}',
                'loop_control': {'label': '{{ item.app_name }}'}}
        seconds, calls = self.play([[ping], [loop_task()]] * PER_TASK_BLOCKS, configs)
        ping_seconds, module_seconds = sum(seconds[0::2]), sum(seconds[1::2])
        tasks = PER_TASK_BLOCK * PER_TASK_BLOCKS
        return {'tasks': tasks, 'ping_seconds': ping_seconds / tasks, 'module_seconds': module_seconds / tasks,
                'ratio': module_seconds / ping_seconds, 'calls': calls}

    def real_limit(self):
        """1,000 creates while the emulator enforces the real limit."""
        self.reset(rate_limit=REAL_LIMIT)
        (seconds,), calls = self.play([[bulk_task()]], wanted_configs(REAL_LIMIT_CREATES))
        self.reset()
        floor = 60.0 * REAL_LIMIT_CREATES / REAL_LIMIT
        return {'creates': REAL_LIMIT_CREATES, 'limit_per_minute': REAL_LIMIT, 'seconds': seconds, 'calls': calls,
                'floor_seconds': floor, 'ratio': seconds / floor}

    def parallel(self, mode):
        """PARALLEL_HOSTS domains, one host each, forks PARALLEL_HOSTS, PARALLEL_CREATES creates per domain.

        ``mode`` 'shared': every fork draws from one budget directory; 'per-process': the budget
        directory cannot be used, so each module process paces only itself (the collection's
        fallback, and how every release before the shared budget paced).
        """
        self.reset(rate_limit=REAL_LIMIT)
        hosts = ['bench%d' % index for index in range(PARALLEL_HOSTS)]
        self.emulator.seed(domains=['%s.example.com' % host for host in hosts])
        self.counter += 1
        base = os.path.join(self.work_dir, 'parallel%04d' % self.counter)
        os.makedirs(base)
        inventory = {'all': {'hosts': dict((host, {'ansible_connection': 'local', 'live_domain': '%s.example.com' % host})
                                           for host in hosts)}}
        play = [{'name': 'parallel', 'hosts': 'all', 'gather_facts': False, 'tasks': [{
            'name': 'Create the configs of the domain',
            'alicloud.live.live_record_vod_configs': {'domain_name': '{{ live_domain }}', 'config': '{{ bench_configs }}',
                                                      'rate_limit': PARALLEL_RATE_LIMIT}}]}]
        for name, content in (('inventory.yml', inventory), ('play.yml', play), ('vars.yml', {'bench_configs': wanted_configs(PARALLEL_CREATES)})):
            with open(os.path.join(base, name), 'w', encoding='utf-8') as handle:
                yaml.safe_dump(content, handle, sort_keys=False)
        env = dict(self.env)
        if mode == 'shared':
            env['ALIBABA_CLOUD_LIVE_BUDGET_DIR'] = os.path.join(base, 'budget')
        else:
            # A directory that cannot be created (its parent is a file): every process falls back to its own pacing.
            blocker = os.path.join(base, 'not-a-directory')
            open(blocker, 'w').close()
            env['ALIBABA_CLOUD_LIVE_BUDGET_DIR'] = os.path.join(blocker, 'budget')
        self.emulator.clear_requests()
        started = time.monotonic()
        with open(os.path.join(base, 'run.log'), 'w', encoding='utf-8') as log:
            process = subprocess.run([os.path.join(os.path.dirname(sys.executable), 'ansible-playbook'),
                                      '-i', os.path.join(base, 'inventory.yml'), '-f', str(PARALLEL_HOSTS),
                                      '-e', '@' + os.path.join(base, 'vars.yml'), os.path.join(base, 'play.yml')],
                                     env=env, stdout=log, stderr=subprocess.STDOUT, check=False)
        seconds = time.monotonic() - started
        log = self.emulator.requests()
        adds = sorted(entry['time'] for entry in log if entry['action'] == 'AddLiveRecordVodConfig' and not entry.get('code'))
        creates = PARALLEL_HOSTS * PARALLEL_CREATES
        floor = 60.0 * creates / REAL_LIMIT
        stored = len(self.emulator.configs())
        self.reset()
        return {'mode': mode, 'hosts': PARALLEL_HOSTS, 'forks': PARALLEL_HOSTS, 'creates': creates,
                'rate_limit': PARALLEL_RATE_LIMIT, 'limit_per_minute': REAL_LIMIT, 'seconds': seconds,
                'adds_seconds': adds[-1] - adds[0] if len(adds) > 1 else 0.0, 'floor_seconds': floor,
                'ratio': seconds / floor, 'calls': self.count(log), 'created': stored, 'rc': process.returncode}

    @staticmethod
    def count(log):
        counts = dict((short, sum(1 for entry in log if entry['action'] == action)) for short, action in ACTIONS)
        counts['throttled'] = sum(1 for entry in log if entry.get('code') == 'Throttling.User')
        return counts


# ---- report ------------------------------------------------------------------------------

def ratio(numerator, denominator):
    return numerator / denominator if denominator else float('nan')


def call_rows(results):
    """The calls table: one row per (N, run, approach)."""
    rows = []
    for size in results['sizes']:
        figures = results['compare'][str(size)]
        for run in RUNS:
            for approach, label, _title in APPROACHES:
                entry = figures['%s/%s' % (approach, run)]
                calls = entry['calls']
                total = sum(calls[short] for short, _action in ACTIONS)
                # A loop measured on a sample and scaled is marked with an asterisk.
                rows.append([str(size), run, label + ('*' if entry.get('scaled_from') else '')]
                            + ['%d' % calls[short] for short, _action in ACTIONS] + ['%d' % total])
    return rows


def time_rows(results):
    """The time table: one row per (N, run), both approaches side by side with the two ratios."""
    rows = []
    for size in results['sizes']:
        figures = results['compare'][str(size)]
        for run in RUNS:
            loop, bulk = figures['loop/' + run], figures['bulk/' + run]
            loop_calls = sum(loop['calls'][short] for short, _action in ACTIONS)
            bulk_calls = sum(bulk['calls'][short] for short, _action in ACTIONS)
            rows.append([str(size), run, '%.1f%s' % (loop['seconds'], '*' if loop.get('scaled_from') else ''),
                         '%.2f' % (loop['seconds'] / size), '%.2f' % bulk['seconds'],
                         '%.3f' % ratio(bulk_calls, loop_calls), '%.4f' % ratio(bulk['seconds'], loop['seconds'])])
    return rows


CALL_HEADER = ['N', 'run', 'approach'] + [short for short, _action in ACTIONS] + ['calls']
TIME_HEADER = ['N', 'run', 'a: loop s', 'a: s per config', 'b: bulk s', 'calls b/a', 'time b/a']


def text_table(header, rows):
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows)]
    lines = ['  '.join(cell.ljust(width) if index < 2 else cell.rjust(width) for index, (cell, width) in enumerate(zip(row, widths)))
             for row in [header] + rows]
    lines.insert(1, '  '.join('-' * width for width in widths))
    return '\n'.join(lines)


def rst_table(header, rows, widths=None):
    lines = ['.. list-table::', '   :header-rows: 1']
    if widths:
        lines.append('   :widths: %s' % ' '.join(str(width) for width in widths))
    lines.append('')
    for row in [header] + rows:
        lines.append('   * - ' + (row[0] or ' '))
        lines.extend('     - ' + (cell or ' ') for cell in row[1:])
    return lines


def parallel_rows(results):
    rows = []
    for mode, label in PARALLEL_MODES:
        entry = (results.get('parallel') or {}).get(mode)
        if entry:
            failed = entry['creates'] - entry['created']
            rows.append([label, '%d' % entry['calls']['Add'], '%d' % entry['calls']['throttled'], '%d' % failed,
                         '%.1f' % entry['seconds'], '%.3fx' % entry['ratio'], '%.1f' % entry['adds_seconds'],
                         '%.3fx' % (entry['adds_seconds'] / entry['floor_seconds'])])
    return rows


PARALLEL_HEADER = ['pacing', 'Add calls', 'throttled', 'configs missing', 'wall s', 'wall / floor', 'adds s', 'adds / floor']


def odd_figures(results):
    """Sentences that explain the loop's per-config times, from the figures themselves."""
    compare = results['compare']
    if not all(str(size) in compare for size in (10, 100, 1000)):
        return []
    per = dict((size, compare[str(size)]['loop/no-op']['seconds'] / size) for size in (10, 100, 1000))
    create = compare['1000']['loop/create']['seconds'] / 1000
    loads = results['load_average']
    return [
        'Reading the loop\'s times',
        '------------------------',
        '',
        'A no-op loop item makes one API call, which the emulator answers in milliseconds; the rest of the item is '
        'the price of an Ansible task, which grows with the load of the machine. So the loop\'s time per config '
        'follows the load at the moment it ran, not N: a no-op item took %.2f s at N=10, %.2f s at N=100 and '
        '%.2f s at N=1,000, on 2 shared cores whose load average read %s after each size. That is why the '
        '10-config no-op loop (%.1f s) is not a tenth of the 100-config one (%.1f s).' % (
            per[10], per[100], per[1000],
            ', '.join('%.1f (N=%s)' % (load, size) for load, size in zip(loads[1:], results['sizes'])),
            compare['10']['loop/no-op']['seconds'], compare['100']['loop/no-op']['seconds']),
        '',
        'The 1,000-config loop figures are scaled from a sample of 100 configs, each run minutes apart. A create '
        'item makes three calls and a no-op item one, a difference of milliseconds against the emulator, far below '
        'the variation of the task price with the load: the sampled create loop ran at %.2f s per config and the '
        'no-op loop at %.2f s, hence an extrapolated no-op loop (%.0f s) slower than the create loop (%.0f s). '
        'Compare the calls, which do not depend on the load, and the column of seconds per config, which shows the '
        'load; the ratios b/a hold at every size by orders of magnitude either way.' % (
            create, per[1000], compare['1000']['loop/no-op']['seconds'], compare['1000']['loop/create']['seconds']),
        '',
    ]


def targets(results):
    """(description, met) for each target of the benchmark."""
    checks = []
    if '1000' in results['compare']:
        noop_loop = results['compare']['1000']['loop/no-op']
        noop_bulk = results['compare']['1000']['bulk/no-op']
        describes = noop_bulk['calls']['Describe']
        speedup = ratio(noop_loop['seconds'], noop_bulk['seconds'])
        checks.append(('no-op over 1,000 configs: %d Describe calls (target 10)' % describes, describes == 10))
        checks.append(('no-op over 1,000 configs: %.0fx faster than the loop (target at least 100x)' % speedup, speedup >= 100))
    if results.get('real_limit'):
        real = results['real_limit']
        checks.append(('1,000 creates at the real limit: %.1f s, %.2fx the 60 s floor (target at most 1.2x)'
                       % (real['seconds'], real['ratio']), real['ratio'] <= 1.2))
    shared = (results.get('parallel') or {}).get('shared')
    if shared:
        checks.append(('%d forks x %d creates on one account, shared budget: %d throttled answers (target 0)'
                       % (shared['forks'], shared['creates'] // shared['hosts'], shared['calls']['throttled']),
                       shared['calls']['throttled'] == 0))
        checks.append(('%d forks x %d creates on one account, shared budget: the whole run %.1f s, %.3fx the %.0f s floor '
                       '(target at most 1.1x)' % (shared['forks'], shared['creates'] // shared['hosts'], shared['seconds'],
                                                  shared['ratio'], shared['floor_seconds']), shared['ratio'] <= 1.1))
        checks.append(('%d forks x %d creates on one account, shared budget: the adds %.1f s, %.3fx the %.0f s floor '
                       '(target at most 1.1x)' % (shared['forks'], shared['creates'] // shared['hosts'], shared['adds_seconds'],
                                                  shared['adds_seconds'] / shared['floor_seconds'], shared['floor_seconds']),
                       shared['adds_seconds'] / shared['floor_seconds'] <= 1.1))
    return checks


def write_rst(results, path):
    per_task = results['per_task']
    real = results.get('real_limit')
    lines = [
        '.. Generated by `make bench` (tests/bench/bench.py): edit the script, not this page.',
        '',
        '.. _ansible_collections.alicloud.live.docsite.benchmark:',
        '',
        'Benchmark: a loop of the single module against the resource module',
        '==================================================================',
        '',
        'Managing the configs of one domain two ways, against the local emulator of the Live API:',
        '',
        '- **a**: :ansplugin:`alicloud.live.live_record_vod_config#module` in a ``loop``, one task per config;',
        '- **b**: one :ansplugin:`alicloud.live.live_record_vod_configs#module` task with every config in ``config``',
        '  (``state: merged``, default ``concurrency`` 4 and ``rate_limit`` 900 calls per minute per action).',
        '',
        'For each number of configs N, three runs: **create** from an empty domain, a **no-op** rerun, and '
        '**drift 10%**, after every tenth config had its recording cycle changed out of band. API calls are '
        'counted by action from the emulator\'s request log; the wall time is the task\'s, measured on the '
        'controller. The emulator does not throttle these runs, so only the module\'s own pacing counts.',
        '',
        'Run on %s: %s, Python %s, ansible-core %s, %d CPU cores, load average %s during the run; the whole '
        'benchmark took %.0f minutes. Runs per size: %s; the table shows the median time. Wall times depend on the load of the '
        'machine; the calls do not, and the ratios b/a compare runs made minutes apart.' % (
            results['date'], results['machine'], results['python'], results['ansible_core'], results['cpus'],
            ' to '.join('%.1f' % value for value in (min(results['load_average']), max(results['load_average']))),
            results['total_seconds'] / 60.0,
            ', '.join('%d at N=%s' % (results['repeats'][str(size)], size) for size in results['sizes'])),
        '',
        'Time',
        '----',
        '',
        'The wall time of the task, both approaches side by side; the last two columns are the headline: the calls '
        'and the time of one resource-module task as a fraction of the loop\'s.',
        '',
    ]
    lines += rst_table(TIME_HEADER, time_rows(results), widths=[6, 10, 10, 10, 10, 10, 10])
    lines += [
        '',
        '.. image:: ../../benchmark/loop_vs_bulk.png',
        '   :alt: Wall time of the loop and of the resource module at each N, for the create, no-op and drift runs, '
        'on logarithmic scales',
        '   :width: 100%',
        '',
        'API calls',
        '---------',
        '',
        'Counted by action from the emulator\'s request log.',
        '',
    ]
    lines += rst_table(CALL_HEADER, call_rows(results), widths=[6, 10, 10, 9, 9, 9, 9, 9])
    sampled = sorted(set(entry['scaled_from'] for figures in results['compare'].values() for entry in figures.values()
                         if entry.get('scaled_from')))
    if sampled:
        lines += [
            '',
            '\\* At the sizes marked, the loop ran over the first %s configs (``--loop-sample``) and its time and '
            'calls were multiplied by N divided by that number. A loop item costs the same whatever the size of the '
            'domain (the single module reads one config by name), and the full loop at N=1,000 takes three runs of '
            'five minutes or more each on a quiet machine.' % ' or '.join(str(value) for value in sampled),
        ]
    lines += [
        '',
        '``docs/benchmark/results.json`` in the repository holds every figure.',
        '',
    ]
    lines += odd_figures(results)
    lines += [
        'Cost of one task',
        '----------------',
        '',
        'In the same play, %d no-op :ansplugin:`alicloud.live.live_record_vod_config#module` tasks took '
        '%.3f s each and %d ``ansible.builtin.ping`` tasks %.3f s each: one no-op config task costs '
        '**%.1fx** a ping. Most of a loop item is the price of a task, which the resource module pays once.' % (
            per_task['tasks'], per_task['module_seconds'], per_task['tasks'], per_task['ping_seconds'], per_task['ratio']),
        '',
    ]
    if real:
        lines += [
            'At the real rate limit',
            '----------------------',
            '',
            'With the emulator enforcing %d calls per minute per action, as the API does for an account, '
            '%d creates from an empty domain took **%.1f s**: %.2fx the %.0f s floor that the limit sets. '
            'The module paced itself with its defaults as they were on %s: 900 calls per minute per action after a '
            'burst of a tenth of that, with 4 writes in flight, which puts its own floor at %.1f s (the shared budget '
            'has no first burst: at 900 per minute its floor is %.1f s). Calls: %s.%s' % (
                real['limit_per_minute'], real['creates'], real['seconds'], real['ratio'], real['floor_seconds'], results['date'],
                (real['creates'] - MODULE_RATE_LIMIT // 10) * 60.0 / MODULE_RATE_LIMIT,
                (real['creates'] - 1) * 60.0 / MODULE_RATE_LIMIT, ', '.join('%s %d' % item for item in real['calls'].items()),
                ' No call was throttled: the time above that floor is the cost of the calls on this machine '
                '(see its load above).' if not real['calls'].get('throttled') else ''),
            '',
        ]
    parallel = results.get('parallel') or {}
    if parallel:
        some = list(parallel.values())[0]
        lines += [
            'A whole account in parallel',
            '---------------------------',
            '',
            '%d domains of one account, one inventory host each, run with ``forks: %d``: each host creates %d configs '
            'in one resource-module task, %d creates in all, against the emulator enforcing the account\'s %d calls '
            'per minute per action. The limit sets a floor of %.0f s. Every task has ``rate_limit: %d`` (the limit '
            'less a margin for the jitter of arrivals). The wall time is the whole ``ansible-playbook`` run, start-up '
            'and the reads before and after the writes included; *adds s* is the time from the first accepted '
            '``AddLiveRecordVodConfig`` to the last, from the emulator\'s request log. Run on %s, load average %.1f '
            'on 2 cores.' % (
                some['hosts'], some['forks'], some['creates'] // some['hosts'], some['creates'], some['limit_per_minute'],
                some['floor_seconds'], some['rate_limit'], results.get('parallel_date', results['date']),
                results.get('parallel_load_average', max(results['load_average']))),
            '',
        ]
        lines += rst_table(PARALLEL_HEADER, parallel_rows(results), widths=[24, 8, 8, 8, 8, 8, 8, 8])
        lines += [
            '',
            'With the shared budget the forks draw from one schedule per account and action: together they send at '
            'the rate, spread evenly, and the service throttles nothing; the adds take the time the rate allows. The '
            'rest of the wall time is Ansible starting the run and the forks (several seconds on a loaded machine) and '
            'each domain\'s reads before and after its writes. Paced each on its own, five forks send up to five times '
            'the rate: the service drops the excess as throttled, the calls are retried, each fork slows down only '
            'after its own throttled answers, and the configs whose retries ran out are missing at the end (the task '
            'fails for them; a rerun adds them). The per-process row is what a controller gets when the budget '
            'directory cannot be used (the modules then warn); releases before the shared budget paced the same way, '
            'each process alone, with a first burst of a tenth of the rate and no slow-down after throttling.',
            '',
        ]
    lines += ['Targets', '-------', '']
    lines += ['- %s: %s' % (text, 'met' if met else '**missed**') for text, met in targets(results)]
    command = 'make bench' + (" BENCH_ARGS='--loop-sample %d'" % results['loop_sample'] if results.get('loop_sample') else '')
    lines += ['', 'This page comes from ``%s``, which took %.0f minutes here; most of it is the loop. '
              '``make bench`` alone measures the loop at every size in full.' % (command, results['total_seconds'] / 60.0), '']
    with open(path, 'w', encoding='utf-8') as handle:
        handle.write('\n'.join(lines))


def draw_chart(results, path):
    import matplotlib  # pylint: disable=import-outside-toplevel
    matplotlib.use('Agg')
    from matplotlib import pyplot  # pylint: disable=import-outside-toplevel

    sizes = results['sizes']
    figure, axes = pyplot.subplots(1, len(RUNS), figsize=(13, 4.2), sharey=True)
    for axis, run in zip(axes, RUNS):
        for approach, _label, title in APPROACHES:
            seconds = [results['compare'][str(size)]['%s/%s' % (approach, run)]['seconds'] for size in sizes]
            axis.plot(sizes, seconds, marker='o', label=title)
        for size in sizes:
            loop = results['compare'][str(size)]['loop/' + run]['seconds']
            bulk = results['compare'][str(size)]['bulk/' + run]['seconds']
            axis.annotate('%.0fx' % ratio(loop, bulk), (size, bulk), textcoords='offset points', xytext=(0, 7),
                          ha='center', fontsize=8)
        axis.set_xscale('log')
        axis.set_yscale('log')
        axis.set_xticks(sizes)
        axis.set_xticklabels([str(size) for size in sizes])
        axis.set_title(run)
        axis.set_xlabel('configs on the domain (N)')
        axis.grid(True, which='both', alpha=0.3)
    axes[0].set_ylabel('wall time of the task (s)')
    axes[0].legend(loc='upper left', fontsize=8)
    figure.suptitle('Loop of the single module vs one resource-module task (labels: how many times faster)')
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    pyplot.close(figure)


def ansible_core_version():
    from ansible.release import __version__  # pylint: disable=import-outside-toplevel
    return __version__


def report(results, write_docs):
    """Print the figures; write the docs unless told not to; return the exit code."""
    print()
    print(text_table(TIME_HEADER, time_rows(results)))
    print()
    print(text_table(CALL_HEADER, call_rows(results)))
    if results.get('parallel'):
        print()
        print(text_table(PARALLEL_HEADER, parallel_rows(results)))
    per_task = results.get('per_task')
    if per_task:
        print('\nOne no-op live_record_vod_config task: %.3f s; one ansible.builtin.ping task: %.3f s; ratio %.1fx'
              % (per_task['module_seconds'], per_task['ping_seconds'], per_task['ratio']))
    if results.get('real_limit'):
        real = results['real_limit']
        print('%d creates at %d calls per minute per action: %.1f s, %.2fx the %.0f s floor; calls %s'
              % (real['creates'], real['limit_per_minute'], real['seconds'], real['ratio'], real['floor_seconds'], real['calls']))
    checks = targets(results)
    for text, met in checks:
        print('%s %s' % ('MET   ' if met else 'MISSED', text))
    print('Total: %.0f s' % results['total_seconds'])
    if write_docs:
        os.makedirs(OUT_DIR, exist_ok=True)
        with open(RESULTS, 'w', encoding='utf-8') as handle:
            json.dump(results, handle, indent=2, sort_keys=True)
            handle.write('\n')
        write_rst(results, RST)
        draw_chart(results, CHART)
        print('Wrote %s, %s and %s' % (os.path.relpath(RST, REPO), os.path.relpath(CHART, REPO), os.path.relpath(RESULTS, REPO)))
    return 0 if all(met for _text, met in checks) else 1


def run_parallel(bench, mode):
    print('%d forks x %d creates, %s ...' % (PARALLEL_HOSTS, PARALLEL_CREATES, mode), flush=True)
    entry = bench.parallel(mode)
    print('  %.1f s, %.2fx the %.0f s floor, calls %s, %d of %d configs created'
          % (entry['seconds'], entry['ratio'], entry['floor_seconds'], entry['calls'], entry['created'], entry['creates']), flush=True)
    return entry


def run_parallel_only(write_docs):
    """The parallel case alone, added to the stored results."""
    with open(RESULTS, encoding='utf-8') as handle:
        results = json.load(handle)
    work_dir = tempfile.mkdtemp(prefix='alicloud-live-bench-')
    collections_path = os.environ.get('ANSIBLE_COLLECTIONS_PATH') or os.path.join(REPO, 'build', 'link')
    emulator = EmulatorProcess.start(work_dir, rate_limit=UNTHROTTLED)
    try:
        bench = Bench(emulator, work_dir, collections_path)
        results['parallel'] = dict((mode, run_parallel(bench, mode)) for mode, _label in PARALLEL_MODES)
        results['parallel_date'] = datetime.date.today().isoformat()
        results['parallel_load_average'] = os.getloadavg()[0]
    finally:
        emulator.stop()
    shutil.rmtree(work_dir, ignore_errors=True)
    return report(results, write_docs)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--sizes', default='10,100,1000', help='numbers of configs, comma-separated (default 10,100,1000)')
    parser.add_argument('--repeat', type=int, help='runs per size instead of the defaults (3, 1 and 1)')
    parser.add_argument('--loop-sample', type=int, metavar='K',
                        help='at sizes above K, run the loop over K configs and scale its time and calls (default: never)')
    parser.add_argument('--no-real-limit', action='store_true', help='skip the run at the real rate limit')
    parser.add_argument('--no-docs', action='store_true', help='print only; leave docs/ alone')
    parser.add_argument('--no-parallel', action='store_true', help='skip the parallel case (forks on one account)')
    parser.add_argument('--parallel-only', action='store_true',
                        help='run only the parallel case; take every other figure from docs/benchmark/results.json')
    parser.add_argument('--from-results', action='store_true',
                        help='measure nothing: write the page and the chart again from docs/benchmark/results.json')
    args = parser.parse_args(argv)
    if args.from_results:
        with open(RESULTS, encoding='utf-8') as handle:
            return report(json.load(handle), not args.no_docs)
    if args.parallel_only:
        return run_parallel_only(not args.no_docs)
    sizes = [int(size) for size in args.sizes.split(',') if size]
    started = time.monotonic()
    work_dir = tempfile.mkdtemp(prefix='alicloud-live-bench-')
    collections_path = os.environ.get('ANSIBLE_COLLECTIONS_PATH') or os.path.join(REPO, 'build', 'link')
    results = {'sizes': sizes, 'compare': {}, 'repeats': {}, 'loop_sample': args.loop_sample,
               'load_average': [os.getloadavg()[0]]}
    emulator = EmulatorProcess.start(work_dir, rate_limit=UNTHROTTLED)
    try:
        bench = Bench(emulator, work_dir, collections_path)
        for size in sizes:
            repeats = args.repeat or REPEATS.get(size, 1)
            results['repeats'][str(size)] = repeats
            print('N=%d, %d run(s) of each:' % (size, repeats), flush=True)
            results['compare'][str(size)] = bench.compare(size, repeats, args.loop_sample)
            results['load_average'].append(os.getloadavg()[0])
        print('Cost of one task ...', flush=True)
        results['per_task'] = bench.per_task_cost()
        if not args.no_real_limit:
            print('%d creates at the real limit ...' % REAL_LIMIT_CREATES, flush=True)
            results['real_limit'] = bench.real_limit()
        if not args.no_parallel:
            results['parallel'] = dict((mode, run_parallel(bench, mode)) for mode, _label in PARALLEL_MODES)
        results['load_average'].append(os.getloadavg()[0])
    finally:
        emulator.stop()
    shutil.rmtree(work_dir, ignore_errors=True)
    results.update({
        'date': datetime.date.today().isoformat(), 'machine': platform.platform(terse=True), 'cpus': os.cpu_count(),
        'python': platform.python_version(), 'ansible_core': ansible_core_version(),
        'total_seconds': time.monotonic() - started,
    })
    return report(results, not args.no_docs)


if __name__ == '__main__':
    sys.exit(main())
