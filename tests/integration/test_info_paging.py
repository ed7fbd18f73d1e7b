# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The info module reads every page."""

import pytest

from conftest import INFO


@pytest.mark.matrix
def test_info_returns_all_230_configs_across_pages(live, emulator):
    configs = [dict(DomainName='play.example.com', AppName='app%d' % (index % 4), StreamName='s%03d' % index,
                    VodTranscodeGroupId='group-%d' % index) for index in range(230)]
    emulator.seed(configs=configs)

    result = live(module=INFO, domain_name='play.example.com')

    assert result['changed'] is False
    assert len(result['configs']) == 230
    assert sorted(c['stream_name'] for c in result['configs']) == sorted(c['StreamName'] for c in configs)
    pages = [(entry['params']['PageNum'], entry['params']['PageSize']) for entry in emulator.requests()]
    assert pages == [('1', '100'), ('2', '100'), ('3', '100')]


def test_info_filters_by_app_exactly(live, emulator):
    emulator.seed(configs=[dict(DomainName='play.example.com', AppName='a', VodTranscodeGroupId='g'),
                           dict(DomainName='play.example.com', AppName='a', StreamName='s1', VodTranscodeGroupId='g'),
                           dict(DomainName='play.example.com', AppName='b', VodTranscodeGroupId='g')])

    app = live(module=INFO, domain_name='play.example.com', app_name='a')
    stream = live(module=INFO, domain_name='play.example.com', app_name='a', stream_name='s1')

    assert sorted(c['stream_name'] for c in app['configs']) == ['', 's1']
    assert [c['stream_name'] for c in stream['configs']] == ['s1']


def test_info_on_an_unknown_domain_fails_clearly(live, emulator):
    result = live(module=INFO, domain_name='nobody.example.com')

    assert result['failed'] is True and 'InvalidDomain.NotFound' in result['msg'] and 'HTTP status 404' in result['msg']
