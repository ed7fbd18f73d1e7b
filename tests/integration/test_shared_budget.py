# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One API budget per account across forks and runs, and bulk runs that stop when told to.
Every figure comes from the emulator's request log: counted calls and their arrival times."""

import json
import os
import signal
import subprocess
import time

import pytest
import yaml

from conftest import ADD, BIN, CONFIGS, connection, playbook_env

THROTTLED = 'Throttling.User'


def most_within(times, window):
    """The largest number of ``times`` that fall within any ``window`` seconds."""
    times = sorted(times)
    return max([len([t for t in times[index:] if t - start < window]) for index, start in enumerate(times)] or [0])


def write_run(directory, emulator, hosts, configs_per_host, forks, **module_args):
    """An inventory of ``hosts`` (local), one domain each, and a play that creates ``configs_per_host`` configs on each."""
    inventory = {'all': {'hosts': dict((host, {'ansible_connection': 'local', 'live_domain': '%s.example.com' % host})
                                       for host in hosts)}}
    options = connection(emulator, **module_args)
    options.update(domain_name='{{ live_domain }}', config=[
        dict(app_name='app%03d' % index, vod_transcode_group_id='group-a') for index in range(configs_per_host)])
    play = [{'name': 'Configs of every domain', 'hosts': 'all', 'gather_facts': False,
             'tasks': [{'name': 'Create the configs', CONFIGS: options}]}]
    os.makedirs(str(directory), exist_ok=True)
    paths = [os.path.join(str(directory), name) for name in ('inventory.yml', 'play.yml')]
    for path, content in zip(paths, (inventory, play)):
        with open(path, 'w') as handle:
            yaml.safe_dump(content, handle, sort_keys=False)
    return [os.path.join(BIN, 'ansible-playbook'), '-i', paths[0], '-f', str(forks), paths[1]]


def start(command, collections_path, **popen):
    # A session of its own, as a terminal gives: a signal reaches every process of the run.
    return subprocess.Popen(command, env=playbook_env(collections_path), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            universal_newlines=True, start_new_session=True, **popen)


def gone(pid):
    """Whether process ``pid`` has ended (a zombie waiting for its parent has)."""
    try:
        with open('/proc/%d/stat' % pid) as handle:
            return handle.read().rsplit(')', 1)[1].split()[0] == 'Z'
    except OSError:
        return True


def wait_for_exit(process, module, timeout=120):
    """Wait until ansible-playbook's group and the module process (in a session of its worker's) have ended."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        process.poll()
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            if gone(module):
                process.wait()
                return True
        time.sleep(0.2)
    return False


def kill_everything(process, module):
    """SIGKILL ansible-playbook's group and the session of the worker that runs the module."""
    for kill in (lambda: os.killpg(os.getpgid(module), signal.SIGKILL), lambda: os.killpg(process.pid, signal.SIGKILL)):
        try:
            kill()
        except (ProcessLookupError, OSError):
            pass
    process.wait()


def wait_for_calls(emulator, action, count, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if len(emulator.requests(action)) >= count:
            return
        time.sleep(0.1)
    raise AssertionError('fewer than %d %s calls after %d s' % (count, action, timeout))


@pytest.mark.long
def test_four_forks_share_one_budget_and_are_never_throttled(emulator, collections_path, tmp_path):
    hosts = ['fork%d' % index for index in range(4)]
    emulator.seed(domains=['%s.example.com' % host for host in hosts])
    # The account allows 20 calls per 5 s per action (240 per minute); the budget is 200 per minute.
    emulator.settings(rate_limit_per_minute=20, rate_limit_window_seconds=5)
    command = write_run(tmp_path, emulator, hosts, 30, forks=4, rate_limit=200)

    run = subprocess.run(command, env=playbook_env(collections_path), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         universal_newlines=True, timeout=600, check=False)

    assert run.returncode == 0, run.stdout
    log = emulator.requests()
    assert [entry['code'] for entry in log].count(THROTTLED) == 0
    adds = sorted(entry['time'] for entry in log if entry['action'] == ADD)
    assert len(adds) == 120 and len(emulator.configs()) == 120
    # The four forks together keep to the rate: never more than 200 per minute's share of any window.
    # That they are no slower than the rate allows is shown on the budget's own schedule, with an
    # injected clock (tests/unit/plugins/module_utils/test_budget.py): a loaded machine may be slower.
    assert most_within(adds, 5.0) <= 20


@pytest.mark.long
def test_a_throttled_run_slows_down_and_still_completes(emulator, collections_path, tmp_path):
    emulator.seed(domains=['busy.example.com'])
    # Someone else uses most of the account: only 20 calls per 5 s are left, far below 900 per minute.
    emulator.settings(rate_limit_per_minute=20, rate_limit_window_seconds=5)
    command = write_run(tmp_path, emulator, ['busy'], 40, forks=1, retry_delay=1, retry_max_delay=10, retry_timeout=60)

    run = subprocess.run(command, env=playbook_env(collections_path), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         universal_newlines=True, timeout=600, check=False)

    assert run.returncode == 0, run.stdout
    assert len(emulator.configs()) == 40
    codes = [entry['code'] for entry in emulator.requests(ADD)]
    assert codes.count(None) == 40
    # The budget slowed down: far fewer throttled answers than adds.
    assert codes.count(THROTTLED) < 20


@pytest.mark.long
def test_sigint_in_the_middle_of_500_writes_starts_at_most_concurrency_more(emulator, collections_path, tmp_path):
    emulator.seed(domains=['big.example.com'])
    concurrency = 4
    # At 300 calls per minute the next write's slot is 0.2 s away: the time a loaded machine may
    # take to run the module's signal handler. A step still waiting for its slot then sends nothing.
    command = write_run(tmp_path / 'interrupted', emulator, ['big'], 500, forks=1, rate_limit=300, concurrency=concurrency)
    process = start(command, collections_path)
    module = module_process(process.pid)
    try:
        wait_for_calls(emulator, ADD, 20)
        interrupted_at = time.time()
        # Ctrl-C in a terminal: SIGINT to the foreground process group, ansible-playbook's. Its
        # workers run the modules in sessions of their own and pass the interrupt on; the module
        # gets it directly too, so that the relay's delay on a loaded machine does not count.
        os.killpg(process.pid, signal.SIGINT)
        os.kill(module, signal.SIGINT)
        assert wait_for_exit(process, module), 'the run was still going 120 s after SIGINT'
    finally:
        if process.poll() is None or not gone(module):
            kill_everything(process, module)
    adds = emulator.requests(ADD)
    after = [entry for entry in adds if entry['time'] > interrupted_at]
    assert len(after) <= concurrency, (len(adds), len(after))
    assert 20 <= len(adds) < 500

    # The next run converges: it creates what is missing and nothing twice.
    emulator.clear_requests()
    rerun_command = write_run(tmp_path / 'rerun', emulator, ['big'], 500, forks=1, rate_limit=1000, concurrency=concurrency)
    rerun = subprocess.run(rerun_command, env=playbook_env(collections_path), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           universal_newlines=True, timeout=600, check=False)
    assert rerun.returncode == 0, rerun.stdout
    assert len(emulator.configs()) == 500
    assert len(emulator.requests(ADD)) == 500 - len(adds)


@pytest.mark.skipif(not os.path.isdir('/proc'), reason='finds the module process through /proc')
def test_sigterm_reports_what_was_not_attempted(emulator, collections_path, tmp_path):
    emulator.seed(domains=['term.example.com'])
    command = write_run(tmp_path, emulator, ['term'], 100, forks=1, rate_limit=120, concurrency=2)
    # The module alone, so that its own report can be read: ansible-playbook ends on a signal without it.
    command[-1:-1] = ['-v']
    process = start(command, collections_path)
    module = module_process(process.pid)
    try:
        wait_for_calls(emulator, ADD, 3)
        os.kill(module, signal.SIGTERM)
        output = process.communicate(timeout=120)[0]
    finally:
        if process.poll() is None:
            kill_everything(process, module)
    result = json.loads(output[output.index('{'):output.rindex('}') + 1])
    done = [entry for entry in result['actions'] if entry['action'] == 'created']
    skipped = [entry for entry in result['actions'] if entry['action'] == 'not_attempted']
    assert len(done) == len(emulator.configs()) and len(done) + len(skipped) == 100 and skipped
    assert all(entry['applied'] for entry in done) and not any(entry['applied'] for entry in skipped)
    assert 'interrupted by SIGTERM' in result['msg'] and '%d not attempted' % len(skipped) in result['msg']


def parent_of(pid):
    with open('/proc/%d/stat' % pid) as handle:
        # The command may hold spaces and parentheses: the fields after its last ')' are fixed.
        return int(handle.read().rsplit(')', 1)[1].split()[1])


def module_process(ancestor):
    """The pid of the module process that ``ancestor`` (ansible-playbook) runs, whatever session its worker made."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        for pid in os.listdir('/proc'):
            if not pid.isdigit():
                continue
            try:
                with open('/proc/%s/cmdline' % pid, 'rb') as handle:
                    argv = handle.read().split(b'\0')
                if not argv[0].endswith(b'python') or not any(b'AnsiballZ_live_record_vod_configs' in arg for arg in argv):
                    continue
                here = int(pid)
                while here > 1:
                    here = parent_of(here)
                    if here == ancestor:
                        return int(pid)
            except (OSError, ValueError, IndexError):
                continue
        time.sleep(0.1)
    raise AssertionError('no module process found')


def test_a_run_killed_with_sigkill_leaves_nothing_that_slows_the_next(emulator, collections_path, tmp_path):
    emulator.seed(domains=['kill.example.com', 'next.example.com'])
    # One call per minute: the killed module holds a lease at that rate and a slot reserved a minute ahead.
    killed = start(write_run(tmp_path / 'killed', emulator, ['kill'], 5, forks=1, rate_limit=1), collections_path)
    module = module_process(killed.pid)
    try:
        wait_for_calls(emulator, ADD, 1)
        time.sleep(0.5)
        # The module itself, in the middle of its work (its workers wait for their slots).
        os.kill(module, signal.SIGKILL)
    finally:
        kill_everything(killed, module)
    deadline = time.monotonic() + 30
    while not gone(module) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert gone(module)
    emulator.clear_requests()

    rerun = subprocess.run(write_run(tmp_path / 'next', emulator, ['next'], 20, forks=1, rate_limit=600),
                           env=playbook_env(collections_path), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           universal_newlines=True, timeout=600, check=False)

    # At the dead run's one call per minute, 20 adds would outlast the subprocess's 600 s guard; the
    # spacing at the survivor's own rate is shown with reserved slots, not a clock, in test_budget.py.
    assert rerun.returncode == 0, rerun.stdout
    assert len(emulator.requests(ADD)) == 20
    assert [entry['code'] for entry in emulator.requests()].count(THROTTLED) == 0
