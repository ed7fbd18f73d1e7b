# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""An RPC API call from arrival to answer: parameters, request log, gateway checks, faults,
RAM policy, flow control, then the action's handler."""

import logging
from urllib.parse import parse_qsl

from alicloud_live_emulator import faults, signature
from alicloud_live_emulator.params import required
from alicloud_live_emulator.protocol import ApiError, Reply, new_request_id

LOG = logging.getLogger('alicloud_live_emulator')


class Action:
    """One RPC action.

    ``handler(call)`` gets an :class:`alicloud_live_emulator.rpc.ApiCall` and returns the
    response fields beside RequestId (a dict), or raises ApiError. ``anonymous`` actions
    skip the signature check (the handler authenticates, as AssumeRoleWithOIDC does);
    ``rate_limited`` ones count against the per-account flow control.
    """

    def __init__(self, name, version, handler, anonymous=False, rate_limited=True):
        self.name = name
        self.version = version
        self.handler = handler
        self.anonymous = anonymous
        self.rate_limited = rate_limited


class ApiCall:
    """What an action handler works with."""

    def __init__(self, state, params, request_id, key):
        self.state = state
        self.params = params
        self.request_id = request_id
        # The Key that signed the call (None for an anonymous action).
        self.key = key

    @property
    def account_id(self):
        """The account the call acts for."""
        return self.key.account_id if self.key is not None else None


def request_params(request):
    """The parameters of an RPC call: the query string, plus a form body when there is one."""
    params = dict(parse_qsl(request.query, keep_blank_values=True))
    if request.body and request.headers.get('Content-Type', '').startswith('application/x-www-form-urlencoded'):
        params.update(parse_qsl(request.body.decode('utf-8', 'replace'), keep_blank_values=True))
    return params


def find_action(router, name, version):
    """The registered Action of that name and version, or the service's error for the Version or Action."""
    action = router.actions.get(name)
    if action is None:
        if version not in router.versions():
            raise ApiError(400, 'InvalidVersion', 'Specified parameter Version is not valid.')
        raise ApiError(404, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.')
    if version != action.version:
        raise ApiError(400, 'InvalidVersion', 'Specified parameter Version is not valid.')
    return action


def gateway(state, router, request, params, entry):
    """The checks of a V1 request before any action runs; return (Action, Key or None) or raise ApiError."""
    named = router.actions.get(params.get('Action', ''))
    if named is not None and named.anonymous:
        required(params, 'Version')
        return find_action(router, params['Action'], params['Version']), None
    signature.check_common_params(params)
    action = find_action(router, params['Action'], params['Version'])
    signature.check_protocol(params)
    key = signature.authenticate(request.method, params, state.accounts, state.nonces,
                                 on_key=lambda found: state.annotate(entry, account_id=found.account_id))
    return action, key


def gateway_v3(state, router, request, _params, entry):
    """The checks of a V3 request (action and version in headers) before any action runs."""
    action = find_action(router, signature.header(request.headers, 'x-acs-action'),
                         signature.header(request.headers, 'x-acs-version'))
    if action.anonymous:
        return action, None
    key = signature.authenticate_v3(request, state.accounts, state.nonces,
                                    on_key=lambda found: state.annotate(entry, account_id=found.account_id))
    return action, key


def execute(state, action, key, params, request_id):
    """RAM policy, flow control and the handler; return the Reply."""
    try:
        if key is not None and not key.allows(action.name):
            raise ApiError(403, 'Forbidden.RAM', 'User not authorized to operate on the specified resource, or this API does not support RAM.')
        if action.rate_limited and key is not None:
            state.rate_limiter.admit(key.account_id, action.name)
        payload = {'RequestId': request_id}
        payload.update(action.handler(ApiCall(state, params, request_id, key)))
        return Reply.json(200, payload)
    except ApiError as exc:
        return Reply.error(request_id, exc.status, exc.code, exc.message)


def answer(state, router, request, params, entry, v3):
    """Authenticate, apply any fault and run the call; return a Reply."""
    request_id = entry['request_id']
    raw_query = request.query
    try:
        action, key = (gateway_v3 if v3 else gateway)(state, router, request, params, entry)
    except ApiError as exc:
        return Reply.error(request_id, exc.status, exc.code, exc.message)
    fault = state.faults.take(action.name)
    if fault is None:
        return execute(state, action, key, params, request_id)
    state.annotate(entry, fault=fault['kind'])
    return faults.suffer(fault, lambda: execute(state, action, key, params, request_id), request_id, raw_query)


def handle(server, request):
    """Serve an RPC call (any path the router does not claim); the Reply is logged with its outcome."""
    state = server.state
    params = request_params(request)
    request_id = new_request_id()
    v3 = signature.is_v3(request.headers, params)
    if v3:
        entry = state.open_log_entry(params, request_id, action=request.headers.get('x-acs-action'),
                                     access_key_id=signature.credential_of(request.headers), signature=signature.V3_ALGORITHM)
    else:
        entry = state.open_log_entry(params, request_id, signature=params.get('SignatureMethod'))
    if request.method not in ('GET', 'POST'):
        reply = Reply.error(request_id, 405, 'UnsupportedHTTPMethod', 'Specified HTTP method is not supported.')
    else:
        try:
            reply = answer(state, server.router, request, params, entry, v3)
        except Exception:  # pylint: disable=broad-except
            LOG.exception('internal error on request %s', request_id)
            reply = Reply.error(request_id, 500, 'InternalError', 'The request processing has failed due to some unknown error.')
    state.close_log_entry(entry, reply)
    LOG.info('%s %s key=%s -> %s %s%s', request_id, entry['action'], entry['access_key_id'],
             'dropped' if reply.drop else reply.status, reply.code or '', ' fault=%s' % entry['fault'] if entry['fault'] else '')
    reply.request_id = request_id
    return reply
