# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A value the service holds outside today's choices (OnDemand=3, set by the console or an older API)
is always accepted back; only a change is checked against the choices, after the read and before
any write, in every module and through the role."""

import yaml

from conftest import CONFIG, CONFIGS, DESCRIBE, DOMAIN, seeded
from test_record_vod_role import SITE, ansible_playbook, domain_inventory


def test_gathered_with_a_stored_value_outside_the_choices_round_trips(live, emulator):
    emulator.seed(configs=[seeded('odd', OnDemand=3), seeded('news', 'evening', OnDemand=7, CycleDuration=900)])
    stored = emulator.configs()
    gathered = live(CONFIGS, domain_name=DOMAIN, state='gathered')['gathered']
    assert [config['on_demand'] for config in gathered] == [7, 3]
    emulator.clear_requests()

    for state in ('merged', 'replaced', 'overridden'):
        result = live(CONFIGS, domain_name=DOMAIN, state=state, config=gathered)
        assert result.get('failed') is not True, (state, result.get('msg'))
        assert result['changed'] is False, state
    assert emulator.write_requests() == [] and emulator.configs() == stored
    assert [entry['action'] for entry in emulator.requests()] == [DESCRIBE] * 3


def test_the_stored_value_is_sent_back_as_stored_while_another_field_changes(live, emulator):
    emulator.seed(configs=[seeded('odd', OnDemand=3)])

    result = live(CONFIG, domain_name=DOMAIN, app_name='odd', vod_transcode_group_id='group-a', on_demand=3, cycle_duration=1800)

    # The module does not refuse it: the update carries the stored value, as it carries every value it keeps.
    assert 'must be one of' not in result.get('msg', '')
    assert [(entry['action'], entry['params'].get('OnDemand'), entry['params'].get('CycleDuration'))
            for entry in emulator.write_requests()] == [('UpdateLiveRecordVodConfig', '3', '1800')]
    if result.get('failed'):
        # A service that no longer takes the value on an update says so, with its own error.
        assert result['error']['code'].startswith('InvalidParameter') and 'OnDemand' in result['msg'], result['msg']
        assert emulator.configs()[0]['OnDemand'] == 3 and emulator.configs()[0]['CycleDuration'] == 3600
    else:
        assert (result['config']['on_demand'], result['config']['cycle_duration']) == (3, 1800)


def test_a_change_to_a_value_outside_the_choices_fails_after_the_read_and_before_any_write(live, emulator):
    emulator.seed(configs=[seeded('odd', OnDemand=3), seeded('plain')])
    stored = emulator.configs()
    emulator.clear_requests()

    single = live(CONFIG, domain_name=DOMAIN, app_name='plain', vod_transcode_group_id='group-a', on_demand=3)
    created = live(CONFIG, domain_name=DOMAIN, app_name='fresh', vod_transcode_group_id='group-a', on_demand=4)
    bulk = live(CONFIGS, domain_name=DOMAIN, config=[dict(app_name='odd', on_demand=4), dict(app_name='plain', cycle_duration=600)])

    for result in (single, created, bulk):
        assert result['failed'] is True
        assert 'on_demand must be one of 0, 1, 2, 7, got' in result['msg'] and 'Traceback' not in result['msg'], result['msg']
    assert 'config[0] (odd)' in bulk['msg'] and 'Nothing was changed' in bulk['msg']
    assert emulator.write_requests() == [] and emulator.configs() == stored
    assert [entry['action'] for entry in emulator.requests()] == [DESCRIBE] * 3


def test_the_role_accepts_an_adopted_value_outside_the_choices(emulator, collections_path, tmp_path):
    emulator.seed(configs=[seeded('odd', OnDemand=3, VodTranscodeGroupId='VOD_NO_TRANSCODE')])
    inventory = domain_inventory(tmp_path, {'record_vod_domains': [
        {'domain_name': DOMAIN, 'configs': [{'app_name': 'odd', 'on_demand': 3}]}]})

    run = ansible_playbook(emulator, collections_path, '-i', str(inventory), SITE)

    assert run.returncode == 0, run.stdout
    assert emulator.write_requests() == []
    assert yaml.safe_load(yaml.safe_dump(emulator.configs()))[0]['OnDemand'] == 3
