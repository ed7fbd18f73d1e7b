# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""live_record_vod_configs in check mode: the same plan, zero writes, and exactly what the run then does."""

import pytest

from conftest import CONFIGS, DESCRIBE, connection, seeded

CONFIG = [dict(app_name='news', cycle_duration=900), dict(app_name='fresh', stream_name='cam', vod_transcode_group_id='group-a')]
# Each state on a domain of its own, so that one play covers them all.
CASES = [
    ('merged', 'live.example.com', [('news', 'updated'), ('fresh/cam', 'created')]),
    ('replaced', 'demo.example.com', [('news', 'updated'), ('fresh/cam', 'created')]),
    ('overridden', 'play.example.com', [('news', 'updated'), ('fresh/cam', 'created'), ('old', 'deleted')]),
    ('deleted', 'vod.example.com', [('news', 'deleted'), ('fresh/cam', 'unchanged')]),
]


@pytest.mark.long
def test_check_mode_makes_zero_writes_and_predicts_the_run_in_every_state(playbook, emulator):
    emulator.add_domains('vod.example.com')
    emulator.seed(configs=[seeded(app, domain=domain, OnDemand=1) for _state, domain, _expected in CASES for app in ('news', 'old')])
    tasks = []
    for check_mode in (True, False):
        for state, domain, _expected in CASES:
            options = dict(connection(emulator), domain_name=domain, state=state, config=CONFIG)
            tasks.append({'name': '%s %s' % (state, check_mode), CONFIGS: options, 'check_mode': check_mode, 'diff': True})

    run = playbook(tasks)

    assert run.rc == 0, run.stdout + run.stderr
    requests = emulator.requests()
    # The checks read each domain once and write nothing; the writes come from the real runs after them.
    assert [(entry['action'], entry['params']['DomainName']) for entry in requests[:len(CASES)]] == [
        (DESCRIBE, domain) for _state, domain, _expected in CASES]
    assert requests[len(CASES)]['action'] == DESCRIBE
    for index, (state, _domain, expected) in enumerate(CASES):
        predicted, applied = run['result_%d' % index], run['result_%d' % (index + len(CASES))]
        assert predicted['changed'] is True, state
        assert [(entry['key'], entry['action']) for entry in predicted['actions']] == expected, state
        # One text entry per config the run changes, named by its key.
        assert [entry['before_header'] for entry in predicted['diff']] == sorted(
            '%s %s' % (_domain, entry['key']) for entry in predicted['actions'] if entry['action'] not in ('none', 'unchanged')), state
        assert all(isinstance(entry['before'], str) and isinstance(entry['after'], str) for entry in predicted['diff']), state
        assert predicted['before'] != predicted['after'], state
        assert [(e['key'], e['action'], e['differences']) for e in applied['actions']] == [
            (e['key'], e['action'], e['differences']) for e in predicted['actions']], state
        assert applied['after'] == predicted['after'], state
        assert applied['diff'] == predicted['diff'], state
