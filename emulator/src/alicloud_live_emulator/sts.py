# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Security Token Service: RAM roles, OIDC providers, and the temporary credentials they issue.

Issued credentials are STS keys of the role's account, registered with the accounts: the
Live actions accept them, with the role's permissions narrowed by the session policy, until
they expire (InvalidSecurityToken.Expired) or are revoked (the key is gone:
InvalidAccessKeyId.NotFound).

Built-in, in the demo account (public test values, like the demo keys):

==============================  ==================================================================
role                            who may assume it, and what it may do
==============================  ==================================================================
``live-operator``               any key of the demo account, and OIDC tokens of ``ack-rrsa-demo``;
                                every action
``live-reader``                 any key of the demo account; DescribeLiveRecordVodConfigs only
``live-partner``                keys of the other account, with ExternalId ``partner-ext-id``;
                                every action
``live-ecs-role``               the ECS instance of the metadata service; every action
==============================  ==================================================================

The OIDC provider ``acs:ram::1000000000000001:oidc-provider/ack-rrsa-demo`` accepts the
token :data:`DEMO_OIDC_TOKEN`. Control calls under ``/_emulator/v1/sts/`` (JSON):

``POST expire``  ``{"access_key_id": ID}`` (or ``{}`` for all): issued credentials expire now
``POST revoke``  ``{"access_key_id": ID}`` (or ``{}`` for all): issued credentials disappear
``POST oidc``    ``{"expired": true}``: the OIDC tokens count as expired until the next reset
``POST metadata`` ``{"imds": "optional" | "required" | "v1-only"}``: IMDSv2 token optional
                 (default), required, or not offered
``GET issued``   the credentials issued since the last reset (secrets included: they are test values),
                 with role, session name and expiration
"""

import base64
import fnmatch
import json
import os
import re
import threading
import time

from alicloud_live_emulator.accounts import DEMO_ACCOUNT_ID, OTHER_ACCOUNT_ID, Key
from alicloud_live_emulator.protocol import TIME_FORMAT, ApiError, ControlError, Reply

STS_API_VERSION = '2015-04-01'
CONTROL_PREFIX = '/_emulator/v1/sts/'
MIN_DURATION = 900
ROLE_ARN_RE = re.compile(r'^acs:ram::([0-9]+):role/([A-Za-z0-9.@_-]{1,64})$', re.IGNORECASE)
SESSION_NAME_RE = re.compile(r'^[A-Za-z0-9.@_-]{2,64}$')
DEMO_OIDC_PROVIDER_ARN = 'acs:ram::%s:oidc-provider/ack-rrsa-demo' % DEMO_ACCOUNT_ID
DEMO_OIDC_TOKEN = ('eyJhbGciOiJSUzI1NiIsImtpZCI6ImVtdWxhdG9yIn0.'
                   'eyJpc3MiOiJodHRwczovL29pZGMtYWNrLmVtdWxhdG9yIiwic3ViIjoic3lzdGVtOnNlcnZpY2VhY2NvdW50OmRlZmF1bHQ6YW5zaWJsZSJ9.'
                   'ZW11bGF0b3Itc2lnbmF0dXJl')
METADATA_MODES = ('optional', 'required', 'v1-only')


class Role:
    """A RAM role: who may assume it and what its sessions may do."""

    def __init__(self, account_id, name, trusted_accounts=(), oidc_providers=(), external_id=None, allowed_actions=None,
                 max_session_duration=3600):
        self.account_id = account_id
        self.name = name
        self.arn = 'acs:ram::%s:role/%s' % (account_id, name)
        self.trusted_accounts = tuple(trusted_accounts)
        self.oidc_providers = tuple(oidc_providers)
        self.external_id = external_id
        self.allowed_actions = allowed_actions
        self.max_session_duration = max_session_duration


BUILTIN_ROLES = (
    Role(DEMO_ACCOUNT_ID, 'live-operator', trusted_accounts=[DEMO_ACCOUNT_ID], oidc_providers=[DEMO_OIDC_PROVIDER_ARN],
         max_session_duration=43200),
    Role(DEMO_ACCOUNT_ID, 'live-reader', trusted_accounts=[DEMO_ACCOUNT_ID], allowed_actions=['DescribeLiveRecordVodConfigs']),
    Role(DEMO_ACCOUNT_ID, 'live-partner', trusted_accounts=[OTHER_ACCOUNT_ID], external_id='partner-ext-id'),
    Role(DEMO_ACCOUNT_ID, 'live-ecs-role'),
)
INSTANCE_ROLE = 'live-ecs-role'
OIDC_PROVIDERS = {DEMO_OIDC_PROVIDER_ARN: (DEMO_OIDC_TOKEN,)}


class StsState:
    """What STS remembers: the credentials it issued, and the test switches (reset with the emulator)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.issued = {}
        self.oidc_expired = False
        self.metadata_mode = 'optional'


_STATE_LOCK = threading.Lock()


def sts_state(state):
    """The STS part of the emulator state; a reset of the emulator starts a new one."""
    with _STATE_LOCK:
        return state.extensions.setdefault('sts', StsState())


def find_role(state, role_arn):
    """The Role of an ARN, or the service's errors for a malformed or unknown one."""
    match = ROLE_ARN_RE.match(role_arn)
    if not match:
        raise ApiError(400, 'InvalidParameter.RoleArn', 'The parameter RoleArn is wrongly formed.')
    for role in BUILTIN_ROLES:
        if role.arn.lower() == role_arn.lower() and role.account_id in state.accounts:
            return role
    raise ApiError(404, 'EntityNotExist.Role', 'The specified Role not exists .')


def session_name(params, required=True):
    """The RoleSessionName parameter, checked."""
    name = params.get('RoleSessionName', '')
    if not name:
        if required:
            raise ApiError(400, 'MissingRoleSessionName', 'RoleSessionName is mandatory for this action.')
        return 'emulator-session'
    if not SESSION_NAME_RE.match(name):
        raise ApiError(400, 'InvalidParameter.RoleSessionName', 'The parameter RoleSessionName is wrongly formed.')
    return name


def duration(params, role):
    """The DurationSeconds parameter: 900 up to the role's maximum session duration (default 3600)."""
    text = params.get('DurationSeconds', '') or '3600'
    if not text.isdigit() or not MIN_DURATION <= int(text) <= role.max_session_duration:
        raise ApiError(400, 'InvalidParameter.DurationSeconds',
                       'The Min/Max value of DurationSeconds is %d/%d seconds.' % (MIN_DURATION, role.max_session_duration))
    return int(text)


def session_actions(params, role):
    """What a session may do: the role's actions, narrowed by the session Policy when there is one."""
    text = params.get('Policy', '')
    if not text:
        return role.allowed_actions
    try:
        policy = json.loads(text)
        statements = policy['Statement']
        patterns = []
        for statement in statements:
            if statement.get('Effect') != 'Allow':
                continue
            actions = statement.get('Action')
            for action in [actions] if isinstance(actions, str) else actions:
                patterns.append(action.split(':', 1)[-1])
    except (ValueError, KeyError, TypeError, AttributeError):
        raise ApiError(400, 'InvalidParameter.PolicyGrammar', 'The parameter Policy has not passed grammar check.')
    from alicloud_live_emulator.actions import LIVE_ACTIONS  # pylint: disable=import-outside-toplevel
    names = [action.name for action in LIVE_ACTIONS]
    allowed = [name for name in names if any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns)]
    if role.allowed_actions is not None:
        allowed = [name for name in allowed if name in role.allowed_actions]
    return allowed


def _random_text(size):
    # Slashes, pluses and equal signs, as real tokens have: they must survive every encoding.
    return base64.b64encode(os.urandom(size)).decode('ascii')


def issue(state, role, name, seconds, allowed_actions):
    """Register new temporary credentials for a session of role; return the Credentials field."""
    key_id = 'STS.NT' + base64.b32encode(os.urandom(15)).decode('ascii').rstrip('=')
    expiration = int(time.time()) + seconds
    key = Key(key_id, role.account_id, _random_text(24), allowed_actions=allowed_actions,
              security_token='CAIS' + _random_text(96), expiration=expiration)
    state.accounts.add_key(key)
    sts = sts_state(state)
    with sts.lock:
        # The secret and the token too: tests look for them in what a client printed.
        sts.issued[key_id] = {'access_key_id': key_id, 'access_key_secret': key.secret, 'security_token': key.security_token,
                              'role_arn': role.arn, 'session_name': name,
                              'expiration': time.strftime(TIME_FORMAT, time.gmtime(expiration))}
    return {'AccessKeyId': key_id, 'AccessKeySecret': key.secret, 'SecurityToken': key.security_token,
            'Expiration': time.strftime(TIME_FORMAT, time.gmtime(expiration))}


def assumed_role_user(role, name):
    """The AssumedRoleUser field of an answer."""
    return {'Arn': '%s/%s' % (role.arn, name), 'AssumedRoleId': '3%017d:%s' % (abs(hash(role.arn)) % 10 ** 17, name)}


def _keys_named(sts, payload):
    if not isinstance(payload, dict):
        raise ControlError('body must be an object')
    key_id = payload.get('access_key_id')
    with sts.lock:
        if key_id is None:
            return list(sts.issued)
        if key_id not in sts.issued:
            raise ControlError('no issued credentials with access key id %s' % key_id, status=404)
        return [key_id]


def _expire(state, payload):
    keys = _keys_named(sts_state(state), payload)
    for key_id in keys:
        key = state.accounts.key(key_id)
        if key is not None:
            key.expiration = time.time() - 1
    return {'expired': keys}


def _revoke(state, payload):
    keys = _keys_named(sts_state(state), payload)
    for key_id in keys:
        state.accounts.remove_key(key_id)
    return {'revoked': keys}


def _oidc(state, payload):
    if not isinstance(payload, dict) or not isinstance(payload.get('expired'), bool):
        raise ControlError('body must be {"expired": true or false}')
    sts_state(state).oidc_expired = payload['expired']
    return {'expired': payload['expired']}


def _metadata(state, payload):
    if not isinstance(payload, dict) or payload.get('imds') not in METADATA_MODES:
        raise ControlError('body must be {"imds": one of %s}' % ', '.join(METADATA_MODES))
    sts_state(state).metadata_mode = payload['imds']
    return {'imds': payload['imds']}


def _issued(state, _payload):
    sts = sts_state(state)
    with sts.lock:
        return {'issued': [dict(entry) for entry in sts.issued.values()]}


CONTROL_ROUTES = {
    ('POST', 'expire'): _expire,
    ('POST', 'revoke'): _revoke,
    ('POST', 'oidc'): _oidc,
    ('POST', 'metadata'): _metadata,
    ('GET', 'issued'): _issued,
}


def handle_control(server, request):
    """Serve the STS control calls under /_emulator/v1/sts/."""
    route = CONTROL_ROUTES.get((request.method, request.path[len(CONTROL_PREFIX):].strip('/')))
    if route is None:
        return Reply.json(404, {'error': 'no control call %s %s' % (request.method, request.path)})
    try:
        payload = json.loads(request.body.decode('utf-8')) if request.body.strip() else {}
        return Reply.json(200, route(server.state, payload))
    except ValueError:
        return Reply.json(400, {'error': 'body is not JSON'})
    except ControlError as exc:
        return Reply.json(exc.status, {'error': exc.message})
