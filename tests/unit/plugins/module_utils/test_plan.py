# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The planner as tables of (wanted, stored, mode) -> steps, with plain data; then the executor
against the fake API at the SDK boundary."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.alicloud.live.plugins.module_utils import _plan as planner
from ansible_collections.alicloud.live.plugins.module_utils._resources.record_vod import RECORD_VOD as record_vod

from live_fakes import error_body, load_fixture, make_client

from ansible_collections.alicloud.live.plugins.module_utils._resources.record_vod import ADD, DELETE, DESCRIBE, UPDATE
DOMAIN = 'live.example.com'


def stored(**fields):
    """A config as read from the API, in module shape."""
    config = dict(domain_name=DOMAIN, app_name='app', stream_name='', vod_transcode_group_id='g1', cycle_duration=3600,
                  auto_compose=False, compose_vod_transcode_group_id='', storage_location='', on_demand=0,
                  delay_time=None, record_content=['raw'], transcode_templates=[], space_id='', record_formats=[],
                  create_time='2026-11-25T11:00:00Z', extra={})
    config.update(fields)
    return config


def wanted(**fields):
    """What a task asks for: every field it leaves out is None."""
    item = dict((name, None) for name in record_vod.field_names)
    item.update(domain_name=DOMAIN, app_name='app')
    item.update(fields)
    return item


def only(result_plan):
    assert len(result_plan.steps) == 1
    return result_plan.steps[0]


def changes(step):
    return dict((name, (change['before'], change['after'])) for name, change in step.differences.items())


# ---- the single module's modes -------------------------------------------------------------------

SINGLE_TABLE = [
    # (id, wanted, stored, mode, kind, differences, calls)
    ('create with only the required options gets the API defaults',
     wanted(vod_transcode_group_id='g1'), None, planner.PRESENT, planner.ADD_STEP,
     dict(domain_name=(None, DOMAIN), app_name=(None, 'app'), vod_transcode_group_id=(None, 'g1'), cycle_duration=(None, 3600),
          auto_compose=(None, False), on_demand=(None, 0), record_content=(None, ['raw'])),
     [(ADD, dict(DomainName=DOMAIN, AppName='app', VodTranscodeGroupId='g1', CycleDuration=3600, AutoCompose='OFF', OnDemand=0))]),
    ('create of a stream-level config names the stream',
     wanted(stream_name='cam1', vod_transcode_group_id='g1', on_demand=7, storage_location='oss:/b'), None, planner.PRESENT,
     planner.ADD_STEP,
     dict(domain_name=(None, DOMAIN), app_name=(None, 'app'), stream_name=(None, 'cam1'), vod_transcode_group_id=(None, 'g1'),
          cycle_duration=(None, 3600), auto_compose=(None, False), storage_location=(None, 'oss:/b'), on_demand=(None, 7),
          record_content=(None, ['raw'])),
     [(ADD, dict(DomainName=DOMAIN, AppName='app', StreamName='cam1', VodTranscodeGroupId='g1', CycleDuration=3600,
                 AutoCompose='OFF', StorageLocation='oss:/b', OnDemand=7))]),
    ('options left out never change a stored config',
     wanted(vod_transcode_group_id='g1'),
     stored(cycle_duration=7200, on_demand=1, auto_compose=True, compose_vod_transcode_group_id='c1', storage_location='loc'),
     planner.PRESENT, planner.NOTHING, {}, []),
    ('a stored OnDemand the module cannot express is kept on update',
     wanted(cycle_duration=600), stored(on_demand=2), planner.PRESENT, planner.UPDATE_STEP,
     dict(cycle_duration=(3600, 600)),
     [(UPDATE, dict(DomainName=DOMAIN, AppName='app', VodTranscodeGroupId='g1', CycleDuration=600, AutoCompose='OFF',
                    OnDemand=2))]),
    ('a stored OnDemand 7 with nothing given is unchanged', wanted(), stored(on_demand=7), planner.PRESENT, planner.NOTHING, {}, []),
    ('on_demand 2 is a value like any other', wanted(on_demand=2), stored(), planner.PRESENT, planner.UPDATE_STEP,
     dict(on_demand=(0, 2)),
     [(UPDATE, dict(DomainName=DOMAIN, AppName='app', VodTranscodeGroupId='g1', CycleDuration=3600, AutoCompose='OFF', OnDemand=2))]),
    ('the domain is compared and sent lowercase', wanted(domain_name='Live.Example.COM', cycle_duration=900), stored(),
     planner.PRESENT, planner.UPDATE_STEP, dict(cycle_duration=(3600, 900)),
     [(UPDATE, dict(DomainName=DOMAIN, AppName='app', VodTranscodeGroupId='g1', CycleDuration=900, AutoCompose='OFF', OnDemand=0))]),
    ('a create sends the domain lowercase', wanted(domain_name='LIVE.example.com', vod_transcode_group_id='g1'), None,
     planner.PRESENT, planner.ADD_STEP, None,
     [(ADD, dict(DomainName=DOMAIN, AppName='app', VodTranscodeGroupId='g1', CycleDuration=3600, AutoCompose='OFF', OnDemand=0))]),
    ('kept values are sent with the update, compose group included',
     wanted(on_demand=1), stored(auto_compose=True, compose_vod_transcode_group_id='c1', cycle_duration=1800), planner.PRESENT,
     planner.UPDATE_STEP, dict(on_demand=(0, 1)),
     [(UPDATE, dict(DomainName=DOMAIN, AppName='app', VodTranscodeGroupId='g1', CycleDuration=1800, AutoCompose='ON',
                    ComposeVodTranscodeGroupId='c1', OnDemand=1))]),
    ('the update of a stream-level config names the stream', wanted(stream_name='cam1', vod_transcode_group_id='g2'),
     stored(stream_name='cam1'), planner.PRESENT, planner.UPDATE_STEP, dict(vod_transcode_group_id=('g1', 'g2')),
     [(UPDATE, dict(DomainName=DOMAIN, AppName='app', StreamName='cam1', VodTranscodeGroupId='g2', CycleDuration=3600,
                    AutoCompose='OFF', OnDemand=0))]),
    ('storage_location is never sent with an update', wanted(cycle_duration=900), stored(storage_location='loc'),
     planner.PRESENT, planner.UPDATE_STEP, dict(cycle_duration=(3600, 900)),
     [(UPDATE, dict(DomainName=DOMAIN, AppName='app', VodTranscodeGroupId='g1', CycleDuration=900, AutoCompose='OFF', OnDemand=0))]),
    ('absent deletes an existing config by identity', wanted(stream_name='cam1'), stored(stream_name='cam1'), planner.ABSENT,
     planner.DELETE_STEP, {}, [(DELETE, dict(DomainName=DOMAIN, AppName='app', StreamName='cam1'))]),
    ('absent deletes the application-level config without a stream name', wanted(), stored(), planner.ABSENT,
     planner.DELETE_STEP, {}, [(DELETE, dict(DomainName=DOMAIN, AppName='app'))]),
    ('absent with nothing stored does nothing', wanted(), None, planner.ABSENT, planner.NOTHING, {}, []),
]


@pytest.mark.parametrize('case', SINGLE_TABLE, ids=[case[0] for case in SINGLE_TABLE])
def test_single_module_table(case):
    _name, want, have, mode, kind, differences, calls = case

    step = only(planner.plan(record_vod, [want], [have] if have else [], mode))

    assert step.kind == kind
    assert step.blocked is None
    if differences is not None:
        assert changes(step) == differences
        assert list(step.differences) == [name for name in record_vod.field_names if name in differences]
    assert step.calls == calls


# Every updatable field, changed on its own: exactly that field differs, and the update carries it.
EVERY_FIELD = [
    ('vod_transcode_group_id', 'g2', 'VodTranscodeGroupId', 'g2'),
    ('cycle_duration', 300, 'CycleDuration', 300),
    ('cycle_duration', 21600, 'CycleDuration', 21600),
    ('auto_compose', False, 'AutoCompose', 'OFF'),
    ('compose_vod_transcode_group_id', 'c2', 'ComposeVodTranscodeGroupId', 'c2'),
    ('on_demand', 0, 'OnDemand', 0),
    ('on_demand', 7, 'OnDemand', 7),
]


@pytest.mark.parametrize('name, value, api_name, sent', EVERY_FIELD)
def test_each_updatable_field_is_updated_alone(name, value, api_name, sent):
    have = stored(auto_compose=True, compose_vod_transcode_group_id='c1', cycle_duration=1200, on_demand=1)

    step = only(planner.plan(record_vod, [wanted(**{name: value})], [have], planner.PRESENT))

    assert step.kind == planner.UPDATE_STEP
    assert changes(step) == {name: (have[name], value)}
    action, params = step.calls[0]
    assert action == UPDATE and params[api_name] == sent
    assert step.after == dict(have, **{name: value})


def test_every_field_is_in_the_table_once_and_the_argument_spec_comes_from_it():
    spec = record_vod.argument_spec()

    assert sorted(spec) == sorted(record_vod.field_names)
    assert all('default' not in entry for entry in spec.values())
    assert spec['on_demand']['choices'] == [0, 1, 2, 7]
    assert [name for name in record_vod.field_names if not record_vod.fields_by_name[name].updatable] == [
        'storage_location', 'record_content', 'space_id']
    assert dict((f.name, f.default) for f in record_vod.fields if f.default is not None and not f.identity) == dict(
        cycle_duration=3600, auto_compose=False, compose_vod_transcode_group_id='', storage_location='', on_demand=0,
        record_content=['raw'], space_id='')


def test_equal_config_is_nothing():
    have = stored(cycle_duration=1800, auto_compose=True, compose_vod_transcode_group_id='c1', storage_location='loc', on_demand=1)
    given = dict((name, value) for name, value in have.items() if name != 'create_time')

    step = only(planner.plan(record_vod, [wanted(**given)], [have], planner.PRESENT))

    assert step.kind == planner.NOTHING and step.calls == [] and step.after == have


def test_storage_location_change_is_blocked_without_allow_recreate():
    step = only(planner.plan(record_vod, [wanted(storage_location='loc-2')], [stored(storage_location='loc-1')], planner.PRESENT))

    assert step.kind == planner.RECREATE_STEP
    assert 'storage_location' in step.blocked and 'allow_recreate' in step.blocked and "'loc-1'" in step.blocked
    result_plan = planner.plan(record_vod, [wanted(storage_location='loc-2')], [stored(storage_location='loc-1')], planner.PRESENT)
    assert result_plan.changes == [] and [blocked.key for blocked in result_plan.blocked] == ['app']
    assert not result_plan.changed


def test_storage_location_change_recreates_with_every_kept_value():
    have = stored(storage_location='loc-1', compose_vod_transcode_group_id='keep', on_demand=2, cycle_duration=900)

    step = only(planner.plan(record_vod, [wanted(storage_location='loc-2')], [have], planner.PRESENT, allow_recreate=True))

    assert step.kind == planner.RECREATE_STEP and step.blocked is None and step.action == 'recreated'
    assert changes(step) == dict(storage_location=('loc-1', 'loc-2'))
    assert step.calls == [(DELETE, dict(DomainName=DOMAIN, AppName='app')),
                          (ADD, dict(DomainName=DOMAIN, AppName='app', VodTranscodeGroupId='g1', CycleDuration=900,
                                     AutoCompose='OFF', ComposeVodTranscodeGroupId='keep', StorageLocation='loc-2', OnDemand=2))]
    # A new config gets a new creation time.
    assert step.after['create_time'] is None


@pytest.mark.parametrize('want, have, words', [
    (wanted(), None, 'vod_transcode_group_id must be set'),
    (wanted(auto_compose=True), stored(), 'compose_vod_transcode_group_id is not set'),
    (wanted(auto_compose=True, vod_transcode_group_id='g1'), None, 'compose_vod_transcode_group_id is not set'),
])
def test_a_step_the_api_would_refuse_is_blocked(want, have, words):
    step = only(planner.plan(record_vod, [want], [have] if have else [], planner.MERGED))

    assert words in step.blocked


def test_prediction_has_the_keys_of_a_read_config():
    create = only(planner.plan(record_vod, [wanted(vod_transcode_group_id='g1')], [], planner.PRESENT))
    update = only(planner.plan(record_vod, [wanted(cycle_duration=900)], [stored()], planner.PRESENT))

    assert sorted(create.after) == sorted(record_vod.config_keys) and create.after['create_time'] is None
    assert sorted(update.after) == sorted(record_vod.config_keys) and update.after['create_time'] == '2026-11-25T11:00:00Z'
    assert sorted(record_vod.from_api({'DomainName': DOMAIN})) == sorted(record_vod.config_keys)


# ---- the resource module's modes ----------------------------------------------------------------

DOMAIN_CONFIGS = [stored(app_name='a', cycle_duration=900, on_demand=2),
                  stored(app_name='b', stream_name='s1', auto_compose=True, compose_vod_transcode_group_id='c1'),
                  stored(app_name='c', storage_location='loc')]


def kinds(result_plan):
    return [(step.key, step.kind) for step in result_plan.steps]


def test_merged_touches_only_the_fields_given():
    result_plan = planner.plan(record_vod, [wanted(app_name='a', cycle_duration=1200), wanted(app_name='b', stream_name='s1'),
                                wanted(app_name='d', vod_transcode_group_id='g4')], DOMAIN_CONFIGS, planner.MERGED)

    assert kinds(result_plan) == [('a', 'update'), ('b/s1', 'none'), ('d', 'add')]
    assert changes(result_plan.steps[0]) == dict(cycle_duration=(900, 1200))
    assert result_plan.steps[0].calls[0][1]['OnDemand'] == 2
    assert [record_vod.key(config) for config in result_plan.after] == ['a', 'b/s1', 'c', 'd']
    assert result_plan.before == DOMAIN_CONFIGS


def test_replaced_resets_updatable_fields_left_out_to_the_api_defaults():
    result_plan = planner.plan(record_vod, [wanted(app_name='a'), wanted(app_name='b', stream_name='s1'), wanted(app_name='c')],
                               DOMAIN_CONFIGS, planner.REPLACED)

    a, b, c = result_plan.steps
    assert changes(a) == dict(cycle_duration=(900, 3600), on_demand=(2, 0))
    assert changes(b) == dict(auto_compose=(True, False), compose_vod_transcode_group_id=('c1', ''))
    # Clearing a stored value sends it empty rather than leaving it out.
    assert b.calls[0][1]['ComposeVodTranscodeGroupId'] == '' and b.calls[0][1]['AutoCompose'] == 'OFF'
    # storage_location cannot be updated: left out, the stored one is kept.
    assert c.kind == planner.NOTHING


def test_replaced_follows_allow_recreate_for_storage_location():
    blocked = planner.plan(record_vod, [wanted(app_name='c', storage_location='other')], DOMAIN_CONFIGS, planner.REPLACED)
    allowed = planner.plan(record_vod, [wanted(app_name='c', storage_location='other')], DOMAIN_CONFIGS, planner.REPLACED, allow_recreate=True)

    assert blocked.steps[0].blocked and not blocked.changed
    assert allowed.steps[0].kind == planner.RECREATE_STEP and allowed.changed


def test_overridden_deletes_every_unlisted_config():
    result_plan = planner.plan(record_vod, [wanted(app_name='b', stream_name='s1', auto_compose=True, compose_vod_transcode_group_id='c1')],
                               DOMAIN_CONFIGS, planner.OVERRIDDEN)

    assert kinds(result_plan) == [('b/s1', 'none'), ('a', 'delete'), ('c', 'delete')]
    assert [record_vod.key(config) for config in result_plan.after] == ['b/s1']


def test_deleted_deletes_only_the_listed_configs():
    result_plan = planner.plan(record_vod, [wanted(app_name='a'), wanted(app_name='zz')], DOMAIN_CONFIGS, planner.DELETED)

    assert kinds(result_plan) == [('a', 'delete'), ('zz', 'none')]
    assert result_plan.steps[0].calls == [(DELETE, dict(DomainName=DOMAIN, AppName='a'))]


@pytest.mark.parametrize('mode', [planner.OVERRIDDEN, planner.DELETED])
def test_wiping_a_domain_needs_allow_delete_all(mode):
    with pytest.raises(planner.PlanError) as refused:
        planner.plan(record_vod, [], DOMAIN_CONFIGS, mode)
    assert 'allow_delete_all' in str(refused.value)
    with pytest.raises(planner.PlanError):
        # Refused even before anything was read.
        planner.check_request(record_vod, [], mode)

    result_plan = planner.plan(record_vod, [], DOMAIN_CONFIGS, mode, allow_delete_all=True)

    assert kinds(result_plan) == [('a', 'delete'), ('b/s1', 'delete'), ('c', 'delete')]
    assert result_plan.after == []


@pytest.mark.parametrize('mode', [planner.MERGED, planner.REPLACED, planner.PRESENT])
def test_empty_lists_change_nothing_in_the_other_modes(mode):
    result_plan = planner.plan(record_vod, [], DOMAIN_CONFIGS, mode)

    assert result_plan.steps == [] and not result_plan.changed and result_plan.after == DOMAIN_CONFIGS


def test_gathered_plans_no_step():
    result_plan = planner.plan(record_vod, [wanted(app_name='a', cycle_duration=60)], DOMAIN_CONFIGS, planner.GATHERED)

    assert result_plan.steps == [] and result_plan.after == result_plan.before == DOMAIN_CONFIGS


def test_duplicate_identities_are_refused_naming_them():
    with pytest.raises(planner.PlanError) as refused:
        planner.plan(record_vod, [wanted(app_name='a'), wanted(app_name='b', stream_name='s'), wanted(app_name='a', stream_name=''),
                      wanted(domain_name='LIVE.EXAMPLE.COM', app_name='b', stream_name='s')], [], planner.MERGED)

    message = str(refused.value)
    assert 'a (items 0 and 2)' in message and 'b/s (items 1 and 3)' in message


def test_unknown_modes_are_refused():
    with pytest.raises(planner.PlanError) as refused:
        planner.plan(record_vod, [], [], 'rendered')
    assert 'merged' in str(refused.value)


# ---- the executor -------------------------------------------------------------------------------


@pytest.fixture
def client(fake_api):
    return make_client(retries=2, retry_delay=0.01)


def plan_and_run(fake_api, client, want, mode=planner.PRESENT, **kwargs):
    have = [record_vod.from_api(item) for item in fake_api.configs]
    step = only(planner.plan(record_vod, [want], have, mode, **kwargs))
    del fake_api.calls[:]
    return step, planner.execute_step(client, step)


def test_executor_creates_then_reads_back(fake_api, client):
    step, result = plan_and_run(fake_api, client, wanted(vod_transcode_group_id='g1'))

    assert (result.outcome, result.changed, result.failed) == ('created', True, False)
    assert fake_api.actions() == [ADD, DESCRIBE]
    assert result.calls == [dict(action=ADD, params=step.calls[0][1], result='ok')]
    assert result.after['create_time'] == '2026-11-25T11:00:00Z' and result.after['cycle_duration'] == 3600


def test_executor_without_read_back_leaves_it_to_the_caller(fake_api, client):
    have = []
    step = only(planner.plan(record_vod, [wanted(vod_transcode_group_id='g1')], have, planner.MERGED))

    result = planner.execute_step(client, step, read_back=False)

    assert fake_api.actions() == [ADD]
    found = record_vod.from_api(fake_api.configs[0])
    assert planner.verify(result, found) is True and result.after == found and not result.failed
    assert result.summary() == dict(key='app', app_name='app', stream_name='', action='created', differences=step.differences)


def test_nothing_to_do_makes_no_call(fake_api, client):
    fake_api.seed()

    _step, result = plan_and_run(fake_api, client, wanted(vod_transcode_group_id='group-1'))

    assert (result.outcome, result.changed) == ('unchanged', False) and fake_api.calls == []


def test_config_already_exists_is_reconciled_by_reading_again(fake_api, client):
    step = only(planner.plan(record_vod, [wanted(vod_transcode_group_id='g1', cycle_duration=600)], [], planner.PRESENT))
    fake_api.seed(VodTranscodeGroupId='g1', CycleDuration=900)

    result = planner.execute_step(client, step)

    assert fake_api.actions() == [ADD, DESCRIBE, UPDATE, DESCRIBE]
    assert result.outcome == 'updated' and result.step.kind == planner.UPDATE_STEP and result.planned is step
    assert changes(result.step) == dict(cycle_duration=(900, 600))
    assert fake_api.configs[0]['CycleDuration'] == '600'


def test_update_of_a_config_deleted_meanwhile_adds_it(fake_api, client):
    step = only(planner.plan(record_vod, [wanted(vod_transcode_group_id='g1', cycle_duration=600)], [stored(on_demand=1)], planner.PRESENT))

    result = planner.execute_step(client, step)

    assert fake_api.actions() == [UPDATE, DESCRIBE, ADD, DESCRIBE]
    assert result.outcome == 'created' and fake_api.configs[0]['CycleDuration'] == '600'
    # The kept values went with the config: the add carries what was given and the API defaults.
    assert fake_api.calls[2].params['OnDemand'] == '0'


def test_a_config_deleted_meanwhile_cannot_be_added_without_its_required_options(fake_api, client):
    step = only(planner.plan(record_vod, [wanted(cycle_duration=600)], [stored()], planner.MERGED))

    result = planner.execute_step(client, step)

    assert result.failed and not result.changed and 'vod_transcode_group_id must be set' in result.message
    assert fake_api.actions() == [UPDATE, DESCRIBE]


def test_a_config_that_keeps_flipping_ends_in_a_clear_error_after_bounded_rounds(fake_api, client):
    # Every add says the config exists; every read says it does not.
    step = only(planner.plan(record_vod, [wanted(vod_transcode_group_id='g1')], [], planner.PRESENT))
    fake_api.script(ADD, *[(400, load_fixture('error_config_already_exists.json'))] * 10)
    fake_api.script(DESCRIBE, *[(200, load_fixture('describe_empty.json'))] * 10)

    result = planner.execute_step(client, step)

    assert result.failed and not result.changed
    assert fake_api.actions() == [ADD, DESCRIBE] * planner.RACE_ROUNDS
    assert 'after %d rounds' % planner.RACE_ROUNDS in result.message and 'ConfigAlreadyExists' in result.message
    assert result.error['code'] == 'ConfigAlreadyExists' and result.error['http_status'] == 400


def test_delete_of_a_config_deleted_meanwhile_is_unchanged(fake_api, client):
    step = only(planner.plan(record_vod, [wanted()], [stored()], planner.ABSENT))

    result = planner.execute_step(client, step)

    assert (result.outcome, result.changed, result.failed) == ('unchanged', False, False)
    assert result.calls == [dict(action=DELETE, params=dict(DomainName=DOMAIN, AppName='app'), result='InvalidConfig.NotFound')]


def test_failed_recreate_restores_and_reports_changed(fake_api, client):
    fake_api.seed(StorageLocation='loc-1')
    fake_api.script(ADD, (400, error_body('InvalidParameter', 'The StorageLocation is invalid.', 'REQ-BAD')))

    _step, result = plan_and_run(fake_api, client, wanted(storage_location='loc-2'), allow_recreate=True)

    assert result.failed and result.changed and result.restored is True
    assert [call['action'] for call in result.calls] == [DELETE, ADD, ADD]
    assert 'was restored' in result.message and 'InvalidParameter' in result.message
    expected = dict(action=ADD, code='InvalidParameter', message='The StorageLocation is invalid.', http_status=400,
                    request_id='REQ-BAD', attempts=1, seconds=None)
    assert dict(result.error, seconds=None) == expected
    assert fake_api.configs[0]['StorageLocation'] == 'loc-1'


def test_failed_recreate_that_cannot_restore_says_the_config_is_gone(fake_api, client):
    fake_api.seed(StorageLocation='loc-1')
    refusal = (403, error_body('Forbidden.RAM', 'User not authorized.'))
    fake_api.script(ADD, refusal, refusal)

    _step, result = plan_and_run(fake_api, client, wanted(storage_location='loc-2'), allow_recreate=True)

    assert result.failed and result.changed and result.restored is False
    assert 'could NOT be restored' in result.message and result.after is None
    assert fake_api.configs == []


def test_read_back_that_shows_another_writer_says_so_without_asking_for_a_rerun(fake_api, client):
    fake_api.seed(CycleDuration=3600, VodTranscodeGroupId='g1')

    def other_writer(call):
        reply = fake_api.handle(call)
        fake_api.configs[0]['CycleDuration'] = 999
        return reply

    fake_api.script(UPDATE, other_writer)

    _step, result = plan_and_run(fake_api, client, wanted(cycle_duration=7200))

    assert result.failed and result.changed
    assert 'another writer changed the config meanwhile' in result.message and 'cycle_duration 999' in result.message
    assert 'rerun' not in result.message.lower()
    # No waiting for a value no retry can bring back: one read.
    assert fake_api.actions() == [UPDATE, DESCRIBE]


def test_read_back_that_still_shows_the_old_value_is_retried_then_called_not_applied(fake_api, client):
    fake_api.seed(CycleDuration=3600, VodTranscodeGroupId='g1')
    fake_api.script(UPDATE, (200, {'RequestId': 'REQ-ACK'}))

    _step, result = plan_and_run(fake_api, client, wanted(cycle_duration=7200))

    assert result.failed and result.changed
    assert 'still differs in cycle_duration' in result.message and 'not applied' in result.message
    assert fake_api.actions() == [UPDATE] + [DESCRIBE] * planner.READ_BACK_ATTEMPTS


def test_a_failed_read_back_keeps_changed(fake_api, client):
    fake_api.script(DESCRIBE, (403, error_body('Forbidden.RAM', 'Not allowed to read.', 'REQ-READ')))

    _step, result = plan_and_run(fake_api, client, wanted(vod_transcode_group_id='g1'))

    assert result.failed and result.changed and result.outcome == 'failed'
    assert 'reading it back failed' in result.message and result.error['request_id'] == 'REQ-READ'


def test_a_blocked_step_is_never_sent(fake_api, client):
    fake_api.seed(StorageLocation='loc-1')

    _step, result = plan_and_run(fake_api, client, wanted(storage_location='loc-2'))

    assert result.failed and not result.changed and fake_api.calls == []
    assert result.summary()['action'] == 'failed' and 'allow_recreate' in result.summary()['error']['message']


def test_execute_runs_each_step_and_keeps_going_after_a_failure(fake_api, client):
    fake_api.seed(AppName='a')
    fake_api.seed(AppName='b')
    have = [record_vod.from_api(item) for item in fake_api.configs]
    result_plan = planner.plan(record_vod, [wanted(app_name='a', cycle_duration=600), wanted(app_name='b', cycle_duration=600)], have,
                               planner.MERGED)
    fake_api.script(UPDATE, (403, error_body('Forbidden.RAM', 'User not authorized.', 'REQ-403')))

    results = planner.execute(client, result_plan)

    assert [result.outcome for result in results] == ['failed', 'updated']
    assert results[0].error['http_status'] == 403 and results[0].error['request_id'] == 'REQ-403'
    assert 'Failed to update the config a' in results[0].message


def test_a_write_that_may_have_landed_before_it_failed_counts_as_changed(fake_api, client):
    fake_api.seed(CycleDuration=900, VodTranscodeGroupId='g1')
    fake_api.script(UPDATE, *[(503, error_body('ServiceUnavailable', 'try later'))] * 5)

    _step, result = plan_and_run(fake_api, client, wanted(cycle_duration=1200))

    assert result.failed and result.changed and result.error['attempts'] == 3


def test_a_write_refused_outright_is_not_a_change(fake_api, client):
    fake_api.seed(CycleDuration=900, VodTranscodeGroupId='g1')
    fake_api.script(UPDATE, (400, error_body('InvalidParameter', 'bad')))

    _step, result = plan_and_run(fake_api, client, wanted(cycle_duration=1200))

    assert result.failed and not result.changed
