# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.alicloud.live.plugins.module_utils import _connection as connection


def params(**extra):
    result = dict(access_key_id='key', access_key_secret='secret', region_id='cn-shanghai', validate_certs=True, timeout=10.0,
                  retries=5, retry_delay=1.0, retry_max_delay=10.0, retry_timeout=60.0)
    result.update(extra)
    return result


@pytest.mark.parametrize('endpoint, expected', [
    ('http://127.0.0.1:8080', ('http', '127.0.0.1', 8080)),
    ('http://localhost', ('http', 'localhost', 80)),
    ('https://live.aliyuncs.com', ('https', 'live.aliyuncs.com', 443)),
    ('https://live.aliyuncs.com:8443/', ('https', 'live.aliyuncs.com', 8443)),
    ('HTTP://127.0.0.1:9', ('http', '127.0.0.1', 9)),
])
def test_endpoint_scheme_host_and_port_are_honoured(endpoint, expected):
    assert connection.parse_endpoint(endpoint) == expected


@pytest.mark.parametrize('endpoint', ['127.0.0.1:8080', 'live.aliyuncs.com', 'ftp://host', 'http://', 'http://host:99999',
                                      'http://host/path', 'http://user:pw@host', 'http://bad_host!', ' ', 'http://host?x=1'])
def test_malformed_endpoints_are_rejected_naming_the_option(endpoint):
    with pytest.raises(connection.ConnectionOptionError) as caught:
        connection.parse_endpoint(endpoint)
    assert 'endpoint' in str(caught.value) and 'http://127.0.0.1:8080' in str(caught.value)


def test_default_is_https_to_the_regional_endpoint():
    settings = connection.resolve_connection(params())
    assert (settings.scheme, settings.host, settings.port, settings.validate_certs) == ('https', 'live.aliyuncs.com', 443, True)


def test_unknown_region_gets_a_regional_host():
    assert connection.resolve_connection(params(region_id='zz-test-9')).host == 'live.zz-test-9.aliyuncs.com'


@pytest.mark.parametrize('extra, option', [
    (dict(region_id='CN SHANGHAI'), 'region_id'),
    (dict(timeout=0), 'timeout'), (dict(retries=-1), 'retries'), (dict(retry_delay=-1), 'retry_delay'),
    (dict(retry_timeout=0), 'retry_timeout'), (dict(retry_max_delay=-2), 'retry_max_delay'),
])
def test_unusable_options_name_themselves(extra, option):
    with pytest.raises(connection.ConnectionOptionError) as caught:
        connection.resolve_connection(params(**extra))
    assert str(caught.value).startswith(option)


def test_region_comes_from_the_option_then_the_fallback_then_cn_shanghai():
    assert connection.resolve_connection(params(region_id='cn-beijing'), region_fallback='eu-central-1').region_id == 'cn-beijing'
    assert connection.resolve_connection(params(region_id=None), region_fallback='eu-central-1').region_id == 'eu-central-1'
    assert connection.resolve_connection(params(region_id=None)).region_id == 'cn-shanghai'


def test_a_malformed_sts_endpoint_is_named_as_such():
    with pytest.raises(connection.ConnectionOptionError) as caught:
        connection.parse_endpoint('sts.aliyuncs.com', 'sts_endpoint', 'a full URL')
    assert str(caught.value).startswith("sts_endpoint 'sts.aliyuncs.com'") and 'a full URL' in str(caught.value)


def test_secrets_lists_secret_and_token_only():
    assert connection.secret_values(params(security_token='tok')) == ['secret', 'tok']
    assert connection.secret_values(params()) == ['secret']


def test_the_argument_spec_has_no_default_region():
    # A CLI profile's region_id could never win over a default.
    spec = connection.CONNECTION_ARGUMENT_SPEC
    assert 'default' not in spec['region_id']
    assert spec['region_id']['fallback'][1] == ['ALIBABA_CLOUD_REGION_ID', 'ALICLOUD_REGION']
