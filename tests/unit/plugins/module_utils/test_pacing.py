# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The bounded worker pool and its stop signal; and LiveClient asking the pacer before every attempt."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import threading
import time

import pytest

from ansible_collections.alicloud.live.plugins.module_utils import _pacing as pacing

from ansible_collections.alicloud.live.plugins.module_utils._resources.record_vod import RECORD_VOD

from live_fakes import error_body, make_client


def test_run_bounded_keeps_order_and_never_exceeds_the_workers():
    lock = threading.Lock()
    running = [0]
    peak = [0]

    def work(item):
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        time.sleep(0.01)
        with lock:
            running[0] -= 1
        return item * 2

    assert pacing.run_bounded(work, range(30), 4) == [item * 2 for item in range(30)]
    assert 2 <= peak[0] <= 4


def test_run_bounded_with_one_worker_or_no_items():
    assert pacing.run_bounded(lambda item: item + 1, [1, 2], 1) == [2, 3]
    assert pacing.run_bounded(lambda item: item, [], 8) == []


class CountingPacer:
    def __init__(self):
        self.acquired = []

    def acquire(self, action):
        self.acquired.append(action)


def test_the_client_asks_the_pacer_before_every_attempt_retries_included(fake_api):
    client = make_client(retries=3, retry_delay=0.01)
    client.pacer = CountingPacer()
    fake_api.script('DescribeLiveRecordVodConfigs', (400, error_body('Throttling.User', 'Request was denied due to user flow control.')))

    client.read_all(RECORD_VOD, {'DomainName': 'live.example.com'})

    assert client.pacer.acquired == ['DescribeLiveRecordVodConfigs'] * 2
    assert fake_api.actions() == ['DescribeLiveRecordVodConfigs'] * 2


def test_run_bounded_starts_nothing_once_stopped_and_lets_the_started_items_finish():
    stop = threading.Event()
    started = []
    lock = threading.Lock()

    def work(item):
        with lock:
            started.append(item)
            if len(started) == 5:
                stop.set()
        return item

    results = pacing.run_bounded(work, range(100), 3, stop=stop)

    # The workers that had already taken an item when the flag went up finish it; no other starts.
    assert 5 <= len(started) <= 5 + 2
    assert [result for result in results if result is not pacing.NOT_STARTED] == sorted(started)
    assert results.count(pacing.NOT_STARTED) == 100 - len(started)


def test_sigint_and_sigterm_set_the_stop_signal_instead_of_raising():
    import os
    import signal

    if threading.current_thread() is not threading.main_thread():
        pytest.skip('signal handlers can only be set from the main thread')
    previous = signal.getsignal(signal.SIGINT)
    with pacing.StopSignal() as stop:
        os.kill(os.getpid(), signal.SIGTERM)
        # The handler runs in the main thread at the next bytecode boundary.
        for _spin in range(1000):
            if stop.is_set():
                break
            time.sleep(0)
        assert stop.is_set() and stop.signal == 'SIGTERM' and stop.reason == 'interrupted by SIGTERM'
        os.kill(os.getpid(), signal.SIGINT)
    # The handlers are given back afterwards.
    assert signal.getsignal(signal.SIGINT) is previous
