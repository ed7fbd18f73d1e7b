# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Flow control: calls per minute per account, each action in its own sliding window.

The newest API references limit every Live-to-VOD action, DescribeLiveRecordVodConfigs
included, to 1,000 calls per minute per account; calls over the limit get Throttling.User.
A rejected call (bad parameters, say) counts too: the window is per call, not per success.
"""

import collections
import threading
import time

from alicloud_live_emulator.protocol import ApiError

DEFAULT_LIMIT_PER_MINUTE = 1000
WINDOW_SECONDS = 60.0


class RateLimiter:
    """Sliding one-minute windows per (account, action), with a limit per action."""

    def __init__(self, actions, default_limit=DEFAULT_LIMIT_PER_MINUTE):
        self._lock = threading.Lock()
        self.actions = tuple(actions)
        self.default_limit = default_limit
        self.limits = {}
        self._windows = {}
        self.reset()

    def reset(self):
        """Forget every call and go back to the default limits and window."""
        with self._lock:
            self.limits = dict((action, self.default_limit) for action in self.actions)
            # A test may shorten the window: 20 calls per 5 s instead of 1,000 per minute.
            self.window = WINDOW_SECONDS
            self._windows = {}

    def admit(self, account_id, action, now=None):
        """Count a call, or raise Throttling.User when the account used up the action's minute."""
        limit = self.limits.get(action)
        if limit is None:
            return
        now = time.monotonic() if now is None else now
        with self._lock:
            calls = self._windows.setdefault((account_id, action), collections.deque())
            while calls and calls[0] <= now - self.window:
                calls.popleft()
            if len(calls) >= limit:
                raise ApiError(400, 'Throttling.User', 'Request was denied due to user flow control.')
            calls.append(now)

    def set_limits(self, limits):
        """Change limits: {action: calls per minute}; return them all."""
        with self._lock:
            self.limits.update(limits)
            return dict(self.limits)

    def set_window(self, seconds):
        """Count the limits over ``seconds`` instead of a minute."""
        with self._lock:
            self.window = float(seconds)
            self._windows = {}

    def current(self):
        """The limit of each action, in calls per minute per account."""
        with self._lock:
            return dict(self.limits)
