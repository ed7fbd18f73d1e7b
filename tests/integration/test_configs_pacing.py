# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""live_record_vod_configs' concurrency and rate: bounded workers, every action spread evenly at
its own rate, and throttling answers still retried. Times come from the emulator's request log."""

from conftest import ADD, CONFIGS, DESCRIBE, DOMAIN, seeded, stored_by_key

# The emulator holds each add this long, so that concurrent adds overlap.
HOLD = 0.5


def most_within(times, window):
    """The largest number of ``times`` that fall within any ``window`` seconds."""
    times = sorted(times)
    return max(len([t for t in times[index:] if t - start < window]) for index, start in enumerate(times))


def test_writes_run_on_at_most_concurrency_workers(live, emulator):
    emulator.fault(ADD, 'delay', seconds=HOLD)
    config = [dict(app_name='app%02d' % index, vod_transcode_group_id='group-a') for index in range(9)]

    result = live(CONFIGS, domain_name=DOMAIN, config=config, concurrency=3)

    assert result['changed'] is True and len(stored_by_key(emulator)) == 9
    arrivals = [entry['time'] for entry in emulator.requests(ADD)]
    # No add can start before one of the three in flight has been answered.
    assert most_within(arrivals, HOLD * 0.9) <= 3
    # And the workers are used: three at once, not one after the other.
    assert most_within(arrivals, HOLD * 0.9) >= 2
    assert max(arrivals) - min(arrivals) < 8 * HOLD


def test_each_action_is_spread_evenly_at_rate_limit(live, emulator):
    # 120 calls per minute: one every 0.5 s from the first, with no burst.
    emulator.seed(configs=[seeded('old%02d' % index) for index in range(4)])
    config = ([dict(app_name='app%02d' % index, vod_transcode_group_id='group-a') for index in range(8)]
              + [dict(app_name='old%02d' % index, cycle_duration=900) for index in range(4)])

    result = live(CONFIGS, domain_name=DOMAIN, config=config, rate_limit=120, concurrency=8)

    assert result['changed'] is True
    adds = sorted(entry['time'] for entry in emulator.requests(ADD))
    assert len(adds) == 8
    # Spaced at the rate, whatever the concurrency: the eight slots span 3.5 s, and no second holds
    # more than the rate's two calls, but for one that a busy machine delayed on its way onto the next.
    assert adds[-1] - adds[0] >= 7 * 0.5 * 0.9
    assert most_within(adds, 1.0) <= 2 + 1
    # The updates have a schedule of their own: the first does not wait for the adds.
    updates = sorted(entry['time'] for entry in emulator.requests('UpdateLiveRecordVodConfig'))
    assert len(updates) == 4 and updates[0] < adds[-1]
    assert most_within(updates, 1.0) <= 2 + 1


def test_reads_are_paced_too(live, emulator):
    # 60 calls per minute: one page a second.
    emulator.seed(configs=[seeded('app%03d' % index) for index in range(500)])
    emulator.clear_requests()

    result = live(CONFIGS, domain_name=DOMAIN, state='gathered', rate_limit=60)

    assert len(result['gathered']) == 500
    pages = [entry['time'] for entry in emulator.requests(DESCRIBE)]
    assert len(pages) == 5
    assert pages[4] - pages[0] >= 4 * 0.9


def test_throttling_answers_are_still_retried(live, emulator):
    emulator.fault(DESCRIBE, 'error', status=400, code='Throttling.User', message='Request was denied due to user flow control.',
                   times=1)
    emulator.fault(ADD, 'error', status=400, code='Throttling.User', message='Request was denied due to user flow control.',
                   times=3)
    config = [dict(app_name='app%d' % index, vod_transcode_group_id='group-a') for index in range(4)]

    result = live(CONFIGS, domain_name=DOMAIN, config=config)

    assert result['changed'] is True and not result.get('failed')
    assert set(entry['action'] for entry in result['actions']) == set(['created'])
    assert [entry['code'] for entry in emulator.requests(ADD)].count('Throttling.User') == 3
    assert len(emulator.requests(ADD)) == 7 and len(stored_by_key(emulator)) == 4
