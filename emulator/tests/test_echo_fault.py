# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Pin the error fault's echo_query option: the received query string, URL-encoded, ends the Message."""

from urllib.parse import parse_qsl, quote, unquote

import pytest

from aliyunsdkcore.acs_exception.exceptions import ServerException
from aliyunsdkcore.auth.credentials import StsTokenCredential
from aliyunsdkcore.client import AcsClient
from aliyunsdklive.request.v20161101.DescribeLiveRecordVodConfigsRequest import DescribeLiveRecordVodConfigsRequest

from alicloud_live_emulator.client import (DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, DEMO_SECURITY_TOKEN,
                                           DEMO_STS_ACCESS_KEY_ID, DEMO_STS_ACCESS_KEY_SECRET, EmulatorError)

DESCRIBE = 'DescribeLiveRecordVodConfigs'
STATIC = 'The request has failed due to a temporary failure of the server.'
MARKER = ' Request: '


def describe_error(emulator, sts=False):
    """Describe through the SDK (STS or access key) and return the ServerException it raises."""
    if sts:
        credential = StsTokenCredential(DEMO_STS_ACCESS_KEY_ID, DEMO_STS_ACCESS_KEY_SECRET, DEMO_SECURITY_TOKEN)
        acs = AcsClient(credential=credential, region_id='cn-shanghai', port=emulator.port, auto_retry=False, timeout=5)
    else:
        acs = AcsClient(DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, 'cn-shanghai', port=emulator.port, auto_retry=False, timeout=5)
    request = DescribeLiveRecordVodConfigsRequest()
    request.set_endpoint('127.0.0.1')
    request.set_protocol_type('http')
    request.add_query_param('DomainName', 'live.example.com')
    with pytest.raises(ServerException) as info:
        acs.do_action_with_exception(request)
    return info.value


def test_echo_query_appends_the_received_query_string_url_encoded(emulator):
    emulator.fault(DESCRIBE, 'error', status=500, code='InternalError', message='Backend failed.', echo_query=True, times=1)

    error = describe_error(emulator, sts=True)

    assert (error.get_http_status(), error.get_error_code()) == (500, 'InternalError')
    message = error.get_error_msg()
    assert message.startswith('Backend failed.' + MARKER)
    echoed = message[len('Backend failed.' + MARKER):]
    # Encoded once more: no raw separators survive, and decoding once gives the query as sent.
    assert '&' not in echoed and '=' not in echoed and '%25' in echoed
    received = dict(parse_qsl(unquote(echoed), keep_blank_values=True))
    assert received['Action'] == DESCRIBE and received['DomainName'] == 'live.example.com'
    assert received['SecurityToken'] == DEMO_SECURITY_TOKEN and received['Signature']
    # The token is in the echo twice encoded, never raw.
    assert quote(quote(DEMO_SECURITY_TOKEN, safe=''), safe='') in echoed and DEMO_SECURITY_TOKEN not in message
    # The request log still leaves the token and the signature out.
    logged = emulator.requests(DESCRIBE)[0]['params']
    assert 'SecurityToken' not in logged and 'Signature' not in logged


def test_without_echo_query_the_message_is_static(emulator):
    emulator.fault(DESCRIBE, 'error', times=1)
    emulator.fault(DESCRIBE, 'error', echo_query=False, times=1)

    messages = [describe_error(emulator).get_error_msg() for dummy in range(2)]

    assert messages == [STATIC, STATIC]


def test_echo_query_uses_the_default_message_and_only_applies_to_error_faults(emulator):
    emulator.fault(DESCRIBE, 'error', echo_query=True, times=1)
    emulator.fault(DESCRIBE, 'html', status=502, echo_query=True, times=1)

    first = describe_error(emulator)
    second = describe_error(emulator)

    assert first.get_error_msg().startswith(STATIC + MARKER)
    assert 'Action%3D' + DESCRIBE in first.get_error_msg()
    assert second.get_http_status() == 502 and MARKER not in second.get_error_msg()


def test_echo_query_must_be_a_boolean(emulator):
    with pytest.raises(EmulatorError) as info:
        emulator.fault(DESCRIBE, 'error', echo_query='yes')
    assert 'echo_query' in str(info.value)
