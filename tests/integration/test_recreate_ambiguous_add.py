# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A recreate whose Add answered 503 but took effect is reported as the recreate it was (the resource
module's ``updated``, the single module's ``recreated``), never as ``created``, and never as a failure
when the config is there with the wanted values."""

import pytest

from conftest import ADD, CONFIG, CONFIGS, DELETE, DOMAIN, seeded, stored_by_key

SEED = [seeded('news', StorageLocation='old-bucket', CycleDuration=900)]


def arm(emulator):
    # The Add of the recreate is applied, yet answers 503; the retry then meets the config it made.
    emulator.fault(ADD, 'error', status=503, code='ServiceUnavailable', apply=True, times=1)


def writes(emulator):
    return [(entry['action'], entry['code']) for entry in emulator.write_requests()]


def test_the_resource_module_reports_updated(live, emulator):
    emulator.seed(configs=SEED)
    arm(emulator)

    result = live(CONFIGS, domain_name=DOMAIN, allow_recreate=True, config=[dict(app_name='news', storage_location='new-bucket')])

    assert result.get('failed') is not True, result.get('msg')
    assert result['changed'] is True
    assert [(entry['key'], entry['action']) for entry in result['actions']] == [('news', 'updated')]
    assert 'storage_location' in result['actions'][0]['differences']
    assert writes(emulator) == [(DELETE, None), (ADD, 'ServiceUnavailable'), (ADD, 'ConfigAlreadyExists')]
    stored = stored_by_key(emulator)['news']
    assert (stored['StorageLocation'], stored['CycleDuration']) == ('new-bucket', 900)


def test_the_single_module_reports_recreated(live, emulator):
    emulator.seed(configs=SEED)
    arm(emulator)

    result = live(CONFIG, domain_name=DOMAIN, app_name='news', vod_transcode_group_id='group-a', storage_location='new-bucket',
                  allow_recreate=True)

    assert result.get('failed') is not True, result.get('msg')
    assert (result['changed'], result['action']) == (True, 'recreated')
    assert 'storage_location' in result['differences'] and result['config']['storage_location'] == 'new-bucket'


@pytest.mark.parametrize('module', [CONFIG, CONFIGS])
def test_without_retries_the_landed_add_is_found_instead_of_restoring(live, emulator, module):
    emulator.seed(configs=SEED)
    arm(emulator)
    if module == CONFIG:
        result = live(CONFIG, domain_name=DOMAIN, app_name='news', vod_transcode_group_id='group-a', storage_location='new-bucket',
                      allow_recreate=True, retries=0)
    else:
        result = live(CONFIGS, domain_name=DOMAIN, allow_recreate=True, retries=0,
                      config=[dict(app_name='news', storage_location='new-bucket')])

    # The restore's Add meets the config the first Add made: the recreate took effect.
    assert result.get('failed') is not True, result.get('msg')
    assert result['changed'] is True and 'could NOT be restored' not in result.get('msg', '')
    if module == CONFIG:
        assert result['action'] == 'recreated'
    else:
        assert [entry['action'] for entry in result['actions']] == ['updated']
    assert stored_by_key(emulator)['news']['StorageLocation'] == 'new-bucket'
