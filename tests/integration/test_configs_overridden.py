# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""live_record_vod_configs, state=overridden: the domain ends up with exactly the listed configs;
an empty list wipes the domain only with allow_delete_all."""

from conftest import CONFIGS, DOMAIN, actions_by_key, seeded, stored_by_key


def test_the_domain_ends_up_with_exactly_the_listed_configs(live, emulator):
    emulator.seed(configs=[seeded('keep', CycleDuration=900), seeded('drop'), seeded('drop', 'cam1'),
                           seeded('elsewhere', domain='demo.example.com')])

    result = live(CONFIGS, domain_name=DOMAIN, state='overridden', config=[
        dict(app_name='keep', vod_transcode_group_id='group-a'),
        dict(app_name='new', stream_name='cam2', vod_transcode_group_id='group-a')])

    assert result['changed'] is True
    assert actions_by_key(result) == {'keep': 'updated', 'new/cam2': 'created', 'drop': 'deleted', 'drop/cam1': 'deleted'}
    stored = stored_by_key(emulator)
    assert sorted(stored) == ['keep', 'new/cam2']
    # Overridden resets what is left out, like replaced.
    assert stored['keep']['CycleDuration'] == 3600
    assert [c['AppName'] for c in emulator.configs() if c['DomainName'] == 'demo.example.com'] == ['elsewhere']
    assert [(c['app_name'], c['stream_name']) for c in result['after']] == [('keep', None), ('new', 'cam2')]


def test_an_empty_list_is_refused_before_any_request_without_allow_delete_all(live, emulator):
    emulator.seed(configs=[seeded('keep')])

    result = live(CONFIGS, domain_name=DOMAIN, state='overridden', config=[])

    assert result['failed'] is True and 'allow_delete_all' in result['msg']
    assert emulator.requests() == []
    assert sorted(stored_by_key(emulator)) == ['keep']


def test_an_empty_list_with_allow_delete_all_deletes_every_config(live, emulator):
    emulator.seed(configs=[seeded('a'), seeded('b', 's')])

    result = live(CONFIGS, domain_name=DOMAIN, state='overridden', config=[], allow_delete_all=True)

    assert result['changed'] is True
    assert actions_by_key(result) == {'a': 'deleted', 'b/s': 'deleted'}
    assert stored_by_key(emulator) == {} and result['after'] == []
