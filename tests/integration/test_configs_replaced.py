# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""live_record_vod_configs, state=replaced: each listed config exactly as given, options left out back
to the API's defaults; storage_location follows allow_recreate."""

from conftest import ADD, CONFIGS, DELETE, DOMAIN, UPDATE, actions_by_key, seeded, stored_by_key


def test_options_left_out_go_back_to_the_api_defaults(live, emulator):
    emulator.seed(configs=[seeded('news', CycleDuration=7200, OnDemand=1, AutoCompose='ON', ComposeVodTranscodeGroupId='c1',
                                  StorageLocation='oss:/keep'),
                           seeded('untouched', CycleDuration=7200)])

    result = live(CONFIGS, domain_name=DOMAIN, state='replaced', config=[dict(app_name='news', vod_transcode_group_id='group-b')])

    assert result['changed'] is True
    assert actions_by_key(result) == {'news': 'updated'}
    stored = stored_by_key(emulator)
    news = stored['news']
    assert (news['VodTranscodeGroupId'], news['CycleDuration'], news['OnDemand'], news['AutoCompose']) == ('group-b', 3600, 0, 'OFF')
    assert news['ComposeVodTranscodeGroupId'] == ''
    assert news['StorageLocation'] == 'oss:/keep'
    assert stored['untouched']['CycleDuration'] == 7200
    assert [entry['action'] for entry in emulator.write_requests()] == [UPDATE]

    emulator.clear_requests()
    again = live(CONFIGS, domain_name=DOMAIN, state='replaced', config=[dict(app_name='news', vod_transcode_group_id='group-b')])
    assert again['changed'] is False and emulator.write_requests() == []


def test_a_storage_location_change_needs_allow_recreate_and_nothing_is_written_without_it(live, emulator):
    emulator.seed(configs=[seeded('news', StorageLocation='oss:/old')])
    config = [dict(app_name='fresh', vod_transcode_group_id='group-a'),
              dict(app_name='news', vod_transcode_group_id='group-a', storage_location='oss:/new')]

    refused = live(CONFIGS, domain_name=DOMAIN, state='replaced', config=config)

    assert refused['failed'] is True and refused['changed'] is False
    assert 'allow_recreate' in refused['msg'] and 'config[1] (news)' in refused['msg']
    assert actions_by_key(refused) == {'fresh': 'unchanged', 'news': 'failed'}
    assert emulator.write_requests() == []

    result = live(CONFIGS, domain_name=DOMAIN, state='replaced', config=config, allow_recreate=True)

    assert result['changed'] is True
    assert actions_by_key(result) == {'fresh': 'created', 'news': 'updated'}
    news = [entry for entry in result['actions'] if entry['key'] == 'news'][0]
    assert news['differences']['storage_location'] == {'before': 'oss:/old', 'after': 'oss:/new'}
    assert sorted(entry['action'] for entry in emulator.write_requests()) == [ADD, ADD, DELETE]
    assert stored_by_key(emulator)['news']['StorageLocation'] == 'oss:/new'
