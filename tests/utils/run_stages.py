# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run the stages of `make test` in lanes: the stages of a lane one after another, the lanes at once.

    run_stages.py --timeout 1500 --lane 'sanity' --yielding-lane 'units integration' --yielding-lane 'lint build'

Each stage is `make <stage>`. Its output goes to build/stages/<stage>.log (--log-dir) and is printed
whole when the stage ends, so that the lanes' outputs never interleave. Every stage runs even
after another failed; a stage that outlives --timeout seconds is stopped and counts as failed.
At the end a table gives each stage's lane, result, start, duration, CPU time (its processes'
included) and the load average at its end, then the totals; the exit status is 1 if any stage
failed.

Why lanes: one after another, the stages left a core idle for much of the run. The integration
suites wait on the API budget's pacing and on injected delays; a cold ansible-test sanity run
waits on package downloads for half its time (323 s of CPU in 629 s); packaging and
documentation run single-threaded tools. Side by side they keep both cores busy.

Why yielding lanes: the lanes together ask for more CPU than two cores give, so the run cannot
end before its CPU time over two cores, and it ends later still when the longest single-threaded
stage (sanity, 340 s of CPU) gets only its fair share of a core and ends last. The stages of a
--yielding-lane run at a lower CPU priority (nice +10): they take what the --lane stages leave, so
the longest stage gets a whole core and the others fill the rest.
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
# Let a stopped stage's processes end their own way before they are killed.
KILL_AFTER = 30
# The niceness added to the stages of a yielding lane.
YIELDING_NICENESS = 10


def load_average():
    try:
        return ' '.join(Path('/proc/loadavg').read_text().split()[:3])
    except OSError:
        return '%.2f %.2f %.2f' % os.getloadavg()


class Stage:
    def __init__(self, name, lane, yielding=False):
        self.name = name
        self.lane = lane
        self.yielding = yielding
        self.status = 'not run'
        self.started = self.seconds = self.cpu = None
        self.load = ''


class Runner:
    def __init__(self, lanes, timeout, make, log_dir):
        """``lanes``: (stage names, yielding) pairs."""
        self.log_dir = Path(log_dir)
        self.lanes = [[Stage(name, number, yielding) for name in names] for number, (names, yielding) in enumerate(lanes, 1)]
        self.timeout = timeout
        self.make = make
        self.start = time.monotonic()
        self.print_lock = threading.Lock()

    def run_stage(self, stage):
        log_path = self.log_dir / ('%s.log' % stage.name)
        stage.started = time.monotonic() - self.start
        with self.print_lock:
            print('===== lane %d: make %s started at %ds =====' % (stage.lane, stage.name, stage.started), flush=True)
        with open(log_path, 'wb') as log:
            # A session of its own: a stage that times out is stopped with everything it started.
            command = [self.make, '--no-print-directory', stage.name]
            if stage.yielding:
                command = ['nice', '-n', str(YIELDING_NICENESS)] + command
            process = subprocess.Popen(command, cwd=str(ROOT), stdout=log,
                                       stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
            timed_out = threading.Event()
            timer = threading.Timer(self.timeout, self.stop, (process.pid, timed_out))
            timer.start()
            # wait4: the stage's CPU time too, its processes' included (each make waits for its own).
            dummy, status, usage = os.wait4(process.pid, 0)
            timer.cancel()
            process.returncode = os.waitstatus_to_exitcode(status)
            if timed_out.is_set():
                log.write(b'\nrun_stages.py: stopped after %d s\n' % self.timeout)
        stage.seconds = time.monotonic() - self.start - stage.started
        stage.cpu = usage.ru_utime + usage.ru_stime
        stage.status = 'ok' if process.returncode == 0 and not timed_out.is_set() else 'FAILED'
        stage.load = load_average()
        with self.print_lock:
            print('\n===== lane %d: make %s: %s in %ds =====' % (stage.lane, stage.name, stage.status, stage.seconds), flush=True)
            sys.stdout.buffer.write(log_path.read_bytes())
            sys.stdout.flush()

    @staticmethod
    def stop(group, timed_out):
        """SIGTERM to the stage's process group, SIGKILL to what is left after KILL_AFTER seconds."""
        timed_out.set()
        try:
            os.killpg(group, signal.SIGTERM)
            deadline = time.monotonic() + KILL_AFTER
            while time.monotonic() < deadline:
                time.sleep(0.5)
                os.killpg(group, 0)
            os.killpg(group, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def run_lane(self, stages):
        for stage in stages:
            self.run_stage(stage)

    def run(self):
        self.log_dir.mkdir(parents=True, exist_ok=True)
        threads = [threading.Thread(target=self.run_lane, args=(stages,)) for stages in self.lanes]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return self.report()

    def report(self):
        stages = [stage for lane in self.lanes for stage in lane]
        print('\n===== summary =====')
        print('%-16s %4s %-7s %7s %7s %8s   %s' % ('stage', 'lane', 'result', 'start', 'took', 'CPU', 'load at end'))
        for stage in sorted(stages, key=lambda stage: (stage.started is None, stage.started or 0)):
            started, took, cpu = ('-' if value is None else int(value) for value in (stage.started, stage.seconds, stage.cpu))
            print('%-16s %4d %-7s %6ss %6ss %7ss   %s' % (stage.name, stage.lane, stage.status, started, took, cpu, stage.load))
        cpu = sum(stage.cpu or 0 for stage in stages)
        print('%-16s %4s %-7s %7s %6ss %7ss' % ('total', '', '', '', int(time.monotonic() - self.start), int(cpu)))
        failed = [stage.name for stage in stages if stage.status != 'ok']
        if failed:
            print('FAILED: %s' % ' '.join(failed))
            return 1
        return 0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n', maxsplit=1)[0])
    parser.add_argument('--lane', action='append', default=[], help='the stages of one lane, in order, space-separated')
    parser.add_argument('--yielding-lane', action='append', default=[],
                        help='the stages of a lane that runs at a lower CPU priority (nice +%d)' % YIELDING_NICENESS)
    parser.add_argument('--timeout', type=int, default=1500, help='seconds after which a stage is stopped')
    parser.add_argument('--make', default=os.environ.get('MAKE', 'make'))
    parser.add_argument('--log-dir', default=str(ROOT / 'build' / 'stages'), help="where each stage's log goes")
    args = parser.parse_args(argv)
    lanes = [(lane.split(), False) for lane in args.lane] + [(lane.split(), True) for lane in args.yielding_lane]
    if not lanes:
        parser.error('give at least one --lane or --yielding-lane')
    names = [name for names_of_lane, dummy in lanes for name in names_of_lane]
    if len(names) != len(set(names)):
        parser.error('a stage is listed twice: %s' % ' '.join(names))
    return Runner(lanes, args.timeout, args.make, args.log_dir).run()


if __name__ == '__main__':
    sys.exit(main())
