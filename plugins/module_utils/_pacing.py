# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Pacing and bounded concurrency for tasks that make many API calls.

``open_budget(account, rate)`` gives the budget of an account, shared by every process of
the controller (see AccountBudget below); LiveClient asks it before every attempt of a call
(retries included) and tells it about throttling answers. ``run_bounded(function, items, workers, stop)``
applies ``function`` to every item on at most ``workers`` threads until ``stop`` is set
(StopSignal sets it on SIGINT and SIGTERM) and returns the results in the order of ``items``.

This module is private to the collection; it makes no promise of a stable API.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import atexit
import binascii
import hashlib
import json
import os
import signal
import threading
import time

try:
    import fcntl
except ImportError:  # not a POSIX controller
    fcntl = None

NOT_STARTED = object()


def run_bounded(function, items, workers, stop=None):
    """``[function(item) for item in items]`` on at most ``workers`` threads, results in order.

    ``stop`` (a threading.Event or a StopSignal) ends the run early: once it is set, no
    further item starts, the calls in flight finish, and each item that did not start has
    NOT_STARTED as its result. ``function`` should not raise: an exception is raised here only
    after every started item ran.
    """
    items = list(items)
    results = [NOT_STARTED] * len(items)
    errors = []
    position = [0]
    lock = threading.Lock()
    stopped = stop.is_set if stop is not None else (lambda: False)

    def work():
        while True:
            with lock:
                if position[0] >= len(items) or stopped():
                    return
                index = position[0]
                position[0] += 1
            try:
                results[index] = function(items[index])
            except BaseException as error:  # pylint: disable=broad-except
                errors.append(error)
                results[index] = None

    threads = [threading.Thread(target=work, name='live-worker-%d' % number) for number in range(min(max(1, workers), len(items)))]
    for thread in threads:
        thread.daemon = True
        thread.start()
    for thread in threads:
        # A join with a timeout lets the main thread run signal handlers while it waits.
        while thread.is_alive():
            thread.join(0.5)
    if errors:
        raise errors[0]
    return results


# ---- one budget per account and action, shared by every process on the controller --------------
#
# The service counts calls per account and action, whoever makes them. Every client of the
# collection on one controller (forks, loops, concurrent ansible-playbook runs, the inventory
# plugin) therefore draws from one schedule per (account, action), kept in a small JSON file per
# account under a directory and changed under an flock: the kernel drops the lock with the
# process, so a process killed at any point never blocks the others, and no lock file is left.
#
# The schedule spaces calls evenly: each call takes the next free slot, one interval
# (60 / rate seconds) after the previous one, so no window of any length holds more calls than
# the rate allows (plus the one at its edge). A caller reserves a slot only when it is near
# (the horizon): slots reserved by a process that is killed before using them delay nobody by
# more than the horizon.
#
# The rate is the lowest rate_limit of the callers alive now (each holds a lease that names its
# rate, its process and an expiry), lowered for a while after a throttling answer: a caller
# outside the collection may be using the same account.

BUDGET_DIR_ENV = 'ALIBABA_CLOUD_LIVE_BUDGET_DIR'
DEFAULT_RATE_LIMIT = 900
# A lease that is not renewed for this long belongs to a caller that is gone.
LEASE_SECONDS = 60.0
# After a throttling answer: the rate is multiplied by THROTTLE_CUT (down to MIN_FACTOR of the
# rate), held there for HOLD_SECONDS, then brought back to the full rate over RECOVER_SECONDS.
THROTTLE_CUT = 0.5
MIN_FACTOR = 1.0 / 16
HOLD_SECONDS = 20.0
RECOVER_SECONDS = 40.0
# Throttling answers this soon after a cut come from calls sent before it: no further cut.
RECUT_SECONDS = 2.0
MIN_HORIZON = 0.5


def default_budget_dir(environ=None, home=None):
    """The directory of the budget files: the environment variable, else a per-user directory."""
    environ = os.environ if environ is None else environ
    if environ.get(BUDGET_DIR_ENV):
        return environ[BUDGET_DIR_ENV]
    return os.path.join(home or os.path.expanduser('~'), '.ansible', 'alicloud_live', 'budget')


def budget_file_name(account):
    """The file of an account's budget: a hash, so that no key identifier is written in clear."""
    return hashlib.sha256(('alicloud.live budget\0%s' % account).encode('utf-8')).hexdigest()[:40] + '.json'


def pid_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True
    return True


def _wall_time():
    # time.time looked up at each call, so that a patched time module is honoured.
    return time.time()


def _sleep(seconds):
    time.sleep(seconds)


def throttle_factor(entry, now):
    """How much of the rate an action may use now, after its last throttling answer (1.0 when none)."""
    cut, at = entry.get('cut'), entry.get('at')
    if not isinstance(cut, (int, float)) or not isinstance(at, (int, float)):
        return 1.0
    elapsed = max(0.0, now - at)
    if elapsed <= HOLD_SECONDS:
        return cut
    if elapsed >= HOLD_SECONDS + RECOVER_SECONDS:
        return 1.0
    return cut + (1.0 - cut) * (elapsed - HOLD_SECONDS) / RECOVER_SECONDS


def _clean(data):
    """The budget's state, whatever the file held (a file cut short by a killed writer reads as empty)."""
    if not isinstance(data, dict):
        data = {}
    for key in ('leases', 'actions'):
        if not isinstance(data.get(key), dict):
            data[key] = {}
    return data


class MemoryStore:
    """The budget's state in this process only: the fallback when no directory can hold it."""

    shared = False

    def __init__(self):
        self._lock = threading.Lock()
        self._data = _clean({})

    def update(self, change):
        with self._lock:
            return change(self._data)

    def close(self):
        pass


class FileStore:
    """The budget's state in a JSON file, changed under an exclusive flock (and a thread lock)."""

    shared = True

    def __init__(self, path):
        self.path = path
        self._lock = threading.Lock()
        self._fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)

    def update(self, change):
        with self._lock:
            if self._fd is None:
                self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            fcntl.flock(self._fd, fcntl.LOCK_EX)
            try:
                os.lseek(self._fd, 0, os.SEEK_SET)
                chunks = []
                while True:
                    chunk = os.read(self._fd, 65536)
                    if not chunk:
                        break
                    chunks.append(chunk)
                try:
                    data = json.loads(b''.join(chunks).decode('utf-8'))
                except ValueError:
                    data = None
                data = _clean(data)
                result = change(data)
                encoded = json.dumps(data, sort_keys=True).encode('utf-8')
                os.lseek(self._fd, 0, os.SEEK_SET)
                os.write(self._fd, encoded)
                os.ftruncate(self._fd, len(encoded))
                return result
            finally:
                fcntl.flock(self._fd, fcntl.LOCK_UN)

    def close(self):
        with self._lock:
            if self._fd is not None:
                os.close(self._fd)
                self._fd = None


class AccountBudget:
    """One account's budget: ``acquire(action)`` before every attempt, ``throttled(action)`` on a throttling answer.

    ``rate`` is this caller's rate_limit (calls per minute per action); the lowest rate of the
    callers alive governs. ``clock`` must be shared by the processes (wall time); ``sleep`` and
    ``clock`` are injectable for tests.
    """

    def __init__(self, store, rate, clock=None, sleep=None, pid=None, alive=pid_alive):
        if rate <= 0:
            raise ValueError('rate must be positive, got %r' % (rate,))
        self.store = store
        self.rate = float(rate)
        self._clock = clock or _wall_time
        self._sleep = sleep or _sleep
        self._closed = False
        self._alive = alive
        self.pid = os.getpid() if pid is None else pid
        self.lease = '%d-%s' % (self.pid, binascii.hexlify(os.urandom(6)).decode('ascii'))
        self.waited = {}
        self.throttles = 0

    @property
    def shared(self):
        return self.store.shared

    def _renew(self, data, now):
        leases = data['leases']
        for lease_id, lease in list(leases.items()):
            if lease_id == self.lease:
                continue
            try:
                gone = lease['expires'] < now or float(lease['rate']) <= 0 or not self._alive(int(lease['pid']))
            except (KeyError, TypeError, ValueError):
                gone = True
            if gone:
                del leases[lease_id]
        leases[self.lease] = dict(rate=self.rate, pid=self.pid, expires=now + LEASE_SECONDS)
        return min(float(lease['rate']) for lease in leases.values())

    @staticmethod
    def entry(data, action):
        """The schedule of ``action`` in ``data``, made anew when missing or damaged."""
        entry = data['actions'].get(action)
        if not isinstance(entry, dict):
            entry = data['actions'][action] = {}
        return entry

    def interval(self, data, action, now):
        """Seconds between two calls of ``action`` now; renews this caller's lease."""
        rate = self._renew(data, now)
        return 60.0 / (rate * throttle_factor(self.entry(data, action), now))

    def try_reserve(self, action, now=None):
        """(True, wait) with a slot reserved ``wait`` seconds from now, or (False, wait) to ask again after ``wait``."""
        now = self._clock() if now is None else now

        def change(data):
            interval = self.interval(data, action, now)
            horizon = max(MIN_HORIZON, interval)
            entry = self.entry(data, action)
            following = entry.get('next')
            if not isinstance(following, (int, float)) or following - now > 2 * (horizon + interval):
                # No schedule yet, or one left by a clock that was set back.
                following = now
            slot = max(now, following)
            if slot - now > horizon:
                return False, slot - now - horizon
            entry['next'] = slot + interval
            return True, slot - now

        return self.store.update(change)

    def acquire(self, action):
        """Wait until ``action`` may be called; return the time of the slot it got."""
        started = now = self._clock()
        while True:
            granted, wait = self.try_reserve(action, now)
            if wait > 0:
                self._sleep(wait)
            if granted:
                break
            # A sleep that returned has lasted at least ``wait``, whatever a coarse clock says.
            now = max(self._clock(), now + wait)
        slot = now + max(wait, 0.0)
        self.waited[action] = self.waited.get(action, 0.0) + slot - started
        return slot

    def throttled(self, action):
        """The service throttled ``action``: slow it down for everyone for a while."""
        now = self._clock()
        self.throttles += 1

        def change(data):
            entry = self.entry(data, action)
            cut_at = entry.get('cut_at')
            factor = throttle_factor(entry, now)
            if isinstance(cut_at, (int, float)) and 0 <= now - cut_at < RECUT_SECONDS:
                # Sent before the last cut: hold the cut longer, do not deepen it.
                entry['cut'], entry['at'] = factor, now
                return
            entry['cut'] = max(MIN_FACTOR, factor * THROTTLE_CUT)
            entry['at'] = entry['cut_at'] = now
            interval = self.interval(data, action, now)
            # The next call waits a whole interval at the new rate.
            entry['next'] = max(entry.get('next') or now, now + interval)

        self.store.update(change)

    def close(self):
        """Give up this caller's lease (its rate no longer counts) and the file."""
        if self._closed:
            return
        self._closed = True

        def change(data):
            data['leases'].pop(self.lease, None)
        try:
            self.store.update(change)
        except (OSError, ValueError):
            pass
        self.store.close()


def open_budget(account, rate, directory=None, warn=None, clock=None, sleep=None):
    """The budget of ``account`` (a string that names it; hashed for the file name) at ``rate`` calls per minute.

    The state lives under ``directory`` (default: default_budget_dir()). Where that cannot
    hold it, the budget is this process's own and ``warn`` is told why.
    """
    directory = directory or default_budget_dir()
    try:
        if fcntl is None:
            raise OSError('file locks (fcntl) are not available on this platform')
        if not os.path.isdir(directory):
            os.makedirs(directory, mode=0o700)
        store = FileStore(os.path.join(directory, budget_file_name(account)))
    except OSError as error:
        if warn is not None:
            warn('The API budget directory %s cannot be used (%s): this process paces its own calls at %s per minute '
                 'per action, without regard to other tasks, forks or runs on the same account. Set budget_dir or %s '
                 'to a writable directory.' % (directory, error.strerror or error, int(rate), BUDGET_DIR_ENV))
        store = MemoryStore()
    budget = AccountBudget(store, rate, clock=clock, sleep=sleep)
    atexit.register(budget.close)
    return budget


# ---- bulk runs that stop -------------------------------------------------------------------


class StopSignal:
    """A flag that SIGINT and SIGTERM raise while the context is active (main thread only)."""

    SIGNALS = ('SIGINT', 'SIGTERM')

    def __init__(self):
        self.event = threading.Event()
        self.signal = None
        self.reason = None
        self._previous = {}

    def set(self, reason):
        if not self.event.is_set():
            self.reason = reason
        self.event.set()

    def is_set(self):
        return self.event.is_set()

    def _handle(self, number, frame):  # pylint: disable=unused-argument
        self.signal = signal.Signals(number).name
        self.set('interrupted by %s' % self.signal)

    def __enter__(self):
        if threading.current_thread() is threading.main_thread():
            for name in self.SIGNALS:
                number = getattr(signal, name)
                self._previous[number] = signal.signal(number, self._handle)
        return self

    def __exit__(self, *exc_info):
        for number, handler in self._previous.items():
            signal.signal(number, handler)
        self._previous = {}
        return False
