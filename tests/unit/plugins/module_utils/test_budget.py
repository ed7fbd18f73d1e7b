# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The shared budget per account and action: even spacing, the lowest live rate, slowing down
after throttling and recovering, state files that no killed process can spoil; with an
injected clock, and across real processes."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import signal
import subprocess
import sys
import textwrap

import pytest

from ansible_collections.alicloud.live.plugins.module_utils import _pacing as pacing
from ansible_collections.alicloud.live.plugins.module_utils._client import budget_account
from ansible_collections.alicloud.live.plugins.module_utils._resources.record_notify import RECORD_NOTIFY
from ansible_collections.alicloud.live.plugins.module_utils._resources.record_vod import RECORD_VOD

from live_fakes import error_body, make_client

ADD = 'AddLiveRecordVodConfig'
DESCRIBE = 'DescribeLiveRecordVodConfigs'


class Clock:
    """Shared by the budgets of a test: moves only when someone sleeps (or the test says so)."""

    def __init__(self, now=1000.0):
        self.now = now
        self.sleeps = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds


def budget(path, rate, clock, pid=None, alive=lambda pid: True):
    return pacing.AccountBudget(pacing.FileStore(str(path)), rate, clock=clock, sleep=clock.sleep,
                                pid=pid or os.getpid(), alive=alive)


def slots_of(budgets, action, count):
    """``count`` acquisitions taken in turn by ``budgets`` (callers of separate processes): their slots."""
    return [budgets[index % len(budgets)].acquire(action) for index in range(count)]


def test_calls_are_spaced_evenly_from_the_first_one_with_no_burst(tmp_path):
    clock = Clock()
    callers = [budget(tmp_path / 'account.json', 600, clock, pid=index + 1) for index in range(3)]

    slots = slots_of(callers, ADD, 30)

    # 600 per minute: one call every 0.1 s, however many callers share the account.
    assert slots[0] == 1000.0
    assert [round(b - a, 6) for a, b in zip(slots, slots[1:])] == [0.1] * 29


def test_no_window_holds_more_calls_than_the_rate(tmp_path):
    clock = Clock()
    callers = [budget(tmp_path / 'account.json', 900, clock, pid=index + 1) for index in range(5)]
    slots = slots_of(callers, ADD, 2000)
    for window in (1.0, 5.0, 60.0):
        allowed = 900 * window / 60.0 + 1
        start = 0
        for end, slot in enumerate(slots):
            while slots[start] <= slot - window:
                start += 1
            assert end - start + 1 <= allowed


def test_each_action_has_its_own_schedule(tmp_path):
    clock = Clock()
    caller = budget(tmp_path / 'account.json', 60, clock)
    assert caller.acquire(ADD) == 1000.0
    assert caller.acquire(DESCRIBE) == 1000.0
    assert caller.acquire(ADD) == 1001.0


def test_the_lowest_rate_of_the_live_callers_governs(tmp_path):
    clock = Clock()
    alive = set([1, 2])
    fast = budget(tmp_path / 'account.json', 600, clock, pid=1, alive=lambda pid: pid in alive)
    slow = budget(tmp_path / 'account.json', 60, clock, pid=2, alive=lambda pid: pid in alive)
    slow.acquire(ADD)
    # The slow caller's lease makes every caller go at 60 per minute.
    assert fast.acquire(ADD) - 1000.0 == pytest.approx(1.0)
    assert fast.acquire(ADD) - 1000.0 == pytest.approx(2.0)
    # Its process ended: its rate no longer counts.
    alive.discard(2)
    first = fast.acquire(ADD)
    assert fast.acquire(ADD) - first == pytest.approx(0.1)


def test_a_lease_that_is_not_renewed_expires(tmp_path):
    clock = Clock()
    fast = budget(tmp_path / 'account.json', 600, clock, pid=1)
    slow = budget(tmp_path / 'account.json', 60, clock, pid=2)
    slow.acquire(ADD)
    clock.now += pacing.LEASE_SECONDS + 1
    first = fast.acquire(ADD)
    assert fast.acquire(ADD) - first == pytest.approx(0.1)


def test_a_closed_caller_gives_up_its_lease(tmp_path):
    clock = Clock()
    fast = budget(tmp_path / 'account.json', 600, clock, pid=1)
    slow = budget(tmp_path / 'account.json', 60, clock, pid=2)
    slow.acquire(ADD)
    slow.close()
    first = fast.acquire(ADD)
    assert fast.acquire(ADD) - first == pytest.approx(0.1)


def test_throttling_halves_the_rate_holds_it_then_recovers(tmp_path):
    clock = Clock()
    caller = budget(tmp_path / 'account.json', 600, clock)
    other = budget(tmp_path / 'account.json', 600, clock, pid=99)

    def spacing():
        first = caller.acquire(ADD)
        return round(other.acquire(ADD) - first, 6)

    assert spacing() == 0.1
    caller.throttled(ADD)
    # Every caller of the account slows down, not only the one that was throttled.
    assert spacing() == 0.2
    # Answers to calls sent before the cut do not deepen it...
    caller.throttled(ADD)
    assert spacing() == 0.2
    # ...but throttling that goes on after it does.
    clock.now += pacing.RECUT_SECONDS + 0.1
    caller.throttled(ADD)
    assert spacing() == 0.4
    # Held, then back to the full rate step by step.
    clock.now += pacing.HOLD_SECONDS - 2
    assert spacing() == 0.4
    clock.now += pacing.RECOVER_SECONDS / 2 + 2
    assert 0.1 < spacing() < 0.4
    clock.now += pacing.RECOVER_SECONDS
    assert spacing() == 0.1


def test_throttling_never_stops_the_calls(tmp_path):
    clock = Clock()
    caller = budget(tmp_path / 'account.json', 160, clock)
    for _round in range(20):
        clock.now += pacing.RECUT_SECONDS
        caller.throttled(ADD)
    first = caller.acquire(ADD)
    assert caller.acquire(ADD) - first == pytest.approx(60.0 / (160 * pacing.MIN_FACTOR))


def test_slots_reserved_by_a_caller_that_vanished_delay_the_next_one_by_at_most_the_horizon(tmp_path):
    clock = Clock()
    gone = budget(tmp_path / 'account.json', 900, clock, pid=1, alive=lambda pid: pid != 1)
    # Many threads of a process reserve what they can, then the process is killed.
    granted = [gone.try_reserve(ADD) for _thread in range(32)]
    assert sum(1 for ok, _wait in granted if ok) <= pacing.MIN_HORIZON / (60.0 / 900) + 1
    newcomer = budget(tmp_path / 'account.json', 900, clock, pid=2, alive=lambda pid: pid != 1)
    assert newcomer.acquire(ADD) - clock.now <= pacing.MIN_HORIZON + 60.0 / 900


def test_a_state_file_cut_short_reads_as_a_fresh_budget(tmp_path):
    path = tmp_path / 'account.json'
    path.write_text('{"leases": {"1-ab": {"rate": 1, "pid": 1, "exp')
    clock = Clock()
    caller = budget(path, 600, clock)
    assert caller.acquire(ADD) == clock.now
    assert set(json.loads(path.read_text())) == set(['actions', 'leases'])


def test_a_damaged_state_is_repaired_not_fatal(tmp_path):
    path = tmp_path / 'account.json'
    path.write_text(json.dumps({'leases': {'1-ab': {'rate': 'x', 'pid': 1, 'expires': 1e12}, '2-cd': 'junk'},
                                'actions': {ADD: [1, 2], DESCRIBE: {'next': 'soon', 'cut': 'half', 'at': None}}}))
    clock = Clock()
    caller = budget(path, 600, clock)
    assert caller.acquire(ADD) == clock.now
    assert caller.acquire(DESCRIBE) == clock.now
    assert list(json.loads(path.read_text())['leases']) == [caller.lease]


def test_a_clock_set_back_does_not_stall_the_budget(tmp_path):
    clock = Clock(now=5000.0)
    budget(tmp_path / 'account.json', 60, clock).acquire(ADD)
    clock.now = 1000.0
    assert budget(tmp_path / 'account.json', 60, clock, pid=7).acquire(ADD) == 1000.0


def test_the_file_is_named_by_a_hash_and_holds_no_key(tmp_path):
    settings = make_client().settings
    account = budget_account(settings)
    assert settings.access_key_id in account
    client_budget = pacing.open_budget(account, 900, str(tmp_path))
    client_budget.acquire(ADD)
    names = os.listdir(str(tmp_path))
    assert names == [pacing.budget_file_name(account)]
    content = (tmp_path / names[0]).read_text()
    assert settings.access_key_id not in names[0] and settings.access_key_id not in content
    assert oct(os.stat(str(tmp_path / names[0])).st_mode & 0o777) == oct(0o600)
    client_budget.close()


def test_the_account_is_the_owner_when_the_credentials_tell_it():
    settings = make_client().settings
    settings.host = 'live.aliyuncs.com'
    assert budget_account(settings) == 'key %s' % settings.access_key_id
    settings.account_id = '1234567890'
    assert budget_account(settings) == 'account 1234567890'
    settings.host = '127.0.0.1'
    assert budget_account(settings) == 'account 1234567890 at 127.0.0.1:%s' % settings.port


def test_a_directory_that_cannot_be_used_falls_back_to_pacing_the_process_with_a_warning(tmp_path):
    blocker = tmp_path / 'a-file'
    blocker.write_text('')
    warnings = []
    fallback = pacing.open_budget('key X', 600, str(blocker / 'budget'), warn=warnings.append)
    assert not fallback.shared
    assert len(warnings) == 1 and str(blocker / 'budget') in warnings[0] and 'ALIBABA_CLOUD_LIVE_BUDGET_DIR' in warnings[0]
    first = fallback.acquire(ADD)
    assert fallback.acquire(ADD) - first == pytest.approx(0.1, abs=0.02)


def test_the_default_directory_is_per_user_and_the_variable_moves_it(tmp_path):
    assert pacing.default_budget_dir({}, home='/home/u') == '/home/u/.ansible/alicloud_live/budget'
    assert pacing.default_budget_dir({pacing.BUDGET_DIR_ENV: str(tmp_path)}) == str(tmp_path)


def test_the_client_slows_the_budget_on_a_throttling_answer(fake_api, tmp_path):
    client = make_client(retries=3, retry_delay=0.01)
    client.pacer = budget(tmp_path / 'account.json', 600, Clock())
    fake_api.script(DESCRIBE, (400, error_body('Throttling.User', 'Request was denied due to user flow control.')))
    client.read_all(RECORD_VOD, {'DomainName': 'live.example.com'})
    assert client.pacer.throttles == 1
    assert json.loads((tmp_path / 'account.json').read_text())['actions'][DESCRIBE]['cut'] == 0.5


def test_every_resource_draws_from_the_same_budget(fake_api, tmp_path):
    """The client paces by action, whatever the resource: the recording callback's calls share the account's budget."""
    notify_describe = RECORD_NOTIFY.actions['describe']
    clock = Clock()
    client = make_client(retries=3, retry_delay=0.01)
    client.pacer = budget(tmp_path / 'account.json', 600, clock)
    fake_api.script(notify_describe, (400, error_body('Throttling.User', 'Request was denied due to user flow control.')),
                    (200, dict(RequestId='r-1', LiveRecordNotifyConfig=dict(DomainName='live.example.com',
                                                                            NotifyUrl='http://cb.example.com/notify'))))
    fake_api.script(DESCRIBE, (200, dict(RequestId='r-2', LiveAppRecordList=dict(LiveAppRecord=[]), Total=0)))

    assert len(client.read_all(RECORD_NOTIFY, {'DomainName': 'live.example.com'})) == 1
    client.read_all(RECORD_VOD, {'DomainName': 'live.example.com'})

    state = json.loads((tmp_path / 'account.json').read_text())
    # Two attempts of the callback's Describe and one of the configs' took slots, each in its action's schedule.
    assert set(state['actions']) == {notify_describe, DESCRIBE}
    assert state['actions'][notify_describe]['cut'] == 0.5
    assert client.pacer.throttles == 1
    assert list(state['leases']) == [client.pacer.lease]
    client.pacer.close()
    assert json.loads((tmp_path / 'account.json').read_text())['leases'] == {}


# ---- across processes ---------------------------------------------------------------------------

CHILD = textwrap.dedent('''
    import json, sys, time
    sys.path[:0] = %r
    from ansible_collections.alicloud.live.plugins.module_utils import _pacing as pacing
    mode, path, rate, count = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
    budget = pacing.AccountBudget(pacing.FileStore(path), rate)
    if mode == 'hold':
        # Take the lock and never give it back: the parent kills this process.
        budget.acquire('AddLiveRecordVodConfig')
        def hold(data):
            print('holding', flush=True)
            time.sleep(3600)
        budget.store.update(hold)
    print(json.dumps([budget.acquire('AddLiveRecordVodConfig') for _call in range(count)]), flush=True)
''')


def collection_path():
    # The folder that holds ansible_collections/alicloud/live/plugins/module_utils/_pacing.py.
    here = os.path.abspath(pacing.__file__)
    for _level in range(6):
        here = os.path.dirname(here)
    return [here] + [entry for entry in sys.path if entry]


def child(mode, path, rate, count):
    return subprocess.Popen([sys.executable, '-c', CHILD % (collection_path(),), mode, str(path), str(rate), str(count)],
                            stdout=subprocess.PIPE, universal_newlines=True)


def test_processes_that_share_a_budget_never_exceed_the_rate_together(tmp_path):
    path = tmp_path / 'account.json'
    # 1,200 per minute: one call every 0.05 s; four processes of 15 calls each.
    children = [child('run', path, 1200, 15) for _index in range(4)]
    slots = sorted(slot for process in children for slot in json.loads(process.communicate()[0]))
    assert all(process.returncode == 0 for process in children)
    assert len(slots) == 60
    gaps = [later - earlier for earlier, later in zip(slots, slots[1:])]
    assert min(gaps) >= 0.05 - 1e-6


def test_a_process_killed_while_it_holds_the_lock_blocks_nobody(tmp_path):
    path = tmp_path / 'account.json'
    holder = child('hold', path, 1, 0)
    assert holder.stdout.readline().strip() == 'holding'
    waiting = child('run', path, 600, 3)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    slots = json.loads(waiting.communicate()[0])
    assert waiting.returncode == 0
    # The killed process's lease (1 call per minute) went with it: the survivor goes at its own rate,
    # one call every 0.1 s. A loaded machine may call later than the slot (a wider gap), never
    # earlier; the dead lease would have spaced the calls a minute apart.
    gaps = [b - a for a, b in zip(slots, slots[1:])]
    assert len(gaps) == 2 and all(0.1 - 1e-6 <= gap < 30 for gap in gaps), gaps
