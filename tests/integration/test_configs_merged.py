# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""live_record_vod_configs, state=merged: create and update what is listed, leave the rest alone;
the domain is read in pages of 100 and an identical rerun writes nothing."""

import pytest

from conftest import ADD, CONFIGS, DESCRIBE, DOMAIN, UPDATE, actions_by_key, seeded, stored_by_key


@pytest.mark.matrix
def test_creates_and_updates_only_what_is_listed_and_given(live, emulator):
    emulator.seed(configs=[seeded('kept', CycleDuration=7200), seeded('drifted', CycleDuration=7200, OnDemand=1),
                           seeded('other', domain='demo.example.com')])

    result = live(CONFIGS, domain_name='LIVE.example.com', config=[
        dict(app_name='news', vod_transcode_group_id='group-n', cycle_duration=1800),
        dict(app_name='news', stream_name='final', vod_transcode_group_id='group-n', on_demand=1),
        dict(app_name='drifted', cycle_duration=900),
    ])

    assert result['changed'] is True
    assert actions_by_key(result) == {'news': 'created', 'news/final': 'created', 'drifted': 'updated'}
    stored = stored_by_key(emulator)
    assert sorted(stored) == ['drifted', 'kept', 'news', 'news/final']
    assert (stored['drifted']['CycleDuration'], stored['drifted']['OnDemand']) == (900, 1)
    assert stored['kept']['CycleDuration'] == 7200
    assert stored['news']['CycleDuration'] == 1800 and stored['news/final']['OnDemand'] == 1
    assert set(entry['params']['DomainName'] for entry in emulator.requests()) == set([DOMAIN])
    assert [entry['key'] for entry in result['actions']] == ['news', 'news/final', 'drifted']
    assert [(c['app_name'], c['stream_name']) for c in result['after']] == [
        ('drifted', None), ('kept', None), ('news', None), ('news', 'final')]


@pytest.mark.matrix
def test_identical_rerun_reports_unchanged_with_zero_writes(live, emulator):
    config = [dict(app_name='app%d' % index, vod_transcode_group_id='group-a') for index in range(5)]
    live(CONFIGS, domain_name=DOMAIN, config=config)
    emulator.clear_requests()

    result = live(CONFIGS, domain_name=DOMAIN, config=config)

    assert result['changed'] is False
    assert set(actions_by_key(result).values()) == set(['unchanged'])
    assert [entry['action'] for entry in emulator.requests()] == [DESCRIBE]


def test_a_300_config_no_op_costs_three_describes_and_no_write(live, emulator):
    emulator.seed(configs=[seeded('app%03d' % index, CycleDuration=600 + index) for index in range(300)])
    emulator.clear_requests()

    result = live(CONFIGS, domain_name=DOMAIN,
                  config=[dict(app_name='app%03d' % index, cycle_duration=600 + index) for index in range(300)])

    assert result['changed'] is False and len(result['actions']) == 300
    describes = emulator.requests(DESCRIBE)
    assert len(describes) <= 3
    assert [entry['params']['PageSize'] for entry in describes] == ['100'] * len(describes)
    assert emulator.write_requests() == []


def test_drift_on_a_few_of_many_configs_writes_only_those(live, emulator):
    emulator.seed(configs=[seeded('app%03d' % index) for index in range(120)])
    emulator.seed(configs=[seeded('app%03d' % index, CycleDuration=7200) for index in (3, 50, 110)])
    emulator.clear_requests()

    result = live(CONFIGS, domain_name=DOMAIN, config=[dict(app_name='app%03d' % index, cycle_duration=3600) for index in range(120)])

    assert result['changed'] is True
    assert sorted(entry['params']['AppName'] for entry in emulator.write_requests()) == ['app003', 'app050', 'app110']
    assert set(entry['action'] for entry in emulator.write_requests()) == set([UPDATE])
    # One paged read before and one paged read back after: 2 pages each.
    assert len(emulator.requests(DESCRIBE)) == 4
    assert emulator.requests(ADD) == []
