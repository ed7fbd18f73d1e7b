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
        log = self.emulator.requests()
        counts = dict((short, sum(1 for entry in log if entry['action'] == action)) for short, action in ACTIONS)
        counts['throttled'] = sum(1 for entry in log if entry.get('code') == 'Throttling.User')
        return counts

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


# ---- report ------------------------------------------------------------------------------

def ratio(numerator, denominator):
    return numerator / denominator if denominator else float('nan')


def table_rows(results):
    """One row per (N, run, approach): the figures of the table, as strings."""
    rows = []
    for size in results['sizes']:
        figures = results['compare'][str(size)]
        for run in RUNS:
            loop, bulk = figures['loop/' + run], figures['bulk/' + run]
            for approach, label, _title in APPROACHES:
                entry = figures['%s/%s' % (approach, run)]
                calls = entry['calls']
                total = sum(calls[short] for short, _action in ACTIONS)
                # A loop measured on a sample and scaled is marked with an asterisk.
                row = [str(size), run, label + ('*' if entry.get('scaled_from') else '')] + ['%d' % calls[short] for short, _action in ACTIONS]
                row += ['%d' % total, '%.2f' % entry['seconds']]
                if approach == 'bulk':
                    loop_total = sum(loop['calls'][short] for short, _action in ACTIONS)
                    row += ['%.3f' % ratio(total, loop_total), '%.4f' % ratio(bulk['seconds'], loop['seconds'])]
                else:
                    row += ['', '']
                rows.append(row)
    return rows


HEADER = ['N', 'run', 'approach'] + [short for short, _action in ACTIONS] + ['calls', 'wall s', 'calls b/a', 'time b/a']


def text_table(rows):
    widths = [max(len(cell) for cell in column) for column in zip(HEADER, *rows)]
    lines = ['  '.join(cell.ljust(width) if index < 3 else cell.rjust(width) for index, (cell, width) in enumerate(zip(row, widths)))
             for row in [HEADER] + rows]
    lines.insert(1, '  '.join('-' * width for width in widths))
    return '\n'.join(lines)


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
    return checks


def write_rst(results, rows, path):
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
        '.. list-table::',
        '   :header-rows: 1',
        '',
    ]
    for row in [HEADER] + rows:
        lines.append('   * - ' + (row[0] or ' '))
        lines.extend('     - ' + (cell or ' ') for cell in row[1:])
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
        'The chart ``docs/benchmark/loop_vs_bulk.png`` in the repository shows the same wall times, '
        'and ``docs/benchmark/results.json`` holds every figure.',
        '',
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
            'The module paced itself with its defaults: 900 calls per minute per action after a burst of a tenth '
            'of that, with 4 writes in flight, which puts its own floor at %.1f s. Calls: %s.%s' % (
                real['limit_per_minute'], real['creates'], real['seconds'], real['ratio'], real['floor_seconds'],
                (real['creates'] - MODULE_RATE_LIMIT // 10) * 60.0 / MODULE_RATE_LIMIT, ', '.join('%s %d' % item for item in real['calls'].items()),
                ' No call was throttled: the time above that floor is the cost of the calls on this machine '
                '(see its load above).' if not real['calls'].get('throttled') else ''),
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
    rows = table_rows(results)
    print()
    print(text_table(rows))
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
        write_rst(results, rows, RST)
        draw_chart(results, CHART)
        print('Wrote %s, %s and %s' % (os.path.relpath(RST, REPO), os.path.relpath(CHART, REPO), os.path.relpath(RESULTS, REPO)))
    return 0 if all(met for _text, met in checks) else 1


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--sizes', default='10,100,1000', help='numbers of configs, comma-separated (default 10,100,1000)')
    parser.add_argument('--repeat', type=int, help='runs per size instead of the defaults (3, 1 and 1)')
    parser.add_argument('--loop-sample', type=int, metavar='K',
                        help='at sizes above K, run the loop over K configs and scale its time and calls (default: never)')
    parser.add_argument('--no-real-limit', action='store_true', help='skip the run at the real rate limit')
    parser.add_argument('--no-docs', action='store_true', help='print only; leave docs/ alone')
    parser.add_argument('--from-results', action='store_true',
                        help='measure nothing: write the page and the chart again from docs/benchmark/results.json')
    args = parser.parse_args(argv)
    if args.from_results:
        with open(RESULTS, encoding='utf-8') as handle:
            return report(json.load(handle), not args.no_docs)
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
