# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The extension point: a new RPC action or path service is a module plus a registration line."""

import http.client
import json

import pytest

from aliyunsdkcore.acs_exception.exceptions import ServerException
from aliyunsdkcore.client import AcsClient
from aliyunsdkcore.request import RpcRequest

from alicloud_live_emulator.accounts import DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, DEMO_ACCOUNT_ID, load_credentials
from alicloud_live_emulator.protocol import ApiError, Reply
from alicloud_live_emulator.routing import Action, build_router
from alicloud_live_emulator.server import create_server, serve_in_thread


def whoami(call):
    """A new action of another product (API version 2015-04-01)."""
    if call.params.get('Fail'):
        raise ApiError(400, 'InvalidParameter.Fail', 'Asked to fail.')
    return {'AccountId': call.account_id, 'Key': call.key.key_id}


def metadata(server, request):  # pylint: disable=unused-argument
    """A path service: plain text, as an instance-metadata service answers."""
    return Reply(200, b'role-name', content_type='text/plain')


@pytest.fixture
def extended():
    router = build_router()
    router.add_action(Action('GetCallerIdentity', '2015-04-01', whoami))
    router.add_path('/latest/meta-data/', metadata)
    server = create_server(load_credentials(), router=router)
    serve_in_thread(server)
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def call(server, **params):
    request = RpcRequest('Sts', '2015-04-01', 'GetCallerIdentity')
    request.set_endpoint('127.0.0.1')
    request.set_protocol_type('http')
    for name, value in params.items():
        request.add_query_param(name, value)
    acs = AcsClient(DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, 'cn-shanghai', port=server.server_address[1], auto_retry=False, timeout=5)
    return acs.do_action_with_exception(request)


def test_a_registered_action_gets_the_gateway_checks_and_the_request_log(extended, monkeypatch):
    for name in ('HTTP_PROXY', 'http_proxy'):
        monkeypatch.delenv(name, raising=False)
    answer = json.loads(call(extended))
    assert (answer['AccountId'], answer['Key']) == (DEMO_ACCOUNT_ID, DEMO_ACCESS_KEY_ID) and answer['RequestId']
    with pytest.raises(ServerException) as info:
        call(extended, Fail='1')
    assert info.value.get_error_code() == 'InvalidParameter.Fail'
    assert [(e['action'], e['code']) for e in extended.state.list_requests()] == [
        ('GetCallerIdentity', None), ('GetCallerIdentity', 'InvalidParameter.Fail')]
    # Registered actions are throttled and can carry faults like the Live actions.
    assert 'GetCallerIdentity' in extended.state.rate_limiter.current()
    extended.state.faults.add({'action': 'GetCallerIdentity', 'kind': 'error', 'times': 1})
    with pytest.raises(ServerException) as info:
        call(extended)
    assert info.value.get_error_code() == 'ServiceUnavailable'


def test_a_registered_path_is_served_by_its_handler(extended):
    connection = http.client.HTTPConnection('127.0.0.1', extended.server_address[1], timeout=5)
    connection.request('GET', '/latest/meta-data/ram/security-credentials/')
    response = connection.getresponse()
    assert (response.status, response.read()) == (200, b'role-name')
    connection.close()
    assert extended.state.list_requests() == []


def test_an_action_name_is_registered_once():
    router = build_router()
    with pytest.raises(ValueError):
        router.add_action(Action('AddLiveRecordVodConfig', '2016-11-01', whoami))
