# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run the stages of `make test` in lanes: the stages of a lane one after another, the lanes at once.

    run_stages.py --timeout 1500 --lane 'units integration' --lane 'lint sanity build'

Each stage is `make <stage>`. Its output goes to build/stages/<stage>.log and is printed
whole when the stage ends, so that the lanes' outputs never interleave. Every stage runs even
after another failed; a stage that outlives --timeout seconds is stopped and counts as failed.
At the end a table gives each stage's lane, result, start, duration and the load average at its
end, then the total; the exit status is 1 if any stage failed.

Why lanes: the integration suite spends much of its time waiting (on ansible-playbook start-ups
of other workers, on the API budget's pacing, on injected delays), and the sanity, packaging and
documentation stages spend theirs on package downloads and single-threaded tools. Side by side
they fill the two cores that one after another leave half idle.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LOG_DIR = ROOT / 'build' / 'stages'
# Let a stopped stage's processes end their own way before they are killed.
KILL_AFTER = 30


def load_average():
    try:
        return ' '.join(Path('/proc/loadavg').read_text().split()[:3])
    except OSError:
        return '%.2f %.2f %.2f' % os.getloadavg()


class Stage:
    def __init__(self, name, lane):
        self.name = name
        self.lane = lane
        self.status = 'not run'
        self.started = self.seconds = None
        self.load = ''


class Runner:
    def __init__(self, lanes, timeout, make):
        self.lanes = [[Stage(name, number) for name in lane] for number, lane in enumerate(lanes, 1)]
        self.timeout = timeout
        self.make = make
        self.start = time.monotonic()
        self.print_lock = threading.Lock()

    def run_stage(self, stage):
        log_path = LOG_DIR / ('%s.log' % stage.name)
        stage.started = time.monotonic() - self.start
        with self.print_lock:
            print('===== lane %d: make %s started at %ds =====' % (stage.lane, stage.name, stage.started), flush=True)
        with open(log_path, 'wb') as log:
            # A session of its own: a stage that times out is stopped with everything it started.
            process = subprocess.Popen([self.make, '--no-print-directory', stage.name], cwd=str(ROOT), stdout=log,
                                       stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
            try:
                code = process.wait(timeout=self.timeout)
            except subprocess.TimeoutExpired:
                code = self.stop(process)
                log.write(b'\nrun_stages.py: stopped after %d s\n' % self.timeout)
        stage.seconds = time.monotonic() - self.start - stage.started
        stage.status = 'ok' if code == 0 else 'FAILED'
        stage.load = load_average()
        with self.print_lock:
            print('\n===== lane %d: make %s: %s in %ds =====' % (stage.lane, stage.name, stage.status, stage.seconds), flush=True)
            sys.stdout.buffer.write(log_path.read_bytes())
            sys.stdout.flush()

    @staticmethod
    def stop(process):
        for signal_number, wait in ((signal.SIGTERM, KILL_AFTER), (signal.SIGKILL, None)):
            try:
                os.killpg(process.pid, signal_number)
            except ProcessLookupError:
                pass
            try:
                process.wait(timeout=wait)
                break
            except subprocess.TimeoutExpired:
                continue
        return 'timeout'

    def run_lane(self, stages):
        for stage in stages:
            self.run_stage(stage)

    def run(self):
        LOG_DIR.mkdir(parents=True, exist_ok=True)
        threads = [threading.Thread(target=self.run_lane, args=(stages,)) for stages in self.lanes]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return self.report()

    def report(self):
        stages = [stage for lane in self.lanes for stage in lane]
        print('\n===== summary =====')
        print('%-16s %4s %-7s %7s %7s   %s' % ('stage', 'lane', 'result', 'start', 'took', 'load at end'))
        for stage in sorted(stages, key=lambda stage: (stage.started is None, stage.started or 0)):
            started = '-' if stage.started is None else int(stage.started)
            took = '-' if stage.seconds is None else int(stage.seconds)
            print('%-16s %4d %-7s %6ss %6ss   %s' % (stage.name, stage.lane, stage.status, started, took, stage.load))
        print('%-16s %4s %-7s %7s %6ss' % ('total', '', '', '', int(time.monotonic() - self.start)))
        failed = [stage.name for stage in stages if stage.status != 'ok']
        if failed:
            print('FAILED: %s' % ' '.join(failed))
            return 1
        return 0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n', maxsplit=1)[0])
    parser.add_argument('--lane', action='append', required=True, help='the stages of one lane, in order, space-separated')
    parser.add_argument('--timeout', type=int, default=1500, help='seconds after which a stage is stopped')
    parser.add_argument('--make', default=os.environ.get('MAKE', 'make'))
    args = parser.parse_args(argv)
    lanes = [lane.split() for lane in args.lane]
    names = [name for lane in lanes for name in lane]
    if len(names) != len(set(names)):
        parser.error('a stage is listed twice: %s' % ' '.join(names))
    return Runner(lanes, args.timeout, args.make).run()


if __name__ == '__main__':
    sys.exit(main())
