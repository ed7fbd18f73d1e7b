# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""make test's lane runner (tests/utils/run_stages.py), with a stand-in for make."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import stat
import subprocess
import sys

RUNNER = os.path.join(os.path.dirname(__file__), '..', '..', 'utils', 'run_stages.py')

# A stand-in for make: stage "fail" exits 3, "hang" waits on a FIFO nobody writes, "second"
# waits until "first" (in the other lane) has started, which only lanes side by side allow.
FAKE_MAKE = '''#!/bin/sh
stage="$2"
echo "output of $stage"
nice > "$WORK/niceness-$stage"
case "$stage" in
  fail) exit 3 ;;
  hang) cat "$WORK/never" ;;
  first) touch "$WORK/first-started"; while [ ! -e "$WORK/second-started" ]; do sleep 0.05; done ;;
  second) touch "$WORK/second-started"; while [ ! -e "$WORK/first-started" ]; do sleep 0.05; done ;;
esac
echo "done $stage" >> "$WORK/order"
'''


def run(tmp_path, *lanes, **options):
    make = tmp_path / 'make'
    make.write_text(FAKE_MAKE)
    make.chmod(make.stat().st_mode | stat.S_IEXEC)
    os.mkfifo(str(tmp_path / 'never'))
    command = [sys.executable, RUNNER, '--make', str(make), '--log-dir', str(tmp_path / 'logs'),
               '--timeout', str(options.get('timeout', 600))]
    for lane in lanes:
        command += ['--lane', lane]
    for lane in options.get('yielding', ()):
        command += ['--yielding-lane', lane]
    env = dict(os.environ, WORK=str(tmp_path))
    return subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True,
                          timeout=300, check=False)


def summary(output):
    rows = output.split('===== summary =====')[1].strip().splitlines()[1:]
    return dict((row.split()[0], row.split()) for row in rows)


def test_lanes_run_side_by_side_and_each_lane_in_order(tmp_path):
    result = run(tmp_path, 'first third', 'second')

    assert result.returncode == 0, result.stdout
    order = (tmp_path / 'order').read_text().split('\n')
    assert order.index('done first') < order.index('done third')
    rows = summary(result.stdout)
    assert [rows[name][1:3] for name in ('first', 'second', 'third')] == [['1', 'ok'], ['2', 'ok'], ['1', 'ok']]
    # Each stage's output comes whole, after its header.
    assert 'make second: ok' in result.stdout and 'output of second' in result.stdout.split('make second: ok')[1]


def test_a_failed_stage_fails_the_run_and_the_other_stages_still_run(tmp_path):
    result = run(tmp_path, 'fail first', 'second')

    assert result.returncode == 1
    assert summary(result.stdout)['fail'][2] == 'FAILED'
    assert summary(result.stdout)['first'][2] == 'ok'
    assert 'FAILED: fail' in result.stdout


def test_a_stage_that_hangs_is_stopped_and_counts_as_failed(tmp_path):
    result = run(tmp_path, 'hang first', 'second', timeout=1)

    assert result.returncode == 1
    rows = summary(result.stdout)
    assert rows['hang'][2] == 'FAILED' and rows['first'][2] == 'ok'
    assert 'stopped after 1 s' in result.stdout


def test_the_stages_of_a_yielding_lane_run_at_a_lower_cpu_priority(tmp_path):
    result = run(tmp_path, 'first', yielding=['second third'])

    assert result.returncode == 0, result.stdout
    niceness = dict((stage, int((tmp_path / ('niceness-' + stage)).read_text())) for stage in ('first', 'second', 'third'))
    assert niceness['second'] == niceness['third'] == min(niceness['first'] + 10, 19)
    rows = summary(result.stdout)
    assert [rows[name][1] for name in ('first', 'second', 'third')] == ['1', '2', '2']
