# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Eight ansible-playbook runs at once on the same config: one write lands, the others converge quietly.

To make the runs really race, whatever the machine's speed, the write action is throttled
(Throttling.User, as the API's flow control answers) until every run has read the state. So
all eight read the same old state and all eight send the write; once the throttling stops,
exactly one write succeeds on the wire and the seven others meet its result.
"""

import threading
import time

import pytest

from conftest import CONFIG, run_playbook, task

ADD, DELETE, DESCRIBE = 'AddLiveRecordVodConfig', 'DeleteLiveRecordVodConfig', 'DescribeLiveRecordVodConfigs'
RUNS = 8
WANTED = dict(domain_name='live.example.com', app_name='race8', vod_transcode_group_id='group-race', cycle_duration=900)
STORED = dict(DomainName='live.example.com', AppName='race8', VodTranscodeGroupId='group-race', CycleDuration=900)
# Retries patient enough to outlast the throttling while the slowest run starts.
PATIENT = dict(retries=1000, retry_delay=0.2, retry_max_delay=0.5, retry_timeout=200)
THROTTLED = dict(kind='error', status=400, code='Throttling.User', message='Request was denied due to user flow control.')


def run_concurrently(tmp_path, collections_path, emulator, tasks, write):
    """Start RUNS ansible-playbook processes at once, each from its own thread; return their runs in order.

    ``write`` is throttled until every run has sent its first read.
    """
    emulator.fault(write, **THROTTLED)
    runs = [None] * RUNS
    errors = []
    start = threading.Barrier(RUNS)

    def one(index):
        directory = tmp_path / ('race%d' % index)
        directory.mkdir()
        try:
            start.wait()
            runs[index] = run_playbook(directory, collections_path, tasks, timeout=240)
        except Exception as exc:  # pylint: disable=broad-except
            errors.append(exc)

    threads = [threading.Thread(target=one, args=(index,)) for index in range(RUNS)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 200
    # No write can succeed before this, so the first RUNS reads are one per run.
    while len(emulator.requests(DESCRIBE)) < RUNS and time.monotonic() < deadline and not errors:
        time.sleep(0.1)
    reads = len(emulator.requests(DESCRIBE))
    emulator.clear_faults()
    for thread in threads:
        thread.join(300)
    assert not errors, errors
    assert reads >= RUNS
    return runs


def check_runs(runs):
    """Every run succeeded; return the 'changed' of each."""
    changed = []
    for run in runs:
        assert run.rc == 0, run.stdout + run.stderr
        result = run['result_0']
        assert result.get('failed') is not True, result.get('msg')
        assert 'Traceback' not in run.stdout + run.stderr
        changed.append(result['changed'])
    return changed


def codes(entries):
    """How many log entries ended with each code (None: success)."""
    counted = {}
    for entry in entries:
        counted[entry['code']] = counted.get(entry['code'], 0) + 1
    return counted


@pytest.mark.long
def test_concurrent_create_adds_once(tmp_path, collections_path, emulator):
    runs = run_concurrently(tmp_path, collections_path, emulator, [task(CONFIG, emulator, **dict(WANTED, **PATIENT))], ADD)

    changed = check_runs(runs)
    # Every run read "absent" and sent its Add: one succeeded, seven met it.
    assert dict((code, count) for code, count in codes(emulator.requests(ADD)).items() if code != 'Throttling.User') == {
        None: 1, 'ConfigAlreadyExists': RUNS - 1}
    assert sorted(changed) == [False] * (RUNS - 1) + [True]
    assert emulator.requests('UpdateLiveRecordVodConfig') == []
    configs = emulator.configs()
    assert len(configs) == 1
    assert (configs[0]['AppName'], configs[0]['VodTranscodeGroupId'], configs[0]['CycleDuration']) == ('race8', 'group-race', 900)


@pytest.mark.long
def test_concurrent_delete_deletes_once(tmp_path, collections_path, emulator):
    emulator.seed(configs=[STORED])
    args = dict(domain_name='live.example.com', app_name='race8', state='absent', **PATIENT)

    runs = run_concurrently(tmp_path, collections_path, emulator, [task(CONFIG, emulator, **args)], DELETE)

    changed = check_runs(runs)
    # Every run read "present" and sent its Delete: one succeeded, seven found nothing left.
    assert dict((code, count) for code, count in codes(emulator.requests(DELETE)).items() if code != 'Throttling.User') == {
        None: 1, 'InvalidConfig.NotFound': RUNS - 1}
    assert sorted(changed) == [False] * (RUNS - 1) + [True]
    assert emulator.configs() == []
