# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.alicloud.live.plugins.module_utils._resources.record_vod import RECORD_VOD as record_vod

from live_fakes import load_fixture


def test_from_api_gives_snake_case_and_native_types():
    items = load_fixture('describe_two_configs.json')['LiveRecordVodConfigs']['LiveRecordVodConfig']

    app_level, stream_level = [record_vod.from_api(item) for item in items]

    assert app_level['auto_compose'] is True and app_level['cycle_duration'] == 1800 and app_level['stream_name'] == ''
    assert stream_level['auto_compose'] is False and stream_level['on_demand'] == 1
    assert app_level['create_time'] == '2026-11-25T11:00:00Z'
    assert set(app_level) == set(record_vod.field_names + ['create_time', 'extra'])
    assert app_level['extra'] == {} and stream_level['extra'] == {}


def test_from_api_reads_missing_and_stringly_values_defensively():
    config = record_vod.from_api({'DomainName': 'd', 'AppName': 'a', 'CycleDuration': '600', 'OnDemand': '1'})

    assert config['stream_name'] == '' and config['cycle_duration'] == 600 and config['on_demand'] == 1
    assert config['auto_compose'] is False and config['storage_location'] == ''


def test_to_api_leaves_out_unset_values_and_spells_auto_compose():
    params = record_vod.to_api(dict(domain_name='d', app_name='a', stream_name=None, auto_compose=True, cycle_duration=300))

    assert params == {'DomainName': 'd', 'AppName': 'a', 'AutoCompose': 'ON', 'CycleDuration': 300}


def test_the_identity_compares_the_domain_lowercase_and_an_unset_stream_as_empty():
    assert record_vod.identity(dict(domain_name='Live.Example.COM', app_name='a', stream_name=None)) == ('live.example.com', 'a', '')
    assert record_vod.key(dict(app_name='a', stream_name='')) == 'a'
    assert record_vod.key(dict(app_name='a', stream_name='s')) == 'a/s'
    assert record_vod.identity_params(dict(domain_name='LIVE.example.com', app_name='a', stream_name='')) == dict(
        DomainName='live.example.com', AppName='a')


def test_matches_filters_exactly_and_an_empty_stream_selects_application_level_configs():
    app_level = record_vod.from_api({'DomainName': 'live.example.com', 'AppName': 'a', 'StreamName': ''})
    stream_level = record_vod.from_api({'DomainName': 'live.example.com', 'AppName': 'a', 'StreamName': 's'})

    assert [record_vod.matches(c, dict(domain_name='LIVE.example.com', app_name='a', stream_name=None))
            for c in (app_level, stream_level)] == [True, True]
    assert [record_vod.matches(c, dict(app_name=None, stream_name='')) for c in (app_level, stream_level)] == [True, False]
    assert [record_vod.matches(c, dict(app_name='b')) for c in (app_level, stream_level)] == [False, False]


def test_a_stored_value_the_module_does_not_know_goes_back_unchanged():
    config = record_vod.from_api({'DomainName': 'd.example.com', 'AppName': 'a', 'OnDemand': 'later', 'CycleDuration': '900'})

    assert config['on_demand'] == 'later' and config['cycle_duration'] == 900
    assert record_vod.to_api(config)['OnDemand'] == 'later'


@pytest.mark.parametrize('name, value', [
    ('app_name', 'a' * 256), ('app_name', 'sp ace'), ('app_name', u'ünï'), ('app_name', 'tab\t'), ('stream_name', 'a.b'),
    ('domain_name', 'no_underscore.example.com'), ('domain_name', '-bad.example.com'), ('domain_name', 'x' * 300),
    ('vod_transcode_group_id', 'has space'), ('vod_transcode_group_id', 'x' * 129), ('storage_location', '\x00'),
    ('cycle_duration', 299), ('cycle_duration', 21601),
])
def test_values_the_api_rejects_are_caught_with_the_rule(name, value):
    errors = record_vod.validate({name: value}, [name])

    assert len(errors) == 1 and errors[0].startswith(name)
    assert 'must be' in errors[0]


@pytest.mark.parametrize('name, value', [
    ('app_name', 'live_app-1'), ('stream_name', 'S' * 255), ('domain_name', 'Live.Example.COM'),
    ('vod_transcode_group_id', 'VOD_NO_TRANSCODE'), ('cycle_duration', 300), ('cycle_duration', 21600),
])
def test_values_the_api_accepts_pass(name, value):
    assert record_vod.validate({name: value}, [name]) == []


def test_an_empty_stream_name_is_refused_pointing_at_the_application_level_config():
    errors = record_vod.validate({'stream_name': ''}, ['stream_name'])

    assert len(errors) == 1 and 'leave the option out to mean the application-level config' in errors[0]


def test_long_values_are_shortened_in_messages():
    errors = record_vod.validate({'app_name': 'x' * 5000}, ['app_name'])

    assert len(errors[0]) < 300 and '5000 characters' in errors[0]


def test_find_matches_the_exact_identity():
    items = load_fixture('describe_two_configs.json')['LiveRecordVodConfigs']['LiveRecordVodConfig']

    assert record_vod.find(items, dict(domain_name='live.example.com', app_name='sports'))['stream_name'] == ''
    assert record_vod.find(items, dict(domain_name='LIVE.example.com', app_name='sports', stream_name='final'))['on_demand'] == 1
    assert record_vod.find(items, dict(domain_name='live.example.com', app_name='sports', stream_name='other')) is None
    assert record_vod.find(items, dict(domain_name='live.example.com', app_name='Sports')) is None
