# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The flow-control window, with the clock in the test's hands."""

import pytest

from alicloud_live_emulator.protocol import ApiError
from alicloud_live_emulator.ratelimit import RateLimiter

ADD, DESCRIBE = 'AddLiveRecordVodConfig', 'DescribeLiveRecordVodConfigs'


def throttled(limiter, account, action, now):
    try:
        limiter.admit(account, action, now=now)
    except ApiError as exc:
        assert (exc.status, exc.code) == (400, 'Throttling.User')
        return True
    return False


def test_the_window_is_one_sliding_minute_per_account_and_action():
    limiter = RateLimiter([ADD, DESCRIBE], default_limit=2)
    assert [throttled(limiter, 'a', DESCRIBE, t) for t in (0.0, 30.0, 59.9)] == [False, False, True]
    assert not throttled(limiter, 'b', DESCRIBE, 59.9) and not throttled(limiter, 'a', ADD, 59.9)
    # The call at 0.0 leaves the window at 60.0; the one at 30.0 at 90.0.
    assert [throttled(limiter, 'a', DESCRIBE, t) for t in (60.0, 60.1, 90.0)] == [False, True, False]


def test_default_is_1000_per_minute_for_every_action_and_limits_are_per_action():
    limiter = RateLimiter([ADD, DESCRIBE])
    assert limiter.current() == {ADD: 1000, DESCRIBE: 1000}
    assert not any(throttled(limiter, 'a', DESCRIBE, index * 0.01) for index in range(1000))
    assert throttled(limiter, 'a', DESCRIBE, 10.0)
    limiter.set_limits({DESCRIBE: 1001})
    assert not throttled(limiter, 'a', DESCRIBE, 10.0)
    limiter.reset()
    assert limiter.current() == {ADD: 1000, DESCRIBE: 1000}


@pytest.mark.parametrize('action', ['NotThrottled'])
def test_actions_without_a_limit_pass(action):
    limiter = RateLimiter([ADD], default_limit=1)
    assert not any(throttled(limiter, 'a', action, 0.0) for dummy in range(5))


def test_the_window_can_be_shortened():
    limiter = RateLimiter([DESCRIBE], default_limit=2)
    limiter.set_window(5)
    assert [throttled(limiter, 'a', DESCRIBE, t) for t in (0.0, 1.0, 4.9, 5.0, 5.1)] == [False, False, True, False, True]
    limiter.reset()
    assert limiter.window == 60.0
