# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""live_record_vod_configs, state=gathered: the domain's configs in the config shape, nothing changed;
applied back, they are a no-op."""

from conftest import CONFIGS, DESCRIBE, DOMAIN, seeded


def test_gathered_returns_the_configs_in_the_config_shape(live, emulator):
    emulator.seed(configs=[seeded('sports', 'final', OnDemand=1, StorageLocation='oss:/rec'),
                           seeded('news', AutoCompose='ON', ComposeVodTranscodeGroupId='c1', CycleDuration=900),
                           seeded('elsewhere', domain='demo.example.com')])
    emulator.clear_requests()

    result = live(CONFIGS, domain_name=DOMAIN, state='gathered')

    assert result['changed'] is False
    assert result['gathered'] == [
        dict(app_name='news', stream_name=None, vod_transcode_group_id='group-a', cycle_duration=900, auto_compose=True,
             compose_vod_transcode_group_id='c1', storage_location=None, on_demand=0, delay_time=None,
             record_content=['raw'], transcode_templates=None, space_id=None, record_formats=None, extra=None),
        dict(app_name='sports', stream_name='final', vod_transcode_group_id='group-a', cycle_duration=3600,
             auto_compose=False, compose_vod_transcode_group_id=None, storage_location='oss:/rec', on_demand=1,
             delay_time=None, record_content=['raw'], transcode_templates=None, space_id=None, record_formats=None,
             extra=None),
    ]
    assert [entry['action'] for entry in emulator.requests()] == [DESCRIBE]


def test_gathered_configs_applied_back_change_nothing(live, emulator):
    emulator.seed(configs=[seeded('app%03d' % index, CycleDuration=300 + index) for index in range(150)])
    gathered = live(CONFIGS, domain_name=DOMAIN, state='gathered')['gathered']
    emulator.clear_requests()

    result = live(CONFIGS, domain_name=DOMAIN, state='overridden', config=gathered)

    assert result['changed'] is False
    assert emulator.write_requests() == [] and len(emulator.requests(DESCRIBE)) == 2
