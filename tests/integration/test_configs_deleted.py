# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""live_record_vod_configs, state=deleted: delete the listed configs; a list that is empty or
templates to empty never wipes a domain unless allow_delete_all says so."""

from conftest import CONFIGS, DELETE, DOMAIN, actions_by_key, connection, seeded, stored_by_key


def test_deletes_the_listed_configs_only(live, emulator):
    emulator.seed(configs=[seeded('news'), seeded('news', 'final'), seeded('sports')])

    result = live(CONFIGS, domain_name=DOMAIN, state='deleted',
                  config=[dict(app_name='news', stream_name='final'), dict(app_name='sports'), dict(app_name='absent')])

    assert result['changed'] is True
    assert actions_by_key(result) == {'news/final': 'deleted', 'sports': 'deleted', 'absent': 'unchanged'}
    assert sorted(stored_by_key(emulator)) == ['news']
    assert [entry['action'] for entry in emulator.write_requests()] == [DELETE, DELETE]

    emulator.clear_requests()
    again = live(CONFIGS, domain_name=DOMAIN, state='deleted', config=[dict(app_name='news', stream_name='final')])
    assert again['changed'] is False and emulator.write_requests() == []


def test_a_variable_that_templates_to_an_empty_list_never_wipes_the_domain(playbook, emulator):
    emulator.seed(configs=[seeded('news'), seeded('sports')])
    options = dict(connection(emulator), domain_name=DOMAIN, state='deleted', config='{{ wanted_configs | default([]) }}')

    run = playbook([{'name': 'delete nothing by accident', CONFIGS: options}])

    result = run['result_0']
    assert result['failed'] is True and 'allow_delete_all' in result['msg']
    assert emulator.requests() == []
    assert sorted(stored_by_key(emulator)) == ['news', 'sports']


def test_no_list_with_allow_delete_all_deletes_every_config_of_the_domain_only(live, emulator):
    emulator.seed(configs=[seeded('news'), seeded('news', 'final'), seeded('kept', domain='demo.example.com')])

    result = live(CONFIGS, domain_name=DOMAIN, state='deleted', allow_delete_all=True)

    assert result['changed'] is True
    assert actions_by_key(result) == {'news': 'deleted', 'news/final': 'deleted'}
    assert stored_by_key(emulator) == {}
    assert [c['AppName'] for c in emulator.configs()] == ['kept']
