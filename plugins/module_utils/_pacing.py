# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Pacing and bounded concurrency for a task that makes many API calls.

``RatePacer(calls_per_minute)`` keeps one token bucket per API action; LiveClient asks it
for a token before every attempt of a call (retries included), so no action goes faster
than the rate however many workers share the client. ``run_bounded(function, items,
workers)`` applies ``function`` to every item on at most ``workers`` threads and returns
the results in the order of ``items``.

This module is private to the collection; it makes no promise of a stable API.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import threading
import time
from concurrent.futures import ThreadPoolExecutor

# The account's flow control: 1,000 calls per minute for each action of the service.
ACCOUNT_LIMIT_PER_MINUTE = 1000


def default_burst(calls_per_minute):
    """How many calls may go at once before pacing starts.

    A tenth of the rate, but never so many that a burst plus a minute at the rate exceeds
    the account's limit over any minute: at 900 per minute 90, at 1,000 none beyond the first.
    """
    return max(1, min(calls_per_minute // 10, ACCOUNT_LIMIT_PER_MINUTE - calls_per_minute))


class TokenBucket:
    """A token bucket that callers on any thread draw from; ``acquire()`` waits for a token.

    Each caller reserves its token under the lock and sleeps outside it, so waiting callers
    are served in arrival order and the lock is never held while sleeping.
    """

    def __init__(self, calls_per_minute, burst=None, clock=time.monotonic):
        if calls_per_minute <= 0:
            raise ValueError('calls_per_minute must be positive, got %r' % (calls_per_minute,))
        self.per_second = calls_per_minute / 60.0
        self.capacity = float(burst if burst is not None else default_burst(int(calls_per_minute)))
        self._tokens = self.capacity
        self._clock = clock
        self._last = clock()
        self._lock = threading.Lock()
        self.waited = 0.0

    def reserve(self):
        """Take a token; return how many seconds the caller must wait before using it."""
        with self._lock:
            now = self._clock()
            self._tokens = min(self.capacity, self._tokens + (now - self._last) * self.per_second)
            self._last = now
            self._tokens -= 1.0
            wait = 0.0 if self._tokens >= 0 else -self._tokens / self.per_second
            self.waited += wait
            return wait

    def acquire(self):
        wait = self.reserve()
        if wait > 0:
            time.sleep(wait)


class RatePacer:
    """One TokenBucket per API action, all at ``calls_per_minute``."""

    def __init__(self, calls_per_minute, burst=None, clock=time.monotonic):
        self.calls_per_minute = calls_per_minute
        self._burst = burst
        self._clock = clock
        self._buckets = {}
        self._lock = threading.Lock()

    def bucket(self, action):
        with self._lock:
            if action not in self._buckets:
                self._buckets[action] = TokenBucket(self.calls_per_minute, self._burst, self._clock)
            return self._buckets[action]

    def acquire(self, action):
        """Wait until ``action`` may be called again."""
        self.bucket(action).acquire()

    @property
    def waited(self):
        """Seconds callers were held back, per action."""
        with self._lock:
            return dict((action, round(bucket.waited, 3)) for action, bucket in self._buckets.items())


def run_bounded(function, items, workers):
    """``[function(item) for item in items]`` on at most ``workers`` threads, results in order.

    ``function`` should not raise: an exception is raised here only after every item ran.
    """
    items = list(items)
    if not items:
        return []
    if workers <= 1 or len(items) == 1:
        return [function(item) for item in items]
    with ThreadPoolExecutor(max_workers=min(workers, len(items))) as pool:
        futures = [pool.submit(function, item) for item in items]
    return [future.result() for future in futures]
