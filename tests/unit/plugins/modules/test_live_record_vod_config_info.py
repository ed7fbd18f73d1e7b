# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.alicloud.live.plugins.modules import live_record_vod_config_info as module

from live_fakes import BASE_ARGS, error_body


@pytest.fixture
def seeded(fake_api):
    for index in range(230):
        fake_api.seed(AppName='app%d' % (index % 3), StreamName='s%03d' % index)
    fake_api.seed(AppName='app0')
    return fake_api


def test_returns_every_config_across_pages(seeded, run_module):
    result = run_module(module, dict(BASE_ARGS, domain_name='live.example.com'))

    assert result['changed'] is False
    assert len(result['configs']) == 231
    assert len(seeded.calls) == 3 and len(result['request_ids']) == 3
    assert set(result['configs'][0]) >= set(['domain_name', 'app_name', 'stream_name', 'auto_compose', 'cycle_duration'])


def test_filters_exactly_by_app_and_stream(seeded, run_module):
    by_app = run_module(module, dict(BASE_ARGS, domain_name='live.example.com', app_name='app0'))
    by_stream = run_module(module, dict(BASE_ARGS, domain_name='live.example.com', app_name='app0', stream_name='s000'))
    app_level = run_module(module, dict(BASE_ARGS, domain_name='live.example.com', app_name='app0', stream_name=''))

    assert len(by_app['configs']) == 78 and all(c['app_name'] == 'app0' for c in by_app['configs'])
    assert [c['stream_name'] for c in by_stream['configs']] == ['s000']
    assert [c['stream_name'] for c in app_level['configs']] == ['']


def test_no_match_is_an_empty_list(fake_api, run_module):
    result = run_module(module, dict(BASE_ARGS, domain_name='live.example.com', app_name='none'))

    assert result['configs'] == [] and result['changed'] is False


def test_runs_in_check_mode(seeded, run_module):
    result = run_module(module, dict(BASE_ARGS, domain_name='live.example.com'), check_mode=True)

    assert len(result['configs']) == 231


def test_api_error_is_reported_with_code_status_and_request_id(fake_api, run_module):
    fake_api.script('DescribeLiveRecordVodConfigs', (403, error_body('Forbidden.RAM', 'User not authorized.', 'REQ-403')))

    result = run_module(module, dict(BASE_ARGS, domain_name='live.example.com'))

    assert result['failed'] is True
    assert 'Forbidden.RAM' in result['msg'] and '403' in result['msg'] and 'REQ-403' in result['msg']


def test_invalid_filter_fails_before_any_request(fake_api, run_module):
    result = run_module(module, dict(BASE_ARGS, domain_name='live.example.com', app_name='bad app'))

    assert result['failed'] is True and 'app_name' in result['msg'] and fake_api.calls == []
